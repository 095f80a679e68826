"""One persona seen through one framing, as a card: where it places them, by what, and what
follows, every response and caution named by its title."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard import safe_text
from dashboard.figures import framings
from model import FramedView, FramingId, Layer, PlacementBasis, Zone


def bullets(titles: Sequence[str], empty: str = "None") -> str:
    if not titles:
        return empty
    return "\n".join(f"- {safe_text.markdown(t)}" for t in titles)


def compared(v: FramedView, assessed: Zone, own: Zone | None, *, lead_self: bool) -> str:
    """How the framing's placement compares: with the person's own place when the session
    leads with it (L50), otherwise with the outside assessment."""
    if not lead_self:
        if v.differs_from_assessment:
            return f"differs from the assessment ({assessed.label})"
        return "the same zone as the assessment"
    if own is None or v.differs_from_self is None:
        return "they have not said where they stand: ask first (L50)"
    if v.differs_from_self:
        return f"differs from where they place themselves ({own.label})"
    return "where they place themselves"


def card(
    v: FramedView,
    heading: str,
    assessed: Zone,
    *,
    key: str,
    misses: str | None = None,
    own: Zone | None = None,
    lead_self: bool = False,
) -> None:
    """``heading`` names the card (the framing, or the persona); ``assessed`` is the zone the
    outside assessment gives and ``own`` the zone they place themselves in (None if not said),
    to compare with the first when ``lead_self``; ``misses`` is what the framing leaves out,
    shown when the card stands for the framing. ``key`` names the card on the page (a CSS
    class, ``st-key-<key>``)."""
    with st.container(border=True, key=key):
        st.markdown(f"**{safe_text.markdown(heading)}**")
        comparison = compared(v, assessed, own, lead_self=lead_self)
        st.markdown(
            f"**Places them:** {safe_text.markdown(framings.placement(v))}  \n"
            f"*{safe_text.markdown(framings.BASIS_LABELS[v.basis])}; {comparison}*"
        )
        responses = framings.intervention_titles(v.responses)
        if v.basis is PlacementBasis.NOT_PLACED:
            st.markdown(f"**What follows:** {safe_text.markdown(v.treated_as)}")
        elif v.framing is FramingId.STARTING_WHERE_THEY_ARE:
            st.markdown(f"**{Layer.STARTING.label}:**\n\n" + bullets(responses))
            protections = framings.intervention_titles(v.protections)
            st.markdown(
                f"**{Layer.PROTECTIONS.label}:**\n\n"
                + bullets(protections, "None beyond the first layer")
            )
        else:
            st.markdown("**Responses that follow:**\n\n" + bullets(responses))
        st.markdown(
            "**Cautions the essays raise:**\n\n" + bullets(framings.caution_titles(v.cautions))
        )
        if misses:
            st.markdown(f"**What it misses:** {safe_text.markdown(misses)}")
