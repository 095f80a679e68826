"""Page 1: every persona on one axis from choice to coercion."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, display, downloads, navigation, session, tables, url_state
from model import ZONES, AgeBand, Zone


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
    shown = [
        p
        for p in results.personas
        if (not ages or p.age_band.value in ages)
        and (not zones or results.assessments[p.id].zone.value in zones)
    ]
    if not shown:
        st.info("No persona matches these filters. Clear a filter to see more.")
        return
    st.markdown(charts.MAP_KEY)
    event = display.chart(
        charts.spectrum_map(shown, results),
        key="map",
        alt=charts.spectrum_map_alt(shown, results),
        on_select="rerun",
        selection_mode="points",
    )
    for point in event.selection.points:
        custom = point.get("customdata")
        if custom:
            navigation.open_persona(str(custom[0] if isinstance(custom, list) else custom))
    st.header("The same data as a table")
    table = tables.map_table(shown, results)
    display.table(table, key="map-table", max_rows=40)
    downloads.table_button(table, file_name="spectrum-map.csv", key="map-download")
    st.caption(
        f"Intervals: central {results.uncertainties[shown[0].id].level:.0%} of "
        f"{results.samples:,} samples of the weights within their plausible ranges "
        f"(seed {results.seed}). Change them on *Adjust the model*."
    )


if __name__ == "__main__":  # run as a page by st.navigation
    render()
