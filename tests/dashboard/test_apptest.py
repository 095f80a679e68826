"""The dashboard, run in-process with ``streamlit.testing.v1.AppTest``.

Every page renders without an exception and shows what it is for; the URL's query parameters
reproduce a view; changing the model on *Adjust the model* moves the personas on the map, a
configuration the model refuses leaves the last valid one in force, and *Reset* restores the
default; the map's filters and the sidebar's persona upload change the table as they should.

Expected values come from the model itself (``model.assess``, ``model.catalogue``), never from
the dashboard's own helpers, so a page that shows the wrong thing fails here.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

import model
from model import (
    ZONES,
    AgeBand,
    FramingId,
    Layer,
    ModelConfig,
    PlacementBasis,
    Zone,
    assess,
    default_config,
    dump_config,
    frame_all,
    framings,
    load_config_bytes,
    plan_for,
    response_catalogue,
)
from model.explanation import NOTICE, explain
from tests import pages
from tests.dashboard import live
from tests.dashboard.conftest import (
    ABOUT,
    ADJUST,
    FRAMINGS,
    INTERVENTIONS,
    MAP,
    PAGES,
    PERSONA,
    bold_titles,
    map_table,
    open_page,
    page_texts,
    persona_toml,
    positions,
    section,
    unescape,
    walk,
)

App = Callable[..., AppTest]

TITLES = {pages.file_of(name): heading for name, heading in pages.HEADINGS.items() if heading}


@pytest.fixture(scope="module")
def default_positions(bundled) -> dict[str, float]:
    return {a.persona_id: a.position for a in assess(bundled, default_config())}


POVERTY = "cfg:weights.poverty.weight"
"""The poverty weight's slider: the adjust page names each control by its field's path."""
EXACT = "exact:"
"""The number box beside a slider (its key is the slider's, prefixed): a weight's slider runs
along its plausible range, and a value past it is typed."""


def config_of(at: AppTest) -> ModelConfig:
    """The configuration in force in this session (its one home, ``session.config``)."""
    current = at.session_state["config"].current
    assert isinstance(current, ModelConfig)
    return current


def plotly_charts(at: AppTest) -> dict[str, dict]:
    """The page's Plotly figures by widget key, as the JSON spec sent to the browser."""
    return {el.key: json.loads(el.proto.spec) for el in at.main.get("plotly_chart")}


# --- every page renders -----------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception_with_its_sidebar(app: App, page: str) -> None:
    at = open_page(app(), page)
    assert len(at.main.title) == 1
    if page in TITLES:
        assert at.main.title[0].value == TITLES[page]
    sidebar_text = " ".join(m.value for m in at.sidebar.markdown)
    assert "**Never** a screening or identification tool" in sidebar_text
    uploaders = [u.key for u in at.sidebar.get("file_uploader")]
    assert uploaders == ["persona_files"]
    assert not at.sidebar.error, "no upload yet, so no upload problem to show"


def test_map_page_shows_chart_and_one_table_row_per_bundled_persona(app: App, bundled) -> None:
    at = open_page(app(), MAP)
    charts = plotly_charts(at)
    assert set(charts) == {"map"}
    traces = {trace["name"]: trace for trace in charts["map"]["data"]}
    assessed_ids = [
        row[0]
        for name in ("Assessed (adult)", "Assessed (minor)")
        for row in traces[name]["customdata"]
    ]
    assert sorted(assessed_ids) == sorted(p.id for p in bundled), "one assessed marker each"

    table = map_table(at)
    assert len(table) == len(bundled)
    assert list(table["ID"]) == [p.id for p in bundled]
    assert list(table["Persona"]) == [p.label for p in bundled]
    expected = {a.persona_id: a for a in assess(bundled, default_config())}
    for pid, position, zone in zip(
        table["ID"], table["Assessed position"], table["Assessed zone"], strict=True
    ):
        assert position == pytest.approx(expected[pid].position, abs=5e-4)
        assert zone == expected[pid].zone.label
    assert [m.key for m in at.main.multiselect] == ["filter_age", "filter_zone"]


def test_persona_page_shows_metrics_narrative_and_interventions(app: App, bundled) -> None:
    at = open_page(app(), PERSONA)
    first = bundled[0]
    assert unescape(at.main.title[0].value) == first.label, "the first persona by default"
    assert [m.label for m in at.main.metric] == [
        "Assessed position",
        "Self-placement",
        "Gap (assessed − self)",
        "Legal status",
    ]
    assessment = assess([first], default_config())[0]
    assert at.main.metric[0].value == f"{assessment.position:.3f}", "three decimals everywhere"
    texts = [t.value for t in at.main.text]
    assert first.narrative in texts, "the narrative is shown as plain text"

    plan = plan_for(assessment)
    recommended = [x.item.title for x in (*plan.starting, *plan.protections)]
    assert recommended, "the model recommends something for every persona"
    bold = {unescape(m.value) for m in at.main.markdown}
    shown = [title for title in recommended if f"**{title}**" in bold]
    assert shown == recommended, "every response of both layers has its card"
    assert set(plotly_charts(at)) == {
        "contrib-chart",
        "factors-chart",
        "zones-chart",
        "sobol-chart",
        "tornado-chart",
    }


def test_interventions_page_shows_tabs_and_overview_table(app: App) -> None:
    at = open_page(app(), INTERVENTIONS)
    assert [tab.label for tab in at.main.tabs] == [z.label for z in ZONES] + ["Everywhere"]
    overview = at.main.table[1].value  # after the table of protections
    assert list(overview.index) == [i.title for i in response_catalogue().interventions]
    assert {z.short_label for z in ZONES} <= set(overview.columns)
    for tab, zone in zip(at.main.tabs, ZONES, strict=False):
        titles = {unescape(m.value) for m in tab.markdown}
        for item in response_catalogue().for_zone(zone):
            assert f"**{item.title}**" in titles, f"{item.title} missing from the {zone} tab"


def test_framings_page_shows_chart_and_tables(app: App, bundled) -> None:
    at = open_page(app(), FRAMINGS)
    assert set(plotly_charts(at)) == {"framings-chart"}
    by_persona = at.main.dataframe[0].value
    assert list(by_persona["Persona"]) == [p.label for p in bundled]
    assert len(by_persona.columns) == 1 + len(framings())
    assert len(at.main.table) == 1, "the detail table for the chosen framing"
    detail = at.main.table[0].value
    assert len(detail) == len(bundled)
    assert at.main.selectbox(key="framing_choice").value == framings()[0].id.value
    cards = [e for e in walk(at.main) if e.type == "markdown"]
    labels = {f"**{p.label}**" for p in bundled}
    assert len([c for c in cards if unescape(c.value) in labels]) == len(bundled), (
        "one card per persona for the chosen framing"
    )


def _slider_keys(at: AppTest) -> set[str]:
    return {s.key for s in at.main.slider}


def test_adjust_page_shows_every_control_group_by_group(app: App) -> None:
    at = open_page(app(), ADJUST)
    group = at.main.radio(key="adjust_group")
    assert group.value == "Economic hardship weights", "the bulk of circumstance (L42) first"
    seen: set[str] = set()
    for choice in group.options:
        at.main.radio(key="adjust_group").set_value(choice).run()
        assert not at.exception
        seen |= _slider_keys(at) | set(live.controls(at))
    for factor in model.factor_catalogue().factors:
        assert f"cfg:weights.{factor.id}.weight" in seen
    for name in ("choice_upper", "near_choice_upper", "economic_upper", "near_coercion_upper"):
        assert f"cfg:boundaries.{name}" in seen
    assert {
        "cfg:scoring.capital_lack.weight",
        "cfg:scoring.capital_lack.range",
        "cfg:scoring.circumstance_ceiling",
        "cfg:scoring.decisive_threshold",
        "cfg:scoring.presence",
    } <= seen
    weight_ranges = [k for k in seen if k.startswith("cfg:weights.") and k.endswith(".range")]
    assert not weight_ranges, "ranges hidden until asked for"

    at.main.radio(key="adjust_group").set_value("Economic hardship weights").run()
    assert live.control(at, POVERTY)["value"] == default_config().weight("poverty")
    assert [b.label for b in at.main.button] == ["Reset to default"]
    assert not plotly_charts(at) and live.editor(at), "the chart is the live editor's"
    assert not at.main.error

    at.main.toggle(key="edit_ranges").set_value(True).run()
    assert not at.exception
    keys = _slider_keys(at)
    for factor in model.factor_catalogue().of_kind(model.FactorKind.HARDSHIP):
        assert f"cfg:weights.{factor.id}.range" in keys
    poverty_range = at.main.slider(key="cfg:weights.poverty.range").value
    assert poverty_range == default_config().weights["poverty"].range


def test_a_weight_moved_in_one_group_survives_showing_another(app: App) -> None:
    # Only one group is drawn at a time; the others keep their values through the configuration.
    at = open_page(app(), ADJUST)
    live.set_weight(at, POVERTY, 2.0)
    at.main.radio(key="adjust_group").set_value("Capital weights").run()
    live.set_weight(at, "cfg:weights.social_capital.weight", 2.5)
    at.main.radio(key="adjust_group").set_value("Economic hardship weights").run()
    assert not at.exception
    assert live.control(at, POVERTY)["value"] == 2.0
    config = config_of(at)
    assert config.weight("poverty") == 2.0
    assert config.weight("social_capital") == 2.5


def test_about_page_states_it_is_not_a_screening_tool_and_lists_ten_points(app: App) -> None:
    at = open_page(app(), ABOUT)
    assert any("not a screening or identification tool" in e.value for e in at.main.error)
    points = at.main.table[0].value
    assert len(points) == 10
    assert list(points.index) == list(range(1, 11))
    assert "How this tool follows it" in points.columns


# --- query parameters -------------------------------------------------------------------------


def test_persona_query_parameter_opens_that_persona(app: App, bundled) -> None:
    at = app(persona="p05-teen-carer")
    open_page(at, PERSONA)
    label = next(p.label for p in bundled if p.id == "p05-teen-carer")
    assert unescape(at.main.title[0].value) == label
    assert at.query_params["persona"] == "p05-teen-carer"


def test_unknown_persona_query_parameter_falls_back_without_error(app: App, bundled) -> None:
    at = app(persona="no-such-persona")
    open_page(at, PERSONA)
    assert unescape(at.main.title[0].value) == bundled[0].label
    assert at.query_params["persona"] == bundled[0].id, "the URL now names what is shown"
    assert not at.main.error


def test_zone_and_age_query_parameters_filter_the_map(app: App, bundled) -> None:
    at = app(zone="coercion,not-a-zone", age="minor_16_17")
    table = map_table(at)
    zones = {a.persona_id: a.zone for a in assess(bundled, default_config())}
    expected = [
        p.id for p in bundled if zones[p.id] is Zone.COERCION and p.age_band.value == "minor_16_17"
    ]
    assert expected, "the bundled set has a coerced 16–17-year-old"
    assert list(table["ID"]) == expected
    assert at.main.multiselect(key="filter_zone").value == ["coercion"], "unknown zone dropped"


# --- adjusting the model ----------------------------------------------------------------------


def _poverty_personas(bundled) -> tuple[set[str], set[str]]:
    poor = {p.id for p in bundled if p.factor_values()["poverty"] > 0}
    assert poor and len(poor) < len(bundled), "bundled set has personas with and without poverty"
    return poor, {p.id for p in bundled} - poor


@pytest.mark.parametrize("new_weight", [3.0, 0.1], ids=["raise", "lower"])
def test_changing_a_hardship_weight_moves_positions_and_reset_restores_them(
    app: App, bundled, default_positions, new_weight: float
) -> None:
    at = app()
    before = positions(at)
    assert before == pytest.approx(default_positions, abs=5e-4)
    old_weight = default_config().weight("poverty")
    raising = new_weight > old_weight

    open_page(at, ADJUST)
    live.set_weight(at, POVERTY, new_weight)
    assert not at.exception
    assert not at.main.error
    assert config_of(at).weight("poverty") == new_weight
    low, high = config_of(at).weights["poverty"].range
    assert low <= new_weight <= high, "the plausible range widens to hold the weight"

    after = positions(at)
    poor, not_poor = _poverty_personas(bundled)
    moved = []
    for pid in poor:
        if raising:
            assert after[pid] >= before[pid], f"{pid} moved toward choice"
        else:
            assert after[pid] <= before[pid], f"{pid} moved toward coercion"
        if after[pid] != before[pid]:
            moved.append(pid)
    assert moved, "at least one persona with poverty > 0 moved"
    for pid in not_poor:
        assert after[pid] == before[pid], f"{pid} has no poverty yet moved"

    open_page(at, ADJUST)
    shift = at.main.table[0].value
    labels = {p.id: p.label for p in bundled}
    assert (shift.loc[[labels[pid] for pid in moved], "Change"].astype(float) != 0).all()

    at.main.button[0].click().run()
    assert not at.exception
    assert config_of(at) == default_config()
    assert live.control(at, POVERTY)["value"] == old_weight, "controls show the default"
    assert positions(at) == before


def test_invalid_boundaries_show_an_error_and_keep_the_previous_config(app: App) -> None:
    at = open_page(app(), ADJUST)
    live.set_weight(at, POVERTY, 2.0)
    valid = config_of(at)
    assert valid.weight("poverty") == 2.0
    valid_positions = positions(at)

    open_page(at, ADJUST)
    at.main.radio(key="adjust_group").set_value("Zone boundaries").run()
    at.main.slider(key="cfg:boundaries.choice_upper").set_value(0.9).run()
    assert not at.exception
    errors = [unescape(e.value) for e in at.main.error]
    assert len(errors) == 1
    assert "refuses" in errors[0]
    assert "Choice ends at" in errors[0] and "choice_upper" not in errors[0]
    assert config_of(at) == valid, "the last valid configuration stays in force"
    assert config_of(at).boundaries.choice_upper == valid.boundaries.choice_upper

    assert positions(at) == valid_positions
    open_page(at, MAP)
    assert not at.main.error, "the refusal is shown where the change was made"


def test_loading_a_configuration_file_applies_it_and_a_bad_one_is_refused(app: App) -> None:
    changed = default_config().model_copy(deep=True)
    changed.weights["poverty"] = changed.weights["poverty"].model_copy(
        update={"weight": 2.5, "range": (0.6, 3.0)}
    )
    at = open_page(app(), ADJUST)
    uploader = at.main.get("file_uploader")[0]
    assert uploader.key.startswith("config_file")
    uploader.set_value(("mine.toml", dump_config(changed).encode(), "application/toml")).run()
    assert not at.exception
    assert config_of(at).weight("poverty") == 2.5
    assert live.control(at, POVERTY)["value"] == 2.5, "controls follow the loaded file"

    uploader = at.main.get("file_uploader")[0]
    uploader.set_value(("broken.toml", b"[boundaries]\nchoice_upper = 'high'\n", "text/plain"))
    at.run()
    assert not at.exception
    errors = " ".join(unescape(e.value) for e in at.main.error)
    assert "broken.toml" in errors
    assert config_of(at).weight("poverty") == 2.5, "the refused file changed nothing"


# --- map filters ------------------------------------------------------------------------------


def test_map_filters_reduce_the_table_rows(app: App, bundled) -> None:
    at = app()
    zones = {a.persona_id: a.zone for a in assess(bundled, default_config())}
    assert len(map_table(at)) == len(bundled)

    at.main.multiselect(key="filter_age").set_value(["minor_under_16", "minor_16_17"]).run()
    minors = [p.id for p in bundled if p.is_minor]
    assert list(map_table(at)["ID"]) == minors
    assert set(map_table(at)["Minor"]) == {"Yes"}
    assert at.query_params["age"] == "minor_under_16,minor_16_17"

    at.main.multiselect(key="filter_zone").set_value(["coercion"]).run()
    both = [pid for pid in minors if zones[pid] is Zone.COERCION]
    assert 0 < len(both) < len(minors)
    assert list(map_table(at)["ID"]) == both
    assert at.query_params["zone"] == "coercion"

    at.main.multiselect(key="filter_age").set_value([]).run()
    coerced = [p.id for p in bundled if zones[p.id] is Zone.COERCION]
    assert list(map_table(at)["ID"]) == coerced
    assert set(map_table(at)["Assessed zone"]) == {Zone.COERCION.label}
    assert "age" not in at.query_params, "an empty filter leaves the URL"

    bands = [b for b in AgeBand if not any(p.age_band is b for p in bundled if p.id in coerced)]
    assert bands, "some age band has no coerced persona"
    at.main.multiselect(key="filter_age").set_value([bands[0].value]).run()
    assert not at.main.dataframe, "no table when nothing matches"
    assert any("No persona matches" in i.value for i in at.main.info)


# --- persona uploads in the sidebar -----------------------------------------------------------


def _upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    at.sidebar.get("file_uploader")[0].set_value(list(files)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_valid_upload_joins_the_map_and_opens_on_the_persona_page(app: App, bundled) -> None:
    at = _upload(app(), ("mine.toml", persona_toml("u01-test-upload"), "application/toml"))
    assert any("Added 1 persona" in s.value for s in at.sidebar.success)
    assert not at.sidebar.error
    table = map_table(open_page(at, MAP))
    assert len(table) == len(bundled) + 1
    assert list(table["ID"])[-1] == "u01-test-upload"

    at.query_params["persona"] = "u01-test-upload"
    open_page(at, PERSONA)
    assert unescape(at.main.title[0].value) == "Adult selling sex to cover rent after a job loss"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (persona_toml("u02-bad", poverty=7), "factors.poverty"),
        (persona_toml("u03-bad", age_band="aged_seventeen"), "age_band"),
        (b"id = = 'broken'", "not valid TOML"),
        (persona_toml("p05-teen-carer"), "p05-teen-carer"),
        (
            persona_toml("u04-bad", narrative="A fictional composite. Call her on 555-123-4567."),
            "narrative",
        ),
    ],
    ids=["out-of-range", "unknown-age-band", "not-toml", "bundled-id", "personal-data"],
)
def test_malformed_upload_shows_an_error_naming_file_and_field(
    app: App, bundled, content: bytes, expected: str
) -> None:
    at = _upload(app(), ("bad-persona.toml", content, "application/toml"))
    errors = [unescape(e.value) for e in at.sidebar.error]
    assert len(errors) == 1
    assert "bad-persona.toml" in errors[0]
    assert expected in errors[0]
    assert not at.sidebar.success
    assert len(map_table(at)) == len(bundled), "nothing else changed"
    for page in PAGES:
        open_page(at, page)


