"""Fixtures for the in-process dashboard tests (``streamlit.testing.v1.AppTest``).

Each test gets a fresh ``AppTest`` of ``dashboard/app.py``: a new session, as a new browser tab
would have. The pages are files, so ``at.switch_page("views/<page>.py")`` opens any of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import tomli_w
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
TIMEOUT = 30

MAP = "views/spectrum_map.py"
PERSONA = "views/persona.py"
INTERVENTIONS = "views/interventions.py"
FRAMINGS = "views/framings.py"
ADJUST = "views/adjust.py"
ABOUT = "views/about.py"
PAGES = (MAP, PERSONA, INTERVENTIONS, FRAMINGS, ADJUST, ABOUT)

_MARKDOWN_ESCAPE = re.compile(r"\\(.)")


def unescape(text: str) -> str:
    """What a reader sees of Markdown escaped by ``dashboard.safe_text.markdown``."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text)


def open_page(at: AppTest, page: str) -> AppTest:
    """Run ``page`` in this session and fail at once, with the traceback, if it raised."""
    at.switch_page(page).run()
    assert not at.exception, f"{page} raised: {[e.value for e in at.exception]}"
    return at


def map_table(at: AppTest) -> pd.DataFrame:
    """The map page's table (its only dataframe)."""
    frames = at.main.dataframe
    assert len(frames) == 1, f"expected the map's one table, found {len(frames)}"
    return frames[0].value


def positions(at: AppTest) -> dict[str, float]:
    """Assessed position per persona id, as the map page's table shows it."""
    open_page(at, MAP)
    table = map_table(at)
    return dict(zip(table["ID"], table["Assessed position"], strict=True))


def persona_toml(
    persona_id: str,
    *,
    label: str = "Adult selling sex to cover rent after a job loss",
    narrative: str = (
        "A fictional composite written for the tests. She lost her job, took on debts to keep "
        "her flat, and began seeing clients on her own terms to pay the rent."
    ),
    age_band: str = "adult_25_39",
    self_placement: float | str = 0.4,
    **factors: float,
) -> bytes:
    """A persona file in the bundled TOML format; factors default to a poor adult's."""
    values: dict[str, Any] = {
        "social_capital": 0.4,
        "economic_capital": 0.2,
        "cultural_capital": 0.5,
        "poverty": 0.7,
    }
    values.update(factors)
    data = {
        "id": persona_id,
        "label": label,
        "age_band": age_band,
        "self_placement": self_placement,
        "narrative": narrative,
        "factors": values,
        "sources": [{"ref": "L64", "note": "A composite of economic trade-offs."}],
    }
    return tomli_w.dumps(data).encode()


@pytest.fixture
def app() -> Callable[..., AppTest]:
    """Open the app in a fresh session, optionally with query parameters, on its default page."""

    def start(**query: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, f"the app raised: {[e.value for e in at.exception]}"
        return at

    return start
