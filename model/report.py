"""The score document written out: JSON, CSV, and a terminal table.

All three are written from one :class:`model.score.ScoreDocument`. The CSV flattens it, one row
per persona; lists of ids are joined by ``;`` and the last column, ``notice``, repeats the notice
on every row so no copy of the data loses it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from model.factors import factor_catalogue
from model.score import PRESENT_KINDS, ScoreDocument
from model.scoring import LegalStatus

LIST_SEPARATOR = ";"


def to_json(document: ScoreDocument) -> str:
    return document.model_dump_json(indent=2) + "\n"


# ---------------------------------------------------------------- CSV


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: Any) -> str:
    """One CSV cell. Text that a spreadsheet would run as a formula (``=HYPERLINK(...)``) is
    prefixed with an apostrophe, so opening the file never runs what a persona file wrote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float | int):
        return repr(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _ids(items: Sequence[dict[str, Any]]) -> str:
    return LIST_SEPARATOR.join(item["id"] for item in items)


def csv_columns(factors: Sequence[str], zones: Sequence[str]) -> list[str]:
    """The CSV's columns, in order: the row builder fills them by name."""
    return [
        "id", "label", "age_band", "minor", "position", "zone", "region", "band",
        "self_placement", "self_zone", "gap", "legal_status", "decisive_control",
        "reach", "held",
        *(f"present_{kind.value}" for kind in PRESENT_KINDS),
        "violence", "violence_present", "explanation",
        "top_contributions",
        *(f"contribution_{f}" for f in factors),
        "interval_level", "interval_low", "interval_median", "interval_high",
        *(f"p_{z}" for z in zones),
        "starting_zone", "starting_basis", "ask_first",
        "responses_starting", "responses_protections", "cautions", "responses_guidance",
        "notice",
    ]  # fmt: skip


_COPIED = (
    "id", "label", "age_band", "minor", "position", "zone", "region", "band",
    "self_placement", "self_zone", "gap", "legal_status", "decisive_control",
    "reach", "held", "violence", "violence_present", "explanation",
)  # fmt: skip
"""Columns that hold a record's field of the same name as it is."""


def csv_row(record: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """One persona's CSV row, column name to value."""
    interval = record["interval"] or {}
    probabilities = record["zone_probabilities"] or {}
    responses = record["responses"]
    row: dict[str, Any] = {name: record[name] for name in _COPIED}
    row.update(
        {f"present_{kind}": LIST_SEPARATOR.join(ids) for kind, ids in record["present"].items()}
    )
    row["top_contributions"] = LIST_SEPARATOR.join(
        f"{t['factor']}:{t['value']:.4f}" for t in record["top_contributions"]
    )
    row.update({f"contribution_{f}": record["contributions"][f] for f in document["factors"]})
    row.update({f"interval_{key}": interval.get(key) for key in ("level", "low", "median", "high")})
    row.update({f"p_{z}": probabilities.get(z) for z in document["zones"]})
    row.update(
        {
            "starting_zone": responses["starting_zone"],
            "starting_basis": responses["basis"],
            "ask_first": responses["ask_first"],
            "responses_starting": _ids(responses["starting"]),
            "responses_protections": _ids(responses["protections"]),
            "cautions": _ids(responses["cautions"]),
            "responses_guidance": _ids(responses["guidance"]),
            "notice": document["notice"],
        }
    )
    return row


def to_csv(score: ScoreDocument) -> str:
    """One row per persona, one column per value: reads as-is into pandas and R."""
    document = score.model_dump(mode="json")
    columns = csv_columns(document["factors"], document["zones"])
    buffer = io.StringIO()
    # extrasaction="raise": a value without a column (or a misspelt name) fails loudly here.
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for record in document["personas"]:
        row = csv_row(record, document)
        missing = [c for c in columns if c not in row]
        if missing:
            raise KeyError(f"CSV columns without a value: {', '.join(missing)}")
        writer.writerow({name: csv_value(value) for name, value in row.items()})
    return buffer.getvalue()


# ---------------------------------------------------------------- table

LABEL_WIDTH = 36
MINOR_LEGAL = "minor: lacks legal agency"
DECISIVE_MARK = "⚑"
HELD_MARK = "↓"
VIOLENCE_MARK = "V"


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.3f}"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def to_table(score: ScoreDocument) -> str:
    """A plain-text table for terminals, headed by the notice."""
    document = score.model_dump(mode="json")
    catalogue = factor_catalogue()
    records: list[dict[str, Any]] = document["personas"]
    has_mc = document["monte_carlo"] is not None
    headers = [
        "ID", "Label", "Age band", "Pos", "Zone", "Self", "Gap", "Legal", "Viol.",
        "Top contributions",
    ]  # fmt: skip
    if has_mc:
        headers[4:4] = ["Interval", "P(zone)"]
    rows = []
    for r in records:
        top = ", ".join(
            f"{catalogue[t['factor']].short_label} {t['value']:.2f}" for t in r["top_contributions"]
        )
        marks = (f" {DECISIVE_MARK}" if r["decisive_control"] else "") + (
            f" {HELD_MARK}" if r["held"] else ""
        )
        row = [
            r["id"],
            _short(r["label"], LABEL_WIDTH),
            r["age_band"],
            _fmt(r["position"], 3),
            r["zone"] + marks,
            _fmt(r["self_placement"], 3),
            _signed(r["gap"]),
            MINOR_LEGAL if r["legal_status"] == LegalStatus.MINOR.value else "adult",
            f"{VIOLENCE_MARK} {r['violence']:.2f}" if r["violence_present"] else "",
            top,
        ]
        if has_mc:
            interval = r["interval"]
            probability = r["zone_probabilities"][r["zone"]]
            row[4:4] = [f"{interval['low']:.2f}–{interval['high']:.2f}", f"{probability:.0%}"]
        rows.append(row)
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    notes = [
        "Pos: 0 = choice, 1 = coercion. Self: their own placement (L50); — not stated: ask "
        "first. Gap: position minus self-placement.",
    ]
    if has_mc:
        mc = document["monte_carlo"]
        notes.append(
            f"Interval: central {mc['level']:.0%} of {mc['samples']:,} weight samples "
            f"(seed {mc['seed']}); P(zone): share of samples in the assessed zone."
        )
    if any(r["minor"] for r in records):
        notes.append(
            "Legal: a minor lacks legal agency, so is treated as coerced whatever the position "
            "and whatever they say (L48)."
        )
    if any(r["decisive_control"] for r in records):
        notes.append(
            f"{DECISIVE_MARK} force or manipulation at the threshold placed this persona in "
            "coercion (L42)."
        )
    if any(r["held"] for r in records):
        notes.append(
            f"{HELD_MARK} held below the next zone, which the unbounded position reached: that "
            "zone needs inputs this persona lacks (L42)."
        )
    if any(r["violence_present"] for r in records):
        notes.append(
            f"Viol.: {VIOLENCE_MARK} = violence recorded (with its level); kept apart, it never "
            "moves the position, and always calls for support (L70)."
        )
    return "\n".join([document["notice"], "", *lines, "", *notes]) + "\n"