def test_valid_and_invalid_files_together_add_the_valid_one(app: App, bundled) -> None:
    at = _upload(
        app(),
        ("good.toml", persona_toml("u05-good"), "application/toml"),
        ("bad.json", b'{"id": "u06-bad"}', "application/json"),
    )
    assert any("Added 1 persona" in s.value for s in at.sidebar.success)
    assert "bad.json" in unescape(at.sidebar.error[0].value)
    assert list(map_table(at)["ID"]) == [p.id for p in bundled] + ["u05-good"]


def test_removing_the_uploaded_files_removes_their_personas(app: App, bundled) -> None:
    at = _upload(app(), ("mine.toml", persona_toml("u08-removed"), "application/toml"))
    assert "u08-removed" in set(map_table(at)["ID"])
    open_page(at, FRAMINGS)
    assert "u08-removed" in set(map_table(open_page(at, MAP))["ID"]), "kept across pages"
    at.sidebar.get("file_uploader")[0].set_value(None).run()
    assert not at.exception
    assert list(map_table(at)["ID"]) == [p.id for p in bundled]
    assert not at.sidebar.success
    assert not at.sidebar.error


def test_uploads_stay_in_their_session(app: App, bundled) -> None:
    first = _upload(app(), ("mine.toml", persona_toml("u07-private"), "application/toml"))
    assert "u07-private" in set(map_table(first)["ID"])
    second = app()
    assert "u07-private" not in set(map_table(second)["ID"])
    assert len(map_table(second)) == len(bundled)


