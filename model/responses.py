"""A persona's responses, in two layers, starting from where the person sees themself.

The essays ask to begin "by asking them where they see themselves to be" (L50): "by focusing on
how someone sees themselves across the spectrum, it's easier to start imagining different kinds
of interventions" (L56). So responses are built in two layers, never by overwriting one view
with the other:

- **Starting where they are**: the responses for the zone the person places themself in. Where
  they have not said, the first response is to ask (L50), and the assessed zone stands in,
  labelled as such.
- **Protections whatever they say**: what follows from the assessment and the law and may not
  wait for self-identification: for a minor, the responses for coercion and never arrest (L17,
  L20, L48); for anyone forced or manipulated, support, not punishment (L58), and for anyone
  placed in coercion, action against those who exploit them (L58); for anyone who has met
  violence, support (L70); and services "regardless of whether they see themselves as
  trafficked" (L62).

The gap between the two is kept, and is what a trainer discusses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from model.interventions import Applicable, Caution, Intervention, response_catalogue
from model.scoring import Assessment
from model.spectrum import Zone


class Layer(StrEnum):
    STARTING = "starting_where_they_are"
    PROTECTIONS = "protections_whatever_they_say"

    @property
    def label(self) -> str:
        if self is Layer.STARTING:
            return "Starting where they are"
        return "Protections, whatever they say"


class StartingBasis(StrEnum):
    """What the first layer starts from."""

    SELF_PLACEMENT = "self_placement"
    ASSESSED_STAND_IN = "assessed_stand_in"
    """Not stated: ask first; meanwhile the assessed zone stands in, labelled as such."""


ASK_FIRST = "ask-first"
SUPPORT_NOT_PUNISH = "support-not-punish"
SAFETY_FROM_VIOLENCE = "safety-from-violence"
ARRESTING_VICTIMS = "arresting-victims"
SHRUGGING_OFF_VIOLENCE = "shrugging-off-violence"

REASON_MINOR = (
    "a minor: treated as coerced whatever they say, for teenagers lack legal agency (L48); "
    "youth often do not see themselves as victims (L17)"
)
REASON_FORCED = "forced or manipulated: supported, not punished (L58)"
REASON_COERCION = (
    "assessed in coercion: legal action against those who exploit, and support, do not wait "
    "for self-identification (L58)"
)
REASON_VIOLENCE = "has met violence: never acceptable, and always support (L70)"
REASON_NEVER_ARREST = "never arrest the people being exploited (L20, L58)"
REASON_EVERYWHERE = "applies everywhere"


@dataclass(frozen=True)
class ResponsePlan:
    """One persona's responses: two layers, the cautions, and the guidance for everyone."""

    persona_id: str
    starting_zone: Zone
    basis: StartingBasis
    starting: tuple[Applicable[Intervention], ...]
    protections: tuple[Applicable[Intervention], ...]
    cautions: tuple[Applicable[Caution], ...]
    guidance: tuple[Applicable[Intervention], ...]
    """Guidance that applies everywhere and is not already in a layer."""

    @property
    def ask_first(self) -> bool:
        return self.basis is StartingBasis.ASSESSED_STAND_IN

    @property
    def starting_label(self) -> str:
        """Where the first layer starts, said plainly."""
        if self.ask_first:
            return (
                f"Not stated: ask first (L50); meanwhile the assessed zone stands in: "
                f"{self.starting_zone.label}"
            )
        return f"Their own place: {self.starting_zone.label}"

    def layer(self, layer: Layer) -> tuple[Applicable[Intervention], ...]:
        return self.starting if layer is Layer.STARTING else self.protections


T = TypeVar("T", Intervention, Caution)


class _Collector(list[Applicable[T]]):
    """Applicable items in order, each once: the first reason given for an item is kept."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        super().__init__()
        self.taken = set(taken)

    def add(self, items: Iterable[T], reason: str) -> None:
        for item in items:
            if item.id not in self.taken:
                self.taken.add(item.id)
                self.append(Applicable(item, reason))


def plan_for(assessment: Assessment) -> ResponsePlan:
    """Both layers of response for one assessed persona."""
    a, cat = assessment, response_catalogue()
    stated = a.self_zone is not None
    zone = a.self_zone if a.self_zone is not None else a.zone

    starting: _Collector[Intervention] = _Collector()
    if stated:
        starting.add(cat.for_zone(zone), f"their own place: {zone.label} (L50, L56)")
    else:
        starting.add(
            [cat.intervention(ASK_FIRST)],
            "not stated: the first response is to ask where they see themselves (L50)",
        )
        starting.add(
            cat.for_zone(zone),
            f"the assessed zone stands in until they say: {zone.label}",
        )

    protections: _Collector[Intervention] = _Collector(starting.taken)
    coercion = cat.for_zone(Zone.COERCION)
    if a.is_minor:
        protections.add(coercion, REASON_MINOR)
    if a.forced_or_manipulated:
        protections.add([cat.intervention(SUPPORT_NOT_PUNISH)], REASON_FORCED)
    if a.zone is Zone.COERCION:
        protections.add(coercion, REASON_COERCION)
    if a.violence_present:
        protections.add([cat.intervention(SAFETY_FROM_VIOLENCE)], REASON_VIOLENCE)
    protections.add(
        [i for i in cat.interventions if i.follows_assessment and a.zone in i.applies_to],
        f"assessed {a.zone.label}: whether or not they see themselves as trafficked (L62)",
    )

    cautions: _Collector[Caution] = _Collector()
    cautions.add(cat.cautions_for_zone(zone), f"for their own place: {zone.label}")
    if a.is_minor or a.forced_or_manipulated or a.zone is Zone.COERCION:
        cautions.add([cat.caution(ARRESTING_VICTIMS)], REASON_NEVER_ARREST)
    if a.violence_present:
        cautions.add([cat.caution(SHRUGGING_OFF_VIOLENCE)], REASON_VIOLENCE)
    if a.zone is not zone:
        cautions.add(cat.cautions_for_zone(a.zone), f"for the assessed zone: {a.zone.label}")
    cautions.add(cat.general_cautions, REASON_EVERYWHERE)

    guidance: _Collector[Intervention] = _Collector(protections.taken)
    guidance.add(cat.guidance, REASON_EVERYWHERE)
    return ResponsePlan(
        persona_id=a.persona_id,
        starting_zone=zone,
        basis=StartingBasis.SELF_PLACEMENT if stated else StartingBasis.ASSESSED_STAND_IN,
        starting=tuple(starting),
        protections=tuple(protections),
        cautions=tuple(cautions),
        guidance=tuple(guidance),
    )
