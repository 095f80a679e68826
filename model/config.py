"""Configuration: every weight, weight range and zone boundary, in one human-editable file.

The default ships as ``data/default_config.toml`` (print it with ``spectrum config``). A config
is refused, with one problem per field, unless it gives a weight for every factor, each weight
lies within its own plausible range, and the boundaries rise strictly from choice to coercion.
Saving and loading round-trip without loss.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any, Literal, Self

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from model.bundled import bundled_text
from model.documents import load_bytes, parse_toml, read_document
from model.factors import FactorKind, factor_catalogue
from model.problems import InputError, problems_from_validation
from model.spectrum import Boundaries

DEFAULT_SAMPLES = 1000
"""Monte Carlo samples over the weights' ranges, unless a configuration or a run says more."""
DEFAULT_LEVEL = 0.9
"""The central share of the samples an interval covers."""
MAX_SAMPLES = 1_000_000

MAX_WEIGHT = 10.0
"""No weight may exceed this: beyond it the saturating terms are flat and a weight means nothing."""

CONFIG_ITEM = "config"
"""What a configuration problem names in the item column."""


class WeightSetting(BaseModel):
    """A weight, the range a researcher finds plausible for it, and why it is what it is."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    weight: float = Field(
        ge=0,
        le=MAX_WEIGHT,
        title="weight",
        json_schema_extra={"slider": [0.0, MAX_WEIGHT, 0.05]},
    )
    range: tuple[float, float] = Field(
        title="plausible range",
        description=(
            "[low, high]: plausible values. The Monte Carlo run samples the weight uniformly "
            "from this range."
        ),
    )
    basis: str | None = Field(
        default=None, max_length=600, description="Why this weight, with line references."
    )

    def widened_to(self, weight: float) -> WeightSetting:
        """This setting at ``weight``, its range widened to hold it: the one rule for moving a
        weight beyond what was thought plausible."""
        low, high = self.range
        return self.model_copy(
            update={"weight": weight, "range": (min(low, weight), max(high, weight))}
        )

    @model_validator(mode="after")
    def _weight_in_range(self) -> Self:
        low, high = self.range
        if not 0 <= low <= high <= MAX_WEIGHT:
            raise ValueError(f"range must satisfy 0 <= low <= high <= {MAX_WEIGHT:g}")
        if not low <= self.weight <= high:
            raise ValueError(f"weight {self.weight} lies outside its range [{low}, {high}]")
        return self


class ScoringSettings(BaseModel):
    """The parameters of the scoring rule that are not a single factor's weight."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    capital_lack: WeightSetting = Field(
        title="Push from lacking all capital",
        description="How far lacking every capital pushes toward coercion on its own (0-1).",
        json_schema_extra={"slider": [0.0, 1.0, 0.01]},
    )
    circumstance_ceiling: float = Field(
        gt=0,
        le=1,
        title="Ceiling of circumstance alone",
        description=(
            "How much of the axis lack of capital, hardship and struggles can fill when no one "
            "controls the person. Which band they may reach is set by the strands present."
        ),
        json_schema_extra={"slider": [0.05, 1.0, 0.01]},
    )
    decisive_threshold: float = Field(
        ge=0.5,
        le=1,
        title="Decisive threshold for force or manipulation",
        description=(
            "At or above it, force or manipulation places a person in coercion whatever their "
            "capital (L42). A third party's control is never decisive by itself (L66)."
        ),
        json_schema_extra={"slider": [0.5, 1.0, 0.01]},
    )
    presence: float = Field(
        default=0.2,
        gt=0,
        le=1,
        title="Presence level",
        description=(
            "A factor at or above this value is present: it opens the band it defines "
            "(hardship the economic band; hardship and struggles together the band near "
            "coercion, L42) and brings the protections that do not wait for self-identification "
            "(force or manipulation, L58; violence, L70)."
        ),
        json_schema_extra={"slider": [0.01, 1.0, 0.01]},
    )
    basis: str | None = Field(default=None, max_length=1200)

    @model_validator(mode="after")
    def _capital_lack_is_a_share(self) -> Self:
        if self.capital_lack.range[1] > 1:
            raise ValueError("capital_lack is a share of the axis: its range must lie in [0, 1]")
        return self