def test_the_download_holds_the_configuration_just_changed(app: App) -> None:
    # The button sits outside the slider's fragment, so it is given a callable that Streamlit
    # runs when the user clicks; it must serve the settings in force then (the file once lagged
    # one change behind the sliders). The browser tests download it for real.
    at = open_page(app(), ADJUST)

    def served() -> ModelConfig:
        settings_file = at.session_state["config"]  # what the button was given
        return load_config_bytes(settings_file().encode(), "download.toml")

    assert served() == default_config()
    first_line = at.session_state["config"]().splitlines()[0]
    assert first_line == f"# {NOTICE}", "the file carries the notice as its first line"
    live.set_weight(at, POVERTY, 2.0)
    assert served().weight("poverty") == 2.0
    assert served() == config_of(at)
    live.set_weight(at, POVERTY, 1.0)
    assert served().weight("poverty") == 1.0
    at.main.button[0].click().run()  # Reset to default
    assert served() == default_config()


def test_the_monte_carlo_samples_and_seed_are_the_configurations(app: App) -> None:
    # One home for the session's settings: the run's samples and seed travel with the
    # configuration, so the downloaded file reproduces the intervals the pages showed.
    at = open_page(app(), ADJUST)
    samples = at.main.select_slider(key="cfg:monte_carlo.samples")
    assert samples.value == default_config().monte_carlo.samples
    samples.set_value(200).run()
    at.main.number_input(key="cfg:monte_carlo.seed").set_value(7).run()
    assert not at.exception
    assert (config_of(at).monte_carlo.samples, config_of(at).monte_carlo.seed) == (200, 7)
    served = load_config_bytes(at.session_state["config"]().encode(), "download.toml")
    assert served == config_of(at)

    open_page(at, MAP)
    caption = " ".join(c.value for c in at.main.caption)
    assert "of 200 samples" in caption and "(seed 7)" in caption
    open_page(at, ADJUST)
    assert at.main.select_slider(key="cfg:monte_carlo.samples").value == 200, "kept across pages"
    at.main.button[0].click().run()  # Reset to default
    assert config_of(at) == default_config()
    assert at.main.number_input(key="cfg:monte_carlo.seed").value == 0


