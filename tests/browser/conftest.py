"""A real Chromium against the dashboard, started exactly as the README's quick start does.

One ``streamlit run dashboard/app.py`` serves the whole session (from the repository root, so
``.streamlit/config.toml`` applies; started by ``tests/serving.py``, as the dashboard benchmark
starts it); every test gets a fresh browser context, hence a fresh Streamlit session. The
server's output goes to ``artifacts/logs/streamlit-server-<pid>.log``
(renamed ``streamlit-server.log`` when the run ends without a traceback); its tail is added to
the report of any browser test that fails.

No browser is downloaded: the tests use ``$SPECTRUM_CHROMIUM``, Playwright's own Chromium if it was
installed, or a system Chromium. Without one they skip, except when ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests import builders, pages, serving
from tests.serving import Server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
LOGS = ARTIFACTS / "logs"
LATEST_LOG = LOGS / "streamlit-server.log"

VIEWPORT = {"width": 1400, "height": 900}
MAX_SCREENSHOT_HEIGHT = 20_000
SCRIPT_TIMEOUT_MS = 30_000
SETTLE_MS = 400

# What the browser tests look for, named once.
MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
EXCEPTION = '[data-testid="stException"]'
MAIN_ERRORS = f'{MAIN} [data-testid="stAlertContentError"]'
SIDEBAR_ERRORS = f'{SIDEBAR} [data-testid="stAlertContentError"]'
JUDGED_IMPACTS = ("moderate", "serious", "critical")
"""The axe-core impacts a page must be free of."""
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
"""Where a page may load anything from: the machine itself."""


_log: list[Path] = []  # this session's server log, once the server has started


def log_tail(lines: int = 60) -> str:
    if not _log or not _log[0].exists():
        return "(no server log)"
    text = _log[0].read_text(encoding="utf-8", errors="replace").splitlines()
    return f"{_log[0]}:\n" + "\n".join(text[-lines:])


# --- finding Chromium -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_path(playwright_driver: Playwright) -> str:
    found = serving.find_chromium(playwright_driver)
    if found is not None:
        return found
    candidates = serving.chromium_candidates(playwright_driver)
    reason = (
        f"no Chromium found (looked at {', '.join(candidates) or 'nothing'}); "
        "set SPECTRUM_CHROMIUM or install chromium to run the browser tests"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true, so the browser tests must run, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright, chromium_path: str) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(
        executable_path=chromium_path, args=serving.LAUNCH_ARGS
    )
    yield browser
    browser.close()


# --- the server -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """``streamlit run dashboard/app.py`` from the repository root, as the README says
    (``tests/serving.py``, shared with the dashboard benchmark)."""
    # Named by this run's process, so that two test runs at once never write to the same log.
    log = LOGS / f"streamlit-server-{os.getpid()}.log"
    _log[:] = [log]
    try:
        with serving.serve(log=log) as running:
            _log[:] = [running.log]
            yield running
    except serving.ServerError as error:
        pytest.fail(str(error))
    text = running.log_text()
    assert "Traceback" not in text, f"the server logged a traceback:\n{log_tail()}"
    # A clean log becomes the latest one; a log with a traceback stays under its own name.
    running.log.replace(LATEST_LOG)
    _log[:] = [LATEST_LOG]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.failed and "server" in getattr(item, "fixturenames", ()):
        report.sections.append(("streamlit server log (tail)", log_tail()))


# --- contexts and pages -----------------------------------------------------------------------


@dataclass
class Tab:
    """A page in its own browser context, with what it asked for and what went wrong in it."""

    page: Page
    context: BrowserContext
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_tab(browser: Browser, server: Server) -> Iterator[Callable[..., Tab]]:
    """Open a fresh context (a new Streamlit session) with one page; closed after the test.

    ``width`` and ``height`` size its viewport (by default ``VIEWPORT``).
    """
    contexts: list[BrowserContext] = []

    def open_(width: int = VIEWPORT["width"], height: int = VIEWPORT["height"]) -> Tab:
        viewport = {"width": width, "height": height}
        context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        context.set_default_timeout(SCRIPT_TIMEOUT_MS)
        contexts.append(context)
        tab = Tab(context.new_page(), context)
        tab.page.on("request", lambda request: tab.requests.append(request.url))
        tab.page.on("websocket", lambda ws: tab.requests.append(ws.url))
        tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
        return tab

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def tab(open_tab: Callable[[], Tab]) -> Tab:
    return open_tab()


# --- pages and personas, shared with the AppTest suite ----------------------------------------

PAGES = pages.browser_pages()
"""Name → (URL path, heading) of every page, read from the navigation (``tests/pages.py``)."""


def persona_file(persona_id: str, **changes: Any) -> bytes:
    """A persona file like the bundled ones (``tests/builders.py``); ``changes`` replace fields
    or factor values."""
    return builders.persona_toml(persona_id, **changes)


# --- helpers the tests share ------------------------------------------------------------------


def wait_for_script(page: Page) -> None:
    """Wait until Streamlit has finished running the script, then let the page settle."""
    page.wait_for_selector('[data-testid="stApp"]', state="attached")
    page.wait_for_function(serving.SCRIPT_DONE, timeout=SCRIPT_TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_function(serving.SCRIPT_DONE, timeout=SCRIPT_TIMEOUT_MS)


def visit(page: Page, server: Server, path: str) -> None:
    page.goto(f"{server.url}/{path.lstrip('/')}")
    wait_for_script(page)
    page.wait_for_selector('[data-testid="stMain"] h1')


def fit_viewport_to_page(page: Page) -> int:
    """Make the viewport as tall as the main area (Streamlit scrolls inside ``stMain``), keeping
    its width."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    height = max(VIEWPORT["height"], min(int(height), MAX_SCREENSHOT_HEIGHT))
    width = (page.viewport_size or VIEWPORT)["width"]
    page.set_viewport_size({"width": width, "height": height})
    wait_for_script(page)
    return height


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """``artifacts/screenshots/<name>.png``: the whole page, or only what the viewport shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if full_page:
        fit_viewport_to_page(page)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def upload_personas(page: Page, *files: tuple[str, bytes]) -> None:
    """Add files through the sidebar's uploader and wait for the model's verdict."""
    uploader = page.locator('[data-testid="stSidebar"] [data-testid="stFileUploader"]')
    uploader.locator('input[type="file"]').set_input_files(
        [{"name": name, "mimeType": "application/toml", "buffer": data} for name, data in files]
    )
    for name, _ in files:
        uploader.get_by_text(name, exact=True).wait_for()
    verdict = page.locator(
        '[data-testid="stSidebar"] [data-testid="stAlertContentSuccess"], '
        '[data-testid="stSidebar"] [data-testid="stAlertContentError"]'
    )
    verdict.first.wait_for()
    wait_for_script(page)


def table_rows(page: Page, index: int = 0) -> list[dict[str, str]]:
    """A ``st.dataframe``'s rows, read from the accessible table the grid keeps in the DOM.

    The grid renders only the columns in view; the first ones (Persona, ID, …) always are.
    """
    frame = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').nth(index)
    frame.locator("table tr").nth(1).wait_for(state="attached")
    cells: list[list[str]] = frame.evaluate(
        """el => Array.from(el.querySelectorAll('table tr')).map(
               tr => Array.from(tr.children).map(c => c.textContent.trim()))"""
    )
    header, *rows = cells
    return [dict(zip(header, row, strict=False)) for row in rows]


def map_ids(page: Page) -> list[str]:
    return [row["ID"] for row in table_rows(page)]


def expect_map_ids(page: Page, expected: list[str], timeout_ms: int = 10_000) -> None:
    """The map table lists exactly ``expected``, once the grid has caught up with the script."""
    deadline = time.monotonic() + timeout_ms / 1000
    shown = map_ids(page)
    while shown != expected and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        shown = map_ids(page)
    assert shown == expected, f"map table lists {shown}, expected {expected}"


_MARKERS = """() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').forEach((group, t) => {
    const trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
    group.querySelectorAll('.points path.point').forEach((point, p) => {
      const datum = point.__data__;
      const custom = trace && trace.customdata && datum ? trace.customdata[datum.i] : null;
      out.push({trace: t, point: p, name: trace ? trace.name : '', id: custom ? custom[0] : null});
    });
  });
  return out;
}"""


def marker(page: Page, persona_id: str, kind: str = "Assessed") -> Any:
    """The map marker of ``persona_id`` in a trace whose name starts with ``kind``."""
    page.locator(".js-plotly-plot .scatterlayer .trace .points path.point").first.wait_for()
    found = [
        m
        for m in page.evaluate(_MARKERS)
        if m["id"] == persona_id and str(m["name"]).startswith(kind)
    ]
    assert len(found) == 1, f"expected one {kind} marker for {persona_id}, found {found}"
    return (
        page.locator(".js-plotly-plot .scatterlayer .trace")
        .nth(found[0]["trace"])
        .locator(".points path.point")
        .nth(found[0]["point"])
    )


def centre(page: Page, locator: Any) -> tuple[float, float]:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None, "the marker is not drawn"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


OpenTab = Callable[..., Tab]
"""The ``open_tab`` fixture: a new tab (and browser context) of a given size."""
