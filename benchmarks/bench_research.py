"""Researcher's workbench benchmark: sensitivity and comparison beside their engine floors.

Run from the repository root:

    python benchmarks/bench_research.py            # the full run (figures in RESULTS.md)
    python benchmarks/bench_research.py --quick    # a smoke run (CI)

Cases (targets from the workbench issue, for a 2-core machine):

* Sobol with 1,024 base samples over every parameter for the bundled personas: the model's
  evaluation of the sample matrix (building every parameter set and scoring it,
  ``model.sensitivity.evaluate``) within 1.5x of the bare engine call on arrays built
  beforehand (``model.scoring.sample_positions``), and the whole analysis (SALib's sampling,
  the evaluation, SALib's estimators with their bootstrap intervals) under 2 s. SALib's own
  share is printed apart: it is the library's, not the engine's.
* ``compare`` of two configurations for 10,000 personas, under 0.5 s.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from bench_model import timed  # the same timer as the model benchmark, beside this script

from model import Persona, default_config, load_personas
from model.compare import compare
from model.scoring import sample_positions
from model.sensitivity import analyse, evaluate, parameter_arrays, parameters

ROOT = Path(__file__).resolve().parents[1]


def synthetic(count: int, seed: int = 1) -> list[Persona]:
    """``count`` personas cloned from the bundled ones with jittered values (grounded whys kept
    by keeping every value that needs one at least as large as it was)."""
    bundled = load_personas([ROOT / "personas"]).personas
    rng = np.random.default_rng(seed)
    made = []
    for i in range(count):
        source = bundled[i % len(bundled)]
        data = source.model_dump()
        data["id"] = f"s-{i}"
        for fid, value in data["factors"].items():
            if value >= 0.2:
                data["factors"][fid] = float(min(1.0, value + rng.uniform(0, 0.1)))
        made.append(Persona.model_validate(data))
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 1 if args.quick else 5
    config = default_config()
    personas = load_personas([ROOT / "personas"]).personas
    base = 64 if args.quick else 1024

    from SALib.sample import sobol as sobol_sample

    params = parameters(config)
    problem = {
        "num_vars": len(params),
        "names": [p.name for p in params],
        "bounds": [[p.low, p.high] for p in params],
    }
    sets = sobol_sample.sample(problem, base, calc_second_order=False, seed=0)
    names = [p.name for p in params]
    values, weights, settings = parameter_arrays(personas, config, sets, names)
    whole = timed(lambda: analyse(personas, config, samples=base, seed=0), repeats)
    ours = timed(lambda: evaluate(personas, config, sets, names), repeats)
    floor = timed(lambda: sample_positions(values, weights, settings, config), repeats)
    sampling = timed(
        lambda: sobol_sample.sample(problem, base, calc_second_order=False, seed=0), repeats
    )
    print(f"{len(sets):,} parameter sets x {len(personas)} personas, {len(params)} parameters")
    print(f"{'case':58} {'time':>10} {'floor':>10} {'ratio':>7}")
    verdict = "met" if ours / floor <= 1.5 else "NOT met"
    print(
        f"{'Sobol sets evaluated / bare engine call on built arrays':58} {ours * 1e3:8.1f}ms "
        f"{floor * 1e3:8.1f}ms {ours / floor:6.2f}x  target <= 1.5x: {verdict}"
    )
    verdict = "met" if whole < 2 else "NOT met"
    print(
        f"{'whole Sobol analysis (SALib sampling + estimators)':58} {whole * 1e3:8.1f}ms "
        f"{'':>10} {'':>7}  target < 2 s: {verdict}"
    )
    print(f"{'  of which SALib sampling':58} {sampling * 1e3:8.1f}ms")
    count = 1000 if args.quick else 10_000
    many = synthetic(count)
    other = config.with_weight("poverty", 1.5)
    seconds = timed(lambda: compare(many, config, other), repeats)
    verdict = "met" if seconds < 0.5 else "NOT met"
    print(
        f"{f'compare two configurations, {count:,} personas':58} {seconds * 1e3:8.1f}ms"
        f"{'':>10} {'':>7}  target < 0.5 s: {verdict}"
    )


if __name__ == "__main__":
    main()
