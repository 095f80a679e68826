"""Page 5, *Adjust the model*: weights, ranges, boundaries and the scoring rule; every other page
follows at once.

The controls are generated from the configuration model (``dashboard.form``) and only collect
numbers: the model validates the configuration they make. A change the model refuses is shown as
an error, and the last valid configuration stays in force. The configuration lives in one place,
the session's (``session.config``): the controls show it and write to it.

A weight group's sliders and the chart they move are one browser component
(:mod:`dashboard.live_editor`): the chart follows a slider while it moves, placed by the
model's rule in the browser, and the server's numbers follow when it settles. Boundaries and
scoring settings, and the plausible ranges, stay Streamlit widgets beside the same chart.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import (
    display,
    downloads,
    form,
    live_editor,
    model_link,
    navigation,
    safe_text,
    session,
    timing,
)
from dashboard.figures import adjust as figures
from model import InputError, ModelConfig, default_config, load_config_bytes
from model.config import config_from_data

_UPLOAD_PROBLEMS = "config_upload_problems"
_GROUP_KEY = "adjust_group"
_RANGES_KEY = "edit_ranges"
_UPLOAD_CHANGES = "config_upload_changes"
_UPLOADER_COUNT = "config_uploader_count"
_BEFORE_RESET = "config_before_reset"
_OPEN = "_adjust_open_persona"
_SAMPLES, _SEED = form.PREFIX + "monte_carlo.samples", form.PREFIX + "monte_carlo.seed"


def _put_in_force(new: ModelConfig) -> None:
    """Make ``new`` the session's configuration, and have every control show it afresh."""
    session.set_config(new)
    for key in (_UPLOAD_PROBLEMS, _UPLOAD_CHANGES):
        st.session_state.pop(key, None)
    form.forget(st.session_state)


def _uploader_key() -> str:
    """A new key after each reset, so the uploader no longer shows the file reset away."""
    return f"config_file_{st.session_state.get(_UPLOADER_COUNT, 0)}"


def _apply_upload() -> None:
    file = st.session_state.get(_uploader_key())
    try:
        if file is not None:
            loaded = load_config_bytes(file.getvalue(), file.name)
            _put_in_force(loaded)
            # A partial file sets only what it names; what that changes is listed.
            st.session_state[_UPLOAD_CHANGES] = (file.name, model_link.differences(loaded))
    except InputError as error:
        st.session_state[_UPLOAD_PROBLEMS] = error.problems


def _reset() -> None:
    """Back to the default; the configuration reset away is kept, so the reset can be undone."""
    before = session.config()
    if before != default_config():
        st.session_state[_BEFORE_RESET] = before
    st.session_state[_UPLOADER_COUNT] = st.session_state.get(_UPLOADER_COUNT, 0) + 1
    _put_in_force(default_config())


def _undo_reset() -> None:
    before = st.session_state.pop(_BEFORE_RESET, None)
    if isinstance(before, ModelConfig):
        _put_in_force(before)


def _draw(rows: list[form.Row]) -> None:
    """The controls, each weight beside its range when the ranges are shown: moving the weight
    widens the range to hold it, narrowing the range pulls the weight inside."""
    for row in rows:
        # Without a range, no columns: fewer elements for the browser to redraw on each change.
        cells: list[Any] = list(st.columns(2)) if row.range else [st]
        follow = (None, form.clamp) if row.range else (None, None)
        for cell, control, on_change in zip(cells, (row.value, row.range), follow, strict=False):
            assert control is not None
            if control is row.value:
                _value(cell, row)
                continue
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


def _value(cell: Any, row: form.Row) -> None:
    """A setting's slider, along its plausible range for a weight, and beside it a box to type
    an exact value: any the model takes, a weight's past the slider widening its range."""
    control, state = row.value, st.session_state
    if control.exact_key not in state:
        state[control.exact_key] = state[control.key]
    low, high = control.slider_bounds(state[control.key])
    slide, exact = cell.columns([5, 2], vertical_alignment="bottom")
    slide.slider(
        control.label,
        low,
        high,
        step=control.step,
        key=control.key,
        on_change=_slid,
        args=(row,),
        help=safe_text.markdown(control.help) if control.help else None,
    )
    past = f"; past {low:g}–{high:g} widens the plausible range" if control.track else ""
    exact.number_input(
        f"{control.label}: exact value",
        min_value=control.low,
        max_value=control.high,
        step=control.step,
        format="%.3f" if control.step < 0.01 else "%.2f",
        key=control.exact_key,
        on_change=form.exact,
        args=(state, row),
        label_visibility="collapsed",
        help=f"Type any value from {control.low:g} to {control.high:g}{past}.",
    )


