"""Plotly figures, each with the alt text that says what it shows.

Figures only draw what the model computed; nothing here scores, classifies or validates.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from dashboard import palette, safe_text
from model import (
    ZONES,
    Assessment,
    Boundaries,
    FactorKind,
    FramedView,
    Persona,
    PlacementBasis,
    Uncertainty,
    Zone,
    factor_catalogue,
    framings,
)
from model.results import Results

FONT = {"family": "Source Sans Pro, Source Sans 3, sans-serif", "size": 15, "color": palette.INK}
ROW_HEIGHT = 46
LABEL_LIMIT = 44


def _base(height: int) -> dict[str, Any]:
    return {
        "height": height,
        "font": FONT,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 50, "t": 40, "b": 50},
        "hoverlabel": {"font": {"size": 15}, "bgcolor": "white"},
    }


def _base_layout(fig: go.Figure, height: int) -> None:
    fig.update_layout(_base(height))


def _axis_01_spec(title: str) -> dict[str, Any]:
    return {
        "range": [-0.02, 1.02],
        "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1.0],
        "ticktext": ["0 choice", "0.2", "0.4", "0.6", "0.8", "1 coercion"],
        "title": {"text": title},
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
        "linecolor": palette.MUTED_INK,
        "ticks": "outside",
    }


def _axis_01(fig: go.Figure, title: str) -> None:
    """The 0–1 axis with three ticks, its ends named: six ticks, "0 choice" to "1 coercion",
    ran into each other in a narrow chart."""
    spec = _axis_01_spec(title)
    spec["tickvals"] = [0, 0.5, 1]
    spec["ticktext"] = ["0 choice", "0.5", "1 coercion"]
    fig.update_xaxes(spec)


def _zone_name(zone: Zone) -> str:
    """A zone's name short enough for a band a fifth of a phone's width: "Near<br>choice"."""
    return zone.short_label.replace("Near ", "Near<br>")


CIRCUMSTANCE = "Circumstance"
_BAND_NAMES_PX = 34
"""Height of the two-line zone names above the plot; the circumstance bracket sits above them."""


def _zone_marks(boundaries: Boundaries) -> dict[str, Any]:
    """Shapes and annotations that shade and name each zone and mark the boundaries, with the
    three bands of circumstance bracketed under one name (circumstance is itself a spectrum,
    L42).

    Built as plain lists and validated once with the figure: adding them one by one with
    ``add_vrect``/``add_annotation`` re-validates the layout each time and cost more than
    everything else on the map page put together.
    """
    shapes: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    for zone in ZONES:
        low, high = boundaries.span(zone)
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": low,
                "x1": high,
                "y0": 0,
                "y1": 1,
                "fillcolor": palette.ZONE_FILLS[zone],
                "line": {"width": 0},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": (low + high) / 2,
                "y": 1.0,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "text": _zone_name(zone),
                "showarrow": False,
                "font": {"size": 12, "color": palette.INK},
            }
        )
    shapes += [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": edge,
            "x1": edge,
            "y0": 0,
            "y1": 1,
            "line": {"color": palette.MUTED_INK, "width": 1, "dash": "dot"},
        }
        for edge in boundaries.as_tuple()
    ]
    # The bracket over circumstance: a line a fixed number of pixels above the band names.
    first, last = boundaries.choice_upper, boundaries.near_coercion_upper
    bracket = {"type": "line", "xref": "x", "yref": "paper", "ysizemode": "pixel", "yanchor": 1}
    line = {"color": palette.MUTED_INK, "width": 1}
    shapes += [
        {
            **bracket,
            "x0": first,
            "x1": last,
            "y0": _BAND_NAMES_PX,
            "y1": _BAND_NAMES_PX,
            "line": line,
        },
        {
            **bracket,
            "x0": first,
            "x1": first,
            "y0": _BAND_NAMES_PX - 5,
            "y1": _BAND_NAMES_PX,
            "line": line,
        },
        {
            **bracket,
            "x0": last,
            "x1": last,
            "y0": _BAND_NAMES_PX - 5,
            "y1": _BAND_NAMES_PX,
            "line": line,
        },
    ]
    annotations.append(
        {
            "x": (first + last) / 2,
            "y": 1.0,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "yshift": _BAND_NAMES_PX,
            "text": CIRCUMSTANCE,
            "showarrow": False,
            "font": {"size": 12, "color": palette.INK},
            "bgcolor": "white",
        }
    )
    return {"shapes": shapes, "annotations": annotations}


VIOLENCE_TRACE = "Violence recorded"
VIOLENCE_SYMBOL = "triangle-up"
VIOLENCE_COLUMN_TITLE = "Violence"
_AXIS_DOMAIN = (0.0, 0.86)
_VIOLENCE_DOMAIN = (0.89, 1.0)
_LABEL_SHIFT = 9
"""Pixels between a row's line and the bottom of its label, which sits above the markers."""


