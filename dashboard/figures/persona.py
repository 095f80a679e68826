"""The *Persona* page: why a persona sits where it does, its factor profile and how sure the
placement is. Each figure with its alt text, its key where it has one, and its table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.figures import theme
from dashboard.figures.theme import Spec
from model import ZONES, Assessment, FactorKind, Persona, Uncertainty, Zone, factor_catalogue

# --- contributions: why the model places them here ---------------------------------------------

GAP = " "
"""Before a value written beside its bar (``texttemplate``), so the two never touch."""
TICK_GAP = "  "
"""After a bar's name, so that a name and a value at 0 never run together at the axis."""
POSITION = "Position"
POSITION_ROW = "Position (the sum)"
_SHOWN = 5e-4
"""Pushes smaller than this show as 0.000 and are left out of the chart (not the table)."""


def _contribution_name(factor_id: str) -> str:
    """The model's one name for a factor's contribution (``Factor.contribution_label``)."""
    return factor_catalogue()[factor_id].contribution_label


def _ranked(assessment: Assessment) -> list[tuple[str, float]]:
    return sorted(assessment.contributions.items(), key=lambda item: -item[1])


def contributions(assessment: Assessment) -> go.Figure:
    """A waterfall from choice (0) to the position: each factor's push, largest first."""
    parts = [(fid, v) for fid, v in _ranked(assessment) if v > _SHOWN]
    names = [theme.wrapped(_contribution_name(fid)) for fid, _ in parts] + [POSITION]
    waterfall: Spec = {
        "type": "waterfall",
        "orientation": "h",
        "y": names,
        "x": [v for _, v in parts] + [assessment.position],
        "measure": ["relative"] * len(parts) + ["total"],
        "text": [theme.number(v, signed=True) for _, v in parts]
        + [theme.number(assessment.position)],
        "texttemplate": GAP + "%{text}",
        "textposition": "outside",
        "increasing": {"marker": {"color": palette.ASSESSED}},
        "totals": {"marker": {"color": palette.INK}},
        "connector": {"line": {"color": palette.CONNECTOR, "dash": "dot", "width": 2}},
        "hovertemplate": "%{y}: %{text}<extra></extra>",
        "cliponaxis": False,
    }
    layout: Spec = {
        "height": 140 + 40 * len(names),
        "xaxis": theme.axis_01("Position, factor by factor"),
        "yaxis": theme.fixed_axis(autorange="reversed", automargin=True, ticksuffix=TICK_GAP),
        "showlegend": False,
        "margin": {"l": 16, "r": 80, "b": 70},
    }
    return theme.figure([waterfall], layout)


def contributions_alt(assessment: Assessment) -> str:
    top = ", ".join(
        f"{_contribution_name(fid).lower()} {value:.2f}"
        for fid, value in assessment.top_contributions()
    )
    return (
        f"Waterfall chart: the factors that move this persona from choice toward coercion add "
        f"up to its position {assessment.position:.2f}. Largest pushes: {top or 'none'}. "
        "The table beside it lists every contribution."
    )


def contributions_table(assessment: Assessment) -> pd.DataFrame:
    """Every factor's push, named and formatted as the chart names and formats it."""
    rows = [
        {"Factor": _contribution_name(fid), "Push": theme.number(value, signed=True)}
        for fid, value in _ranked(assessment)
    ]
    rows.append({"Factor": POSITION_ROW, "Push": theme.number(assessment.position)})
    return pd.DataFrame(rows)


# --- the factor profile -----------------------------------------------------------------------

_KIND_COLOURS = {
    FactorKind.CAPITAL: palette.OKABE_ITO[2],
    FactorKind.HARDSHIP: palette.OKABE_ITO[1],
    FactorKind.STRUGGLE: palette.OKABE_ITO[4],
    FactorKind.CONTROL: palette.OKABE_ITO[3],
}
_KIND_PATTERNS = {
    FactorKind.CAPITAL: "",
    FactorKind.HARDSHIP: "/",
    FactorKind.STRUGGLE: ".",
    FactorKind.CONTROL: "x",
}
_KIND_NAMES = {
    FactorKind.CAPITAL: "Capital (more → choice)",
    FactorKind.HARDSHIP: "Economic hardship (→ coercion)",
    FactorKind.STRUGGLE: "Personal struggles (→ coercion)",
    FactorKind.CONTROL: "Force, manipulation, control (→ coercion)",
}

FACTOR_KEY = (
    "**Key:** solid green bars = capital, which pushes toward choice · hatched orange ╱ = "
    "economic hardship · dotted pink ⁘ = personal struggles · crossed vermillion ╳ = force, "
    "manipulation and control; these three push toward coercion."
)


def _pattern(shape: str | list[str]) -> Spec:
    """A fill pattern in white over the bar's colour, so a bar is told by more than colour."""
    return {"shape": shape, "fgcolor": "white", "fillmode": "overlay"}


