"""Model benchmark: the vectorized engine against plain per-persona baselines, side by side.

Prints ratios (baseline time / engine time), measured in one process on the same inputs, so a
noisy machine slows both sides alike. Run from the repository root:

    python benchmarks/bench_model.py            # full run
    python benchmarks/bench_model.py --quick    # a smoke run (CI)
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from model import default_config, load_personas, reference_position, simulate
from model.montecarlo import draw_weights
from model.personas import Persona
from model.scoring import assess, score_matrix, values_matrix

ROOT = Path(__file__).resolve().parents[1]


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """Median of ``repeats`` timings, in seconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def population(size: int) -> list[Persona]:
    """``size`` personas: the bundled ones with their factor values jittered, ids renumbered."""
    bundled = load_personas([ROOT / "personas"]).personas
    rng = np.random.default_rng(7)
    people = []
    for i in range(size):
        base = bundled[i % len(bundled)]
        values = {
            k: float(np.clip(v + rng.normal(0, 0.05), 0, 1))
            for k, v in base.factor_values().items()
        }
        people.append(
            base.model_copy(update={"id": f"b{i}", "factors": type(base.factors)(**values)})
        )
    return people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    args = parser.parse_args()
    repeats = 3 if args.quick else 15
    sizes = (15, 200) if args.quick else (15, 200, 2000)
    samples = 200 if args.quick else 1000
    config = default_config()

    print(f"{'case':46} {'engine':>10} {'baseline':>10} {'ratio':>8}")
    for size in sizes:
        people = population(size)
        values = values_matrix(people)
        rows = [p.factor_values() for p in people]
        core = best_of(lambda values=values: score_matrix(values, config), repeats)
        full = best_of(lambda people=people: assess(people, config), repeats)
        baseline = best_of(
            lambda rows=rows: [reference_position(row, config) for row in rows], repeats
        )
        print(
            f"{f'score_matrix {size} personas vs per-persona rule':46} {core * 1e3:8.2f}ms "
            f"{baseline * 1e3:8.2f}ms {baseline / core:7.1f}x"
        )
        print(
            f"{f'assess (with Assessment objects) {size}':46} {full * 1e3:8.2f}ms "
            f"{baseline * 1e3:8.2f}ms {baseline / full:7.1f}x"
        )

    people = population(15)
    weights, lack = draw_weights(config, samples, seed=0)
    engine = best_of(lambda: simulate(people, config, samples=samples, seed=0), repeats)

    def per_sample() -> None:
        # Baseline: one full assessment per weight sample, as a loop over configurations.
        for row in range(samples):
            sampled = config.model_copy(deep=True)
            for col, factor_id in enumerate(sampled.weights):
                sampled.weights[factor_id].weight = float(weights[row, col])
            sampled.scoring.capital_lack.weight = float(lack[row])
            assess(people, sampled)

    baseline = best_of(per_sample, max(1, repeats // 5))
    print(
        f"{f'Monte Carlo {samples} samples x 15 vs per-sample loop':46} {engine * 1e3:8.2f}ms "
        f"{baseline * 1e3:8.2f}ms {baseline / engine:7.1f}x"
    )
    print("\nratio = baseline time / engine time, same process, same inputs (higher is better).")


if __name__ == "__main__":
    main()
