"""Model benchmark: the engine beside bare numpy baselines over the same data, in one run.

Every figure is printed beside a baseline measured in the same process on the same matrix, and
judged by the ratio, so a busy machine slows both sides alike; the machine's load average is
printed with them. Run from the repository root:

    python benchmarks/bench_model.py            # the full run (the figures in RESULTS.md)
    python benchmarks/bench_model.py --quick    # a smoke run with small sizes (CI)
    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_model.py   # BLAS on one core

Cases (targets from the project's issues 2 and 13, for a 2-core machine):

* scoring 1,000,000 synthetic personas (positions and zones) within 2x of the bare matrix
  product ``values @ weights``, or else within 1.2x of the floor kernel beside it: the work no
  arrangement of this rule avoids with numpy and BLAS (the blocked product giving the three
  weighted sums, each row read once, and numpy's two exponentials and its tangent, one each a
  persona), with nothing of the rule's own arithmetic, reach or zones;
* the same with every factor's contribution, beside that product and beside a bare
  elementwise product that writes a matrix of the same size (writing the contributions is
  memory-bound, and the second baseline shows how much of the time that alone is);
* Monte Carlo, 10,000 weight samples over 1,000 personas, within 0.1 s, beside the bare
  product ``values @ weights.T`` that gives every persona × sample sum, and the accuracy kept:
  its intervals and zone probabilities against those of the numpy path, which holds every
  sampled position in float64 and takes ``np.quantile`` (exact);
* the vectorized ``assess`` (with its result objects) beside the rule written one persona at a
  time, which is what the engine replaces.

Big batches run the engine's fused loops (numba, ``model/kernels.py``); the first call in a
process loads them, which is timed apart and left out of the figures. They score on one thread
per core, and BLAS's product uses every core as OpenBLAS chooses; with ``OPENBLAS_NUM_THREADS``
set, the engine scores on that many threads too, so like is compared with like. Each scoring
call is timed after a rest (:data:`REST`), so no call pays for the spinning BLAS threads the
previous one left behind; the same ratio back to back is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

import numpy as np

from model import default_config, load_personas, montecarlo, reference_position, simulate
from model.config import ModelConfig
from model.engine import (
    FUSED_CELLS,
    FUSED_PERSONAS,
    factor_columns,
    fused_positions,
    fused_threads,
    numpy_positions,
    positions_and_zones,
)
from model.montecarlo import draw_weights
from model.personas import Persona
from model.scoring import (
    FloatArray,
    assess,
    score_matrix,
    values_matrix,
    weight_vector,
)

ROOT = Path(__file__).resolve().parents[1]


def timed(fn: Callable[[], object], repeats: int) -> float:
    """Median of ``repeats`` timings in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass(frozen=True)
class Timing:
    """Engine and baseline over the same repeats: medians and bests (seconds)."""

    engine: float
    baseline: float
    engine_best: float
    baseline_best: float

    @property
    def ratio(self) -> float:
        """Best against best: other load only ever adds time, so the bests are the figures
        least disturbed by it (the medians are printed beside them)."""
        return self.engine_best / self.baseline_best


REST = 0.25
"""Seconds of rest before each timed scoring call, engine and baseline alike. OpenBLAS's
worker threads spin for about 0.1 s after a product before they sleep: scoring 1,000,000
personas took 14 ms (best of 12) when it began up to 0.05 s after a product, 11 ms at 0.1 s,
and 7.6-8.0 ms at 0.15, 0.25 and 0.5 s. Without the rest, the call after a baseline would pay
for the baseline's threads."""


def side_by_side(
    engine: Callable[[], object],
    baseline: Callable[[], object],
    repeats: int,
    rest: float = 0.0,
) -> Timing:
    """Engine and baseline timed in alternation, so drift in the machine's load hits both;
    each after ``rest`` seconds idle, if given."""
    engine_times, baseline_times = [], []
    engine()
    baseline()
    for _ in range(repeats):
        time.sleep(rest)
        engine_times.append(timed(engine, 1))
        time.sleep(rest)
        baseline_times.append(timed(baseline, 1))
    return Timing(
        statistics.median(engine_times),
        statistics.median(baseline_times),
        min(engine_times),
        min(baseline_times),
    )


