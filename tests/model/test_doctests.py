"""The examples in the model's docstrings run, as part of ``make test``, and say what happens.

Every module of ``model/`` is imported and its examples run from the repository root (the
examples load ``personas/`` by that relative path, as a reader at the root would). An example
marked ``# doctest: +SKIP`` is run all the same: the mark was there only because nothing ran the
examples from the root, and an example no one runs can say anything.
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import model

MIN_EXAMPLES = 4
"""The examples there are today (three in ``model/__init__.py``, one in ``model/sources.py``):
fewer means some stopped being found, or stopped running."""

MODULES = sorted(
    ["model"]
    + [
        info.name
        for info in pkgutil.walk_packages(model.__path__, "model.")
        # ``python -m model`` runs the command on import.
        if info.name != "model.__main__"
    ]
)


def run_examples(module: ModuleType) -> tuple[doctest.TestResults, str]:
    """Run every example in ``module``'s docstrings; the results and the runner's report."""
    report = io.StringIO()
    runner = doctest.DocTestRunner(verbose=False)
    for test in doctest.DocTestFinder(exclude_empty=True).find(module):
        for example in test.examples:
            example.options.pop(doctest.SKIP, None)
        runner.run(test, out=report.write)
    return doctest.TestResults(runner.failures, runner.tries), report.getvalue()


@pytest.fixture
def at_repo_root(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(repo_root)
    return repo_root


def test_every_example_in_the_model_runs_and_holds(at_repo_root: Path) -> None:
    attempted: dict[str, int] = {}
    failures = []
    for name in MODULES:
        results, report = run_examples(importlib.import_module(name))
        attempted[name] = results.attempted
        if results.failed:
            failures.append(report)
    assert not failures, "examples that do not hold:\n" + "\n".join(failures)
    assert sum(attempted.values()) >= MIN_EXAMPLES, {k: v for k, v in attempted.items() if v}
    assert attempted["model"] >= 3, "the package's own example, in model/__init__.py, runs"
