"""The rule's export for the browser (``model.live_rule``): everything the JavaScript reads, read
from the model, and nothing the model does not say.

That the browser's rule follows it to 1e-9 is ``tests/browser/test_live_editor.py``'s test.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from model import FactorKind, ModelConfig, default_config, engine, factor_catalogue, load_personas
from model.assessment import REACH_ORDER
from model.engine import values_matrix
from model.live_rule import RULE_VERSION, live_rule, persona_values
from tests import strategies


def _rule(config: ModelConfig) -> dict:
    rule = live_rule(config)
    assert rule is not None, "the model's rule is exported"
    return rule


def test_the_export_is_plain_json_in_the_catalogues_columns() -> None:
    rule = _rule(default_config())
    assert json.loads(json.dumps(rule)) == rule, "plain JSON: the browser reads it as sent"
    assert rule["version"] == RULE_VERSION
    catalogue = factor_catalogue()
    assert rule["factors"] == list(catalogue.ids)
    for kind in FactorKind:
        start, stop = rule["columns"][kind.value]
        assert rule["factors"][start:stop] == [f.id for f in catalogue.of_kind(kind)]
    decisive = [rule["factors"][i] for i in rule["columns"]["decisive"]]
    assert decisive == [f.id for f in catalogue.factors if f.decisive]
    assert rule["reach_top"] == [reach.zone.order for reach in REACH_ORDER]
    assert 0 < rule["headroom"] < 1


@settings(max_examples=50, deadline=None)
@given(config=strategies.configs())
def test_the_export_carries_the_configuration_in_force(config) -> None:
    rule = _rule(config)
    assert rule["weights"] == [config.weight(fid) for fid in rule["factors"]]
    scoring = config.scoring
    assert rule["capital_lack"] == scoring.capital_lack.weight
    assert rule["ceiling"] == scoring.circumstance_ceiling
    assert rule["threshold"] == scoring.decisive_threshold
    assert rule["presence"] == scoring.presence
    assert rule["edges"] == [0.0, *config.boundaries.as_tuple(), 1.0]


def test_persona_values_are_the_engines_matrix(repo_root) -> None:
    personas = list(load_personas([repo_root / "personas"]).personas)
    assert persona_values(personas) == values_matrix(personas).tolist()


def test_without_the_engines_compression_constant_nothing_is_exported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rule the export no longer describes is not guessed at: the browser gets none."""
    monkeypatch.delattr(engine, "_HEADROOM")
    assert live_rule(default_config()) is None
