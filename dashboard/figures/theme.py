"""The look every figure shares: one registered Plotly template, the zone shading, the row layout.

The template (:data:`TEMPLATE`, registered with ``plotly.io``) holds the fonts, the palette, the
hover labels and the margins; a figure names it and sets only what is its own. The zone shading
and the one-row-per-persona layout are shared by the map and the adjust page's comparison.

Figures are built from plain dictionaries without Plotly's property validation at run time: the
charts are rebuilt on every weight change, and validation was half the server's work for a
redraw (the template alone cost more than the chart). Their specifications are fixed code,
validated in full by ``tests/dashboard/test_figures.py``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from dashboard import palette, safe_text
from model import ZONES, Boundaries, Persona, Zone

TEMPLATE = "spectrum"
FONT = {"family": "Source Sans Pro, Source Sans 3, sans-serif", "size": 15, "color": palette.INK}
MARGIN = {"l": 10, "r": 50, "t": 40, "b": 50}


def _template() -> go.layout.Template:
    """The project's type, colours, hover labels and margins, over Plotly.js's own defaults.

    Only layout: every trace sets its own colours and marks. No more than this, either: the
    template travels with every figure, and Plotly's own (``"plotly"``) is most of a small
    figure's weight.
    """
    return go.layout.Template(
        layout={
            "font": FONT,
            "colorway": list(palette.OKABE_ITO),
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "margin": MARGIN,
            "hoverlabel": {"font": {"size": 15}, "bgcolor": "white"},
        }
    )


pio.templates[TEMPLATE] = _template()

Spec = dict[str, Any]


def figure(traces: Sequence[Spec], layout: Spec) -> go.Figure:
    """A figure over the project's template, from plain specifications (not validated here)."""
    return go.Figure(
        data=list(traces),
        layout={"template": pio.templates[TEMPLATE], **layout},
        _validate=False,
    )


def fixed_axis(**spec: Any) -> Spec:
    """An axis the reader cannot zoom or pan: every chart shows its whole range."""
    return {"fixedrange": True, **spec}


def axis_01(title: str, *, ticks: Sequence[float] = (0, 0.5, 1), named_ends: bool = True) -> Spec:
    """The 0–1 axis from choice to coercion, by default its two ends named on their ticks.

    Three ticks by default: six, "0 choice" to "1 coercion", ran into each other in a narrow
    chart.
    """
    labels = [f"{t:g}" for t in ticks]
    if named_ends:
        labels[0], labels[-1] = "0 choice", "1 coercion"
    return fixed_axis(
        range=[-0.02, 1.02],
        tickvals=list(ticks),
        ticktext=labels,
        title={"text": title},
        showgrid=False,
        zeroline=False,
        linecolor=palette.MUTED_INK,
        ticks="outside",
    )


# --- text shared by figures and tables --------------------------------------------------------

NONE = "None"
_WRAP = 26
LABEL_WRAP = 44
"""Characters per line of a row label: a line fits a phone's width at the label's size."""
MINOR_MARK = " · minor"
HIGHLIGHT_MARK = "▶ "
"""Before a highlighted persona's label: the highlight is told in words and shape, not colour."""


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def number(value: float, *, signed: bool = False) -> str:
    """Three decimals as text, so a table shows 0.500, not 0.5 (and never -0.000)."""
    text = f"{value:+.3f}" if signed else f"{value:.3f}"
    return text.replace("-0.000", "0.000").replace("+0.000", "0.000")


def bulleted(titles: Sequence[str], empty: str = NONE) -> str:
    """Titles as one table cell, each after a bullet (the titles themselves hold commas)."""
    return " ".join(f"• {t}" for t in titles) or empty


def wrapped(name: str) -> str:
    """A long name on several lines, so the chart keeps its width in a narrow column."""
    return "<br>".join(textwrap.wrap(safe_text.plotly(name), _WRAP))


def label_lines(
    persona: Persona, *, highlighted: bool = False, width: int = LABEL_WRAP
) -> list[str]:
    """A row label as lines of ``width`` characters: the whole label, wrapped, never cut (two
    personas never read the same), "minor" in words for minors, and a mark before a highlighted
    persona."""
    text = (HIGHLIGHT_MARK if highlighted else "") + persona.label
    text += MINOR_MARK if persona.is_minor else ""
    return textwrap.wrap(text, width)


def persona_tick(persona: Persona, *, highlighted: bool = False, width: int = LABEL_WRAP) -> str:
    """A row label for a chart: its lines joined by Plotly's line break; bold if highlighted."""
    lines = label_lines(persona, highlighted=highlighted, width=width)
    lines = [safe_text.plotly(line) for line in lines]
    return "<br>".join(f"<b>{line}</b>" if highlighted else line for line in lines)


# --- the zones along the axis -----------------------------------------------------------------

CIRCUMSTANCE = "Circumstance"
_BAND_NAMES_PX = 34
"""Height of the two-line zone names above the plot; the circumstance bracket sits above them."""


def _zone_name(zone: Zone) -> str:
    """A zone's name short enough for a band a fifth of a phone's width: "Near<br>choice"."""
    return zone.short_label.replace("Near ", "Near<br>")


def _above_plot(x: float, text: str, **more: Any) -> Spec:
    """A label sitting on the top edge of the plot at ``x``."""
    return {
        "x": x,
        "y": 1.0,
        "xref": "x",
        "yref": "paper",
        "yanchor": "bottom",
        "text": text,
        "showarrow": False,
        "font": {"size": 12, "color": palette.INK},
        **more,
    }


def _line(x0: float, x1: float, y0: float, y1: float, **more: Any) -> Spec:
    ends = {"x0": x0, "x1": x1, "y0": y0, "y1": y1}
    return {"type": "line", "xref": "x", "yref": "paper", **ends, **more}


