"""The adjust page's form is generated from the configuration model, and maps to it both ways.

Every slider of the form stands for a field of ``ModelConfig`` whose metadata gives its title,
help and bounds; reading the form back from a configuration gives that configuration again; a
weight moved beyond its range widens the range by the model's own rule.
"""

from __future__ import annotations

import pytest

from dashboard import form
from model import ModelConfig, default_config, factor_catalogue
from model.config import MAX_WEIGHT, config_from_data
from model.spectrum import BOUNDARY_FIELDS, BOUNDARY_LABELS


def _all_rows(cfg: ModelConfig, *, ranges: bool) -> list[form.Row]:
    return [row for group in form.GROUPS for row in form.rows(group, cfg, ranges=ranges)]


@pytest.mark.parametrize("ranges", [False, True], ids=["weights", "weights-and-ranges"])
def test_the_form_read_from_a_configuration_gives_it_back(ranges: bool) -> None:
    cfg = default_config().with_weight("poverty", 2.0)
    shown = _all_rows(cfg, ranges=ranges)
    values = form.values(cfg, shown)
    assert config_from_data(form.config_data(cfg, values), "form") == cfg


def test_every_weight_boundary_and_scoring_setting_has_a_control() -> None:
    cfg = default_config()
    keys = {c.key for c in form.controls(_all_rows(cfg, ranges=True))}
    for factor in factor_catalogue().factors:
        assert f"cfg:weights.{factor.id}.weight" in keys
        assert f"cfg:weights.{factor.id}.range" in keys
    assert {f"cfg:boundaries.{name}" for name in BOUNDARY_FIELDS} <= keys
    for name in ("circumstance_ceiling", "decisive_threshold", "presence"):
        assert f"cfg:scoring.{name}" in keys
    assert {"cfg:scoring.capital_lack.weight", "cfg:scoring.capital_lack.range"} <= keys


def test_titles_help_and_bounds_come_from_the_models_metadata() -> None:
    cfg = default_config()
    controls = {c.key: c for c in form.controls(_all_rows(cfg, ranges=True))}
    threshold = controls["cfg:scoring.decisive_threshold"]
    assert threshold.label == "Decisive threshold for force or manipulation"
    assert (threshold.low, threshold.high, threshold.step) == (0.5, 1.0, 0.01)
    assert threshold.help is not None and "(L42)" in threshold.help
    for name in BOUNDARY_FIELDS:
        assert controls[f"cfg:boundaries.{name}"].label == BOUNDARY_LABELS[name]
    force = controls["cfg:weights.force.weight"]
    assert force.high == MAX_WEIGHT, "force, manipulation and control run to the maximum"
    poverty = controls["cfg:weights.poverty.weight"]
    assert poverty.high == form.CIRCUMSTANCE_TOP
    assert (
        controls["cfg:weights.poverty.range"].label
        == "Poverty or financial desperation: plausible range"
    )
    for control in controls.values():
        low, high = control.low, control.high
        value = form.values(cfg, [form.Row(control)])[control.key]
        inside = value if isinstance(value, tuple) else (value, value)
        assert low <= inside[0] <= inside[1] <= high, f"{control.key} starts off its slider"


def test_a_weight_moved_beyond_its_range_widens_it() -> None:
    cfg = default_config()
    low, high = cfg.weights["poverty"].range
    data = form.config_data(cfg, {"cfg:weights.poverty.weight": high + 1})
    moved = config_from_data(data, "form")
    assert moved == cfg.with_weight("poverty", high + 1), (
        "the model's rule, WeightSetting.widened_to"
    )
    row = next(r for r in form.rows("Economic hardship weights", cfg, ranges=True))
    assert row.range is not None and row.value.key == "cfg:weights.poverty.weight"
    state = {row.value.key: high + 1, row.range.key: (low, high)}
    form.widen(state, row)
    assert state[row.range.key] == (low, high + 1), "the range's control follows the weight"
    state[row.range.key] = (low, high)
    form.clamp(state, row)
    assert state[row.value.key] == high, "and the weight's control follows a narrowed range"


def test_a_form_the_model_refuses_is_refused_by_the_model() -> None:
    cfg = default_config()
    data = form.config_data(cfg, {"cfg:boundaries.choice_upper": 0.9})
    with pytest.raises(Exception, match="Choice ends at"):
        config_from_data(data, "form")
