"""Every figure the dashboard draws is a valid Plotly figure over the project's template, and
every table names and formats what its figure shows the same way.

The figures are built without Plotly's property validation at run time, for speed on every
weight change; these tests validate every figure in full instead, so a misspelt property fails
here rather than silently in a browser.
"""

from __future__ import annotations

import html
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard import session
from dashboard.figures import adjust, framings, persona, spectrum_map, theme
from model import ZONES, default_config, factor_catalogue, frame, load_personas
from model import framings as all_framings
from model.montecarlo import DEFAULT_LEVEL, DEFAULT_SAMPLES, MAX_SAMPLES
from model.results import Results

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def results() -> Results:
    people = load_personas([ROOT / "personas"]).personas
    return Results.of(people, default_config(), samples=200, seed=0)


@pytest.fixture(scope="module")
def shifted(results: Results) -> Results:
    """The same personas under a configuration that moves some of them."""
    return Results.of(results.personas, default_config().with_weight("poverty", 3.0), samples=200)


def validated(figure: go.Figure) -> go.Figure:
    """The figure rebuilt with Plotly's full validation (raises ValueError on a bad property)."""
    return go.Figure(figure.to_dict())


def every_figure(results: Results, shifted: Results) -> list[go.Figure]:
    first = results.personas[0]
    assessment = results.assessments[first.id]
    views = [frame(a, f.id) for a in results.assessments.values() for f in all_framings()]
    return [
        spectrum_map.figure(results.personas, results),
        adjust.figure(shifted, results.assessments),
        persona.contributions(assessment),
        persona.factor_profile(first),
        persona.zone_probabilities(results.uncertainties[first.id], assessment.zone),
        framings.figure(views),
    ]


def test_every_figure_passes_plotlys_validation(results: Results, shifted: Results) -> None:
    for figure in every_figure(results, shifted):
        rebuilt = validated(figure)
        assert rebuilt.data, "a chart with no data"
        assert rebuilt.to_dict()["data"] == figure.to_dict()["data"]


def test_every_figure_is_drawn_over_the_registered_template(
    results: Results, shifted: Results
) -> None:
    template = pio.templates[theme.TEMPLATE]
    assert template.layout.font.family == theme.FONT["family"]
    assert list(template.layout.colorway) == list(theme.palette.OKABE_ITO)
    for figure in every_figure(results, shifted):
        layout = validated(figure).layout
        assert layout.template == template
        assert layout.font.family is None, "fonts come from the template, not the figure"


def test_the_row_charts_draw_every_persona_and_the_zones(results: Results) -> None:
    people = list(results.personas)
    figure = validated(spectrum_map.figure(people, results))
    shown = {y for trace in figure.data for y in (trace.y or ()) if y is not None}
    assert shown == {p.id for p in people}
    labels = [a.text.replace("<br>", " ") for a in figure.layout.annotations]
    assert all(zone.short_label in labels for zone in ZONES)
    assert theme.CIRCUMSTANCE in labels, "the three bands of circumstance named together"
    rows = [a for a in figure.layout.annotations if a.yref == "y"]
    assert [a.y for a in rows] == [p.id for p in people], "each row labelled, in order"
    assert [a.text for a in rows] == [theme.persona_tick(p) for p in people]


def test_validation_would_catch_a_misspelt_property() -> None:
    # The fast path must not hide mistakes from the test above: a bad property in a trace
    # passes the unvalidated constructor and fails full validation.
    figure = go.Figure(data=[{"type": "scatter", "colour": "red"}], _validate=False)
    with pytest.raises(ValueError, match="colour"):
        validated(figure)


def test_violence_sits_in_its_own_column_beside_the_axis(results: Results) -> None:
    people = list(results.personas)
    figure = validated(spectrum_map.figure(people, results))
    violence = next(t for t in figure.data if t.name == spectrum_map.VIOLENCE_TRACE)
    marked = [p.id for p in people if results.assessments[p.id].violence_present]
    assert list(violence.y) == marked
    assert violence.xaxis == "x2"
    assert violence.marker.symbol == spectrum_map.VIOLENCE_SYMBOL
    assert figure.layout.xaxis.domain[1] < figure.layout.xaxis2.domain[0], "apart from the axis"
    for trace in figure.data:
        if trace.name != spectrum_map.VIOLENCE_TRACE:
            assert trace.xaxis in (None, "x"), f"{trace.name} left the axis"


def test_the_contributions_chart_and_table_name_and_format_alike(results: Results) -> None:
    for a in results.assessments.values():
        waterfall = validated(persona.contributions(a)).data[0]
        table = persona.contributions_table(a)
        pushes = dict(zip(table["Factor"], table["Push"], strict=True))
        catalogue = factor_catalogue()
        assert set(pushes) == {f.contribution_label for f in catalogue.factors} | {
            persona.POSITION_ROW
        }
        for name, text in zip(waterfall.y[:-1], waterfall.text[:-1], strict=True):
            shown = html.unescape(name.replace("<br>", " "))  # escaped for Plotly's labels
            assert pushes[shown] == text, "one name, one format"
        assert waterfall.text[-1] == pushes[persona.POSITION_ROW]


def test_the_map_says_the_models_level_and_the_adjust_page_offers_its_sample_counts(
    results: Results,
) -> None:
    assert results.level == DEFAULT_LEVEL
    assert f"{DEFAULT_LEVEL:.0%} interval" in spectrum_map.alt(results.personas, results)
    assert f"{DEFAULT_LEVEL:.0%} interval" in spectrum_map.table(results.personas, results)
    assert DEFAULT_SAMPLES in session.SAMPLE_CHOICES
    assert max(session.SAMPLE_CHOICES) <= MAX_SAMPLES


def test_the_shift_table_and_alt_text_follow_the_change(results: Results, shifted: Results) -> None:
    table = adjust.table(shifted, results.assessments)
    changes = dict(zip(table["Persona"], table["Change"].astype(float), strict=True))
    for p in results.personas:
        moved = shifted.assessments[p.id].position - results.assessments[p.id].position
        assert changes[p.label] == pytest.approx(moved, abs=5e-4)
    assert "Largest moves" in adjust.alt(shifted, results.assessments)


def test_no_chart_offers_an_image_download() -> None:
    # The mode bar's image download could not carry the notice every download carries.
    from dashboard import display

    assert display.PLOTLY_CONFIG["displayModeBar"] is False


def test_no_figure_module_reads_the_session() -> None:
    for path in (ROOT / "dashboard" / "figures").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "dashboard.session" not in text and "import session" not in text, path.name
        assert "import streamlit" not in text, f"{path.name}: figures are drawn, not shown"
