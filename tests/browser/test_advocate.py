"""The advocate's path (issue 12), in Chromium: build a persona in the browser and keep it, read a
persona's answer first, and the defects hit at 1280×720, 1440×900, 1920×1080 and 390 px wide.

Screenshots go to ``artifacts/screenshots/advocate-*.png`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

import model
from dashboard.figures import theme
from dashboard.views import spectrum_map
from model.explanation import NOTICE
from model.ordering import RowOrder, ordered
from tests.browser.conftest import (
    EXCEPTION,
    JUDGED_IMPACTS,
    MAIN,
    OpenTab,
    Server,
    fit_viewport_to_page,
    screenshot,
    table_rows,
    upload_personas,
    visit,
    wait_for_script,
)

pytestmark = pytest.mark.browser

SIZES = {
    "1280": (1280, 720),
    "1440": (1440, 900),
    "1920": (1920, 1080),
    "390": (390, 844),
}
STORY = (
    "A fictional composite. She lost her job, fell behind on the rent and began seeing "
    "clients on her own terms to keep her flat."
)
BUILT_ID = "b01-rent-composite"
BUILT_LABEL = "Adult covering rent after a job loss"


def _violations(page: Page) -> list[str]:
    fit_viewport_to_page(page)
    result = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}; e.g. {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
        if v.get("impact") in JUDGED_IMPACTS
    ]


def _healthy(page: Page) -> None:
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()


def _commit(page: Page, locator: Locator, text: str) -> None:
    """Type into a text field and commit it as a person would (Tab away), then let it run."""
    locator.fill(text)
    locator.press("Tab")
    wait_for_script(page)


def _field(page: Page, label: str) -> Locator:
    return page.locator(MAIN).get_by_label(label, exact=True)


def _errors_beside(page: Page, label: str) -> list[str]:
    """The error messages in the elements that follow the control labelled ``label``, up to the
    next control: what a reader sees right under the field."""
    control = _field(page, label)
    control.wait_for()
    found: list[str] = control.evaluate(
        """el => {
            let box = el.closest('[data-testid="stElementContainer"]');
            const out = [];
            for (let next = box.nextElementSibling; next; next = next.nextElementSibling) {
                const error = next.querySelector('[data-testid="stAlertContentError"]');
                if (!error) break;
                const text = error.querySelector('[data-testid="stMarkdownContainer"]');
                out.push((text || error).innerText.trim());
            }
            return out;
        }"""
    )
    return found


def _status(page: Page) -> str:
    return page.locator(MAIN).get_by_text("Now placed at").first.inner_text()


def _slide(page: Page, label: str, steps: int) -> None:
    slider = page.locator('[data-testid="stSlider"]', has_text=label).get_by_role("slider")
    slider.focus()
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    wait_for_script(page)


LABEL = "Label (a short description, never a name)"
STORY_LABEL = "Their story (a short fictional narrative, in your own words)"
ID_LABEL = "Id (pseudonymous: lowercase letters, digits, hyphens)"
POVERTY = "Poverty or financial desperation"


def _build(page: Page) -> None:
    _commit(page, _field(page, ID_LABEL), BUILT_ID)
    _commit(page, _field(page, LABEL), BUILT_LABEL)
    _commit(page, _field(page, STORY_LABEL), STORY)
    before = _status(page)
    _slide(page, POVERTY, 14)
    assert _status(page) != before, "the placement follows the factor at once"
    why = page.locator(MAIN).get_by_label(
        f"Why: a phrase of the story, word for word ({POVERTY})", exact=True
    )
    _commit(page, why, "fell behind on the rent")
    picker = page.locator(MAIN).get_by_label("Passages of the essays (at least one)")
    picker.click()
    page.keyboard.type("L64")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_script(page)
    page.locator(MAIN).get_by_text("Ready:").wait_for()


def test_build_a_persona_see_it_placed_download_it_and_upload_it_back(
    open_tab: OpenTab, server: Server
) -> None:
    tab = open_tab(*SIZES["1440"])
    page = tab.page
    visit(page, server, "builder")
    assert _errors_beside(page, LABEL) == [], "an empty field is to do, not an error"
    assert page.locator(MAIN).get_by_text("Write at least 3 characters").count() == 1
    _build(page)
    assert _errors_beside(page, LABEL) == []
    screenshot(page, "advocate-builder-ready-1440")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download it as TOML").click()
    path = download.value.path()
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# {NOTICE}"
    loaded = model.load_persona_bytes(text.encode(), download.value.suggested_filename)
    assert not loaded.problems, loaded.problems
    (built,) = loaded.personas
    assert (built.id, built.label, built.narrative) == (BUILT_ID, BUILT_LABEL, STORY)
    assert built.factor_values()["poverty"] == pytest.approx(0.7)
    assert built.why == {"poverty": "fell behind on the rent"}

    upload_personas(page, ("b01.toml", text.encode()))  # short: the uploader elides long names
    # In the same session (a reload would start a new one): by the sidebar's link.
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Spectrum map").click()
    wait_for_script(page)
    rows = {row["ID"]: row for row in table_rows(page)}
    assert rows[BUILT_ID]["Persona"] == BUILT_LABEL, "the file uploads back as the same persona"
    _healthy(page)
    assert not tab.errors


def test_personal_data_is_refused_beside_the_story_as_it_is_typed(
    open_tab: OpenTab, server: Server
) -> None:
    page = open_tab(*SIZES["1280"]).page
    visit(page, server, "builder")
    _commit(page, _field(page, STORY_LABEL), STORY + " Reach her at jane.doe@example.com.")
    (error,) = _errors_beside(page, STORY_LABEL)
    assert "Looks like personal data" in error and "e-mail" in error
    assert page.locator(MAIN).get_by_text("Ready:").count() == 0
    _commit(page, _field(page, STORY_LABEL), STORY)
    assert _errors_beside(page, STORY_LABEL) == []
    _healthy(page)


def test_a_persona_added_from_the_builder_opens_on_the_persona_page(
    open_tab: OpenTab, server: Server
) -> None:
    page = open_tab(*SIZES["1280"]).page
    visit(page, server, "builder")
    _build(page)
    page.get_by_role("button", name="Add to this session's personas").click()
    wait_for_script(page)
    page.get_by_role("link", name="Open it on the persona page").click()
    wait_for_script(page)
    page.locator(f"{MAIN} h1", has_text=BUILT_LABEL).wait_for()
    _healthy(page)


@pytest.mark.parametrize("size", ["1280", "390"])
def test_axe_finds_no_moderate_or_worse_violation_on_the_builder(
    open_tab: OpenTab, server: Server, size: str
) -> None:
    page = open_tab(*SIZES[size]).page
    visit(page, server, "builder")
    _commit(page, _field(page, STORY_LABEL), STORY + " Reach her at jane.doe@example.com.")
    violations = _violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("size", ["390", "1280", "1920"])
def test_builder_screenshots(open_tab: OpenTab, server: Server, size: str) -> None:
    page = open_tab(*SIZES[size]).page
    visit(page, server, "builder")
    page.locator(MAIN).get_by_label("Start from").click()
    page.get_by_role("option", name="Youth controlled by a pimp", exact=False).click()
    page.get_by_role("button", name="Start").click()
    wait_for_script(page)
    page.locator(MAIN).get_by_text("Ready:").wait_for()
    screenshot(page, f"advocate-builder-{size}-first-screen", full_page=False)
    screenshot(page, f"advocate-builder-{size}")
    overflow = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
                   return m.scrollWidth - m.clientWidth; }"""
    )
    assert overflow <= 1
    _healthy(page)


