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

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from model.interventions import (
    Applicable,
    Caution,
    Intervention,
    ResponseCatalogue,
    response_catalogue,
)
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

REASON_NEVER_ARREST = "never arrest the people being exploited (L20, L58)"
REASON_EVERYWHERE = "applies everywhere"


@dataclass(frozen=True)
class Protection:
    """A condition under which responses may not wait for anyone to self-identify, and what it
    brings. :data:`PROTECTIONS` is the whole rule: :func:`plan_for` applies it, and the pages
    explain it from the same data."""

    id: str
    who: str
    """Whom it protects, as a page names them."""
    short: str
    """The same, for a narrow table column."""
    refs: str
    reason: str
    """Why each item it brings is owed (shown beside the item)."""
    applies: Callable[[Assessment], bool]
    may_bring: Callable[[ResponseCatalogue], list[Intervention]]
    """Every intervention it can bring to anyone."""
    by_assessed_zone: bool = False
    """Brings only those of its items that serve the zone the assessment gives."""
    cautions: tuple[str, ...] = ()
    """Ids of the cautions it raises."""

    def brings(self, cat: ResponseCatalogue, a: Assessment) -> list[Intervention]:
        """What it brings to this person."""
        items = self.may_bring(cat)
        return [i for i in items if a.zone in i.applies_to] if self.by_assessed_zone else items


def _coercions(cat: ResponseCatalogue) -> list[Intervention]:
    return cat.for_zone(Zone.COERCION)


PROTECTIONS: tuple[Protection, ...] = (
    Protection(
        "minor",
        "every minor, whatever they say",
        "minors",
        "L17, L20, L48",
        "a minor: treated as coerced whatever they say, for teenagers lack legal agency (L48); "
        "youth often do not see themselves as victims (L17)",
        lambda a: a.is_minor,
        _coercions,
        cautions=(ARRESTING_VICTIMS,),
    ),
    Protection(
        "forced",
        "anyone forced or manipulated",
        "forced or manipulated",
        "L58",
        "forced or manipulated: supported, not punished (L58)",
        lambda a: a.forced_or_manipulated,
        lambda cat: [cat.intervention(SUPPORT_NOT_PUNISH)],
        cautions=(ARRESTING_VICTIMS,),
    ),
    Protection(
        "coercion",
        "anyone assessed in coercion",
        "coercion",
        "L58",
        "assessed in coercion: legal action against those who exploit, and support, do not "
        "wait for self-identification (L58)",
        lambda a: a.zone is Zone.COERCION,
        _coercions,
        cautions=(ARRESTING_VICTIMS,),
    ),
    Protection(
        "violence",
        "anyone who has met violence",
        "violence",
        "L70",
        "has met violence: never acceptable, and always support (L70)",
        lambda a: a.violence_present,
        lambda cat: [cat.intervention(SAFETY_FROM_VIOLENCE)],
        cautions=(SHRUGGING_OFF_VIOLENCE,),
    ),
    Protection(
        "services",
        "anyone the assessment places where services apply",
        "services (L62)",
        "L62",
        "whether or not they see themselves as trafficked (L62)",
        lambda a: True,
        lambda cat: [i for i in cat.interventions if i.follows_assessment],
        by_assessed_zone=True,
    ),
)


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
    owed: tuple[Applicable[Intervention], ...]
    """Everything owed whatever they say, with its reason, including what the first layer
    already lists (the protections layer shows each item once)."""

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
    owed: _Collector[Intervention] = _Collector()
    cautions: _Collector[Caution] = _Collector()
    cautions.add(cat.cautions_for_zone(zone), f"for their own place: {zone.label}")
    for protection in PROTECTIONS:
        if protection.applies(a):
            brought = protection.brings(cat, a)
            protections.add(brought, protection.reason)
            owed.add(brought, protection.reason)
            reason = (
                REASON_NEVER_ARREST
                if ARRESTING_VICTIMS in protection.cautions
                else (protection.reason)
            )
            cautions.add([cat.caution(c) for c in protection.cautions], reason)
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
        owed=tuple(owed),
    )
