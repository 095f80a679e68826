"""The interventions the essays recommend for each zone, and the cautions beside them.

Read from ``data/interventions.toml``. What applies to one persona, in two layers (starting where
they are, and the protections that do not wait for them), is :mod:`model.responses`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from model.bundled import bundled_toml
from model.sources import Citation
from model.spectrum import ZONES, Zone


class Level(StrEnum):
    """Where a response acts. This project's classification, not the essays'."""

    INDIVIDUAL = "individual"
    COMMUNITY = "community"
    STRUCTURAL = "structural"
    LEGAL = "legal"
    TECHNOLOGY = "technology"


class Intervention(BaseModel):
    """A response the essays recommend, the zones it serves, and where they say so."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=5, max_length=120)
    summary: str = Field(min_length=20, max_length=500)
    level: Level
    applies_to: tuple[Zone, ...] = Field(min_length=1)
    follows_assessment: bool = Field(
        default=False,
        description=(
            "Offered wherever the assessment places someone in its zones, whatever they say "
            "of themselves (L62)."
        ),
    )
    sources: tuple[Citation, ...] = Field(min_length=1)

    @property
    def applies_everywhere(self) -> bool:
        return set(self.applies_to) == set(ZONES)


class Caution(BaseModel):
    """A response the essays warn causes harm, and whom it harms."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=5, max_length=120)
    harm: str = Field(min_length=20, max_length=500)
    applies_to: tuple[Zone, ...] = Field(min_length=1)
    sources: tuple[Citation, ...] = Field(min_length=1)

    @property
    def applies_everywhere(self) -> bool:
        return set(self.applies_to) == set(ZONES)


T = TypeVar("T", Intervention, Caution)


@dataclass(frozen=True)
class Applicable(Generic[T]):
    """An intervention or caution that applies to a persona, and why (with the passage)."""

    item: T
    reason: str


class ResponseCatalogue(BaseModel):
    """Every intervention and caution, in the order the data file gives them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    interventions: tuple[Intervention, ...] = Field(min_length=1)
    cautions: tuple[Caution, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique_and_zones_served(self) -> Self:
        ids = [i.id for i in self.interventions] + [c.id for c in self.cautions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate ids: {', '.join(duplicates)}")
        for zone in ZONES:
            if not any(
                zone in i.applies_to and not i.applies_everywhere for i in self.interventions
            ):
                raise ValueError(f"no zone-specific intervention serves {zone.value}")
        return self

    def for_zone(self, zone: Zone, *, include_everywhere: bool = False) -> list[Intervention]:
        return [
            i
            for i in self.interventions
            if zone in i.applies_to and (include_everywhere or not i.applies_everywhere)
        ]

    def cautions_for_zone(self, zone: Zone, *, include_everywhere: bool = False) -> list[Caution]:
        return [
            c
            for c in self.cautions
            if zone in c.applies_to and (include_everywhere or not c.applies_everywhere)
        ]

    @property
    def guidance(self) -> list[Intervention]:
        """Guidance that applies at every point of the spectrum."""
        return [i for i in self.interventions if i.applies_everywhere]

    @property
    def general_cautions(self) -> list[Caution]:
        """Cautions that apply at every point of the spectrum."""
        return [c for c in self.cautions if c.applies_everywhere]

    def intervention(self, item_id: str) -> Intervention:
        for item in self.interventions:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def caution(self, item_id: str) -> Caution:
        for item in self.cautions:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


@cache
def response_catalogue() -> ResponseCatalogue:
    """The bundled catalogue of interventions and cautions (read once; immutable)."""
    return ResponseCatalogue.model_validate(bundled_toml("interventions.toml"))
