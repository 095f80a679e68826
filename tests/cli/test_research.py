"""The researcher's commands, run in process: ``spectrum compare`` and ``spectrum sensitivity``."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

from model import default_config, save_config
from model.cli import main
from model.explanation import NOTICE


def spectrum(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def heavier_poverty(tmp_path: Path) -> Path:
    path = tmp_path / "poverty.toml"
    save_config(default_config().with_weight("poverty", 3.0), path)
    return path


def test_compare_names_the_setting_and_the_personas_whose_zone_changes(
    repo_root: Path, heavier_poverty: Path
) -> None:
    code, out, _ = spectrum(
        "compare", "default", heavier_poverty, "--personas", repo_root / "personas"
    )
    assert code == 0
    assert out.startswith(NOTICE)
    assert "weights.poverty.weight: 0.9 → 3.0" in out
    # Three times the weight on poverty moves the near-choice student to the economic band.
    assert "p03-student-paying-debts" in out.split("* zone differs:")[1]


def test_compare_json_and_csv_hold_the_same_comparison(
    repo_root: Path, heavier_poverty: Path
) -> None:
    args = ("compare", "default", heavier_poverty, "--personas", repo_root / "personas")
    _, text, _ = spectrum(*args, "--format", "json", "--samples", "100")
    document = json.loads(text)
    assert document["format"] == "ccc-spectrum/compare" and document["notice"] == NOTICE
    # The weight, and the range widened to hold it.
    assert [d["setting"] for d in document["settings"]] == [
        "weights.poverty.weight",
        "weights.poverty.range",
    ]
    changed = {p["id"] for p in document["personas"] if p["zone_a"] != p["zone_b"]}
    assert "p03-student-paying-debts" in changed
    assert all(p["interval_a"] is not None for p in document["personas"])
    _, table, _ = spectrum(*args, "--format", "csv")
    frame = pd.read_csv(io.StringIO(table))
    assert set(frame.loc[frame["zone_changed"], "id"]) == changed
    assert (frame["notice"] == NOTICE).all()
    student = frame.set_index("id").loc["p03-student-paying-debts"]
    assert student["position_b"] > student["position_a"]


def test_compare_refuses_a_bad_configuration_with_one_line(repo_root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 2\n[boundaries]\nchoice_upper = 2\n", encoding="utf-8")
    code, out, err = spectrum("compare", "default", bad, "--personas", repo_root / "personas")
    assert code == 1 and out == ""
    assert all(line.startswith(f"{bad}: config: ") for line in err.splitlines())


def test_sensitivity_writes_indices_a_summary_and_tipping_points(repo_root: Path) -> None:
    persona = repo_root / "personas" / "p04-single-parent-rent.toml"
    code, out, _ = spectrum("sensitivity", persona, "--samples", "128")
    assert code == 0 and out.startswith(NOTICE)
    assert "depends most on the weight of poverty" in out
    assert "below" in out and "near_choice" in out  # where less weight on poverty tips her
    _, text, _ = spectrum("sensitivity", persona, "--samples", "128", "--format", "json")
    document = json.loads(text)
    assert document["format"] == "ccc-spectrum/sensitivity" and document["notice"] == NOTICE
    (result,) = document["personas"]
    names = {i["parameter"] for i in result["indices"]}
    assert {"weight.poverty", "decisive_threshold", "boundary.economic_upper"} <= names
    swings = document["swings"]["p04-single-parent-rent"]
    assert swings and {"tips_below", "tips_above", "position_at_low"} <= set(swings[0])


def test_sensitivity_csv_reads_back_one_row_per_persona_and_setting(repo_root: Path) -> None:
    code, text, _ = spectrum(
        "sensitivity", repo_root / "personas", "--method", "morris", "--samples", "8",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0
    frame = pd.read_csv(io.StringIO(text))
    assert frame["persona_id"].nunique() == 15
    assert len(frame) == 15 * frame["parameter"].nunique()
    assert frame["mu_star"].ge(0).all() and (frame["notice"] == NOTICE).all()
