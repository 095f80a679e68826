"""The *Build a persona* page, in process: every field a control, checked by the model as it
changes, problems beside their fields, the placement following, and the persona added to the
session or downloaded as a file that loads back unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import draft
from model import (
    Persona,
    default_config,
    factor_catalogue,
    load_persona_bytes,
)
from model.scoring import assess_one
from tests.dashboard.conftest import PERSONA, map_table, open_page, unescape
from tests.pages import file_of

App = Callable[..., AppTest]
BUILDER = file_of("builder")
STORY = (
    "A fictional composite. She lost her job, fell behind on the rent and began seeing "
    "clients on her own terms to keep her flat."
)


def builder(app: App) -> AppTest:
    return open_page(app(), BUILDER)


def errors_after(at: AppTest, label: str, kind: str = "error") -> list[str]:
    """The messages (``error`` or ``warning``) between the control labelled ``label`` and the
    next control."""
    elements = list(_walk(at.main))
    start = next(i for i, e in enumerate(elements) if getattr(e, "label", None) == label)
    found = []
    for e in elements[start + 1 :]:
        if getattr(e, "label", None) is not None:
            break
        if e.type == kind:
            found.append(unescape(e.value))
    return found


def _walk(node: Any) -> Any:
    children = getattr(node, "children", None)
    if children is not None and not hasattr(node, "value"):
        for index in sorted(children):
            yield from _walk(children[index])
    else:
        yield node


def fill_valid(at: AppTest) -> AppTest:
    at.text_input(key=draft.ID).input("b01-rent-composite")
    at.text_input(key=draft.LABEL).input("Adult covering rent after a job loss")
    at.text_area(key=draft.NARRATIVE).input(STORY)
    at.slider(key=draft.factor_key("poverty")).set_value(0.7)
    at.run()
    at.text_input(key=draft.why_key("poverty")).input("fell behind on the rent")
    at.multiselect(key=draft.SOURCES).select(next(iter(draft.source_choices())))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_every_factor_is_a_control_with_its_description(app: App) -> None:
    at = builder(app)
    labels = {s.label for s in at.slider}
    for factor in factor_catalogue().factors:
        assert factor.label in labels
        assert any(unescape(c.value) == factor.description for c in at.caption)
    for key in (draft.ID, draft.LABEL, draft.SELF_DESCRIPTION):
        assert at.text_input(key=key) is not None
    assert at.selectbox(key=draft.AGE).value == "adult_25_39"
    assert at.toggle(key=draft.STATED).value is False


def test_a_blank_draft_lists_each_problem_beside_its_field(app: App) -> None:
    at = builder(app)
    # Empty fields are to do (warnings); text the model refuses is an error.
    label = "Label (a short description, never a name)"
    assert errors_after(at, label, kind="warning") == ["Write at least 3 characters"]
    story = "Their story (a short fictional narrative, in your own words)"
    assert errors_after(at, story, kind="warning") == ["Write at least 40 characters"]
    assert not at.main.error, "nothing is refused before anything is written"
    assert any("3 problems to fix" in m.value for m in at.main.markdown)


def test_personal_data_in_the_story_is_refused_beside_the_story(app: App) -> None:
    at = builder(app)
    at.text_area(key=draft.NARRATIVE).input(STORY + " Reach her at jane.doe@example.com.").run()
    story = "Their story (a short fictional narrative, in your own words)"
    (message,) = errors_after(at, story)
    assert "Looks like personal data" in message and "e-mail" in message


def test_the_placement_follows_the_factors_before_the_text_is_done(app: App) -> None:
    at = builder(app)
    before = next(m.value for m in at.main.markdown if m.value.startswith("**Assessed:**"))
    at.slider(key=draft.factor_key("force")).set_value(0.9).run()
    after = next(m.value for m in at.main.markdown if m.value.startswith("**Assessed:**"))
    assert before != after and "Coercion" in after
    # A why is asked for the value that now matters, and its absence is shown beside it.
    assert at.text_input(key=draft.why_key("force")) is not None
    why = at.text_input(key=draft.why_key("force")).label
    assert any(e.startswith("Required") for e in errors_after(at, why, kind="warning"))


def test_a_why_must_quote_the_story(app: App) -> None:
    at = fill_valid(builder(app))
    at.text_input(key=draft.why_key("poverty")).input("words that are not there").run()
    label = next(t.label for t in at.text_input if t.key == draft.why_key("poverty"))
    assert any("word for word" in e for e in errors_after(at, label))


def test_a_valid_draft_is_added_to_the_session_and_opens_on_the_persona_page(app: App) -> None:
    at = fill_valid(builder(app))
    assert any("Ready" in m.value for m in at.main.markdown)
    at.button[1].click().run()  # "Start" is the first button, "Add" the second
    assert any("b01-rent-composite" in unescape(s.value) for s in at.success)
    open_page(at, file_of("map"))
    assert "b01-rent-composite" in list(map_table(at)["ID"])
    at.query_params["persona"] = "b01-rent-composite"
    open_page(at, PERSONA)
    assert unescape(at.title[0].value) == "Adult covering rent after a job loss"


def test_an_id_already_in_the_session_is_refused(app: App) -> None:
    at = fill_valid(builder(app))
    at.text_input(key=draft.ID).input("p01-independent-escort").run()
    assert any("already a persona" in e for e in errors_after(at, at.text_input[0].label))


def test_starting_from_a_copy_fills_every_field(app: App, bundled: list[Persona]) -> None:
    at = builder(app)
    source = bundled[9]
    at.selectbox(key="builder_copy_from").select(source.id)
    at.button[0].click().run()
    assert at.text_input(key=draft.ID).value == f"{source.id}-copy"
    assert at.text_area(key=draft.NARRATIVE).value == source.narrative
    assert any("Ready" in m.value for m in at.main.markdown)


@pytest.mark.parametrize("index", range(15))
def test_a_copy_of_each_bundled_persona_round_trips_through_toml(
    bundled: list[Persona], index: int
) -> None:
    source = bundled[index]
    checked = draft.check(draft.from_persona(source, "copy-of-one"))
    assert checked.persona is not None, checked.problems
    cfg = default_config()
    assert assess_one(checked.persona, cfg).position == pytest.approx(
        assess_one(source, cfg).position
    )
    back = load_persona_bytes(draft.persona_toml(checked.persona).encode(), "copy.toml")
    assert not back.problems and back.personas == [checked.persona]


def test_sources_offered_are_essay_passages_the_model_cites() -> None:
    choices = draft.source_choices()
    assert len(choices) >= 20
    assert all(c.essay is not None and c.note is None for c in choices.values())


def test_the_persona_page_can_lead_with_the_self_placement_for_the_session(app: App) -> None:
    at = app(persona="p10-pimp-controlled-youth")
    open_page(at, PERSONA)
    assert [m.label for m in at.main.metric][:2] == ["Assessed position", "Self-placement"]
    where = next(m.value for m in at.main.markdown if m.value.startswith("**Where they stand:**"))
    assert unescape(where).startswith("**Where they stand:** The assessment places them")
    at.toggle(key="lead_with_self_placement").set_value(True).run()
    assert [m.label for m in at.main.metric][:2] == ["Self-placement", "Assessed position"]
    where = next(m.value for m in at.main.markdown if m.value.startswith("**Where they stand:**"))
    assert unescape(where).startswith("**Where they stand:** They place themselves in")
    open_page(at, file_of("map"))
    open_page(at, PERSONA)
    assert at.toggle(key="lead_with_self_placement").value is True, "kept for the session"