# --- model v2: two layers, explanation, violence apart, every framing ---------------------------


def _assessment(bundled, persona_id: str) -> model.Assessment:
    return next(a for a in assess(bundled, default_config()) if a.persona_id == persona_id)


STARTING = f"1. {Layer.STARTING.label}"
PROTECTIONS = f"2. {Layer.PROTECTIONS.label}"


@pytest.mark.parametrize("persona_id", ["p01-independent-escort", "p10-pimp-controlled-youth"])
def test_persona_page_opens_with_the_explanation_and_shows_both_layers(
    app: App, bundled, persona_id: str
) -> None:
    at = open_page(app(persona=persona_id), PERSONA)
    a = _assessment(bundled, persona_id)
    elements = list(walk(at.main))
    why = next(
        i for i, e in enumerate(elements)
        if e.type == "markdown" and unescape(e.value) == f"**Why:** {explain(a)}"
    )  # fmt: skip
    first_metric = next(i for i, e in enumerate(elements) if e.type == "metric")
    first_chart = next(i for i, e in enumerate(elements) if e.type == "plotly_chart")
    assert why < first_metric < first_chart, "the answer opens the page, above the positions"
    first = unescape(elements[why + 1].value)
    assert first.startswith("**First responses"), "then the first responses"
    assert plan_for(a).starting[0].item.title in first

    subheaders = [unescape(h.value) for h in at.main.subheader]
    assert STARTING in subheaders and PROTECTIONS in subheaders
    assert subheaders.index(STARTING) < subheaders.index(PROTECTIONS)
    plan = plan_for(a)
    assert bold_titles(section(at, STARTING)) == [x.item.title for x in plan.starting]
    assert bold_titles(section(at, PROTECTIONS)) == [x.item.title for x in plan.protections]
    reasons = " ".join(unescape(c.value) for c in section(at, PROTECTIONS) if c.type == "caption")
    for x in plan.protections:
        assert x.reason in reasons, "each protection says why it applies"

    cautions = section(at, "Cautions: responses the essays warn cause harm here")
    shown = [
        t.removeprefix("⚠️ **Caution: ").removesuffix("**")
        for t in (unescape(e.value) for e in cautions if e.type == "markdown")
        if t.startswith("⚠️")
    ]
    assert set(shown) == {x.item.title for x in plan.cautions}, "every caution, with its reason"
    guidance = section(at, "Guidance for everyone")
    assert bold_titles(guidance) == [x.item.title for x in plan.guidance]


