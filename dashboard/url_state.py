"""Keeping the view in the URL, so that a link reproduces it.

Pages keep their widgets' values in ``st.session_state``; these helpers mirror a value into a
query parameter with readable ids (``?persona=p05-teen-carer``, ``?zone=economic,coercion``), and
adopt a parameter that changed from outside (a shared link, the back button, a click on the map).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

_LAST = "_url_last:"


def _current(param: str) -> str | None:
    value = st.query_params.get(param)
    return value if value else None


def adopt(key: str, param: str, options: Sequence[str], *, multi: bool = False) -> None:
    """Before the widget renders: a new, valid value in the URL becomes the widget's value."""
    raw = _current(param)
    if raw is None or raw == st.session_state.get(_LAST + param):
        return
    st.session_state[_LAST + param] = raw
    if multi:
        chosen = [v for v in raw.split(",") if v in options]
        if chosen:
            st.session_state[key] = chosen
    elif raw in options:
        st.session_state[key] = raw


def publish(key: str, param: str) -> None:
    """After the widget renders: write its value to the URL (or drop the parameter if empty)."""
    value = st.session_state.get(key)
    text = ",".join(value) if isinstance(value, list) else (value or "")
    if text:
        st.query_params[param] = text
        st.session_state[_LAST + param] = text
    else:
        st.query_params.pop(param, None)
        st.session_state.pop(_LAST + param, None)
