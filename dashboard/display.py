"""How charts and tables go on the page: every chart with its alt text and a table beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    # No mode bar: the axes are fixed, so its zoom buttons do nothing, and its image download
    # could not carry the notice every download carries (dashboard/downloads.py).
    "displayModeBar": False,
}
_ROW_PX = 35
T = TypeVar("T")


def chart(figure: go.Figure, *, key: str, alt: str, **kwargs: Any) -> Any:
    """A Plotly chart in the project's own styling (not the Streamlit theme) with alt text."""
    return st.plotly_chart(figure, key=key, theme=None, config=PLOTLY_CONFIG, alt=alt, **kwargs)


def table(frame: pd.DataFrame, *, key: str | None = None, max_rows: int = 20) -> None:
    """A table tall enough to show every row up to ``max_rows`` without scrolling."""
    height = _ROW_PX * (min(len(frame), max_rows) + 1) + 3
    st.dataframe(frame, hide_index=True, key=key, height=height)


def long_table(frame: pd.DataFrame) -> None:
    """A static table whose cells wrap: for rows of sentences, or where it must redraw fast."""
    st.table(frame.set_index(frame.columns[0]))


def chart_and_table(
    figure: go.Figure,
    alt: str,
    frame: pd.DataFrame,
    *,
    key: str,
    ratio: tuple[int, int] = (3, 2),
) -> None:
    chart_col, table_col = st.columns(list(ratio), vertical_alignment="top")
    with chart_col:
        chart(figure, key=f"{key}-chart", alt=alt)
    with table_col:
        table(frame, key=f"{key}-table")


def grid(items: Sequence[T], render: Callable[[T], None], columns: int = 2) -> None:
    """Lay out cards in columns, filling row by row."""
    for start in range(0, len(items), columns):
        for col, item in zip(st.columns(columns), items[start : start + columns], strict=False):
            with col:
                render(item)
