"""The presentation page's charts: the dashboard's own figures, enlarged for a projector, and
the same charts dressed for export with their title, key, source line and notice.

Every chart comes from ``dashboard/figures``; this module only resizes type (chart labels of at
least 18 px), gives each persona's row its whole label, wrapped rather than cut, and, for a
reveal, hides what the room has not been shown yet.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import plotly.graph_objects as go

from dashboard import safe_text
from dashboard.figures import framings as framing_figures
from dashboard.figures import spectrum_map, theme
from dashboard.present_slides import MAP_KINDS, Slide, Stage
from model import Persona, frame, framings
from model.explanation import NOTICE
from model.results import Results
from model.scenes import SceneKind
from model.sources import ESSAYS

LABEL_PX = 22
"""Chart text: ticks, axis titles, zone names, row labels (at least 18 px on a projector)."""
LINE_PX = 27
"""One line of a row's label at :data:`LABEL_PX`."""
LABEL_SHIFT_PX = 14
"""From a row's line up to the bottom of its label."""
MARKER_PX = 22
ROWS_PX = 480
"""Rows share this much height when there is room: eight one-line rows fit a 1080-line
screen with the slide's title, the key and the buttons."""
ROW_MAX_PX = 150
"""A row's most height, so a slide of one or two personas is not all air."""
CHART_PX = 1040
"""The width a slide's chart is drawn at: its column on the 1920 × 1080 slide the page scales to
the screen (``dashboard/views/present.py``)."""
_LABEL_WRAP = 76
"""Characters on a label's line: the chart's plot is about 870 px wide at 1040 px, and 76
characters of 22 px type take about 780 px, so the bundled personas' labels are one line."""
SOURCE = (
    f"Source: danah boyd, “{ESSAYS[1].short_title}” and companion essays; "
    "model and personas: ccc-spectrum"
)

FRAMINGS_KEY = (
    "Key: each bar is one framing; its segments count the personas it sends to each zone, "
    "asks first about, or prosecutes instead of placing."
)


def _row_label(persona: Persona, *, highlighted: bool = False) -> str:
    """A persona's whole label at the slide's width (:func:`theme.persona_tick`). The mark of a
    highlighted label gets room of its own, so it breaks where it would unmarked: marking a
    persona never changes how many slides a scene takes."""
    extra = len(theme.HIGHLIGHT_MARK) if highlighted else 0
    return theme.persona_tick(persona, highlighted=highlighted, width=_LABEL_WRAP + extra)


def _without(trace: dict[str, Any], hidden: str) -> dict[str, Any]:
    """A marker trace without the points of one persona (its ``y`` is the persona's id)."""
    ys = list(trace.get("y") or [])
    keep = [i for i, y in enumerate(ys) if y != hidden]
    out = dict(trace)
    for name in ("x", "y", "customdata", "hovertext"):
        if name in trace and trace[name] is not None:
            values = list(trace[name])
            out[name] = [values[i] for i in keep]
    if isinstance(trace.get("error_x"), dict):
        error = dict(trace["error_x"])
        for name in ("array", "arrayminus"):
            if name in error:
                values = list(error[name])
                error[name] = [values[i] for i in keep]
        out["error_x"] = error
    return out


def _gap_without(trace: dict[str, Any], hidden: str) -> dict[str, Any]:
    """The dotted gap lines with one persona's segment left out."""
    xs = list(trace.get("x") or [])
    ys = list(trace.get("y") or [])
    out = dict(trace)
    out["x"] = [None if y == hidden else x for x, y in zip(xs, ys, strict=True)]
    return out


def _staged(fig: go.Figure, slide: Slide) -> go.Figure:
    """For a reveal: the current persona's assessment (and violence) appear at the second step,
    the gap between the two at the third."""
    current, stage = slide.current, slide.stage
    if current is None or stage is None or stage is Stage.GAP:
        return fig
    data = []
    for trace in fig.to_plotly_json()["data"]:
        name = str(trace.get("name", ""))
        if name == "Gap":
            trace = _gap_without(trace, current.id)
        elif stage is Stage.SELF and not name.startswith("Self-placement"):
            trace = _without(trace, current.id)
        data.append(trace)
    return go.Figure(data=data, layout=fig.layout, _validate=False)


