"""The pages' account of the protections agrees with the model's rule (``plan_for``).

The interventions page marks which responses are protections and for whom, and the persona page
names those the first layer already lists; both read ``dashboard.layers``, which restates the
rule from the model's constants. Here it is held to ``plan_for`` for every bundled persona and
for generated ones, so a change to the rule that the pages miss fails here.
"""

from __future__ import annotations

from hypothesis import given, settings

from dashboard import layers
from model import Persona, Zone, assess_one, default_config, plan_for, response_catalogue
from tests.strategies import personas


def _check(persona: Persona) -> None:
    a = assess_one(persona, default_config())
    plan = plan_for(a)
    owed = {i.id for i in layers.owed_whatever_they_say(a)}
    first = {x.item.id for x in plan.starting}
    assert {x.item.id for x in plan.protections} == owed - first, persona.id


def test_the_protections_the_pages_name_are_the_models(bundled_personas) -> None:
    for persona in bundled_personas.personas:
        _check(persona)


@settings(max_examples=150, deadline=None)
@given(personas())
def test_the_protections_agree_for_any_persona(persona: Persona) -> None:
    _check(persona)


def test_every_trigger_marks_what_the_model_adds() -> None:
    cat = response_catalogue()
    marked = {i.id for i in cat.interventions if layers.triggers_for(i)}
    assert {"support-not-punish", "safety-from-violence"} <= marked
    assert {i.id for i in cat.for_zone(Zone.COERCION)} <= marked
