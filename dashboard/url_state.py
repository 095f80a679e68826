"""Keeping the view in the URL, so that a link reproduces it.

Pages keep their widgets' values in ``st.session_state``; these helpers mirror a value into a
query parameter with readable ids (``?persona=p05-teen-carer``, ``?zone=economic,coercion``), and
adopt a parameter that changed from outside (a shared link, the back button, a click on the map).

A URL is input like any other: a value the page does not know is named and said to be missing
(never silently replaced by another), and repeated values are kept once, so a URL stays short.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard import safe_text

_LAST = "_url_last:"
MAX_SHOWN = 60
"""Characters of an unknown value quoted back in the message."""

MISSING = {
    "persona": (
        "The link asks for the persona “{value}”, which is not here. Uploaded personas live "
        "only in the browser session that added them (a link cannot bring them to another tab, "
        "and they are gone after a reload or a server restart), and a bundled persona that "
        "could not be read is named in the sidebar. Showing “{shown}” instead."
    ),
}
"""Per parameter: what to say when its value is not among the options."""


def _current(param: str) -> str | None:
    value = st.query_params.get(param)
    return value if value else None


def chosen(raw: str, options: Sequence[str]) -> list[str]:
    """The known values in a comma-separated parameter, each once, in the options' order, so
    repeated or unknown values never grow the URL or the chips."""
    asked = set(raw.split(",")) if raw else set()  # linear in the URL, which the server caps
    return [option for option in options if option in asked]


def adopt(key: str, param: str, options: Sequence[str], *, multi: bool = False) -> None:
    """Before the widget renders: a new, valid value in the URL becomes the widget's value; an
    unknown one is said to be missing."""
    raw = _current(param)
    if raw is None or raw == st.session_state.get(_LAST + param):
        return
    st.session_state[_LAST + param] = raw
    if multi:
        values = chosen(raw, options)
        if values:
            st.session_state[key] = values
        if ",".join(values) != raw:  # the URL said something twice, or something unknown
            st.query_params[param] = ",".join(values)
    elif raw in options:
        st.session_state[key] = raw
    elif param in MISSING and options:
        current = st.session_state.get(key)
        shown = current if current in options else options[0]
        value = safe_text.line(safe_text.truncate(raw, MAX_SHOWN))
        st.warning(
            MISSING[param].format(value=value, shown=safe_text.line(str(shown))),
            icon=":material/person_search:",
        )


def publish(key: str, param: str) -> None:
    """After the widget renders: write its value to the URL (or drop the parameter if empty)."""
    value = st.session_state.get(key)
    text = ",".join(dict.fromkeys(value)) if isinstance(value, list) else (value or "")
    if text:
        st.query_params[param] = text
        st.session_state[_LAST + param] = text
    else:
        st.query_params.pop(param, None)
        st.session_state.pop(_LAST + param, None)
