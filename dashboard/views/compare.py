"""Page *Compare configurations*: any two of the configurations the session keeps (the default,
yours, uploaded files), every persona under both, and the comparison to download.

Computed in the session (``st.session_state``), never cached across sessions: the
configurations and personas may be a user's own.
"""

from __future__ import annotations

import hashlib
from functools import partial

import streamlit as st

from dashboard import configs, display, model_link, research, safe_text, session
from dashboard.figures import compare as figures
from model import InputError, load_config_bytes
from model.compare import Comparison, compare
from model.research_output import comparison_csv

A_KEY, B_KEY = "compare_a", "compare_b"
_UPLOAD_KEY = "compare_upload"
_PROBLEMS = "_compare_upload_problems"
_LOADED = "_compare_upload_loaded"
_MEMO = "_comparison"


def _absorb() -> None:
    """An uploaded configuration, checked as the adjust page checks one; partial files are
    accepted (the rest default) and what they change is listed."""
    st.session_state.pop(_PROBLEMS, None)
    st.session_state.pop(_LOADED, None)
    file = st.session_state.get(_UPLOAD_KEY)
    if file is None:
        return
    try:
        loaded = load_config_bytes(file.getvalue(), file.name)
    except InputError as error:
        st.session_state[_PROBLEMS] = [str(p) for p in error.problems]
        return
    name = configs.keep(file.name, loaded)
    st.session_state[_LOADED] = (name, model_link.differences(loaded))
    st.session_state[B_KEY] = name


def _upload() -> None:
    st.file_uploader(
        "Add a configuration to compare (.toml or .json)",
        type=["toml", "json"],
        key=_UPLOAD_KEY,
        on_change=_absorb,
        help="Checked like the adjust page's upload. A file may name only some settings: the "
        "rest stay at the default. It is kept for this session only.",
    )
    for problem in st.session_state.get(_PROBLEMS, []):
        st.error(safe_text.markdown(problem))
    loaded = st.session_state.get(_LOADED)
    if loaded:
        model_link.loaded_message("Kept", *loaded)


def comparison(a_name: str, b_name: str) -> Comparison:
    """The two configurations compared over the session's personas, with intervals from the
    session's Monte Carlo settings; kept until any input changes."""
    a, b = configs.get(a_name), configs.get(b_name)
    people, runs = session.personas(), session.config().monte_carlo
    digest = hashlib.blake2b(digest_size=16)
    for part in (a.model_dump_json(), b.model_dump_json(), a_name, b_name, repr(runs)):
        digest.update(part.encode())
    for persona in people:
        digest.update(persona.model_dump_json().encode())
    key = digest.hexdigest()
    memo = st.session_state.get(_MEMO)
    if memo is None or memo[0] != key:
        found = compare(
            people, a, b, a_name=a_name, b_name=b_name, samples=runs.samples, seed=runs.seed
        )
        memo = st.session_state[_MEMO] = (key, found)
    result: Comparison = memo[1]
    return result


def _downloads(c: Comparison) -> None:
    research.json_and_csv(
        "the comparison",
        "spectrum-compare",
        key="compare",
        json_data=partial(c.model_dump_json, indent=2),
        csv_data=partial(comparison_csv, c),
        command="spectrum compare A B",
    )


def render() -> None:
    st.title("Compare configurations")
    st.markdown(
        "Every persona under two configurations side by side: the default, yours (the settings "
        "in force, from *Adjust the model* or a link) and any file you add here. Pick any two."
    )
    _upload()
    options = configs.names()
    for key, fallback in ((A_KEY, configs.DEFAULT), (B_KEY, configs.YOURS)):
        if st.session_state.get(key) not in options:
            st.session_state[key] = fallback
    left, right = st.columns(2)
    a_name = left.selectbox("Configuration A", options, key=A_KEY)
    b_name = right.selectbox("Configuration B", options, key=B_KEY)
    c = comparison(a_name, b_name)

    st.header("Personas whose zone differs")
    if c.zone_changes:
        st.markdown(
            "\n".join(
                f"- **{safe_text.markdown(p.label)}** ({p.id}): {p.zone_a.label} → {p.zone_b.label}"
                for p in c.zone_changes
            )
        )
    else:
        st.markdown("None: every persona stays in the same zone under both.")

    st.header("Settings that differ")
    if c.settings:
        display.table(figures.settings_table(c), key="compare-settings", max_rows=15)
    else:
        st.markdown("None: the two configurations are the same.")

    st.header("Every persona under both")
    st.markdown(figures.KEY)
    people = {p.id: p for p in session.personas()}
    shown = [people[p.id] for p in c.personas]
    chart = figures.figure(c, shown, configs.get(a_name).boundaries)
    display.chart(chart, key="compare-chart", alt=figures.alt(c))
    display.table(figures.table(c), key="compare-table", max_rows=40)
    runs = session.config().monte_carlo
    st.caption(
        f"Intervals: {runs.samples:,} Monte Carlo samples, seed {runs.seed} (set on Adjust the "
        "model). Responses are named by their ids, as the command line names them."
    )
    _downloads(c)

    st.header("Export your results")
    st.markdown(
        "The score document of every persona under **your** settings, as `spectrum score` "
        "writes it: positions, numeric interval bounds, zone probabilities, contributions, both "
        "layers of response, the configuration and the seed used."
    )
    research.score_downloads(key="compare-score")


if __name__ == "__main__":  # run as a page by st.navigation
    render()
