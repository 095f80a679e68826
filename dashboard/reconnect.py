"""Saying plainly what a reconnect lost.

Uploads and edits live in the browser session on the server, by design (nothing is written to
disk). When the server restarts, or drops a session, the browser reconnects to a *new* session:
the uploader may still list its files and the sliders their positions, but the personas and the
settings are gone. Streamlit gives the page no sign of this, so the sidebar keeps a marker: a
hidden text widget whose value (this session's token, its upload count, whether the settings
were changed) the browser holds and sends back when it reconnects. A new session that receives
another session's marker, one that had uploads or edits, says what was lost.

The marker is refreshed on each full run; a change made only inside a fragment (a slider on the
adjust page) reaches it on the next full run.

Streamlit's client reruns a reconnected page at once only if the page has a fragment that
reruns on a timer; otherwise the stale page waits for the next click. So the sidebar holds one
such fragment, drawing nothing and rerunning rarely, only so that the warning comes as soon as
the connection is back rather than after the reader's next action.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import streamlit as st

MARKER_KEY = "session_marker"
_TOKEN_KEY = "_session_token"
_LOST_KEY = "_session_lost"
_BOX = "session-marker"

LOST = (
    "**This is a new session: what you added or changed before is gone.** The server restarted "
    "or the connection was lost for too long, and uploads and settings live only in the browser "
    "session (they are never saved on the server). {what} Add your files again, or load the "
    "settings you downloaded."
)


def _describe(marker: str) -> str | None:
    """What an earlier session's marker says it held, or None if nothing worth saying."""
    parts = marker.split(":")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    uploads, edited = int(parts[1]), parts[2] == "1"
    lost = []
    if uploads:
        lost.append(f"{uploads} uploaded persona(s)")
    if edited:
        lost.append("your settings (the model is back to its defaults)")
    return f"Lost: {' and '.join(lost)}." if lost else None


@st.fragment(run_every=timedelta(hours=1))
def _rerun_on_reconnect() -> None:
    """Draws nothing: its timer is what makes the client rerun the page when it reconnects."""


def check(uploads: int, edited: bool) -> None:
    """Keep this session's marker, and warn once a new session receives an older one."""
    state = st.session_state
    token = state.get(_TOKEN_KEY)
    first_run = token is None
    if first_run:
        token = state[_TOKEN_KEY] = uuid.uuid4().hex[:12]
    marker = f"{token}:{uploads}:{int(edited)}"
    if not first_run and state.get(MARKER_KEY) != marker:
        state[MARKER_KEY] = marker  # before the widget exists in this run, as Streamlit allows
    st.html(f"<style>.st-key-{_BOX} {{ display: none; }}</style>")
    with st.container(key=_BOX):
        received = st.text_input("Session marker", key=MARKER_KEY, label_visibility="collapsed")
    if first_run and received and not received.startswith(f"{token}:"):
        what = _describe(received)
        if what:
            state[_LOST_KEY] = LOST.format(what=what)
    _rerun_on_reconnect()
    if uploads:
        state.pop(_LOST_KEY, None)
    if _LOST_KEY in state:
        st.warning(state[_LOST_KEY], icon=":material/restart_alt:")