def _violence_column() -> dict[str, Any]:
    """A narrow column beside the axis, on its own x axis: what it holds is not a position."""
    return {
        "xaxis2": {
            "domain": list(_VIOLENCE_DOMAIN),
            "anchor": "y",
            "range": [0, 1],
            "showticklabels": False,
            "ticks": "",
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "showline": True,
            "linecolor": palette.MUTED_INK,
            "mirror": True,
        },
    }


def _violence_header() -> dict[str, object]:
    return {
        "x": 0.5,
        "y": 1.0,
        "xref": "x2",
        "yref": "paper",
        "yanchor": "bottom",
        "text": VIOLENCE_COLUMN_TITLE,
        "showarrow": False,
        "font": {"size": 11, "color": palette.INK},
    }


def _row_labels(personas: Sequence[Persona]) -> list[dict[str, object]]:
    """Each persona's label inside the plot, just above its row: no margin to reserve, so the
    axis keeps its width on a phone as on a desktop."""
    return [
        {
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": p.id,
            "yref": "y",
            "yanchor": "bottom",
            "yshift": _LABEL_SHIFT,
            "text": persona_tick(p),
            "showarrow": False,
            "font": {"size": 13, "color": palette.INK},
            "align": "left",
        }
        for p in personas
    ]


def _rows_figure(
    traces: list[dict[str, Any]],
    personas: Sequence[Persona],
    boundaries: Boundaries,
    *,
    violence_column: bool = False,
) -> go.Figure:
    """One row per persona over the shaded axis, its label above it, no legend.

    The labels sit inside the plot, above the markers, so nothing is reserved for them in a
    margin: the chart reads the same in a narrow column or on a phone. The key is written as
    text beside the chart, where it cannot crowd the plot and a screen reader reads it.
    """
    ids = [p.id for p in personas]
    top, bottom = 80, 60
    layout = _base(top + bottom + ROW_HEIGHT * max(len(personas), 1))
    layout.update(_zone_marks(boundaries))
    layout["annotations"] += _row_labels(personas)
    xaxis = _axis_01_spec("Position: 0 choice … 1 coercion")
    xaxis["ticktext"] = ["0", "0.2", "0.4", "0.6", "0.8", "1"]
    layout.update(
        xaxis=xaxis,
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(reversed(ids)),
            "tickvals": ids,
            "showticklabels": False,
            # Room above the first row for its label.
            "range": [-0.5, len(ids) - 0.2],
            "fixedrange": True,
            "showgrid": True,
            "gridcolor": "#E5E7EB",
            "automargin": False,
        },
        showlegend=False,
        margin={"t": top, "b": bottom, "l": 12, "r": 12},
    )
    if violence_column:
        layout["xaxis"]["domain"] = list(_AXIS_DOMAIN)
        layout.update(_violence_column())
        layout["annotations"].append(_violence_header())
    # Not validated property by property at run time: the row charts are rebuilt on every
    # weight change, and Plotly's validation was half the server's work for a redraw. Their
    # specs are fixed code, validated in full by tests/dashboard/test_charts.py.
    return go.Figure(data=traces, layout=layout, _validate=False)


def persona_tick(persona: Persona, limit: int = LABEL_LIMIT) -> str:
    """A row label: the persona's label, cut to fit, and "minor" in words for minors."""
    limit = limit - 8 if persona.is_minor else limit
    label = safe_text.plotly(safe_text.truncate(persona.label, limit))
    return f"{label} · minor" if persona.is_minor else label