# --- the persona page answers first -----------------------------------------------------------


def test_the_persona_page_answers_before_any_chart_and_can_lead_with_their_view(
    open_tab: OpenTab, server: Server
) -> None:
    page = open_tab(*SIZES["1280"]).page
    visit(page, server, "persona?persona=p10-pimp-controlled-youth")
    answer = page.locator(".st-key-answer-first")
    first_chart = page.locator(".js-plotly-plot").first
    assert answer.bounding_box()["y"] < first_chart.bounding_box()["y"]  # type: ignore[index]
    assert answer.bounding_box()["y"] < 720, "the answer is on the first screen"  # type: ignore[index]
    assert "First responses" in answer.inner_text()
    screenshot(page, "advocate-persona-1280-first-screen", full_page=False)
    page.get_by_text("Lead with their own placement (L50)").click()
    wait_for_script(page)
    assert answer.inner_text().split("Where they stand:")[1].strip().startswith("They place")
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert labels[0].startswith("Self-placement")


# --- what was hit, at the sizes it was hit at -------------------------------------------------

_OVERLAPS = """(selector) => {
  const boxes = Array.from(document.querySelectorAll(selector))
    .map(el => el.getBoundingClientRect()).filter(r => r.width > 0);
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const apart = a.right - 1 <= b.left || b.right - 1 <= a.left
               || a.bottom - 1 <= b.top || b.bottom - 1 <= a.top;
    if (!apart) hits.push([i, j]);
  }
  return hits;
}"""


