"""Page 2, *Persona*: one persona: why it sits where it does, its own view beside the assessment
and the law, its story, what would help in two layers, and the same person under every framing."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard import answer, cards, display, framed, navigation, safe_text, session, url_state
from dashboard.figures import persona as figures
from dashboard.figures import theme
from model import (
    Assessment,
    Caution,
    Intervention,
    Layer,
    Persona,
    ResponsePlan,
    frame_all,
)
from model.framings import framing
from model.interventions import Applicable
from model.personas import VIOLENCE
from model.responses import REASON_EVERYWHERE

FRAMINGS_ANCHOR = "under-every-framing"
RESPONSES_ANCHOR = "two-layers"
VIOLENCE_MARK = "▲"


def _zones_apart(gap: int | None) -> str:
    if gap is None:
        return "No gap to show until they say"
    if gap == 0:
        return "Same zone"
    return f"{abs(gap)} zone{'s' if abs(gap) > 1 else ''} apart"


def _positions(a: Assessment, *, lead_self: bool = False) -> None:
    """Self-placement, assessment and legal status side by side: three views, never merged
    (the self-placement first when the session leads with it)."""
    cols = st.columns(4)
    assessed, own = (cols[1], cols[0]) if lead_self else (cols[0], cols[1])
    assessed.metric("Assessed position", theme.number(a.position), help="0 = choice, 1 = coercion")
    assessed.markdown(f"**{a.zone.label}**")
    if a.self_placement is None or a.self_zone is None:
        own.metric("Self-placement", "Not stated")
        own.markdown("Has not said where they stand: ask first (L50)")
    else:
        own.metric("Self-placement", theme.number(a.self_placement))
        own.markdown(f"**{a.self_zone.label}**")
    cols[2].metric(
        "Gap (assessed − self)",
        "—" if a.gap is None else theme.number(a.gap, signed=True),
        help="Positive: the model places them nearer coercion than they place themselves.",
    )
    cols[2].markdown(_zones_apart(a.zone_gap))
    cols[3].metric("Legal status", "Minor" if a.is_minor else "Adult")
    cols[3].markdown(f"**{a.legal_status.label}**")


def _violence(persona: Persona, a: Assessment) -> None:
    """Violence as its own mark: recorded apart, never a push on the position (L70)."""
    why = persona.why.get(VIOLENCE)
    story = f" From their story: “{safe_text.markdown(why)}”." if why else ""
    if a.violence_present:
        st.warning(
            f"**{VIOLENCE_MARK} Violence recorded ({theme.number(a.violence)}):** never moves the "
            f"position; support (L70).{story}",
            icon=":material/emergency_home:",
        )
    elif a.violence > 0:
        st.caption(
            f"{VIOLENCE_MARK} Violence recorded ({theme.number(a.violence)}), below the "
            f"presence level: never moves the position (L70).{story}"
        )
    else:
        st.caption("No violence recorded. Violence never moves the position (L70).")


def _intervention_cards(items: Sequence[Applicable[Intervention]]) -> None:
    display.grid(list(items), lambda x: cards.intervention(x.item, x.reason))


def _caution_cards(items: Sequence[Applicable[Caution]]) -> None:
    display.grid(list(items), lambda x: cards.caution(x.item, x.reason))


def _already_in_first_layer(plan: ResponsePlan) -> list[str]:
    """What they are owed whatever they say that the first layer already lists (the model
    names each response once, in the first layer)."""
    first = {x.item.id for x in plan.starting}
    return [x.item.title for x in plan.owed if x.item.id in first]


def _responses(plan: ResponsePlan) -> None:
    st.header("What would help, in two layers", anchor=RESPONSES_ANCHOR)
    st.markdown(
        "Start from where they see themselves (L50, L56); keep the protections that do not wait "
        "for them to say so (L17, L48, L58, L62, L70). Neither layer overwrites the other."
    )
    st.subheader(f"1. {Layer.STARTING.label}")
    st.markdown(f"**Where it starts:** {safe_text.markdown(plan.starting_label)}")
    _intervention_cards(plan.starting)

    st.subheader(f"2. {Layer.PROTECTIONS.label}")
    also = _already_in_first_layer(plan)
    if plan.protections:
        _intervention_cards(plan.protections)
    elif also:
        st.markdown("Every protection owed to them is already in the first layer.")
    else:
        st.markdown(
            "None applies: not a minor, no force, manipulation or violence recorded, and no "
            "service the assessment calls for that the first layer lacks."
        )
    if also:
        st.caption(
            "Also owed whatever they say, and listed once, in the first layer: "
            + "; ".join(safe_text.markdown(t) for t in also)
            + "."
        )

    specific = [x for x in plan.cautions if x.reason != REASON_EVERYWHERE]
    everywhere = [x for x in plan.cautions if x.reason == REASON_EVERYWHERE]
    st.subheader("Cautions: responses the essays warn cause harm here")
    _caution_cards(specific)
    with st.expander(f"And {len(everywhere)} cautions that apply everywhere"):
        _caution_cards(everywhere)

    st.subheader("Guidance for everyone")
    st.markdown("What the essays ask at every point of the spectrum, whoever the person is.")
    with st.expander(f"The {len(plan.guidance)} items of guidance"):
        _intervention_cards(plan.guidance)


def _under_every_framing(a: Assessment, *, lead_self: bool) -> None:
    st.header("This person under every framing", anchor=FRAMINGS_ANCHOR)
    st.markdown(
        "The essays contrast ways of seeing the same people (L44–L46, L50–L58). Here is where "
        "each places this person, the responses and cautions that follow, named, and what each "
        "framing misses."
    )
    views = frame_all(a)
    for col, v in zip(st.columns(len(views)), views, strict=True):
        with col:
            info = framing(v.framing)
            framed.card(
                v, info.title, a.zone, key=f"framing-{v.framing}", misses=info.misses,
                own=a.self_zone, lead_self=lead_self,
            )  # fmt: skip
    st.page_link(
        navigation.page(navigation.FRAMINGS),
        label="Every persona under every framing",
        icon=":material/compare_arrows:",
    )


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
    plan = results.plans[persona.id]

    st.title(safe_text.markdown(persona.label))
    st.caption(
        f"{persona.id} · age band {persona.age_band.label} · "
        "a fictional composite, not a real person"
    )
    lead_self = answer.render(a, plan, responses_anchor=RESPONSES_ANCHOR)
    st.markdown(f"[This person under every framing](#{FRAMINGS_ANCHOR})")

    _positions(a, lead_self=lead_self)
    if a.is_minor:
        st.info(
            "A minor lacks legal agency, so is treated as coerced whatever they say (L48); youth "
            "often do not see themselves as victims (L17). Their own view is kept and shown "
            "beside it, not overwritten (L50)."
        )
    _violence(persona, a)

    st.header("Their story")
    st.text(persona.narrative)
    if persona.self_description:
        st.markdown("**In their own view:**")
        st.text(persona.self_description)

    _responses(plan)
    _under_every_framing(a, lead_self=lead_self)

    st.header("Why the model places them here")
    st.markdown(
        "Each factor's push from choice toward coercion; the pushes add up to the position. "
        "Violence is not among them: it is recorded apart and never moves the position (L70)."
    )
    display.chart_and_table(
        figures.contributions(a),
        figures.contributions_alt(a),
        figures.contributions_table(a),
        key="contrib",
    )

    st.header("Factor profile")
    st.markdown(
        "Each value, with the phrase of their own story that grounds it (every value of 0.2 or "
        "more has one)."
    )
    st.markdown(figures.FACTOR_KEY)
    profile, alt = figures.factor_profile(persona), figures.factor_profile_alt(persona)
    display.chart(profile, key="factors-chart", alt=alt)
    display.long_table(figures.factor_table(persona))

    st.header("How sure is the placement?")
    st.markdown(
        f"Under {u.samples:,} samples of the weights within their plausible ranges, the "
        f"position falls between **{theme.number(u.low)}** and **{theme.number(u.high)}** "
        f"({u.level:.0%} interval; seed {results.seed})."
    )
    display.chart_and_table(
        figures.zone_probabilities(u, a.zone),
        figures.zone_probabilities_alt(u, a.zone),
        figures.zone_probabilities_table(u, a.zone),
        key="zones",
    )

    # Imported here, not at the top: the section is the researcher's (issue 10), kept apart.
    from dashboard import sensitivity_view

    sensitivity_view.render(persona, a)

    st.header("Passages this persona draws on")
    st.markdown(cards.citation_lines(persona.sources))


if __name__ == "__main__":  # run as a page by st.navigation
    render()
