"""Two configurations side by side: the settings that differ and what that does to each persona.

A researcher's question "how do two models differ?": every persona under both (positions, zones,
intervals when asked for, and which responses change), the personas whose zone differs, and the
settings that differ. The command line writes it as ``spectrum compare A B``; the dashboard
shows it for any two configurations kept in a session.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from model.config import ModelConfig
from model.explanation import NOTICE
from model.personas import Persona
from model.responses import plan_for
from model.results import Results
from model.scoring import Assessment
from model.spectrum import Zone

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


def _response_key(a: Assessment) -> Hashable:
    """Everything a persona's responses depend on: personas alike here get the same plan."""
    return (a.self_zone, a.zone, a.is_minor, a.forced_or_manipulated, a.violence_present)


class _Responses:
    """Response ids by what they depend on, so ten thousand personas need a handful of plans."""

    def __init__(self) -> None:
        self._known: dict[Hashable, frozenset[str]] = {}

    def __call__(self, a: Assessment) -> frozenset[str]:
        key = _response_key(a)
        if key not in self._known:
            plan = plan_for(a)
            self._known[key] = frozenset(x.item.id for x in (*plan.starting, *plan.protections))
        return self._known[key]


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
    under_a = Results.of(personas, a, samples=samples or 1, seed=seed)
    under_b = Results.of(personas, b, samples=samples or 1, seed=seed)
    responses = _Responses()
    rows = []
    for persona in personas:
        first, second = under_a.assessments[persona.id], under_b.assessments[persona.id]
        gained, lost = responses(second) - responses(first), responses(first) - responses(second)
        intervals: dict[str, tuple[float, float] | None] = {"a": None, "b": None}
        if samples:
            for side, results in (("a", under_a), ("b", under_b)):
                u = results.uncertainties[persona.id]
                intervals[side] = (u.low, u.high)
        rows.append(
            PersonaComparison(
                id=persona.id,
                label=persona.label,
                position_a=first.position,
                position_b=second.position,
                zone_a=first.zone,
                zone_b=second.zone,
                interval_a=intervals["a"],
                interval_b=intervals["b"],
                responses_gained=sorted(gained),
                responses_lost=sorted(lost),
            )
        )
    return Comparison(a=a_name, b=b_name, settings=config_differences(a, b), personas=rows)
