"""The vectorized engine: the scoring rule over a personas × factors matrix and many parameter
sets at once.

The rule itself is stated in :mod:`model.scoring` (and, plainly, in
:func:`model.scoring.reference_position`, which the tests hold this engine to). Here it is written
for speed: one matrix product per block gives every weighted sum, and the rest runs in place on
complements in buffers small enough to stay in cache. Scoring (one parameter set), Monte Carlo
(sampled weights) and the sensitivity analysis (every parameter sampled) all run through it.

Big batches (:data:`FUSED_PERSONAS`, :data:`FUSED_CELLS`) run the same rule through compiled
loops instead (:mod:`model.kernels`, numba): :func:`fused_positions` and
:func:`sample_order_statistics`. The tests hold them to this module's numpy path.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from model.assessment import REACH_ORDER
from model.config import ModelConfig
from model.factors import FactorKind, factor_catalogue
from model.personas import Persona
from model.spectrum import Boundaries

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int8]


@dataclass(frozen=True)
class FactorColumns:
    """Which columns of the factor matrix hold which kind of factor.

    Each kind is a contiguous run of columns (the catalogue lists factors grouped by kind), so a
    kind is a slice: a view of the matrix, not a copy, which matters with a million rows.
    """

    ids: tuple[str, ...]
    capital: slice
    hardship: slice
    struggle: slice
    control: slice
    decisive: tuple[int, ...]

    @property
    def kinds(self) -> tuple[slice, slice, slice, slice]:
        """The columns of each term, in the order the terms are summed."""
        return self.capital, self.hardship, self.struggle, self.control


def _run_of(kind: FactorKind, kinds: Sequence[FactorKind]) -> slice:
    columns = [i for i, k in enumerate(kinds) if k is kind]
    if not columns or columns != list(range(columns[0], columns[-1] + 1)):
        raise ValueError(f"the factor catalogue must list the {kind.value} factors together")
    return slice(columns[0], columns[-1] + 1)


@cache
def factor_columns() -> FactorColumns:
    factors = factor_catalogue().factors
    kinds = [f.kind for f in factors]
    return FactorColumns(
        ids=tuple(f.id for f in factors),
        capital=_run_of(FactorKind.CAPITAL, kinds),
        hardship=_run_of(FactorKind.HARDSHIP, kinds),
        struggle=_run_of(FactorKind.STRUGGLE, kinds),
        control=_run_of(FactorKind.CONTROL, kinds),
        decisive=tuple(i for i, f in enumerate(factors) if f.decisive),
    )


def values_matrix(personas: Sequence[Persona]) -> FloatArray:
    """Personas × factors, columns in catalogue order."""
    ids = factor_columns().ids
    if not personas:
        return np.zeros((0, len(ids)))
    rows = (p.factor_values() for p in personas)
    return np.array([[row[fid] for fid in ids] for row in rows], dtype=float)


def weight_vector(config: ModelConfig) -> FloatArray:
    return np.array([config.weight(fid) for fid in factor_columns().ids], dtype=float)


@dataclass(frozen=True)
class Settings:
    """The non-weight parameters of N parameter sets: each array has N rows, or one row shared
    by every set (so Monte Carlo, which samples only the capital-lack share, pays nothing for
    the rest).

    Scoring uses one set (the configuration's); Monte Carlo samples the capital-lack share; a
    sensitivity analysis samples every one of them. All run through the same engine.
    """

    capital_lack: FloatArray  # N or 1
    ceiling: FloatArray  # N or 1
    threshold: FloatArray  # N or 1
    presence: FloatArray  # N or 1
    edges: FloatArray  # (N or 1) × 6: 0, the four boundaries, 1

    @classmethod
    def of(cls, config: ModelConfig) -> Settings:
        """The configuration's own settings, one row shared by every set."""
        scoring = config.scoring
        return cls(
            capital_lack=np.array([scoring.capital_lack.weight]),
            ceiling=np.array([scoring.circumstance_ceiling]),
            threshold=np.array([scoring.decisive_threshold]),
            presence=np.array([scoring.presence]),
            edges=_zone_edges(config.boundaries)[np.newaxis, :],
        )

    def rows(self, block: slice) -> Settings:
        """The sets of ``block`` (a shared row stays shared)."""

        def take(array: FloatArray) -> FloatArray:
            return array if len(array) == 1 else array[block]

        return Settings(
            take(self.capital_lack),
            take(self.ceiling),
            take(self.threshold),
            take(self.presence),
            take(self.edges),
        )


def reach_groups(weights: FloatArray) -> tuple[tuple[int, ...], ...]:
    """The columns that open the reach: hardship, struggle and decisive factors, each group
    only those whose configured ``weights`` are above 0 (a factor switched off opens nothing)."""
    cols = factor_columns()
    groups = (
        range(cols.hardship.start, cols.hardship.stop),
        range(cols.struggle.start, cols.struggle.stop),
        cols.decisive,
    )
    return tuple(tuple(c for c in group if weights[c] > 0) for group in groups)


def _codes(maxima: FloatArray, settings: Settings) -> IntArray:
    """Reach codes (N × P): 0 neither, 1 hardship, 2 both strands, 3 force or manipulation."""
    presence = settings.presence[:, np.newaxis]
    hardship = maxima[0] >= presence
    both = hardship & (maxima[1] >= presence)
    codes: IntArray = hardship.view(np.int8) + both.view(np.int8)
    codes[maxima[2] >= settings.threshold[:, np.newaxis]] = 3
    return codes


def reach_codes(values: FloatArray, config: ModelConfig) -> IntArray:
    """Each persona's reach under the configuration (P), an index into the reach order."""
    return score_matrix(values, config)[2]


def _zone_edges(boundaries: Boundaries) -> FloatArray:
    return np.array((0.0, *boundaries.as_tuple(), 1.0))


_HEADROOM = 0.9
"""The compression approaches ``knee + 0.9·half`` (0.59 for an economic band ending at 0.6),
so a held position never reads, rounded, as the boundary it stays below."""


def _compress(raw: FloatArray, knee: FloatArray, room: FloatArray, out: FloatArray) -> None:
    """Keep ``raw`` below ``knee + room`` into ``out``: identity up to the knee (the middle of
    the highest zone allowed), ``knee + room·tanh((raw − knee)/room)`` above it. Continuous,
    increasing, and strictly below the next boundary. Only positions past the knee are touched,
    so the common case costs one comparison."""
    knee = np.broadcast_to(knee, raw.shape)
    if out is not raw:
        np.copyto(out, raw)
    over = np.nonzero(raw > knee)
    if len(over[0]):
        k, r = knee[over], np.broadcast_to(room, raw.shape)[over]
        out[over] = k + r * np.tanh((raw[over] - k) / r)


@dataclass(frozen=True)
class _Terms:
    """The rule's terms for P personas under N parameter sets, each a P × N view.

    Held as complements (what is left *free* of each push), because the rule is then products
    run in place: ``1 − C = (1 − L)(1 − H)(1 − S)`` and ``1 − raw = (1 − K)(1 − m·C)``.
    """

    kept: FloatArray  # 1 − L
    hardship_free: FloatArray  # 1 − H (both strands together, without strands_apart)
    struggle_free: FloatArray  # 1 − S (ones, without strands_apart)
    control_free: FloatArray  # 1 − K
    raw: FloatArray  # K + (1 − K)·m·C
    position: FloatArray
    codes: IntArray


def _terms(
    values: FloatArray,
    weights: FloatArray,
    settings: Settings,
    groups: tuple[tuple[int, ...], ...],
    *,
    strands_apart: bool = True,
) -> _Terms:
    """The rule over P personas (rows of ``values``) and N parameter sets (rows of ``weights``
    and of ``settings``); ``groups`` are :func:`reach_groups`.

    One matrix product (BLAS) gives the weighted sums for every set into a buffer that then
    holds every term, updated in place (sets × personas, so each pass is contiguous). Callers
    pass blocks small enough for that buffer to stay in cache. BLAS picks its summation order
    from the shapes, so a sum may differ in its last bit with the size of the batch: batch and
    single scoring agree to about 1e-16 (the tests hold them to 1e-12), not bit for bit.

    Positions need the two strands only together, ``(1 − H)(1 − S) = exp(−(h + s))``: without
    ``strands_apart`` they share one sum and one exponential, a third less work per sample.
    Contributions need them apart.
    """
    cols = factor_columns()
    samples, personas = weights.shape[0], values.shape[0]
    # Unit rows after the sums copy the reach's columns out as contiguous rows (exactly: a
    # product by 1 plus zeros), far cheaper to compare than columns strided through the matrix.
    columns = [c for group in groups for c in group]
    terms = 4 if strands_apart else 3
    sums = terms * samples
    stacked = np.zeros((sums + len(columns), weights.shape[1]))
    lack_share = settings.capital_lack[:, np.newaxis]
    # λ·A in the product itself: the capital weights scaled by λ over their sum.
    scale = (
        np.broadcast_to(lack_share, (samples, 1))
        / weights[:, cols.capital].sum(axis=1)[:, np.newaxis]
    )
    stacked[:samples, cols.capital] = weights[:, cols.capital] * scale
    rows = (cols.hardship, cols.struggle, cols.control) if strands_apart else (None, cols.control)
    for term, kind in enumerate(rows, start=1):
        block = stacked[term * samples : (term + 1) * samples]
        if kind is None:  # both strands in one sum
            block[:, cols.hardship] = weights[:, cols.hardship]
            block[:, cols.struggle] = weights[:, cols.struggle]
        else:
            block[:, kind] = weights[:, kind]
    stacked[np.arange(sums, sums + len(columns)), columns] = 1.0
    buffer = np.empty((len(stacked) + 2 * samples, personas))
    np.matmul(stacked, values.T, out=buffer[: len(stacked)])
    parts = [buffer[t * samples : (t + 1) * samples] for t in range(terms)]
    kept, control_free = parts[0], parts[-1]
    raw, position = buffer[len(stacked) : len(stacked) + samples], buffer[-samples:]
    maxima = np.zeros((3, personas))
    start = sums
    for index, group in enumerate(groups):
        if group:
            np.max(buffer[start : start + len(group)], axis=0, out=maxima[index])
        start += len(group)
    # 1 − L = λ·A + (1 − λ). The clip keeps a rounding of the sums from taking A outside [0, 1].
    np.clip(kept, 0.0, lack_share, out=kept)
    kept += 1.0 - lack_share
    for free in parts[1:]:
        np.negative(free, out=free)
        np.exp(free, out=free)
    ceiling = settings.ceiling[:, np.newaxis]
    np.multiply(kept, parts[1], out=raw)  # 1 − C
    if strands_apart:
        raw *= parts[2]
    raw *= ceiling
    raw += 1.0 - ceiling  # 1 − m·C
    raw *= control_free
    np.subtract(1.0, raw, out=raw)
    codes = _codes(maxima, settings)
    _place(raw, codes, settings.edges, out=position)
    hardship_free = parts[1]
    struggle_free = parts[2] if strands_apart else np.ones_like(kept)
    return _Terms(
        kept.T, hardship_free.T, struggle_free.T, control_free.T, raw.T, position.T, codes.T
    )


def _place(raw: FloatArray, codes: IntArray, edges: FloatArray, out: FloatArray) -> None:
    """Apply the reach into ``out`` (N × P; ``codes`` and ``edges`` N or 1 rows): the floor at
    coercion, or the compression below the zone the inputs do not open."""
    knee, room, _, floor = _by_code(edges)
    if len(edges) == 1:  # one row for every set: look each code up, no gather along rows
        knee, room, floor = knee[0][codes], room[0][codes], floor[0][codes]
    else:
        codes_n = np.broadcast_to(codes, raw.shape)
        knee, room, floor = (np.take_along_axis(x, codes_n, axis=1) for x in (knee, room, floor))
    _compress(raw, knee, room, out=out)
    np.maximum(out, floor, out=out)


def _by_code(edges: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Per parameter set and reach code ((N or 1) × 4): the knee and room of the compression,
    the top of the highest zone allowed, and the floor (the coercion boundary for code 3).

    Code 3 has an infinite knee: a decisive position is never compressed, only floored.
    """
    low, top = edges[:, _REACH_TOP], edges[:, _REACH_TOP + 1]
    half = (top - low) / 2.0
    knee, room = low + half, _HEADROOM * half
    knee[:, 3] = np.inf
    floor = np.zeros_like(knee)
    floor[:, 3] = edges[:, 4]
    return knee, room, top, floor


def _held(raw: FloatArray, codes: IntArray, edges: FloatArray) -> BoolArray:
    """Where the raw position (P, one parameter set) reached a zone the inputs do not open."""
    top = _by_code(edges)[2][0][codes]
    held: BoolArray = (codes < 3) & (raw >= top)
    return held


_REACH_TOP = np.array([r.zone.order for r in REACH_ORDER])
"""The order of the highest zone each reach code allows."""


_BLOCK_CELLS = 1 << 16
"""Personas × samples scored at once, so the terms' buffers (a few MB) stay in cache."""


def _blocks(total: int, per_block: int) -> list[slice]:
    return [slice(start, min(total, start + per_block)) for start in range(0, total, per_block)]


def _shapley3(x: FloatArray, y: FloatArray, z: FloatArray) -> tuple[FloatArray, ...]:
    """Shapley shares of ``1 − (1 − x)(1 − y)(1 − z)`` among x, y and z (they add up to it)."""
    xyz = x * y * z / 3.0
    return (
        x - (x * y + x * z) / 2.0 + xyz,
        y - (x * y + y * z) / 2.0 + xyz,
        z - (x * z + y * z) / 2.0 + xyz,
    )


def _contributions(
    values: FloatArray, terms: _Terms, weights: FloatArray, config: ModelConfig, out: FloatArray
) -> None:
    """Each factor's share of the position (P × F) for one block of personas, into ``out``."""
    cols = factor_columns()
    lack, hardship, struggle, control = (
        1.0 - t[:, 0]
        for t in (terms.kept, terms.hardship_free, terms.struggle_free, terms.control_free)
    )
    raw, position = terms.raw[:, 0], terms.position[:, 0]
    share = (1.0 - control) * config.scoring.circumstance_ceiling
    parts = np.stack([share * s for s in _shapley3(lack, hardship, struggle)] + [control], axis=1)
    # What each factor pushes with: weight × value, or weight × what is missing for a capital.
    np.multiply(values, weights, out=out)
    out[:, cols.capital] = weights[cols.capital] - out[:, cols.capital]
    indicator = _term_indicator()
    totals = out @ indicator  # P × 4
    scale = np.zeros_like(totals)
    np.divide(parts, totals, out=scale, where=totals > 0)
    out *= scale @ indicator.T
    # Compressed: every share shrinks alike. Lifted to coercion: the lift goes to the decisive
    # factors that reached the threshold, by value.
    lifted = position > raw
    factor = np.ones_like(raw)
    np.divide(position, raw, out=factor, where=(~lifted) & (raw > 0))
    out *= factor[:, np.newaxis]
    rows = np.flatnonzero(lifted)
    if rows.size:
        columns = np.array(cols.decisive)
        reached = values[np.ix_(rows, columns)].copy()
        reached[reached < config.scoring.decisive_threshold] = 0.0
        reached[:, weights[columns] == 0] = 0.0  # a factor switched off decides nothing
        gain = (position[rows] - raw[rows]) / reached.sum(axis=1)
        out[np.ix_(rows, columns)] += reached * gain[:, np.newaxis]


@cache
def _term_indicator() -> FloatArray:
    """Factors × terms: 1 where a factor feeds a term (capital, hardship, struggle, control)."""
    cols = factor_columns()
    indicator = np.zeros((len(cols.ids), 4))
    for term, kind in enumerate(cols.kinds):
        indicator[kind, term] = 1.0
    return indicator


FUSED_PERSONAS = 1 << 17
"""Scoring runs the fused loops of :mod:`model.kernels` from this many personas on (numpy
below): loading them costs about a second once per process, which small batches never pay."""
FUSED_CELLS = 2_000_000
"""Monte Carlo runs the fused loops from this many personas × samples on (numpy below)."""
_FUSED_BLOCK = 1 << 14
"""Personas per fused block: their sums, codes and positions (about 1 MB) stay in the core's
own cache between the passes over them. Measured against 2**13 and 2**15: see
``benchmarks/RESULTS.md``."""


def fused_threads() -> int:
    """How many threads scoring a big batch uses by default: one per core this process may run
    on (the loops and numpy's exponentials release the GIL, so the threads run at once)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no affinity on this platform (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def score_positions(values: FloatArray, config: ModelConfig) -> FloatArray:
    """Positions (P) for a value matrix: where each persona sits, without the why."""
    if values.shape[0] >= FUSED_PERSONAS:
        return fused_positions(values, config)[0]
    return numpy_positions(values, config)


def positions_and_zones(values: FloatArray, config: ModelConfig) -> tuple[FloatArray, IntArray]:
    """Positions (P) and zone indices (P, into :data:`model.spectrum.ZONES`) for a value
    matrix: one pass for both when the batch is big."""
    if values.shape[0] >= FUSED_PERSONAS:
        return fused_positions(values, config)
    positions = numpy_positions(values, config)
    return positions, config.boundaries.zone_indices(positions)


@dataclass(frozen=True)
class _FusedRule:
    """What the fused loops need of a configuration, as arrays (see :func:`fused_positions`)."""

    products: FloatArray  # 3 × F: λ-scaled capital weights; −(hardship, struggle); −control
    opens: FloatArray  # F: what opens each column's reach group (infinite: nothing)
    bits: npt.NDArray[np.uint8]  # F: the column's group (1, 2, 4), or 0
    settings: FloatArray  # λ, ceiling, knee by code ×4, room by code ×4, coercion floor
    bounds: FloatArray  # the four zone boundaries

    @classmethod
    def of(cls, config: ModelConfig) -> _FusedRule:
        cols = factor_columns()
        weights = weight_vector(config)
        scoring = config.scoring
        lack = scoring.capital_lack.weight
        products = np.zeros((3, len(weights)))
        # λ·A in the sum itself, as the numpy path does: capital weights scaled by λ over their
        # sum; the strands and control negated, ready for np.exp.
        products[0, cols.capital] = weights[cols.capital] * (
            np.array([lack]) / weights[cols.capital].sum()
        )
        products[1, cols.hardship] = -weights[cols.hardship]
        products[1, cols.struggle] = -weights[cols.struggle]
        products[2, cols.control] = -weights[cols.control]
        opens = np.full(len(weights), np.inf)
        bits = np.zeros(len(weights), dtype=np.uint8)
        thresholds = (scoring.presence, scoring.presence, scoring.decisive_threshold)
        groups = reach_groups(weights)
        for index, (group, threshold) in enumerate(zip(groups, thresholds, strict=True)):
            opens[list(group)] = threshold
            bits[list(group)] = 1 << index
        knee, room, _, floor = (x[0] for x in _by_code(Settings.of(config).edges))
        settings = np.array([lack, scoring.circumstance_ceiling, *knee, *room, floor[3]])
        return cls(products, opens, bits, settings, np.array(config.boundaries.as_tuple()))


def fused_positions(
    values: FloatArray, config: ModelConfig, threads: int | None = None
) -> tuple[FloatArray, IntArray]:
    """:func:`positions_and_zones` through the fused loops, whatever the batch's size.

    Per block of personas: one compiled pass reads each row once for the three weighted sums
    and the reach, eight personas to a word (:func:`model.kernels.sums_and_reach`); numpy takes
    the two exponentials; a vectorized loop gives the unbounded position and the compression's
    argument; numpy takes the tangent; a last vectorized loop compresses, floors and zones.
    The same rule, operation for operation, as :func:`numpy_positions`.

    The batch is cut into ``threads`` runs of whole blocks (by default :func:`fused_threads`),
    scored at once: every step releases the GIL.
    """
    if threads is not None and threads < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    values = np.ascontiguousarray(values, dtype=np.float64)
    rule = _FusedRule.of(config)
    total = values.shape[0]
    positions = np.empty(total)
    zones = np.empty(total, dtype=np.int8)
    blocks = -(-total // _FUSED_BLOCK)
    count = min(threads or fused_threads(), blocks) or 1
    # Whole blocks to each thread, so its blocks are the ones a single thread would score.
    cuts = [min(total, blocks * i // count * _FUSED_BLOCK) for i in range(count)] + [total]
    runs = [slice(start, stop) for start, stop in itertools.pairwise(cuts)]
    if count == 1:
        _fused_run(values, rule, runs[0], positions, zones)
    else:
        with ThreadPoolExecutor(count) as pool:
            for done in [
                pool.submit(_fused_run, values, rule, run, positions, zones) for run in runs
            ]:
                done.result()
    return positions, zones


def _fused_run(
    values: FloatArray,
    rule: _FusedRule,
    run: slice,
    positions: FloatArray,
    zones: IntArray,
) -> None:
    """Score rows ``run`` of ``values`` into the same rows of ``positions`` and ``zones``, a
    block at a time, with buffers of its own (so runs can go at once)."""
    from model import kernels  # numba: loaded only when a batch is big enough to need it

    block = min(run.stop - run.start, _FUSED_BLOCK) or 8
    sums = np.empty((3, block))
    codes = np.empty(block, dtype=np.int8)
    raw, stretch = np.empty(block), np.empty(block)
    for start in range(run.start, run.stop, block):
        stop = min(run.stop, start + block)
        size = stop - start
        out = sums[:, :size]
        kernels.sums_and_reach(
            values[start:stop], rule.products, rule.opens, rule.bits, out, codes[:size]
        )
        np.exp(out[1:], out=out[1:])
        kernels.score_raw(
            out[0], out[1], out[2], codes[:size], rule.settings, raw[:size], stretch[:size]
        )
        np.tanh(stretch[:size], out=stretch[:size])
        kernels.score_place(
            raw[:size],
            stretch[:size],
            codes[:size],
            rule.settings,
            rule.bounds,
            positions[start:stop],
            zones[start:stop],
        )


def numpy_positions(values: FloatArray, config: ModelConfig) -> FloatArray:
    """:func:`score_positions` in numpy, whatever the batch's size."""
    position = np.empty(values.shape[0])
    weights = weight_vector(config)
    settings, groups = Settings.of(config), reach_groups(weights)
    for block in _blocks(values.shape[0], _BLOCK_CELLS):
        terms = _terms(values[block], weights[np.newaxis, :], settings, groups, strands_apart=False)
        position[block] = terms.position[:, 0]
    return position


def score_matrix(
    values: FloatArray, config: ModelConfig
) -> tuple[FloatArray, FloatArray, IntArray, BoolArray]:
    """Positions (P), contributions (P × F), reach codes (P) and held flags (P)."""
    position = np.empty(values.shape[0])
    contributions = np.empty(values.shape)
    codes = np.empty(values.shape[0], dtype=np.int8)
    held = np.empty(values.shape[0], dtype=bool)
    weights = weight_vector(config)
    settings, groups = Settings.of(config), reach_groups(weights)
    for block in _blocks(values.shape[0], _BLOCK_CELLS):
        block_values = values[block]
        terms = _terms(block_values, weights[np.newaxis, :], settings, groups)
        position[block] = terms.position[:, 0]
        codes[block] = terms.codes[:, 0]
        held[block] = _held(terms.raw[:, 0], codes[block], settings.edges)
        _contributions(block_values, terms, weights, config, out=contributions[block])
    return position, contributions, codes, held


def sample_positions(
    values: FloatArray, weights: FloatArray, settings: Settings, config: ModelConfig
) -> FloatArray:
    """Positions (P × N) for N parameter sets (weights N × F and ``settings``) in one batched
    run; which factors are switched off (weight 0) follows ``config``."""
    personas, samples = values.shape[0], weights.shape[0]
    positions = np.empty((personas, samples))
    groups = reach_groups(weight_vector(config))
    for block in _blocks(samples, max(1, _BLOCK_CELLS // max(1, personas))):
        terms = _terms(values, weights[block], settings.rows(block), groups, strands_apart=False)
        positions[:, block] = terms.position
    return positions


def sample_order_statistics(
    values: FloatArray,
    weights: FloatArray,
    capital_lack: FloatArray,
    config: ModelConfig,
    ranks: npt.NDArray[np.intp],
) -> tuple[FloatArray, npt.NDArray[np.int64]]:
    """What a Monte Carlo run needs of each persona's N sampled positions, without holding
    them: the order statistics at ``ranks`` (P × R, ranks ascending, from 0) and how many
    samples reach each boundary (P × 4). ``weights`` (N × F) and ``capital_lack`` (N) are the
    draws; every other setting is the configuration's.

    Runs the fused loops (:func:`model.kernels.order_statistics`): one BLAS product per block of
    personas gives every sample's sums, numpy the exponentials, and one pass per persona counts
    and selects. A persona's reach does not depend on the weights, so compression and floor are
    one increasing map over all its samples: statistics and counts are taken on the unbounded
    positions and mapped after, which is exact (the same values as sorting the positions).
    """
    from model import kernels  # numba: loaded only for runs big enough to need it

    values = np.ascontiguousarray(values, dtype=np.float64)
    cols = factor_columns()
    personas, (samples, width) = values.shape[0], weights.shape
    stacked = np.zeros((3 * samples, width))
    scale = capital_lack[:, np.newaxis] / weights[:, cols.capital].sum(axis=1)[:, np.newaxis]
    stacked[:samples, cols.capital] = weights[:, cols.capital] * scale
    # Negated: the product gives −(h + s) and −k, ready for np.exp.
    np.negative(weights[:, cols.hardship], out=stacked[samples : 2 * samples, cols.hardship])
    np.negative(weights[:, cols.struggle], out=stacked[samples : 2 * samples, cols.struggle])
    np.negative(weights[:, cols.control], out=stacked[2 * samples :, cols.control])
    products = np.ascontiguousarray(stacked.T)

    settings = Settings.of(config)
    maxima = np.zeros((3, personas))
    for index, group in enumerate(reach_groups(weight_vector(config))):
        if group:
            np.max(values[:, list(group)], axis=1, out=maxima[index])
    codes = _codes(maxima, settings)[0]
    by_code = _by_code(settings.edges)
    knee, room, floor = (x[0][codes] for x in (by_code[0], by_code[1], by_code[3]))
    bounds = np.array(config.boundaries.as_tuple())
    # Boundaries at or below the knee are counted on the unbounded positions; a compressed
    # position never reaches the ones above it, and a decisive one (floored at the last
    # boundary) reaches them all.
    counted = np.searchsorted(bounds, knee, side="right").astype(np.int64)
    decisive = codes == 3
    counted[decisive] = 0
    at_or_above = np.zeros((personas, len(bounds)), dtype=np.int64)
    at_or_above[decisive] = samples
    stats = np.empty((personas, len(ranks)))

    rows = max(1, min(personas, _BLOCK_CELLS * 32 // (3 * samples)))
    sums = np.empty((rows, 3 * samples))
    for start in range(0, personas, rows):
        stop = min(personas, start + rows)
        block = sums[: stop - start]
        np.matmul(values[start:stop], products, out=block)
        np.exp(block[:, samples:], out=block[:, samples:])
        kernels.order_statistics(
            block,
            samples,
            capital_lack,
            config.scoring.circumstance_ceiling,
            counted[start:stop],
            bounds,
            ranks,
            stats[start:stop],
            at_or_above[start:stop],
        )
    placed = np.empty_like(stats)
    _compress(stats, knee[:, np.newaxis], room[:, np.newaxis], out=placed)
    np.maximum(placed, floor[:, np.newaxis], out=placed)
    return placed, at_or_above
