"""The *Build a persona* page: the lines that sum up a draft as the model sees it.

No chart: the pushes are a short table, readable in the narrow column beside the fields.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard import draft, safe_text
from dashboard.figures import theme
from model import Assessment, Intervention, ResponsePlan, factor_catalogue
from model.interventions import Applicable

_SHOWN = 5e-4
"""Pushes that would show as 0.000 are left out."""


def placement_line(a: Assessment) -> str:
    """Assessed position and zone, beside the self-placement and the gap: never merged."""
    line = f"**Assessed:** {theme.number(a.position)}, {a.zone.label}"
    if a.self_placement is None or a.self_zone is None:
        line += " · **Self-placement:** not stated (ask first, L50)"
    else:
        line += (
            f" · **Self-placement:** {theme.number(a.self_placement)}, {a.self_zone.label}"
            f" · **Gap:** {theme.number(a.gap or 0.0, signed=True)}"
        )
    if a.is_minor:
        line += " · **A minor:** treated as coerced whatever they say (L48)"
    return line


def responses(items: Sequence[Applicable[Intervention]], empty: str = theme.NONE) -> str:
    """A layer as a short list: each response's title and why it is here."""
    if not items:
        return empty
    return "\n".join(
        f"- **{safe_text.markdown(x.item.title)}**: {safe_text.markdown(x.reason)}" for x in items
    )


def caution_titles(plan: ResponsePlan) -> str:
    """The cautions that concern this persona, named, beyond those that apply everywhere."""
    titles = [x.item.title for x in plan.cautions if not x.item.applies_everywhere]
    return "; ".join(safe_text.markdown(t) for t in titles) or theme.NONE


def status_line(checked: draft.Checked, a: Assessment | None) -> str:
    """One line at the top: ready, or how many problems remain (each shown beside its field),
    and the placement as it stands."""
    where = "" if a is None else f" Now placed at {theme.number(a.position)}, {a.zone.label}."
    if checked.persona is not None:
        return f":material/check_circle: **Ready:** the model accepts this persona.{where}"
    n = checked.count
    return (
        f":material/error: **{n} problem{'s' if n != 1 else ''} to fix**, each shown beside "
        f"its field below.{where}"
    )


def pushes(a: Assessment) -> pd.DataFrame:
    """The factors that push, largest first, named as everywhere (``contribution_label``)."""
    rows = [
        {"Factor": factor_catalogue()[fid].contribution_label, "Push": theme.number(v, signed=True)}
        for fid, v in sorted(a.contributions.items(), key=lambda kv: -kv[1])
        if v >= _SHOWN
    ]
    rows.append({"Factor": "Position (the sum)", "Push": theme.number(a.position)})
    return pd.DataFrame(rows)
