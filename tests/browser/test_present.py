"""The presentation page in a real Chromium, at a laptop's 1280×720 and a projector's 1920×1080:
walked by keyboard, type measured, a scene link opened afresh, charts downloaded as PNG and SVG,
a map slide printed to A4, and the exported deck stepped through with no server running."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

import decks
import model
from dashboard import present_slides
from dashboard.present_figures import fits_slide
from model import load_personas
from model.explanation import NOTICE
from model.ordering import RowOrder, ordered
from model.scenes import SceneKind, load_deck_bytes
from personas import bundled_path
from tests import serving
from tests.browser.conftest import LOGS, SCREENSHOTS, Tab, screenshot, visit, wait_for_script
from tests.serving import Server

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080)]
MAP_SLIDE = 14  # "Violence runs across the whole spectrum": eight personas on the map
with bundled_path() as _folder:
    LABELS = {p.label for p in load_personas([_folder]).personas}


def slides() -> list[present_slides.Slide]:
    with bundled_path() as folder:
        known = {p.id: p for p in load_personas([folder]).personas}
    return present_slides.unfold(load_deck_bytes(decks.default_bytes(), decks.DEFAULT), known)


def scene_title(page: Page) -> str:
    return page.locator('[data-testid="stMain"] h2').first.inner_text().strip()


def shown_number(page: Page) -> int:
    match = re.search(r"[?&]scene=(\d+)", page.url)
    assert match, page.url
    return int(match.group(1))


def press(page: Page, key: str, expected: int) -> None:
    page.keyboard.press(key)
    page.wait_for_function(
        "n => new URLSearchParams(location.search).get('scene') === String(n)", arg=expected
    )
    wait_for_script(page)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_walk_the_whole_deck_by_keyboard_with_a_screenshot_of_each_slide(
    open_tab: Callable[..., Tab], server: Server, width: int, height: int
) -> None:
    expected = slides()
    tab = open_tab(width, height)
    visit(tab.page, server, "present")
    keys = ["ArrowRight", "Space", "PageDown", "ArrowDown"]
    for index, slide in enumerate(expected):
        assert shown_number(tab.page) == slide.number
        assert scene_title(tab.page) == slide.scene.title
        tab.page.locator('[data-testid="stMain"]').evaluate("el => el.scrollTo(0, 0)")
        screenshot(tab.page, f"present-{width}x{height}-{slide.number:02d}", full_page=False)
        if index + 1 < len(expected):
            press(tab.page, keys[index % len(keys)], slide.number + 1)
    for key, number in (("PageUp", len(expected) - 1), ("ArrowLeft", len(expected) - 2)):
        press(tab.page, key, number)
    assert not tab.errors
    outside = [
        u
        for u in tab.requests
        if not re.match(r"^(wss?|https?)://(localhost|127\.0\.0\.1)[:/]|^(data|blob):", u)
    ]
    assert not outside, f"requests left the machine: {sorted(set(outside))}"


# Sizes as seen on screen: a text's computed size times every scaling between it and the screen
# (the page's CSS zoom, and for a chart the SVG's own scaling, e.g. Plotly shrinking a bar's
# count to fit it), from the ratio of its box on screen to its box in its own units.
_SIZES = """() => {
  const zoom = (el) => el.currentCSSZoom || 1;
  const body = Array.from(document.querySelectorAll(
      '.st-key-present-slide [data-testid="stMarkdownContainer"] p'))
    .map(p => parseFloat(getComputedStyle(p).fontSize) * zoom(p));
  const chart = Array.from(document.querySelectorAll('.js-plotly-plot svg text'))
    .filter(t => t.textContent.trim())
    .map(t => {
      const own = t.getBBox(), seen = t.getBoundingClientRect();
      const scale = own.width * own.height > 0
        ? Math.sqrt((seen.width * seen.height) / (own.width * own.height)) : 0;
      return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale};
    })
    .filter(t => t.size > 0);  // a count Plotly hid (scaled to nothing) is not seen
  return {body, chart};
}"""

CHART_SLIDES = [1, 2, 11, 12, MAP_SLIDE]  # the axis, a reveal, youth, framings, violence
SEEN_PX = {
    # size: (body text, the smallest text on the slide, chart labels), as seen on screen.
    (1920, 1080): (24, 18, 18),
    # The slide is the 1080 one at two thirds: body 22 px, key 18 px, chart labels 14.7 px.
    (1280, 720): (22, 18, 14),
}


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_type_is_sized_for_a_projector_as_seen_on_screen(
    open_tab: Callable[..., Tab], server: Server, width: int, height: int
) -> None:
    body_px, least_px, chart_px = SEEN_PX[(width, height)]
    tab = open_tab(width, height)
    for number in CHART_SLIDES:
        visit(tab.page, server, f"present?scene={number}")
        tab.page.locator(".js-plotly-plot .main-svg").first.wait_for()
        tab.page.wait_for_timeout(300)
        sizes = tab.page.evaluate(_SIZES)
        assert sizes["body"][0] >= body_px, (number, sizes["body"])  # the scene's own text first
        assert min(sizes["body"]) >= least_px, (number, sizes["body"])
        small = [t for t in sizes["chart"] if t["size"] < chart_px]
        assert len(sizes["chart"]) > 10 and not small, (number, small)
        assert any("coercion" in t["text"].lower() for t in sizes["chart"]), number


_OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const bottom = (sel) => document.querySelector(sel).getBoundingClientRect().bottom;
  return {
    page: [document.scrollingElement.scrollHeight, window.innerHeight],
    main: [main.scrollHeight, main.clientHeight],
    slide: bottom('.st-key-present-slide'),
    bar: bottom('.st-key-present-bar'),
    // What is drawn: text, and each chart's picture (not the boxes around them).
    right: Math.max(...Array.from(document.querySelectorAll(
        '.st-key-present-slide :is(h2, p, li, .main-svg)'))
      .map(el => el.getBoundingClientRect().right)),
  };
}"""


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_slide_fits_the_screen_without_scrolling(
    open_tab: Callable[..., Tab], server: Server, width: int, height: int
) -> None:
    tab = open_tab(width, height)
    over = []
    for slide in slides():
        visit(tab.page, server, f"present?scene={slide.number}")
        if tab.page.locator(".st-key-present-figure").count():
            tab.page.locator(".js-plotly-plot .main-svg").first.wait_for()
            tab.page.wait_for_timeout(300)
        seen = tab.page.evaluate(_OVERFLOW)
        fits = (
            seen["page"][0] <= seen["page"][1]
            and seen["main"][0] <= seen["main"][1]
            and seen["bar"] <= height
            and seen["right"] <= width + 1
        )
        if not fits:
            over.append((slide.number, seen))
    assert not over, over


