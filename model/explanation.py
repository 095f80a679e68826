"""One sentence of why a persona sits where they sit, from the assessment's own fields.

It names the strand (or the route) that placed them, as the essays define each zone (L42), and
says when the reach rule held them below a zone their inputs do not open.
"""

from __future__ import annotations

from model.factors import FactorKind, factor_catalogue
from model.scoring import Assessment, Reach
from model.spectrum import Zone

NOTICE = (
    "Fictional composites for thinking, teaching and research. Never a screening or "
    "identification tool for real people."
)
"""Carried by every output and download (guidelines 9 and 10, L25, L26)."""


def _names(factor_ids: tuple[str, ...]) -> str:
    names = [factor_catalogue()[f].short_label.lower() for f in factor_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def explain(a: Assessment) -> str:
    """Why the persona sits in its zone, in one sentence with its passages."""
    hardship = a.present.get(FactorKind.HARDSHIP, ())
    struggle = a.present.get(FactorKind.STRUGGLE, ())
    control = a.present.get(FactorKind.CONTROL, ())
    parts: list[str] = []
    if a.reach is Reach.FORCE_OR_MANIPULATION:
        routes = [f for f in control if f in ("force", "manipulation")]
        parts.append(f"{a.zone.label}, forced into the trade through {_names(tuple(routes))} (L42)")
    elif a.zone is Zone.NEAR_COERCION:
        parts.append(
            f"{a.zone.label}, from economic hardship ({_names(hardship)}) together with personal "
            f"struggles ({_names(struggle)}) (L42)"
        )
    elif a.zone is Zone.ECONOMIC:
        parts.append(f"{a.zone.label}, from economic hardship ({_names(hardship)}) (L42, L64)")
        if struggle:
            parts.append(
                f"personal struggles ({_names(struggle)}) too, not enough to reach near coercion"
            )
    elif a.zone is Zone.NEAR_CHOICE:
        if hardship:
            cause = f"some economic hardship ({_names(hardship)}), offset by capital"
        elif struggle:
            cause = (
                f"personal struggles ({_names(struggle)}) without economic hardship, which the "
                "essays do not place further along"
            )
        else:
            cause = "lacking some capital, with no economic hardship"
        parts.append(f"{a.zone.label}, from {cause} (L42)")
    else:
        parts.append(f"{a.zone.label}, where capital and agency outweigh what pushes (L42)")
    if a.held:
        if a.reach is Reach.HARDSHIP:
            parts.append("held below near coercion, which needs personal struggles as well (L42)")
        elif a.reach is Reach.NEITHER:
            parts.append("held below the economic band, which needs economic hardship (L42)")
        else:
            parts.append("held below coercion, which needs force or manipulation (L42)")
    if not a.decisive_control:
        if "third_party_control" in control:
            parts.append("a third party's control pushes, but is not by itself coercion (L66)")
        below = tuple(f for f in control if f != "third_party_control")
        if below:
            parts.append(f"{_names(below)} present, below the threshold of coercion (L42)")
    if a.violence_present:
        parts.append(
            "violence, recorded apart and never moving the position, calls for support (L70)"
        )
    return "; ".join(parts) + "."
