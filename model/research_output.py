"""A researcher's results as text: comparisons and sensitivity, as tables and CSV.

The JSON of each is its pydantic model's own (``model_dump_json``); the CSV has one row per
persona (and per setting, for indices) and carries the notice on every row, like the score CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from model.compare import Comparison
from model.explanation import NOTICE
from model.report import csv_value
from model.sensitivity import SensitivityReport, Swing, summary

TIPPING_SHOWN = 3


def _csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*columns, "notice"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**{k: csv_value(v) for k, v in row.items()}, "notice": NOTICE})
    return buffer.getvalue()


def _aligned(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return lines


def _interval(pair: tuple[float, float] | None) -> str:
    return "" if pair is None else f"{pair[0]:.2f}–{pair[1]:.2f}"


def comparison_table(c: Comparison) -> str:
    lines = [NOTICE, "", f"A: {c.a}", f"B: {c.b}", "", "Settings that differ:"]
    lines += [f"  {d.setting}: {d.a!r} → {d.b!r}" for d in c.settings] or ["  none"]
    lines.append("")
    rows = [
        [
            p.id,
            f"{p.position_a:.3f}",
            f"{p.position_b:.3f}",
            f"{p.shift:+.3f}",
            p.zone_a.value,
            p.zone_b.value + (" *" if p.zone_changed else ""),
            _interval(p.interval_a),
            _interval(p.interval_b),
            ", ".join(
                [*(f"+{r}" for r in p.responses_gained), *(f"-{r}" for r in p.responses_lost)]
            ),
        ]
        for p in c.personas
    ]
    headers = ["ID", "Pos A", "Pos B", "Shift", "Zone A", "Zone B", "Int. A", "Int. B", "Responses"]
    lines += _aligned(headers, rows)
    changed = c.zone_changes
    lines += [
        "",
        f"* zone differs: {len(changed)} of {len(c.personas)} personas"
        + (f" ({', '.join(p.id for p in changed)})" if changed else ""),
        "Responses: +gained / -lost under B, either layer.",
    ]
    return "\n".join(lines) + "\n"


def comparison_csv(c: Comparison) -> str:
    columns = [
        "id", "label", "position_a", "position_b", "shift", "zone_a", "zone_b", "zone_changed",
        "interval_a_low", "interval_a_high", "interval_b_low", "interval_b_high",
        "responses_gained", "responses_lost", "config_a", "config_b",
    ]  # fmt: skip
    rows = (
        {
            "id": p.id,
            "label": p.label,
            "position_a": p.position_a,
            "position_b": p.position_b,
            "shift": p.shift,
            "zone_a": p.zone_a.value,
            "zone_b": p.zone_b.value,
            "zone_changed": p.zone_changed,
            "interval_a_low": p.interval_a and p.interval_a[0],
            "interval_a_high": p.interval_a and p.interval_a[1],
            "interval_b_low": p.interval_b and p.interval_b[0],
            "interval_b_high": p.interval_b and p.interval_b[1],
            "responses_gained": ";".join(p.responses_gained),
            "responses_lost": ";".join(p.responses_lost),
            "config_a": c.a,
            "config_b": c.b,
        }
        for p in c.personas
    )
    return _csv(columns, rows)


def _tipping(s: Swing) -> str:
    parts = []
    if s.tips_below is not None and s.zone_below is not None:
        parts.append(f"below {s.tips_below:.3g} → {s.zone_below.value}")
    if s.tips_above is not None and s.zone_above is not None:
        parts.append(f"above {s.tips_above:.3g} → {s.zone_above.value}")
    return "; ".join(parts) or "no change within reach"


def sensitivity_table(report: SensitivityReport, swings: dict[str, list[Swing]]) -> str:
    sobol = report.method.value == "sobol"
    lines = [
        NOTICE,
        "",
        f"{report.method.value.capitalize()} sensitivity, {report.base_samples:,} base samples, "
        f"{report.evaluations:,} evaluations, seed {report.seed}.",
        "",
    ]
    for result in report.personas:
        ranked = sorted(result.indices, key=lambda i: -((i.total if sobol else i.mu_star) or 0.0))[
            :5
        ]
        lines += [f"{result.persona_id}: {summary(result)}"]
        for i in ranked:
            if sobol:
                lines.append(
                    f"  {i.label:<44} total {i.total:.3f} ± {i.total_conf:.3f}   "
                    f"first {i.first:.3f} ± {i.first_conf:.3f}"
                )
            else:
                lines.append(f"  {i.label:<44} mu* {i.mu_star:.4f}   sigma {i.sigma:.4f}")
        for s in swings.get(result.persona_id, [])[:TIPPING_SHOWN]:
            lines.append(
                f"  swing {s.label:<38} {s.position_at_low:.3f}–{s.position_at_high:.3f}; "
                f"{_tipping(s)}"
            )
        lines.append("")
    return "\n".join(lines)


def sensitivity_json(report: SensitivityReport, swings: dict[str, list[Swing]]) -> str:
    """The sensitivity document (``ccc-spectrum/sensitivity``, version 1): every persona's
    indices, its swings and tipping points, and the notice."""
    document = {
        "format": "ccc-spectrum/sensitivity",
        "version": 1,
        "notice": NOTICE,
        **report.model_dump(mode="json"),
        "swings": {
            pid: [s.model_dump(mode="json") for s in found] for pid, found in swings.items()
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def sensitivity_csv(report: SensitivityReport) -> str:
    columns = [
        "persona_id", "zone", "stays_in_zone", "method", "parameter", "label",
        "first", "first_conf", "total", "total_conf", "mu_star", "mu_star_conf", "sigma",
    ]  # fmt: skip
    rows = (
        {
            "persona_id": result.persona_id,
            "zone": result.zone.value,
            "stays_in_zone": result.stays_in_zone,
            "method": report.method.value,
            **index.model_dump(),
        }
        for result in report.personas
        for index in result.indices
    )
    return _csv(columns, rows)