class PlausibleRanges(BaseModel):
    """How far a careful reader might move the settings that are not weights. The sensitivity
    analysis samples them, as the Monte Carlo run samples the weights' ranges."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    circumstance_ceiling: tuple[float, float] = Field((0.7, 0.9), description="[low, high]")
    decisive_threshold: tuple[float, float] = Field((0.6, 0.8), description="[low, high]")
    presence: tuple[float, float] = Field((0.15, 0.3), description="[low, high]")
    boundary_shift: float = Field(
        0.05, ge=0, le=0.1, description="How far each zone boundary may move either way."
    )
    basis: str | None = Field(default=None, max_length=600)

    @model_validator(mode="after")
    def _ranges_in_order(self) -> Self:
        bounds = {
            "circumstance_ceiling": (0.0, 1.0),
            "decisive_threshold": (0.5, 1.0),
            "presence": (0.0, 1.0),
        }
        for name, (lowest, highest) in bounds.items():
            low, high = getattr(self, name)
            if not lowest < low <= high <= highest:
                raise ValueError(
                    f"{name}: the range must satisfy {lowest:g} < low <= high <= {highest:g}"
                )
        return self


class MonteCarloSettings(BaseModel):
    """How a run samples the weights' ranges: kept with the configuration, so a downloaded file
    reproduces the intervals it was seen with."""

    model_config = ConfigDict(extra="forbid")

    samples: int = Field(DEFAULT_SAMPLES, ge=1, le=MAX_SAMPLES, strict=True)
    seed: int = Field(0, ge=0, strict=True)


class ModelConfig(BaseModel):
    """Everything a researcher may adjust. Validated: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    schema_version: Literal[2] = Field(
        2,
        description=(
            "2 since model v2 (violence is no longer weighted; the presence level was added). "
            "A version 1 file: remove weights.violence and set schema_version = 2."
        ),
    )
    boundaries: Boundaries
    scoring: ScoringSettings
    weights: dict[str, WeightSetting]
    plausible: PlausibleRanges = Field(default_factory=PlausibleRanges)
    monte_carlo: MonteCarloSettings = Field(default_factory=MonteCarloSettings)

    @field_validator("weights")
    @classmethod
    def _weights_match_catalogue(
        cls, weights: dict[str, WeightSetting]
    ) -> dict[str, WeightSetting]:
        """One weight per catalogue factor; reported under ``weights``, the field at fault."""
        catalogue = factor_catalogue()
        known = set(catalogue.ids)
        given = set(weights)
        problems = []
        if missing := sorted(known - given):
            problems.append(f"missing a weight for: {', '.join(missing)}")
        if unknown := sorted(given - known):
            problems.append(
                f"unknown factors: {', '.join(unknown)} (known: {', '.join(catalogue.ids)})"
            )
        for factor in catalogue.of_kind(FactorKind.CAPITAL):
            setting = weights.get(factor.id)
            if setting is not None and setting.range[0] <= 0:
                problems.append(
                    f"{factor.id}: capital weights must stay above 0 "
                    "(they average into one capital score)"
                )
        if problems:
            raise ValueError("; ".join(problems))
        # Keep the catalogue's order so saved files and tables read the same way every time.
        return {fid: weights[fid] for fid in catalogue.ids}

    def weight(self, factor_id: str) -> float:
        return self.weights[factor_id].weight

    def with_weight(self, factor_id: str, weight: float) -> ModelConfig:
        """A copy with one factor's weight changed (and its range widened to hold it)."""
        new = self.weights[factor_id].widened_to(weight)
        return self.model_copy(update={"weights": {**self.weights, factor_id: new}})


def default_config_text() -> str:
    """The shipped default configuration, with its comments, ready to edit."""
    return bundled_text("default_config.toml")


@cache
def default_config() -> ModelConfig:
    """The shipped default configuration (immutable; copy it to change it)."""
    return ModelConfig.model_validate(_default_data())


def _merged(default: Any, given: Any) -> Any:
    """``given`` over ``default``, table by table: what a file leaves out stays as default."""
    if not isinstance(default, dict) or not isinstance(given, dict):
        return given
    merged = {**default}
    for key, value in given.items():
        merged[key] = _merged(default.get(key), value) if key in default else value
    return merged


def _widen_weights(given: Any, merged: dict[str, Any]) -> None:
    """A weight given without its range keeps the default range, widened to hold it."""
    weights = given.get("weights") if isinstance(given, dict) else None
    if not isinstance(weights, dict):
        return
    for fid, setting in weights.items():
        target = merged.get("weights", {}).get(fid)
        if isinstance(setting, dict) and "range" not in setting and isinstance(target, dict):
            weight, (low, high) = target.get("weight"), target.get("range", (0, 0))
            if isinstance(weight, int | float) and not isinstance(weight, bool):
                target["range"] = (min(low, weight), max(high, weight))


def config_from_data(data: dict[str, Any], path: str) -> ModelConfig:
    """Validate parsed data as a config, or raise :class:`InputError` naming each field.

    A file may be partial: the settings it names replace the default's, the rest stay as they
    are, and a weight given without its range widens the default range to hold it.
    """
    merged = _merged(default_data(), data)
    _widen_weights(data, merged)
    try:
        return ModelConfig.model_validate(merged)
    except ValidationError as error:
        raise InputError(problems_from_validation(error, path, CONFIG_ITEM)) from None


@cache
def _default_data() -> dict[str, Any]:
    return ModelConfig.model_validate(
        parse_toml(default_config_text(), "default_config.toml")
    ).model_dump(mode="json")


def default_data() -> dict[str, Any]:
    """The default configuration as plain data (a fresh copy each time)."""
    return copy.deepcopy(_default_data())


def parse_config(text: str, path: str) -> ModelConfig:
    """Parse TOML text into a validated config, or raise :class:`InputError` naming each field."""
    return config_from_data(parse_toml(text, path), path)


def load_config(path: str | Path) -> ModelConfig:
    """Read a configuration file (TOML or JSON), refusing it with clear problems if invalid."""
    return config_from_data(read_document(Path(path)), str(path))


def load_config_bytes(data: bytes, name: str) -> ModelConfig:
    """Read an uploaded configuration file, refusing it with clear problems if invalid."""
    return config_from_data(load_bytes(data, name), name)


CONFIG_HEADER = """\
# Choice–circumstance–coercion spectrum: model configuration.
# Every weight, weight range and zone boundary. Edit and load it with
#   spectrum score personas/ --config this-file.toml
# or upload it on the dashboard's "Adjust the model" page.
# Weights and ranges must satisfy 0 <= low <= weight <= high <= 10; boundaries rise strictly.
# `spectrum config` prints the documented default, with the reasons for each number.

"""


def dump_config(config: ModelConfig) -> str:
    """The configuration as TOML, in the format :func:`parse_config` reads back unchanged."""
    data = config.model_dump(mode="json", exclude_none=True)
    return CONFIG_HEADER + tomli_w.dumps(data)


def save_config(config: ModelConfig, path: str | Path) -> None:
    Path(path).write_text(dump_config(config), encoding="utf-8")
