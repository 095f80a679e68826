"""Page 5, *Adjust the model*: weights, ranges, boundaries and the scoring rule; every other page
follows at once.

The controls are generated from the configuration model (``dashboard.form``) and only collect
numbers: the model validates the configuration they make. A change the model refuses is shown as
an error, and the last valid configuration stays in force. The configuration lives in one place,
the session's (``session.config``): the controls show it and write to it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import display, form, safe_text, session, timing
from dashboard.figures import adjust as figures
from model import InputError, ModelConfig, default_config, load_config_bytes
from model.config import config_from_data

_UPLOAD_PROBLEMS = "config_upload_problems"
_GROUP_KEY = "adjust_group"
_RANGES_KEY = "edit_ranges"
_SAMPLES, _SEED = form.PREFIX + "monte_carlo.samples", form.PREFIX + "monte_carlo.seed"


def _put_in_force(new: ModelConfig) -> None:
    """Make ``new`` the session's configuration, and have every control show it afresh."""
    session.set_config(new)
    st.session_state.pop(_UPLOAD_PROBLEMS, None)
    for key in [k for k in st.session_state if str(k).startswith(form.PREFIX)]:
        del st.session_state[key]


def _apply_upload() -> None:
    file = st.session_state.get("config_file")
    try:
        if file is not None:
            _put_in_force(load_config_bytes(file.getvalue(), file.name))
    except InputError as error:
        st.session_state[_UPLOAD_PROBLEMS] = error.problems


def _draw(rows: list[form.Row]) -> None:
    """The controls, each weight beside its range when the ranges are shown: moving the weight
    widens the range to hold it, narrowing the range pulls the weight inside."""
    for row in rows:
        # Without a range, no columns: fewer elements for the browser to redraw on each change.
        cells: list[Any] = list(st.columns(2)) if row.range else [st]
        follow = (form.widen, form.clamp) if row.range else (None, None)
        for cell, control, on_change in zip(cells, (row.value, row.range), follow, strict=False):
            assert control is not None
            cell.slider(
                control.label,
                control.low,
                control.high,
                step=control.step,
                key=control.key,
                on_change=on_change,
                args=(st.session_state, row),
                help=safe_text.markdown(control.help) if control.help else None,
            )


def _apply(cfg: ModelConfig, shown: list[form.Row]) -> list[str]:
    """Put the configuration the controls describe in force, if the model accepts it.

    Returns the model's objections, if it refuses: the last valid configuration then stays.
    """
    state = st.session_state
    for key, value in form.values(cfg, shown).items():
        if key not in state:  # a control not moved since the configuration last changed
            state[key] = value
    data = form.config_data(cfg, {c.key: state[c.key] for c in form.controls(shown)})
    try:
        candidate = config_from_data(data, "your settings")
    except InputError as error:
        return [str(problem) for problem in error.problems]
    if candidate != cfg:
        session.set_config(candidate)
    return []


def _apply_monte_carlo() -> None:
    """The run's samples and seed are the configuration's: a downloaded file reproduces them."""
    shown = {key: st.session_state[key] for key in (_SAMPLES, _SEED)}
    session.set_config(config_from_data(form.config_data(session.config(), shown), "settings"))


def _monte_carlo() -> None:
    runs = session.config().monte_carlo
    for key, value in ((_SAMPLES, runs.samples), (_SEED, runs.seed)):
        if key not in st.session_state:
            st.session_state[key] = value
    st.header("Monte Carlo")
    samples, seed = st.columns(2)
    options = sorted({*session.SAMPLE_CHOICES, runs.samples})
    samples.select_slider(
        "Weight samples", options=options, key=_SAMPLES, on_change=_apply_monte_carlo
    )
    seed.number_input("Random seed", min_value=0, step=1, key=_SEED, on_change=_apply_monte_carlo)


def _settings_bar() -> None:
    """Which controls to show, and saving, loading or resetting the settings.

    Outside the fragment: these change rarely and each change reruns the whole page, while
    keeping them out of the fragment spares the browser redrawing them on every slider move.
    """
    st.header("Settings")
    choose, files = st.columns([4, 6], gap="large")
    with choose:
        st.radio("Show the controls for", form.GROUPS, horizontal=True, key=_GROUP_KEY)
        st.toggle(
            "Also edit the plausible ranges",
            key=_RANGES_KEY,
            help="The ranges the Monte Carlo run samples each weight from.",
            persist_state="session",
        )
    with files:
        buttons = st.columns(2)
        buttons[0].button(
            "Reset to default", on_click=_put_in_force, args=(default_config(),), type="primary"
        )
        buttons[1].download_button(
            "Download settings",
            # The session's configuration itself, which Streamlit calls for the file only when
            # the user clicks: the settings in force then, however the sliders moved since.
            data=session.config_store(),
            file_name="spectrum-config.toml",
            mime="application/toml",
            on_click="ignore",
            help="The settings in force when you click, in the TOML format "
            "`spectrum score --config` reads, with the notice on its first line.",
        )
        st.file_uploader(
            "Load a configuration (.toml or .json)",
            type=["toml", "json"],
            key="config_file",
            on_change=_apply_upload,
        )
        for problem in st.session_state.get(_UPLOAD_PROBLEMS, []):
            st.error(safe_text.markdown(str(problem)))


@st.fragment
def _editor() -> None:
    """The sliders and what they change. A fragment: moving a slider reruns only this part of
    the page, not the whole page (benchmarks/RESULTS.md has what it then costs)."""
    with timing.timed("adjust-editor"):
        _edit()


def _edit() -> None:
    # Only the chosen group is drawn: every control is sent to the browser again on each
    # change, and forty sliders made a weight change slow to show. The others keep their values
    # in the configuration.
    group = st.session_state.get(_GROUP_KEY, form.GROUPS[0])
    cfg = session.config()
    shown = form.rows(group, cfg, ranges=bool(st.session_state.get(_RANGES_KEY, False)))
    # Everything is computed before the first element is drawn: the browser redraws the chart
    # only when the fragment's run ends, and elements sent in one burst are rendered together
    # instead of in several passes spread over the run (benchmarks/RESULTS.md).
    refused = _apply(cfg, shown)
    results = session.results()
    baseline = session.default_assessments(results.personas)
    figure, alt = figures.figure(results, baseline), figures.alt(results, baseline)
    table = figures.table(results, baseline)
    controls, chart = st.columns([4, 6], gap="large")
    with controls:
        if group in form.NOTES:
            st.caption(form.NOTES[group])
        _draw(shown)
    with chart:  # side by side, the chart stays in view while the sliders move
        if refused:
            lines = "\n".join(f"- {safe_text.markdown(problem)}" for problem in refused)
            st.error(
                "The model refuses this configuration, so the last valid one stays in force:\n\n"
                + lines
            )
        st.header("What your configuration changes")
        st.markdown(figures.KEY)
        display.chart(figure, key="shift-chart", alt=alt)
    st.header("The same data as a table")
    # A static table: it redraws in a fraction of the time of an interactive grid, which made
    # the first weight change after a page load about 70 ms slower (benchmarks/RESULTS.md).
    display.long_table(table)


def render() -> None:
    st.title("Adjust the model")
    st.markdown(
        "Every weight, plausible range and boundary of the model. The map, persona and "
        "framing pages follow your changes at once. Your changes stay in this browser session; "
        "download them to keep them or to use them with `spectrum score --config`."
    )
    _monte_carlo()
    _settings_bar()
    _editor()


if __name__ == "__main__":  # run as a page by st.navigation
    render()
