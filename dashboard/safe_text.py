"""Showing user-supplied text as text, wherever it lands.

Persona text may come from an upload. It is never passed with ``unsafe_allow_html``; where it
must go through Markdown (headings) or Plotly's HTML-like labels, it is escaped first so that
``<script>``, ``<img onerror=…>`` or Markdown links show as the characters they are.
"""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def markdown(text: str) -> str:
    """Escape Markdown (and the HTML Streamlit's Markdown would otherwise parse)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def plotly(text: str) -> str:
    """Escape text for Plotly labels and hover templates, which interpret a subset of HTML."""
    return html.escape(text, quote=True)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
