"""Page 4: adjust weights, ranges and boundaries; every other page follows at once.

The controls only collect numbers: the model validates the configuration they make. A change
that the model refuses is shown as an error and the last valid configuration stays in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, display, downloads, safe_text, session, tables, timing
from model import (
    FactorKind,
    InputError,
    ModelConfig,
    default_config,
    factor_catalogue,
    load_config_bytes,
)
from model.config import MAX_WEIGHT, config_from_data
from model.spectrum import ZONE_LABELS, Zone

PREFIX = "cfg:"
BOUNDARY_FIELDS = {
    "choice_upper": f"{ZONE_LABELS[Zone.CHOICE]} ends at",
    "near_choice_upper": f"{ZONE_LABELS[Zone.NEAR_CHOICE]} ends at",
    "economic_upper": f"{ZONE_LABELS[Zone.ECONOMIC]} ends at",
    "near_coercion_upper": f"{ZONE_LABELS[Zone.NEAR_COERCION]} ends (coercion begins) at",
}
_UPLOAD_PROBLEMS = "config_upload_problems"


def _key(*parts: str) -> str:
    return PREFIX + ":".join(parts)


def _forget_controls() -> None:
    """Drop every control's state so the controls show the stored configuration afresh."""
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]


def _reset() -> None:
    session.set_config(default_config())
    st.session_state.pop(_UPLOAD_PROBLEMS, None)
    _forget_controls()


def _apply_upload() -> None:
    file = st.session_state.get("config_file")
    if file is None:
        return
    try:
        new = load_config_bytes(file.getvalue(), file.name)
    except InputError as error:
        st.session_state[_UPLOAD_PROBLEMS] = error.problems
        return
    st.session_state.pop(_UPLOAD_PROBLEMS, None)
    session.set_config(new)
    _forget_controls()


def _widen_range(factor_id: str, setting_range: tuple[float, float]) -> None:
    """Moving a weight outside its range widens the range to hold it."""
    weight = st.session_state[_key("w", factor_id)]
    low, high = st.session_state.get(_key("r", factor_id), setting_range)
    st.session_state[_key("r", factor_id)] = (min(low, weight), max(high, weight))


def _clamp_weight(factor_id: str) -> None:
    """Narrowing a range pulls the weight inside it."""
    low, high = st.session_state[_key("r", factor_id)]
    weight = st.session_state[_key("w", factor_id)]
    st.session_state[_key("w", factor_id)] = min(max(weight, low), high)


def _seed(key: str, value: Any) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _seed_controls(cfg: ModelConfig, *, ranges: bool) -> None:
    """Give every control its value from ``cfg`` unless the user has already moved it."""
    for name in BOUNDARY_FIELDS:
        _seed(_key("b", name), getattr(cfg.boundaries, name))
    scoring = cfg.scoring
    _seed(_key("s", "lack"), scoring.capital_lack.weight)
    _seed(_key("s", "lack_range"), tuple(scoring.capital_lack.range))
    _seed(_key("s", "ceiling"), scoring.circumstance_ceiling)
    _seed(_key("s", "threshold"), scoring.decisive_threshold)
    _seed(_key("s", "presence"), scoring.presence)
    for factor_id, setting in cfg.weights.items():
        _seed(_key("w", factor_id), setting.weight)
        if ranges:
            _seed(_key("r", factor_id), tuple(setting.range))


def _data_from_controls(cfg: ModelConfig) -> dict[str, Any]:
    """The configuration data the controls describe (the model validates it)."""
    state = st.session_state
    data = cfg.model_dump(mode="python")
    data["boundaries"] = {name: state[_key("b", name)] for name in BOUNDARY_FIELDS}
    data["scoring"]["capital_lack"]["weight"] = state[_key("s", "lack")]
    data["scoring"]["capital_lack"]["range"] = state[_key("s", "lack_range")]
    data["scoring"]["circumstance_ceiling"] = state[_key("s", "ceiling")]
    data["scoring"]["decisive_threshold"] = state[_key("s", "threshold")]
    data["scoring"]["presence"] = state[_key("s", "presence")]
    for factor_id, setting in cfg.weights.items():
        weight = state[_key("w", factor_id)]
        low, high = state.get(_key("r", factor_id), setting.range)
        data["weights"][factor_id]["weight"] = weight
        data["weights"][factor_id]["range"] = (min(low, weight), max(high, weight))
    return data


