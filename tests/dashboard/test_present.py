"""The presentation page, in-process: one slide at a time, the slide and the personas in the
address, next and previous, the presenter view, a trainer's own deck."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import decks
from dashboard import present_slides
from dashboard.present_figures import fits_slide
from model import InputError, Persona
from model.scenes import SceneKind, load_deck_bytes
from tests import pages
from tests.dashboard.conftest import open_page, unescape, walk

App = Callable[..., AppTest]
PRESENT = pages.file_of("present")


def heading(at: AppTest) -> str:
    return unescape(at.main.header[0].value)


def texts(at: AppTest) -> str:
    return " ".join(unescape(str(getattr(e, "value", ""))) for e in walk(at.main))


def button(at: AppTest, key: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.main.button if b.key == key)


def default_deck():  # type: ignore[no-untyped-def]
    return load_deck_bytes(decks.default_bytes(), decks.DEFAULT)


def test_the_page_opens_on_the_first_scene_and_puts_it_in_the_address(app: App) -> None:
    at = open_page(app(), PRESENT)
    assert at.main.title[0].value == "Presentation"
    assert heading(at) == default_deck().scenes[0].title
    assert at.query_params["scene"] == "1"
    assert "1 / 16" in texts(at)


def test_next_and_previous_move_one_slide_and_stop_at_the_ends(app: App) -> None:
    at = open_page(app(), PRESENT)
    assert button(at, "present-previous").disabled
    button(at, "present-next").click().run()
    assert at.query_params["scene"] == "2"
    assert "Person 1 of 3: where they place themselves" in texts(at)
    button(at, "present-next-space").click().run()  # the clicker's keys are buttons too
    assert at.query_params["scene"] == "3"
    button(at, "present-previous-pageup").click().run()
    assert at.query_params["scene"] == "2"
    at.query_params["scene"] = "99"
    at.run()
    assert at.query_params["scene"] == "16"
    assert button(at, "present-next").disabled


def test_a_scene_link_opens_that_slide(app: App) -> None:
    at = app(scene="11")
    at = open_page(at, PRESENT)
    assert heading(at) == "Young people: treated as coerced, often seeing a choice"


def test_chosen_personas_and_their_order_come_from_the_address(app: App) -> None:
    at = app(personas="p10-pimp-controlled-youth,p01-independent-escort,nobody", scene="2")
    at = open_page(at, PRESENT)
    # Two personas chosen, so the reveal has 2 x 3 steps; the first revealed is the first named.
    assert "Person 1 of 2" in texts(at)
    chart = at.main.get("plotly_chart")[0]
    assert "p10-pimp-controlled-youth" in chart.proto.spec
    assert "p01-independent-escort" not in chart.proto.spec


def test_a_reveal_shows_self_placement_then_assessment_then_gap(app: App) -> None:
    import json

    at = open_page(app(scene="2"), PRESENT)

    def assessed_points() -> int:
        spec = json.loads(at.main.get("plotly_chart")[0].proto.spec)
        return sum(len(t.get("x") or []) for t in spec["data"] if t["name"].startswith("Assessed"))

    assert assessed_points() == 0
    button(at, "present-next").click().run()
    assert assessed_points() == 1


def test_the_presenter_view_shows_notes_and_downloads(app: App) -> None:
    at = open_page(app(notes="1"), PRESENT)
    assert "Speaker notes" in texts(at)
    assert default_deck().scenes[0].notes.split(".")[0] in texts(at)
    keys = {b.key for b in at.main.get("download_button")}
    assert {"present-png", "present-svg", "present-html"} <= keys


def test_text_only_slides_have_no_chart_and_the_responses_scene_names_regions(app: App) -> None:
    at = open_page(app(scene="13"), PRESENT)
    assert not at.main.get("plotly_chart")
    for region in ("Choice", "Circumstance", "Coercion", "Everywhere"):
        assert f"**{region}" in " ".join(str(m.value) for m in at.main.markdown)


def test_unfold_counts_three_steps_per_revealed_persona() -> None:
    from model import load_personas
    from personas import bundled_path

    with bundled_path() as folder:
        known = {p.id: p for p in load_personas([folder]).personas}
    slides = present_slides.unfold(default_deck(), known)
    assert len(slides) == 8 - 1 + 3 * 3
    assert [s.number for s in slides] == list(range(1, len(slides) + 1))
    youth = next(s for s in slides if s.scene.id == "youth")
    assert youth.personas and all(p.is_minor for p in youth.personas)
    assert present_slides.slide_number("abc", 16) == 1
    assert present_slides.slide_number("0", 16) == 1


def test_an_uploaded_bad_deck_names_its_problems_and_keeps_the_default() -> None:
    bad = tomli_w.dumps({"title": "Mine", "scenes": [{"id": "x", "kind": "nope"}]}).encode()
    # The page reads a deck through the model's loader: the same one-line problems.
    with pytest.raises(InputError) as caught:
        load_deck_bytes(bad, "mine.toml")
    lines = [str(p) for p in caught.value.problems]
    assert any(line.startswith("mine.toml: x: kind:") for line in lines)
    assert any(line.startswith("mine.toml: x: title: required field is missing") for line in lines)


def _violence_slide(at: AppTest) -> dict:
    import json

    (chart,) = at.main.get("plotly_chart")
    return json.loads(chart.proto.spec)


def _rows(spec: dict) -> list[str]:
    return list(reversed(spec["layout"]["yaxis"]["categoryarray"]))


def test_a_link_orders_the_map_slides_rows_but_never_a_reveal(app: App) -> None:
    """``?order=`` sorts the rows of a map slide; a reveal keeps the deck's order, since sorting
    it by the assessment would show the room what it has not seen yet."""
    from model import assess, default_config, load_personas
    from model.ordering import RowOrder, ordered
    from personas import bundled_path

    with bundled_path() as folder:
        bundled = list(load_personas([folder]).personas)
    assessments = {a.persona_id: a for a in assess(bundled, default_config())}
    given = open_page(app(scene="14"), PRESENT)
    assert heading(given).startswith("Violence")
    shown = _rows(_violence_slide(given))
    at = open_page(app(scene="14", order="position"), PRESENT)
    people = [p for p in bundled if p.id in shown]
    expected = [p.id for p in ordered(people, assessments, RowOrder.POSITION)]
    assert _rows(_violence_slide(at)) == expected != shown
    reveal = open_page(app(scene="4", order="position"), PRESENT)
    assert _rows(_violence_slide(reveal)) == _rows(
        _violence_slide(open_page(app(scene="4"), PRESENT))
    )


def test_a_link_highlights_one_persona_on_every_chart_and_the_presenter_can_change_it(
    app: App,
) -> None:
    at = open_page(app(scene="14", highlight="p10-pimp-controlled-youth", notes="1"), PRESENT)
    spec = _violence_slide(at)
    marked = [a["text"] for a in spec["layout"]["annotations"] if "▶" in str(a.get("text"))]
    assert len(marked) == 1 and "Youth controlled" in marked[0] and "<b>" in marked[0]
    assert at.selectbox(key="present-highlight").value == "p10-pimp-controlled-youth"
    at.selectbox(key="present-highlight").set_value(None).run()
    assert "highlight" not in at.query_params
    assert not any("▶" in str(a.get("text")) for a in _violence_slide(at)["layout"]["annotations"])
    at.selectbox(key="present-order").set_value("gap").run()
    assert at.query_params["order"] == "gap"


def test_an_unknown_highlight_or_order_in_a_link_changes_nothing(app: App) -> None:
    plain = _violence_slide(open_page(app(scene="14"), PRESENT))
    odd = _violence_slide(open_page(app(scene="14", highlight="nobody", order="sideways"), PRESENT))
    assert _rows(odd) == _rows(plain)
    assert not any("▶" in str(a.get("text")) for a in odd["layout"]["annotations"])


# ---------------------------------------------------------------- scenes over several slides


@settings(max_examples=80, deadline=None)
@given(count=st.integers(0, 40), most=st.integers(1, 10), data=st.data())
def test_pages_keep_every_row_in_order_in_as_few_even_slides_as_fit(
    bundled: list[Persona], count: int, most: int, data: st.DataObject
) -> None:
    people = data.draw(st.lists(st.sampled_from(bundled), min_size=count, max_size=count))
    runs = present_slides.pages(people, lambda rows: len(rows) <= most)
    assert [p for run in runs for p in run] == people
    assert len(runs) == -(-count // most)  # as few as fit
    sizes = [len(run) for run in runs]
    assert all(0 < size <= most for size in sizes)
    assert sizes == sorted(sizes, reverse=True) and (not sizes or sizes[0] - sizes[-1] <= 1)


def test_pages_fill_greedily_when_an_even_cut_would_not_fit(bundled: list[Persona]) -> None:
    # A row that needs a slide to itself (say, a label of many lines) keeps the greedy cut.
    wide = bundled[0]
    people = [*bundled[1:4], wide, *bundled[4:6]]
    runs = present_slides.pages(
        people, lambda rows: len(rows) <= 3 and (wide not in rows or len(rows) == 1)
    )
    assert [list(run) for run in runs] == [bundled[1:4], [wide], bundled[4:6]]


def test_fifteen_personas_run_the_map_scenes_over_two_slides_that_each_fit(
    bundled: list[Persona],
) -> None:
    known = {p.id: p for p in bundled}
    assert len(known) == 15
    slides = present_slides.unfold(default_deck(), known, list(known), fits=fits_slide)
    assert [s.number for s in slides] == list(range(1, len(slides) + 1))
    violence = [s for s in slides if s.scene.kind is SceneKind.VIOLENCE]
    assert [s.step_text for s in violence] == ["Personas 1–8 of 15", "Personas 9–15 of 15"]
    assert [p for s in violence for p in s.personas] == bundled
    # The reveal: 3 steps a persona; its second slide starts afresh at person 9.
    reveal = [s for s in slides if s.scene.kind is SceneKind.REVEAL_PERSONAS]
    assert len(reveal) == 3 * 15
    ninth = next(s for s in reveal if s.step_text.startswith("Person 9 of 15"))
    assert ninth.personas == (bundled[8],) and ninth.current == bundled[8]
    last = reveal[-1]
    assert last.step_text == "Person 15 of 15: the gap between the two"
    assert last.personas == tuple(bundled[8:])
    for slide in slides:
        if slide.scene.kind in present_slides.MAP_KINDS:
            assert fits_slide(slide.personas), slide.number
    # The default deck's own eight still fit one slide each, whatever is highlighted.
    for mark in [None, *known]:
        plain = present_slides.unfold(default_deck(), known, highlight=mark, fits=fits_slide)
        assert len(plain) == 16, mark