def zone_marks(boundaries: Boundaries) -> Spec:
    """Shapes and annotations that shade and name each zone and mark the boundaries, with the
    three bands of circumstance bracketed under one name (circumstance is itself a spectrum,
    L42).

    Built as plain lists and validated once with the figure: adding them one by one with
    ``add_vrect``/``add_annotation`` re-validates the layout each time and cost more than
    everything else on the map page put together.
    """
    shapes: list[Spec] = []
    annotations: list[Spec] = []
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
        annotations.append(_above_plot((low + high) / 2, _zone_name(zone)))
    dotted = {"color": palette.MUTED_INK, "width": 1, "dash": "dot"}
    shapes += [_line(edge, edge, 0, 1, line=dotted) for edge in boundaries.as_tuple()]
    # The bracket over circumstance: a line a fixed number of pixels above the band names.
    first, last = boundaries.choice_upper, boundaries.near_coercion_upper
    pixels = {"ysizemode": "pixel", "yanchor": 1, "line": {"color": palette.MUTED_INK, "width": 1}}
    top, tick = _BAND_NAMES_PX, _BAND_NAMES_PX - 5
    shapes += [
        _line(first, last, top, top, **pixels),
        _line(first, first, tick, top, **pixels),
        _line(last, last, tick, top, **pixels),
    ]
    annotations.append(
        _above_plot((first + last) / 2, CIRCUMSTANCE, yshift=_BAND_NAMES_PX, bgcolor="white")
    )
    return {"shapes": shapes, "annotations": annotations}


# --- one row per persona ----------------------------------------------------------------------

ROW_HEIGHT = 46
LINE_HEIGHT = 16
"""Pixels each further line of a wrapped row label adds to every row."""
HIGHLIGHT_FILL = "#FFF1B8"
"""A pale yellow band behind a highlighted row; the label's mark and bold say it too."""
_AXIS_DOMAIN = (0.0, 0.86)
SIDE_COLUMN_DOMAIN = (0.89, 1.0)
_LABEL_SHIFT = 9
"""Pixels between a row's line and the bottom of its label, which sits above the markers."""


def row_height(personas: Sequence[Persona]) -> int:
    """Every row as tall as the longest label needs, so wrapped labels never meet a marker."""
    lines = max((len(label_lines(p, highlighted=True)) for p in personas), default=1)
    return ROW_HEIGHT + LINE_HEIGHT * (lines - 1)


def _row_labels(personas: Sequence[Persona], highlight: str | None) -> list[Spec]:
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
            "text": persona_tick(p, highlighted=p.id == highlight),
            "showarrow": False,
            "font": {"size": 13, "color": palette.INK},
            "align": "left",
        }
        for p in personas
    ]


def _side_column() -> Spec:
    """A narrow column beside the axis, on its own x axis (``x2``): what it holds is not a
    position."""
    return fixed_axis(
        domain=list(SIDE_COLUMN_DOMAIN),
        anchor="y",
        range=[0, 1],
        showticklabels=False,
        ticks="",
        showgrid=False,
        zeroline=False,
        showline=True,
        linecolor=palette.MUTED_INK,
        mirror=True,
    )


def _highlight_band(ids: Sequence[str], highlight: str | None) -> list[Spec]:
    """A band across the highlighted row, label included (rows are categories, counted from the
    bottom, the first persona on top)."""
    if highlight is None or highlight not in ids:
        return []
    row = len(ids) - 1 - list(ids).index(highlight)
    return [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": row - 0.45,
            "y1": row + 0.7,
            "fillcolor": HIGHLIGHT_FILL,
            "line": {"width": 1.5, "color": palette.INK, "dash": "dot"},
            "opacity": 0.85,  # the zone's shade still shows through
            "layer": "below",
        }
    ]


def rows_figure(
    traces: list[Spec],
    personas: Sequence[Persona],
    boundaries: Boundaries,
    *,
    column: str | None = None,
    highlight: str | None = None,
    **layout: Any,
) -> go.Figure:
    """One row per persona over the shaded axis, its label above it, no legend; with
    ``column``, a narrow column of that name beside the axis; with ``highlight`` (a persona's
    id), that row on a band, its label marked and bold.

    The labels sit inside the plot, above the markers, so nothing is reserved for them in a
    margin: the chart reads the same in a narrow column or on a phone. The key is written as
    text beside the chart, where it cannot crowd the plot and a screen reader reads it.
    """
    ids = [p.id for p in personas]
    top, bottom = 80, 60
    marks = zone_marks(boundaries)
    ticks = (0, 0.2, 0.4, 0.6, 0.8, 1)
    xaxis = axis_01("Position: 0 choice … 1 coercion", ticks=ticks, named_ends=False)
    spec: Spec = {
        "height": top + bottom + row_height(personas) * max(len(personas), 1),
        "shapes": marks["shapes"] + _highlight_band(ids, highlight),
        "annotations": marks["annotations"] + _row_labels(personas, highlight),
        "xaxis": xaxis,
        "yaxis": fixed_axis(
            categoryorder="array",
            categoryarray=list(reversed(ids)),
            tickvals=ids,
            showticklabels=False,
            # Room above the first row for its label.
            range=[-0.5, len(ids) - 0.2],
            showgrid=True,
            gridcolor="#E5E7EB",
            automargin=False,
        ),
        "showlegend": False,
        "margin": {"t": top, "b": bottom, "l": 12, "r": 12},
    }
    if column is not None:
        xaxis["domain"] = list(_AXIS_DOMAIN)
        spec["xaxis2"] = _side_column()
        header = _above_plot(0.5, column, xref="x2", font={"size": 11, "color": palette.INK})
        spec["annotations"].append(header)
    return figure(traces, spec | layout)
