"""Interventions, cautions and citations as page elements."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard import safe_text
from model import Caution, Citation, Intervention

LEVEL_NAMES = {
    "individual": "Individual",
    "community": "Community",
    "structural": "Structural",
    "legal": "Legal",
}


def citation_lines(sources: Sequence[Citation]) -> str:
    """Citations as a Markdown list: line reference, essay, and the quoted passage."""
    lines = []
    for c in sources:
        essay = c.essay
        where = (
            f"**{c.ref}**, *{essay.short_title}*" if essay else f"*{safe_text.markdown(c.work)}*"
        )
        quote = f": “{safe_text.markdown(c.quote)}”" if c.quote else ""
        note = f" ({safe_text.markdown(c.note)})" if c.note else ""
        lines.append(f"- {where}{quote}{note}")
    return "\n".join(lines)


def intervention(item: Intervention, reason: str | None = None) -> None:
    with st.container(border=True):
        st.markdown(f"**{safe_text.markdown(item.title)}**")
        meta = f"Level: {LEVEL_NAMES[item.level.value]}"
        if reason:
            meta += f" · Why here: {reason}"
        st.caption(safe_text.markdown(meta))
        st.markdown(safe_text.markdown(item.summary))
        st.markdown(citation_lines(item.sources))


def caution(item: Caution, reason: str | None = None) -> None:
    with st.container(border=True):
        st.markdown(f"⚠️ **Caution: {safe_text.markdown(item.title)}**")
        if reason:
            st.caption(safe_text.markdown(f"Why here: {reason}"))
        st.markdown(safe_text.markdown(item.harm))
        st.markdown(citation_lines(item.sources))
