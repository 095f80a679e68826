"""End to end in Chromium against ``streamlit run dashboard/app.py``.

Every page renders (and is screenshotted to ``artifacts/screenshots/``); a click on a map marker
opens that persona; uploads are validated with clear errors, never run as HTML or script, and
stay in their own session; the URL reproduces a view; axe-core finds no serious or critical
accessibility violation; and the browser asks nothing of any host but localhost.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

import model
from model import Layer, Zone, assess, default_config, framings
from model.explanation import NOTICE, explain
from tests.browser.conftest import (
    EXCEPTION,
    JUDGED_IMPACTS,
    LOCAL_HOSTS,
    MAIN_ERRORS,
    PAGES,
    SIDEBAR_ERRORS,
    OpenTab,
    Server,
    Tab,
    centre,
    expect_map_ids,
    fit_viewport_to_page,
    marker,
    persona_file,
    screenshot,
    table_rows,
    upload_personas,
    visit,
    wait_for_script,
)

pytestmark = pytest.mark.browser


MAP_TABLE = '[data-testid="stMain"] [data-testid="stDataFrame"]'

XSS_ID = "u90-escaping-probe"
XSS_LABEL = "<b>bold</b> **stars** escaping probe"
XSS_NARRATIVE = (
    "A fictional composite that exists only to test escaping. "
    '<script>window.__xss=1</script> and <img src=x onerror="window.__xss=2"> '
    "must show as plain text and never run."
)


@pytest.fixture(scope="module")
def labels(bundled) -> dict[str, str]:
    return {p.id: p.label for p in bundled}


def title(page: Page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def assert_healthy(page: Page, *, expected_errors: int = 0) -> None:
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()
    errors = page.locator(MAIN_ERRORS).all_inner_texts()
    assert len(errors) == expected_errors, errors


def go_to_page_by_sidebar(page: Page, link_text: str, heading: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_text(link_text, exact=True).click()
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(heading)
    wait_for_script(page)


# --- every page -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_with_title_and_no_exception(
    tab: Tab, server: Server, labels, bundled, name: str
) -> None:
    path, heading = PAGES[name]
    visit(tab.page, server, path)
    expect(tab.page.locator('[data-testid="stMain"] h1').first).to_have_text(
        heading or labels[bundled[0].id]
    )
    assert_healthy(tab.page, expected_errors=1 if name == "about" else 0)
    if name == "about":
        expect(tab.page.locator(MAIN_ERRORS)).to_contain_text(
            "This is not a screening or identification tool"
        )
    assert tab.page.locator(SIDEBAR_ERRORS).count() == 0
    shot = screenshot(tab.page, name)
    assert shot.stat().st_size > 10_000, f"{shot} looks empty"
    assert tab.page.locator(EXCEPTION).count() == 0
    assert not tab.errors, f"JavaScript errors on {name}: {tab.errors}"


# --- the map ----------------------------------------------------------------------------------


def test_clicking_a_marker_opens_that_persona(tab: Tab, server: Server, labels) -> None:
    page = tab.page
    visit(page, server, "")
    target = "p08-addiction-abuse-history"
    x, y = centre(page, marker(page, target, "Assessed"))
    page.mouse.move(x, y)
    expect(page.locator(".js-plotly-plot .hoverlayer")).to_contain_text(f"({target})")
    page.mouse.click(x, y)

    page.wait_for_url("**/persona?*")
    wait_for_script(page)
    url = urlparse(page.url)
    assert url.path == "/persona"
    assert parse_qs(url.query)["persona"] == [target]
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(labels[target])
    assert_healthy(page)


def test_url_reproduces_a_filtered_map_and_a_persona(
    tab: Tab, server: Server, bundled, labels
) -> None:
    page = tab.page
    coerced = [a.persona_id for a in assess(bundled, default_config()) if a.zone is Zone.COERCION]
    assert 0 < len(coerced) < len(bundled)

    visit(page, server, "")
    expect_map_ids(page, [p.id for p in bundled])

    visit(page, server, "?zone=coercion")
    expect_map_ids(page, coerced)
    assert "coercion" in parse_qs(urlparse(page.url).query)["zone"][0].split(",")
    chips = page.locator('[data-testid="stMultiSelect"]').nth(1)
    expect(chips).to_contain_text(Zone.COERCION.label)

    visit(page, server, "persona?persona=p10-pimp-controlled-youth")
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(
        labels["p10-pimp-controlled-youth"]
    )
    assert_healthy(page)


# --- uploads ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file_name", "content", "expected"),
    [
        ("bad-poverty.toml", persona_file("u01-bad", poverty=7), "factors.poverty"),
        ("not-toml.toml", b"id = = 'broken'", "not valid TOML"),
    ],
    ids=["out-of-range-factor", "not-toml"],
)
def test_malformed_upload_shows_a_clear_error_and_the_app_keeps_working(
    tab: Tab, server: Server, bundled, file_name: str, content: bytes, expected: str
) -> None:
    page = tab.page
    visit(page, server, "")
    upload_personas(page, (file_name, content))

    error = page.locator(SIDEBAR_ERRORS)
    expect(error).to_have_count(1)
    expect(error).to_contain_text(file_name)
    expect(error).to_contain_text(expected)
    assert_healthy(page)
    expect_map_ids(page, [p.id for p in bundled])

    go_to_page_by_sidebar(page, "About and responsible use", "About and responsible use")
    assert_healthy(page, expected_errors=1)
    go_to_page_by_sidebar(page, "Spectrum map", PAGES["map"][1])
    assert_healthy(page)
    expect_map_ids(page, [p.id for p in bundled])


def test_valid_upload_appears_in_the_map_table(tab: Tab, server: Server, bundled) -> None:
    page = tab.page
    visit(page, server, "")
    upload_personas(page, ("mine.toml", persona_file("u02-valid-upload")))
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Added 1 persona")
    assert page.locator(SIDEBAR_ERRORS).count() == 0
    expect(page.locator(MAP_TABLE)).to_contain_text("u02-valid-upload")
    expect_map_ids(page, [p.id for p in bundled] + ["u02-valid-upload"])
    assert_healthy(page)

    # Its marker opens it, and the session keeps it (st.switch_page once lost the uploads).
    page.mouse.click(*centre(page, marker(page, "u02-valid-upload", "Assessed")))
    page.wait_for_url("**/persona?persona=u02-valid-upload")
    wait_for_script(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(
        "Adult selling sex to cover rent after a job loss"
    )
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Added 1 persona")
    go_to_page_by_sidebar(page, "Spectrum map", PAGES["map"][1])
    expect_map_ids(page, [p.id for p in bundled] + ["u02-valid-upload"])
    assert_healthy(page)


def test_uploaded_markup_is_shown_as_text_never_run(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "")
    content = persona_file(XSS_ID, label=XSS_LABEL, narrative=XSS_NARRATIVE)
    upload_personas(page, ("markup.toml", content))
    assert page.locator(SIDEBAR_ERRORS).count() == 0, page.locator(SIDEBAR_ERRORS).all_inner_texts()

    # On the map: the label is drawn by Plotly as characters, not as markup.
    label_marker = marker(page, XSS_ID, "Assessed")
    page.mouse.move(*centre(page, label_marker))
    hover = page.locator(".js-plotly-plot .hoverlayer")
    expect(hover).to_contain_text(XSS_LABEL)
    svg_text = page.locator(".js-plotly-plot").first.evaluate("el => el.textContent")
    assert XSS_LABEL in svg_text, "the row label shows the literal tags"
    bold_from_label = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot b, .js-plotly-plot tspan'))
             .filter(el => el.tagName.toLowerCase() === 'b' || el.textContent === 'bold')
             .length"""
    )
    assert bold_from_label == 0, "the label's <b> became markup in the chart"

    # On its own page, opened from its marker within this session (a fresh page load would be
    # a new session without the upload): the narrative's script and image stay text.
    page.mouse.click(*centre(page, label_marker))
    page.wait_for_url(f"**/persona?persona={XSS_ID}")
    wait_for_script(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(XSS_LABEL)
    main_text = page.locator('[data-testid="stMain"]').inner_text()
    assert "<script>window.__xss=1</script>" in main_text
    assert '<img src=x onerror="window.__xss=2">' in main_text
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('[data-testid="stMain"] b').filter(has_text="bold").count() == 0
    assert page.locator('[data-testid="stMain"] h1 strong').count() == 0, "Markdown was rendered"
    assert page.locator("script").filter(has_text="window.__xss").count() == 0
    assert_healthy(page)


def test_uploads_are_never_seen_by_another_session(
    open_tab: OpenTab, server: Server, bundled
) -> None:
    first, second = open_tab(), open_tab()
    visit(first.page, server, "")
    upload_personas(first.page, ("private.toml", persona_file("u03-private-upload")))
    expect(first.page.locator(MAP_TABLE)).to_contain_text("u03-private-upload")

    visit(second.page, server, "")
    expect_map_ids(second.page, [p.id for p in bundled])
    expect(second.page.locator('[data-testid="stSidebar"]')).not_to_contain_text("Added")

    # The first session still has it, after moving between pages within the session.
    go_to_page_by_sidebar(first.page, "Compare framings", "Compare framings")
    go_to_page_by_sidebar(first.page, "Spectrum map", PAGES["map"][1])
    expect(first.page.locator(MAP_TABLE)).to_contain_text("u03-private-upload")


def test_downloaded_settings_are_those_in_force_when_clicked(tab: Tab, server: Server) -> None:
    # The settings the live editor's slider settled on, as the server holds them when clicked.
    page = tab.page
    visit(page, server, "adjust")
    # The weight's slider is the live editor's (dashboard/live_editor.py): the server hears of
    # it once it settles, and the address then carries the model.
    page.locator(".ccc-live input[type=range]").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('model=')")
    wait_for_script(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download settings").click()
    path = download.value.path()
    assert path.read_text(encoding="utf-8").splitlines()[0] == f"# {NOTICE}"
    served = model.load_config_bytes(path.read_bytes(), download.value.suggested_filename)
    default = default_config()
    assert served.weight("poverty") == pytest.approx(default.weight("poverty") + 0.15)
    assert served.model_copy(update={"weights": default.weights}) == default, "only that moved"
    assert_healthy(page)


# --- accessibility ----------------------------------------------------------------------------


# Serious and critical, as the issue asks, and moderate too (heading order, landmarks), which
# the pages are now clean of. Minor findings are left: the one seen,
# presentation-role-conflict, is inside Streamlit's own file uploader.


def _judged_violations(page: Page) -> list[dict[str, Any]]:
    fit_viewport_to_page(page)  # axe only judges contrast of what is in the viewport
    result = Axe().run(page)
    return [v for v in result.response["violations"] if v.get("impact") in JUDGED_IMPACTS]


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [node["target"] for node in v["nodes"][:4]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}; e.g. {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "persona",
        "persona?persona=p10-pimp-controlled-youth",
        "persona?persona=p13-aged-out-foster",
        "interventions",
        "framings",
        "adjust",
        "about",
    ],
    ids=[
        "map",
        "persona",
        "persona-minor",
        "persona-not-stated",
        "interventions",
        "framings",
        "adjust",
        "about",
    ],
)
def test_axe_finds_no_moderate_or_worse_violation(tab: Tab, server: Server, path: str) -> None:
    visit(tab.page, server, path)
    violations = _judged_violations(tab.page)
    assert not violations, _describe(violations)


def test_axe_finds_no_moderate_or_worse_violation_with_an_upload_error(
    tab: Tab, server: Server
) -> None:
    visit(tab.page, server, "")
    upload_personas(tab.page, ("bad.toml", persona_file("u04-bad", poverty=7)))
    expect(tab.page.locator(SIDEBAR_ERRORS)).to_have_count(1)
    violations = _judged_violations(tab.page)
    assert not violations, _describe(violations)


# --- model v2 ---------------------------------------------------------------------------------


def _main_text(page: Page) -> str:
    """Everything the main area holds as text, chart labels (SVG) included."""
    text: str = page.locator('[data-testid="stMain"]').evaluate("el => el.textContent")
    return text


def test_persona_page_shows_the_explanation_both_layers_and_every_framing(
    tab: Tab, server: Server, bundled
) -> None:
    page = tab.page
    visit(page, server, "persona?persona=p10-pimp-controlled-youth")
    a = next(
        x for x in assess(bundled, default_config()) if x.persona_id == "p10-pimp-controlled-youth"
    )
    answer = page.locator(".st-key-answer-first")  # the answer first (issue 12)
    expect(answer).to_contain_text("Why:")
    expect(answer).to_contain_text(explain(a))
    headings = page.locator('[data-testid="stMain"] h3').all_inner_texts()
    assert f"1. {Layer.STARTING.label}" in headings
    assert f"2. {Layer.PROTECTIONS.label}" in headings
    warning = page.locator('[data-testid="stMain"] [data-testid="stAlertContentWarning"]')
    expect(warning).to_contain_text("Violence recorded")
    expect(warning).to_contain_text("never moves the position; support (L70)")

    cards = [page.locator(f".st-key-framing-{f.id.value}") for f in framings()]
    tops = []
    for card, f in zip(cards, framings(), strict=True):
        expect(card).to_contain_text(f.title)
        expect(card).to_contain_text(f.misses)
        box = card.bounding_box()
        assert box is not None
        tops.append(box["y"])
    assert max(tops) - min(tops) < 5, "the four framings side by side"
    expect(cards[0]).to_contain_text(Layer.PROTECTIONS.label)
    expect(cards[-1]).to_contain_text("Not placed on the axis")
    assert_healthy(page)


def test_the_map_marks_violence_in_its_own_column_and_table(
    tab: Tab, server: Server, bundled
) -> None:
    page = tab.page
    visit(page, server, "")
    expected = [a.persona_id for a in assess(bundled, default_config()) if a.violence_present]
    for persona_id in expected:
        mark = marker(page, persona_id, "Violence recorded")
        page.mouse.move(*centre(page, mark))
        expect(page.locator(".js-plotly-plot .hoverlayer")).to_contain_text("never moves")
    axis_end, column_start = page.evaluate(
        """() => { const l = document.querySelector('.js-plotly-plot')._fullLayout;
                   return [l.xaxis._offset + l.xaxis._length, l.xaxis2._offset]; }"""
    )
    assert axis_end < column_start, "the violence column stands apart from the axis"
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("▲ triangle in the")
    rows = table_rows(page)
    by_id = {a.persona_id: a for a in assess(bundled, default_config())}
    assert [r["Violence recorded"].startswith("Yes") for r in rows] == [
        by_id[r["ID"]].violence_present for r in rows
    ]
    assert_healthy(page)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "persona?persona=p10-pimp-controlled-youth",
        "interventions",
        "framings",
        "adjust",
        "about",
    ],
    ids=["map", "persona-minor", "interventions", "framings", "adjust", "about"],
)
def test_no_page_says_coerced_in_law(tab: Tab, server: Server, path: str) -> None:
    visit(tab.page, server, path)
    fit_viewport_to_page(tab.page)
    text = _main_text(tab.page) + tab.page.locator('[data-testid="stSidebar"]').inner_text()
    assert "coerced in law" not in text.lower()
    assert "treated as coerced" in text or path in ("interventions", "adjust", "about", "framings")