def test_the_gap_stays_visible_beside_the_assessment_and_the_law(app: App, bundled) -> None:
    at = open_page(app(persona="p10-pimp-controlled-youth"), PERSONA)
    a = _assessment(bundled, "p10-pimp-controlled-youth")
    metrics = {m.label: m.value for m in at.main.metric}
    assert metrics["Assessed position"] == f"{a.position:.3f}"
    assert metrics["Self-placement"] == f"{a.self_placement:.3f}"
    assert metrics["Gap (assessed − self)"] == f"{a.gap:+.3f}"
    assert metrics["Legal status"] == "Minor"
    texts = page_texts(at)
    assert any(a.legal_status.label in t for t in texts)
    assert any("treated as coerced whatever they say (L48)" in t for t in texts)


def test_a_minors_page_lists_coercions_responses_under_protections(app: App, bundled) -> None:
    for persona_id in ("p05-teen-carer", "p10-pimp-controlled-youth", "p14-family-abuse-minor"):
        at = open_page(app(persona=persona_id), PERSONA)
        a = _assessment(bundled, persona_id)
        assert a.is_minor
        protections = section(at, PROTECTIONS)
        listed = bold_titles(protections)
        also = " ".join(unescape(e.value) for e in protections if e.type == "caption")
        for item in response_catalogue().for_zone(Zone.COERCION):
            in_first = item.id in {x.item.id for x in plan_for(a).starting}
            if in_first:
                assert item.title in also, f"{persona_id}: {item.title} not said to be owed"
            else:
                assert item.title in listed, f"{persona_id}: {item.title} not a protection"


