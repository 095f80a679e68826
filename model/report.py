"""Score results as data and as text: the stable JSON document, CSV, and a terminal table.

The JSON document is ``format: "ccc-spectrum/score"``, ``version: 2``. Within a version fields are
only ever added, never renamed or removed. Every output carries the notice that the tool works on
fictional composites and is never a screening or identification tool (L25, L26).

What version 2 changed from version 1 (model v2):

- renamed values: ``legal_status`` is ``"minor_lacks_legal_agency"`` (was
  ``"minor_coerced_in_law"``) or ``"adult"``: a minor is *treated as* coerced because teenagers
  lack legal agency (L48), whatever their position or their own view;
- changed meaning: ``decisive_control`` is true only when force or manipulation at the threshold
  placed the persona in coercion; a third party's control is never decisive by itself (L66);
- removed: ``violence`` is no longer a factor, so it is gone from ``factors``,
  ``contributions`` and ``top_contributions``; the ``risk`` kind of factor was split into
  ``hardship`` and ``struggle`` (the factor ids are listed in ``factors``);
- added at the top: ``notice`` (the not-a-screening-tool notice), and in ``config`` the
  ``presence`` level and the ``decisive_threshold``;
- added per persona: ``reach`` (which inputs opened the highest zone allowed: ``force_or_
  manipulation``, ``both_strands``, ``hardship``, ``neither``), ``held`` (the reach rule kept
  the persona below a zone their raw position reached), ``present`` (the factor ids at or above
  the presence level, as ``{"hardship": [...], "struggle": [...], "control": [...]}``),
  ``violence`` and ``violence_present`` (recorded apart; never moves the position, L70),
  ``explanation`` (one sentence of why they sit where they sit), and ``responses``: the two
  layers of response (L50, L56, L62), ``{"starting_zone", "basis", "ask_first",
  "starting_label", "starting", "protections", "cautions", "guidance"}``, each list holding
  ``{"id", "title", "reason"}`` items.

The CSV flattens the same data, one row per persona; lists of ids are joined by ``;`` and the
last column, ``notice``, repeats the notice on every row so no copy of the data loses it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from model.config import ModelConfig
from model.explanation import NOTICE, explain
from model.factors import FactorKind, factor_catalogue
from model.interventions import Applicable, Caution, Intervention
from model.montecarlo import Uncertainty
from model.responses import ResponsePlan, plan_for
from model.scoring import Assessment, LegalStatus
from model.spectrum import ZONES

FORMAT_NAME = "ccc-spectrum/score"
FORMAT_VERSION = 2
TOP_COUNT = 3
PRESENT_KINDS = (FactorKind.HARDSHIP, FactorKind.STRUGGLE, FactorKind.CONTROL)
"""The kinds listed under ``present`` (capitals are held, not present or absent)."""
LIST_SEPARATOR = ";"


def _items(
    applicable: Sequence[Applicable[Intervention] | Applicable[Caution]],
) -> list[dict[str, str]]:
    return [{"id": a.item.id, "title": a.item.title, "reason": a.reason} for a in applicable]


def responses_record(plan: ResponsePlan) -> dict[str, Any]:
    """The two layers of response, the cautions and the guidance, as plain data."""
    return {
        "starting_zone": plan.starting_zone.value,
        "basis": plan.basis.value,
        "ask_first": plan.ask_first,
        "starting_label": plan.starting_label,
        "starting": _items(plan.starting),
        "protections": _items(plan.protections),
        "cautions": _items(plan.cautions),
        "guidance": _items(plan.guidance),
    }


def assessment_record(assessment: Assessment, uncertainty: Uncertainty | None) -> dict[str, Any]:
    """One persona's record in the JSON document."""
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
        "reach": a.reach.value,
        "held": a.held,
        "present": {kind.value: list(a.present.get(kind, ())) for kind in PRESENT_KINDS},
        "violence": a.violence,
        "violence_present": a.violence_present,
        "contributions": dict(a.contributions),
        "top_contributions": [
            {"factor": fid, "value": value} for fid, value in a.top_contributions(TOP_COUNT)
        ],
        "interval": None,
        "zone_probabilities": None,
        "explanation": explain(a),
        "responses": responses_record(plan_for(a)),
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
        "notice": NOTICE,
        "config": {
            "source": config_source,
            "boundaries": config.boundaries.model_dump(),
            "presence": config.scoring.presence,
            "decisive_threshold": config.scoring.decisive_threshold,
        },
        "monte_carlo": monte_carlo,
        "factors": list(factor_catalogue().ids),
        "zones": [z.value for z in ZONES],
        "personas": [assessment_record(a, by_id.get(a.persona_id)) for a in assessments],
    }


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- CSV


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value)
    return str(value)


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


def to_csv(document: dict[str, Any]) -> str:
    """One row per persona, one column per value: reads as-is into pandas and R."""
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
        writer.writerow({name: _csv_value(value) for name, value in row.items()})
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


def to_table(document: dict[str, Any]) -> str:
    """A plain-text table for terminals, headed by the notice."""
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
