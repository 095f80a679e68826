"""Which assumptions drive a placement, and what would change it.

A researcher's first questions of a weighted model: which settings does this conclusion depend
on, and how far would one have to move to change it? Three answers, each over every weight, the
capital-lack share, the circumstance ceiling, the decisive threshold, the presence level and the
four zone boundaries, across their plausible ranges (``ModelConfig.weights[...].range`` and
``ModelConfig.plausible``):

- **global sensitivity** with SALib: Sobol first-order and total indices (with confidence
  intervals), or Morris's mu* and sigma as a fast screen, of each persona's position; and the
  share of samples in which the persona's zone differs from its zone under the configuration;
- **a tornado**: the position with one setting at the low and at the high end of its range, the
  rest as configured;
- **tipping points**: for each setting, the nearest value (within or beyond its range) at which
  the persona's zone changes, the rest as configured.

Every evaluation is one batched call of the scoring engine over all parameter sets
(:func:`model.scoring.sample_positions`), never a Python loop per sample.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from model.config import MAX_WEIGHT, ModelConfig
from model.engine import (
    FloatArray,
    IntArray,
    Settings,
    factor_columns,
    sample_positions,
    values_matrix,
)
from model.factors import factor_catalogue
from model.personas import Persona
from model.spectrum import BOUNDARY_FIELDS, BOUNDARY_LABELS, ZONES, Zone

DEFAULT_BASE_SAMPLES = 1024
"""Sobol base samples (N): SALib evaluates N·(D + 2) parameter sets."""
DEFAULT_TRAJECTORIES = 64
"""Morris trajectories: SALib evaluates trajectories·(D + 1) parameter sets."""
TIPPING_GRID = 401
"""Points scanned per setting when looking for the value that changes a zone."""


class Method(StrEnum):
    SOBOL = "sobol"
    MORRIS = "morris"


@dataclass(frozen=True)
class Parameter:
    """One setting the analysis moves: its name, what it is called, its value and range."""

    name: str
    label: str
    value: float
    low: float
    high: float
    lowest: float
    """How far a tipping-point scan may go below the range (the setting's own limit)."""
    highest: float


def parameters(config: ModelConfig) -> list[Parameter]:
    """Every setting with a range wider than a point, in a fixed order."""
    catalogue = factor_catalogue()
    found = [
        Parameter(
            f"weight.{fid}",
            f"weight of {catalogue[fid].short_label.lower()}",
            setting.weight,
            *setting.range,
            1e-3 if catalogue[fid].kind.value == "capital" else 0.0,
            MAX_WEIGHT,
        )
        for fid, setting in config.weights.items()
    ]
    scoring, plausible = config.scoring, config.plausible
    lack = scoring.capital_lack
    found.append(
        Parameter("capital_lack", "push from lacking capital", lack.weight, *lack.range, 0.0, 1.0)
    )
    found += [
        Parameter(
            "circumstance_ceiling",
            "share of the axis circumstance can fill",
            scoring.circumstance_ceiling,
            *plausible.circumstance_ceiling,
            1e-3,
            1.0,
        ),
        Parameter(
            "decisive_threshold",
            "threshold of force or manipulation",
            scoring.decisive_threshold,
            *plausible.decisive_threshold,
            0.5,
            1.0,
        ),
        Parameter("presence", "presence level", scoring.presence, *plausible.presence, 1e-3, 1.0),
    ]
    edges = (0.0, *config.boundaries.as_tuple(), 1.0)
    for index, name in enumerate(BOUNDARY_FIELDS, start=1):
        value = edges[index]
        # Never so far that two boundaries could cross: at most half the narrower zone beside it.
        room = min(
            plausible.boundary_shift,
            (value - edges[index - 1]) / 2.1,
            (edges[index + 1] - value) / 2.1,
        )
        found.append(
            Parameter(
                f"boundary.{name}",
                BOUNDARY_LABELS[name].lower(),
                value,
                value - room,
                value + room,
                edges[index - 1] + 1e-6,
                edges[index + 1] - 1e-6,
            )
        )
    return [p for p in found if p.high > p.low]


def parameter_arrays(
    personas: Sequence[Persona], config: ModelConfig, sets: FloatArray, names: Sequence[str]
) -> tuple[FloatArray, FloatArray, Settings]:
    """The engine's inputs for N parameter sets (one column per name in ``names``; every
    setting not named stays as configured): values, weights (N × F) and settings."""
    samples = len(sets)
    columns = {name: sets[:, i] for i, name in enumerate(names)}
    ids = factor_columns().ids
    weights = np.tile([config.weight(f) for f in ids], (samples, 1)).astype(float)
    for i, fid in enumerate(ids):
        if f"weight.{fid}" in columns:
            weights[:, i] = columns[f"weight.{fid}"]
    base = Settings.of(config)

    def column(name: str, default: FloatArray) -> FloatArray:
        return columns[name] if name in columns else np.broadcast_to(default, samples).copy()

    edges = np.tile(base.edges, (samples, 1))
    for index, name in enumerate(BOUNDARY_FIELDS, start=1):
        if f"boundary.{name}" in columns:
            edges[:, index] = columns[f"boundary.{name}"]
    settings = Settings(
        capital_lack=column("capital_lack", base.capital_lack),
        ceiling=column("circumstance_ceiling", base.ceiling),
        threshold=column("decisive_threshold", base.threshold),
        presence=column("presence", base.presence),
        edges=edges,
    )
    return values_matrix(personas), weights, settings


def evaluate(
    personas: Sequence[Persona], config: ModelConfig, sets: FloatArray, names: Sequence[str]
) -> FloatArray:
    """Positions (P × N) for N parameter sets: one batched engine call."""
    return sample_positions(*parameter_arrays(personas, config, sets, names), config)


def _zones(
    positions: FloatArray, sets: FloatArray, names: Sequence[str], config: ModelConfig
) -> IntArray:
    """Zone indices (P × N) of positions under each set's own boundaries."""
    edges = np.tile(config.boundaries.as_tuple(), (len(sets), 1))
    for index, name in enumerate(BOUNDARY_FIELDS):
        if f"boundary.{name}" in names:
            edges[:, index] = sets[:, list(names).index(f"boundary.{name}")]
    zones: IntArray = (positions[:, :, np.newaxis] >= edges[np.newaxis, :, :]).sum(
        axis=2, dtype=np.int8
    )
    return zones


class Index(BaseModel):
    """One setting's sensitivity index for one persona (Sobol or Morris)."""

    model_config = ConfigDict(frozen=True)

    parameter: str
    label: str
    first: float | None = None
    first_conf: float | None = None
    total: float | None = None
    total_conf: float | None = None
    mu_star: float | None = None
    mu_star_conf: float | None = None
    sigma: float | None = None


class PersonaSensitivity(BaseModel):
    model_config = ConfigDict(frozen=True)

    persona_id: str
    zone: Zone
    stays_in_zone: float
    """Share of the sampled parameter sets in which the persona stays in its configured zone."""
    indices: list[Index]

    @property
    def strongest(self) -> Index:
        key = (
            (lambda i: i.total or 0.0)
            if self.indices[0].total is not None
            else (lambda i: i.mu_star or 0.0)
        )
        return max(self.indices, key=key)


class SensitivityReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    method: Method
    base_samples: int
    evaluations: int
    seed: int
    personas: list[PersonaSensitivity]


def _problem(params: Sequence[Parameter]) -> dict[str, Any]:
    return {
        "num_vars": len(params),
        "names": [p.name for p in params],
        "bounds": [[p.low, p.high] for p in params],
    }


def analyse(
    personas: Sequence[Persona],
    config: ModelConfig,
    *,
    method: Method = Method.SOBOL,
    samples: int = DEFAULT_BASE_SAMPLES,
    seed: int = 0,
) -> SensitivityReport:
    """Sobol (first-order and total) or Morris indices of every persona's position."""
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    params = parameters(config)
    problem = _problem(params)
    names = [p.name for p in params]
    if method is Method.SOBOL:
        sets = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    else:
        sets = morris_sample.sample(problem, samples, num_levels=4, seed=seed)
    positions = evaluate(personas, config, sets, names)
    zones = _zones(positions, sets, names, config)
    configured = config.boundaries.zone_indices(
        evaluate(personas, config, np.array([[p.value for p in params]]), names)[:, 0]
    )
    results = []
    for row, persona in enumerate(personas):
        y = positions[row]
        indices: list[Index] = []
        if np.ptp(y) == 0:
            indices = [
                Index(parameter=p.name, label=p.label, first=0.0, total=0.0, mu_star=0.0)
                for p in params
            ]
        elif method is Method.SOBOL:
            found = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed)
            indices = [
                Index(
                    parameter=p.name,
                    label=p.label,
                    first=float(found["S1"][i]),
                    first_conf=float(found["S1_conf"][i]),
                    total=float(found["ST"][i]),
                    total_conf=float(found["ST_conf"][i]),
                )
                for i, p in enumerate(params)
            ]
        else:
            found = morris_analyze.analyze(problem, sets, y, num_levels=4, seed=seed)
            indices = [
                Index(
                    parameter=p.name,
                    label=p.label,
                    mu_star=float(found["mu_star"][i]),
                    mu_star_conf=float(found["mu_star_conf"][i]),
                    sigma=float(found["sigma"][i]),
                )
                for i, p in enumerate(params)
            ]
        results.append(
            PersonaSensitivity(
                persona_id=persona.id,
                zone=ZONES[int(configured[row])],
                stays_in_zone=float(np.mean(zones[row] == configured[row])),
                indices=indices,
            )
        )
    return SensitivityReport(
        method=method, base_samples=samples, evaluations=len(sets), seed=seed, personas=results
    )


