"""The order personas are listed in: as given, or by where they stand.

A reader sorts rows to see a pattern (who sits nearest coercion, whose own view is furthest from
the assessment); a trainer keeps the deck's order to tell a story. Every order is stable, so
personas that tie keep the order they were given in, and a persona with no self-placement is
never dropped: it goes last when the order needs one (the essays ask to find out first, L50).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum

from model.assessment import Assessment
from model.personas import Persona


class RowOrder(StrEnum):
    """How rows of personas are ordered."""

    GIVEN = "given"
    POSITION = "position"
    SELF = "self"
    GAP = "gap"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    RowOrder.GIVEN: "As listed (file or deck order)",
    RowOrder.POSITION: "By assessed position, choice first",
    RowOrder.SELF: "By their own placement, choice first (not stated last)",
    RowOrder.GAP: "By gap, widest first (not stated last)",
}

_MISSING = float("inf")
"""Sorts after every real key: a persona who has not said where they stand goes last."""


def _key(order: RowOrder) -> Callable[[Assessment], float]:
    if order is RowOrder.POSITION:
        return lambda a: a.position
    if order is RowOrder.SELF:
        return lambda a: _MISSING if a.self_placement is None else a.self_placement
    if order is RowOrder.GAP:
        return lambda a: _MISSING if a.gap is None else -abs(a.gap)
    return lambda a: 0.0


def ordered(
    personas: Sequence[Persona], assessments: Mapping[str, Assessment], order: RowOrder
) -> list[Persona]:
    """``personas`` in ``order`` (a stable sort: ties keep their given order)."""
    key = _key(order)
    return sorted(personas, key=lambda p: key(assessments[p.id]))