def _overflow(page: Page) -> int:
    width: int = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
                   return m.scrollWidth - m.clientWidth; }"""
    )
    return width


def test_interventions_at_a_glance_fits_1280_by_720_with_legal_items_in_coercion(
    open_tab: OpenTab, server: Server
) -> None:
    page = open_tab(*SIZES["1280"]).page
    visit(page, server, "interventions")
    table = page.locator(MAIN).locator('[data-testid="stTable"]').nth(1)
    table.scroll_into_view_if_needed()
    header = table.locator("th", has_text="Coercion").first
    box = header.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280, "the coercion column is on screen"
    rows = table.evaluate(
        """t => Array.from(t.querySelectorAll('tr')).map(
               tr => Array.from(tr.children).map(c => c.innerText.trim()))"""
    )
    header_row, *body = rows
    coercion = header_row.index("Coercion")
    legal = [r for r in body if "Legal" in r]
    assert legal and all(r[coercion] == "✓" for r in legal), "legal items apply in coercion"
    assert _overflow(page) <= 1
    screenshot(page, "advocate-interventions-1280-first-screen", full_page=False)


@pytest.mark.parametrize("size", ["390", "1280", "1440", "1920"])
def test_the_map_reads_at_every_size(open_tab: OpenTab, server: Server, size: str) -> None:
    width, height = SIZES[size]
    page = open_tab(width, height).page
    visit(page, server, "")
    plot = page.locator(".js-plotly-plot").first
    box = plot.bounding_box()
    assert box is not None and box["height"] > 300, "the map keeps its rows' height"
    # Zone names above the axis never run into each other ("Economicoercion"), nor labels.
    _drawn_map(page)
    assert page.evaluate(_OVERLAPS, ".js-plotly-plot .annotation-text") == []
    # Where they sit comes first in the table: on screen without a sideways scroll.
    frame = page.locator(f'{MAIN} [data-testid="stDataFrame"]').first
    frame.scroll_into_view_if_needed()
    frame.locator("table tr").first.wait_for(state="attached")
    headers = frame.evaluate(
        """el => Array.from(el.querySelectorAll('table tr')[0].children)
                      .map(c => c.textContent.trim())"""
    )
    assert headers[:3] == ["Persona", "Assessed", "Assessed zone"]
    # The grid draws on a canvas, so hold its first three columns' set widths (and the row
    # marker's) to the frame's width: the zone is on screen without a sideways scroll.
    widths = spectrum_map._columns()
    first_three = sum(widths[name]["width"] for name in spectrum_map.PHONE_COLUMNS)
    frame_box = frame.bounding_box()
    assert frame_box is not None
    assert first_three + ROW_MARKER_PX <= frame_box["width"], (first_three, frame_box)
    assert _overflow(page) <= 1
    screenshot(page, f"advocate-map-{size}")


def test_a_keyboard_opens_a_persona_from_the_map(open_tab: OpenTab, server: Server) -> None:
    page = open_tab(*SIZES["390"]).page
    visit(page, server, "")
    box = page.locator(MAIN).get_by_label("Open a persona")
    # The page settled first: a run arriving while the list is open would close it.
    wait_for_script(page)
    box.focus()
    page.keyboard.type("Runaway youth")
    # Enter picks the first option the typing left: wait for the list to have filtered.
    options = page.get_by_role("option")
    expect(options.first).to_have_text("Runaway youth trading sex to survive")
    expect(box).to_be_focused()
    page.keyboard.press("Enter")
    wait_for_script(page)
    page.locator(f"{MAIN} h1", has_text="Runaway youth trading sex to survive").wait_for()
    assert "persona=p07-runaway-survival" in page.url


ROOT = Path(__file__).resolve().parents[2]
ROW_MARKER_PX = 33
"""The grid's row-selection column, as Streamlit 1.67 draws it."""


