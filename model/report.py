"""Score results as data and as text: the stable JSON document, CSV, and a terminal table.

The JSON document (``format: "ccc-spectrum/score"``, ``version: 1``) is documented in the
README; fields are only ever added to it, never renamed or removed, within a version.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from model.config import ModelConfig
from model.factors import factor_catalogue
from model.montecarlo import Uncertainty
from model.scoring import Assessment
from model.spectrum import ZONES

FORMAT_NAME = "ccc-spectrum/score"
FORMAT_VERSION = 1
TOP_COUNT = 3


def assessment_record(assessment: Assessment, uncertainty: Uncertainty | None) -> dict[str, Any]:
    """One persona's row of the JSON document."""
    a = assessment
    record: dict[str, Any] = {
        "id": a.persona_id,
        "label": a.label,
        "age_band": a.age_band.value,
        "minor": a.is_minor,
        "position": a.position,
        "zone": a.zone.value,
        "region": a.region.value,
        "band": a.band,
        "self_placement": a.self_placement,
        "self_zone": None if a.self_zone is None else a.self_zone.value,
        "gap": a.gap,
        "legal_status": a.legal_status.value,
        "decisive_control": a.decisive_control,
        "contributions": dict(a.contributions),
        "top_contributions": [
            {"factor": fid, "value": value} for fid, value in a.top_contributions(TOP_COUNT)
        ],
        "interval": None,
        "zone_probabilities": None,
    }
    if uncertainty is not None:
        record["interval"] = {
            "level": uncertainty.level,
            "low": uncertainty.low,
            "median": uncertainty.median,
            "high": uncertainty.high,
        }
        record["zone_probabilities"] = {
            z.value: p for z, p in uncertainty.zone_probabilities.items()
        }
    return record


def score_document(
    assessments: Sequence[Assessment],
    uncertainties: Sequence[Uncertainty] | None,
    config: ModelConfig,
    *,
    config_source: str,
    seed: int | None = None,
) -> dict[str, Any]:
    """The whole JSON document for a scoring run."""
    by_id = {u.persona_id: u for u in uncertainties or ()}
    monte_carlo = None
    if uncertainties:
        first = uncertainties[0]
        monte_carlo = {"samples": first.samples, "seed": seed, "level": first.level}
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "config": {
            "source": config_source,
            "boundaries": config.boundaries.model_dump(),
        },
        "monte_carlo": monte_carlo,
        "factors": list(factor_catalogue().ids),
        "zones": [z.value for z in ZONES],
        "personas": [assessment_record(a, by_id.get(a.persona_id)) for a in assessments],
    }


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(document: dict[str, Any]) -> str:
    """One row per persona, one column per value: reads as-is into pandas and R."""
    factors: list[str] = document["factors"]
    zones: list[str] = document["zones"]
    columns = [
        "id", "label", "age_band", "minor", "position", "zone", "region", "band",
        "self_placement", "self_zone", "gap", "legal_status", "decisive_control",
        "top_contributions",
        *(f"contribution_{f}" for f in factors),
        "interval_level", "interval_low", "interval_median", "interval_high",
        *(f"p_{z}" for z in zones),
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in document["personas"]:
        interval = record["interval"] or {}
        probabilities = record["zone_probabilities"] or {}
        row = [
            *(record[c] for c in columns[:13]),
            ";".join(f"{t['factor']}:{t['value']:.4f}" for t in record["top_contributions"]),
            *(record["contributions"][f] for f in factors),
            interval.get("level"), interval.get("low"), interval.get("median"),
            interval.get("high"),
            *(probabilities.get(z) for z in zones),
        ]  # fmt: skip
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.3f}"


def to_table(document: dict[str, Any]) -> str:
    """A plain-text table for terminals."""
    catalogue = factor_catalogue()
    has_mc = document["monte_carlo"] is not None
    headers = [
        "ID", "Label", "Age band", "Pos", "Zone", "Self", "Gap", "Legal", "Top contributions",
    ]  # fmt: skip
    if has_mc:
        headers[4:4] = ["Interval", "P(zone)"]
    rows = []
    for r in document["personas"]:
        label = r["label"] if len(r["label"]) <= 36 else r["label"][:35] + "…"
        top = ", ".join(
            f"{catalogue[t['factor']].label.split(' (')[0].split(',')[0]} {t['value']:.2f}"
            for t in r["top_contributions"]
        )
        row = [
            r["id"],
            label,
            r["age_band"],
            _fmt(r["position"], 3),
            r["zone"] + (" ⚑" if r["decisive_control"] else ""),
            _fmt(r["self_placement"], 3),
            _signed(r["gap"]),
            "minor: coerced in law" if r["minor"] else "adult",
            top,
        ]
        if has_mc:
            interval = r["interval"]
            probability = r["zone_probabilities"][r["zone"]]
            row[4:4] = [f"{interval['low']:.2f}–{interval['high']:.2f}", f"{probability:.0%}"]
        rows.append(row)
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    notes = ["Pos: 0 = choice, 1 = coercion. Gap: position minus self-placement."]
    if has_mc:
        mc = document["monte_carlo"]
        notes.append(
            f"Interval: central {mc['level']:.0%} of {mc['samples']:,} weight samples "
            f"(seed {mc['seed']}); P(zone): share of samples in the assessed zone."
        )
    if any(r["decisive_control"] for r in document["personas"]):
        notes.append("⚑ force or a third party's control alone placed this persona in coercion.")
    return "\n".join([*lines, "", *notes]) + "\n"