def synthetic_values(size: int, seed: int = 7) -> FloatArray:
    """``size`` synthetic personas as a values matrix: bundled personas, jittered and clipped.

    Built straight as a matrix (a million validated persona objects would measure pydantic, not
    the engine); the mix of situations follows the bundled library's.
    """
    bundled = values_matrix(load_personas([ROOT / "personas"]).personas)
    rng = np.random.default_rng(seed)
    values = bundled[rng.integers(0, len(bundled), size)]
    values += rng.normal(0.0, 0.08, values.shape)
    return np.clip(values, 0.0, 1.0, out=values)


def synthetic_personas(size: int) -> list[Persona]:
    """``size`` persona objects: the bundled ones with jittered factors and new ids."""
    bundled = load_personas([ROOT / "personas"]).personas
    values = synthetic_values(size)
    ids = list(bundled[0].factor_values())
    people = []
    for i in range(size):
        base = bundled[i % len(bundled)]
        factors = type(base.factors)(**dict(zip(ids, values[i].tolist(), strict=True)))
        people.append(base.model_copy(update={"id": f"b{i}", "factors": factors}))
    return people


def row(case: str, timing: Timing, note: str = "") -> None:
    print(
        f"{case:58} {timing.engine * 1e3:9.1f} ms {timing.baseline * 1e3:9.1f} ms "
        f"{timing.engine / timing.baseline:7.2f}x {timing.ratio:7.2f}x  {note}"
    )


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def floor_kernel(values: FloatArray, config: ModelConfig, block: int = 1 << 15) -> None:
    """What no arrangement of the rule avoids with numpy and BLAS, and nothing more: per block,
    the product giving the three weighted sums (each row read once), the two exponentials and
    the tangent. No reach, no clipping or combining, no compression, no zones, no output."""
    cols = factor_columns()
    weights = weight_vector(config)
    products = np.zeros((3, len(weights)))
    products[0, cols.capital] = weights[cols.capital]
    products[1, cols.hardship] = -weights[cols.hardship]
    products[1, cols.struggle] = -weights[cols.struggle]
    products[2, cols.control] = -weights[cols.control]
    sums = np.empty((3, block))
    for start in range(0, len(values), block):
        rows = values[start : start + block]
        out = sums[:, : len(rows)]
        np.matmul(products, rows.T, out=out)
        np.exp(out[1:], out=out[1:])
        np.tanh(out[0], out=out[0])


