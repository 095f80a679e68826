"""Fused loops for the engine's two big jobs, compiled with numba: scoring many personas in one
pass, and a Monte Carlo run's order statistics and zone counts without sorting.

Only :mod:`model.engine` calls these, and only for big batches (see its ``_FUSED_*`` sizes):
importing numba and loading the compiled loops costs about a second the first time in a process,
which a dashboard page or a small command-line run should not pay. Small batches run the same
rule in numpy, and the tests hold the two paths to each other (``tests/model/test_fused.py``).

What stays in numpy: the exponentials and the hyperbolic tangent. numpy evaluates them with
SIMD (about 0.5 ns a value on this project's machine), numba's scalar library calls take 3-10 ns,
so each fused pass stops where an exponential is needed, numpy fills the block, and the next pass
goes on. Nothing here contracts ``a * b + c`` into a fused multiply-add (numba's default), so the
arithmetic is the numpy path's, operation for operation; only the weighted sums may differ in
their last bit (their summation order), as BLAS's already do between batch sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
CountArray = npt.NDArray[np.int64]
IndexArray = npt.NDArray[np.intp]
CodeArray = npt.NDArray[np.int8]
ByteArray = npt.NDArray[np.uint8]

_F = TypeVar("_F", bound=Callable[..., Any])


def _jit(function: _F) -> _F:
    """Compile lazily (at the first call), caching the machine code beside this file when that
    folder is writable, in numba's per-user cache otherwise, and not at all when neither is.

    numpy's error model (a division by zero gives inf, as in numpy) rather than Python's (which
    checks every division and raises): without the checks the loops vectorize."""
    try:
        compiled = numba.njit(cache=True, nogil=True, error_model="numpy")(function)
    except RuntimeError:  # no cache location (numba raises when it finds none)
        compiled = numba.njit(nogil=True, error_model="numpy")(function)
    return cast(_F, compiled)


GRID = 4096
"""Bins of the first counting pass over [0, 1] in :func:`order_statistics`."""
_SUB_GRID = 256
_SORT_BELOW = 48
_MAX_LEVELS = 8


# ---------------------------------------------------------------- scoring


@_jit
def sums_and_reach(
    values: FloatArray,
    products: FloatArray,
    opens: FloatArray,
    bits: ByteArray,
    sums: FloatArray,
    codes: CodeArray,
) -> None:
    """One pass over a block of personas (rows of ``values``): the three weighted sums (rows of
    ``products``, one per sum) into ``sums``, and each persona's reach code into ``codes``.

    Eight personas at a time: their sums, then their reach, eight to one 64-bit word, a byte
    each. For every column, the eight comparisons with what opens it (``opens``, infinite for
    a column that opens nothing) become one word of 0/1 bytes, multiplied by its group's bit
    (``bits``: 1 hardship, 2 struggle, 4 decisive, 0 none) and OR-ed in. The word's bytes then
    hold each persona's open groups, turned into codes byte by byte with no carry between
    bytes: no loop over a persona's factors, no jumps. The eight rows are still in the first
    cache level when the reach reads them again, so each row comes from memory once.

    The sums are plain loops, not BLAS: on two cores two of these loops read memory faster
    than OpenBLAS's product on two threads does, and they leave no BLAS thread spinning beside
    the rest of the work (measured: ``benchmarks/RESULTS.md``). They add in column order, so
    they may differ from BLAS's sums in the last bit, as BLAS's own do between batch sizes.

    Codes: 0 neither strand, 1 hardship, 2 both strands, 3 force or manipulation at or above
    the decisive threshold. (Bytes in a word follow memory order: little-endian, as numba's
    platforms are.)
    """
    rows, width = values.shape
    whole = rows // 8 * 8
    packed = codes[:whole].view(np.uint64)
    ones = np.uint64(0x0101010101010101)
    threes = ones * np.uint64(3)
    first, second, third = products[0], products[1], products[2]
    for q in range(whole // 8):
        base = q * 8
        for p in range(base, base + 8):
            # Three chains of additions, which the processor overlaps across rows.
            a = b = c = 0.0
            for j in range(width):
                value = values[p, j]
                a += value * first[j]
                b += value * second[j]
                c += value * third[j]
            sums[0, p] = a
            sums[1, p] = b
            sums[2, p] = c
        groups = np.uint64(0)
        for j in range(width):
            threshold = opens[j]
            word = np.uint64(0)
            for r in range(8):
                word |= np.uint64(values[base + r, j] >= threshold) << np.uint64(8 * r)
            groups |= word * np.uint64(bits[j])
        hardship = groups & ones
        both = hardship & (groups >> np.uint64(1))
        decisive = (groups >> np.uint64(2)) & ones
        code = hardship + both
        lifted = (decisive << np.uint64(8)) - decisive  # 0xFF in each decisive byte
        packed[q] = (code & ~lifted) | (threes & lifted)
    for p in range(whole, rows):  # the last few, one at a time
        a = b = c = 0.0
        open_ = 0
        for j in range(width):
            value = values[p, j]
            a += value * first[j]
            b += value * second[j]
            c += value * third[j]
            if value >= opens[j]:
                open_ |= bits[j]
        sums[0, p] = a
        sums[1, p] = b
        sums[2, p] = c
        strand = open_ & 1
        codes[p] = 3 if open_ & 4 else strand + (strand & (open_ >> 1))


@_jit
def score_raw(
    capital: FloatArray,
    strands_free: FloatArray,
    control_free: FloatArray,
    codes: CodeArray,
    settings: FloatArray,
    raw: FloatArray,
    stretch: FloatArray,
) -> None:
    """After the sums (``capital`` = λ·A) and numpy's exponentials (``strands_free`` =
    exp(−(h + s)), ``control_free`` = exp(−k)): the unbounded position ``raw`` and, for the
    compression, ``(raw − knee)/room`` by reach code into ``stretch`` (for ``np.tanh``).

    ``1 − raw = (1 − K)·((1 − L)(1 − H)(1 − S)·m + (1 − m))`` with ``1 − L = clip(λ·A, 0, λ) +
    (1 − λ)``, in the numpy path's order. ``settings`` = (λ, m, knee by code ×4, room by code
    ×4). Selects, not lookups or jumps, so the loop runs vectorized.
    """
    lack, ceiling = settings[0], settings[1]
    k0, k1, k2, k3 = settings[2], settings[3], settings[4], settings[5]
    r0, r1, r2, r3 = settings[6], settings[7], settings[8], settings[9]
    free_lack = 1.0 - lack
    keep = 1.0 - ceiling
    for p in range(raw.size):
        code = codes[p]
        kept = capital[p]
        kept = 0.0 if kept < 0.0 else kept
        kept = lack if kept > lack else kept
        free = (kept + free_lack) * strands_free[p]
        free *= ceiling
        free += keep
        free *= control_free[p]
        position = 1.0 - free
        raw[p] = position
        knee = k3 if code == 3 else (k2 if code == 2 else (k1 if code == 1 else k0))
        room = r3 if code == 3 else (r2 if code == 2 else (r1 if code == 1 else r0))
        stretch[p] = (position - knee) / room


@_jit
def score_place(
    raw: FloatArray,
    tanh: FloatArray,
    codes: CodeArray,
    settings: FloatArray,
    bounds: FloatArray,
    positions: FloatArray,
    zones: CodeArray,
) -> None:
    """Last pass, after ``np.tanh`` of the stretch: compress above the knee, floor at coercion
    for a decisive reach, and count the boundaries at or below each position (its zone).
    ``settings`` as for :func:`score_raw`, then the coercion floor. Selects, not jumps: half
    the positions may be compressed, and a mispredicted jump costs more than the arithmetic."""
    k0, k1, k2, k3 = settings[2], settings[3], settings[4], settings[5]
    r0, r1, r2, r3 = settings[6], settings[7], settings[8], settings[9]
    floor = settings[10]
    b0, b1, b2, b3 = bounds[0], bounds[1], bounds[2], bounds[3]
    for p in range(raw.size):
        code = codes[p]
        knee = k3 if code == 3 else (k2 if code == 2 else (k1 if code == 1 else k0))
        room = r3 if code == 3 else (r2 if code == 2 else (r1 if code == 1 else r0))
        position = raw[p]
        compressed = knee + room * tanh[p]
        position = compressed if position > knee else position
        position = floor if (code == 3) & (floor > position) else position
        positions[p] = position
        zones[p] = (
            np.int8(position >= b0)
            + np.int8(position >= b1)
            + np.int8(position >= b2)
            + np.int8(position >= b3)
        )


# ---------------------------------------------------------------- Monte Carlo


@_jit
def _select(values: FloatArray, size: int, rank: int) -> float:
    """The ``rank``-th smallest (from 0) of ``values[:size]``, reordering ``values``.

    Counting, not sorting: a histogram over the values' own span finds the bin holding the
    rank, and the search goes on among that bin's values alone. The smallest value falls in the
    first bin and the largest in the last, so every level leaves fewer values; equal values end
    it at once. A few values, or a span too narrow to divide, are sorted instead.
    """
    hist = np.zeros(_SUB_GRID, dtype=np.int64)
    for _ in range(_MAX_LEVELS):
        if size <= _SORT_BELOW:
            break
        low = values[0]
        high = values[0]
        for i in range(size):
            low = min(low, values[i])
            high = max(high, values[i])
        if low == high:
            return low  # type: ignore[no-any-return]
        scale = _SUB_GRID / (high - low)
        if not scale < np.inf:
            break
        hist[:] = 0
        for i in range(size):
            hist[min(int((values[i] - low) * scale), _SUB_GRID - 1)] += 1
        below = 0
        bin_ = 0
        while below + hist[bin_] <= rank:
            below += hist[bin_]
            bin_ += 1
        kept = 0
        for i in range(size):
            value = values[i]
            if min(int((value - low) * scale), _SUB_GRID - 1) == bin_:
                values[kept] = value
                kept += 1
        size = kept
        rank -= below
    return np.sort(values[:size])[rank]  # type: ignore[no-any-return]


@_jit
def order_statistics(
    sums: FloatArray,
    samples: int,
    lack: FloatArray,
    ceiling: float,
    counted: CountArray,
    bounds: FloatArray,
    ranks: CountArray,
    stats: FloatArray,
    at_or_above: CountArray,
) -> None:
    """For each persona (row of ``sums``: 1 − L's unclipped sum, then exp(−(h + s)), then
    exp(−k), ``samples`` each), the unbounded positions of every sample, their order
    statistics at ``ranks`` (ascending) into ``stats``, and how many reach each of the first
    ``counted[p]`` of ``bounds`` into ``at_or_above``.

    The caller turns order statistics of the unbounded positions into those of the positions:
    compression and floor are the same increasing map for every sample of a persona (its reach
    does not depend on the weights), so they keep the order. For the same reason the zone
    counts compare unbounded positions with the boundaries the compression cannot move (those
    at or below its knee); the caller fills in the rest.

    Order statistics without a sort: one counting pass on a grid of :data:`GRID` bins over
    [0, 1] finds the bin holding each rank, one more pass gathers those bins' values, and
    :func:`_select` finishes among them. Exact, not an approximation: the statistic is the
    value itself.
    """
    count = ranks.size
    raw = np.empty(samples)
    hist = np.empty(GRID, dtype=np.int64)
    slot = np.full(GRID, -1, dtype=np.int64)
    gathered = np.empty(samples)
    target = np.empty(count, dtype=np.int64)
    below = np.empty(count, dtype=np.int64)
    start = np.empty(count, dtype=np.int64)
    fill = np.empty(count, dtype=np.int64)
    keep = 1.0 - ceiling
    for p in range(sums.shape[0]):
        row = sums[p]
        for n in range(samples):
            share = lack[n]
            kept = row[n]
            kept = 0.0 if kept < 0.0 else kept
            kept = share if kept > share else kept
            free = (kept + (1.0 - share)) * row[samples + n]
            free *= ceiling
            free += keep
            free *= row[2 * samples + n]
            raw[n] = 1.0 - free
        for b in range(counted[p]):
            bound = bounds[b]
            reached = 0
            for n in range(samples):
                reached += raw[n] >= bound
            at_or_above[p, b] = reached
        hist[:] = 0
        for n in range(samples):
            hist[min(max(int(raw[n] * GRID), 0), GRID - 1)] += 1
        seen = 0
        bin_ = 0
        for j in range(count):
            while seen + hist[bin_] <= ranks[j]:
                seen += hist[bin_]
                bin_ += 1
            target[j] = bin_
            below[j] = seen
        used = 0
        for j in range(count):
            if j == 0 or target[j] != target[j - 1]:
                slot[target[j]] = j
                start[j] = used
                fill[j] = 0
                used += hist[target[j]]
            else:
                start[j] = start[j - 1]
        for n in range(samples):
            value = raw[n]
            s = slot[min(max(int(value * GRID), 0), GRID - 1)]
            if s >= 0:
                gathered[start[s] + fill[s]] = value
                fill[s] += 1
        for j in range(count):
            size = hist[target[j]]
            segment = gathered[start[j] : start[j] + size]
            alone = (j == 0 or target[j - 1] != target[j]) and (
                j + 1 == count or target[j + 1] != target[j]
            )
            stats[p, j] = _select(segment if alone else segment.copy(), size, ranks[j] - below[j])
        for j in range(count):
            slot[target[j]] = -1
