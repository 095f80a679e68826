"""The fused loops (``model/kernels.py``, numba) against the numpy engine they stand in for.

Big batches run the fused loops, small ones numpy (``model.engine.FUSED_PERSONAS`` and
``FUSED_CELLS``); both must give the same positions, zones, intervals and zone probabilities,
whatever the configuration. The Monte Carlo's order statistics are exact, not approximated: they
are checked against sorting, and the quantiles built from them against ``np.quantile``.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model.engine as engine
import model.montecarlo as montecarlo
from model import ModelConfig, Persona, PersonaSet, simulate
from model.engine import (
    FUSED_CELLS,
    fused_positions,
    numpy_positions,
    positions_and_zones,
    score_positions,
)
from model.kernels import GRID, _select
from model.montecarlo import interpolate, quantile_ranks
from tests.strategies import FACTOR_IDS, configs, persona_batches

ULP_SLACK = 1e-12
PROPERTY = settings(max_examples=60, deadline=None)


def fused_monte_carlo(fused: bool) -> AbstractContextManager[object]:
    """Every Monte Carlo run through the fused loops (or through numpy), whatever its size."""
    return patch.object(montecarlo, "FUSED_CELLS", 0 if fused else 1 << 62)


@st.composite
def value_matrices(draw: st.DrawFn, config: ModelConfig) -> np.ndarray:
    """Personas × factors with the values that decide a reach drawn often: 0, 1, the presence
    level and the decisive threshold exactly, and just below them."""
    presence, threshold = config.scoring.presence, config.scoring.decisive_threshold
    edges = [0.0, 1.0, presence, threshold, np.nextafter(presence, 0), np.nextafter(threshold, 0)]
    cell = st.one_of(st.sampled_from(edges), st.floats(0.0, 1.0))
    size = draw(st.integers(1, 40)) * len(FACTOR_IDS)
    cells = draw(st.lists(cell, min_size=size, max_size=size))
    return np.array(cells).reshape(-1, len(FACTOR_IDS))


def assert_same_zones(
    zones: np.ndarray, expected: np.ndarray, positions: np.ndarray, config: ModelConfig
) -> None:
    """Zones agree, except for a position within rounding of a boundary (BLAS and the fused sums
    may add in different orders)."""
    bounds = np.array(config.boundaries.as_tuple())
    near = np.abs(positions[:, np.newaxis] - bounds).min(axis=1) <= ULP_SLACK
    assert np.array_equal(zones[~near], expected[~near])


# ---------------------------------------------------------------- scoring


@PROPERTY
@given(data=st.data(), config=configs())
def test_fused_scoring_gives_the_numpy_positions_and_zones(
    data: st.DataObject, config: ModelConfig
) -> None:
    values = data.draw(value_matrices(config))
    positions, zones = fused_positions(values, config)
    expected = numpy_positions(values, config)
    np.testing.assert_allclose(positions, expected, rtol=0, atol=ULP_SLACK)
    assert zones.dtype == np.int8
    assert_same_zones(zones, config.boundaries.zone_indices(expected), positions, config)


def test_a_big_batch_takes_the_fused_path_and_agrees(config: ModelConfig) -> None:
    rng = np.random.default_rng(5)
    values = rng.random((300_000, len(FACTOR_IDS)))
    values[rng.random(values.shape) < 0.3] = 0.0  # absent factors, as most personas have
    positions, zones = positions_and_zones(values, config)
    assert np.array_equal(positions, score_positions(values, config))
    expected = numpy_positions(values, config)
    np.testing.assert_allclose(positions, expected, rtol=0, atol=ULP_SLACK)
    assert_same_zones(zones, config.boundaries.zone_indices(expected), positions, config)


def test_fused_scoring_takes_any_layout(config: ModelConfig) -> None:
    values = np.random.default_rng(2).random((50, len(FACTOR_IDS)))
    positions, _ = fused_positions(values, config)
    assert np.array_equal(fused_positions(np.asfortranarray(values), config)[0], positions)
    assert fused_positions(values[:0], config)[0].shape == (0,)


@PROPERTY
@given(
    data=st.data(),
    config=configs(),
    threads=st.integers(2, 5),
    block=st.sampled_from([8, 16, 24, 64]),
)
def test_scoring_on_several_threads_gives_the_one_thread_figures_exactly(
    data: st.DataObject, config: ModelConfig, threads: int, block: int
) -> None:
    # Small blocks, so a few dozen personas make many blocks, cut unevenly among the threads,
    # some of them a part-block at the end.
    values = data.draw(value_matrices(config))
    with patch.object(engine, "_FUSED_BLOCK", block):
        alone = fused_positions(values, config, threads=1)
        together = fused_positions(values, config, threads=threads)
    assert np.array_equal(together[0], alone[0])
    assert np.array_equal(together[1], alone[1])


def test_the_default_thread_count_is_the_cores_this_process_may_use(config: ModelConfig) -> None:
    assert 1 <= engine.fused_threads() <= (os.cpu_count() or 1)
    with pytest.raises(ValueError, match="threads must be at least 1"):
        fused_positions(np.zeros((3, len(FACTOR_IDS))), config, threads=0)


# ---------------------------------------------------------------- Monte Carlo


@settings(max_examples=40, deadline=None)
@given(
    batch=persona_batches(max_size=5),
    config=configs(),
    seed=st.integers(0, 2**32 - 1),
    samples=st.integers(1, 400),
    level=st.floats(0.01, 0.99),
)
def test_fused_monte_carlo_gives_the_numpy_figures(
    batch: list[Persona], config: ModelConfig, seed: int, samples: int, level: float
) -> None:
    with fused_monte_carlo(fused=True):
        fused = simulate(batch, config, samples=samples, seed=seed, level=level)
    with fused_monte_carlo(fused=False):
        plain = simulate(batch, config, samples=samples, seed=seed, level=level)
    for a, b in zip(fused, plain, strict=True):
        assert (a.persona_id, a.samples, a.level) == (b.persona_id, b.samples, b.level)
        for field in ("low", "median", "high"):
            assert getattr(a, field) == pytest.approx(getattr(b, field), abs=ULP_SLACK)
        assert a.zone_probabilities == b.zone_probabilities


@settings(max_examples=15, deadline=None)
@given(batch=persona_batches(max_size=4), config=configs(collapsed=True))
def test_fused_monte_carlo_collapses_onto_the_position(
    batch: list[Persona], config: ModelConfig
) -> None:
    # Every sample equal: the selection must end at once on a single repeated value.
    with fused_monte_carlo(fused=True):
        results = simulate(batch, config, samples=2_000, seed=1)
    with fused_monte_carlo(fused=False):
        plain = simulate(batch, config, samples=2_000, seed=1)
    for a, b in zip(results, plain, strict=True):
        for field in ("low", "median", "high"):
            assert getattr(a, field) == pytest.approx(getattr(b, field), abs=ULP_SLACK)
        assert a.zone_probabilities == b.zone_probabilities


def test_a_run_just_big_enough_is_fused_and_agrees(
    bundled_personas: PersonaSet, config: ModelConfig
) -> None:
    personas = bundled_personas.personas
    samples = -(-FUSED_CELLS // len(personas))  # just enough for the fused path on its own
    fused = simulate(personas, config, samples=samples, seed=3)
    with fused_monte_carlo(fused=False):
        plain = simulate(personas, config, samples=samples, seed=3)
    for a, b in zip(fused, plain, strict=True):
        for field in ("low", "median", "high"):
            assert getattr(a, field) == pytest.approx(getattr(b, field), abs=ULP_SLACK)
        assert a.zone_probabilities == b.zone_probabilities


# ---------------------------------------------------------------- exact order statistics


def awkward_samples() -> st.SearchStrategy[np.ndarray]:
    """Arrays that stress a counting selection: repeated values, spikes, spans too narrow to
    divide, values on the grid's bin edges, tiny negatives, and plain random ones."""
    spans = st.sampled_from([1.0, 1e-3, 1e-9, 1e-300, 5e-324])
    base = st.floats(-1e-16, 1.0)

    @st.composite
    def build(draw: st.DrawFn) -> np.ndarray:
        size = draw(st.integers(1, 3_000))
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        kind = draw(st.sampled_from(["random", "spike", "edges", "few", "narrow"]))
        if kind == "random":
            return rng.random(size)
        if kind == "spike":
            values = rng.random(size)
            values[rng.random(size) < draw(st.floats(0.1, 1.0))] = draw(base)
            return values
        if kind == "edges":
            return rng.integers(0, GRID + 1, size) / GRID
        if kind == "few":
            return rng.choice(np.array(draw(st.lists(base, min_size=1, max_size=4))), size)
        low, span = draw(base), draw(spans)
        return low + span * rng.random(size)

    return build()


@settings(max_examples=200, deadline=None)
@given(values=awkward_samples(), data=st.data())
def test_counting_selection_is_exact(values: np.ndarray, data: st.DataObject) -> None:
    rank = data.draw(st.integers(0, len(values) - 1))
    assert _select(values.copy(), len(values), rank) == np.sort(values)[rank]


@settings(max_examples=200, deadline=None)
@given(
    values=awkward_samples(),
    levels=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=4),
)
def test_order_statistics_interpolate_to_np_quantile_exactly(
    values: np.ndarray, levels: list[float]
) -> None:
    lower, upper, gamma = quantile_ranks(len(values), levels)
    ordered = np.sort(values)
    ours = interpolate(ordered[lower], ordered[upper], gamma)
    assert np.array_equal(ours, np.quantile(values, levels))
