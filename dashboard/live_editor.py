"""The live editor: a group's weight sliders and the chart they move, in one browser component.

A Streamlit slider tells the server of every step and the chart is drawn anew when the answer
comes back; here the browser recomputes the personas' positions with the model's own rule
(:mod:`model.live_rule`, mirrored in ``components/live_editor/rule.js``) on every ``input``
event and redraws the markers' plot in place (``Plotly.react``), laid over a second plot of
what a slider never moves (zones, labels, axes), which is drawn only with the server's figure:
a plot's redraw costs mostly its labels, so the moving plot has none. When the slider settles, the
weights go to the server, whose numbers replace the browser's and which every other page
follows. If the browser cannot reproduce the server's positions (say the rule changed and the
JavaScript did not), the chart just waits for the server.

The component is Streamlit's components v2 (``st.components.v2.component``). Its files live in
this package (``dashboard/components/live_editor``, package data), and plotly.js is served from
the installed ``plotly`` package: both are registered as component asset directories on the
running server, so a clone and an installed wheel serve them alike, and nothing is fetched from
a network.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from streamlit.components.v2.get_bidi_component_manager import get_bidi_component_manager
from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest

from dashboard import display
from model import Assessment, ModelConfig
from model.live_rule import live_rule, persona_values
from model.results import Results

PACKAGE = "ccc_spectrum"
NAME = f"{PACKAGE}.live_editor"
"""The component, and the folder under ``/_stcore/bidi-components/`` its files are served from."""
PLOTLY = f"{PACKAGE}.plotly"
"""plotly.js's folder beside it (``live_editor.js`` loads ``../ccc_spectrum.plotly/...``)."""
COMPONENTS = Path(__file__).resolve().parent / "components"
KEY = "live-editor"
DEBOUNCE_MS = 300
"""How long a slider rests before the server is told: the prototype's measure of "settled"."""


@dataclass(frozen=True)
class Slider:
    """One weight's controls in the editor: a range input along ``low``–``high`` (its track)
    and a box that takes any value from ``min`` to ``max``."""

    key: str
    factor: str
    label: str
    low: float
    high: float
    step: float
    min: float
    max: float
    value: float
    help: str | None
    note: str


# One registration per running server (AppTest starts a new one for each test).
_mounts: weakref.WeakKeyDictionary[Any, Callable[..., Any]] = weakref.WeakKeyDictionary()


def _mount() -> Callable[..., Any]:
    """The component's mounting command on the running server, registering its files first."""
    manager = get_bidi_component_manager()
    mount = _mounts.get(manager)
    if mount is not None:
        return mount
    if manager.get_component_asset_root(NAME) is None:
        # What a component package declares in its pyproject.toml, declared here instead: the
        # project's distribution name is not an importable package, where Streamlit looks.
        folders = (
            (COMPONENTS, "live_editor", "live_editor"),
            (Path(plotly.__file__).resolve().parent, "plotly", "package_data"),
        )
        for root, name, folder in folders:
            config = ComponentConfig(name=name, asset_dir=folder)
            manifest = ComponentManifest(name=PACKAGE, version="1", components=[config])
            manager.register_from_manifest(manifest, root)
    mount = st.components.v2.component(
        NAME, js="live_editor.js", css="live_editor.css", isolate_styles=False
    )
    _mounts[manager] = mount
    return mount


def _figure_json(figure: go.Figure) -> dict[str, Any]:
    """The figure as the browser's Plotly takes it (plain JSON: no numpy arrays)."""
    data: dict[str, Any] = json.loads(pio.to_json(figure, validate=False))
    return data


def _live_traces(
    figure: Mapping[str, Any], baseline: Sequence[float], positions: Sequence[float]
) -> dict[str, int] | None:
    """Which traces the browser moves: the connectors (default → now) and the markers at the
    positions now, the last such (drawn on top; under the default configuration the hollow
    default markers sit at the same places). ``None``, so no live path, unless both are
    found as the browser will redraw them."""
    traces = figure.get("data", [])
    joined = [x for pair in zip(baseline, positions, strict=True) for x in (*pair, None)]
    lines = [
        i
        for i, t in enumerate(traces)
        if t.get("mode") == "lines" and list(t.get("x", [])) == joined
    ]
    after = [
        i
        for i, t in enumerate(traces)
        if t.get("mode") == "markers" and list(t.get("x", [])) == list(positions)
    ]
    if len(lines) != 1 or not after:
        return None
    return {"line": lines[0], "after": after[-1]}


def editor(
    sliders: Sequence[Slider],
    *,
    config: ModelConfig,
    results: Results,
    baseline: Mapping[str, Assessment],
    figure: go.Figure,
    alt: str,
    on_weights: Callable[[], None],
    on_open: Callable[[], None],
) -> None:
    """The sliders (none: the chart alone) beside the chart of what they change.

    ``on_weights`` runs when the browser sends settled weights (read them with
    :func:`sent_weights`), ``on_open`` when a persona is asked for (:func:`opened`).
    """
    personas = results.personas
    positions = [results.assessments[p.id].position for p in personas]
    before = [baseline[p.id].position for p in personas]
    spec = _figure_json(figure)
    data = {
        "rule": live_rule(config),
        "values": persona_values(personas),
        "ids": [p.id for p in personas],
        "labels": [p.label for p in personas],
        "baseline": before,
        "positions": positions,
        "figure": spec,
        "traces": _live_traces(spec, before, positions),
        "config": display.PLOTLY_CONFIG,
        "controls": [asdict(s) for s in sliders],
        "alt": alt,
        "debounce_ms": DEBOUNCE_MS,
    }
    _mount()(key=KEY, data=data, on_weights_change=on_weights, on_open_change=on_open)


def sent_weights() -> dict[str, float]:
    """The weights the browser sent last, by control key (empty before any)."""
    state = st.session_state.get(KEY) or {}
    sent = state.get("weights") if isinstance(state, Mapping) else None
    values = sent.get("values") if isinstance(sent, Mapping) else None
    if not isinstance(values, Mapping):
        return {}
    return {
        str(k): float(v)
        for k, v in values.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }


def opened() -> str | None:
    """The persona a click or the keyboard asked to open in this run, if any."""
    state = st.session_state.get(KEY) or {}
    chosen = state.get("open") if isinstance(state, Mapping) else None
    return chosen if isinstance(chosen, str) else None
