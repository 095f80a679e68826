"""Fixtures for the in-process dashboard tests (``streamlit.testing.v1.AppTest``).

Each test gets a fresh ``AppTest`` of ``dashboard/app.py``: a new session, as a new browser tab
would have. The pages are files, so ``at.switch_page("views/<page>.py")`` opens any of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import tomli_w
from streamlit.testing.v1 import AppTest

from tests.strategies import grounded_why

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
    violence: float = 0.0,
    why: dict[str, str] | None = None,
    **factors: float,
) -> bytes:
    """A persona file in the bundled TOML format; factors default to a poor adult's.

    Every value of 0.2 or more gets a ``why`` quoting the narrative (``grounded_why``) unless
    ``why`` is given.
    """
    values: dict[str, Any] = {
        "social_capital": 0.4,
        "economic_capital": 0.2,
        "cultural_capital": 0.5,
        "poverty": 0.7,
    }
    values.update(factors)
    data: dict[str, Any] = {
        "id": persona_id,
        "label": label,
        "age_band": age_band,
        "self_placement": self_placement,
        "narrative": narrative,
        "factors": values,
        "sources": [{"ref": "L64", "note": "A composite of economic trade-offs."}],
    }
    if violence:
        data["violence"] = violence
    data["why"] = grounded_why(data) if why is None else why
    return tomli_w.dumps(data).encode()


def walk(node: Any) -> Iterator[Any]:
    """Every element under ``node`` (``at.main``, ``at.sidebar``), in the order of the page."""
    children = getattr(node, "children", None)
    if children is not None and not hasattr(node, "value"):
        for index in sorted(children):
            yield from walk(children[index])
    else:
        yield node


def page_texts(at: AppTest) -> list[str]:
    """The text of every element on the page, sidebar included, as a reader sees it."""
    texts = []
    for root in (at.main, at.sidebar):
        for element in walk(root):
            for attribute in ("value", "label", "body", "help", "placeholder"):
                value = getattr(element, attribute, None)
                if isinstance(value, str):
                    texts.append(unescape(value))
            proto = getattr(element, "proto", None)
            spec = getattr(proto, "spec", None)
            if isinstance(spec, str):
                texts.append(spec)
    return texts


def section(
    at: AppTest, start: str, end_types: tuple[str, ...] = ("header", "subheader")
) -> list[Any]:
    """The elements after the heading ``start`` up to the next heading of ``end_types``."""
    elements = list(walk(at.main))
    begin = next(
        i
        for i, e in enumerate(elements)
        if e.type in ("header", "subheader") and unescape(e.value) == start
    )
    found = []
    for element in elements[begin + 1 :]:
        if element.type in end_types:
            break
        found.append(element)
    return found


def bold_titles(elements: list[Any]) -> list[str]:
    """Card titles (``**Title**`` markdown) among ``elements``, in order."""
    titles = []
    for e in elements:
        if e.type == "markdown":
            text = unescape(e.value)
            if text.startswith("**") and text.endswith("**") and text.count("**") == 2:
                titles.append(text[2:-2])
    return titles


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
