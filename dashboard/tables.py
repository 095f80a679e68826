"""The tables shown beside every chart: the same data, readable by screen readers and copyable."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard import layers
from dashboard.cards import level_name
from dashboard.charts import outcome_name
from model import (
    ZONES,
    Assessment,
    FramedView,
    FramingId,
    Persona,
    PlacementBasis,
    Uncertainty,
    Zone,
    catalogue,
    factor_catalogue,
    framings,
)
from model.results import Results

VIOLENCE_COLUMN = "Violence recorded"
NONE = "None"


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def violence_text(assessment: Assessment) -> str:
    """The violence a persona has met, recorded apart from the position (L70)."""
    if assessment.violence_present:
        return f"Yes, {assessment.violence:.2f}: support (L70)"
    if assessment.violence > 0:
        return f"Below the presence level, {assessment.violence:.2f}"
    return NONE


def map_table(personas: Sequence[Persona], results: Results) -> pd.DataFrame:
    rows = []
    for p in personas:
        a, u = results.assessments[p.id], results.uncertainties[p.id]
        rows.append(
            {
                "Persona": p.label,
                "ID": p.id,
                "Age band": p.age_band.label,
                "Minor": _yes_no(p.is_minor),
                VIOLENCE_COLUMN: violence_text(a),
                "Assessed position": round(a.position, 3),
                f"{u.level:.0%} interval": f"{u.low:.2f}–{u.high:.2f}",
                "Assessed zone": a.zone.label,
                "P(assessed zone)": f"{u.zone_probabilities[a.zone]:.0%}",
                "Self-placement": None if a.self_placement is None else round(a.self_placement, 3),
                "Self-placed zone": "Not stated" if a.self_zone is None else a.self_zone.label,
                "Gap": None if a.gap is None else round(a.gap, 3),
                "Legal status": a.legal_status.label,
            }
        )
    return pd.DataFrame(rows)


def contributions_table(assessment: Assessment) -> pd.DataFrame:
    catalogue_ = factor_catalogue()
    rows = [
        {"Factor": catalogue_[fid].contribution_label, "Push": round(value, 4)}
        for fid, value in sorted(assessment.contributions.items(), key=lambda kv: -kv[1])
    ]
    rows.append({"Factor": "Position (the sum)", "Push": round(assessment.position, 4)})
    return pd.DataFrame(rows)


def factor_table(persona: Persona) -> pd.DataFrame:
    """Every factor's value, and the phrase of the persona's own story that grounds it."""
    values = persona.factor_values()
    return pd.DataFrame(
        [
            {
                "Factor": f.short_label,
                "Kind": f.kind.label,
                "Value": f"{values[f.id]:.2f}",
                "From their story": persona.why.get(f.id, ""),
            }
            for f in factor_catalogue().factors
        ]
    )


def zone_probability_table(uncertainty: Uncertainty, assessed: Zone) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Zone": z.label,
                "Assessed": _yes_no(z is assessed),
                "Share of samples": f"{uncertainty.zone_probabilities[z]:.1%}",
            }
            for z in ZONES
        ]
    )


BASIS_LABELS: dict[PlacementBasis, str] = {
    PlacementBasis.SELF_PLACEMENT: "Their own place",
    PlacementBasis.ASSESSED_STAND_IN: "Not stated: ask first; the assessed zone stands in",
    PlacementBasis.ASSESSED: "Assessed from outside, without asking",
    PlacementBasis.ALL_AS_COERCION: "Everyone selling sex, as coercion",
    PlacementBasis.NOT_PLACED: "It prosecutes instead of placing",
}
"""What a framing places a persona by, said plainly (from the typed basis, never from prose)."""


def placement(v: FramedView) -> str:
    """Where a framing places a persona, in words: the zone, or that it places them nowhere."""
    if v.zone is None:
        return "Not placed on the axis"
    if v.basis is PlacementBasis.ASSESSED_STAND_IN:
        return f"{v.zone.label} (stand-in until asked)"
    return v.zone.label


def placed_by(v: FramedView) -> str:
    """Where a framing places a persona, and by what: "Choice — Their own place"."""
    where = v.zone.label if v.zone is not None else "Not placed on the axis"
    return f"{where} — {BASIS_LABELS[v.basis]}"


def intervention_titles(ids: Sequence[str]) -> list[str]:
    cat = catalogue()
    return [cat.intervention(i).title for i in ids]


def caution_titles(ids: Sequence[str]) -> list[str]:
    cat = catalogue()
    return [cat.caution(i).title for i in ids]


def _named(titles: Sequence[str], empty: str = NONE) -> str:
    """Titles as one cell: each after a bullet, since the titles themselves hold commas."""
    return " ".join(f"• {t}" for t in titles) or empty


def framing_table(views: Sequence[FramedView], personas: Sequence[Persona]) -> pd.DataFrame:
    """Persona by framing: where each framing puts each persona."""
    titles = {f.id: f.short_title for f in framings()}
    labels = {p.id: p.label for p in personas}
    by_persona: dict[str, dict[str, str]] = {}
    for v in views:
        row = by_persona.setdefault(v.persona_id, {"Persona": labels[v.persona_id]})
        row[titles[v.framing]] = outcome_name(v)
    return pd.DataFrame(list(by_persona.values()))


RESPONSES_COLUMN = "Responses that follow"
PROTECTIONS_COLUMN = layers.PROTECTIONS


def framing_detail_table(views: Sequence[FramedView], personas: Sequence[Persona]) -> pd.DataFrame:
    """For one framing: where it places each persona, by what, what follows, what the essays warn.

    Responses and cautions are named, not counted. The protections column appears for the
    framing that has them (the essays' own, starting where they are).
    """
    labels = {p.id: p.label for p in personas}
    layered = any(v.framing is FramingId.STARTING_WHERE_THEY_ARE for v in views)
    rows = []
    for v in views:
        row = {
            "Persona": labels[v.persona_id],
            "Places them (by what)": placed_by(v),
            "Differs from the assessment": _yes_no(v.differs_from_assessment),
            (layers.STARTING if layered else RESPONSES_COLUMN): _named(
                intervention_titles(v.responses), "None: arrest and prosecution"
            ),
        }
        if layered:
            row[PROTECTIONS_COLUMN] = _named(intervention_titles(v.protections))
        row["Cautions the essays raise"] = _named(caution_titles(v.cautions))
        rows.append(row)
    return pd.DataFrame(rows)


WHATEVER_COLUMN = "Whatever they say (L62)"
PROTECTION_COLUMN = "Protection for"


def overview_table() -> pd.DataFrame:
    """Interventions × zones, a tick where an intervention serves a zone, and what may not wait."""
    rows = []
    for item in catalogue().interventions:
        row = {
            "Intervention": item.title,
            "Level (this project's classification)": level_name(item.level),
        }
        for zone in ZONES:
            row[zone.short_label] = "✓" if zone in item.applies_to else "—"
        row[WHATEVER_COLUMN] = "Yes" if item.follows_assessment else "—"
        row[PROTECTION_COLUMN] = ", ".join(t.short for t in layers.triggers_for(item)) or "—"
        rows.append(row)
    return pd.DataFrame(rows)


def _number(value: float, *, signed: bool = False) -> str:
    """Three decimals as text, so the table shows 0.500, not 0.5 (and never -0.000)."""
    text = f"{value:+.3f}" if signed else f"{value:.3f}"
    return text.replace("-0.000", "0.000").replace("+0.000", "0.000")


def shift_table(
    personas: Sequence[Persona],
    current: dict[str, Assessment],
    baseline: dict[str, Assessment],
) -> pd.DataFrame:
    """Each persona's position by default and now. The numbers come as text, formatted here:
    formatting through a pandas Styler took a third of the adjust page's redraw on the server."""
    return pd.DataFrame(
        [
            {
                "Persona": p.label,
                "Default": _number(baseline[p.id].position),
                "Default zone": baseline[p.id].zone.short_label,
                "Now": _number(current[p.id].position),
                "Zone now": current[p.id].zone.short_label,
                "Change": _number(current[p.id].position - baseline[p.id].position, signed=True),
                "Zone changed": _yes_no(current[p.id].zone is not baseline[p.id].zone),
            }
            for p in personas
        ]
    )