def _hover(persona: Persona, a: Assessment, u: Uncertainty) -> str:
    lines = [
        f"<b>{safe_text.plotly(persona.label)}</b> ({persona.id})",
        f"Assessed: {a.position:.2f}, {a.zone.label}",
        f"{u.level:.0%} interval: {u.low:.2f}–{u.high:.2f}",
    ]
    if a.self_placement is None:
        lines.append("Self-placement: not stated")
    else:
        assert a.self_zone is not None and a.gap is not None
        lines.append(f"Self-placement: {a.self_placement:.2f}, {a.self_zone.label}")
        lines.append(f"Gap: {a.gap:+.2f}")
    lines.append(f"Legal status: {a.legal_status.label}")
    if a.decisive_control:
        lines.append("Force or manipulation at the threshold: coercion (L42)")
    lines.append(_violence_line(a))
    return "<br>".join(lines)


def _violence_line(a: Assessment) -> str:
    if a.violence_present:
        return f"Violence recorded ({a.violence:.2f}): never moves the position; support (L70)"
    if a.violence > 0:
        return f"Violence recorded ({a.violence:.2f}), below the presence level"
    return "No violence recorded"


def spectrum_map(personas: Sequence[Persona], results: Results) -> go.Figure:
    """Each persona a row: assessed position with its interval, self-placement hollow, joined."""
    traces: list[dict[str, Any]] = []
    groups = (
        ("Assessed (adult)", False, palette.ADULT_SYMBOL),
        ("Assessed (minor)", True, palette.MINOR_SYMBOL),
    )
    connector_x: list[float | None] = []
    connector_y: list[str | None] = []
    for persona in personas:
        own = results.assessments[persona.id].self_placement
        if own is not None:
            connector_x += [results.assessments[persona.id].position, own, None]
            connector_y += [persona.id, persona.id, None]
    traces.append(
        dict(
            type="scatter",
            x=connector_x,
            y=connector_y,
            mode="lines",
            line={"color": palette.CONNECTOR, "width": 2, "dash": "dot"},
            hoverinfo="skip",
            name="Gap",
        )
    )
    for name, minor, symbol in groups:
        members = [p for p in personas if p.is_minor is minor]
        stated = [p for p in members if results.assessments[p.id].self_placement is not None]
        traces.append(
            dict(
                type="scatter",
                x=[results.assessments[p.id].self_placement for p in stated],
                y=[p.id for p in stated],
                mode="markers",
                marker={
                    "symbol": f"{symbol}-open",
                    "size": 15,
                    "color": palette.SELF_PLACED,
                    "line": {"width": 3},
                },
                name=name.replace("Assessed", "Self-placement"),
                customdata=[[p.id] for p in stated],
                hovertext=[
                    _hover(p, results.assessments[p.id], results.uncertainties[p.id])
                    for p in stated
                ],
                hovertemplate="%{hovertext}<extra>self-placement</extra>",
            )
        )
        assessed = [results.assessments[p.id] for p in members]
        intervals = [results.uncertainties[p.id] for p in members]
        traces.append(
            dict(
                type="scatter",
                x=[a.position for a in assessed],
                y=[p.id for p in members],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 16,
                    "color": palette.ASSESSED,
                    "line": {"width": 1.5, "color": "white"},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [
                        u.high - a.position for a, u in zip(assessed, intervals, strict=True)
                    ],
                    "arrayminus": [
                        a.position - u.low for a, u in zip(assessed, intervals, strict=True)
                    ],
                    "color": palette.ASSESSED,
                    "thickness": 2,
                    "width": 6,
                },
                name=name,
                customdata=[[p.id] for p in members],
                hovertext=[
                    _hover(p, a, u) for p, a, u in zip(members, assessed, intervals, strict=True)
                ],
                hovertemplate="%{hovertext}<extra>assessed</extra>",
            )
        )
    marked = [p for p in personas if results.assessments[p.id].violence_present]
    traces.append(
        dict(
            type="scatter",
            xaxis="x2",
            yaxis="y",
            x=[0.5] * len(marked),
            y=[p.id for p in marked],
            mode="markers",
            marker={
                "symbol": VIOLENCE_SYMBOL,
                "size": 15,
                "color": palette.INK,
                "line": {"width": 1, "color": "white"},
            },
            name=VIOLENCE_TRACE,
            customdata=[[p.id] for p in marked],
            hovertext=[
                f"<b>{safe_text.plotly(p.label)}</b> ({p.id})<br>"
                + _violence_line(results.assessments[p.id])
                for p in marked
            ],
            hovertemplate="%{hovertext}<extra>violence</extra>",
        )
    )
    fig = _rows_figure(traces, personas, results.config.boundaries, violence_column=True)
    fig.update_layout(clickmode="event+select", dragmode=False)
    return fig