def _bundled() -> list[model.Persona]:
    return list(model.load_personas([ROOT / "personas"]).personas)


def _drawn_map(page: Page) -> None:
    """Bring the map into view and wait for its text: Streamlit draws a chart only once it
    scrolls into view, so a check made before would find nothing and pass for nothing."""
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    page.locator(".js-plotly-plot .annotation-text").first.wait_for()


def _label_texts(page: Page) -> list[str]:
    """The persona labels drawn on the map, top row first (each label's lines joined)."""
    _drawn_map(page)
    texts: list[str] = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot .annotation-text'))
            .map(t => ({y: t.getBoundingClientRect().top,
                        t: (t.dataset.unformatted || '').replace(/<br>/g, ' ')
                             .replace(/<[^>]+>/g, '')}))
            .filter(a => a.t.length > 20)
            .sort((a, b) => a.y - b.y).map(a => a.t)"""
    )
    return texts


@pytest.mark.parametrize("size", ["390", "1920"])
def test_a_shared_link_orders_the_rows_and_highlights_one(
    open_tab: OpenTab, server: Server, size: str
) -> None:
    """A trainer's link opens the map ordered by the widest gap with one persona marked; every
    label whole (wrapped, never cut), none running into another."""
    page = open_tab(*SIZES[size]).page
    visit(page, server, "?order=gap&highlight=p07-runaway-survival")
    assessed = {a.persona_id: a for a in model.assess(_bundled(), model.default_config())}
    expected = [p.label for p in ordered(_bundled(), assessed, RowOrder.GAP)]
    labels = _label_texts(page)
    assert len(labels) == len(expected)
    for drawn, label in zip(labels, expected, strict=True):
        assert "…" not in drawn
        assert drawn.removeprefix(theme.HIGHLIGHT_MARK).startswith(label), (drawn, label)
    marked = [t for t in labels if t.startswith(theme.HIGHLIGHT_MARK)]
    assert marked and marked[0].startswith(theme.HIGHLIGHT_MARK + "Runaway youth")
    assert page.evaluate(_OVERLAPS, ".js-plotly-plot .annotation-text") == []
    expect(page.locator(MAIN).get_by_label("Order rows")).to_be_visible()
    assert "order=gap" in page.url and "highlight=p07-runaway-survival" in page.url
    screenshot(page, f"advocate-map-ordered-{size}")


def test_the_lead_with_their_own_place_holds_on_every_view(
    open_tab: OpenTab, server: Server
) -> None:
    page = open_tab(*SIZES["1280"]).page
    visit(page, server, "")
    page.locator(MAIN).get_by_text("Lead with their own placement (L50)").click()
    wait_for_script(page)
    frame = page.locator(f'{MAIN} [data-testid="stDataFrame"]').first
    frame.locator("table tr").first.wait_for(state="attached")
    headers = frame.evaluate(
        """el => Array.from(el.querySelectorAll('table tr')[0].children)
                      .map(c => c.textContent.trim())"""
    )
    assert headers[:3] == ["Persona", "Own place", "Own zone"]
    page.get_by_role("link", name="Compare framings").click()
    wait_for_script(page)
    toggle = page.locator(MAIN).get_by_role("switch", name="Lead with their own placement")
    expect(toggle).to_be_checked()
    expect(page.locator(MAIN)).to_contain_text("where they place themselves")
    page.get_by_role("link", name="Persona", exact=True).click()
    wait_for_script(page)
    labels = page.locator(f'{MAIN} [data-testid="stMetricLabel"]').all_inner_texts()
    assert labels[:2] == ["Self-placement", "Assessed position"]


def test_the_hover_box_sits_beside_its_marker(open_tab: OpenTab, server: Server) -> None:
    from tests.browser.conftest import centre, marker

    page = open_tab(*SIZES["1280"]).page
    visit(page, server, "")
    x, y = centre(page, marker(page, "p08-addiction-abuse-history"))
    page.mouse.move(x, y)
    label = page.locator(".hoverlayer .hovertext").first
    label.wait_for()
    box = label.bounding_box()
    assert box is not None
    inside = box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]
    assert not inside, "the hover box covers the marker it describes"
    assert box["width"] < 400
    # Nor does it reach the markers of the rows above and below.
    for neighbour in ("p07-runaway-survival", "p09-young-trans-woman-rejected"):
        _, other = centre(page, marker(page, neighbour))
        assert not box["y"] <= other <= box["y"] + box["height"], (neighbour, box, other)


@pytest.mark.parametrize("size", ["390", "1280"])
def test_the_framing_chart_legend_is_whole(open_tab: OpenTab, server: Server, size: str) -> None:
    width, height = SIZES[size]
    page = open_tab(width, height).page
    visit(page, server, "framings")
    plot = page.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    assert page.evaluate(_OVERLAPS, ".js-plotly-plot .legend .traces") == []
    svg = plot.locator("svg.main-svg").first.bounding_box()
    for text in page.locator(".js-plotly-plot .legend text.legendtext").all():
        box = text.bounding_box()
        assert box is not None and svg is not None
        assert box["x"] + box["width"] <= svg["x"] + svg["width"] + 1, text.inner_text()
    assert page.locator(".js-plotly-plot .legend", has_text="not stated").count() == 1


@pytest.mark.parametrize("size", ["1280", "1920", "390"])
def test_persona_charts_keep_names_and_values_apart(
    open_tab: OpenTab, server: Server, size: str
) -> None:
    width, height = SIZES[size]
    page = open_tab(width, height).page
    visit(page, server, "persona?persona=p10-pimp-controlled-youth")
    fit_viewport_to_page(page)
    for index in range(3):
        plot = page.locator('[data-testid="stPlotlyChart"]').nth(index)
        plot.scroll_into_view_if_needed()
        svg = plot.locator("svg.main-svg").first.bounding_box()
        assert svg is not None
        names = plot.locator(".yaxislayer-above .ytick text").all()
        for name in names:
            box = name.bounding_box()
            assert box is not None and box["x"] >= svg["x"] - 1, f"clipped: {name.inner_text()}"
        # No value runs into a name, and no tick into another.
        ticks = plot.evaluate(
            """el => {
                const r = s => Array.from(el.querySelectorAll(s))
                                    .map(e => e.getBoundingClientRect());
                const names = r('.yaxislayer-above .ytick text'), values = r('.bartext');
                const xs = r('.xaxislayer-above .xtick text');
                const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                                    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
                let n = 0;
                for (const a of names) for (const b of values) if (hit(a, b)) n++;
                for (let i = 0; i < xs.length; i++)
                    for (let j = i + 1; j < xs.length; j++) if (hit(xs[i], xs[j])) n++;
                return n;
            }"""
        )
        assert ticks == 0, f"chart {index} at {size}: {ticks} overlaps"
    screenshot(page, f"advocate-persona-{size}")


@pytest.mark.parametrize("path", ["", "persona", "builder", "interventions", "framings", "about"])
def test_the_notice_stays_in_view_when_the_sidebar_is_collapsed(
    open_tab: OpenTab, server: Server, path: str
) -> None:
    page = open_tab(*SIZES["390"]).page
    visit(page, server, path)
    notice = page.locator(".st-key-notice-sidebar-closed")
    assert notice.is_visible(), (
        "the sidebar is collapsed on a phone: the notice is in the main area"
    )
    assert "Never a screening or identification tool" in notice.inner_text()
    wide = open_tab(*SIZES["1280"]).page
    visit(wide, server, path)
    expect(wide.locator(".st-key-notice-sidebar-closed")).to_be_hidden()  # the sidebar has it
