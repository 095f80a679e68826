"""The *Spectrum map* page: every persona on one axis, its key, its alt text and its table."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import palette, safe_text
from dashboard.figures import theme
from dashboard.figures.theme import Spec
from model import ZONES, Assessment, Persona, Uncertainty
from model.results import Results

VIOLENCE_TRACE = "Violence recorded"
VIOLENCE_SYMBOL = "triangle-up"
VIOLENCE_COLUMN_TITLE = "Violence"
VIOLENCE_COLUMN = "Violence recorded"
"""The table's column for violence."""

KEY = (
    "**Key:** ● filled marker = assessed position, with its interval ├─┤ · "
    "○ hollow marker = where the persona places themself · ┄ dotted line = the gap between them · "
    "◆ diamond = a minor (lacks legal agency: treated as coerced whatever they say, L48) · "
    "▲ triangle in the *Violence* column = violence recorded: never moves the position; "
    "support (L70)"
)


def violence_line(a: Assessment) -> str:
    """The violence a persona has met, for a hover label."""
    if a.violence_present:
        return (
            f"Violence recorded ({theme.number(a.violence)}): never moves the position; "
            "support (L70)"
        )
    if a.violence > 0:
        return f"Violence recorded ({theme.number(a.violence)}), below the presence level"
    return "No violence recorded"


def violence_text(a: Assessment) -> str:
    """The violence a persona has met, recorded apart from the position (L70), for a table."""
    if a.violence_present:
        return f"Yes, {a.violence:.2f}: support (L70)"
    if a.violence > 0:
        return f"Below the presence level, {a.violence:.2f}"
    return theme.NONE


def _hover(persona: Persona, a: Assessment, u: Uncertainty, *, lead_self: bool = False) -> str:
    """A short hover label: at most five short lines (the rest is in the table and on the
    persona page), so the box Plotly puts beside the marker stays within about a row either
    side instead of covering its neighbours, as a ten-line one did."""
    title = " <br>".join(
        f"<b>{line}</b>" for line in textwrap.wrap(safe_text.plotly(persona.label), _HOVER_WRAP)
    )
    assessed = (
        f"Assessed {theme.number(a.position)}, {a.zone.short_label} "
        f"({theme.number(u.low)}–{theme.number(u.high)})"
    )
    if a.self_placement is None or a.self_zone is None or a.gap is None:
        own = "Self-placement: not stated, ask first"
    else:
        own = (
            f"Self {theme.number(a.self_placement)}, {a.self_zone.short_label} · gap "
            f"{theme.number(a.gap, signed=True)}"
        )
    notes = ["minor: treated as coerced (L48)"] if a.is_minor else []
    if a.decisive_control:
        notes.append("force or manipulation: coercion (L42)")
    if a.violence_present:
        notes.append("▲ violence: support (L70)")
    lines = [f"{title} ({persona.id})", *((own, assessed) if lead_self else (assessed, own))]
    if notes:
        lines.append(" <br>".join(textwrap.wrap(" · ".join(notes), _HOVER_WRAP)))
    return "<br>".join(lines)


_HOVER_WRAP = 36
HOVER_LABEL: Spec = {"align": "left", "font": {"size": 13}}
"""Every hover label of the map: left-aligned and a little smaller than the text."""


def _gaps(personas: Sequence[Persona], results: Results) -> Spec:
    """Dotted lines joining each assessment to the self-placement, where one is stated."""
    xs: list[float | None] = []
    ys: list[str | None] = []
    for p in personas:
        a = results.assessments[p.id]
        if a.self_placement is not None:
            xs += [a.position, a.self_placement, None]
            ys += [p.id, p.id, None]
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "line": {"color": palette.CONNECTOR, "width": 2, "dash": "dot"},
        "hoverinfo": "skip",
        "name": "Gap",
    }


def _self_placements(
    name: str, symbol: str, members: list[Persona], results: Results, lead_self: bool
) -> Spec:
    stated = [p for p in members if results.assessments[p.id].self_placement is not None]
    return {
        "type": "scatter",
        "x": [results.assessments[p.id].self_placement for p in stated],
        "y": [p.id for p in stated],
        "mode": "markers",
        "marker": {
            "symbol": f"{symbol}-open",
            "size": 15,
            "color": palette.SELF_PLACED,
            "line": {"width": 3},
        },
        "name": name,
        "customdata": [[p.id] for p in stated],
        "hovertext": [
            _hover(p, results.assessments[p.id], results.uncertainties[p.id], lead_self=lead_self)
            for p in stated
        ],
        "hovertemplate": "%{hovertext}<extra>self-placement</extra>",
        "hoverlabel": HOVER_LABEL,
    }


def _assessed(
    name: str, symbol: str, members: list[Persona], results: Results, lead_self: bool
) -> Spec:
    assessed = [results.assessments[p.id] for p in members]
    intervals = [results.uncertainties[p.id] for p in members]
    pairs = list(zip(assessed, intervals, strict=True))
    return {
        "type": "scatter",
        "x": [a.position for a in assessed],
        "y": [p.id for p in members],
        "mode": "markers",
        "marker": {
            "symbol": symbol,
            "size": 16,
            "color": palette.ASSESSED,
            "line": {"width": 1.5, "color": "white"},
        },
        "error_x": {
            "type": "data",
            "symmetric": False,
            "array": [u.high - a.position for a, u in pairs],
            "arrayminus": [a.position - u.low for a, u in pairs],
            "color": palette.ASSESSED,
            "thickness": 2,
            "width": 6,
        },
        "name": name,
        "customdata": [[p.id] for p in members],
        "hovertext": [
            _hover(p, a, u, lead_self=lead_self) for p, (a, u) in zip(members, pairs, strict=True)
        ],
        "hovertemplate": "%{hovertext}<extra>assessed</extra>",
        "hoverlabel": HOVER_LABEL,
    }


