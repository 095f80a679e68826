"""The sidebar on every page: adding personas for this session, downloads, and the notice."""

from __future__ import annotations

from pathlib import PurePath

import streamlit as st

from dashboard import downloads, limits, navigation, reconnect, safe_text, session, uploads
from model import Problem, default_config
from model.explanation import NOTICE as NOTICE_TEXT

NOTICE = (
    "A tool to think, teach and research with. **Never** a screening or identification tool "
    "for real people. Built for fictional composites; it refuses what looks like personal data."
)
PRIVACY = (
    "What you upload or change stays in this browser session: it is not saved to disk, not "
    "shared with other users, and nothing is sent anywhere. So it is lost when the session "
    "ends: a reload, or a server restart."
)


def _absorb_uploads() -> None:
    """Validate the uploaded persona files against the model whenever the user changes them,
    within the session's bounds (``dashboard.limits``, ``dashboard.uploads``).

    A callback, not a step of every run: the run that ``st.switch_page`` starts (a click on a
    map marker) sees the uploader empty, and re-reading it then dropped every upload and
    opened the first bundled persona instead of the uploaded one that was clicked.
    """
    files = st.session_state.get("persona_files") or []
    # Bundled ids count as taken, so an upload cannot silently replace a bundled persona.
    taken = {p.id: "the bundled personas" for p in session.bundled()[0]}
    taken.update({p.id: "the personas built in this session" for p in session.built()})
    intake = uploads.absorb([(f.name, f.getvalue()) for f in files], taken)
    st.session_state[session.UPLOADED_KEY] = intake.personas
    st.session_state[session.UPLOAD_PROBLEMS_KEY] = intake.all_problems()
    st.session_state[session.UPLOAD_WARNINGS_KEY] = intake.warnings
    st.session_state[_BY_FILE_KEY] = intake.problems
    st.session_state[_REFUSED_KEY] = intake.refused


_BY_FILE_KEY = "_upload_problems_by_file"
_REFUSED_KEY = "_upload_refused"
_PERSONAS_FILE_KEY = "_personas_file"


def _listed(problems: list[Problem]) -> str:
    """At most ``PROBLEMS_SHOWN`` problems as a Markdown list, each one escaped line, the rest
    counted."""
    shown = problems[: limits.PROBLEMS_SHOWN]
    lines = [f"- {safe_text.line(str(p))}" for p in shown]
    rest = len(problems) - len(shown)
    if rest:
        lines.append(f"- … and {rest:,} more (every one is in the download below)")
    return "\n".join(lines)


def _problems() -> None:
    """One box per file with problems, each capped: a file of thousands of faults draws a few
    dozen lines, not thousands of elements."""
    by_file: dict[str, list[Problem]] = st.session_state.get(_BY_FILE_KEY, {})
    for name, problems in by_file.items():
        st.error(
            f"**{len(problems):,} problem(s) in {safe_text.line(name)}; what they name was not "
            f"added:**\n\n{_listed(problems)}"
        )
    everything = session.upload_problems()
    if len(everything) > limits.PROBLEMS_SHOWN or len(by_file) > 1:
        st.download_button(
            "Download every problem (text)",
            data=uploads.problems_text(everything, NOTICE_TEXT),
            file_name="spectrum-upload-problems.txt",
            mime="text/plain",
            key="problems-download",
            on_click="ignore",
            help="Every problem in your files, one line each, as `spectrum validate` prints them.",
        )
    for sentence in st.session_state.get(_REFUSED_KEY, []):
        st.warning(safe_text.line(sentence), icon=":material/block:")


def _bundled_problems() -> None:
    """A bundled persona that could not be read is named, with why; the others are kept."""
    problems = list(session.bundled()[1])
    if problems:
        named = [Problem(PurePath(p.path).name, p.item, p.field, p.message) for p in problems]
        st.warning(
            "**A bundled persona file could not be read, so its personas are missing; the "
            f"others are here:**\n\n{_listed(named)}"
        )


def _personas_file() -> str:
    """The current set as a file, built when the set changes.

    Given to the button as data rather than as a callable: Streamlit keeps a file it was given
    for as long as the button is on the page, while the file a callable makes on click belongs
    to no session and is deleted by the next two runs of *any* session, which on a busy server
    can come before the browser fetches it (a 404; issue 14, hole 4).
    """
    people = tuple(session.personas())
    memo = st.session_state.get(_PERSONAS_FILE_KEY)
    if memo is None or memo[0] != people:
        memo = (people, downloads.personas_toml(people))
        st.session_state[_PERSONAS_FILE_KEY] = memo
    text: str = memo[1]
    return text


def render() -> None:
    with st.sidebar:
        reconnect.check(len(session.uploaded()), session.config() != default_config())
        st.markdown(NOTICE)
        st.divider()
        _bundled_problems()
        st.subheader("Your personas")
        st.file_uploader(
            "Add persona files (.toml or .json)",
            type=["toml", "json"],
            accept_multiple_files=True,
            key="persona_files",
            on_change=_absorb_uploads,
            help="Each file is checked by the model. Valid personas are added for this session "
            f"only (at most {limits.PERSONAS_PER_FILE} per file and "
            f"{limits.PERSONAS_PER_SESSION} per session, files up to 1 MB); problems are listed "
            "below. Run `spectrum schema persona` for the format.",
        )
        added = session.uploaded()
        if added:
            st.success(f"Added {len(added)} persona(s) for this session.")
        _problems()
        warnings = session.upload_warnings()
        if warnings:
            st.warning(
                f"**Accepted, with {len(warnings)} warning(s): text that reads like a real case "
                f"record (file, persona, field, phrase):**\n\n{_listed(warnings)}"
            )
        st.download_button(
            "Download personas (TOML)",
            data=_personas_file(),
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
