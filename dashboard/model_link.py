"""A whole model in the page's address: ``?model=<settings>`` whenever the session's
configuration differs from the default, and a visible marker on every page while it does.

Opening a link with ``?model=`` puts its settings in force, checked like an uploaded file
(``model.links.config_from_link``); a link that cannot be used shows a clear message naming the
problem, and the default model. Navigating between pages drops the parameter from the address;
it is written back at the end of every run, so the address always reproduces the model in force.
"""

from __future__ import annotations

import streamlit as st

from dashboard import form, safe_text, session
from model import InputError, ModelConfig, default_config
from model.compare import config_differences
from model.links import config_from_link, settings_link
from model.problems import NO_ITEM, Problem

PARAM = "model"
MARKER = "Modified from the default model"
_LAST = "_model_link_last"
_PROBLEM = "_model_link_problem"


def _plain(problem: Problem) -> str:
    """A link's problem in words, without the placeholders of the parts a link has not got."""
    parts = [p for p in (problem.item, problem.field) if p != NO_ITEM]
    return safe_text.markdown(": ".join([*parts, problem.message]))


def adopt() -> None:
    """Before the page runs: a ``?model=`` the session has not seen yet becomes its
    configuration (a shared link opened, or the back button). An empty or missing parameter
    changes nothing: page navigation drops it."""
    raw = st.query_params.get(PARAM) or ""
    if not raw or raw == st.session_state.get(_LAST):
        return
    st.session_state[_LAST] = raw
    try:
        adopted = config_from_link(raw)
    except InputError as error:
        st.session_state[_PROBLEM] = [_plain(p) for p in error.problems]
        adopted = default_config()
    else:
        st.session_state.pop(_PROBLEM, None)
    session.set_config(adopted)
    form.forget(st.session_state)


def publish() -> None:
    """After the page ran (or the adjust page's editor did): the address carries the settings
    in force, or no ``model`` parameter for the default."""
    token = settings_link(session.config())
    if token:
        st.session_state.pop(_PROBLEM, None)  # another model is in force now
        if st.query_params.get(PARAM) != token:
            st.query_params[PARAM] = token
    else:
        st.query_params.pop(PARAM, None)
    st.session_state[_LAST] = token


def differences(cfg: ModelConfig) -> list[str]:
    """What differs from the default, one line per setting."""
    return [f"`{d.setting}`: {d.a!r} → {d.b!r}" for d in config_differences(default_config(), cfg)]


def loaded_message(verb: str, name: str, changes: list[str]) -> None:
    """A configuration file accepted: what it changes from the default (a partial file sets
    only what it names)."""
    lines = "\n".join(f"- {line}" for line in changes) or "- nothing: it is the default model"
    st.success(
        f"{verb} **{safe_text.markdown(name)}**. What it changes from the default (every setting "
        f"it does not name stays at the default):\n\n{lines}"
    )


def marker() -> None:
    """The link's problem, if the last link opened could not be used, and the "modified"
    marker with the differences while a non-default model is in force."""
    problems = st.session_state.get(_PROBLEM)
    if problems:
        lines = "\n".join(f"- {p}" for p in problems)
        st.error(
            "**The model in this link could not be used**, so the **default model** is shown "
            f"instead:\n\n{lines}",
            icon=":material/link_off:",
        )
    changed = differences(session.config())
    if not changed:
        return
    st.warning(
        f"**{MARKER}.** The page's address carries the settings that differ: copy it to "
        "share this model.",
        icon=":material/tune:",
    )
    with st.expander("The settings that differ from the default"):
        st.markdown("\n".join(f"- {line}" for line in changed))
