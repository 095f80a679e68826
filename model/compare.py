"""Two configurations side by side: the settings that differ and what that does to each persona.

A researcher's question "how do two models differ?": every persona under both (positions, zones,
intervals when asked for, and which responses change), the personas whose zone differs, and the
settings that differ. The command line writes it as ``spectrum compare A B``; the dashboard
shows it for any two configurations kept in a session.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from model.config import ModelConfig
from model.engine import (
    BoolArray,
    FloatArray,
    IntArray,
    factor_columns,
    score_positions,
    values_matrix,
    weight_vector,
)
from model.explanation import NOTICE
from model.montecarlo import simulate
from model.personas import Persona
from model.responses import plan_for
from model.scoring import assess_one
from model.spectrum import ZONES, Zone

_FROZEN = ConfigDict(frozen=True)


class SettingDifference(BaseModel):
    model_config = _FROZEN

    setting: str
    """Its path in the configuration file, e.g. ``weights.poverty.weight``."""
    a: Any
    b: Any


class PersonaComparison(BaseModel):
    model_config = _FROZEN

    id: str
    label: str
    position_a: float
    position_b: float
    zone_a: Zone
    zone_b: Zone
    interval_a: tuple[float, float] | None = None
    interval_b: tuple[float, float] | None = None
    responses_gained: list[str]
    """Response ids (either layer) under B and not under A."""
    responses_lost: list[str]

    @property
    def zone_changed(self) -> bool:
        return self.zone_a is not self.zone_b

    @property
    def shift(self) -> float:
        return self.position_b - self.position_a


class Comparison(BaseModel):
    """Every persona under configuration A and configuration B."""

    model_config = _FROZEN

    format: Literal["ccc-spectrum/compare"] = "ccc-spectrum/compare"
    version: Literal[1] = 1
    notice: str = NOTICE
    a: str
    b: str
    settings: list[SettingDifference]
    personas: list[PersonaComparison]

    @property
    def zone_changes(self) -> list[PersonaComparison]:
        return [p for p in self.personas if p.zone_changed]


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = list(value) if isinstance(value, tuple) else value
    return flat


def config_differences(a: ModelConfig, b: ModelConfig) -> list[SettingDifference]:
    """The settings whose values differ, in the file's order (reasons and notes ignored)."""
    left = _flatten(a.model_dump(mode="json", exclude={"schema_version"}))
    right = _flatten(b.model_dump(mode="json", exclude={"schema_version"}))
    return [
        SettingDifference(setting=key, a=left.get(key), b=right.get(key))
        for key in dict.fromkeys([*left, *right])
        if not key.endswith("basis") and left.get(key) != right.get(key)
    ]


class _Side:
    """One configuration's view of every persona: positions, zones and response ids, computed
    in bulk. Responses depend only on a few facts about a persona (:func:`_facts`), so ten
    thousand personas need only a handful of response plans."""

    def __init__(self, personas: Sequence[Persona], values: FloatArray, config: ModelConfig):
        self.positions = score_positions(values, config)
        self.zones = config.boundaries.zone_indices(self.positions)
        facts = _facts(personas, values, config, self.zones)
        plans: dict[Hashable, frozenset[str]] = {}
        for row, key in enumerate(facts):
            if key not in plans:
                plan = plan_for(assess_one(personas[row], config))
                plans[key] = frozenset(x.item.id for x in (*plan.starting, *plan.protections))
        self.responses = [plans[key] for key in facts]


def _facts(
    personas: Sequence[Persona], values: FloatArray, config: ModelConfig, zones: IntArray
) -> list[Hashable]:
    """Everything a persona's responses depend on (see :func:`model.responses.plan_for`): their
    own zone, the assessed zone, age, force or manipulation present, violence present."""
    weights = weight_vector(config)
    presence = config.scoring.presence
    # The routes into coercion (force and manipulation), where switched on.
    routes = [c for c in factor_columns().decisive if weights[c] > 0]
    forced: BoolArray = np.zeros(len(values), dtype=bool)
    if routes:
        forced = np.any(values[:, routes] >= presence, axis=1)
    stated = [p.stated_placement for p in personas]
    own = config.boundaries.zone_indices([0.0 if x is None else x for x in stated])
    return [
        (
            None if stated[row] is None else int(own[row]),
            int(zones[row]),
            persona.is_minor,
            bool(forced[row]),
            persona.violence >= presence,
        )
        for row, persona in enumerate(personas)
    ]


def compare(
    personas: Sequence[Persona],
    a: ModelConfig,
    b: ModelConfig,
    *,
    a_name: str = "A",
    b_name: str = "B",
    samples: int = 0,
    seed: int = 0,
) -> Comparison:
    """Every persona under both configurations; intervals too when ``samples`` is above 0."""
    values = values_matrix(personas)
    first, second = _Side(personas, values, a), _Side(personas, values, b)
    intervals: dict[str, dict[str, tuple[float, float]]] = {"a": {}, "b": {}}
    if samples:
        for side, config in (("a", a), ("b", b)):
            for u in simulate(personas, config, samples=samples, seed=seed):
                intervals[side][u.persona_id] = (u.low, u.high)
    rows = [
        # Built from the engine's arrays, so validation would only re-check what holds.
        PersonaComparison.model_construct(
            id=persona.id,
            label=persona.label,
            position_a=float(first.positions[row]),
            position_b=float(second.positions[row]),
            zone_a=ZONES[first.zones[row]],
            zone_b=ZONES[second.zones[row]],
            interval_a=intervals["a"].get(persona.id),
            interval_b=intervals["b"].get(persona.id),
            responses_gained=sorted(second.responses[row] - first.responses[row]),
            responses_lost=sorted(first.responses[row] - second.responses[row]),
        )
        for row, persona in enumerate(personas)
    ]
    return Comparison(a=a_name, b=b_name, settings=config_differences(a, b), personas=rows)
