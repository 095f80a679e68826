"""The dashboard's entry point: ``streamlit run dashboard/app.py``.

A thin face on the model: every page calls ``model`` for scoring, validation and the catalogue
of interventions, and only decides how to show what comes back.
"""

from __future__ import annotations

import streamlit as st

from dashboard import model_link, navigation, notice, print_css, sidebar, timing

# The interactive tables' own CSV export cannot carry the notice that every download carries, so
# it is off; the pages offer their own downloads with it (dashboard/downloads.py). A client
# option set from the script reaches the browser when the next run starts, so the first run of a
# fresh server sets it and, once the page is known, starts again. (``disableDataExport = true``
# under ``[client]`` in .streamlit/config.toml would make this a no-op.)
_EXPORT_WAS_ON = not st.get_option("client.disableDataExport")
if _EXPORT_WAS_ON:
    st.set_option("client.disableDataExport", True)

st.set_page_config(
    page_title="Choice–circumstance–coercion spectrum",
    # An emoji, not a ``:material/…:`` icon: Streamlit fetches a Material favicon from
    # fonts.gstatic.com, while an emoji becomes an inline ``data:`` image, so nothing leaves
    # the machine.
    page_icon="↔️",
    layout="wide",
)

current = st.navigation(navigation.build())
if _EXPORT_WAS_ON:
    st.rerun()  # after st.navigation, so the run starts again on the page that was asked for
with timing.timed(current.url_path or "map"):
    model_link.adopt()  # a shared ``?model=`` link, before anything reads the configuration
    notice.render()  # the notice in the main area while the sidebar is collapsed (phones)
    modified = st.container()  # filled after the page, so it shows the model the page left
    # The page before the sidebar (which shows in its own place whatever the order): the page's
    # elements reach the browser first, so their code is asked for first, ahead of the
    # sidebar's uploader and buttons (measured: benchmarks/RESULTS.md). The sidebar is drawn
    # even when the page stops or moves to another page.
    try:
        current.run()
    finally:
        sidebar.render()
        print_css.apply()  # printing any page to A4 gives the whole chart, its key and its table
    with modified:
        model_link.marker()
    model_link.publish()
