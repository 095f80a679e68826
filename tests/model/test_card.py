"""The model card's tables are generated from the data files and kept up to date."""

from __future__ import annotations

from pathlib import Path

from model import default_config, factor_catalogue
from model.card import END, START, tables

CARD = Path(__file__).resolve().parents[2] / "model" / "data" / "MODEL.md"


def test_the_model_card_tables_match_the_data_files() -> None:
    text = CARD.read_text(encoding="utf-8")
    block = text[text.index(START) : text.index(END) + len(END)]
    assert block == tables(), "model/data/MODEL.md is stale: run `python -m model.card`"


def test_every_factor_weight_range_and_source_is_in_the_card() -> None:
    text = CARD.read_text(encoding="utf-8")
    config = default_config()
    for factor in factor_catalogue().factors:
        row = next(line for line in text.splitlines() if f"(`{factor.id}`)" in line)
        setting = config.weights[factor.id]
        assert f"| {setting.weight:g} |" in row
        assert f"{setting.range[0]:g}–{setting.range[1]:g}" in row
        for citation in factor.sources:
            assert citation.ref in row
    for bound in config.boundaries.as_tuple():
        assert f"| {bound:g} |" in text


def test_the_tables_follow_the_configuration() -> None:
    config = default_config()
    changed = config.model_copy(deep=True)
    changed.weights["poverty"].weight = 1.1
    assert "| 1.1 |" in tables(changed)
    assert tables(changed) != tables(config)
