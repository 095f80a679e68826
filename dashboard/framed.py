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


def card(
    v: FramedView, heading: str, assessed: Zone, *, key: str, misses: str | None = None
) -> None:
    """``heading`` names the card (the framing, or the persona); ``assessed`` is the zone the
    outside assessment gives, to compare; ``misses`` is what the framing leaves out, shown when
    the card stands for the framing. ``key`` names the card on the page (a CSS class,
    ``st-key-<key>``)."""
    with st.container(border=True, key=key):
        st.markdown(f"**{safe_text.markdown(heading)}**")
        compared = (
            f"differs from the assessment ({assessed.label})"
            if v.differs_from_assessment
            else "the same zone as the assessment"
        )
        st.markdown(
            f"**Places them:** {safe_text.markdown(framings.placement(v))}  \n"
            f"*{safe_text.markdown(framings.BASIS_LABELS[v.basis])}; {compared}*"
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
