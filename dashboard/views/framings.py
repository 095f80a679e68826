"""Page: how the same personas are placed and answered under different framings."""

from __future__ import annotations

import streamlit as st

from dashboard import cards, charts, display, session, tables, url_state
from model import catalogue, framings, view


def render() -> None:
    results = session.results()
    st.title("Compare framings")
    st.markdown(
        "The essays contrast ways of seeing the same people (L44–L46, L56, L58). The same "
        "personas, seen through each framing, end up in different places and get different "
        "responses."
    )
    views = [view(results.assessments[p.id], f.id) for p in results.personas for f in framings()]

    cols = st.columns(len(framings()))
    for col, framing in zip(cols, framings(), strict=True):
        with col, st.container(border=True):
            st.markdown(f"**{framing.title}**")
            st.markdown(framing.summary)
            st.caption(f"Treats each person as: {framing.treated_as}")
            st.markdown(cards.citation_lines(framing.sources))

    st.header("Where each framing puts the personas")
    display.chart(charts.framing_chart(views), key="framings-chart", alt=charts.framing_alt(views))
    display.table(tables.framing_table(views, results.personas), key="framings-table", max_rows=40)

    st.header("What each framing leads to, persona by persona")
    st.markdown(
        "Choose a framing to see how it treats each persona, how many responses of each level "
        "follow (legal, individual, community, structural: see *Interventions by region*), and "
        "which cautions from the essays it runs into."
    )
    titles = {f.id: f.title for f in framings()}
    options = [f.id.value for f in framings()]
    url_state.adopt("framing_choice", "framing", options)
    chosen = st.selectbox(
        "Framing", options, format_func=titles.__getitem__, key="framing_choice",
        persist_state="session",
    )  # fmt: skip
    url_state.publish("framing_choice", "framing")
    chosen_views = [v for v in views if v.framing == chosen]
    display.long_table(tables.framing_detail_table(chosen_views, results.personas))
    raised = sorted({c for v in chosen_views for c in v.cautions})
    if raised:
        st.markdown("**The cautions this framing runs into:**")
        display.grid([catalogue().caution(c) for c in raised], cards.caution)


if __name__ == "__main__":  # run as a page by st.navigation
    render()
