"""Sensitivity: SALib's indices of the engine, checked against cases whose answer is known."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from model import ModelConfig, Persona, default_config
from model.scoring import assess
from model.sensitivity import Method, analyse, evaluate, parameters, summary, swings
from tests.builders import LOW_CAPITALS, persona


def only_poverty_varies() -> ModelConfig:
    """Every range collapsed to its value except poverty's weight."""
    data: dict[str, Any] = default_config().model_dump()
    for fid, setting in data["weights"].items():
        if fid != "poverty":
            setting["range"] = (setting["weight"], setting["weight"])
    lack = data["scoring"]["capital_lack"]
    lack["range"] = (lack["weight"], lack["weight"])
    scoring = data["scoring"]
    data["plausible"] = {
        "circumstance_ceiling": (scoring["circumstance_ceiling"],) * 2,
        "decisive_threshold": (scoring["decisive_threshold"],) * 2,
        "presence": (scoring["presence"],) * 2,
        "boundary_shift": 0.0,
    }
    return ModelConfig.model_validate(data)


def poor_person() -> Persona:
    """Short of rent, little capital, nothing else: poverty's weight is all that can move her."""
    return persona("p-poor", **LOW_CAPITALS, poverty=0.3)


def test_a_position_that_depends_on_one_setting_gives_it_the_whole_index() -> None:
    config = only_poverty_varies()
    assert [p.name for p in parameters(config)] == ["weight.poverty"]
    (result,) = analyse([poor_person()], config, samples=256).personas
    (index,) = result.indices
    assert index.parameter == "weight.poverty"
    assert index.total == pytest.approx(1.0, abs=0.05)
    assert index.first == pytest.approx(1.0, abs=0.05)


def test_a_setting_that_cannot_matter_gets_no_index() -> None:
    # The poor person has no force: the decisive threshold and force's weight cannot move her.
    personas = [poor_person()]
    report = analyse(personas, default_config(), samples=256)
    indices = {i.parameter: i for i in report.personas[0].indices}
    for name in ("decisive_threshold", "weight.force", "weight.manipulation"):
        assert indices[name].total == pytest.approx(0.0, abs=0.02), name
    # What does move her: poverty's weight and how much of the axis circumstance may fill.
    moving = {"weight.poverty", "circumstance_ceiling", "capital_lack"}
    assert all((indices[name].total or 0.0) > 0.05 for name in moving)


def test_sobol_indices_are_consistent_within_their_confidence(bundled: list[Persona]) -> None:
    report = analyse(bundled, default_config(), samples=512, seed=3)
    assert report.evaluations == 512 * (len(parameters(default_config())) + 2)
    for result in report.personas:
        firsts = [i.first or 0.0 for i in result.indices]
        confs = [i.first_conf or 0.0 for i in result.indices]
        # First-order indices add up to at most 1 (the rest is interaction).
        assert sum(firsts) <= 1.0 + sum(confs), result.persona_id
        for index in result.indices:
            # A total index holds its first-order part, up to the estimators' noise.
            slack = 2 * ((index.total_conf or 0.0) + (index.first_conf or 0.0)) + 0.01
            assert (index.total or 0.0) >= (index.first or 0.0) - slack, (
                result.persona_id,
                index.parameter,
            )
        assert 0.0 <= result.stays_in_zone <= 1.0


def test_the_configured_zone_is_the_assessed_zone(bundled: list[Persona]) -> None:
    config = default_config()
    report = analyse(bundled, config, method=Method.MORRIS, samples=16)
    assessed = {a.persona_id: a.zone for a in assess(bundled, config)}
    assert {r.persona_id: r.zone for r in report.personas} == assessed
    for result in report.personas:
        assert all(i.mu_star is not None and i.mu_star >= 0 for i in result.indices)
        assert result.strongest.label in summary(result)


def test_evaluating_the_configured_values_reproduces_the_assessment(bundled: list[Persona]) -> None:
    config = default_config()
    params = parameters(config)
    sets = np.array([[p.value for p in params]])
    positions = evaluate(bundled, config, sets, [p.name for p in params])[:, 0]
    expected = [a.position for a in assess(bundled, config)]
    np.testing.assert_allclose(positions, expected, rtol=0, atol=1e-12)


def test_tipping_points_change_the_zone_and_the_tornado_is_sorted(bundled: list[Persona]) -> None:
    config = default_config()
    persona = next(p for p in bundled if p.id == "p04-single-parent-rent")
    found = swings(persona, config)
    widths = [s.width for s in found]
    assert widths == sorted(widths, reverse=True)
    poverty = next(s for s in found if s.parameter == "weight.poverty")
    assert poverty.position_at_low < poverty.position_at_high
    # Less weight on poverty moves her toward choice: a tipping point exists below, and there
    # the zone is one nearer choice; check it against the engine with that one weight changed.
    assert poverty.tips_below is not None and poverty.zone_below is not None
    moved = config.with_weight("poverty", poverty.tips_below)
    (again,) = assess([persona], moved)
    assert again.zone is poverty.zone_below