def _kind_bars(kind: FactorKind, values: dict[str, float]) -> Spec:
    factors = factor_catalogue().of_kind(kind)
    return {
        "type": "bar",
        "orientation": "h",
        "y": [f.short_label for f in factors],
        "hovertext": [f.label for f in factors],
        "x": [values[f.id] for f in factors],
        "name": _KIND_NAMES[kind],
        "marker": {"color": _KIND_COLOURS[kind], "pattern": _pattern(_KIND_PATTERNS[kind])},
        "text": [theme.number(values[f.id]) for f in factors],
        "texttemplate": GAP + "%{text}",
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{hovertext}: %{x:.3f}<extra>" + kind.value + "</extra>",
    }


def factor_profile(persona: Persona) -> go.Figure:
    """Every factor's value for a persona, grouped and patterned by kind."""
    values = persona.factor_values()
    layout: Spec = {
        "height": 190 + 30 * len(values),
        "xaxis": theme.fixed_axis(
            range=[0, 1.15], tickvals=[0, 0.5, 1], title={"text": "Value: 0 absent … 1"}
        ),
        "yaxis": theme.fixed_axis(
            autorange="reversed", automargin=False, tickfont={"size": 13}, ticksuffix=TICK_GAP
        ),
        # No legend: the key is written beside the chart (FACTOR_KEY). Plotly measured legend
        # text before the page's web font had loaded and clipped the longest entry, and a
        # legend wider than a phone's plot area left the whole chart blank.
        "showlegend": False,
        # A margin the longest label fits in at 13 px, and no more: on a phone every pixel
        # of it comes out of the bars.
        "margin": {"t": 30, "b": 60, "l": 180, "r": 40},
        "bargap": 0.25,
    }
    return theme.figure([_kind_bars(kind, values) for kind in FactorKind], layout)


def factor_profile_alt(persona: Persona) -> str:
    values = persona.factor_values()
    strong = [
        f.short_label.lower()
        for f in factor_catalogue().factors
        if f.kind is not FactorKind.CAPITAL and values[f.id] >= 0.5
    ]
    capitals = ", ".join(
        f"{f.short_label.lower()} {values[f.id]:.2f}"
        for f in factor_catalogue().of_kind(FactorKind.CAPITAL)
    )
    return (
        f"Horizontal bar chart of this persona's factor values, grouped into capital, economic "
        f"hardship, personal struggles, and force, manipulation and control. Capitals: "
        f"{capitals}. Other factors at 0.5 or more: {', '.join(strong) or 'none'}. Violence is "
        "not a factor: it is recorded apart. The table beside it lists every value."
    )


def factor_table(persona: Persona) -> pd.DataFrame:
    """Every factor's value, and the phrase of the persona's own story that grounds it."""
    values = persona.factor_values()
    return pd.DataFrame(
        [
            {
                "Factor": f.short_label,
                "Kind": f.kind.label,
                "Value": theme.number(values[f.id]),
                "From their story": persona.why.get(f.id, ""),
            }
            for f in factor_catalogue().factors
        ]
    )


# --- how sure the placement is ----------------------------------------------------------------


def zone_probabilities(uncertainty: Uncertainty, assessed: Zone) -> go.Figure:
    """Share of weight samples placing the persona in each zone."""
    shares = [uncertainty.zone_probabilities[z] for z in ZONES]
    bars: Spec = {
        "type": "bar",
        "x": shares,
        "y": [z.short_label + (" (assessed)" if z is assessed else "") for z in ZONES],
        "orientation": "h",
        "marker": {
            "color": [palette.ASSESSED if z is assessed else "#9CA3AF" for z in ZONES],
            "pattern": _pattern(["" if z is assessed else "." for z in ZONES]),
        },
        "text": [f"{s:.0%}" for s in shares],
        "texttemplate": GAP + "%{text}",
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{x:.1%}<extra></extra>",
    }
    layout: Spec = {
        "height": 280,
        "xaxis": theme.fixed_axis(
            range=[0, 1.15], tickformat=".0%", title={"text": "Share of samples"}
        ),
        # A fixed margin: automargin measured the labels a few pixels short in Chromium.
        "yaxis": theme.fixed_axis(autorange="reversed", automargin=False, ticksuffix=TICK_GAP),
        "margin": {"l": 210},
    }
    return theme.figure([bars], layout)


def zone_probabilities_alt(uncertainty: Uncertainty, assessed: Zone) -> str:
    parts = ", ".join(
        f"{z.label} {uncertainty.zone_probabilities[z]:.0%}"
        for z in ZONES
        if uncertainty.zone_probabilities[z] > 0
    )
    return (
        f"Bar chart: across {uncertainty.samples:,} samples of the weights, the share of "
        f"samples placing this persona in each zone: {parts}. The assessed zone is "
        f"{assessed.label}. The table beside it lists the same shares."
    )


def zone_probabilities_table(uncertainty: Uncertainty, assessed: Zone) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Zone": z.label,
                "Assessed": theme.yes_no(z is assessed),
                "Share of samples": f"{uncertainty.zone_probabilities[z]:.1%}",
            }
            for z in ZONES
        ]
    )
