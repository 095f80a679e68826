"""Every chart the dashboard draws is a valid Plotly figure.

The row charts (the map and the adjust page's shift chart) are built without Plotly's property
validation at run time, for speed on every weight change; these tests validate every figure in
full instead, so a misspelt property fails here rather than silently in a browser.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard import charts
from model import ZONES, default_config, frame, framings, load_personas
from model.results import Results

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def results() -> Results:
    people = load_personas([ROOT / "personas"]).personas
    return Results.of(people, default_config(), samples=200, seed=0)


def validated(figure: go.Figure) -> go.Figure:
    """The figure rebuilt with Plotly's full validation (raises ValueError on a bad property)."""
    return go.Figure(figure.to_dict())


def every_figure(results: Results) -> list[go.Figure]:
    people = list(results.personas)
    first = people[0]
    assessment = results.assessments[first.id]
    positions = {pid: a.position for pid, a in results.assessments.items()}
    shifted = {pid: min(1.0, value + 0.1) for pid, value in positions.items()}
    views = [frame(a, f.id) for a in results.assessments.values() for f in framings()]
    return [
        charts.spectrum_map(people, results),
        charts.shift_chart(people, shifted, positions, results.config.boundaries),
        charts.contributions_chart(assessment),
        charts.factor_profile(first),
        charts.zone_probability_chart(results.uncertainties[first.id], assessment.zone),
        charts.framing_chart(views),
    ]


def test_every_chart_passes_plotlys_validation(results: Results) -> None:
    for figure in every_figure(results):
        rebuilt = validated(figure)
        assert rebuilt.data, "a chart with no data"
        assert rebuilt.to_dict()["data"] == figure.to_dict()["data"]


def test_the_row_charts_draw_every_persona_and_the_zones(results: Results) -> None:
    people = list(results.personas)
    figure = validated(charts.spectrum_map(people, results))
    shown = {y for trace in figure.data for y in (trace.y or ()) if y is not None}
    assert shown == {p.id for p in people}
    labels = [a.text.replace("<br>", " ") for a in figure.layout.annotations]
    assert all(zone.short_label in labels for zone in ZONES)
    assert charts.CIRCUMSTANCE in labels, "the three bands of circumstance named together"
    rows = [a for a in figure.layout.annotations if a.yref == "y"]
    assert [a.y for a in rows] == [p.id for p in people], "each row labelled, in order"
    assert [a.text for a in rows] == [charts.persona_tick(p) for p in people]


def test_validation_would_catch_a_misspelt_property() -> None:
    # The fast path must not hide mistakes from the test above: a bad property in a trace
    # passes the unvalidated constructor and fails full validation.
    figure = go.Figure(data=[{"type": "scatter", "colour": "red"}], _validate=False)
    with pytest.raises(ValueError, match="colour"):
        validated(figure)


def test_violence_sits_in_its_own_column_beside_the_axis(results: Results) -> None:
    people = list(results.personas)
    figure = validated(charts.spectrum_map(people, results))
    violence = next(t for t in figure.data if t.name == charts.VIOLENCE_TRACE)
    marked = [p.id for p in people if results.assessments[p.id].violence_present]
    assert list(violence.y) == marked
    assert violence.xaxis == "x2"
    assert violence.marker.symbol == charts.VIOLENCE_SYMBOL
    assert figure.layout.xaxis.domain[1] < figure.layout.xaxis2.domain[0], "apart from the axis"
    for trace in figure.data:
        if trace.name != charts.VIOLENCE_TRACE:
            assert trace.xaxis in (None, "x"), f"{trace.name} left the axis"


def test_no_chart_offers_an_image_download() -> None:
    # The mode bar's image download could not carry the notice every download carries.
    from dashboard import display

    assert display.PLOTLY_CONFIG["displayModeBar"] is False