def test_a_scene_link_opens_that_scene_and_those_personas_in_a_new_session(
    open_tab: Callable[..., Tab], server: Server
) -> None:
    first = open_tab(1920, 1080)
    # One persona chosen: the reveal takes three slides (2-4), so the youth scene is the fifth.
    visit(first.page, server, "present?personas=p06-independent-teen&scene=5")
    link = first.page.url
    assert "scene=5" in link and "personas=p06-independent-teen" in link
    second = open_tab(1280, 720)  # another context: another session, nothing shared
    second.page.goto(link)
    wait_for_script(second.page)
    assert scene_title(second.page).startswith("Young people")
    assert shown_number(second.page) == 5
    # One minor chosen: one row, labelled in full.
    second.page.locator(".js-plotly-plot .annotation-text").first.wait_for()
    labels = second.page.locator(".js-plotly-plot .annotation-text").all_text_contents()
    assert any("Teenager with no pimp" in text for text in labels), labels


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_link_orders_and_highlights_a_map_slide_and_it_still_fits(
    open_tab: Callable[..., Tab], server: Server, width: int, height: int
) -> None:
    """``?order=gap&highlight=…``: the violence slide's rows by the widest gap, one marked in
    words (▶) and bold on a band, and the slide still fits the screen."""
    page = open_tab(width, height).page
    visit(page, server, f"present?scene={MAP_SLIDE}&order=gap&highlight=p10-pimp-controlled-youth")
    page.locator(".js-plotly-plot .annotation-text").first.wait_for()
    labels = page.locator(".js-plotly-plot .annotation-text").all_text_contents()
    marked = [text for text in labels if text.startswith("▶")]
    assert len(marked) == 1 and "Youth controlled by a pimp" in marked[0], labels
    tops = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot .annotation-text'))
            .filter(t => t.textContent.length > 20)
            .map(t => [t.getBoundingClientRect().top, t.textContent])
            .sort((a, b) => a[0] - b[0]).map(a => a[1])"""
    )
    slide = slides()[MAP_SLIDE - 1]
    assessed = {a.persona_id: a for a in model.assess(list(slide.personas), model.default_config())}
    expected = [p.label for p in ordered(slide.personas, assessed, RowOrder.GAP)]
    assert [t.removeprefix("▶ ").split(" · ")[0] for t in tops] == expected
    seen = page.evaluate(_OVERFLOW)
    assert seen["main"][0] <= seen["main"][1] and seen["bar"] <= height, seen


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_link_to_every_persona_runs_each_map_scene_over_slides_that_fit(
    open_tab: Callable[..., Tab], server: Server, width: int, height: int
) -> None:
    """Fifteen personas: more rows than a slide holds at projector size. Each map scene runs
    over two slides that say which personas they show, each fitting the screen, and together
    they show every persona once."""
    with bundled_path() as folder:
        known = {p.id: p for p in load_personas([folder]).personas}
    deck = load_deck_bytes(decks.default_bytes(), decks.DEFAULT)
    unfolded = present_slides.unfold(deck, known, list(known), fits=fits_slide)
    widest = [
        s
        for s in unfolded
        if s.scene.kind is SceneKind.VIOLENCE
        or (
            s.stage is present_slides.Stage.GAP
            and s.step_text.startswith(("Person 8 ", "Person 15 "))
        )
    ]
    assert len(widest) == 4
    page = open_tab(width, height).page
    link = "present?personas=" + ",".join(known)
    shown: list[str] = []
    for slide in widest:
        visit(page, server, f"{link}&scene={slide.number}")
        page.locator(".js-plotly-plot .annotation-text").first.wait_for()
        page.wait_for_timeout(300)
        assert page.locator(".st-key-present-step").inner_text().strip() == slide.step_text
        seen = page.evaluate(_OVERFLOW)
        assert seen["main"][0] <= seen["main"][1] and seen["bar"] <= height, (slide.number, seen)
        labels = page.locator(".js-plotly-plot .annotation-text").all_text_contents()
        rows = [t.split(" · ")[0] for t in labels if t.split(" · ")[0] in LABELS]
        assert len(rows) == len(slide.personas), (slide.number, labels)
        if slide.scene.kind is SceneKind.VIOLENCE:
            shown += rows
    assert sorted(shown) == sorted(p.label for p in known.values())


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def test_chart_downloads_carry_title_key_source_and_notice(
    open_tab: Callable[..., Tab], server: Server
) -> None:
    tab = open_tab(1920, 1080)
    visit(tab.page, server, f"present?scene={MAP_SLIDE}&notes=1")
    found: dict[str, bytes] = {}
    for label in ("Chart as PNG (2x)", "Chart as SVG"):
        with tab.page.expect_download(timeout=90_000) as caught:
            tab.page.get_by_role("button", name=label).click()
        found[label] = Path(caught.value.path()).read_bytes()
    svg = found["Chart as SVG"].decode("utf-8")
    width = int(re.search(r'<svg[^>]* width="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    height = int(re.search(r'<svg[^>]* height="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    assert _png_size(found["Chart as PNG (2x)"]) == (2 * width, 2 * height)
    text = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    assert "Violence runs across the whole spectrum" in text
    assert NOTICE in text
    assert "Key:" in text and "Source: danah boyd" in text
    assert "coercion" in text


def _pdf_pages(data: bytes) -> list[str]:
    """Each page's text, white space folded."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


