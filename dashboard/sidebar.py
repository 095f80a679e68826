"""The sidebar on every page: adding personas for this session, downloads, and the notice."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from dashboard import downloads, navigation, safe_text, session
from model import PersonaSet, load_persona_bytes

NOTICE = (
    "A tool to think, teach and research with. **Never** a screening or identification tool "
    "for real people. Built for fictional composites; it refuses what looks like personal data."
)
PRIVACY = (
    "What you upload or change stays in this browser session: it is not saved to disk, not "
    "shared with other users, and nothing is sent anywhere."
)


def _absorb_uploads() -> None:
    """Validate the uploaded persona files against the model whenever the user changes them.

    A callback, not a step of every run: the run that ``st.switch_page`` starts (a click on a
    map marker) sees the uploader empty, and re-reading it then dropped every upload and
    opened the first bundled persona instead of the uploaded one that was clicked.
    """
    files = st.session_state.get("persona_files") or []
    # Bundled ids count as taken, so an upload cannot silently replace a bundled persona.
    added = PersonaSet(origins={p.id: "the bundled personas" for p in session.bundled()[0]})
    for file in files:
        added.extend(load_persona_bytes(file.getvalue(), file.name))
    st.session_state[session.UPLOADED_KEY] = added.personas
    st.session_state[session.UPLOAD_PROBLEMS_KEY] = added.problems
    st.session_state[session.UPLOAD_WARNINGS_KEY] = added.warnings


def _personas_download() -> Callable[[], str]:
    """The file, written only when the user clicks (Streamlit calls it then, on another thread
    without the session, so the personas are taken now)."""
    return partial(downloads.personas_toml, tuple(session.personas()))


def render() -> None:
    with st.sidebar:
        st.markdown(NOTICE)
        st.divider()
        st.subheader("Your personas")
        st.file_uploader(
            "Add persona files (.toml or .json)",
            type=["toml", "json"],
            accept_multiple_files=True,
            key="persona_files",
            on_change=_absorb_uploads,
            help="Each file is checked by the model. Valid personas are added for this session "
            "only; problems are listed below. Run `spectrum schema persona` for the format.",
        )
        added, problems = session.uploaded(), session.upload_problems()
        if added:
            st.success(f"Added {len(added)} persona(s) for this session.")
        if problems:
            lines = "\n".join(f"- {safe_text.markdown(str(p))}" for p in problems)
            st.error(
                f"**{len(problems)} problem(s) in your files; nothing else changed:**\n\n{lines}"
            )
        warnings = session.upload_warnings()
        if warnings:
            lines = "\n".join(f"- {safe_text.markdown(str(w))}" for w in warnings)
            st.warning(
                f"**Accepted, with {len(warnings)} warning(s): text that reads like a real case "
                f"record (file, persona, field, phrase):**\n\n{lines}"
            )
        st.download_button(
            "Download personas (TOML)",
            data=_personas_download(),
            file_name="spectrum-personas.toml",
            mime=downloads.TOML_MIME,
            on_click="ignore",
            help="The current set, bundled and yours, in the format the `spectrum` command reads, "
            "with the notice on its first line.",
        )
        st.page_link(
            navigation.page(navigation.ADJUST),
            label="Save or load settings",
            icon=":material/tune:",
        )
        st.divider()
        st.caption(PRIVACY)
