"""Page 3: what the essays recommend in each zone, what they warn against, what holds everywhere."""

from __future__ import annotations

import streamlit as st

from dashboard import cards, display, tables
from model import ZONES, catalogue
from model.spectrum import ZONE_DESCRIPTIONS


def render() -> None:
    cat = catalogue()
    st.title("Interventions by region")
    st.markdown(
        "The essays argue that the right response depends on where someone is on the spectrum "
        "(L56): legal action against exploitation at the coercion end, social and economic "
        "support through circumstance, partnership and safety near choice. Every item cites "
        "the passage it comes from."
    )
    st.header("At a glance")
    display.table(tables.overview_table(), key="overview")

    st.header("Zone by zone")
    tabs = st.tabs([zone.label for zone in ZONES] + ["Everywhere"])
    for tab, zone in zip(tabs, ZONES, strict=False):
        with tab:
            st.markdown(f"**{zone.label}.** {ZONE_DESCRIPTIONS[zone]}")
            st.subheader("Interventions")
            display.grid(cat.for_zone(zone), cards.intervention)
            st.subheader("Cautions")
            display.grid(cat.cautions_for_zone(zone), cards.caution)
            st.caption("See the Everywhere tab for guidance and cautions that apply in every zone.")
    with tabs[-1]:
        st.markdown("Guidance that applies at every point of the spectrum.")
        st.subheader("Interventions")
        display.grid(cat.everywhere, cards.intervention)
        st.subheader("Cautions")
        display.grid(cat.everywhere_cautions, cards.caution)


if __name__ == "__main__":  # run as a page by st.navigation
    render()
