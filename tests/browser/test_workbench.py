"""The researcher's workbench (issue 10) in Chromium: the sensitivity section, two
configurations compared, a model shared by link into a new browser context, the downloads read
back with pandas, an invalid link, axe-core on the new page, and screenshots to look at."""

from __future__ import annotations

import io
import json
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from model import default_config, dump_config
from model.explanation import NOTICE
from model.links import config_from_link, settings_link
from tests.browser.conftest import MAIN, OpenTab, Server, Tab, screenshot, visit, wait_for_script
from tests.browser.test_browser import _describe, _judged_violations, assert_healthy

pytestmark = pytest.mark.browser

MARKER = "Modified from the default model"
SECTION = "Which assumptions drive this placement?"
SIZES = {"1280x720": (1280, 720), "390": (390, 844)}


def _heavy_poverty() -> str:
    cfg = default_config().model_copy(deep=True)
    setting = cfg.weights["poverty"]
    cfg.weights["poverty"] = setting.model_copy(update={"weight": 3.5}).widened_to(3.5)
    return dump_config(cfg)


def _download(page: Page, name: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name=name).click()
    return download.value.path().read_bytes()


def _main_text(page: Page) -> str:
    text: str = page.locator(MAIN).inner_text()
    return text


def _model_param(page: Page) -> str | None:
    values = parse_qs(urlparse(page.url).query).get("model")
    return values[0] if values else None


