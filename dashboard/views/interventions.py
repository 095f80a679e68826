"""Page 3: what the essays recommend in each zone, in two layers; what they warn against; what
holds everywhere."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cards, display, downloads, layers, safe_text, tables
from model import ZONES, Intervention, catalogue
from model.spectrum import ZONE_DESCRIPTIONS


def _marks(item: Intervention) -> list[str]:
    marks = [t.mark for t in layers.triggers_for(item)]
    if item.follows_assessment:
        marks.append(layers.WHATEVER_THEY_SAY)
    return marks


def _card(item: Intervention) -> None:
    cards.intervention(item, marks=_marks(item))


def _bulleted(titles: list[str]) -> str:
    """Titles in one table cell, each after a bullet (the titles themselves hold commas)."""
    return " ".join(f"• {t}" for t in titles)


def _protections() -> None:
    """Which responses may not wait for self-identification, and for whom."""
    cat = catalogue()
    st.header(f"{layers.PROTECTIONS}: who triggers what")
    rows = []
    for trigger in layers.TRIGGERS:
        items = [i.title for i in cat.interventions if trigger in layers.triggers_for(i)]
        rows.append({"For": f"{trigger.who} ({trigger.refs})", "Responses": _bulleted(items)})
    follows = [i.title for i in cat.interventions if i.follows_assessment]
    rows.append(
        {
            "For": "anyone the assessment places in the zones they serve (L62)",
            "Responses": _bulleted(follows),
        }
    )
    display.long_table(pd.DataFrame(rows))


def render() -> None:
    cat = catalogue()
    st.title("Interventions by region")
    st.markdown(
        "The essays argue that the right response depends on where someone is on the spectrum "
        "(L56): legal action against exploitation at the coercion end, social and economic "
        "support through circumstance, partnership and safety near choice. Every item cites "
        "the passage it comes from."
    )
    st.markdown(layers.INTRO)
    st.caption(
        "Marked :material/shield: below: the protections, and the services offered wherever the "
        "assessment places someone, whatever they say of themselves. Levels (individual, "
        f"community, structural, legal, technology) are {cards.CLASSIFICATION}."
    )
    _protections()

    st.header("At a glance")
    overview = tables.overview_table()
    # A static table: its cells and headers wrap, so all nine columns fit beside each other
    # (an interactive grid hid the last ones behind a scroll bar).
    display.long_table(overview)
    downloads.table_button(overview, file_name="spectrum-interventions.csv", key="overview-dl")

    st.header("Zone by zone")
    tabs = st.tabs([zone.label for zone in ZONES] + ["Everywhere"])
    for tab, zone in zip(tabs, ZONES, strict=False):
        with tab:
            st.markdown(f"**{zone.label}.** {safe_text.markdown(ZONE_DESCRIPTIONS[zone])}")
            st.subheader("Interventions")
            display.grid(cat.for_zone(zone), _card)
            st.subheader("Cautions")
            display.grid(cat.cautions_for_zone(zone), cards.caution)
            st.caption("See the Everywhere tab for guidance and cautions that apply in every zone.")
    with tabs[-1]:
        st.markdown("Guidance that applies at every point of the spectrum.")
        st.subheader("Interventions")
        display.grid(cat.everywhere, _card)
        st.subheader("Cautions")
        display.grid(cat.everywhere_cautions, cards.caution)


if __name__ == "__main__":  # run as a page by st.navigation
    render()