_PRINT_FITTED = """() => Array.from(document.querySelectorAll('.js-plotly-plot .main-svg'))
  .every(svg => svg.getBoundingClientRect().width <= 1040 + 1)"""


def _print(tab: Tab, name: str) -> list[str]:
    """The page printed to A4 landscape (as Chromium's print preview would), each page's text;
    the PDF and its first page as a PNG are kept under ``artifacts/``."""
    tab.page.locator(".js-plotly-plot .main-svg").first.wait_for()
    tab.page.emulate_media(media="print")
    tab.page.wait_for_function(_PRINT_FITTED)  # the print script has scaled the charts
    wait_for_script(tab.page)
    data = tab.page.pdf(format="A4", landscape=True, print_background=True)
    pdf = LOGS.parent / f"{name}.pdf"
    pdf.write_bytes(data)
    if shutil.which("pdftoppm"):
        first = SCREENSHOTS / f"{name}-page1"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, first],
            check=True,
        )
    return _pdf_pages(data)


def _whole_chart_on_page(text: str, labels: list[str]) -> None:
    assert "Key:" in text and "hollow marker" in text, "the key is on the chart's page"
    assert "Position: 0 choice" in text, "the axis is on the page"
    assert "coercion" in text.split("Position: 0 choice")[-1].lower(), "to its coercion end"
    for zone in ("Choice", "Coercion", "Violence"):
        assert zone in text, zone
    for label in labels:
        assert label in text, f"{label!r}: the chart is split across pages"