def test_a_not_stated_persona_starts_with_ask_first(app: App, bundled) -> None:
    at = open_page(app(persona="p13-aged-out-foster"), PERSONA)
    a = _assessment(bundled, "p13-aged-out-foster")
    assert a.self_placement is None
    starting = section(at, STARTING)
    label = unescape(starting[0].value)
    assert label == f"**Where it starts:** {plan_for(a).starting_label}"
    assert label.startswith("**Where it starts:** Not stated: ask first (L50)"), label
    assert a.zone.label in label, "the assessed zone is named as the stand-in"
    assert bold_titles(starting)[0] == response_catalogue().intervention("ask-first").title
    assert "ask first" in " ".join(unescape(m.value) for m in at.main.markdown)


def test_violence_is_its_own_mark_never_a_push(app: App, bundled) -> None:
    at = open_page(app(persona="p10-pimp-controlled-youth"), PERSONA)
    a = _assessment(bundled, "p10-pimp-controlled-youth")
    assert a.violence_present
    warnings = [unescape(w.value) for w in at.main.warning]
    assert len(warnings) == 1
    assert "Violence recorded" in warnings[0]
    assert "never moves the position; support (L70)" in warnings[0]
    contributions = at.main.dataframe[0].value
    factors = [f.contribution_label for f in model.factor_catalogue().factors]
    assert sorted(contributions["Factor"]) == sorted([*factors, "Position (the sum)"]), (
        "the factors' pushes and their sum, violence not among them"
    )
    waterfall = plotly_charts(at)["contrib-chart"]["data"][0]["y"]
    assert not any(name.lower().startswith("violence") for name in waterfall)

    quiet = open_page(app(persona="p04-single-parent-rent"), PERSONA)
    assert not quiet.main.warning
    assert any("No violence recorded" in c.value for c in quiet.main.caption)


