"""Fixtures for the in-process dashboard tests (``streamlit.testing.v1.AppTest``).

Each test gets a fresh ``AppTest`` of ``dashboard/app.py``: a new session, as a new browser tab
would have. The pages are files, so ``at.switch_page("views/<page>.py")`` opens any of them;
their list comes from the navigation itself (``tests/pages.py``), shared with the browser suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests import builders, pages

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
TIMEOUT = 30

# Each page's script, as ``at.switch_page`` takes it: read from the navigation (tests/pages.py).
MAP = pages.file_of("map")
PERSONA = pages.file_of("persona")
INTERVENTIONS = pages.file_of("interventions")
FRAMINGS = pages.file_of("framings")
ADJUST = pages.file_of("adjust")
ABOUT = pages.file_of("about")
PAGES = tuple(page.file for page in pages.PAGES)

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


def persona_toml(persona_id: str, **changes: Any) -> bytes:
    """A persona file in the bundled TOML format, from the shared builder (``tests/builders.py``):
    a poor adult's factors unless ``changes`` say otherwise, and a ``why`` quoting the narrative
    for every value of 0.2 or more unless ``why`` is given."""
    return builders.persona_toml(persona_id, **changes)


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
