"""The dashboard's entry point: ``streamlit run dashboard/app.py``.

A thin face on the model: every page calls ``model`` for scoring, validation and the catalogue
of interventions, and only decides how to show what comes back.
"""

from __future__ import annotations

import streamlit as st

from dashboard import navigation, sidebar

st.set_page_config(
    page_title="Choice–circumstance–coercion spectrum",
    page_icon=":material/linear_scale:",
    layout="wide",
)

current = st.navigation(navigation.build())
sidebar.render()
current.run()
