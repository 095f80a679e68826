"""The spectrum: one axis from choice (0) to coercion (1) and the ordered zones along it.

The essays describe one axis, not three boxes (L42): choice at one end, coercion at the other,
and circumstance, "the bulk of commercial sex", between them, itself a spectrum of three bands.
Where the boundaries fall is configuration (:class:`Boundaries`), not a constant.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, JsonValue, model_validator


class Region(StrEnum):
    """The three regions the essays name."""

    CHOICE = "choice"
    CIRCUMSTANCE = "circumstance"
    COERCION = "coercion"


class Zone(StrEnum):
    """The five ordered stretches of the axis: the two ends and circumstance's three bands."""

    CHOICE = "choice"
    NEAR_CHOICE = "near_choice"
    ECONOMIC = "economic"
    NEAR_COERCION = "near_coercion"
    COERCION = "coercion"

    @property
    def region(self) -> Region:
        if self is Zone.CHOICE:
            return Region.CHOICE
        if self is Zone.COERCION:
            return Region.COERCION
        return Region.CIRCUMSTANCE

    @property
    def in_circumstance(self) -> bool:
        """True for the three bands of circumstance, False at either end of the axis."""
        return self.region is Region.CIRCUMSTANCE

    @property
    def label(self) -> str:
        return ZONE_LABELS[self]

    @property
    def short_label(self) -> str:
        """The label without its region, for narrow table columns."""
        return ZONE_LABELS[self].removeprefix("Circumstance: ").capitalize()

    @property
    def order(self) -> int:
        """Position in :data:`ZONES`, 0 (choice) to 4 (coercion)."""
        return ZONES.index(self)


ZONES: tuple[Zone, ...] = tuple(Zone)
"""Zones in order from choice to coercion."""

ZONE_LABELS: dict[Zone, str] = {
    Zone.CHOICE: "Choice",
    Zone.NEAR_CHOICE: "Circumstance: near choice",
    Zone.ECONOMIC: "Circumstance: economic",
    Zone.NEAR_COERCION: "Circumstance: near coercion",
    Zone.COERCION: "Coercion",
}

ZONE_DESCRIPTIONS: dict[Zone, str] = {
    Zone.CHOICE: (
        "High agency and social, economic and cultural capital; often pro-sex views (L42)."
    ),
    Zone.NEAR_CHOICE: (
        "Believes in the right to sell any part of one's body for gain, as one sells labour (L42)."
    ),
    Zone.ECONOMIC: (
        "The bulk of circumstance: poverty, financial desperation, hard economic trade-offs "
        "(L42, L64)."
    ),
    Zone.NEAR_COERCION: (
        "Financial hardship together with serious mental-health issues: addiction, gender "
        "dysphoria, a history of abuse, co-dependency (L42)."
    ),
    Zone.COERCION: (
        "No agency or capital; forced into the trade, directly or indirectly, through "
        "manipulation or force (L42)."
    ),
}


def parse_zone(text: str) -> Zone:
    """A zone from its id or its label, forgiving case, hyphens and spaces."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    for zone in ZONES:
        if key in (zone.value, zone.label.lower().replace(": ", "_").replace(" ", "_")):
            return zone
    known = ", ".join(z.value for z in ZONES)
    raise ValueError(f"unknown zone {text!r} (known: {known})")


_SLIDER: dict[str, JsonValue] = {"slider": [0.01, 0.99, 0.01]}
"""A form's slider for a boundary: [low, high, step] (the dashboard's adjust page reads it)."""


class Boundaries(BaseModel):
    """Where each zone ends on the 0–1 axis. Each zone runs from the previous upper bound
    (inclusive) to its own (exclusive); coercion runs to 1 inclusive."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    choice_upper: float = Field(
        0.2, gt=0, lt=1, description="Choice ends here.", json_schema_extra=_SLIDER
    )
    near_choice_upper: float = Field(
        0.4, gt=0, lt=1, description="Near-choice band ends here.", json_schema_extra=_SLIDER
    )
    economic_upper: float = Field(
        0.6, gt=0, lt=1, description="Economic band ends here.", json_schema_extra=_SLIDER
    )
    near_coercion_upper: float = Field(
        0.8,
        gt=0,
        lt=1,
        description="Near-coercion band ends and coercion begins here.",
        json_schema_extra=_SLIDER,
    )

    @model_validator(mode="after")
    def _strictly_increasing(self) -> Self:
        values = self.as_tuple()
        for i in range(len(values) - 1):
            if not values[i] < values[i + 1]:
                raise ValueError(
                    f"{BOUNDARY_LABELS[BOUNDARY_FIELDS[i]]} ({values[i]}) must be below "
                    f"{BOUNDARY_LABELS[BOUNDARY_FIELDS[i + 1]]} ({values[i + 1]})"
                )
        return self

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (
            self.choice_upper,
            self.near_choice_upper,
            self.economic_upper,
            self.near_coercion_upper,
        )

    @property
    def coercion_lower(self) -> float:
        return self.near_coercion_upper

    def span(self, zone: Zone) -> tuple[float, float]:
        """The [lower, upper) stretch of the axis a zone covers."""
        edges = (0.0, *self.as_tuple(), 1.0)
        return edges[zone.order], edges[zone.order + 1]

    def zone_of(self, position: float) -> Zone:
        """The zone holding a position in [0, 1]."""
        if not 0.0 <= position <= 1.0:
            raise ValueError(f"position {position} is outside [0, 1]")
        return ZONES[int(np.searchsorted(self.as_tuple(), position, side="right"))]

    def zone_indices(self, positions: npt.ArrayLike) -> npt.NDArray[np.int8]:
        """Zone indices (into :data:`ZONES`) for an array of positions, vectorized.

        A position's index is the number of boundaries at or below it (a boundary belongs to
        the zone above). Counting comparisons is several times faster than ``np.searchsorted``
        with only four boundaries, which matters for a million positions.
        """
        values = np.asarray(positions, dtype=float)
        indices = np.zeros(values.shape, dtype=np.int8)
        for bound in self.as_tuple():
            indices += (values >= bound).view(np.int8)
        return indices


BOUNDARY_FIELDS: tuple[str, ...] = tuple(f"{zone.value}_upper" for zone in ZONES[:-1])
"""The boundaries' field names, from choice to coercion: each ends the zone it is named for."""
BOUNDARY_LABELS: dict[str, str] = {
    f"{zone.value}_upper": f"{zone.label} ends at" for zone in ZONES[:-1]
}
"""What each boundary is called in forms, tables and messages."""
