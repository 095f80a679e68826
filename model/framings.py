"""Framing lenses: how the same persona is placed, and answered, under different framings.

The essays contrast ways of seeing the same people (L44–L46, L50–L58). Each lens maps an
assessed persona to where that framing puts them (a typed :class:`PlacementBasis`, never prose)
and to the responses that follow, and names the cautions the essays raise against the result.
The descriptions, stated as their holders would state them, live in ``data/framings.toml``; the
rules, one per framing, are below.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from model.bundled import bundled_toml
from model.interventions import response_catalogue
from model.responses import ARRESTING_VICTIMS, StartingBasis, plan_for
from model.scoring import Assessment
from model.sources import Citation
from model.spectrum import Zone


class FramingId(StrEnum):
    STARTING_WHERE_THEY_ARE = "starting_where_they_are"
    PLACED_FROM_OUTSIDE = "placed_from_outside"
    ALL_COERCION = "all_coercion"
    CRIMINAL_LEGAL = "criminal_legal"


class PlacementBasis(StrEnum):
    """What a framing places a persona by."""

    SELF_PLACEMENT = "self_placement"
    ASSESSED_STAND_IN = "assessed_stand_in"
    """Not stated: the framing asks first; the assessed zone stands in meanwhile."""
    ASSESSED = "assessed"
    ALL_AS_COERCION = "all_as_coercion"
    NOT_PLACED = "not_placed"
    """The framing places no one on the axis: it prosecutes."""


class Framing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: FramingId
    title: str
    short_title: str = Field(max_length=24)
    held_by: str
    summary: str
    treated_as: str
    misses: str
    sources: tuple[Citation, ...] = Field(min_length=1)


class FramedView(BaseModel):
    """One persona seen through one framing."""

    model_config = ConfigDict(frozen=True)

    persona_id: str
    framing: FramingId
    zone: Zone | None
    """Where the framing places the persona; None when it places them nowhere on the axis."""
    basis: PlacementBasis
    treated_as: str
    responses: tuple[str, ...]
    """Ids of the catalogue interventions the framing leads to (its first layer)."""
    protections: tuple[str, ...] = ()
    """Ids of the interventions that apply whatever the person says (boyd's framing only)."""
    cautions: tuple[str, ...]
    """Ids of the catalogue cautions the essays raise against this outcome."""
    differs_from_assessment: bool
    """True when the framing places the persona elsewhere than the outside assessment."""
    differs_from_self: bool | None = None
    """True when the framing places the persona elsewhere than they place themselves; None when
    they have not said where they stand (the essays' first step is to ask, L50)."""


class _Outcome(BaseModel):
    zone: Zone | None
    basis: PlacementBasis
    treated_as: str
    responses: tuple[str, ...]
    protections: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()


def _zone_responses(zone: Zone) -> tuple[str, ...]:
    return tuple(i.id for i in response_catalogue().for_zone(zone))


def _starting_where_they_are(a: Assessment, framing: Framing) -> _Outcome:
    plan = plan_for(a)
    stand_in = plan.basis is StartingBasis.ASSESSED_STAND_IN
    return _Outcome(
        zone=plan.starting_zone,
        basis=PlacementBasis.ASSESSED_STAND_IN if stand_in else PlacementBasis.SELF_PLACEMENT,
        treated_as=plan.starting_label,
        responses=tuple(x.item.id for x in plan.starting),
        protections=tuple(x.item.id for x in plan.protections),
        cautions=tuple(x.item.id for x in plan.cautions if not x.item.applies_everywhere),
    )


def _placed_from_outside(a: Assessment, framing: Framing) -> _Outcome:
    return _Outcome(
        zone=a.zone,
        basis=PlacementBasis.ASSESSED,
        treated_as=f"{framing.treated_as}: {a.zone.label}",
        responses=_zone_responses(a.zone),
        cautions=("placing-from-outside",),
    )


def _all_coercion(a: Assessment, framing: Framing) -> _Outcome:
    # The essays' answer (L56) applies wherever the assessment finds something other than force.
    cautions = ("all-commercial-sex-as-coercion",) if a.zone is not Zone.COERCION else ()
    return _Outcome(
        zone=Zone.COERCION,
        basis=PlacementBasis.ALL_AS_COERCION,
        treated_as=framing.treated_as,
        responses=_zone_responses(Zone.COERCION),
        cautions=cautions,
    )


def _criminal_legal(a: Assessment, framing: Framing) -> _Outcome:
    cautions: list[str] = []
    if a.zone is Zone.COERCION or a.is_minor or a.forced_or_manipulated:
        cautions.append(ARRESTING_VICTIMS)
    if a.zone.in_circumstance:
        cautions.append("prosecuting-circumstance")
    return _Outcome(
        zone=None,
        basis=PlacementBasis.NOT_PLACED,
        treated_as=framing.treated_as,
        responses=(),
        cautions=tuple(cautions),
    )


_RULES: dict[FramingId, Callable[[Assessment, Framing], _Outcome]] = {
    FramingId.STARTING_WHERE_THEY_ARE: _starting_where_they_are,
    FramingId.PLACED_FROM_OUTSIDE: _placed_from_outside,
    FramingId.ALL_COERCION: _all_coercion,
    FramingId.CRIMINAL_LEGAL: _criminal_legal,
}


@cache
def framings() -> tuple[Framing, ...]:
    """The framings, in the order the data file gives them."""
    items = tuple(Framing.model_validate(f) for f in bundled_toml("framings.toml")["framings"])
    if sorted(f.id for f in items) != sorted(FramingId):
        raise ValueError("framings.toml must describe every framing exactly once")
    return items


def framing(framing_id: FramingId | str) -> Framing:
    for item in framings():
        if item.id == framing_id:
            return item
    raise KeyError(framing_id)


def frame(assessment: Assessment, framing_id: FramingId | str) -> FramedView:
    """How a framing places and answers one assessed persona."""
    info = framing(framing_id)
    outcome = _RULES[info.id](assessment, info)
    return FramedView(
        persona_id=assessment.persona_id,
        framing=info.id,
        zone=outcome.zone,
        basis=outcome.basis,
        treated_as=outcome.treated_as,
        responses=outcome.responses,
        protections=outcome.protections,
        cautions=outcome.cautions,
        differs_from_assessment=outcome.zone is not assessment.zone,
        differs_from_self=(
            None if assessment.self_zone is None else outcome.zone is not assessment.self_zone
        ),
    )


def frame_all(assessment: Assessment) -> list[FramedView]:
    """One persona under every framing, in the data file's order."""
    return [frame(assessment, f.id) for f in framings()]
