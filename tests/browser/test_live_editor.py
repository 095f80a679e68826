"""The adjust page's live editor in Chromium: the chart follows a weight slider while it moves,
the server's numbers follow when it settles, and the browser's rule is the model's.

- the browser's rule (``dashboard/components/live_editor/rule.js``), loaded alone in a blank
  page, places hypothesis-generated personas under generated configurations where
  ``model.scoring.reference_position`` does, within 1e-9;
- a slider dragged and still held has moved the chart, to the model's positions; released, the
  table follows; keys move it too (arrows, Home, End) and its value is read out;
- a marker clicked, or a persona chosen by keyboard on the chart, opens that persona;
- plotly.js comes from this server, nothing from anywhere else; axe finds nothing.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Locator, Page, expect

import model
from model import assess, default_config
from model.engine import score_positions
from model.live_rule import live_rule
from model.scoring import reference_position
from tests import strategies
from tests.browser.conftest import (
    LOCAL_HOSTS,
    ROOT,
    Server,
    Tab,
    fit_viewport_to_page,
    visit,
    wait_for_script,
)

pytestmark = pytest.mark.browser

RULE_JS = ROOT / "dashboard" / "components" / "live_editor" / "rule.js"
AGREEMENT = 1e-9
EDITOR = ".ccc-live"
TABLE = '[data-testid="stMain"] [data-testid="stTable"]'
POVERTY = "Poverty or financial desperation: weight (plausible {low:g}–{high:g})"
LINKY = "see https://evil.example/login or www.evil.example and mail a@evil.example"

# The filled markers' positions (data units) as the plot holds them now.
DRAWN = """() => {
  const plot = document.querySelector('.ccc-live__plot.js-plotly-plot');
  const traces = plot && plot.data;
  if (!traces) return null;
  const after = traces.filter(t => t.mode === 'markers').pop();
  return Array.from(after.x);
}"""
POINTS = "() => Array.from(document.querySelectorAll('.ccc-live .scatterlayer path.point'))" + (
    ".map(p => p.getAttribute('transform')).join('|')"
)


# --- the browser's rule is the model's --------------------------------------------------------


@pytest.fixture(scope="module")
def rule_page(browser: Browser) -> Iterator[Page]:
    """A blank page holding the component's rule module as ``window.rule``: the same file the
    dashboard serves, with nothing of the dashboard around it."""
    context = browser.new_context()
    page = context.new_page()
    source = base64.b64encode(RULE_JS.read_bytes()).decode()
    page.evaluate(
        "async (src) => { window.rule = await import('data:text/javascript;base64,' + src); }",
        source,
    )
    yield page
    context.close()


def _rule(config: model.ModelConfig) -> dict[str, Any]:
    rule = live_rule(config)
    assert rule is not None, "the model's rule is exported"
    return rule


def _browser_positions(page: Page, rule: dict[str, Any], values: list[list[float]], weights=None):
    return page.evaluate(
        "([rule, values, weights]) => window.rule.positions(rule, values, weights ?? undefined)",
        [rule, values, weights],
    )


@st.composite
def _rows(draw: st.DrawFn, config: model.ModelConfig) -> list[dict[str, float]]:
    """Personas' factor values, some exactly at the presence level or the decisive threshold
    (where a comparison decides the reach)."""
    scoring = config.scoring
    edges = st.sampled_from([0.0, 1.0, scoring.presence, scoring.decisive_threshold])
    value = st.one_of(strategies.unit_floats, edges)
    row = st.fixed_dictionaries({fid: value for fid in strategies.FACTOR_IDS})
    return draw(st.lists(row, min_size=1, max_size=8))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_browsers_rule_places_personas_as_the_models_reference_rule(
    rule_page: Page, data: st.DataObject
) -> None:
    config = data.draw(strategies.configs(), label="config")
    rows = data.draw(_rows(config), label="personas")
    rule = _rule(config)
    values = [[row[fid] for fid in rule["factors"]] for row in rows]
    got = _browser_positions(rule_page, rule, values)
    assert got is not None, "the browser refused a rule of its own version"
    expected = [reference_position(row, config)[0] for row in rows]
    assert max(abs(g - e) for g, e in zip(got, expected, strict=True)) <= AGREEMENT
    engine = score_positions(np.array(values, dtype=float), config)
    assert max(abs(g - e) for g, e in zip(got, engine, strict=True)) <= AGREEMENT


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_while_a_slider_moves_the_browser_places_personas_under_the_moved_weights(
    rule_page: Page, data: st.DataObject
) -> None:
    """The live path: the configuration in force, with the weights the sliders show."""
    config = data.draw(strategies.configs(), label="config in force")
    moved = data.draw(strategies.configs(), label="weights the sliders show")
    rows = data.draw(_rows(config), label="personas")
    rule = _rule(config)
    values = [[row[fid] for fid in rule["factors"]] for row in rows]
    got = _browser_positions(rule_page, rule, values, _rule(moved)["weights"])
    assert got is not None
    sliding = config.model_copy(update={"weights": moved.weights})
    expected = [reference_position(row, sliding)[0] for row in rows]
    assert max(abs(g - e) for g, e in zip(got, expected, strict=True)) <= AGREEMENT


def test_a_rule_of_another_version_is_refused_never_guessed(rule_page: Page) -> None:
    rule = _rule(default_config())
    values = [[0.5] * len(rule["factors"])]
    assert _browser_positions(rule_page, rule, values) is not None
    assert _browser_positions(rule_page, {**rule, "version": rule["version"] + 1}, values) is None
    zero = [
        0.0 if i in range(*rule["columns"]["capital"]) else w for i, w in enumerate(rule["weights"])
    ]
    assert _browser_positions(rule_page, rule, values, zero) is None, "undefined: no number"


# --- the page ---------------------------------------------------------------------------------


def _poverty(page: Page) -> Locator:
    low, high = default_config().weights["poverty"].range
    return page.get_by_label(POVERTY.format(low=low, high=high), exact=True)


def _exact_name(low: float, high: float) -> str:
    return POVERTY.format(low=low, high=high) + ": exact value"


def _open_editor(page: Page, server: Server) -> None:
    visit(page, server, "adjust")
    page.locator(f"{EDITOR} .js-plotly-plot .main-svg").first.wait_for()
    expect(page.locator(EDITOR)).to_have_attribute("data-live", "on")
    page.locator(EDITOR).scroll_into_view_if_needed()


def _expected(bundled: list[model.Persona], poverty: float) -> list[float]:
    config = default_config().with_weight("poverty", poverty)
    return [a.position for a in assess(bundled, config)]


def test_the_chart_follows_a_dragged_slider_before_release_and_the_table_after(
    tab: Tab, server: Server, bundled
) -> None:
    page = tab.page
    _open_editor(page, server)
    slider = _poverty(page)
    before, table = page.evaluate(POINTS), page.locator(TABLE).inner_text()
    # In the middle of the viewport: at its top, Streamlit's header would take the press.
    slider.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = slider.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.5, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.97, y, steps=6)
    page.wait_for_function("(before) => (" + POINTS + ")() !== before", arg=before)
    # Still held: the chart has moved, to the model's positions for the slider's value...
    value = float(slider.input_value())
    assert value > default_config().weight("poverty")
    drawn = page.evaluate(DRAWN)
    expected = _expected(bundled, value)
    assert max(abs(d - e) for d, e in zip(drawn, expected, strict=True)) <= AGREEMENT
    # ... and the server has not been asked: the table still shows the default.
    page.wait_for_timeout(700)
    assert page.locator(TABLE).inner_text() == table, "the table waits for the release"
    page.mouse.up()
    expect(page.locator(TABLE)).not_to_have_text(table)
    wait_for_script(page)
    labels = {p.id: p.label for p in bundled}
    moved = {labels[a.persona_id]: a.position for a in assess(bundled, default_config())}
    rows = page.locator(f"{TABLE} tbody tr").all_inner_texts()
    now = _expected(bundled, value)
    for persona, position in zip(bundled, now, strict=True):
        row = next(r for r in rows if r.startswith(persona.label))
        assert f"{position:.3f}" in row, (row, position, moved[persona.label])
    drawn = page.evaluate(DRAWN)
    assert max(abs(d - e) for d, e in zip(drawn, now, strict=True)) <= AGREEMENT
    assert not tab.errors, tab.errors


def test_keys_move_a_slider_its_value_is_read_out_and_the_server_follows(
    tab: Tab, server: Server, bundled
) -> None:
    page = tab.page
    _open_editor(page, server)
    slider = _poverty(page)
    low, high = default_config().weights["poverty"].range
    describedby = slider.get_attribute("aria-describedby")
    assert describedby, "the slider names its help"
    expect(page.locator(f"#{describedby}")).to_be_visible()
    expect(page.locator(f"#{describedby}")).to_contain_text("L42")
    slider.focus()
    page.keyboard.press("End")
    expect(slider).to_have_attribute("aria-valuetext", f"{high:.2f}")
    page.keyboard.press("ArrowLeft")
    expect(slider).to_have_attribute("aria-valuetext", f"{high - 0.05:.2f}")
    page.keyboard.press("Home")
    expect(slider).to_have_attribute("aria-valuetext", f"{low:.2f}")
    drawn = page.evaluate(DRAWN)
    assert max(abs(d - e) for d, e in zip(drawn, _expected(bundled, low), strict=True)) <= 1e-9
    exact = page.get_by_role(
        "spinbutton", name=POVERTY.format(low=low, high=high) + ": exact value"
    )
    expect(exact).to_have_value(f"{low:.2f}")
    # Settled: the server's table and the address follow.
    first = bundled[2]
    expected = next(a for a in assess(bundled, default_config().with_weight("poverty", low))
                    if a.persona_id == first.id)  # fmt: skip
    row = page.locator(f"{TABLE} tbody tr", has_text=first.label)
    expect(row).to_contain_text(f"{expected.position:.3f}")
    page.wait_for_function("() => location.search.includes('model=')")
    assert not tab.errors, tab.errors


def test_a_typed_value_past_the_range_widens_it(tab: Tab, server: Server) -> None:
    page = tab.page
    _open_editor(page, server)
    low, high = default_config().weights["poverty"].range
    exact = page.get_by_role(
        "spinbutton", name=POVERTY.format(low=low, high=high) + ": exact value"
    )
    exact.fill("2.4")
    exact.press("Enter")
    expect(page.locator(EDITOR)).to_contain_text(f"(plausible {low:g}–2.4)")
    expect(_poverty_widened(page, low)).to_have_attribute("aria-valuetext", "2.40")


def _poverty_widened(page: Page, low: float) -> Locator:
    return page.get_by_label(POVERTY.format(low=low, high=2.4), exact=True)


def _filled_marker(page: Page, index: int) -> Locator:
    """The filled (now) marker of the ``index``-th persona: the last markers trace."""
    traces = page.locator(f"{EDITOR} .scatterlayer .trace")
    return traces.nth(traces.count() - 1).locator("path.point").nth(index)


def test_a_click_on_a_marker_opens_that_persona(tab: Tab, server: Server, bundled) -> None:
    page = tab.page
    _open_editor(page, server)
    persona = bundled[3]
    point = _filled_marker(page, 3)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(f"**/persona?persona={persona.id}")
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(persona.label)


def test_the_chart_reads_each_persona_by_keyboard_and_opens_one(
    tab: Tab, server: Server, bundled
) -> None:
    page = tab.page
    _open_editor(page, server)
    chart = page.locator(f"{EDITOR} .ccc-live__plot")
    expect(chart).to_have_attribute("role", "img")
    assert "Dot plot comparing" in (chart.get_attribute("aria-label") or "")
    chart.focus()
    reading = page.locator(f"{EDITOR} .ccc-live__reading")
    page.keyboard.press("ArrowDown")
    first = assess(bundled, default_config())[0]
    expect(reading).to_contain_text(f"{bundled[0].label} ({bundled[0].id})")
    expect(reading).to_contain_text(f"{first.position:.3f} now")
    expect(page.locator(f"{EDITOR} .ccc-live__plot .hoverlayer")).to_contain_text(bundled[0].id)
    page.keyboard.press("ArrowDown")
    expect(reading).to_contain_text(bundled[1].id)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/persona?persona={bundled[1].id}")
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(bundled[1].label)


def test_chart_only_groups_redraw_from_the_server(tab: Tab, server: Server) -> None:
    page = tab.page
    _open_editor(page, server)
    page.get_by_text("Zone boundaries", exact=True).click()
    wait_for_script(page)
    expect(page.locator(f"{EDITOR} input[type=range]")).to_have_count(0)
    shapes = f"{EDITOR} .shapelayer path"
    before = page.locator(shapes).evaluate_all("ps => ps.map(p => p.getAttribute('d'))")
    page.locator('[data-testid="stSlider"] input[aria-label="Choice ends at"]').focus()
    page.keyboard.press("ArrowRight")
    wait_for_script(page)
    page.wait_for_function(
        "([sel, before]) => JSON.stringify(Array.from(document.querySelectorAll(sel))"
        ".map(p => p.getAttribute('d'))) !== JSON.stringify(before)",
        arg=[shapes, before],
    )
    assert not tab.errors, tab.errors


def test_plotly_comes_from_this_server_and_axe_finds_nothing(tab: Tab, server: Server) -> None:
    page = tab.page
    _open_editor(page, server)
    _poverty(page).focus()
    page.keyboard.press("ArrowRight")
    wait_for_script(page)
    page.locator(f"{EDITOR} .ccc-live__plot").focus()
    page.keyboard.press("ArrowDown")
    served = [u for u in tab.requests if "plotly.min.js" in u]
    assert served and all(urlparse(u).path.startswith("/_stcore/bidi-components/") for u in served)
    foreign = [u for u in tab.requests if urlparse(u).hostname not in LOCAL_HOSTS]
    assert not [u for u in foreign if not u.startswith(("data:", "blob:"))], foreign
    fit_viewport_to_page(page)
    result = Axe().run(page)
    judged = [
        v
        for v in result.response["violations"]
        if v.get("impact") in ("moderate", "serious", "critical")
    ]
    assert not judged, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in judged]


def test_a_configurations_basis_shows_as_plain_text_beside_its_slider(
    tab: Tab, server: Server
) -> None:
    """The basis of a loaded file is the slider's visible help: text, never a link or markup."""
    page = tab.page
    _open_editor(page, server)
    data = default_config().model_dump(mode="json")
    data["weights"]["poverty"]["basis"] = f"L42. {LINKY} <b>bold</b>"
    uploader = page.locator('[data-testid="stMain"] [data-testid="stFileUploader"]')
    uploader.locator('input[type="file"]').set_input_files(
        [
            {
                "name": "basis.json",
                "mimeType": "application/json",
                "buffer": json.dumps(data).encode(),
            }
        ]
    )
    help_ = page.locator(f"#{_poverty(page).get_attribute('aria-describedby')}")
    expect(help_).to_have_text(f"L42. {LINKY} <b>bold</b>")
    assert page.locator(f"{EDITOR} a, {EDITOR} b").count() == 0