def test_the_persona_page_shows_this_person_under_every_framing(app: App, bundled) -> None:
    for persona_id in ("p10-pimp-controlled-youth", "p13-aged-out-foster"):
        at = open_page(app(persona=persona_id), PERSONA)
        a = _assessment(bundled, persona_id)
        shown = section(at, "This person under every framing", ("header",))
        titles = bold_titles(shown)
        assert titles == [f.title for f in framings()], "four framings, side by side"
        text = " ".join(unescape(e.value) for e in shown if e.type == "markdown")
        cat = response_catalogue()
        for v in frame_all(a):
            for rid in (*v.responses, *v.protections):
                assert f"- {cat.intervention(rid).title}" in text, "responses named, not counted"
            for cid in v.cautions:
                assert f"- {cat.caution(cid).title}" in text
        for f in framings():
            assert f.misses in text, "what each framing misses"
        criminal = next(v for v in frame_all(a) if v.framing is FramingId.CRIMINAL_LEGAL)
        assert criminal.basis is PlacementBasis.NOT_PLACED
        assert "Not placed on the axis" in text


def test_the_map_marks_violence_apart_with_a_table_column(app: App, bundled) -> None:
    at = app()
    spec = plotly_charts(at)["map"]
    traces = {trace["name"]: trace for trace in spec["data"]}
    violence = traces["Violence recorded"]
    expected = [a.persona_id for a in assess(bundled, default_config()) if a.violence_present]
    assert expected, "the bundled set records violence for some personas"
    assert [row[0] for row in violence["customdata"]] == expected
    assert violence["marker"]["symbol"] == "triangle-up", "a shape of its own, not a colour"
    assert violence["xaxis"] == "x2", "its own column, never a position on the axis"
    assert "Violence" in [a["text"] for a in spec["layout"]["annotations"]]
    key = " ".join(m.value for m in at.main.markdown)
    assert "▲ triangle in the *Violence* column = violence recorded" in key

    table = map_table(at)
    by_id = {a.persona_id: a for a in assess(bundled, default_config())}
    for pid, text in zip(table["ID"], table["Violence recorded"], strict=True):
        assert text.startswith("Yes") is by_id[pid].violence_present
        if by_id[pid].violence_present:
            assert f"{by_id[pid].violence:.2f}" in text


@pytest.mark.parametrize("page", PAGES)
def test_no_page_says_coerced_in_law(app: App, page: str) -> None:
    for query in ({}, {"persona": "p10-pimp-controlled-youth"}):
        at = open_page(app(**query), page)
        text = " ".join(page_texts(at)).lower()
        assert "coerced in law" not in text
        # v1's wording: a third party's control alone is never decisive in v2 (L66).
        assert "third party's control alone places" not in text
        assert "force / third-party control" not in text