MAP_KEY = (
    "**Key:** ● filled marker = assessed position, with its interval ├─┤ · "
    "○ hollow marker = where the persona places themself · ┄ dotted line = the gap between them · "
    "◆ diamond = a minor (lacks legal agency: treated as coerced whatever they say, L48) · "
    "▲ triangle in the *Violence* column = violence recorded: never moves the position; "
    "support (L70)"
)


def spectrum_map_alt(personas: Sequence[Persona], results: Results) -> str:
    counts = Counter(results.assessments[p.id].zone for p in personas)
    per_zone = "; ".join(f"{zone.label}: {counts.get(zone, 0)}" for zone in ZONES)
    minors = sum(p.is_minor for p in personas)
    violent = sum(results.assessments[p.id].violence_present for p in personas)
    return (
        f"Dot plot of {len(personas)} fictional personas on the axis from choice (0) to "
        f"coercion (1), one row each. Filled markers show the assessed position with its "
        f"{int(results.uncertainties[personas[0].id].level * 100) if personas else 90}% "
        f"interval; hollow markers show where each persona places themself, joined by a dotted "
        f"line. Diamonds mark the {minors} minors. A triangle in a separate column beside the "
        f"axis marks the {violent} personas with violence recorded, which never moves a "
        f"position. Personas per zone: {per_zone}. The table below lists the same data."
    )


_WRAP = 26


def _factor_name(factor_id: str) -> str:
    """The model's one name for a factor's contribution (``Factor.contribution_label``)."""
    return factor_catalogue()[factor_id].contribution_label


def _wrapped(name: str) -> str:
    """A long name on several lines, so the chart keeps its width in a narrow column."""
    return "<br>".join(textwrap.wrap(safe_text.plotly(name), _WRAP))


def contributions_chart(assessment: Assessment) -> go.Figure:
    """A waterfall from choice (0) to the position: each factor's push, largest first."""
    parts = [(fid, v) for fid, v in assessment.contributions.items() if v > 5e-4]
    parts.sort(key=lambda item: -item[1])
    names = [_wrapped(_factor_name(fid)) for fid, _ in parts] + ["Position"]
    fig = go.Figure(
        go.Waterfall(
            orientation="h",
            y=names,
            x=[v for _, v in parts] + [assessment.position],
            measure=["relative"] * len(parts) + ["total"],
            text=[f"+{v:.3f}" for _, v in parts] + [f"{assessment.position:.3f}"],
            textposition="outside",
            increasing={"marker": {"color": palette.ASSESSED}},
            totals={"marker": {"color": palette.INK}},
            connector={"line": {"color": palette.CONNECTOR, "dash": "dot"}},
            hovertemplate="%{y}: %{text}<extra></extra>",
            cliponaxis=False,
        )
    )
    _base_layout(fig, height=140 + 40 * len(names))
    _axis_01(fig, "Position, factor by factor")
    fig.update_yaxes(autorange="reversed", fixedrange=True, automargin=True)
    fig.update_layout(showlegend=False, margin={"r": 70, "b": 70})
    return fig


def contributions_alt(assessment: Assessment) -> str:
    top = ", ".join(
        f"{_factor_name(fid).lower()} {value:.2f}" for fid, value in assessment.top_contributions()
    )
    return (
        f"Waterfall chart: the factors that move this persona from choice toward coercion add "
        f"up to its position {assessment.position:.2f}. Largest pushes: {top or 'none'}. "
        "The table beside it lists every contribution."
    )


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


