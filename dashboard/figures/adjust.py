"""The *Adjust the model* page: what a configuration changes, against the default one.

``results`` are the personas under the configuration in force; ``baseline`` their assessments
under the default configuration, by persona id.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard import palette
from dashboard.figures import theme
from dashboard.figures.theme import Spec
from model import Assessment
from model.results import Results

KEY = (
    "**Key:** ○ hollow grey marker = position under the default configuration · "
    "● filled blue marker = position under yours · the line joins them"
)


def figure(results: Results, baseline: Mapping[str, Assessment]) -> go.Figure:
    """Positions under the default configuration (hollow) and the adjusted one (filled)."""
    personas, now = results.personas, results.assessments
    ids = [p.id for p in personas]
    before = [baseline[pid].position for pid in ids]
    after = [now[pid].position for pid in ids]
    traces: list[Spec] = [
        {
            "type": "scatter",
            "x": [x for pair in zip(before, after, strict=True) for x in (*pair, None)],
            "y": [y for pid in ids for y in (pid, pid, None)],
            "mode": "lines",
            "line": {"color": palette.CONNECTOR, "width": 2},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": before,
            "y": ids,
            "mode": "markers",
            "marker": {
                "symbol": "circle-open",
                "size": 13,
                "color": palette.MUTED_INK,
                "line": {"width": 2.5},
            },
            "name": "Default configuration (hollow)",
            "hovertemplate": "%{y}: %{x:.3f} by default<extra></extra>",
        },
        {
            "type": "scatter",
            "x": after,
            "y": ids,
            "mode": "markers",
            "marker": {"symbol": "circle", "size": 14, "color": palette.ASSESSED},
            "name": "Your configuration (filled)",
            "hovertemplate": "%{y}: %{x:.3f} now<extra></extra>",
        },
    ]
    return theme.rows_figure(traces, personas, results.config.boundaries)


def alt(results: Results, baseline: Mapping[str, Assessment]) -> str:
    now = results.assessments

    def moved(pid: str) -> float:
        return abs(now[pid].position - baseline[pid].position)

    largest = sorted((p.id for p in results.personas), key=lambda pid: -moved(pid))[:3]
    detail = ", ".join(
        f"{pid} {baseline[pid].position:.2f} to {now[pid].position:.2f}" for pid in largest
    )
    return (
        "Dot plot comparing each persona's position under the default configuration (hollow) "
        f"and under yours (filled). Largest moves: {detail}. The table beside it lists all."
    )


def table(results: Results, baseline: Mapping[str, Assessment]) -> pd.DataFrame:
    """Each persona's position by default and now. The numbers come as text, formatted here:
    formatting through a pandas Styler took a third of the adjust page's redraw on the server."""
    rows = []
    for p in results.personas:
        before, after = baseline[p.id], results.assessments[p.id]
        rows.append(
            {
                "Persona": p.label,
                "Default": theme.number(before.position),
                "Default zone": before.zone.short_label,
                "Now": theme.number(after.position),
                "Zone now": after.zone.short_label,
                "Change": theme.number(after.position - before.position, signed=True),
                "Zone changed": theme.yes_no(after.zone is not before.zone),
            }
        )
    return pd.DataFrame(rows)