def bench_scoring(size: int, config: ModelConfig, repeats: int, judge: bool, threads: int) -> None:
    values = synthetic_values(size)
    weights = weight_vector(config)
    boundaries = config.boundaries

    def engine() -> object:
        return fused_positions(values, config, threads=threads)

    start = time.perf_counter()
    positions_and_zones(values[:FUSED_PERSONAS], config)
    print(
        f"(first fused call in this process, numba loading its loops: "
        f"{time.perf_counter() - start:.2f} s, left out below)"
    )
    timing = side_by_side(engine, lambda: values @ weights, repeats, REST)
    verdict = "target <= 2x: " + ("met" if timing.ratio <= 2 else "NOT met") if judge else ""
    row(f"score {size:,} personas: positions, zones / values @ w", timing, verdict)
    timing = side_by_side(engine, lambda: floor_kernel(values, config), repeats, REST)
    verdict = "or <= 1.2x: " + ("met" if timing.ratio <= 1.2 else "NOT met") if judge else ""
    row(f"score {size:,} personas: positions, zones / floor kernel", timing, verdict)
    timing = side_by_side(engine, lambda: values @ weights, repeats)
    row("  (the same back to back, BLAS threads still spinning)", timing)
    if threads > 1:
        timing = side_by_side(
            lambda: fused_positions(values, config, threads=1),
            lambda: values @ weights,
            repeats,
            REST,
        )
        row("  (the engine on one thread) / values @ w", timing)
    timing = side_by_side(
        lambda: boundaries.zone_indices(numpy_positions(values, config)),
        lambda: values @ weights,
        max(1, repeats // 3),
        REST,
    )
    row(f"  (numpy path, used below {FUSED_PERSONAS:,}) / values @ w", timing)

    timing = side_by_side(lambda: score_matrix(values, config), lambda: values @ weights, repeats)
    row(f"score {size:,} with contributions / values @ w", timing)
    out = np.empty_like(values)
    timing = side_by_side(
        lambda: score_matrix(values, config),
        lambda: np.multiply(values, weights, out=np.empty_like(out)),
        repeats,
    )
    row(f"score {size:,} with contributions / values * w (P x F)", timing)


def bench_monte_carlo(
    people: int, samples: int, config: ModelConfig, repeats: int, judge: bool
) -> None:
    personas = synthetic_personas(people)
    values = values_matrix(personas)
    weights, _ = draw_weights(config, samples, seed=0)
    fused_path = people * samples >= FUSED_CELLS

    timing = side_by_side(
        lambda: simulate(personas, config, samples=samples, seed=0),
        lambda: values @ weights.T,
        repeats,
    )
    verdict = (
        f"target <= 0.1 s: {'met' if timing.engine_best <= 0.1 else 'NOT met'} "
        f"(best {timing.engine_best * 1e3:.0f} ms)"
        if judge
        else ""
    )
    row(f"Monte Carlo {samples:,} samples x {people:,} / values @ W.T", timing, verdict)
    # The accuracy kept: against the numpy path (every position held, np.quantile).
    with _numpy_monte_carlo():
        plain = simulate(personas, config, samples=samples, seed=0)
        timing = side_by_side(
            lambda: simulate(personas, config, samples=samples, seed=0),
            lambda: values @ weights.T,
            max(1, repeats // 3),
        )
    row("  (numpy path, exact np.quantile) / values @ W.T", timing)
    fast = simulate(personas, config, samples=samples, seed=0)
    worst = max(
        abs(getattr(a, end) - getattr(b, end))
        for a, b in zip(fast, plain, strict=True)
        for end in ("low", "median", "high")
    )
    differing = sum(
        a.zone_probabilities != b.zone_probabilities for a, b in zip(fast, plain, strict=True)
    )
    path = "fused" if fused_path else "numpy"
    print(
        f"  accuracy ({path} path against the exact float64 np.quantile): largest difference "
        f"in an interval end or median {worst:.1e}; zone probabilities differing for "
        f"{differing} of {people:,} personas"
    )


def _numpy_monte_carlo() -> AbstractContextManager[object]:
    """Monte Carlo through the numpy path whatever the run's size."""
    return patch.object(montecarlo, "FUSED_CELLS", 1 << 62)


def bench_reference(size: int, config: ModelConfig, repeats: int) -> None:
    personas = synthetic_personas(size)
    rows = [p.factor_values() for p in personas]
    timing = side_by_side(
        lambda: assess(personas, config),
        lambda: [reference_position(values, config) for values in rows],
        repeats,
    )
    row(f"assess {size:,} (result objects) / rule one at a time", timing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (CI)")
    args = parser.parse_args()
    config = default_config()
    repeats = 3 if args.quick else 15

    blas = os.environ.get("OPENBLAS_NUM_THREADS")
    # Like with like: the engine scores on as many threads as BLAS may use.
    threads = int(blas) if blas else fused_threads()
    print(
        f"numpy {np.__version__}, BLAS threads: {blas or 'as OpenBLAS chooses'}; "
        f"engine's scoring threads: {threads}; {load()}\n"
        "times are medians of interleaved runs; ratios: of the medians, then of the best runs\n"
        "(engine time / baseline time, lower is better; targets are judged on the best runs)\n"
    )
    print(f"{'case / baseline':58} {'engine':>12} {'baseline':>12} {'median':>8} {'best':>8}")
    # Targets are judged only at the sizes they were set for.
    judge = not args.quick
    # Quick sizes stay just above the fused loops' thresholds, so CI runs them too.
    bench_scoring(200_000 if args.quick else 1_000_000, config, repeats, judge, threads)
    people, samples = (200, 10_000) if args.quick else (1_000, 10_000)
    bench_monte_carlo(people, samples, config, repeats, judge)
    bench_reference(200 if args.quick else 2_000, config, max(1, repeats // 3))
    print(f"\n{load()}")


if __name__ == "__main__":
    main()
