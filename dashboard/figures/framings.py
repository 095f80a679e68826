"""The *Compare framings* page: where each framing puts the personas (figure, alt text and
tables), and how one framed view is said in words (also on the persona page's cards)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.figures import theme
from dashboard.figures.theme import Spec
from model import ZONES, FramedView, FramingId, Layer, PlacementBasis, framings, response_catalogue
from model.results import Results

NOT_STATED = "Ask first (not stated)"
OFFENDER = "Not placed: prosecuted"
NOT_PLACED = "Not placed on the axis"

KEY = (
    f"*{NOT_STATED}*: the framing asks first, for the persona has not said where they stand; "
    f"*{OFFENDER}*: the framing places no one on the axis and arrests."
)

BASIS_LABELS: dict[PlacementBasis, str] = {
    PlacementBasis.SELF_PLACEMENT: "Their own place",
    PlacementBasis.ASSESSED_STAND_IN: "Not stated: ask first; the assessed zone stands in",
    PlacementBasis.ASSESSED: "Assessed from outside, without asking",
    PlacementBasis.ALL_AS_COERCION: "Everyone selling sex, as coercion",
    PlacementBasis.NOT_PLACED: "It prosecutes instead of placing",
}
"""What a framing places a persona by, said plainly (from the typed basis, never from prose)."""


def outcome_name(view: FramedView) -> str:
    """Where a framing leaves a persona: a zone, "Ask first" when the zone only stands in for an
    unstated self-placement, or "Not placed" when the framing prosecutes instead."""
    if view.basis is PlacementBasis.NOT_PLACED or view.zone is None:
        return OFFENDER
    if view.basis is PlacementBasis.ASSESSED_STAND_IN:
        return NOT_STATED
    return view.zone.short_label


def placement(v: FramedView) -> str:
    """Where a framing places a persona, in words: the zone, or that it places them nowhere."""
    if v.zone is None:
        return NOT_PLACED
    if v.basis is PlacementBasis.ASSESSED_STAND_IN:
        return f"{v.zone.label} (stand-in until asked)"
    return v.zone.label


def placed_by(v: FramedView) -> str:
    """Where a framing places a persona, and by what: "Choice — Their own place"."""
    where = v.zone.label if v.zone is not None else NOT_PLACED
    return f"{where} — {BASIS_LABELS[v.basis]}"


def intervention_titles(ids: Sequence[str]) -> list[str]:
    cat = response_catalogue()
    return [cat.intervention(i).title for i in ids]


def caution_titles(ids: Sequence[str]) -> list[str]:
    cat = response_catalogue()
    return [cat.caution(i).title for i in ids]


# --- the figure -------------------------------------------------------------------------------

_OUTCOMES = [z.short_label for z in ZONES] + [OFFENDER, NOT_STATED]
_OUTCOME_PATTERNS = ["", ".", "/", "\\", "x", "-", ""]
_OUTCOME_COLOURS = [
    palette.OKABE_ITO[0],
    palette.OKABE_ITO[5],
    "#9CA3AF",
    palette.OKABE_ITO[1],
    palette.OKABE_ITO[3],
    "#374151",
    "#E5E7EB",
]
# Count labels in white on dark segments and in ink on light ones, for contrast.
_OUTCOME_TEXT = ["white", palette.INK, palette.INK, palette.INK, "white", "white", palette.INK]
_BARGAP = 0.5


def _outcome_bars(index: int, titles: list[str], counts: list[int]) -> Spec:
    outcome = _OUTCOMES[index]
    return {
        "type": "bar",
        "orientation": "h",
        "y": titles,
        "x": counts,
        "name": outcome,
        "marker": {
            "color": _OUTCOME_COLOURS[index],
            "pattern": {
                "shape": _OUTCOME_PATTERNS[index],
                "fgcolor": "white",
                "fillmode": "overlay",
            },
            "line": {"color": "white", "width": 1},
        },
        "text": [str(x) if x else "" for x in counts],
        "textposition": "inside",
        "insidetextanchor": "middle",
        "insidetextfont": {"color": _OUTCOME_TEXT[index], "size": 15},
        "textangle": 0,
        "hovertemplate": "%{y}: %{x} in " + outcome + "<extra></extra>",
    }


def _framing_name(index: int, title: str) -> Spec:
    """A framing's name above its bar, inside the plot, rather than in a margin that left the
    bars no room on a phone."""
    return {
        "x": 0,
        "xref": "paper",
        "xanchor": "left",
        # A category axis also takes positions by index: just above the bar's top edge, which
        # is half its thickness (1 − bargap) above the category's centre.
        "y": index - (1 - _BARGAP) / 2,
        "yref": "y",
        "yanchor": "bottom",
        "yshift": 1,
        "text": title,
        "showarrow": False,
        "font": {"size": 14, "color": palette.INK},
    }


def figure(views: Sequence[FramedView]) -> go.Figure:
    """For each framing, how many personas it sends to each zone (or off the axis)."""
    order = [f.id for f in framings()]
    titles = [f.short_title for f in framings()]
    counts = Counter((v.framing, outcome_name(v)) for v in views)
    traces = []
    for index, outcome in enumerate(_OUTCOMES):
        xs = [counts.get((fid, outcome), 0) for fid in order]
        if any(xs):
            traces.append(_outcome_bars(index, titles, xs))
    layout: Spec = {
        "height": 470,
        "barmode": "stack",
        "bargap": _BARGAP,
        # Entries of a fixed width, wide enough for the longest: measured widths clipped it.
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "traceorder": "normal",
            "entrywidth": 210,
        },
        "annotations": [_framing_name(i, title) for i, title in enumerate(titles)],
        "margin": {"t": 90, "l": 12, "r": 20},
        "xaxis": theme.fixed_axis(title={"text": "Personas"}),
        "yaxis": theme.fixed_axis(autorange="reversed", showticklabels=False),
    }
    return theme.figure(traces, layout)


def alt(views: Sequence[FramedView]) -> str:
    parts = []
    for framing in framings():
        counts = Counter(outcome_name(v) for v in views if v.framing is framing.id)
        summary = ", ".join(f"{name} {n}" for name, n in counts.most_common())
        parts.append(f"{framing.title}: {summary}")
    return (
        "Stacked bar chart: for each framing, how many personas it places in each zone, asks "
        "first (they have not said where they stand), or does not place on the axis at all "
        "(it prosecutes). " + "; ".join(parts) + ". The table below gives each persona's outcome."
    )


# --- the tables -------------------------------------------------------------------------------

RESPONSES_COLUMN = "Responses that follow"


OWN_PLACE = "Where they place themselves"


def _own_place(results: Results, persona_id: str) -> str:
    zone = results.assessments[persona_id].self_zone
    return "Not stated: ask first (L50)" if zone is None else zone.label


def table(
    views: Sequence[FramedView], results: Results, *, lead_self: bool = False
) -> pd.DataFrame:
    """Persona by framing: where each framing puts each persona; leading with the
    self-placement, where they place themselves comes first."""
    titles = {f.id: f.short_title for f in framings()}
    by_persona: dict[str, dict[str, str]] = {}
    for v in views:
        row = by_persona.setdefault(v.persona_id, {"Persona": results.persona(v.persona_id).label})
        if lead_self:
            row.setdefault(OWN_PLACE, _own_place(results, v.persona_id))
        row[titles[v.framing]] = outcome_name(v)
    return pd.DataFrame(list(by_persona.values()))


def detail_table(
    views: Sequence[FramedView], results: Results, *, lead_self: bool = False
) -> pd.DataFrame:
    """For one framing: where it places each persona, by what, what follows, what the essays warn.

    Responses and cautions are named, not counted. The protections column appears for the
    framing that has them (the essays' own, starting where they are).
    """
    layered = any(v.framing is FramingId.STARTING_WHERE_THEY_ARE for v in views)
    rows = []
    for v in views:
        own = "Not stated" if v.differs_from_self is None else theme.yes_no(v.differs_from_self)
        compared = {
            "Differs from the assessment": theme.yes_no(v.differs_from_assessment),
            "Differs from their own place": own,
        }
        if lead_self:  # their own place first (L50)
            compared = dict(reversed(compared.items()))
        row = {
            "Persona": results.persona(v.persona_id).label,
            "Places them (by what)": placed_by(v),
            **compared,
            (Layer.STARTING.label if layered else RESPONSES_COLUMN): theme.bulleted(
                intervention_titles(v.responses), "None: arrest and prosecution"
            ),
        }
        if layered:
            row[Layer.PROTECTIONS.label] = theme.bulleted(intervention_titles(v.protections))
        row["Cautions the essays raise"] = theme.bulleted(caution_titles(v.cautions))
        rows.append(row)
    return pd.DataFrame(rows)
