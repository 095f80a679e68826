"""The live editor's server side, in process (AppTest): what the adjust page hands the component,
and what it does with what the component sends back.

AppTest runs no JavaScript, so the component's messages are sent as the browser's would be: its
state (``weights``, when a slider settles) and its trigger (``open``). The browser itself is
``tests/browser/test_live_editor.py``'s.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import form, live_editor
from model import ModelConfig, assess, default_config, load_personas
from model.live_rule import live_rule
from tests.dashboard import live
from tests.dashboard.conftest import ADJUST, ROOT, open_page, positions

POVERTY = "cfg:weights.poverty.weight"


def _config(at: AppTest) -> ModelConfig:
    current = at.session_state["config"].current
    assert isinstance(current, ModelConfig)
    return current


def _settle(at: AppTest, values: dict[str, float]) -> AppTest:
    live.set_weights(at, values)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_editor_gets_the_groups_weights_the_rule_and_the_servers_positions(app) -> None:
    at = open_page(app(), ADJUST)
    assert not [s for s in at.main.slider if s.key.startswith("cfg:weights.")], (
        "weights are the component's, not Streamlit sliders"
    )
    data = live.data(at)
    rows = form.rows("Economic hardship weights", default_config(), ranges=False)
    assert [c["key"] for c in data["controls"]] == [row.value.key for row in rows]
    poverty = next(c for c in data["controls"] if c["key"] == POVERTY)
    low, high = default_config().weights["poverty"].range
    assert (poverty["low"], poverty["high"]) == (low, high), "the track is the plausible range"
    assert (poverty["min"], poverty["max"]) == (0.0, 10.0), "the box takes any weight"
    assert poverty["value"] == default_config().weight("poverty")
    assert data["rule"] == live_rule(default_config())
    bundled = list(load_personas([ROOT / "personas"]).personas)
    assert data["ids"] == [p.id for p in bundled]
    assert data["positions"] == [a.position for a in assess(bundled, default_config())]
    assert data["traces"] is not None, "the browser knows which traces to move"
    assert data["alt"].startswith("Dot plot comparing")


def test_settled_weights_become_the_configuration_and_every_page_follows(app) -> None:
    at = open_page(app(), ADJUST)
    before = positions(app())
    open_page(at, ADJUST)
    _settle(at, {POVERTY: 2.4})
    config = _config(at)
    assert config.weight("poverty") == 2.4
    assert config.weights["poverty"].range == (0.6, 2.4), "past the range widens it"
    poverty = next(c for c in live.data(at)["controls"] if c["key"] == POVERTY)
    assert "plausible 0.6–2.4" in poverty["label"]
    assert live.data(at)["rule"] == live_rule(config)
    after = positions(at)
    assert after != before, "the map follows"


def test_a_refused_weight_keeps_the_last_valid_configuration(app) -> None:
    at = open_page(app(), ADJUST)
    at.main.radio(key="adjust_group").set_value("Capital weights").run()
    zero = {f"cfg:weights.{fid}.weight": 0.0 for fid in ("social_capital", "economic_capital")}
    zero["cfg:weights.cultural_capital.weight"] = 0.0
    _settle(at, zero)
    assert _config(at) == default_config(), "the model refuses capital weights of 0"
    assert any("refuses" in e.value for e in at.main.error)
    assert live.data(at)["rule"] == live_rule(default_config()), "the browser gets the valid rule"


def test_a_marker_clicked_opens_that_persona(app) -> None:
    at = open_page(app(), ADJUST)
    live.open_persona(at, "p05-teen-carer")
    assert not at.exception
    assert at.query_params.get("persona") == "p05-teen-carer"


def test_without_an_exported_rule_the_editor_waits_for_the_server(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_editor, "live_rule", lambda config: None)  # as model.live_rule says
    at = open_page(app(), ADJUST)
    assert live.data(at)["rule"] is None, "the browser gets no rule to guess with"
    _settle(at, {POVERTY: 1.1})
    assert _config(at).weight("poverty") == 1.1, "the server still follows the sliders"
