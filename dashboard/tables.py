"""The tables shown beside every chart: the same data, readable by screen readers and copyable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from dashboard.charts import outcome_name
from dashboard.session import Results
from model import (
    ZONES,
    Assessment,
    FramedView,
    Persona,
    Uncertainty,
    Zone,
    catalogue,
    factor_catalogue,
    framings,
)


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


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
        {"Factor": catalogue_[fid].short_label, "Push": round(value, 4)}
        for fid, value in sorted(assessment.contributions.items(), key=lambda kv: -kv[1])
    ]
    rows.append({"Factor": "Position (the sum)", "Push": round(assessment.position, 4)})
    return pd.DataFrame(rows)


def factor_table(persona: Persona) -> pd.DataFrame:
    values = persona.factor_values()
    return pd.DataFrame(
        [
            {"Factor": f.short_label, "Kind": f.kind.value, "Value": values[f.id]}
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


def framing_table(views: Sequence[FramedView], personas: Sequence[Persona]) -> pd.DataFrame:
    """Persona by framing: where each framing puts each persona."""
    titles = {f.id: f.short_title for f in framings()}
    labels = {p.id: p.label for p in personas}
    by_persona: dict[str, dict[str, str]] = {}
    for v in views:
        row = by_persona.setdefault(v.persona_id, {"Persona": labels[v.persona_id]})
        row[titles[v.framing]] = outcome_name(v)
    return pd.DataFrame(list(by_persona.values()))


def _levels(intervention_ids: Sequence[str]) -> str:
    """A count of responses by level, e.g. "3 legal, 2 individual"."""
    counts = Counter(catalogue().intervention(i).level.value for i in intervention_ids)
    return ", ".join(f"{n} {level}" for level, n in counts.most_common()) or "None"


def framing_detail_table(views: Sequence[FramedView], personas: Sequence[Persona]) -> pd.DataFrame:
    """For one framing: how each persona is treated, what follows, what the essays warn."""
    cat = catalogue()
    labels = {p.id: p.label for p in personas}
    return pd.DataFrame(
        [
            {
                "Persona": labels[v.persona_id],
                "Treated as": v.treated_as,
                "Differs from the spectrum": _yes_no(v.differs_from_spectrum),
                "Responses that follow": _levels(v.responses),
                "Cautions the essays raise": "; ".join(cat.caution(c).title for c in v.cautions)
                or "None",
            }
            for v in views
        ]
    )


def overview_table() -> pd.DataFrame:
    """Interventions × zones, a tick where an intervention serves a zone."""
    rows = []
    for item in catalogue().interventions:
        row = {"Intervention": item.title, "Level": item.level.value}
        for zone in ZONES:
            row[zone.short_label] = "✓" if zone in item.applies_to else "—"
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
