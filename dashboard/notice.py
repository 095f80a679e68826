"""The not-a-screening-tool notice in the main area whenever the sidebar is collapsed.

The sidebar carries the notice on every page, but Streamlit collapses the sidebar by default on
narrow screens (and anyone may collapse it), which hid the notice. So every page also opens with
a one-line notice that a static stylesheet shows only while the sidebar is collapsed (Streamlit
marks it ``data-collapsed="true"``). The stylesheet is this module's own text; nothing a user
wrote passes through it.
"""

from __future__ import annotations

import streamlit as st

from model.explanation import NOTICE

KEY = "notice-sidebar-closed"
CSS = f"""
<style>
.stApp:not(:has([data-testid="stSidebar"][data-collapsed="true"])) .st-key-{KEY} {{
  display: none;
}}
</style>
"""


def render() -> None:
    """Called once per run, in the main area, before the page."""
    st.html(CSS)
    with st.container(key=KEY):
        st.caption(f":material/info: {NOTICE}")
