"""How much a placement depends on the exact weights: Monte Carlo over the weight ranges.

Every weight (and the capital-lack share) is drawn uniformly from its configured range, the
personas are scored under each draw, and each persona gets an interval for its position and the
probability of each zone. The draws depend only on the configuration and the seed, never on
which personas are scored, so a persona's figures do not change when others are added (beyond
the last bit of a float, as ``model.scoring._terms`` explains).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

# The sample count and level live with the configuration (which carries a run's samples and
# seed); they are named here too because a Monte Carlo run is where they are used.
from model.config import DEFAULT_LEVEL, DEFAULT_SAMPLES, MAX_SAMPLES, ModelConfig
from model.engine import (
    FUSED_CELLS,
    FloatArray,
    Settings,
    factor_columns,
    sample_order_statistics,
    sample_positions,
    values_matrix,
)
from model.personas import Persona
from model.spectrum import ZONES, Zone

__all__ = [
    "DEFAULT_LEVEL",
    "DEFAULT_SAMPLES",
    "MAX_SAMPLES",
    "Uncertainty",
    "draw_weights",
    "simulate",
]
_CELLS_PER_CHUNK = 4_000_000  # personas x samples held at once: bounds memory for big runs
IntArray = npt.NDArray[np.intp]


class Uncertainty(BaseModel):
    """A persona's position under sampled weights."""

    model_config = ConfigDict(frozen=True)

    persona_id: str
    samples: int
    level: float
    low: float
    """Lower end of the central ``level`` interval of the sampled positions."""
    high: float
    median: float
    zone_probabilities: dict[Zone, float]
    """Share of samples falling in each zone; they add up to 1."""

    @property
    def most_likely_zone(self) -> Zone:
        return max(ZONES, key=lambda z: (self.zone_probabilities[z], -z.order))


def draw_weights(config: ModelConfig, samples: int, seed: int) -> tuple[FloatArray, FloatArray]:
    """``samples`` weight vectors (N × F) and capital-lack shares (N), uniform in their ranges."""
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValueError(f"samples must be between 1 and {MAX_SAMPLES:,}")
    rng = np.random.default_rng(seed)
    ranges = np.array([config.weights[fid].range for fid in factor_columns().ids], dtype=float)
    weights = rng.uniform(ranges[:, 0], ranges[:, 1], size=(samples, len(ranges)))
    low, high = config.scoring.capital_lack.range
    capital_lack = rng.uniform(low, high, size=samples)
    return weights, capital_lack


def simulate(
    personas: Sequence[Persona],
    config: ModelConfig,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    level: float = DEFAULT_LEVEL,
) -> list[Uncertainty]:
    """Interval and zone probabilities for each persona; the same seed gives the same numbers."""
    if not 0 < level < 1:
        raise ValueError("level must be between 0 and 1")
    weights, capital_lack = draw_weights(config, samples, seed)
    values = values_matrix(personas)
    tail = (1 - level) / 2
    if len(personas) * samples >= FUSED_CELLS:
        quantiles, at_or_above = _fused_summary(values, weights, capital_lack, config, tail)
    else:
        quantiles, at_or_above = _numpy_summary(values, weights, capital_lack, config, tail)
    lows, medians, highs = quantiles
    # Samples in zone i = those at or above its lower boundary minus those at or above its upper
    # one (subtracted this way round so that an empty zone is 0.0, never -0.0).
    edges = np.vstack([np.full(len(personas), samples), at_or_above, np.zeros(len(personas))])
    shares = ((edges[:-1] - edges[1:]) / samples).T
    return [
        Uncertainty(
            persona_id=persona.id,
            samples=samples,
            level=level,
            low=float(lows[row]),
            high=float(highs[row]),
            median=float(medians[row]),
            zone_probabilities={z: float(shares[row, i]) for i, z in enumerate(ZONES)},
        )
        for row, persona in enumerate(personas)
    ]


def _numpy_summary(
    values: FloatArray,
    weights: FloatArray,
    capital_lack: FloatArray,
    config: ModelConfig,
    tail: float,
) -> tuple[FloatArray, FloatArray]:
    """Quantiles (3 × P: ``tail``, median, ``1 − tail``) and samples at or above each boundary
    (4 × P), from every sampled position held in memory, a block of personas at a time."""
    settings = replace(Settings.of(config), capital_lack=capital_lack)
    personas, samples = values.shape[0], weights.shape[0]
    quantiles = np.empty((3, personas))
    at_or_above = np.empty((len(ZONES) - 1, personas))
    # A block of personas at a time, all samples each: memory stays bounded however many
    # personas there are, and each persona's figures come from its own row alone.
    rows = max(1, _CELLS_PER_CHUNK // samples)
    for start in range(0, personas, rows):
        block = slice(start, start + rows)
        positions = sample_positions(values[block], weights, settings, config)
        quantiles[:, block] = np.quantile(positions, [tail, 0.5, 1 - tail], axis=1)
        for index, bound in enumerate(config.boundaries.as_tuple()):
            at_or_above[index, block] = np.count_nonzero(positions >= bound, axis=1)
    return quantiles, at_or_above


def quantile_ranks(samples: int, levels: Sequence[float]) -> tuple[IntArray, IntArray, FloatArray]:
    """For ``np.quantile``'s default (linear) method over ``samples`` values: the ranks (from 0)
    of the two order statistics each level lies between, and the weight of the upper one.

    The same arithmetic as numpy's, so interpolating exact order statistics with
    :func:`interpolate` gives ``np.quantile``'s result to the last bit (the tests check it).
    """
    q = np.asarray(levels, dtype=np.float64)
    virtual = (samples - 1) * q
    lower = np.floor(virtual)
    upper = lower + 1
    # numpy's bounds: at or past the last index both neighbours are the last value (and gamma
    # is then measured from index -1), below the first both are the first.
    above, below = virtual >= samples - 1, virtual < 0
    lower[above] = upper[above] = -1
    lower[below] = upper[below] = 0
    gamma = virtual - lower
    return lower.astype(np.intp) % samples, upper.astype(np.intp) % samples, gamma


def interpolate(lower: FloatArray, upper: FloatArray, gamma: FloatArray) -> FloatArray:
    """numpy's linear interpolation between order statistics (``numpy``'s ``_lerp``)."""
    difference = upper - lower
    result: FloatArray = lower + difference * gamma
    np.subtract(upper, difference * (1 - gamma), out=result, where=gamma >= 0.5)
    return result


def _fused_summary(
    values: FloatArray,
    weights: FloatArray,
    capital_lack: FloatArray,
    config: ModelConfig,
    tail: float,
) -> tuple[FloatArray, FloatArray]:
    """:func:`_numpy_summary`'s figures from exact order statistics, counted without sorting
    and without holding every sampled position (:func:`model.engine.sample_order_statistics`)."""
    lower, upper, gamma = quantile_ranks(weights.shape[0], [tail, 0.5, 1 - tail])
    ranks = np.unique(np.concatenate([lower, upper]))
    stats, at_or_above = sample_order_statistics(values, weights, capital_lack, config, ranks)
    quantiles = interpolate(
        stats[:, np.searchsorted(ranks, lower)], stats[:, np.searchsorted(ranks, upper)], gamma
    )
    return quantiles.T, at_or_above.T.astype(np.float64)
