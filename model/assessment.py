"""An assessment: where a persona sits, why, and beside it their own view and the law.

The scoring rule (:mod:`model.scoring`) produces it; everything downstream (responses, framings,
reports, the dashboard) reads it. The legal status, the assessed position and the persona's own
placement are kept side by side, never merged (L48, L50).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from model.factors import FactorKind, factor_catalogue
from model.persona_fields import AgeBand
from model.spectrum import Region, Zone


class LegalStatus(StrEnum):
    """What the law says, kept apart from the assessed position and the self-placement (L48)."""

    MINOR = "minor_lacks_legal_agency"
    ADULT = "adult"

    @property
    def label(self) -> str:
        if self is LegalStatus.MINOR:
            return "Minor: lacks legal agency, so treated as coerced whatever they say (L48)"
        return "Adult"


class Reach(StrEnum):
    """Which inputs open the highest zone a persona may be placed in (L42)."""

    FORCE_OR_MANIPULATION = "force_or_manipulation"
    """Force or manipulation at the threshold: coercion."""
    BOTH_STRANDS = "both_strands"
    """Economic hardship and personal struggles together: up to near coercion."""
    HARDSHIP = "hardship"
    """Economic hardship: up to the economic band."""
    NEITHER = "neither"
    """No economic hardship: up to near choice."""

    @property
    def zone(self) -> Zone:
        """The highest zone these inputs allow."""
        return _REACH_ZONES[self]

    @property
    def label(self) -> str:
        return _REACH_LABELS[self]


_REACH_ZONES = {
    Reach.FORCE_OR_MANIPULATION: Zone.COERCION,
    Reach.BOTH_STRANDS: Zone.NEAR_COERCION,
    Reach.HARDSHIP: Zone.ECONOMIC,
    Reach.NEITHER: Zone.NEAR_CHOICE,
}
REACH_ORDER: tuple[Reach, ...] = (
    Reach.NEITHER,
    Reach.HARDSHIP,
    Reach.BOTH_STRANDS,
    Reach.FORCE_OR_MANIPULATION,
)
"""Indexed by the engine's reach code 0..3."""
_REACH_LABELS = {
    Reach.FORCE_OR_MANIPULATION: "force or manipulation at the threshold: coercion (L42)",
    Reach.BOTH_STRANDS: (
        "economic hardship and personal struggles together: up to near coercion (L42)"
    ),
    Reach.HARDSHIP: "economic hardship without personal struggles: up to the economic band (L42)",
    Reach.NEITHER: "no economic hardship: up to circumstance near choice (L42)",
}


class Assessment(BaseModel):
    """Where a persona sits, why, and how that compares with their own view and the law."""

    model_config = ConfigDict(frozen=True)

    persona_id: str
    label: str
    age_band: AgeBand
    position: float
    zone: Zone
    contributions: dict[str, float]
    """Factor id to its share of the position; they add up to ``position``."""
    decisive_control: bool
    """True when force or manipulation at the threshold placed the persona in coercion."""
    reach: Reach
    """Which inputs opened the highest zone allowed."""
    held: bool
    """True when the reach rule kept the persona out of a zone their raw position reached."""
    present: dict[FactorKind, tuple[str, ...]]
    """Factor ids at or above the presence level, by kind (capitals not included)."""
    violence: float
    """Violence experienced, recorded apart: it never moves the position (L70)."""
    violence_present: bool
    self_placement: float | None
    self_zone: Zone | None
    gap: float | None
    """Assessed position minus self-placement: positive when assessed nearer coercion."""
    legal_status: LegalStatus

    @property
    def region(self) -> Region:
        return self.zone.region

    @property
    def is_minor(self) -> bool:
        return self.legal_status is LegalStatus.MINOR

    @property
    def forced_or_manipulated(self) -> bool:
        """Force or manipulation present (at any level from the presence level up)."""
        routes = self.present.get(FactorKind.CONTROL, ())
        return any(factor_catalogue()[fid].decisive for fid in routes)

    @property
    def zone_gap(self) -> int | None:
        """How many zones apart the assessment and the self-placement are (signed)."""
        return None if self.self_zone is None else self.zone.order - self.self_zone.order

    def top_contributions(self, count: int = 3) -> list[tuple[str, float]]:
        ranked = sorted(self.contributions.items(), key=lambda item: (-item[1], item[0]))
        return [(fid, value) for fid, value in ranked[:count] if value > 0]