def factor_profile(persona: Persona) -> go.Figure:
    """Every factor's value for a persona, grouped and patterned by kind."""
    values = persona.factor_values()
    fig = go.Figure()
    for kind in FactorKind:
        factors = factor_catalogue().of_kind(kind)
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[f.short_label for f in factors],
                hovertext=[f.label for f in factors],
                x=[values[f.id] for f in factors],
                name=_KIND_NAMES[kind],
                marker={
                    "color": _KIND_COLOURS[kind],
                    "pattern": {
                        "shape": _KIND_PATTERNS[kind],
                        "fgcolor": "white",
                        "fillmode": "overlay",
                    },
                },
                text=[f"{values[f.id]:.2f}" for f in factors],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{hovertext}: %{x:.2f}<extra>" + kind.value + "</extra>",
            )
        )
    _base_layout(fig, height=190 + 30 * len(values))
    fig.update_xaxes(
        range=[0, 1.15],
        tickvals=[0, 0.5, 1],
        title="Value: 0 absent … 1",
        fixedrange=True,
    )
    fig.update_yaxes(autorange="reversed", fixedrange=True, automargin=False, tickfont={"size": 13})
    fig.update_layout(
        # No legend: the key is written beside the chart (FACTOR_KEY). Plotly measured legend
        # text before the page's web font had loaded and clipped the longest entry, and a
        # legend wider than a phone's plot area left the whole chart blank.
        showlegend=False,
        # A margin the longest label fits in at 13 px, and no more: on a phone every pixel
        # of it comes out of the bars.
        margin={"t": 30, "b": 60, "l": 170, "r": 30},
        bargap=0.25,
    )
    return fig


FACTOR_KEY = (
    "**Key:** solid green bars = capital, which pushes toward choice · hatched orange ╱ = "
    "economic hardship · dotted pink ⁘ = personal struggles · crossed vermillion ╳ = force, "
    "manipulation and control; these three push toward coercion."
)


def factor_profile_alt(persona: Persona) -> str:
    strong = [
        f.short_label.lower()
        for f in factor_catalogue().factors
        if f.kind is not FactorKind.CAPITAL and persona.factor_values()[f.id] >= 0.5
    ]
    capital = {
        f.short_label.lower(): persona.factor_values()[f.id]
        for f in factor_catalogue().of_kind(FactorKind.CAPITAL)
    }
    capitals = ", ".join(f"{name} {value:.2f}" for name, value in capital.items())
    return (
        f"Horizontal bar chart of this persona's factor values, grouped into capital, economic "
        f"hardship, personal struggles, and force, manipulation and control. Capitals: "
        f"{capitals}. Other factors at 0.5 or more: {', '.join(strong) or 'none'}. Violence is "
        "not a factor: it is recorded apart. The table beside it lists every value."
    )


def zone_probability_chart(uncertainty: Uncertainty, assessed: Zone) -> go.Figure:
    """Share of weight samples placing the persona in each zone."""
    labels = [z.short_label + (" (assessed)" if z is assessed else "") for z in ZONES]
    shares = [uncertainty.zone_probabilities[z] for z in ZONES]
    fig = go.Figure(
        go.Bar(
            x=shares,
            y=labels,
            orientation="h",
            marker={
                "color": [palette.ASSESSED if z is assessed else "#9CA3AF" for z in ZONES],
                "pattern": {
                    "shape": ["" if z is assessed else "." for z in ZONES],
                    "fgcolor": "white",
                    "fillmode": "overlay",
                },
            },
            text=[f"{s:.0%}" for s in shares],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1%}<extra></extra>",
        )
    )
    _base_layout(fig, height=280)
    fig.update_xaxes(range=[0, 1.15], tickformat=".0%", title="Share of samples", fixedrange=True)
    # A fixed margin: automargin measured the labels a few pixels short in Chromium.
    fig.update_yaxes(autorange="reversed", fixedrange=True, automargin=False)
    fig.update_layout(margin={"l": 200})
    return fig


def zone_probability_alt(uncertainty: Uncertainty, assessed: Zone) -> str:
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


NOT_STATED = "Ask first (not stated)"
OFFENDER = "Not placed: prosecuted"
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


def outcome_name(view: FramedView) -> str:
    """Where a framing leaves a persona: a zone, "Ask first" when the zone only stands in for an
    unstated self-placement, or "Not placed" when the framing prosecutes instead."""
    if view.basis is PlacementBasis.NOT_PLACED or view.zone is None:
        return OFFENDER
    if view.basis is PlacementBasis.ASSESSED_STAND_IN:
        return NOT_STATED
    return view.zone.short_label


_FRAMING_BARGAP = 0.5


