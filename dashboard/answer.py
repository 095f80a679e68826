"""The answer first: one line of where a persona stands and why, and their first responses,
before any chart; and the session's choice to lead every view with the self-placement.

The essays ask to begin "by asking them where they see themselves to be" (L50), so a reader may
choose to see the person's own place before the assessment, everywhere it is shown. The choice
is one session setting (``LEAD_KEY``), kept across pages; any page reads it with
:func:`leads_with_self`.
"""

from __future__ import annotations

import streamlit as st

from dashboard import safe_text
from dashboard.figures import theme
from model import Assessment, Layer, ResponsePlan
from model.explanation import explain

LEAD_KEY = "lead_with_self_placement"
"""The toggle's key, the same on every page that shows it."""
_CHOICE = "_lead_with_self_placement"
"""The session's choice itself, kept apart from any one page's toggle: a widget's own state is
not reliably there on the first run of another page, and the choice must hold everywhere."""
LEAD_LABEL = "Lead with their own placement (L50)"
FIRST_SHOWN = 3
"""How many first responses the opening names (the rest are in the two layers below)."""


def leads_with_self() -> bool:
    """Whether this session leads every view with the self-placement, not the assessment."""
    return bool(st.session_state.get(_CHOICE, False))


def _chosen() -> None:
    st.session_state[_CHOICE] = bool(st.session_state.get(LEAD_KEY, False))


def lead_toggle() -> bool:
    """The toggle, showing the session's choice; returns it (changed by the toggle, if it was,
    before this run began)."""
    st.session_state[LEAD_KEY] = leads_with_self()
    st.toggle(
        LEAD_LABEL,
        key=LEAD_KEY,
        on_change=_chosen,
        help="Show where they place themselves before the outside assessment, on every page "
        "of this session that shows personas (the map, each persona, the framings, the "
        "builder). Neither overwrites the other.",
    )
    return leads_with_self()


def _self(a: Assessment) -> str:
    if a.self_placement is None or a.self_zone is None:
        return "they have not said where they stand: ask first (L50)"
    return f"they place themselves in {a.self_zone.label} ({theme.number(a.self_placement)})"


def _assessed(a: Assessment) -> str:
    return f"the assessment places them in {a.zone.label} ({theme.number(a.position)})"


def where_line(a: Assessment, *, lead_self: bool) -> str:
    """Both positions in one sentence, in the order the session asks for."""
    first, second = (_self(a), _assessed(a)) if lead_self else (_assessed(a), _self(a))
    line = f"{first[:1].upper()}{first[1:]}; {second}."
    if a.is_minor:
        line += " A minor: treated as coerced whatever they say (L48)."
    return line


def first_responses_line(plan: ResponsePlan) -> str:
    """The first responses, starting from their own placement (or from asking)."""
    where = (
        "not stated, so ask first"
        if plan.ask_first
        else f"from their own place, {plan.starting_zone.label}"
    )
    return f"({where}): {_named([x.item.title for x in plan.starting])}"


def protections_line(plan: ResponsePlan) -> str:
    """What is owed whatever they say, beyond the first layer ("" if nothing)."""
    return _named([x.item.title for x in plan.protections]) if plan.protections else ""


def _named(titles: list[str]) -> str:
    shown = titles[:FIRST_SHOWN]
    more = len(titles) - len(shown)
    return "; ".join(shown) + (f"; and {more} more." if more > 0 else ".")


def render(a: Assessment, plan: ResponsePlan, *, responses_anchor: str) -> bool:
    """The opening answer, with the lead toggle; returns whether to lead with the self view."""
    lead_self = lead_toggle()
    with st.container(border=True, key="answer-first"):
        st.markdown(
            f"**Where they stand:** {safe_text.markdown(where_line(a, lead_self=lead_self))}"
        )
        st.markdown(f"**Why:** {safe_text.markdown(explain(a))}")
        st.markdown(f"**First responses** {safe_text.markdown(first_responses_line(plan))}")
        owed = protections_line(plan)
        if owed:
            st.markdown(f"**Whatever they say, also:** {safe_text.markdown(owed)}")
        st.markdown(
            f"[{Layer.STARTING.label}, and the protections, with their reasons]"
            f"(#{responses_anchor})"
        )
    return lead_self
