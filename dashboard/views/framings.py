"""Page 4, *Compare framings*: how the same personas are placed and answered under different
framings."""

from __future__ import annotations

import streamlit as st

from dashboard import answer, cards, display, downloads, framed, safe_text, session, url_state
from dashboard.figures import framings as figures
from model import FramingId, Layer, frame, framings, response_catalogue


def _lens(framing_id: FramingId) -> None:
    info = next(f for f in framings() if f.id is framing_id)
    with st.container(border=True):
        st.markdown(f"**{safe_text.markdown(info.title)}**")
        st.caption(f"Held by: {safe_text.markdown(info.held_by)}")
        st.markdown(safe_text.markdown(info.summary))
        st.markdown(f"**Treats each person as:** {safe_text.markdown(info.treated_as)}")
        st.markdown(f"**What it misses:** {safe_text.markdown(info.misses)}")
        st.markdown(cards.citation_lines(info.sources))


def render() -> None:
    results = session.results()
    st.title("Compare framings")
    st.markdown(
        "The essays contrast ways of seeing the same people (L44–L46, L50–L58), each stated here "
        "as its holders would state it. The same personas, seen through each framing, end up in "
        "different places and get different responses. Only the first framing asks people where "
        "they stand, and only it keeps the protections that do not wait for them to say so."
    )
    views = [frame(results.assessments[p.id], f.id) for p in results.personas for f in framings()]
    lead_self = answer.lead_toggle()

    st.header("The four framings")
    display.grid([f.id for f in framings()], _lens, columns=2)

    st.header("Where each framing puts the personas")
    st.markdown(figures.KEY)
    display.chart(figures.figure(views), key="framings-chart", alt=figures.alt(views))
    overview = figures.table(views, results, lead_self=lead_self)
    display.table(overview, key="framings-table", max_rows=40)
    downloads.table_button(overview, file_name="spectrum-framings.csv", key="framings-download")

    st.header("What each framing leads to, persona by persona")
    st.markdown(
        "Choose a framing to see, for every persona, where it places them and on what basis, "
        "the responses that follow (named; see *Interventions by zone*) and the cautions from "
        f"the essays it runs into. For *Starting where they are* both layers are shown: "
        f"*{Layer.STARTING.label}* and *{Layer.PROTECTIONS.label}*."
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
    display.grid(
        chosen_views,
        lambda v: framed.card(
            v,
            results.persona(v.persona_id).label,
            results.assessments[v.persona_id].zone,
            key=f"persona-{v.persona_id}",
            own=results.assessments[v.persona_id].self_zone,
            lead_self=lead_self,
        ),
    )
    detail = figures.detail_table(chosen_views, results, lead_self=lead_self)
    with st.expander("The same as one table"):
        display.long_table(detail)
    downloads.table_button(detail, file_name=f"spectrum-framing-{chosen}.csv", key="detail-dl")
    raised = sorted({c for v in chosen_views for c in v.cautions})
    if raised:
        st.markdown("**The cautions this framing runs into:**")
        display.grid([response_catalogue().caution(c) for c in raised], cards.caution)


if __name__ == "__main__":  # run as a page by st.navigation
    render()
