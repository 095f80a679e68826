"""Driving the adjust page's live editor in AppTest, as the browser would.

AppTest runs no JavaScript: the component (``dashboard/live_editor.py``) is an element whose data
can be read, and whose messages can be sent as the browser sends them. A weight group's weights
are the component's, not Streamlit sliders, so a test reads a weight's control with
:func:`control` (``value``, ``low``/``high`` for the slider's track, ``min``/``max`` for the typed
box, ``label``) and moves it, by slider or typed box alike, with :func:`set_weight`.
"""

from __future__ import annotations

import json
from typing import Any

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from dashboard.live_editor import NAME


def editor(at: AppTest) -> Any:
    """The live editor on the page (there is one on the adjust page, whatever the group)."""
    found = [e for e in at.main.get("bidi_component") if e.proto.component_name == NAME]
    assert len(found) == 1, f"expected one live editor, found {len(found)}"
    return found[0]


def data(at: AppTest) -> dict[str, Any]:
    """What the page handed the editor in its last run."""
    sent: dict[str, Any] = json.loads(editor(at).proto.json)
    return sent


def controls(at: AppTest) -> dict[str, dict[str, Any]]:
    """The editor's weight controls by key (``cfg:weights.poverty.weight``); none outside a
    weight group."""
    return {c["key"]: c for c in data(at)["controls"]}


def control(at: AppTest, key: str) -> dict[str, Any]:
    return controls(at)[key]


def send(at: AppTest, state: WidgetState) -> AppTest:
    """Run the page with one more widget value, as the browser sends it."""
    states = at._tree.get_widget_states()
    states.widgets.append(state)
    at._run(states)
    return at


def set_weights(at: AppTest, values: dict[str, float], seq: int = 1) -> AppTest:
    """Weights settled in the editor (a slider at rest, or a value typed), sent as its state."""
    state = WidgetState(id=editor(at).proto.id)
    state.json_value = json.dumps({"weights": {"values": values, "seq": seq}})
    return send(at, state)


def set_weight(at: AppTest, key: str, value: float) -> AppTest:
    return set_weights(at, {key: value})


def open_persona(at: AppTest, persona_id: str) -> AppTest:
    """A marker clicked, or a persona chosen by keyboard on the chart."""
    trigger = WidgetState(id=_make_trigger_id(editor(at).proto.id, "events"))
    trigger.json_trigger_value = json.dumps([{"event": "open", "value": persona_id}])
    return send(at, trigger)
