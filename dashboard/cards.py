"""Interventions, cautions and citations as page elements."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard import safe_text
from dashboard.figures.interventions import CLASSIFICATION, level_name
from model import Caution, Citation, Intervention


def _inner(quote: str) -> str:
    """A quote inside our own quotation marks: its own double marks become single ones."""
    return quote.replace("“", "‘").replace("”", "’")


def citation_lines(sources: Sequence[Citation]) -> str:
    """Citations as a Markdown list: line reference, essay, the quoted passage and the note.

    The dashboard's one rendering of a citation (``Citation.display`` is the model's, for plain
    text); every card, lens and persona page lists its passages through it."""
    lines = []
    for c in sources:
        essay = c.essay
        where = (
            f"**{c.ref}**, *{essay.short_title}*" if essay else f"*{safe_text.markdown(c.work)}*"
        )
        quote = f": “{safe_text.markdown(_inner(c.quote))}”" if c.quote else ""
        note = f" ({safe_text.markdown(c.note)})" if c.note else ""
        lines.append(f"- {where}{quote}{note}")
    return "\n".join(lines)


def intervention(item: Intervention, reason: str | None = None, marks: Sequence[str] = ()) -> None:
    """One intervention: title, level, why it is here, what it is, and its passages.

    ``marks`` are short notes shown under the title (for instance, that it applies whatever the
    person says).
    """
    with st.container(border=True):
        st.markdown(f"**{safe_text.markdown(item.title)}**")
        meta = f"Level: {level_name(item.level)} ({CLASSIFICATION})"
        if reason:
            meta += f" · Why here: {reason}"
        st.caption(safe_text.markdown(meta))
        for mark in marks:
            st.markdown(f":material/shield: {safe_text.markdown(mark[:1].upper() + mark[1:])}")
        st.markdown(safe_text.markdown(item.summary))
        st.markdown(citation_lines(item.sources))


def caution(item: Caution, reason: str | None = None) -> None:
    with st.container(border=True):
        st.markdown(f"⚠️ **Caution: {safe_text.markdown(item.title)}**")
        if reason:
            st.caption(safe_text.markdown(f"Why here: {reason}"))
        st.markdown(safe_text.markdown(item.harm))
        st.markdown(citation_lines(item.sources))
