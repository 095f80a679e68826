"""The command as a user starts it, in a subprocess: ``python -m model`` and the installed
``spectrum`` script, with each exit status (0, 1 for a problem, 2 for a usage error) and no
traceback. Everything else about the command is tested in process (``test_cli.py``)."""

from __future__ import annotations

from pathlib import Path

from model.explanation import NOTICE
from tests.cli.support import SPECTRUM, run_process


def test_python_m_model_validates_the_bundled_library(repo_root: Path) -> None:
    result = run_process("validate", "personas", cwd=repo_root)
    assert result.code == 0
    assert result.out == ""
    assert result.err.startswith("valid: ")


def test_the_installed_entry_point_scores_from_anywhere(repo_root: Path, tmp_path: Path) -> None:
    assert SPECTRUM.is_file(), "the `spectrum` entry point is not installed beside this Python"
    result = run_process("score", repo_root / "personas", cwd=tmp_path, entry_point=True)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == NOTICE


def test_a_usage_error_exits_2(tmp_path: Path) -> None:
    result = run_process(cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert "usage: spectrum" in result.err


def test_a_problem_exits_1_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = run_process("validate", missing, cwd=tmp_path, entry_point=True)
    assert result.code == 1
    assert result.out == f"{missing}: -: -: no such file or folder\n"
