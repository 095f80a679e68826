"""The factors that place a person on the spectrum, read from ``data/factors.toml``.

Four kinds, as the essays set them out:

- **capital**: social, economic and cultural capital, the agency that marks the choice end (L42);
- **hardship**, the economic strand of circumstance: poverty, homelessness, foster care
  (L19, L42, L60, L64);
- **struggle**, the personal strand: mental health, addiction, gender dysphoria, a history of
  abuse (sexual abuse, family violence), co-dependency (L19, L42, L72);
- **control**: force and manipulation, the routes into coercion (L42), and a third party's
  control, which is exploitation but not by itself coercion (L66).

Violence is not a factor: the essays ask to untangle it (L70), so a persona records it apart and
it never moves a position.

This module holds what each factor *is*; how much it weighs is configuration (:mod:`model.config`).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from model.bundled import bundled_toml
from model.sources import Citation


class FactorKind(StrEnum):
    CAPITAL = "capital"
    HARDSHIP = "hardship"
    STRUGGLE = "struggle"
    CONTROL = "control"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    FactorKind.CAPITAL: "Capital and agency",
    FactorKind.HARDSHIP: "Economic hardship",
    FactorKind.STRUGGLE: "Personal struggles",
    FactorKind.CONTROL: "Force, manipulation and control",
}


class Direction(StrEnum):
    """Which end of the axis more of a factor moves a person toward."""

    TOWARD_CHOICE = "toward_choice"
    TOWARD_COERCION = "toward_coercion"


FactorId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{1,39}$")]


class Factor(BaseModel):
    """One factor: what it means, which way it pushes, and where the essays say so."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: FactorId
    kind: FactorKind
    label: str = Field(min_length=3, max_length=80)
    short_label: str = Field(min_length=3, max_length=28, description="For chart axes and tables.")
    description: str = Field(min_length=10, max_length=400)
    decisive: bool = Field(
        default=False,
        description="At or above the decisive threshold, this factor alone means coercion.",
    )
    sources: tuple[Citation, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _only_control_is_decisive(self) -> Self:
        if self.decisive and self.kind is not FactorKind.CONTROL:
            raise ValueError("only control factors can be decisive")
        return self

    @property
    def contribution_label(self) -> str:
        """What this factor contributes, named the same in every chart, table and report:
        a capital pushes by being lacked."""
        if self.kind is FactorKind.CAPITAL:
            return f"Lack of {self.label[0].lower()}{self.label[1:]}"
        return self.label

    @property
    def direction(self) -> Direction:
        if self.kind is FactorKind.CAPITAL:
            return Direction.TOWARD_CHOICE
        return Direction.TOWARD_COERCION


class FactorCatalogue(BaseModel):
    """Every factor, in the fixed order used for matrices and tables."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    factors: tuple[Factor, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique(self) -> Self:
        ids = [f.id for f in self.factors]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate factor ids: {', '.join(duplicates)}")
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.factors)

    def __getitem__(self, factor_id: str) -> Factor:
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)

    def of_kind(self, kind: FactorKind) -> tuple[Factor, ...]:
        return tuple(f for f in self.factors if f.kind is kind)


@cache
def factor_catalogue() -> FactorCatalogue:
    """The bundled factor catalogue (read once; it is immutable)."""
    return FactorCatalogue.model_validate(bundled_toml("factors.toml"))
