"""The two layers of response, as the pages explain and mark them.

The rules themselves are the model's (``model.responses.plan_for``); this module only names, for
the pages, which catalogue items the model adds as protections and on what condition, from the
model's own constants. ``tests/dashboard/test_layers.py`` checks it against ``plan_for`` for
every bundled persona, so the pages cannot drift from the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from model import Assessment, Intervention, Layer, Zone, catalogue
from model.responses import SAFETY_FROM_VIOLENCE, SUPPORT_NOT_PUNISH

STARTING = Layer.STARTING.label
PROTECTIONS = Layer.PROTECTIONS.label

INTRO = (
    "Responses come in two layers, and neither overwrites the other.\n\n"
    f"- **{STARTING}.** Begin by asking people where they see themselves (L50): “by focusing on "
    "how someone sees themselves across the spectrum, it’s easier to start imagining different "
    "kinds of interventions” (L56). The first layer is the responses for the zone the person "
    "places themself in; where they have not said, the first response is to ask, and the "
    "assessed zone stands in, labelled as such.\n"
    f"- **{PROTECTIONS}.** Some protections may not wait for anyone to call themself a victim: "
    "youth often do not (L17), and teenagers lack legal agency (L48), so a minor gets the "
    "responses for coercion and is never arrested (L20); anyone forced or manipulated is "
    "supported, not punished (L58); anyone who has met violence is supported (L70); and people "
    "in the life need services “regardless of whether they see themselves as trafficked” (L62)."
)


@dataclass(frozen=True)
class Trigger:
    """A condition under which the model adds an intervention to the protections layer."""

    who: str
    refs: str
    short: str
    """For a narrow table column."""
    applies: Callable[[Assessment], bool]

    @property
    def mark(self) -> str:
        return f"a protection for {self.who} ({self.refs})"


MINORS = Trigger("every minor, whatever they say", "L17, L20, L48", "minors", lambda a: a.is_minor)
COERCED = Trigger(
    "anyone assessed in coercion", "L58", "coercion", lambda a: a.zone is Zone.COERCION
)
FORCED = Trigger(
    "anyone forced or manipulated",
    "L58",
    "forced or manipulated",
    lambda a: a.forced_or_manipulated,
)
VIOLENCE = Trigger("anyone who has met violence", "L70", "violence", lambda a: a.violence_present)
TRIGGERS = (MINORS, COERCED, FORCED, VIOLENCE)


def triggers_for(item: Intervention) -> list[Trigger]:
    """The conditions under which ``item`` joins a persona's protections (model.responses)."""
    found = []
    if item in catalogue().for_zone(Zone.COERCION):
        found += [MINORS, COERCED]
    if item.id == SUPPORT_NOT_PUNISH:
        found.append(FORCED)
    if item.id == SAFETY_FROM_VIOLENCE:
        found.append(VIOLENCE)
    return found


WHATEVER_THEY_SAY = "applies whatever they say, wherever the assessment places them (L62)"
"""The mark of an intervention the model offers by the assessment (``follows_assessment``)."""


def owed_whatever_they_say(a: Assessment) -> list[Intervention]:
    """Every intervention the model owes this person whatever they say: the protections
    layer, together with those the first layer already lists (each is shown once)."""
    return [
        i
        for i in catalogue().interventions
        if any(t.applies(a) for t in triggers_for(i))
        or (i.follows_assessment and a.zone in i.applies_to)
    ]
