"""Showing user-supplied text as text, wherever it lands.

Persona text, file names, problem messages and a configuration's ``basis`` may come from an
upload. None of it is passed with ``unsafe_allow_html``; where it must go through Markdown
(headings, alerts, a slider's help) or Plotly's HTML-like labels, it is escaped first so that
``<script>``, ``<img onerror=…>`` or Markdown links show as the characters they are.

Escaping is not enough against links: Streamlit's Markdown (GitHub's dialect) turns a bare
``https://…``, ``www.…`` or ``name@host.example`` into a live link, a ``mailto:`` for an e-mail
address, and it finds them in the text *after* escapes are read, so no backslash prevents it.
:func:`markdown` therefore puts an invisible WORD JOINER (U+2060) where a link would start (after
``www``, between ``:`` and ``//``, after ``@``): the text reads the same and copies almost the
same, but is never a link. Text shown with ``st.text`` or in tables and charts is never linked
and needs none of this.
"""

from __future__ import annotations

import html
import re

from model.problems import printable

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
WORD_JOINER = "\u2060"
_LINK_STARTS = re.compile(r"(?<=www)(?=\.)|(?<=:)(?=//)|(?<=@)|(?<=mailto:)|(?<=xmpp:)", re.I)


def unlinked(text: str) -> str:
    """``text`` with a WORD JOINER wherever Markdown's literal autolinks could start."""
    return _LINK_STARTS.sub(WORD_JOINER, text)


def markdown(text: str) -> str:
    """Escape Markdown (and the HTML Streamlit's Markdown would otherwise parse), and keep any
    URL or e-mail address in it from becoming a link."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked(text))


def line(text: str) -> str:
    """:func:`markdown` for text that must stay one line (a title, a list item): control,
    line-breaking and direction characters are shown escaped (``model.problems.printable``)."""
    return markdown(printable(text))


def plotly(text: str) -> str:
    """Escape text for Plotly labels and hover templates, which interpret a subset of HTML.

    Only ``&``, ``<`` and ``>``: Plotly decodes few entities, so an escaped ``"`` would show as
    ``&quot;`` in the chart."""
    return html.escape(text, quote=False)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
