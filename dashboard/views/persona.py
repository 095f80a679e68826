"""Page 2: one persona: story, factors, why it sits where it does, and what would help."""

from __future__ import annotations

import streamlit as st

from dashboard import cards, charts, display, safe_text, session, tables, url_state
from model import catalogue


def _zones_apart(gap: int | None) -> str:
    if gap is None:
        return "—"
    if gap == 0:
        return "Same zone"
    return f"{abs(gap)} zone{'s' if abs(gap) > 1 else ''} apart"


def render() -> None:
    results = session.results()
    ids = [p.id for p in results.personas]
    labels = {p.id: f"{p.label} ({p.id})" for p in results.personas}
    url_state.adopt("persona_choice", "persona", ids)
    persona_id = st.selectbox(
        "Persona", ids, format_func=labels.__getitem__, key="persona_choice",
        persist_state="session",
    )  # fmt: skip
    url_state.publish("persona_choice", "persona")
    persona = results.persona(persona_id)
    a = results.assessments[persona.id]
    u = results.uncertainties[persona.id]

    st.title(safe_text.markdown(persona.label))
    st.caption(
        f"{persona.id} · age band {persona.age_band.label} · "
        "a fictional composite, not a real person"
    )

    cols = st.columns(4)
    cols[0].metric("Assessed position", f"{a.position:.2f}", help="0 = choice, 1 = coercion")
    cols[0].markdown(f"**{a.zone.label}**")
    if a.self_placement is None or a.self_zone is None:
        cols[1].metric("Self-placement", "Not stated")
        cols[1].markdown("Has not said where they stand")
    else:
        cols[1].metric("Self-placement", f"{a.self_placement:.2f}")
        cols[1].markdown(f"**{a.self_zone.label}**")
    cols[2].metric(
        "Gap (assessed − self)",
        "—" if a.gap is None else f"{a.gap:+.2f}",
        help="Positive: the model places them nearer coercion than they place themselves.",
    )
    cols[2].markdown(_zones_apart(a.zone_gap))
    cols[3].metric("Legal status", "Minor" if a.is_minor else "Adult")
    cols[3].markdown(f"**{a.legal_status.label}**")
    if a.is_minor:
        st.info(
            "A minor is coerced in law, whatever the position and whatever they say (L48). "
            "Their own view is kept and shown beside it, not overwritten (L50)."
        )
    if a.decisive_control:
        st.warning("Force or a third party's control alone places this persona in coercion (L42).")

    st.header("Their story")
    st.text(persona.narrative)
    if persona.self_description:
        st.markdown("**In their own view:**")
        st.text(persona.self_description)

    st.header("Why the model places them here")
    st.markdown(
        "Each factor's push from choice toward coercion; the pushes add up to the position."
    )
    display.chart_and_table(
        charts.contributions_chart(a),
        charts.contributions_alt(a),
        tables.contributions_table(a),
        key="contrib",
    )

    st.header("Factor profile")
    display.chart_and_table(
        charts.factor_profile(persona),
        charts.factor_profile_alt(persona),
        tables.factor_table(persona),
        key="factors",
    )

    st.header("How sure is the placement?")
    st.markdown(
        f"Under {u.samples:,} samples of the weights within their plausible ranges, the "
        f"position falls between **{u.low:.2f}** and **{u.high:.2f}** "
        f"({u.level:.0%} interval; seed {results.seed})."
    )
    display.chart_and_table(
        charts.zone_probability_chart(u, a.zone),
        charts.zone_probability_alt(u, a.zone),
        tables.zone_probability_table(u, a.zone),
        key="zones",
    )

    cat = catalogue()
    st.header("What the essays recommend")
    applicable = cat.for_assessment(a)
    display.grid(
        [x for x in applicable if not x.item.everywhere],
        lambda x: cards.intervention(x.item, x.reason),
    )
    with st.expander("Guidance that applies everywhere on the spectrum"):
        display.grid(
            [x for x in applicable if x.item.everywhere], lambda x: cards.intervention(x.item)
        )

    st.header("Cautions: responses the essays warn cause harm here")
    display.grid(cat.cautions_for_assessment(a), lambda x: cards.caution(x.item, x.reason))

    st.header("Passages this persona draws on")
    st.markdown(cards.citation_lines(persona.sources))


if __name__ == "__main__":  # run as a page by st.navigation
    render()