def _reads_well(tab: Tab, name: str, *, full_page: bool = True) -> None:
    """A screenshot to look at (``artifacts/screenshots/<name>.png``); nothing wider than the
    screen, no error, no exception."""
    screenshot(tab.page, name, full_page=full_page)
    overflow = tab.page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
                   return m.scrollWidth - m.clientWidth; }"""
    )
    assert overflow <= 1, f"{name}: {overflow} px wider than the screen"
    assert_healthy(tab.page)
    assert not tab.errors, tab.errors


def _upload_config(page: Page, name: str, data: bytes) -> None:
    uploader = page.locator(f'{MAIN} [data-testid="stFileUploader"]').first
    uploader.locator('input[type="file"]').set_input_files(
        [{"name": name, "mimeType": "application/toml", "buffer": data}]
    )
    uploader.get_by_text(name, exact=True).wait_for()
    wait_for_script(page)


# --- sensitivity ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", list(SIZES))
def test_the_sensitivity_section_reads_and_recomputes(
    open_tab: OpenTab, server: Server, size: str
) -> None:
    tab = open_tab(*SIZES[size])
    page = tab.page
    visit(page, server, "persona?persona=p05-teen-carer")
    heading = page.get_by_role("heading", name=SECTION)
    heading.scroll_into_view_if_needed()
    text = _main_text(page)
    assert "In plain words:" in text and "depends most on the" in text
    assert "512 base samples" in text
    page.locator(f"{MAIN} [data-testid='stButtonGroup']").get_by_text("1024").click()
    wait_for_script(page)
    expect(page.locator(MAIN)).to_contain_text("1,024 base samples")
    heading.scroll_into_view_if_needed()
    screenshot(page, f"persona-sensitivity-{size}-first-screen", full_page=False)
    page.get_by_role(
        "heading", name="What would change the conclusion"
    ).scroll_into_view_if_needed()
    _reads_well(tab, f"persona-tornado-{size}-first-screen", full_page=False)


def test_the_sensitivity_downloads_read_back(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "persona?persona=p05-teen-carer")
    frame = pd.read_csv(io.BytesIO(_download(page, "Download sensitivity (CSV)")))
    assert {"persona_id", "parameter", "first", "first_conf", "total", "total_conf"} <= set(
        frame.columns
    )
    assert set(frame["notice"]) == {NOTICE}
    document = json.loads(_download(page, "Download sensitivity (JSON)"))
    assert document["method"] == "sobol" and document["notice"] == NOTICE
    assert "p05-teen-carer" in document["swings"]


# --- two configurations -----------------------------------------------------------------------


@pytest.mark.parametrize("size", list(SIZES))
def test_two_configurations_side_by_side(open_tab: OpenTab, server: Server, size: str) -> None:
    tab = open_tab(*SIZES[size])
    page = tab.page
    visit(page, server, "compare")
    expect(page.locator(MAIN)).to_contain_text("None: the two configurations are the same.")
    _upload_config(page, "heavy.toml", _heavy_poverty().encode())
    expect(page.locator(MAIN)).to_contain_text("Kept heavy.toml")
    text = _main_text(page)
    assert "weights.poverty.weight" in text
    assert "None: every persona stays" not in text, "a heavy poverty weight moves some zone"
    screenshot(page, f"compare-{size}-first-screen", full_page=False)
    _reads_well(tab, f"compare-{size}")


def test_the_comparison_and_score_downloads_read_back(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "compare")
    _upload_config(page, "heavy.toml", _heavy_poverty().encode())
    compared = pd.read_csv(io.BytesIO(_download(page, "Download the comparison (CSV)")))
    assert {"id", "position_a", "position_b", "zone_a", "zone_b", "zone_changed"} <= set(
        compared.columns
    )
    assert compared["zone_changed"].any()
    comparison = json.loads(_download(page, "Download the comparison (JSON)"))
    assert comparison["format"] == "ccc-spectrum/compare" and comparison["b"] == "heavy.toml"

    score = pd.read_csv(io.BytesIO(_download(page, "Download results (CSV)")))
    assert {"id", "position", "zone", "notice"} <= set(score.columns)
    assert any(c.startswith("interval") for c in score.columns), list(score.columns)
    document = json.loads(_download(page, "Download results (JSON)"))
    assert document["format"] == "ccc-spectrum/score"
    assert document["monte_carlo"]["seed"] == default_config().monte_carlo.seed
    assert document["personas"][0]["zone_probabilities"]


# --- a model shared by link -------------------------------------------------------------------


def test_a_model_link_reproduces_the_model_in_a_new_context(
    open_tab: OpenTab, server: Server
) -> None:
    first = open_tab()
    page = first.page
    visit(page, server, "adjust")
    assert _model_param(page) is None, "the default model needs no link"
    low, high = default_config().weights["poverty"].range
    box = page.get_by_role(
        "spinbutton",
        name=f"Poverty or financial desperation: weight (plausible {low:g}–{high:g}): exact value",
    )
    box.fill("2.4")
    box.press("Enter")
    wait_for_script(page)
    expect(page.locator(MAIN)).to_contain_text("(plausible 0.6–2.4)")
    page.wait_for_function("() => location.search.includes('model=')")
    token = _model_param(page)
    assert token is not None and config_from_link(token).weight("poverty") == 2.4
    link = page.url

    second = open_tab()  # a new browser context: a new session, nothing shared but the link
    second.page.goto(link)
    wait_for_script(second.page)
    expect(second.page.locator(MAIN)).to_contain_text(MARKER)
    expect(second.page.locator(MAIN)).to_contain_text("(plausible 0.6–2.4)")
    # To another page within the session (a new ``goto`` would start another session).
    nav = second.page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Spectrum map", exact=True).click()
    expect(second.page.locator(f"{MAIN} h1").first).to_have_text(
        "The choice–circumstance–coercion spectrum"
    )
    wait_for_script(second.page)
    expect(second.page.locator(MAIN)).to_contain_text(MARKER)
    second.page.wait_for_function("() => location.search.includes('model=')")
    assert _model_param(second.page) == token, "the address keeps the model across pages"
    assert_healthy(second.page)


def test_an_invalid_link_says_why_and_shows_the_default(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "?model=v1.notthisversion")
    error = page.locator(f'{MAIN} [data-testid="stAlertContentError"]')
    expect(error).to_contain_text("could not be used")
    expect(error).to_contain_text("another version")
    expect(error).to_contain_text("default model")
    assert MARKER not in _main_text(page)
    page.wait_for_function("() => !location.search.includes('model=')")


def test_a_settings_link_loads_on_the_compare_page(tab: Tab, server: Server) -> None:
    cfg = default_config().model_copy(deep=True)
    cfg.weights["poverty"] = cfg.weights["poverty"].model_copy(update={"weight": 1.1})
    visit(tab.page, server, f"compare?model={settings_link(cfg)}")
    expect(tab.page.locator(MAIN)).to_contain_text(MARKER)
    expect(tab.page.locator(MAIN)).to_contain_text("weights.poverty.weight")


# --- accessibility ----------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1400, 390])
def test_axe_finds_no_moderate_or_worse_violation_on_the_compare_page(
    open_tab: OpenTab, server: Server, width: int
) -> None:
    tab = open_tab(width, 900)
    cfg = default_config().model_copy(deep=True)
    cfg.weights["poverty"] = cfg.weights["poverty"].model_copy(update={"weight": 1.1})
    visit(tab.page, server, f"compare?model={settings_link(cfg)}")
    expect(tab.page.locator(MAIN)).to_contain_text(MARKER)
    violations = _judged_violations(tab.page)
    assert not violations, _describe(violations)