def enlarge(
    fig: go.Figure, personas: Sequence[Persona] = (), highlight: str | None = None
) -> go.Figure:
    """The figure with projector-sized type; a rows figure also gets taller rows and whole
    labels (the ``highlight``'s marked)."""
    fig.update_layout(font_size=LABEL_PX, hoverlabel_font_size=LABEL_PX)
    fig.update_annotations(font_size=LABEL_PX)
    fig.update_xaxes(tickfont_size=LABEL_PX, title_font_size=LABEL_PX)
    by_id = {p.id: p for p in personas}
    if by_id:
        for annotation in fig.layout.annotations:
            if annotation.yref == "y" and annotation.y in by_id:
                person = by_id[annotation.y]
                annotation.text = _row_label(person, highlighted=person.id == highlight)
                annotation.yshift = LABEL_SHIFT_PX
        fig.update_traces(marker_size=MARKER_PX, selector={"mode": "markers"})
        rows = len(by_id)
        lines = _most_lines(by_id.values(), highlight)
        need = _row_need(lines)
        row_px = max(need, min(ROW_MAX_PX, ROWS_PX // rows))
        above = max(0, LABEL_SHIFT_PX + LINE_PX * lines + 6 - row_px // 2)
        fig.update_yaxes(range=[-0.5, rows - 0.5 + above / row_px])
        fig.update_layout(height=90 + 70 + row_px * rows + above, margin_t=90, margin_b=70)
    return fig


def _most_lines(personas: Iterable[Persona], highlight: str | None = None) -> int:
    """The most lines any of these personas' labels takes on a slide."""
    return max(_row_label(p, highlighted=p.id == highlight).count("<br>") + 1 for p in personas)


def _row_need(lines: int) -> int:
    """A row's least height for labels of ``lines`` lines: a row holds its label above its
    markers."""
    return LABEL_SHIFT_PX + LINE_PX * lines + MARKER_PX // 2 + 8


def fits_slide(personas: Sequence[Persona]) -> bool:
    """Whether a map slide holds these personas' rows in :data:`ROWS_PX`, their labels as
    :func:`enlarge` draws them: eight one-line labels do."""
    if len(personas) <= 1:
        return True
    return len(personas) * _row_need(_most_lines(personas)) <= ROWS_PX


def _map(personas: Sequence[Persona], results: Results, highlight: str | None) -> go.Figure:
    fig = spectrum_map.figure(personas, results, highlight=highlight)
    return enlarge(fig, personas, highlight)


def _axis(results: Results) -> go.Figure:
    fig = theme.rows_figure([], [], results.config.boundaries)
    fig.update_yaxes(showgrid=False)
    fig.update_layout(height=260, margin_t=110, margin_b=90)
    return enlarge(fig)


def slide_figure(slide: Slide, results: Results) -> go.Figure | None:
    """The chart a slide shows, or None for a slide of text alone."""
    kind = slide.scene.kind
    if kind is SceneKind.SPECTRUM_LANGUAGE:
        return _axis(results)
    if kind in MAP_KINDS and slide.personas:
        return _staged(_map(slide.personas, results, slide.highlight), slide)
    if kind is SceneKind.FRAMINGS and slide.personas:
        views = [frame(results.assessments[p.id], f.id) for p in slide.personas for f in framings()]
        fig = framing_figures.figure(views)
        fig.update_layout(height=560, legend_font_size=LABEL_PX, legend_entrywidth=330)
        fig.update_layout(margin_t=150)
        fig.update_traces(textfont_size=LABEL_PX, insidetextfont_size=LABEL_PX)
        # A count that would not fit its segment at 18 px is left out, not shrunk (Plotly
        # shrinks text to fit by default); the key and the hover still give it.
        fig.update_layout(uniformtext_minsize=18, uniformtext_mode="hide")
        return enlarge(fig)
    return None


def key_text(slide: Slide) -> str:
    """The chart's key, in words, for the page and for exports."""
    kind = slide.scene.kind
    if kind is SceneKind.FRAMINGS:
        return FRAMINGS_KEY
    if kind is SceneKind.SPECTRUM_LANGUAGE:
        return (
            "Key: shaded bands are the five zones from choice (0) to coercion (1); the three "
            "middle bands are circumstance, a spectrum of its own (L42)."
        )
    return plain(spectrum_map.KEY)


def plain(markdown: str) -> str:
    """Markdown emphasis removed: the key as it reads inside an image."""
    return re.sub(r"\*+", "", markdown)


def _lines(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(safe_text.plotly(text), width))


def for_export(fig: go.Figure, title: str, key: str, *, width: int = 1600) -> go.Figure:
    """A copy of the chart with its title above, and its key, source line and the notice below,
    inside the image."""
    out = go.Figure(fig)
    height = int(out.layout.height or 500)
    below = int(out.layout.margin.b or 60)
    chars = int(width / 10.5)
    parts = [
        (_lines(key, chars), 18),
        (_lines(SOURCE, chars), 16),
        (f"<b>{_lines(NOTICE, chars)}</b>", 18),
    ]
    offsets, used = [], below + 10
    for text, size in parts:
        offsets.append(used)
        used += (text.count("<br>") + 1) * int(size * 1.45) + 12
    out.update_layout(
        width=width,
        height=height + 70 + used - below,
        margin_t=int(out.layout.margin.t or 80) + 70,
        margin_b=used,
        title={
            "text": f"<b>{safe_text.plotly(title)}</b>",
            "x": 0.01,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 20},
            "font": {"size": 30},
        },
    )
    for (text, size), offset in zip(parts, offsets, strict=True):
        out.add_annotation(
            text=text,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-offset,
            align="left",
            showarrow=False,
            font={"size": size},
        )
    return out