def _slid(row: form.Row) -> None:
    form.slid(st.session_state, row)
    if row.range is not None:
        form.widen(st.session_state, row)


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
        buttons[0].button("Reset to default", on_click=_reset, type="primary")
        if isinstance(st.session_state.get(_BEFORE_RESET), ModelConfig):
            buttons[0].button("Undo reset", on_click=_undo_reset, icon=":material/undo:")
        st.file_uploader(
            "Load a configuration (.toml or .json)",
            type=["toml", "json"],
            key=_uploader_key(),
            on_change=_apply_upload,
            help="A file may name only some settings: the rest stay at the default.",
        )
        problems = st.session_state.get(_UPLOAD_PROBLEMS, [])
        if problems:  # one box, however many problems (the model lists at most 50, then counts)
            lines = "\n".join(f"- {safe_text.line(str(p))}" for p in problems)
            st.error(f"The model refuses this file; nothing changed:\n\n{lines}")
        loaded = st.session_state.get(_UPLOAD_CHANGES)
        if loaded:
            model_link.loaded_message("Loaded", *loaded)


def _shown_rows() -> list[form.Row]:
    group = st.session_state.get(_GROUP_KEY, form.GROUPS[0])
    ranges = bool(st.session_state.get(_RANGES_KEY, False))
    return form.rows(group, session.config(), ranges=ranges)


def _weights_sent() -> None:
    """The live editor's weights, once a slider has settled: into the controls' values, as a
    slider's would go (a weight past its range widens the range control shown beside it)."""
    state, sent = st.session_state, live_editor.sent_weights()
    for row in _shown_rows():
        if row.value.key in sent:
            state[row.value.key] = sent[row.value.key]
            if row.range is not None and row.range.key in state:
                form.widen(state, row)


def _open_clicked() -> None:
    """A persona clicked on the chart, or chosen by keyboard: the run opens it
    (``st.switch_page`` cannot be called from a callback)."""
    st.session_state[_OPEN] = live_editor.opened()


def _sliders(shown: list[form.Row]) -> list[live_editor.Slider]:
    """The weights of a group as the live editor shows them: each slider along its plausible
    range, its box taking any value the model does."""
    state, sliders = st.session_state, []
    for row in shown:
        control = row.value
        value = float(state[control.key])
        low, high = control.slider_bounds(value)
        past = f"; past {low:g}–{high:g} widens the plausible range" if control.track else ""
        sliders.append(
            live_editor.Slider(
                key=control.key,
                factor=control.path[1],
                label=control.label,
                low=low,
                high=high,
                step=control.step,
                min=control.low,
                max=control.high,
                value=value,
                help=control.help,
                note=f"Type any value from {control.low:g} to {control.high:g}{past}.",
            )
        )
    return sliders


def _ranges(rows: list[form.Row]) -> None:
    """The plausible ranges of a weight group, as Streamlit sliders below the live editor:
    narrowing one pulls its weight inside."""
    st.subheader("Plausible ranges")
    for row in rows:
        if row.range is not None:
            st.slider(
                row.range.label,
                row.range.low,
                row.range.high,
                step=row.range.step,
                key=row.range.key,
                on_change=form.clamp,
                args=(st.session_state, row),
                help=safe_text.markdown(row.range.help) if row.range.help else None,
            )


@st.fragment
def _editor() -> None:
    """The sliders and what they change. A fragment: a settled slider reruns only this part of
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
    # Everything is computed before the first element is drawn: elements sent in one burst are
    # rendered together instead of in several passes spread over the run
    # (benchmarks/RESULTS.md).
    refused = _apply(cfg, shown)
    if (cfg == default_config()) != (session.config() == default_config()):
        st.rerun()  # the whole page: every page's "modified" marker comes or goes
    if session.config() != cfg:  # labels and tracks follow a range that widened
        shown = form.rows(group, session.config(), ranges=bool(st.session_state.get(_RANGES_KEY)))
    chosen = st.session_state.pop(_OPEN, None)
    if chosen:
        navigation.open_persona(chosen)
    model_link.publish()  # the editor reruns alone: the address follows it here
    results = session.results()
    baseline = session.default_assessments(results.personas)
    figure, alt = figures.figure(results, baseline), figures.alt(results, baseline)
    table = figures.table(results, baseline)
    weights = group in form.WEIGHT_GROUPS
    if group in form.NOTES:
        st.caption(form.NOTES[group])
    if any(row.value.track for row in shown):
        st.caption(form.PAST_THE_RANGE)
    if refused:
        lines = "\n".join(f"- {safe_text.markdown(problem)}" for problem in refused)
        st.error(
            "The model refuses this configuration, so the last valid one stays in force:\n\n"
            + lines
        )
    st.header("What your configuration changes")
    st.markdown(figures.KEY)

    def chart(sliders: list[live_editor.Slider]) -> None:
        live_editor.editor(
            sliders,
            config=session.config(),
            results=results,
            baseline=baseline,
            figure=figure,
            alt=alt,
            on_weights=_weights_sent,
            on_open=_open_clicked,
        )

    if weights:
        # A weight group: its sliders and the chart in one component, the chart following a
        # slider as it moves (dashboard/live_editor.py).
        chart(_sliders(shown))
        if any(row.range for row in shown):
            _ranges(shown)
    else:
        # Boundaries and scoring settings stay Streamlit widgets beside the same chart.
        controls, beside = st.columns([4, 6], gap="large")
        with controls:
            _draw(shown)
        with beside:
            chart([])
    # The file itself, redrawn with every change: a file made on click belongs to no session
    # and another session's runs can delete it before the browser fetches it.
    downloads.settings_button(session.config())
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