def _weight_controls(cfg: ModelConfig, kind: FactorKind, *, ranges: bool) -> None:
    for factor in factor_catalogue().of_kind(kind):
        setting = cfg.weights[factor.id]
        low, high = setting.range
        top = max(4.0 if kind is not FactorKind.CONTROL else MAX_WEIGHT, high)
        # Without the range editors, one slider per factor and no columns: fewer elements
        # for the browser to redraw on every change.
        weight_col, range_col = st.columns(2) if ranges else (st, None)
        weight_col.slider(
            f"{factor.label}: weight" + ("" if ranges else f" (plausible {low:g}–{high:g})"),
            0.0,
            top,
            step=0.05,
            key=_key("w", factor.id),
            on_change=_widen_range,
            args=(factor.id, (low, high)),
            help=safe_text.markdown(setting.basis or factor.description),
        )
        if range_col is None:
            continue
        range_col.slider(
            f"{factor.label}: plausible range",
            0.0,
            top,
            step=0.05,
            key=_key("r", factor.id),
            on_change=_clamp_weight,
            args=(factor.id,),
            help="The Monte Carlo run samples the weight uniformly from this range.",
        )


_GROUP_KINDS = {
    "Economic hardship weights": FactorKind.HARDSHIP,
    "Personal struggle weights": FactorKind.STRUGGLE,
    "Capital weights": FactorKind.CAPITAL,
    "Force, manipulation and control weights": FactorKind.CONTROL,
}
_GROUP_NOTES = {
    FactorKind.HARDSHIP: (
        "The economic strand of circumstance (L42, L64). Present at the presence level, it opens "
        "the economic band."
    ),
    FactorKind.STRUGGLE: (
        "The personal strand of circumstance (L42). Only together with economic hardship does it "
        "open the band near coercion: neither strand alone does."
    ),
    FactorKind.CAPITAL: "Only the capitals' ratios matter: they are averaged by these weights.",
    FactorKind.CONTROL: (
        "Force and manipulation are the routes into coercion (L42); a third party's control "
        "pushes, but is never decisive by itself (L66). Violence has no weight: it is recorded "
        "apart and never moves a position (L70)."
    ),
}
GROUPS = (*_GROUP_KINDS, "Region boundaries", "Scoring rule")
_GROUP_KEY = "adjust_group"


def _controls(cfg: ModelConfig, *, ranges: bool) -> None:
    """The chosen group of controls, each showing its value from the session state.

    Only one group is drawn: every control is sent to the browser again on each change, and
    forty sliders made a weight change slow to show. The others keep their values through the
    configuration, which every change updates.
    """
    group = st.session_state.get(_GROUP_KEY, GROUPS[0])
    if group in _GROUP_KINDS:
        st.caption(_GROUP_NOTES[_GROUP_KINDS[group]])
        _weight_controls(cfg, _GROUP_KINDS[group], ranges=ranges)
    elif group == "Region boundaries":
        st.caption("Where each zone of the axis ends. They must rise from choice to coercion.")
        for name, label in BOUNDARY_FIELDS.items():
            st.slider(label, 0.01, 0.99, step=0.01, key=_key("b", name))
    else:
        scoring = cfg.scoring
        st.slider(
            "Push from lacking all capital",
            0.0,
            1.0,
            step=0.01,
            key=_key("s", "lack"),
            help=safe_text.markdown(scoring.capital_lack.basis or ""),
        )
        st.slider(
            "Push from lacking all capital: plausible range",
            0.0,
            1.0,
            step=0.01,
            key=_key("s", "lack_range"),
        )
        st.slider(
            "Ceiling of circumstance alone",
            0.05,
            1.0,
            step=0.01,
            key=_key("s", "ceiling"),
            help="How much of the axis lack of capital, hardship and struggles can fill when no "
            "one controls the person. Which band they may reach is set by the strands present.",
        )
        threshold, presence = st.columns(2)
        threshold.slider(
            "Decisive threshold for force or manipulation",
            0.5,
            1.0,
            step=0.01,
            key=_key("s", "threshold"),
            help="At or above it, force or manipulation places a person in coercion whatever "
            "their capital (L42). A third party's control is never decisive by itself (L66).",
        )
        presence.slider(
            "Presence level",
            0.01,
            1.0,
            step=0.01,
            key=_key("s", "presence"),
            help=safe_text.markdown(
                "A factor at or above this value is present: it opens the band it defines "
                "(hardship the economic band; hardship and struggles together the band near "
                "coercion, L42) and brings the protections that do not wait for "
                "self-identification (force or manipulation, L58; violence, L70)."
            ),
        )


def _apply(cfg: ModelConfig, data: dict[str, Any]) -> list[str]:
    """Validate the controls' configuration with the model and put it in force.

    Returns the model's objections, if it refuses: the last valid configuration then stays.
    """
    try:
        candidate = config_from_data(data, "your settings")
    except InputError as error:
        return [str(problem) for problem in error.problems]
    if candidate != cfg:
        session.set_config(candidate)
    return []