def _violence(personas: Sequence[Persona], results: Results) -> Spec:
    """A triangle in the column beside the axis for each persona who has met violence."""
    marked = [p for p in personas if results.assessments[p.id].violence_present]
    return {
        "type": "scatter",
        "xaxis": "x2",
        "yaxis": "y",
        "x": [0.5] * len(marked),
        "y": [p.id for p in marked],
        "mode": "markers",
        "marker": {
            "symbol": VIOLENCE_SYMBOL,
            "size": 15,
            "color": palette.INK,
            "line": {"width": 1, "color": "white"},
        },
        "name": VIOLENCE_TRACE,
        "customdata": [[p.id] for p in marked],
        "hovertext": [
            f"<b>{safe_text.plotly(p.label)}</b> ({p.id})<br>"
            + violence_line(results.assessments[p.id])
            for p in marked
        ],
        "hovertemplate": "%{hovertext}<extra>violence</extra>",
        "hoverlabel": HOVER_LABEL,
    }


def figure(
    personas: Sequence[Persona],
    results: Results,
    *,
    highlight: str | None = None,
    lead_self: bool = False,
) -> go.Figure:
    """Each persona a row, in the order given: assessed position with its interval,
    self-placement hollow, joined; ``highlight`` marks one persona's row. Leading with the
    self-placement draws it over the assessment and names it first on hover."""
    traces = [_gaps(personas, results)]
    for name, minor, symbol in (
        ("Assessed (adult)", False, palette.ADULT_SYMBOL),
        ("Assessed (minor)", True, palette.MINOR_SYMBOL),
    ):
        members = [p for p in personas if p.is_minor is minor]
        own = name.replace("Assessed", "Self-placement")
        pair = [
            _self_placements(own, symbol, members, results, lead_self),
            _assessed(name, symbol, members, results, lead_self),
        ]
        traces += reversed(pair) if lead_self else pair  # the later trace is drawn on top
    traces.append(_violence(personas, results))
    return theme.rows_figure(
        traces,
        personas,
        results.config.boundaries,
        column=VIOLENCE_COLUMN_TITLE,
        highlight=highlight,
        clickmode="event+select",
        dragmode=False,
    )


def alt(personas: Sequence[Persona], results: Results) -> str:
    counts = Counter(results.assessments[p.id].zone for p in personas)
    per_zone = "; ".join(f"{zone.label}: {counts.get(zone, 0)}" for zone in ZONES)
    minors = sum(p.is_minor for p in personas)
    violent = sum(results.assessments[p.id].violence_present for p in personas)
    return (
        f"Dot plot of {len(personas)} fictional personas on the axis from choice (0) to "
        f"coercion (1), one row each. Filled markers show the assessed position with its "
        f"{results.level:.0%} interval; hollow markers show where each persona places themself, "
        f"joined by a dotted line. Diamonds mark the {minors} minors. A triangle in a separate "
        f"column beside the axis marks the {violent} personas with violence recorded, which "
        f"never moves a position. Personas per zone: {per_zone}. The table below lists the same "
        "data."
    )


def table(
    personas: Sequence[Persona],
    results: Results,
    *,
    highlight: str | None = None,
    lead_self: bool = False,
) -> pd.DataFrame:
    """The chart's rows as a table, in the same order; the highlighted persona's label carries
    the chart's mark, and leading with the self-placement puts its columns first."""
    rows = []
    for p in personas:
        a, u = results.assessments[p.id], results.uncertainties[p.id]
        label = (theme.HIGHLIGHT_MARK if p.id == highlight else "") + p.label
        assessed = {
            "Assessed position": round(a.position, 3),
            "Assessed zone": a.zone.label,
        }
        own = {
            "Self-placement": None if a.self_placement is None else round(a.self_placement, 3),
            "Self-placed zone": "Not stated" if a.self_zone is None else a.self_zone.label,
        }
        first, later = (own, assessed) if lead_self else (assessed, own)
        rows.append(
            {
                # Where they sit first, so a narrow screen reads it without scrolling sideways.
                "Persona": label,
                **first,
                # Then the id and violence: the grid draws only the columns in view, and the
                # browser tests read rows by them at 1400 px.
                "ID": p.id,
                VIOLENCE_COLUMN: violence_text(a),
                **later,
                "Gap": None if a.gap is None else round(a.gap, 3),
                f"{u.level:.0%} interval": f"{theme.number(u.low)}–{theme.number(u.high)}",
                "P(assessed zone)": f"{u.zone_probabilities[a.zone]:.0%}",
                "Age band": p.age_band.label,
                "Minor": theme.yes_no(p.is_minor),
                "Legal status": a.legal_status.label,
            }
        )
    return pd.DataFrame(rows)


NUMBER_COLUMNS = ("Assessed position", "Self-placement", "Gap")
"""Shown with three decimals, as every number in the dashboard."""
OPEN_LABEL = "Open a persona"


def caption(results: Results) -> str:
    """Where the intervals come from."""
    return (
        f"Intervals: central {results.level:.0%} of {results.samples:,} samples of the weights "
        f"within their plausible ranges (seed {results.seed}). Change them on *Adjust the model*."
    )
