"""Page 3, *Interventions by zone*: what the essays recommend in each zone, in two layers; what
they warn against; what holds everywhere."""

from __future__ import annotations

import streamlit as st

from dashboard import cards, display, downloads, safe_text
from dashboard.figures import interventions as figures
from model import ZONES, Intervention, Layer, response_catalogue
from model.spectrum import ZONE_DESCRIPTIONS

STARTING, PROTECTIONS = Layer.STARTING.label, Layer.PROTECTIONS.label
LAYERS = (
    "Responses come in two layers, and neither overwrites the other.\n\n"
    f"- **{STARTING}.** Begin by asking people where they see themselves (L50): “by focusing on "
    "how someone sees themselves across the spectrum, it’s easier to start imagining different "
    "kinds of interventions” (L56). The first layer is the responses for the zone the person "
    "places themself in; where they have not said, the first response is to ask, and the "
    "assessed zone stands in, labelled as such.\n"
    f"- **{PROTECTIONS}.** Some protections may not wait for anyone to call themself a victim: "
    "youth often do not (L17), and teenagers lack legal agency (L48), so a minor gets the "
    "responses for coercion and is never arrested (L20); anyone forced or manipulated is "
    "supported, not punished (L58); anyone who has met violence is supported (L70); and people "
    "in the life need services “regardless of whether they see themselves as trafficked” (L62)."
)


def _card(item: Intervention) -> None:
    marks = [figures.mark(p) for p in figures.protections_for(item)]
    cards.intervention(item, marks=marks)


def render() -> None:
    cat = response_catalogue()
    st.title("Interventions by zone")
    st.markdown(
        "The essays argue that the right response depends on where someone is on the spectrum "
        "(L56): legal action against exploitation at the coercion end, social and economic "
        "support through circumstance, partnership and safety near choice. Every item cites "
        "the passage it comes from."
    )
    st.markdown(LAYERS)
    st.caption(
        "Marked :material/shield: below: the protections, and the services offered wherever the "
        "assessment places someone, whatever they say of themselves. Levels (individual, "
        f"community, structural, legal, technology) are {figures.CLASSIFICATION}."
    )
    st.header(f"{PROTECTIONS}: who triggers what")
    display.long_table(figures.protections_table())

    st.header("At a glance")
    overview = figures.overview_table()
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
        display.grid(cat.guidance, _card)
        st.subheader("Cautions")
        display.grid(cat.general_cautions, cards.caution)


if __name__ == "__main__":  # run as a page by st.navigation
    render()
