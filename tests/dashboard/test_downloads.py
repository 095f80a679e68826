"""Every file the dashboard offers for download carries the notice, and still loads back.

The notice says what the data is and what the tool is never for (guidelines 9 and 10, L25,
L26); it must travel with the file. The browser tests download the same files for real.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard import downloads
from dashboard.figures import interventions
from model import default_config, load_config_bytes, load_persona_bytes, load_personas
from model.explanation import NOTICE

ROOT = Path(__file__).resolve().parents[2]


def test_the_settings_file_starts_with_the_notice_and_loads_back_unchanged() -> None:
    changed = default_config().with_weight("poverty", 2.0)
    text = downloads.config_toml(changed)
    assert text.splitlines()[0] == f"# {NOTICE}"
    assert load_config_bytes(text.encode(), "settings.toml") == changed


def test_the_persona_file_starts_with_the_notice_and_loads_back_unchanged() -> None:
    people = load_personas([ROOT / "personas"]).personas
    text = downloads.personas_toml(people)
    assert text.splitlines()[0] == f"# {NOTICE}"
    loaded = load_persona_bytes(text.encode(), "spectrum-personas.toml")
    assert loaded.ok, loaded.problems
    assert loaded.personas == people, "every field, the why and violence included"


def test_a_table_file_starts_with_the_notice_as_one_field() -> None:
    frame = interventions.overview_table()
    text = downloads.table_csv(frame)
    first = pd.read_csv(io.StringIO(text), header=None, nrows=1)
    assert first.shape == (1, 1), "the notice is one quoted field, commas and all"
    assert first.iloc[0, 0] == f"Notice: {NOTICE}"
    body = pd.read_csv(io.StringIO(text), skiprows=1, keep_default_na=False)
    assert list(body.columns) == list(frame.columns)
    assert body.astype(str).equals(frame.astype(str))
