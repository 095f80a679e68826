"""The ``spectrum`` command (also ``python -m model``).

Exit status: 0 when everything was valid, 1 when any input had a problem (each printed as
``path: item: field: message``), 2 for a usage error. Never a traceback. Text that reads like a
real case record is a warning, printed on stderr as ``path: item: field: warning: message``; it
never changes the exit status.

Every output carries the notice that this is never a screening or identification tool: the
first line of the score table and of every ``interventions`` listing, a field of the JSON
document and a column of the CSV. A persona's interventions come in the model's two layers
(:mod:`model.responses`): starting where they are, and protections whatever they say.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from model.compare import Comparison, compare
from model.config import ModelConfig, default_config, default_config_text, load_config
from model.explanation import NOTICE
from model.listing import everywhere_listing, persona_listing, zone_listing
from model.montecarlo import MAX_SAMPLES
from model.personas import PersonaSet, load_personas, persona_file_schema
from model.problems import InputError, Problem
from model.report import to_csv, to_json, to_table
from model.research_output import (
    comparison_csv,
    comparison_table,
    sensitivity_csv,
    sensitivity_json,
    sensitivity_table,
)
from model.results import Results
from model.score import ScoreDocument, score_document
from model.sensitivity import DEFAULT_BASE_SAMPLES, Method, analyse
from model.sensitivity import swings as sensitivity_swings
from model.spectrum import ZONES, parse_zone
from personas import bundled_path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _load(paths: Sequence[str] | None) -> PersonaSet:
    """The personas at ``paths``, or the bundled ones when none are given."""
    if paths:
        return load_personas(paths)
    with bundled_path() as folder:
        return load_personas([folder])


def _print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(problem, file=stream)


def _print_warnings(warnings: Sequence[Problem], stream: TextIO) -> None:
    """Warnings (text that reads like a case record) never change the exit status."""
    for warning in warnings:
        print(
            f"{warning.path}: {warning.item}: {warning.field}: warning: {warning.message}",
            file=stream,
        )


def _samples(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_SAMPLES:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_SAMPLES:,}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _config(path: str | None) -> ModelConfig:
    return default_config() if path is None else load_config(path)


def cmd_validate(args: argparse.Namespace) -> int:
    loaded = _load(args.paths)
    _print_problems(loaded.problems, sys.stdout)
    _print_warnings(loaded.warnings, sys.stderr)
    files = len(set(loaded.origins.values()))
    warned = f"; {len(loaded.warnings)} warnings" if loaded.warnings else ""
    if loaded.ok:
        print(f"valid: {len(loaded.personas)} personas in {files} files{warned}", file=sys.stderr)
        return EXIT_OK
    print(
        f"{len(loaded.problems)} problems; {len(loaded.personas)} personas valid{warned}",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS


def _inputs(args: argparse.Namespace) -> tuple[ModelConfig, PersonaSet] | None:
    """The configuration and personas a command names, their problems printed; None when the
    configuration is refused (nothing can be computed without one)."""
    try:
        config = _config(args.config)
    except InputError as error:
        _print_problems(error.problems, sys.stderr)
        return None
    loaded = _load(args.paths)
    _print_problems(loaded.problems, sys.stderr)
    _print_warnings(loaded.warnings, sys.stderr)
    return config, loaded


def cmd_score(args: argparse.Namespace) -> int:
    inputs = _inputs(args)
    if inputs is None:
        return EXIT_PROBLEMS
    config, loaded = inputs
    seed = config.monte_carlo.seed if args.seed is None else args.seed
    results = Results.of(loaded.personas, config, samples=args.samples or 1, seed=seed)
    document = score_document(
        results, config_source=args.config or "default", monte_carlo=bool(args.samples)
    )
    render = {"table": to_table, "json": to_json, "csv": to_csv}[args.format]
    if loaded.personas or args.format != "table":
        sys.stdout.write(render(document))
    return EXIT_OK if loaded.ok else EXIT_PROBLEMS


def cmd_interventions(args: argparse.Namespace) -> int:
    target: str | None = args.target
    if target is None:
        lines = [line for zone in ZONES for line in zone_listing(zone)] + everywhere_listing()
    elif target.lower() == "everywhere":
        lines = everywhere_listing()
    elif target.lower() == "circumstance":
        lines = [line for zone in ZONES if zone.in_circumstance for line in zone_listing(zone)]
    else:
        try:
            zone = parse_zone(target)
        except ValueError:
            zone = None
        if zone is not None:
            lines = zone_listing(zone)
        else:
            try:
                config = _config(args.config)
            except InputError as error:
                _print_problems(error.problems, sys.stderr)
                return EXIT_PROBLEMS
            personas = _load([args.personas] if args.personas else None)
            if target not in personas.by_id():
                _print_problems(personas.problems, sys.stderr)
                known = ", ".join(z.value for z in ZONES)
                print(
                    f"spectrum: {target!r} is neither a zone ({known}), 'circumstance' "
                    f"(its three bands), 'everywhere', nor a persona id in "
                    f"{args.personas or 'the bundled personas'}",
                    file=sys.stderr,
                )
                return EXIT_PROBLEMS
            lines = persona_listing(personas.by_id()[target], config)
    sys.stdout.write("\n".join([NOTICE, "", *lines]).rstrip() + "\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    schemas: dict[str, Callable[[], dict[str, Any]]] = {
        "persona": persona_file_schema,
        "config": ModelConfig.model_json_schema,
        "score": ScoreDocument.model_json_schema,
    }
    schema = schemas[args.kind]()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    sys.stdout.write(default_config_text())
    return EXIT_OK


def _config_named(name: str) -> ModelConfig:
    """``default`` or a configuration file."""
    return default_config() if name == "default" else load_config(name)


def cmd_compare(args: argparse.Namespace) -> int:
    try:
        first, second = _config_named(args.a), _config_named(args.b)
    except InputError as error:
        _print_problems(error.problems, sys.stderr)
        return EXIT_PROBLEMS
    loaded = _load([args.personas] if args.personas else None)
    _print_problems(loaded.problems, sys.stderr)
    result = compare(
        loaded.personas,
        first,
        second,
        a_name=args.a,
        b_name=args.b,
        samples=args.samples or 0,
        seed=args.seed,
    )
    render: dict[str, Callable[[Comparison], str]] = {
        "table": comparison_table,
        "json": lambda c: c.model_dump_json(indent=2) + "\n",
        "csv": comparison_csv,
    }
    sys.stdout.write(render[args.format](result))
    return EXIT_OK if loaded.ok else EXIT_PROBLEMS


def cmd_sensitivity(args: argparse.Namespace) -> int:
    inputs = _inputs(args)
    if inputs is None:
        return EXIT_PROBLEMS
    config, loaded = inputs
    if not loaded.personas:
        return EXIT_PROBLEMS
    method = Method(args.method)
    samples = args.samples or (DEFAULT_BASE_SAMPLES if method is Method.SOBOL else 64)
    report = analyse(loaded.personas, config, method=method, samples=samples, seed=args.seed)
    swings = {p.id: sensitivity_swings(p, config) for p in loaded.personas}
    if args.format == "json":
        sys.stdout.write(sensitivity_json(report, swings))
    elif args.format == "csv":
        sys.stdout.write(sensitivity_csv(report))
    else:
        sys.stdout.write(sensitivity_table(report, swings))
    return EXIT_OK if loaded.ok else EXIT_PROBLEMS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spectrum",
        description=(
            "The choice–circumstance–coercion spectrum of commercial sex, from danah boyd's "
            "essays. A tool to think, teach and research with; never a screening or "
            "identification tool for real people."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check persona files and folders")
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="persona files or folders (default: the bundled)"
    )
    validate.set_defaults(run=cmd_validate)

    score = commands.add_parser("score", help="place personas on the spectrum")
    score.add_argument(
        "paths", nargs="*", metavar="PATH", help="persona files or folders (default: the bundled)"
    )
    score.add_argument("--config", metavar="FILE", help="a configuration file (default: shipped)")
    score.add_argument(
        "--samples", type=_samples, metavar="N", help="Monte Carlo samples over the weight ranges"
    )
    score.add_argument(
        "--seed", type=_seed, metavar="S", help="random seed (default: the configuration's, 0)"
    )
    score.add_argument("--format", choices=("table", "json", "csv"), default="table")
    score.set_defaults(run=cmd_score)

    interventions = commands.add_parser(
        "interventions", help="interventions and cautions for a zone or a persona"
    )
    interventions.add_argument(
        "target",
        nargs="?",
        metavar="ZONE|PERSONA-ID",
        help="a zone (choice, near_choice, economic, near_coercion, coercion), "
        "'circumstance' (its three bands), 'everywhere', or a persona id (both layers of "
        "response: starting where they are, and protections whatever they say); all zones "
        "when omitted",
    )
    interventions.add_argument(
        "--personas",
        default=None,
        metavar="PATH",
        help="where to find a persona by id (default: the bundled personas)",
    )
    interventions.add_argument("--config", metavar="FILE", help="a configuration file")
    interventions.set_defaults(run=cmd_interventions)

    comparing = commands.add_parser(
        "compare", help="every persona under two configurations, and what differs"
    )
    comparing.add_argument("a", metavar="A", help="a configuration file, or 'default'")
    comparing.add_argument("b", metavar="B", help="a configuration file, or 'default'")
    comparing.add_argument(
        "--personas", metavar="PATH", help="persona files (default: the bundled personas)"
    )
    comparing.add_argument(
        "--samples", type=_samples, metavar="N", help="add Monte Carlo intervals"
    )
    comparing.add_argument("--seed", type=_seed, default=0, metavar="S")
    comparing.add_argument("--format", choices=("table", "json", "csv"), default="table")
    comparing.set_defaults(run=cmd_compare)

    sensitivity = commands.add_parser(
        "sensitivity", help="which settings each placement depends on, and what would change it"
    )
    sensitivity.add_argument(
        "paths", nargs="*", metavar="PATH", help="persona files or folders (default: the bundled)"
    )
    sensitivity.add_argument("--config", metavar="FILE", help="a configuration file")
    sensitivity.add_argument("--method", choices=[m.value for m in Method], default="sobol")
    sensitivity.add_argument(
        "--samples",
        type=_samples,
        metavar="N",
        help=f"Sobol base samples (default {DEFAULT_BASE_SAMPLES}) or Morris trajectories (64)",
    )
    sensitivity.add_argument("--seed", type=_seed, default=0, metavar="S")
    sensitivity.add_argument("--format", choices=("table", "json", "csv"), default="table")
    sensitivity.set_defaults(run=cmd_sensitivity)

    schema = commands.add_parser("schema", help="print the JSON Schema of a file type")
    schema.add_argument("kind", choices=("persona", "config", "score"))
    schema.set_defaults(run=cmd_schema)

    config = commands.add_parser("config", help="print the default configuration, ready to edit")
    config.set_defaults(run=cmd_config)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    raise SystemExit(main())