def test_every_download_carries_the_notice(tab: Tab, server: Server, bundled) -> None:
    page = tab.page
    visit(page, server, "")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download personas (TOML)").click()
    data = download.value.path().read_bytes()
    assert data.decode("utf-8").splitlines()[0] == f"# {NOTICE}"
    loaded = model.load_persona_bytes(data, download.value.suggested_filename)
    assert loaded.ok, loaded.problems
    assert [p.id for p in loaded.personas] == [p.id for p in bundled]

    with page.expect_download() as download:
        page.get_by_role("button", name="Download this table (CSV)").click()
    first = download.value.path().read_text(encoding="utf-8").splitlines()[0]
    assert NOTICE in first

    # The interactive table's own CSV export could not carry the notice: it is switched off.
    frame = page.locator(MAP_TABLE).first
    frame.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    toolbar.wait_for()
    labels = toolbar.locator("button").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label') || e.textContent)"
    )
    assert labels, "the toolbar shows its other buttons"
    assert not [label for label in labels if "download" in (label or "").lower()], labels
    assert page.locator(".modebar").count() == 0, "no image download on the charts"
    assert_healthy(page)


SIZES = {"1280x720": (1280, 720), "390": (390, 844)}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("map", ""),
        ("persona", "persona?persona=p10-pimp-controlled-youth"),
        ("persona-not-stated", "persona?persona=p13-aged-out-foster"),
        ("framings", "framings"),
    ],
)
def test_pages_read_at_laptop_and_phone_widths(
    open_tab: OpenTab, server: Server, name: str, path: str, size: str
) -> None:
    """Screenshots for a person to look at (``artifacts/screenshots/<page>-<size>*.png``), and
    the checks that caught what read badly: nothing wider than the screen, and the map's axis
    keeping most of the width on a phone (its labels once took a 300 px margin)."""
    width, height = SIZES[size]
    tab = open_tab(width, height)
    page = tab.page
    visit(page, server, path)
    screenshot(page, f"{name}-{size}-first-screen", full_page=False)
    shot = screenshot(page, f"{name}-{size}")
    assert shot.stat().st_size > 10_000
    overflow = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
                   return m.scrollWidth - m.clientWidth; }"""
    )
    assert overflow <= 1, f"{name} is {overflow} px wider than the screen at {size}"
    if name == "map":
        axis = page.evaluate(
            "() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis._length"
        )
        assert axis > 0.6 * (width if width < 600 else 700), f"the axis is {axis} px wide"
    assert_healthy(page)
    assert not tab.errors, f"JavaScript errors on {name}: {tab.errors}"


@pytest.mark.parametrize(
    "path",
    ["", "persona?persona=p10-pimp-controlled-youth", "framings"],
    ids=["map", "persona", "framings"],
)
def test_axe_finds_no_moderate_or_worse_violation_on_a_phone(
    open_tab: OpenTab, server: Server, path: str
) -> None:
    tab = open_tab(390, 844)
    visit(tab.page, server, path)
    violations = _judged_violations(tab.page)
    assert not violations, _describe(violations)


# --- privacy ----------------------------------------------------------------------------------


def test_no_request_leaves_localhost(tab: Tab, server: Server) -> None:
    page = tab.page
    for path, _ in PAGES.values():
        visit(page, server, path)
        fit_viewport_to_page(page)  # draw everything, including lazy parts below the fold
    visit(page, server, "")
    page.mouse.move(*centre(page, marker(page, "p05-teen-carer", "Assessed")))
    expect(page.locator(".js-plotly-plot .hoverlayer")).to_contain_text("p05-teen-carer")

    assert tab.requests, "the recorder saw nothing"
    outside = []
    for url in tab.requests:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob"):
            continue
        if parsed.hostname not in LOCAL_HOSTS:
            outside.append(url)
    assert not outside, f"requests left the machine: {sorted(set(outside))}"
    assert any(urlparse(u).scheme == "ws" for u in tab.requests), "the websocket was recorded"


def test_server_log_has_no_traceback(server: Server) -> None:
    """Runs last in this module; the server fixture checks the full log again at teardown."""
    log = server.log_text()
    assert f"localhost:{server.port}" in log, f"the log did not capture the start-up:\n{log}"
    assert "Traceback" not in log, log[-4000:]
