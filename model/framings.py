"""Framing lenses: how the same persona is placed, and answered, under different framings.

The essays contrast ways of seeing the same people (L44–L46, L56, L58). Each lens here maps an
assessed persona to where that framing puts them and to the responses that follow, and names
the cautions the essays raise against the result. The descriptions live in
``data/framings.toml``; the rules, one per framing, are below.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from model.interventions import catalogue
from model.scoring import Assessment
from model.sources import Citation
from model.spectrum import Zone


class FramingId(StrEnum):
    SPECTRUM = "spectrum"
    ALL_COERCION = "all_coercion"
    CRIMINAL_LEGAL = "criminal_legal"
    SELF_IDENTIFICATION = "self_identification"


class Framing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: FramingId
    title: str
    short_title: str = Field(max_length=24)
    summary: str
    treated_as: str
    sources: tuple[Citation, ...] = Field(min_length=1)


class FramedView(BaseModel):
    """One persona seen through one framing."""

    model_config = ConfigDict(frozen=True)

    persona_id: str
    framing: FramingId
    zone: Zone | None
    """Where the framing places the persona; None when it places them nowhere on the axis."""
    treated_as: str
    responses: tuple[str, ...]
    """Ids of the catalogue interventions the framing leads to."""
    cautions: tuple[str, ...]
    """Ids of the catalogue cautions the essays raise against this outcome."""
    differs_from_spectrum: bool


class _Outcome(BaseModel):
    zone: Zone | None
    treated_as: str
    cautions: tuple[str, ...] = ()
    responses: tuple[str, ...] | None = None
    """None: the zone-specific interventions of ``zone``."""


def _spectrum(a: Assessment, framing: Framing) -> _Outcome:
    treated = a.zone.label + (" (and coerced in law, as a minor)" if a.is_minor else "")
    responses = tuple(x.item.id for x in catalogue().for_assessment(a) if not x.item.everywhere)
    return _Outcome(zone=a.zone, treated_as=treated, responses=responses)


def _all_coercion(a: Assessment, framing: Framing) -> _Outcome:
    cautions: list[str] = []
    if a.zone is not Zone.COERCION:
        cautions.append("all-commercial-sex-as-coercion")
    if a.zone in (Zone.ECONOMIC, Zone.NEAR_COERCION):
        # "Rescue" that leaves circumstance in place leads back into the trade (L54).
        cautions.append("rescue-and-repatriation")
    return _Outcome(zone=Zone.COERCION, treated_as=framing.treated_as, cautions=tuple(cautions))


def _criminal_legal(a: Assessment, framing: Framing) -> _Outcome:
    cautions: list[str] = []
    if a.zone is Zone.COERCION or a.is_minor:
        cautions.append("arresting-victims")
    if a.zone.band is not None:
        cautions.append("prosecuting-circumstance")
    # The criminal-legal frame's one tool, and it is aimed at the person selling sex too.
    return _Outcome(
        zone=None,
        treated_as=framing.treated_as,
        cautions=tuple(cautions),
        responses=("prosecute-exploiters",),
    )


def _self_identification(a: Assessment, framing: Framing) -> _Outcome:
    if a.self_zone is None:
        return _Outcome(zone=None, treated_as="Not stated: no response follows")
    cautions: list[str] = []
    if a.is_minor or (a.zone_gap is not None and a.zone_gap >= 2):
        # A minor is coerced in law whatever they say (L48); and a self-view far short of the
        # assessment can leave serious needs unmet (L46).
        cautions.append("self-identification-alone")
    return _Outcome(zone=a.self_zone, treated_as=a.self_zone.label, cautions=tuple(cautions))


_RULES: dict[FramingId, Callable[[Assessment, Framing], _Outcome]] = {
    FramingId.SPECTRUM: _spectrum,
    FramingId.ALL_COERCION: _all_coercion,
    FramingId.CRIMINAL_LEGAL: _criminal_legal,
    FramingId.SELF_IDENTIFICATION: _self_identification,
}


@cache
def framings() -> tuple[Framing, ...]:
    """The framings, in the order the data file gives them."""
    text = resources.files("model").joinpath("data/framings.toml").read_text(encoding="utf-8")
    items = tuple(Framing.model_validate(f) for f in tomllib.loads(text)["framings"])
    if {f.id for f in items} != set(FramingId):
        raise ValueError("framings.toml must describe every framing exactly once")
    return items


def framing(framing_id: FramingId | str) -> Framing:
    for item in framings():
        if item.id == framing_id:
            return item
    raise KeyError(framing_id)


def view(assessment: Assessment, framing_id: FramingId | str) -> FramedView:
    """How a framing places and answers one assessed persona."""
    info = framing(framing_id)
    outcome = _RULES[info.id](assessment, info)
    responses = outcome.responses
    if responses is None:
        zone = outcome.zone
        responses = () if zone is None else tuple(i.id for i in catalogue().for_zone(zone))
    return FramedView(
        persona_id=assessment.persona_id,
        framing=info.id,
        zone=outcome.zone,
        treated_as=outcome.treated_as,
        responses=responses,
        cautions=outcome.cautions,
        differs_from_spectrum=outcome.zone is not assessment.zone,
    )