def framing_chart(views: Sequence[FramedView]) -> go.Figure:
    """For each framing, how many personas it sends to each zone (or off the axis)."""
    titles = {f.id: f.short_title for f in framings()}
    order = [f.id for f in framings()]
    outcomes = [z.short_label for z in ZONES] + [OFFENDER, NOT_STATED]
    counts = Counter((v.framing, outcome_name(v)) for v in views)
    fig = go.Figure()
    for index, outcome in enumerate(outcomes):
        xs = [counts.get((fid, outcome), 0) for fid in order]
        if not any(xs):
            continue
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[titles[fid] for fid in order],
                x=xs,
                name=outcome,
                marker={
                    "color": _OUTCOME_COLOURS[index],
                    "pattern": {
                        "shape": _OUTCOME_PATTERNS[index],
                        "fgcolor": "white",
                        "fillmode": "overlay",
                    },
                    "line": {"color": "white", "width": 1},
                },
                text=[str(x) if x else "" for x in xs],
                textposition="inside",
                insidetextanchor="middle",
                insidetextfont={"color": _OUTCOME_TEXT[index], "size": 15},
                textangle=0,
                hovertemplate="%{y}: %{x} in " + outcome + "<extra></extra>",
            )
        )
    _base_layout(fig, height=470)
    fig.update_layout(
        barmode="stack",
        bargap=_FRAMING_BARGAP,
        # Entries of a fixed width, wide enough for the longest: measured widths clipped it.
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "traceorder": "normal",
            "entrywidth": 210,
        },
        # Each framing's name above its bar, inside the plot, rather than in a margin that left
        # the bars no room on a phone.
        annotations=[
            {
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                # A category axis also takes positions by index: just above the bar's top edge,
                # which is half its thickness (1 − bargap) above the category's centre.
                "y": index - (1 - _FRAMING_BARGAP) / 2,
                "yref": "y",
                "yanchor": "bottom",
                "yshift": 1,
                "text": titles[fid],
                "showarrow": False,
                "font": {"size": 14, "color": palette.INK},
            }
            for index, fid in enumerate(order)
        ],
        margin={"t": 90, "l": 12, "r": 20},
    )
    fig.update_xaxes(title="Personas", fixedrange=True)
    fig.update_yaxes(autorange="reversed", fixedrange=True, showticklabels=False)
    return fig


def framing_alt(views: Sequence[FramedView]) -> str:
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


def shift_chart(
    personas: Sequence[Persona],
    current: dict[str, float],
    baseline: dict[str, float],
    boundaries: Boundaries,
) -> go.Figure:
    """Positions under the default configuration (hollow) and the adjusted one (filled)."""
    ids = [p.id for p in personas]
    traces: list[dict[str, Any]] = []
    traces.append(
        dict(
            type="scatter",
            x=[v for p in personas for v in (baseline[p.id], current[p.id], None)],
            y=[v for p in personas for v in (p.id, p.id, None)],
            mode="lines",
            line={"color": palette.CONNECTOR, "width": 2},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    traces.append(
        dict(
            type="scatter",
            x=[baseline[p.id] for p in personas],
            y=ids,
            mode="markers",
            marker={
                "symbol": "circle-open",
                "size": 13,
                "color": palette.MUTED_INK,
                "line": {"width": 2.5},
            },
            name="Default configuration (hollow)",
            hovertemplate="%{y}: %{x:.3f} by default<extra></extra>",
        )
    )
    traces.append(
        dict(
            type="scatter",
            x=[current[p.id] for p in personas],
            y=ids,
            mode="markers",
            marker={"symbol": "circle", "size": 14, "color": palette.ASSESSED},
            name="Your configuration (filled)",
            hovertemplate="%{y}: %{x:.3f} now<extra></extra>",
        )
    )
    return _rows_figure(traces, personas, boundaries)


SHIFT_KEY = (
    "**Key:** ○ hollow grey marker = position under the default configuration · "
    "● filled blue marker = position under yours · the line joins them"
)


def shift_alt(
    personas: Sequence[Persona], current: dict[str, float], baseline: dict[str, float]
) -> str:
    moved = sorted(personas, key=lambda p: -abs(current[p.id] - baseline[p.id]))[:3]
    detail = ", ".join(f"{p.id} {baseline[p.id]:.2f} to {current[p.id]:.2f}" for p in moved)
    return (
        "Dot plot comparing each persona's position under the default configuration (hollow) "
        f"and under yours (filled). Largest moves: {detail}. The table beside it lists all."
    )
