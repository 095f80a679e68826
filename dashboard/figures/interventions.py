"""The *Interventions by zone* page's tables, and the marks on its cards: which responses the
protections bring, and for whom.

Read from the model's rule itself (``model.responses.PROTECTIONS``, which ``plan_for`` applies),
so the page cannot drift from it.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from dashboard.figures import theme
from model import (
    ZONES,
    Intervention,
    Level,
    response_catalogue,
)
from model.responses import PROTECTIONS, Protection

CLASSIFICATION = "this project's classification, not the essays'"
LEVEL_COLUMN = "Level (this project's classification)"
WHATEVER_COLUMN = "Whatever they say (L62)"
PROTECTION_COLUMN = "Protection for"


def level_name(level: Level) -> str:
    return level.value.capitalize()


@cache
def _brought(protection: Protection) -> frozenset[str]:
    """Ids of every intervention ``protection`` may bring to someone."""
    return frozenset(item.id for item in protection.may_bring(response_catalogue()))


def protections_for(item: Intervention) -> list[Protection]:
    """The protections that may bring ``item``, whatever the person says of themselves."""
    return [p for p in PROTECTIONS if item.id in _brought(p)]


def mark(protection: Protection) -> str:
    """What a card says of an intervention a protection brings."""
    return f"a protection for {protection.who} ({protection.refs})"


def protections_table() -> pd.DataFrame:
    """Which responses may not wait for self-identification, and for whom."""
    items = response_catalogue().interventions
    return pd.DataFrame(
        [
            {
                "For": f"{p.who} ({p.refs})",
                "Responses": theme.bulleted([i.title for i in items if i.id in _brought(p)]),
            }
            for p in PROTECTIONS
        ]
    )


def overview_table() -> pd.DataFrame:
    """Interventions × zones, a tick where an intervention serves a zone, and what may not wait."""
    rows = []
    for item in response_catalogue().interventions:
        row = {"Intervention": item.title, LEVEL_COLUMN: level_name(item.level)}
        for zone in ZONES:
            row[zone.short_label] = "✓" if zone in item.applies_to else "—"
        row[WHATEVER_COLUMN] = "Yes" if item.follows_assessment else "—"
        row[PROTECTION_COLUMN] = ", ".join(p.short for p in protections_for(item)) or "—"
        rows.append(row)
    return pd.DataFrame(rows)
