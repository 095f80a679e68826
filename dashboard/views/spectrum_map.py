"""Page 1, *Spectrum map*: every persona on one axis from choice to coercion."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import answer, display, downloads, navigation, session, url_state
from dashboard.figures import spectrum_map as figures
from model import ZONES, AgeBand, Zone
from model.ordering import RowOrder, ordered
from model.results import Results

_OPEN = "_map_open_persona"


def _open_chosen() -> None:
    """A callback: remember the persona chosen and clear the box (so coming back, it is empty);
    the run opens it (``st.switch_page`` cannot be called from a callback)."""
    st.session_state[_OPEN] = st.session_state.pop("map-open", None)


# Table rows tall enough for four lines: Streamlit's grid wraps text only in rows taller than
# 4rem, and a label cut short could read like another persona's. (Comments, not docstrings, in
# a page's script: Streamlit would write a bare string onto the page.)
ROW_HEIGHT = 78


# The columns a phone (390 px) shows side by side; their widths below add up to fit.
PHONE_COLUMNS = ("Persona", "Assessed position", "Assessed zone")


def _columns() -> dict[str, Any]:
    """The table's columns: the persona's label pinned and wrapped, the numbers to three
    decimals, and the first three narrow enough to sit side by side on a phone (390 px)."""
    config: dict[str, Any] = {
        name: st.column_config.NumberColumn(format="%.3f") for name in figures.NUMBER_COLUMNS
    }
    config["Gap"] = st.column_config.NumberColumn(format="%+.3f")
    config["Persona"] = st.column_config.TextColumn(pinned=True, width=150)
    config["Assessed position"] = st.column_config.NumberColumn(
        "Assessed", format="%.3f", width=70, help="Assessed position: 0 choice … 1 coercion"
    )
    config["Assessed zone"] = st.column_config.TextColumn(width=104)
    config["Self-placement"] = st.column_config.NumberColumn(
        "Own place", format="%.3f", width=70,
        help="Where they place themselves: 0 choice … 1 coercion (L50)",
    )  # fmt: skip
    config["Self-placed zone"] = st.column_config.TextColumn("Own zone", width=104)
    return config


def _view_controls(ids: list[str], results: Results) -> tuple[RowOrder, str | None, bool]:
    """How the rows are ordered, which persona is highlighted, and which placement leads: all
    kept in the session, the first two in the URL too, so a trainer's link opens the same view."""
    orders = [order.value for order in RowOrder]
    url_state.adopt("map_order", "order", orders)
    url_state.adopt("map_highlight", "highlight", ids)
    if st.session_state.get("map_highlight") not in (None, *ids):
        st.session_state["map_highlight"] = None  # filtered out: nothing to mark
    left, right = st.columns(2)
    order = left.selectbox(
        "Order rows", orders, format_func=lambda value: RowOrder(value).label, key="map_order",
        persist_state="session",
    )  # fmt: skip
    highlight = right.selectbox(
        "Highlight a persona", ids, index=None, key="map_highlight",
        format_func={p.id: p.label for p in results.personas}.__getitem__,
        placeholder="No persona highlighted", persist_state="session",
        help="Marks one row on the chart and in the table (▶, bold, a band), to talk about one "
        "person while the others stay in view.",
    )  # fmt: skip
    if order == RowOrder.GIVEN:
        st.query_params.pop("order", None)  # the default needs no parameter
    else:
        url_state.publish("map_order", "order")
    url_state.publish("map_highlight", "highlight")
    lead_self = answer.lead_toggle()
    return RowOrder(order or RowOrder.GIVEN), highlight, lead_self


def render() -> None:
    st.title("The choice–circumstance–coercion spectrum")
    st.markdown(
        "Each row is a **fictional persona**. The filled marker is where the model places them, "
        "with the range it could fall in if the weights were set differently; the hollow marker "
        "is where they place themselves. Diamonds are minors, who lack legal agency and are "
        "treated as coerced whatever they say (L48). A triangle in the right-hand column marks "
        "violence they have met: recorded apart, it never moves the position and always calls "
        "for support (L70). **Click a marker** to open the persona."
    )
    results = session.results()
    age_options = [band.value for band in AgeBand]
    zone_options = [zone.value for zone in ZONES]
    url_state.adopt("filter_age", "age", age_options, multi=True)
    url_state.adopt("filter_zone", "zone", zone_options, multi=True)
    left, right = st.columns(2)
    ages = left.multiselect(
        "Age bands",
        options=age_options,
        format_func=lambda value: AgeBand(value).label,
        key="filter_age",
        placeholder="All age bands",
        persist_state="session",
    )
    zones = right.multiselect(
        "Assessed zones",
        options=zone_options,
        format_func=lambda value: Zone(value).label,
        key="filter_zone",
        placeholder="All zones",
        persist_state="session",
    )
    url_state.publish("filter_age", "age")
    url_state.publish("filter_zone", "zone")
    matching = [
        p
        for p in results.personas
        if (not ages or p.age_band.value in ages)
        and (not zones or results.assessments[p.id].zone.value in zones)
    ]
    if not matching:
        st.info("No persona matches these filters. Clear a filter to see more.")
        return
    order, highlight, lead_self = _view_controls([p.id for p in matching], results)
    shown = ordered(matching, results.assessments, order)
    st.markdown(figures.KEY)
    event = display.chart(
        figures.figure(shown, results, highlight=highlight, lead_self=lead_self),
        key="map",
        alt=figures.alt(shown, results),
        on_select="rerun",
        selection_mode="points",
    )
    for point in event.selection.points:
        custom = point.get("customdata")
        if custom:
            navigation.open_persona(str(custom[0] if isinstance(custom, list) else custom))
    st.header("The same data as a table")
    table = figures.table(shown, results, highlight=highlight, lead_self=lead_self)
    st.caption(
        "Select a row, or choose a persona below, to open it: the keyboard's way to what a "
        "click on a marker does."
    )
    picked = st.dataframe(
        table, hide_index=True, key="map-table", column_config=_columns(), row_height=ROW_HEIGHT,
        placeholder="Not stated",
        height=ROW_HEIGHT * len(table) + 38, on_select="rerun", selection_mode="single-row",
    )  # fmt: skip
    for row in picked.selection.rows:
        navigation.open_persona(str(table.iloc[row]["ID"]))
    st.selectbox(
        figures.OPEN_LABEL, [p.id for p in shown], index=None, key="map-open",
        format_func={p.id: p.label for p in shown}.__getitem__,
        placeholder="Choose a persona to open", on_change=_open_chosen,
    )  # fmt: skip
    chosen = st.session_state.pop(_OPEN, None)
    if chosen:
        navigation.open_persona(chosen)
    # The file holds the data, not the screen's highlight mark.
    plain = figures.table(shown, results, lead_self=lead_self) if highlight else table
    downloads.table_button(plain, file_name="spectrum-map.csv", key="map-download")
    st.caption(figures.caption(results))


if __name__ == "__main__":  # run as a page by st.navigation
    render()
