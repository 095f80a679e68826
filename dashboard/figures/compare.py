"""The *Compare configurations* page: every persona under two configurations. Its figure (one row
per persona, a marker under each configuration), alt text, key and tables."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard import palette, safe_text
from dashboard.figures import theme
from dashboard.figures.theme import Spec
from model import Boundaries, Persona
from model.compare import Comparison

KEY = (
    "**Key:** ○ hollow blue circle = position under configuration A · ◆ filled orange diamond "
    "= position under configuration B · a grey line joins them when the position moves. The "
    "zones shaded are configuration A's."
)


def figure(c: Comparison, personas: Sequence[Persona], boundaries: Boundaries) -> go.Figure:
    """Each persona's row (``personas``, in the comparison's order), a marker under each
    configuration, over the zones of ``boundaries``."""
    ids = [p.id for p in c.personas]
    lines: Spec = {
        "type": "scatter",
        "mode": "lines",
        "x": [x for p in c.personas for x in (p.position_a, p.position_b, None)],
        "y": [y for pid in ids for y in (pid, pid, None)],
        "line": {"color": palette.CONNECTOR, "width": 2},
        "hoverinfo": "skip",
        "showlegend": False,
    }

    def side(label: str, xs: list[float], symbol: str, colour: str) -> Spec:
        return {
            "type": "scatter",
            "mode": "markers",
            "name": label,
            "x": xs,
            "y": ids,
            "marker": {
                "symbol": symbol,
                "size": 13,
                "color": colour,
                "line": {"color": colour, "width": 2},
            },
            "hovertemplate": f"%{{y}} under {safe_text.plotly(label)}: %{{x:.3f}}<extra></extra>",
        }

    traces = [
        lines,
        side(f"A: {c.a}", [p.position_a for p in c.personas], "circle-open", palette.ASSESSED),
        side(f"B: {c.b}", [p.position_b for p in c.personas], "diamond", palette.SELF_PLACED),
    ]
    return theme.rows_figure(traces, personas, boundaries)


def alt(c: Comparison) -> str:
    moved = sorted(c.personas, key=lambda p: -abs(p.shift))[:3]
    named = "; ".join(f"{p.label} {p.position_a:.2f} to {p.position_b:.2f}" for p in moved)
    return (
        f"Dot chart: each of {len(c.personas)} personas' position under configuration A "
        f"({c.a}) and B ({c.b}); {len(c.zone_changes)} change zone. Largest moves: "
        f"{named or 'none'}. The table below lists every persona."
    )


def _interval(pair: tuple[float, float] | None) -> str:
    return "" if pair is None else f"{pair[0]:.2f}–{pair[1]:.2f}"


def table(c: Comparison) -> pd.DataFrame:
    """Every persona under both: positions, zones, intervals, responses gained and lost."""
    return pd.DataFrame(
        [
            {
                "Persona": p.label,
                "Zone A": p.zone_a.short_label,
                "Zone B": p.zone_b.short_label,
                "Zone differs": theme.yes_no(p.zone_changed),
                "Position A": theme.number(p.position_a),
                "Position B": theme.number(p.position_b),
                "Shift": theme.number(p.shift, signed=True),
                "Interval A": _interval(p.interval_a),
                "Interval B": _interval(p.interval_b),
                "Responses gained": ", ".join(p.responses_gained) or theme.NONE,
                "Responses lost": ", ".join(p.responses_lost) or theme.NONE,
                "ID": p.id,
            }
            for p in c.personas
        ]
    )


def settings_table(c: Comparison) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Setting": d.setting, "A": repr(d.a), "B": repr(d.b)} for d in c.settings],
        columns=["Setting", "A", "B"],
    )