def test_printing_a_map_slide_puts_its_text_chart_and_key_on_one_a4_page(
    open_tab: Callable[..., Tab], server: Server
) -> None:
    tab = open_tab(1920, 1080)
    visit(tab.page, server, f"present?scene={MAP_SLIDE}")
    texts = _print(tab, "present-map")
    assert len(texts) == 1, texts
    assert "Violence runs across the whole spectrum" in texts[0]
    labels = [p.label for p in slides()[MAP_SLIDE - 1].personas]
    assert len(labels) == 8
    _whole_chart_on_page(texts[0], [labels[0], labels[-1], *labels])
    assert all("Presenter view" not in t and "Next" not in t for t in texts)


def test_printing_the_map_page_puts_title_key_and_whole_chart_on_page_one(
    open_tab: Callable[..., Tab], server: Server
) -> None:
    with bundled_path() as folder:
        labels = [p.label for p in load_personas([folder]).personas]
    tab = open_tab(1920, 1080)
    visit(tab.page, server, "")  # the map is the default page, at the address's root
    texts = _print(tab, "map-print")
    assert texts[0].startswith("The choice–circumstance–coercion spectrum"), texts[0][:200]
    _whole_chart_on_page(texts[0], [labels[0], labels[-1]])
    assert not any("Position: 0 choice" in t for t in texts[1:]), "one chart, printed once"
    # The table follows on a page of its own (its grid is a picture: no text to read back).
    assert any("The same data as a table" in t for t in texts[1:])
    assert len(texts) <= 5, [t[:80] for t in texts]
    assert all("Age bands" not in t for t in texts[:1]), "the filters follow the chart"


def test_the_exported_deck_presents_offline_with_the_same_keys(
    browser: Browser, tmp_path: Path
) -> None:
    log = LOGS / "streamlit-server-present-export.log"
    with serving.serve(log=log) as own:  # a server of its own, stopped before the file opens
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        visit(page, own, "present?notes=1")
        with page.expect_download(timeout=90_000) as caught:
            page.get_by_role("button", name="Whole deck as one offline HTML file").click()
        deck = tmp_path / "deck.html"
        caught.value.save_as(deck)
        context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 720}, offline=True)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(deck.as_uri())
    expected = slides()
    for index, key in enumerate(["ArrowRight", " ", "PageDown"] * 6):
        shown = page.locator("section.current h1").inner_text()
        assert shown == expected[min(index, len(expected) - 1)].scene.title
        assert page.locator("#counter").inner_text().startswith(f"{min(index, 15) + 1} / ")
        if page.locator("section.current .chart").count():
            page.locator("section.current .chart .main-svg").first.wait_for()
        page.keyboard.press(key)
    page.keyboard.press("PageUp")
    assert page.locator("#counter").inner_text() == f"{len(expected) - 1} / {len(expected)}"
    assert all(url.startswith(("file:", "data:", "blob:")) for url in asked), asked
    context.close()


@pytest.mark.parametrize("path", [f"present?scene={MAP_SLIDE}&notes=1", "present?scene=13"])
def test_axe_finds_no_moderate_or_worse_violation(tab: Tab, server: Server, path: str) -> None:
    from tests.browser.test_browser import _describe, _judged_violations

    visit(tab.page, server, path)
    violations = _judged_violations(tab.page)
    assert not violations, _describe(violations)
