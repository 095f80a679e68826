"""Scoring: where a persona sits on the axis, and why.

The rule, in a paragraph
------------------------
A position measures how constrained someone is, from 0 (choice) to 1 (coercion). With nothing
pushing, a person sits at choice. **Lacking capital**: the weighted average of social, economic
and cultural capital is ``A``, and lacking it pushes by ``L = λ·(1 − A)``. The two strands of
circumstance the essays name (L42) each add up to a load that saturates, so each extra factor in
a strand adds less than the last: **economic hardship** ``H = 1 − exp(−Σ wᵢ·hᵢ)`` and
**personal struggles** ``S = 1 − exp(−Σ wᵢ·sᵢ)``. They combine into circumstance pressure
``C = 1 − (1 − L)(1 − H)(1 − S)`` (any of them, or several). **Control**: force, manipulation and
a third party's control saturate the same way into ``K``. The unbounded position is
``raw = K + (1 − K)·m·C``: control first, then circumstance fills part of what control leaves.

Then the essays' definitions decide which zone the inputs allow (:class:`Reach`):

- force or manipulation at or above the decisive threshold places the person in coercion
  whatever their capital (L42: "directly or indirectly forced ... through manipulation or
  force"): the position is raised to at least the coercion boundary;
- otherwise coercion is out of reach, however much else weighs (a third party who takes a share
  is exploitation, not by itself coercion, L66; L54). The band near coercion needs *both*
  strands present (L42: "both financially hard off as well as grappling with serious mental
  health issues"); the economic band needs economic hardship (L42); without it a person stays
  in circumstance near choice at most.

A position above the middle of the highest zone allowed is compressed smoothly into the rest of
that zone (``knee + r·tanh((raw − knee)/r)``, with ``r`` nine tenths of the half-zone):
continuous, increasing, and strictly below the next boundary, so no zone is ever labelled
without its defining inputs.

Every factor's contribution is its share of the term it feeds: control factors share ``K`` by
``uⱼ·kⱼ``; circumstance's part ``(1 − K)·m·C`` is split among lack of capital, hardship and
struggles by their Shapley values, then among capitals by ``vᵢ·(1 − aᵢ)`` and within a strand by
``wᵢ·xᵢ``. A compression scales every share by the same factor; a decisive lift goes to the
decisive factors that reached the threshold. The contributions therefore add up exactly to the
position.

Violence is not in the rule at all: it is recorded apart (L70).

:func:`reference_position` states this rule one persona at a time in plain Python;
:func:`assess` runs the same rule vectorized with numpy over a personas × factors matrix.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from model.assessment import REACH_ORDER, Assessment, LegalStatus, Reach
from model.config import ModelConfig
from model.engine import (
    BoolArray,
    FactorColumns,
    FloatArray,
    IntArray,
    Settings,
    factor_columns,
    reach_codes,
    sample_positions,
    score_matrix,
    score_positions,
    values_matrix,
    weight_vector,
)
from model.factors import FactorKind, factor_catalogue
from model.personas import Persona
from model.spectrum import ZONES, Zone

__all__ = [
    "Assessment",
    "BoolArray",
    "FactorColumns",
    "FloatArray",
    "IntArray",
    "LegalStatus",
    "Reach",
    "Settings",
    "assess",
    "assess_one",
    "factor_columns",
    "reach_codes",
    "reference_position",
    "sample_positions",
    "score_matrix",
    "score_positions",
    "values_matrix",
    "weight_vector",
]


_PRESENT_KINDS = (FactorKind.HARDSHIP, FactorKind.STRUGGLE, FactorKind.CONTROL)


def _present(values: FloatArray, config: ModelConfig) -> list[dict[FactorKind, tuple[str, ...]]]:
    """Per persona, the factor ids at or above the presence level (and switched on), by kind."""
    ids = factor_columns().ids
    weights = weight_vector(config)
    kinds = [factor_catalogue()[fid].kind for fid in ids]
    marks = ((values >= config.scoring.presence) & (weights > 0)).tolist()
    found = []
    for row in marks:
        present: dict[FactorKind, list[str]] = {kind: [] for kind in _PRESENT_KINDS}
        for fid, kind, mark in zip(ids, kinds, row, strict=True):
            if mark and kind in present:
                present[kind].append(fid)
        found.append({kind: tuple(members) for kind, members in present.items()})
    return found


def assess(personas: Sequence[Persona], config: ModelConfig) -> list[Assessment]:
    """Assess every persona at once (vectorized)."""
    values = values_matrix(personas)
    positions, contributions, codes, held = score_matrix(values, config)
    present = _present(values, config)
    ids = factor_columns().ids
    zones = config.boundaries.zone_indices(positions).tolist()
    stated_places = [p.stated_placement for p in personas]
    self_zones = config.boundaries.zone_indices(
        [0.0 if s is None else s for s in stated_places]
    ).tolist()
    shares, places = contributions.tolist(), positions.tolist()
    results = []
    for row, persona in enumerate(personas):
        position = places[row]
        stated = persona.stated_placement
        reach = REACH_ORDER[int(codes[row])]
        results.append(
            # Built from the engine's own arrays, so pydantic's validation would only re-check
            # what is already known to hold; constructing directly keeps big batches fast.
            Assessment.model_construct(
                persona_id=persona.id,
                label=persona.label,
                age_band=persona.age_band,
                position=position,
                zone=ZONES[zones[row]],
                contributions=dict(zip(ids, shares[row], strict=True)),
                decisive_control=reach is Reach.FORCE_OR_MANIPULATION,
                reach=reach,
                held=bool(held[row]),
                present=present[row],
                violence=persona.violence,
                violence_present=persona.violence >= config.scoring.presence,
                self_placement=stated,
                self_zone=None if stated is None else ZONES[self_zones[row]],
                gap=None if stated is None else position - stated,
                legal_status=LegalStatus.MINOR if persona.is_minor else LegalStatus.ADULT,
            )
        )
    return results


def assess_one(persona: Persona, config: ModelConfig) -> Assessment:
    return assess([persona], config)[0]


def reference_position(
    values: Mapping[str, float], config: ModelConfig
) -> tuple[float, dict[str, float]]:
    """The rule for one persona, written out plainly: (position, contributions).

    This is the specification :func:`assess` is tested against; it is not used for speed.
    """
    catalogue = factor_catalogue()
    w = {fid: config.weight(fid) for fid in catalogue.ids}
    ids = {kind: [f.id for f in catalogue.of_kind(kind)] for kind in FactorKind}
    scoring, bounds = config.scoring, config.boundaries

    def load(kind: FactorKind) -> float:
        return sum(w[f] * values[f] for f in ids[kind])

    capitals = ids[FactorKind.CAPITAL]
    capital = sum(w[c] * values[c] for c in capitals) / sum(w[c] for c in capitals)
    lack = scoring.capital_lack.weight * (1 - capital)
    hardship = 1 - math.exp(-load(FactorKind.HARDSHIP))
    struggle = 1 - math.exp(-load(FactorKind.STRUGGLE))
    control = 1 - math.exp(-load(FactorKind.CONTROL))
    circumstance = 1 - (1 - lack) * (1 - hardship) * (1 - struggle)
    raw = control + (1 - control) * scoring.circumstance_ceiling * circumstance

    def present(kind: FactorKind) -> bool:
        return any(values[f] >= scoring.presence and w[f] > 0 for f in ids[kind])

    decisive = [f.id for f in catalogue.factors if f.decisive and w[f.id] > 0]
    triggered = [d for d in decisive if values[d] >= scoring.decisive_threshold]
    if triggered:
        position = max(raw, bounds.coercion_lower)
    else:
        if present(FactorKind.HARDSHIP) and present(FactorKind.STRUGGLE):
            top = Zone.NEAR_COERCION
        elif present(FactorKind.HARDSHIP):
            top = Zone.ECONOMIC
        else:
            top = Zone.NEAR_CHOICE
        low, high = bounds.span(top)
        knee = (low + high) / 2
        room = 0.9 * (high - low) / 2
        position = knee + room * math.tanh((raw - knee) / room) if raw > knee else raw

    share = (1 - control) * scoring.circumstance_ceiling
    l, h, s = lack, hardship, struggle  # noqa: E741 (the docstring's names)
    parts = {
        FactorKind.CAPITAL: share * (l - (l * h + l * s) / 2 + l * h * s / 3),
        FactorKind.HARDSHIP: share * (h - (l * h + h * s) / 2 + l * h * s / 3),
        FactorKind.STRUGGLE: share * (s - (l * s + h * s) / 2 + l * h * s / 3),
        FactorKind.CONTROL: control,
    }
    contributions = {fid: 0.0 for fid in catalogue.ids}
    for kind, members in ids.items():
        pushes = {
            f: w[f] * (1 - values[f]) if kind is FactorKind.CAPITAL else w[f] * values[f]
            for f in members
        }
        total = sum(pushes.values())
        for f, push in pushes.items():
            if total > 0:
                contributions[f] = parts[kind] * push / total
    if position > raw:
        for d in triggered:
            contributions[d] += (position - raw) * values[d] / sum(values[t] for t in triggered)
    elif raw > 0:
        contributions = {f: c * position / raw for f, c in contributions.items()}
    return position, contributions
