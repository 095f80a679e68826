"""How a reader shapes the views: rows ordered, one persona highlighted, and the self-placement
leading every view that shows personas (the essays' first step, L50), in process."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.figures import theme
from dashboard.views.spectrum_map import ROW_HEIGHT
from model import assess, default_config
from model.ordering import RowOrder, ordered
from tests.dashboard.conftest import FRAMINGS, MAP, PERSONA, map_table, open_page, unescape

App = Callable[..., AppTest]


def _map_spec(at: AppTest) -> dict:
    (chart,) = [el for el in at.main.get("plotly_chart") if el.key == "map"]
    return json.loads(chart.proto.spec)


def _row_labels(spec: dict) -> list[str]:
    """The persona labels drawn on the chart, top row first."""
    return [a["text"] for a in spec["layout"]["annotations"] if a.get("yref") == "y"]


@pytest.mark.parametrize("order", list(RowOrder))
def test_rows_follow_the_order_chosen_in_chart_and_table(app: App, bundled, order) -> None:
    at = app(order=order.value)
    assessments = {a.persona_id: a for a in assess(bundled, default_config())}
    expected = [p.id for p in ordered(bundled, assessments, order)]
    assert list(map_table(at)["ID"]) == expected
    spec = _map_spec(at)
    # The chart's categories run bottom to top, so the first row is the last category.
    assert list(reversed(spec["layout"]["yaxis"]["categoryarray"])) == expected
    assert at.selectbox(key="map_order").value == order.value
    if order is RowOrder.GIVEN:
        assert "order" not in at.query_params, "the default needs no parameter"
    else:
        assert at.query_params["order"] == order.value


def test_every_label_is_whole_and_wrapped_never_cut(app: App, bundled) -> None:
    at = app()
    labels = _row_labels(_map_spec(at))
    assert len(labels) == len(bundled)
    for persona, drawn in zip(bundled, labels, strict=True):
        text = drawn.replace("<br>", " ")
        assert "…" not in text
        assert text.startswith(persona.label), "the whole label, never cut"
        assert all(len(line) <= theme.LABEL_WRAP for line in drawn.split("<br>"))
    assert len(set(labels)) == len(labels), "no two personas read the same"
    longest = max(len(theme.label_lines(p, highlighted=True)) for p in bundled)
    assert longest > 1, "the bundled set has a label that wraps"
    assert _map_spec(at)["layout"]["height"] >= len(bundled) * theme.row_height(bundled)
    # The table's rows are tall enough for the grid to wrap the label (over 4rem).
    (frame,) = at.main.dataframe
    assert frame.proto.row_height == ROW_HEIGHT > 64


def test_one_persona_can_be_highlighted_by_link_or_control(app: App, bundled) -> None:
    target = bundled[7]
    at = app(highlight=target.id)
    assert at.selectbox(key="map_highlight").value == target.id
    spec = _map_spec(at)
    marked = [t for t in _row_labels(spec) if theme.HIGHLIGHT_MARK in t]
    assert len(marked) == 1 and "<b>" in marked[0], "one row marked in words and bold"
    assert target.label.split()[0] in marked[0]
    bands = [s for s in spec["layout"]["shapes"] if s.get("fillcolor") == theme.HIGHLIGHT_FILL]
    assert len(bands) == 1
    row = map_table(at).set_index("ID").loc[target.id]
    assert row["Persona"] == theme.HIGHLIGHT_MARK + target.label
    # Cleared by the control: nothing marked, and the link forgets it.
    at.selectbox(key="map_highlight").set_value(None).run()
    assert not any(theme.HIGHLIGHT_MARK in t for t in _row_labels(_map_spec(at)))
    assert "highlight" not in at.query_params


def test_an_unknown_highlight_in_a_link_marks_nobody(app: App) -> None:
    at = app(highlight="p99-nobody")
    assert at.selectbox(key="map_highlight").value is None
    assert not any(theme.HIGHLIGHT_MARK in t for t in _row_labels(_map_spec(at)))


def test_leading_with_the_self_placement_carries_across_the_views(app: App, bundled) -> None:
    at = app()
    assert list(map_table(at).columns[1:3]) == ["Assessed position", "Assessed zone"]
    at.toggle(key="lead_with_self_placement").set_value(True).run()
    assert list(map_table(at).columns[1:3]) == ["Self-placement", "Self-placed zone"]
    hover = next(t for t in _map_spec(at)["data"] if t.get("name") == "Assessed (adult)")
    lines = hover["hovertext"][0].split("<br>")
    starts = [line.split()[0] for line in lines if line.startswith(("Self", "Assessed"))]
    assert starts == ["Self", "Assessed"], lines

    # The same choice, on the framings page: their own place first, and each card compared
    # with it rather than with the assessment.
    open_page(at, FRAMINGS)
    assert at.toggle(key="lead_with_self_placement").value is True
    overview = at.main.dataframe[0].value
    assert overview.columns[1] == "Where they place themselves"
    texts = [unescape(m.value) for m in at.main.markdown]
    assert any("where they place themselves" in t for t in texts)
    assert not any("the same zone as the assessment" in t for t in texts)

    # And on the persona page: their own place in the first column, framings compared with it.
    open_page(at, PERSONA)
    assert [m.label for m in at.main.metric][:2] == ["Self-placement", "Assessed position"]
    cards = [unescape(m.value) for m in at.main.markdown]
    assert not any("the same zone as the assessment" in t for t in cards)

    # Back on the map, the choice held.
    open_page(at, MAP)
    assert list(map_table(at).columns[1:3]) == ["Self-placement", "Self-placed zone"]


def test_someone_who_has_not_said_is_compared_with_nothing(app: App, bundled) -> None:
    silent = next(p for p in bundled if p.self_placement == "not_stated")
    at = app(persona=silent.id)
    open_page(at, PERSONA)
    at.toggle(key="lead_with_self_placement").set_value(True).run()
    texts = [unescape(m.value) for m in at.main.markdown]
    assert any("have not said where they stand: ask first (L50)" in t for t in texts)


def test_no_page_script_writes_a_stray_string() -> None:
    """Streamlit runs each page as a script: with magic on, a bare string after the docstring
    (a constant's docstring, say) is written onto the page. Magic is off, and the pages keep
    such notes as comments anyway."""
    import ast
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    settings = tomllib.loads((root / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["runner"]["magicEnabled"] is False
    for script in [root / "dashboard" / "app.py", *(root / "dashboard" / "views").glob("*.py")]:
        body = ast.parse(script.read_text(encoding="utf-8")).body
        stray = [
            node.lineno
            for node in body[1:]
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        ]
        assert stray == [], f"{script.name}: bare values at lines {stray}"