@dataclass(frozen=True)
class _Effect:
    """What the current configuration changes, computed before anything is drawn."""

    figure: go.Figure
    alt: str
    table: pd.DataFrame

    @classmethod
    def compute(cls) -> _Effect:
        results = session.results()
        current = results.assessments
        baseline = session.default_assessments(results.personas)
        positions = {pid: a.position for pid, a in current.items()}
        defaults = {pid: a.position for pid, a in baseline.items()}
        return cls(
            figure=charts.shift_chart(
                results.personas, positions, defaults, results.config.boundaries
            ),
            alt=charts.shift_alt(results.personas, positions, defaults),
            table=tables.shift_table(results.personas, current, baseline),
        )


class _SettingsFile:
    """What the download button serves: the configuration in force when it is clicked.

    The button sits outside the fragment, so that a slider move does not redraw it; it is given
    this holder, which the fragment points at the configuration in force on every run (a full
    run included), and Streamlit calls it (on another thread, without the session) only when the
    user clicks.
    """

    _KEY = "_settings_file"

    def __init__(self, config: ModelConfig) -> None:
        self.config = config

    def __call__(self) -> str:
        return downloads.config_toml(self.config)

    @classmethod
    def of_session(cls) -> _SettingsFile:
        holder = st.session_state.get(cls._KEY)
        if not isinstance(holder, cls):
            holder = st.session_state[cls._KEY] = cls(session.config())
        return holder


def _settings_bar() -> None:
    """Which controls to show, and saving, loading or resetting the settings.

    Outside the fragment: these change rarely and each change reruns the whole page, while
    keeping them out of the fragment spares the browser redrawing them on every slider move.
    """
    st.header("Settings")
    choose, files = st.columns([4, 6], gap="large")
    with choose:
        st.radio("Show the controls for", GROUPS, horizontal=True, key=_GROUP_KEY)
        st.toggle(
            "Also edit the plausible ranges",
            key="edit_ranges",
            help="The ranges the Monte Carlo run samples each weight from.",
            persist_state="session",
        )
    with files:
        buttons = st.columns(2)
        buttons[0].button("Reset to default", on_click=_reset, type="primary")
        buttons[1].download_button(
            "Download settings",
            data=_SettingsFile.of_session(),
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
    ranges = bool(st.session_state.get("edit_ranges", False))
    cfg = session.config()
    _seed_controls(cfg, ranges=ranges)
    # Everything is computed before the first element is drawn: the browser redraws the chart
    # only when the fragment's run ends, and elements sent in one burst are rendered together
    # instead of in several passes spread over the run (benchmarks/RESULTS.md).
    refused = _apply(cfg, _data_from_controls(cfg))
    _SettingsFile.of_session().config = session.config()  # what the download now serves
    effect = _Effect.compute()
    controls, shown = st.columns([4, 6], gap="large")
    with controls:
        _controls(cfg, ranges=ranges)
    with shown:  # side by side, the chart stays in view while the sliders move
        if refused:
            lines = "\n".join(f"- {safe_text.markdown(problem)}" for problem in refused)
            st.error(
                "The model refuses this configuration, so the last valid one stays in force:\n\n"
                + lines
            )
        st.header("What your configuration changes")
        st.markdown(charts.SHIFT_KEY)
        display.chart(effect.figure, key="shift-chart", alt=effect.alt)
    st.header("The same data as a table")
    # A static table: it redraws in a fraction of the time of an interactive grid, which made
    # the first weight change after a page load about 70 ms slower (benchmarks/RESULTS.md).
    display.long_table(effect.table)


def render() -> None:
    st.title("Adjust the model")
    st.markdown(
        "Every weight, plausible range and boundary of the model. The map, persona and "
        "framing pages follow your changes at once. Your changes stay in this browser session; "
        "download them to keep them or to use them with `spectrum score --config`."
    )
    st.header("Monte Carlo")
    mc = st.columns(2)
    mc[0].select_slider(
        "Weight samples",
        options=session.SAMPLE_CHOICES,
        value=session.DEFAULT_SAMPLES,
        key=session.SAMPLES_KEY,
        persist_state="session",
    )
    mc[1].number_input(
        "Random seed",
        min_value=0,
        max_value=2**32 - 1,
        value=session.DEFAULT_SEED,
        step=1,
        key=session.SEED_KEY,
        persist_state="session",
    )
    _settings_bar()
    _editor()


if __name__ == "__main__":  # run as a page by st.navigation
    render()
