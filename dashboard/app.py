"""The dashboard's entry point: ``streamlit run dashboard/app.py``.

A thin face on the model: every page calls ``model`` for scoring, validation and the catalogue
of interventions, and only decides how to show what comes back.
"""

from __future__ import annotations

import os
import sys
import time

import streamlit as st

from dashboard import navigation, sidebar

st.set_page_config(
    page_title="Choice–circumstance–coercion spectrum",
    # An emoji, not a ``:material/…:`` icon: Streamlit fetches a Material favicon from
    # fonts.gstatic.com, while an emoji becomes an inline ``data:`` image, so nothing leaves
    # the machine.
    page_icon="↔️",
    layout="wide",
)

started = time.perf_counter()
current = st.navigation(navigation.build())
try:
    sidebar.render()
    current.run()
finally:
    # Opt-in timing of each script run, read by benchmarks/bench_dashboard.py.
    if os.environ.get("SPECTRUM_TIMING"):
        elapsed = (time.perf_counter() - started) * 1000
        print(
            f"[spectrum-timing] page={current.url_path or 'map'} ms={elapsed:.1f}", file=sys.stderr
        )
