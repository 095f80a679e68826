"""The pages' account of the protections agrees with the model's rule.

The interventions page marks which responses are protections and for whom, from the rule itself
(``model.responses.PROTECTIONS``, through ``dashboard.figures.interventions``); the persona page
names those the first layer already lists, from ``ResponsePlan.owed``. Here both are held to
``plan_for`` for every bundled persona and for generated ones, so a change to the rule that the
pages miss fails here.
"""

from __future__ import annotations

from hypothesis import given, settings

from dashboard.figures import interventions
from model import Persona, Zone, assess_one, default_config, plan_for, response_catalogue
from model.responses import PROTECTIONS
from tests.strategies import personas


def _check(persona: Persona) -> None:
    a = assess_one(persona, default_config())
    plan = plan_for(a)
    owed = {x.item.id for x in plan.owed}
    first = {x.item.id for x in plan.starting}
    assert {x.item.id for x in plan.protections} == owed - first, persona.id
    cat = response_catalogue()
    for item_id in owed:
        marks = interventions.protections_for(cat.intervention(item_id))
        assert any(p.applies(a) for p in marks), f"{persona.id}: {item_id} owed but not marked"
    for protection in PROTECTIONS:
        if protection.applies(a):
            for item in protection.brings(cat, a):
                assert protection in interventions.protections_for(item), (persona.id, item.id)


def test_the_protections_the_pages_name_are_the_models(bundled_personas) -> None:
    for persona in bundled_personas.personas:
        _check(persona)


@settings(max_examples=150, deadline=None)
@given(personas())
def test_the_protections_agree_for_any_persona(persona: Persona) -> None:
    _check(persona)


def test_every_protection_marks_what_the_model_adds() -> None:
    cat = response_catalogue()
    marked = {i.id for i in cat.interventions if interventions.protections_for(i)}
    assert {"support-not-punish", "safety-from-violence"} <= marked
    assert {i.id for i in cat.for_zone(Zone.COERCION)} <= marked
    assert {i.id for i in cat.interventions if i.follows_assessment} <= marked
    table = interventions.protections_table()
    assert list(table["For"]) == [f"{p.who} ({p.refs})" for p in PROTECTIONS], "every row of it"
