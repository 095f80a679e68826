"""Two configurations side by side: the bulk comparison agrees with the model persona by persona."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from model import ModelConfig, Persona, assess, default_config, plan_for
from model.compare import compare, config_differences
from tests.strategies import configs, persona_batches


def response_ids(persona: Persona, config: ModelConfig) -> set[str]:
    (assessment,) = assess([persona], config)
    plan = plan_for(assessment)
    return {x.item.id for x in (*plan.starting, *plan.protections)}


@settings(max_examples=40, deadline=None)
@given(batch=persona_batches(max_size=5), config=configs())
def test_the_bulk_comparison_agrees_with_each_persona_assessed_alone(
    batch: list[Persona], config: ModelConfig
) -> None:
    # The comparison reuses one response plan for personas alike in what responses depend on;
    # that shortcut must give exactly what assessing each persona alone gives.
    result = compare(batch, default_config(), config)
    for persona, row in zip(batch, result.personas, strict=True):
        (a,) = assess([persona], default_config())
        (b,) = assess([persona], config)
        # A batch and one persona alone agree to the last bits (BLAS's summation order).
        assert row.position_a == pytest.approx(a.position, abs=1e-12)
        assert row.position_b == pytest.approx(b.position, abs=1e-12)
        assert (row.zone_a, row.zone_b) == (a.zone, b.zone)
        before, after = response_ids(persona, default_config()), response_ids(persona, config)
        assert set(row.responses_gained) == after - before
        assert set(row.responses_lost) == before - after
    assert {p.id for p in result.zone_changes} == {
        p.id for p in result.personas if p.zone_a is not p.zone_b
    }


def test_settings_that_differ_are_listed_by_their_path_in_the_file() -> None:
    config = default_config()
    moved = config.with_weight("force", 3.0)
    listed = {d.setting: (d.a, d.b) for d in config_differences(config, moved)}
    assert listed == {"weights.force.weight": (2.5, 3.0)}
    assert config_differences(config, config) == []
