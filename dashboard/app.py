"""The dashboard's entry point: ``streamlit run dashboard/app.py``.

A thin face on the model: every page calls ``model`` for scoring, validation and the catalogue
of interventions, and only decides how to show what comes back.
"""

from __future__ import annotations

import streamlit as st

from dashboard import navigation, sidebar, timing

st.set_page_config(
    page_title="Choice–circumstance–coercion spectrum",
    # An emoji, not a ``:material/…:`` icon: Streamlit fetches a Material favicon from
    # fonts.gstatic.com, while an emoji becomes an inline ``data:`` image, so nothing leaves
    # the machine.
    page_icon="↔️",
    layout="wide",
)

current = st.navigation(navigation.build())
with timing.timed(current.url_path or "map"):
    sidebar.render()
    current.run()