def test_framings_page_states_each_lens_and_where_it_places_everyone(app: App, bundled) -> None:
    at = open_page(app(), FRAMINGS)
    texts = page_texts(at)
    joined = " ".join(texts)
    for f in framings():
        assert f"**{f.title}**" in texts
        assert f"Held by: {f.held_by}" in texts
        assert f.summary in texts
        assert f.misses in joined
    assert {f.id for f in framings()} == set(FramingId)

    # The essays' own lens shows both layers for every persona.
    assessments = {a.persona_id: a for a in assess(bundled, default_config())}
    text = " ".join(unescape(m.value) for m in at.main.markdown)
    assert text.count(f"**{Layer.STARTING.label}:**") == len(bundled)
    assert text.count(f"**{Layer.PROTECTIONS.label}:**") == len(bundled)
    detail = at.main.table[0].value
    stand_ins = [pid for pid, a in assessments.items() if a.self_placement is None]
    assert stand_ins
    for row, persona in zip(detail.itertuples(), bundled, strict=True):
        placed = row[1]
        if persona.id in stand_ins:
            assert "ask first" in placed
        else:
            assert "Their own place" in placed

    at.main.selectbox(key="framing_choice").set_value(FramingId.CRIMINAL_LEGAL.value).run()
    assert not at.exception
    detail = at.main.table[0].value
    assert set(detail.iloc[:, 0]) == {"Not placed on the axis — It prosecutes instead of placing"}


def test_interventions_page_explains_the_layers_and_marks_protections(app: App) -> None:
    at = open_page(app(), INTERVENTIONS)
    joined = " ".join(page_texts(at))
    for ref in ("L50", "L56", "L17", "L20", "L48", "L58", "L62", "L70"):
        assert ref in joined
    assert Layer.STARTING.label in joined and Layer.PROTECTIONS.label in joined
    assert "this project's classification" in joined

    overview = at.main.table[1].value
    cat = response_catalogue()
    for item, whatever, protection in zip(
        cat.interventions,
        overview["Whatever they say (L62)"],
        overview["Protection for"],
        strict=True,
    ):
        assert (whatever == "Yes") is item.follows_assessment
        if item in cat.for_zone(Zone.COERCION):
            assert "minors" in protection
    levels = {i.level.value.capitalize() for i in cat.interventions}
    assert "Technology" in levels
    assert set(overview["Level (this project's classification)"]) == levels

    who = at.main.table[0].value
    assert any("every minor" in str(i) for i in who.index)
    assert any("forced or manipulated" in str(i) for i in who.index)
    assert any("violence" in str(i) for i in who.index)


def test_about_page_covers_the_technology_essay_and_scope(app: App) -> None:
    at = open_page(app(), ABOUT)
    joined = " ".join(page_texts(at))
    for phrase in (
        "for better and for worse",
        "We do not know",
        "driven by intuition, speculation, and extrapolation",
        "forced labour",
        "domestic sex trafficking of minors",
        "(L13)",
        "built for fictional composites",
        "refuses what looks like personal data",
        "The cleanliness of data matters",
        "Civil liberties are important considerations",
    ):
        assert phrase.lower() in joined.lower(), phrase
    assert response_catalogue().caution("surveillance-identification").title in joined
    assert "accepts only fictional" not in joined.lower()
    headers = [h.value for h in at.main.header]
    assert "Technology and research (L94–L106)" in headers


def test_the_presence_level_is_adjustable_beside_the_decisive_threshold(app: App, bundled) -> None:
    at = open_page(app(), ADJUST)
    at.main.radio(key="adjust_group").set_value("Scoring rule").run()
    assert at.main.slider(key="cfg:scoring.presence").value == default_config().scoring.presence
    at.main.slider(key="cfg:scoring.presence").set_value(0.6).run()
    assert not at.exception
    assert not at.main.error
    config = config_of(at)
    assert config.scoring.presence == 0.6
    expected = {a.persona_id: a.position for a in assess(bundled, config)}
    assert positions(at) == pytest.approx(expected, abs=5e-4)


def test_an_upload_that_reads_like_a_case_record_is_accepted_with_a_warning(app: App) -> None:
    narrative = (
        "A fictional composite written for the tests. She was referred by the agency this week "
        "after losing her job, and sells sex to pay the rent."
    )
    at = _upload(
        app(), ("record.toml", persona_toml("u09-record", narrative=narrative), "text/plain")
    )
    assert any("Added 1 persona" in s.value for s in at.sidebar.success)
    warnings = [unescape(w.value) for w in at.sidebar.warning]
    assert len(warnings) == 1
    assert "record.toml" in warnings[0]
    assert "narrative" in warnings[0]
    assert "this week" in warnings[0]
    assert "u09-record" in set(map_table(at)["ID"])
