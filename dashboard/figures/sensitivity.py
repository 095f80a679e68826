"""The persona page's sensitivity section: which settings a placement depends on (Sobol indices
with their confidence intervals) and what would change it (a tornado and the tipping points).
Each figure with its alt text, its key and its table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import palette, safe_text
from dashboard.figures import theme
from dashboard.figures.theme import Spec
from model.sensitivity import Index, PersonaSensitivity, Swing

SWING_FILL = "#A9CCE8"
"""A light tint of the assessed blue: the span between the two end markers."""
TOP = 8
"""Settings shown in the charts (the tables list every one)."""

INDICES_KEY = (
    "**Key:** solid blue bars = total index (the share of the position's variance the setting "
    "accounts for, alone and with others) · hatched orange bars = first-order index (alone) · "
    "black whiskers = 95% confidence interval."
)
TORNADO_KEY = (
    "**Key:** each bar runs from the position with the setting at the low end of its plausible "
    "range (hollow circle) to the position at the high end (filled circle), the rest as "
    "configured; the dotted line is the position as configured. Widest first."
)


def _total(index: Index) -> float:
    return index.total or 0.0


def ranked(result: PersonaSensitivity) -> list[Index]:
    """Every index, largest total first."""
    return sorted(result.indices, key=lambda i: -_total(i))


def _label(text: str) -> str:
    return safe_text.plotly(text[:1].upper() + text[1:])


def _rows(labels: list[str], shift: int) -> Spec:
    """Each row's name inside the plot, just above its bars (no margin kept for names, so the
    chart keeps its width on a phone), and the y axis the rows sit on."""
    return {
        "annotations": [
            {
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": label,
                "yref": "y",
                "yanchor": "bottom",
                "yshift": shift,
                "text": label,
                "showarrow": False,
                "font": {"size": 13, "color": palette.INK},
                "align": "left",
            }
            for label in labels
        ],
        "yaxis": theme.fixed_axis(
            categoryorder="array",
            categoryarray=list(reversed(labels)),
            showticklabels=False,
            range=[-0.5, len(labels) - 0.3],
        ),
    }


def _bars(name: str, values: list[float], errors: list[float], labels: list[str]) -> Spec:
    first = name.startswith("First")
    return {
        "type": "bar",
        "orientation": "h",
        "name": name,
        "y": labels,
        "x": values,
        "error_x": {
            "type": "data",
            "array": errors,
            "visible": True,
            "color": palette.INK,
            "thickness": 1.5,
        },
        "marker": {
            "color": palette.SELF_PLACED if first else palette.ASSESSED,
            "pattern": {"shape": "/" if first else "", "fgcolor": "white"},
        },
        "hovertemplate": f"%{{y}}: {name.lower()} %{{x:.3f}} ± "
        "%{error_x.array:.3f}<extra></extra>",
    }


def indices(result: PersonaSensitivity) -> go.Figure:
    """Total and first-order Sobol indices of the top settings, with confidence intervals."""
    top = ranked(result)[:TOP]
    labels = [_label(i.label) for i in top]
    traces = [
        _bars("Total", [_total(i) for i in top], [i.total_conf or 0.0 for i in top], labels),
        _bars(
            "First-order",
            [i.first or 0.0 for i in top],
            [i.first_conf or 0.0 for i in top],
            labels,
        ),
    ]
    layout: Spec = {
        "height": 130 + 66 * len(top),
        "barmode": "group",
        "bargap": 0.5,
        **_rows(labels, 13),
        "xaxis": theme.fixed_axis(
            title={"text": "Sobol index (0 = no influence, 1 = all of it)"},
            range=[0, max(1.0, *(_total(i) + (i.total_conf or 0) for i in top))],
            zeroline=True,
            showgrid=True,
            gridcolor="#E5E7EB",
        ),
        "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        "margin": {"t": 50, "l": 12, "r": 12},
    }
    return theme.figure(traces, layout)


def indices_alt(result: PersonaSensitivity) -> str:
    top = ranked(result)[:3]
    named = "; ".join(
        f"{i.label} total {_total(i):.2f} (first-order {i.first or 0.0:.2f})" for i in top
    )
    return (
        f"Horizontal bar chart of the Sobol indices of this persona's position for the "
        f"{min(TOP, len(result.indices))} most influential settings, total and first-order, "
        f"with confidence intervals. Largest: {named}. The table beside it lists every setting."
    )


def _with_interval(value: float | None, conf: float | None) -> str:
    return f"{theme.number(value or 0.0)} ± {theme.number(conf or 0.0)}"


def indices_table(result: PersonaSensitivity, top: int | None = TOP) -> pd.DataFrame:
    """The settings the chart shows (or, with ``top=None``, every one), each index with its
    95% confidence interval."""
    shown = ranked(result)[:top] if top else ranked(result)
    return pd.DataFrame(
        [
            {
                "Setting": i.label[:1].upper() + i.label[1:],
                "Total ± CI": _with_interval(i.total, i.total_conf),
                "First-order ± CI": _with_interval(i.first, i.first_conf),
            }
            for i in shown
        ]
    )


# --- what would change the conclusion ----------------------------------------------------------


def tornado(swings: list[Swing], position: float) -> go.Figure:
    """The position with each setting at either end of its range, widest swing first."""
    top = swings[:TOP]
    labels = [_label(s.label) for s in top]
    bars: Spec = {
        "type": "bar",
        "orientation": "h",
        "y": labels,
        "base": [min(s.position_at_low, s.position_at_high) for s in top],
        "x": [max(s.width, 0.002) for s in top],
        "marker": {"color": SWING_FILL},
        "showlegend": False,
        "hoverinfo": "skip",
    }

    def ends(name: str, values: list[float], symbol: str) -> Spec:
        return {
            "type": "scatter",
            "mode": "markers",
            "name": name,
            "y": labels,
            "x": values,
            "marker": {
                "symbol": symbol,
                "size": 12,
                "color": palette.ASSESSED,
                "line": {"color": palette.ASSESSED, "width": 2},
            },
            "hovertemplate": f"%{{y}} {name.lower()}: %{{x:.3f}}<extra></extra>",
        }

    traces = [
        bars,
        ends("At the low end", [s.position_at_low for s in top], "circle-open"),
        ends("At the high end", [s.position_at_high for s in top], "circle"),
    ]
    seen = [position, *(x for s in top for x in (s.position_at_low, s.position_at_high))]
    pad = max(0.03, (max(seen) - min(seen)) * 0.15)
    layout: Spec = {
        "height": 130 + 60 * len(top),
        "bargap": 0.55,
        **_rows(labels, 12),
        "xaxis": theme.fixed_axis(
            title={"text": "Position (0 choice … 1 coercion), zoomed to the swings"},
            range=[max(-0.02, min(seen) - pad), min(1.02, max(seen) + pad)],
            showgrid=True,
            gridcolor="#E5E7EB",
            zeroline=False,
        ),
        "shapes": [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": position,
                "x1": position,
                "y0": 0,
                "y1": 1,
                "line": {"color": palette.INK, "dash": "dot", "width": 2},
            }
        ],
        "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        "margin": {"t": 50, "l": 12, "r": 12},
    }
    return theme.figure(traces, layout)


def tornado_alt(swings: list[Swing], position: float) -> str:
    named = "; ".join(
        f"{s.label} {s.position_at_low:.2f} to {s.position_at_high:.2f}" for s in swings[:3]
    )
    return (
        f"Tornado chart: this persona's position (as configured {position:.2f}) with each setting "
        f"at the low and at the high end of its plausible range, widest swing first. Widest: "
        f"{named or 'none'}. The table below lists where each setting would change the zone."
    )


def _tip(value: float | None, zone: object) -> str:
    if value is None or zone is None:
        return "No change"
    label = getattr(zone, "short_label", str(zone))
    return f"{value:.3g} → {label}"


def tipping_table(swings: list[Swing]) -> pd.DataFrame:
    """Every setting: its value and range, the position at either end, and the nearest value
    (within or beyond the range) that changes the zone, below and above."""
    return pd.DataFrame(
        [
            {
                "Setting": s.label[:1].upper() + s.label[1:],
                "Value": f"{s.value:.3g}",
                "Plausible range": f"{s.low:.3g}–{s.high:.3g}",
                "Position at low": theme.number(s.position_at_low),
                "Position at high": theme.number(s.position_at_high),
                "Zone changes below": _tip(s.tips_below, s.zone_below),
                "Zone changes above": _tip(s.tips_above, s.zone_above),
            }
            for s in swings
        ]
    )