class Swing(BaseModel):
    """One bar of a tornado, and the tipping points of one setting, for one persona."""

    model_config = ConfigDict(frozen=True)

    parameter: str
    label: str
    value: float
    low: float
    high: float
    position_at_low: float
    position_at_high: float
    tips_below: float | None
    """The nearest value below the configured one at which the zone changes (None: never)."""
    tips_above: float | None
    zone_below: Zone | None
    zone_above: Zone | None

    @property
    def width(self) -> float:
        return abs(self.position_at_high - self.position_at_low)


def swings(persona: Persona, config: ModelConfig) -> list[Swing]:
    """The tornado (sorted widest first) and tipping points of one persona, in three batched
    engine calls."""
    params = parameters(config)
    names = [p.name for p in params]
    default = np.array([p.value for p in params])
    count = len(params)
    ends = np.tile(default, (2 * count, 1))
    for i, p in enumerate(params):
        ends[2 * i, i], ends[2 * i + 1, i] = p.low, p.high
    at_ends = evaluate([persona], config, ends, names)[0]
    grid = np.linspace(0.0, 1.0, TIPPING_GRID)
    scans = np.tile(default, (count * TIPPING_GRID, 1))
    for i, p in enumerate(params):
        scans[i * TIPPING_GRID : (i + 1) * TIPPING_GRID, i] = p.lowest + grid * (
            p.highest - p.lowest
        )
    scanned = evaluate([persona], config, scans, names)
    zones = _zones(scanned, scans, names, config)[0].reshape(count, TIPPING_GRID)
    own = int(
        config.boundaries.zone_indices(
            evaluate([persona], config, default[np.newaxis, :], names)[0]
        )[0]
    )
    found = []
    for i, p in enumerate(params):
        values = scans[i * TIPPING_GRID : (i + 1) * TIPPING_GRID, i]
        changed = zones[i] != own
        below = np.flatnonzero(changed & (values < p.value))
        above = np.flatnonzero(changed & (values > p.value))
        found.append(
            Swing(
                parameter=p.name,
                label=p.label,
                value=p.value,
                low=p.low,
                high=p.high,
                position_at_low=float(at_ends[2 * i]),
                position_at_high=float(at_ends[2 * i + 1]),
                tips_below=float(values[below[-1]]) if below.size else None,
                tips_above=float(values[above[0]]) if above.size else None,
                zone_below=ZONES[int(zones[i][below[-1]])] if below.size else None,
                zone_above=ZONES[int(zones[i][above[0]])] if above.size else None,
            )
        )
    return sorted(found, key=lambda s: -s.width)


def summary(result: PersonaSensitivity) -> str:
    """The finding in plain language, as a trainer would say it."""
    top = result.strongest
    return (
        f"This placement depends most on the {top.label}; across the plausible ranges it stays "
        f"in the {result.zone.short_label.lower()} zone {result.stays_in_zone:.0%} of the time."
    )
