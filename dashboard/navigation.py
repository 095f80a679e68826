"""The pages, their titles and their URL paths (the URL names the page, so a link reproduces it)."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

MAP = "map"
PERSONA = "persona"
BUILDER = "builder"
INTERVENTIONS = "interventions"
FRAMINGS = "framings"
ADJUST = "adjust"
COMPARE = "compare"
ABOUT = "about"
PRESENT = "present"

_pages: dict[str, StreamlitPage] = {}


def build() -> list[StreamlitPage]:
    """The navigation, one flat list; rebuilt each run as Streamlit expects.

    Pages are files (``views/*.py``) so that each can also be opened on its own in tests.
    Not grouped into sections: Streamlit draws section headers inside the sidebar's ``<ul>``,
    which screen readers and axe-core (rules ``list``/``listitem``) reject as a broken list.
    """
    _pages.update(
        {
            MAP: st.Page(
                "views/spectrum_map.py",
                title="Spectrum map",
                icon=":material/linear_scale:",
                url_path=MAP,
                default=True,
            ),
            PERSONA: st.Page(
                "views/persona.py", title="Persona", icon=":material/person:", url_path=PERSONA
            ),
            BUILDER: st.Page(
                "views/builder.py",
                title="Build a persona",
                icon=":material/person_add:",
                url_path=BUILDER,
            ),
            INTERVENTIONS: st.Page(
                "views/interventions.py",
                title="Interventions by zone",
                icon=":material/volunteer_activism:",
                url_path=INTERVENTIONS,
            ),
            FRAMINGS: st.Page(
                "views/framings.py",
                title="Compare framings",
                icon=":material/compare_arrows:",
                url_path=FRAMINGS,
            ),
            ADJUST: st.Page(
                "views/adjust.py", title="Adjust the model", icon=":material/tune:", url_path=ADJUST
            ),
            COMPARE: st.Page(
                "views/compare.py",
                title="Compare configurations",
                icon=":material/difference:",
                url_path=COMPARE,
            ),
            ABOUT: st.Page(
                "views/about.py",
                title="About and responsible use",
                icon=":material/info:",
                url_path=ABOUT,
            ),
            PRESENT: st.Page(
                "views/present.py",
                title="Presentation",
                icon=":material/slideshow:",
                url_path=PRESENT,
            ),
        }
    )
    return [
        _pages[name]
        for name in (
            MAP,
            PERSONA,
            BUILDER,
            INTERVENTIONS,
            FRAMINGS,
            ADJUST,
            COMPARE,
            ABOUT,
            PRESENT,
        )
    ]


def page(name: str) -> StreamlitPage:
    return _pages[name]


def open_persona(persona_id: str) -> None:
    """Go to a persona's detail page, with the persona in the URL."""
    st.switch_page(page(PERSONA), query_params={"persona": persona_id})
