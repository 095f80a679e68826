"""Scoring: where a persona sits on the axis, and why.

The rule, in a paragraph
------------------------
A position measures how constrained someone is, from 0 (choice) to 1 (coercion). With nothing
pushing, a person sits at choice. Three pushes move them toward coercion. **Lacking capital**:
the weighted average of social, economic and cultural capital is ``A``, and lacking it pushes by
``L = λ·(1 − A)``. **Risk**: the weighted risk factors add up to a load that saturates,
``R = 1 − exp(−Σ wᵢ·rᵢ)``, so each extra risk adds less than the last. Lacking capital and risk
combine into circumstance pressure ``S = L + R − L·R`` (either alone, or both). **Control**:
force, manipulation, a third party's control and violence saturate the same way into
``K = 1 − exp(−Σ uⱼ·kⱼ)``. The position is ``K + (1 − K)·m·S``: control first, then circumstance
fills part of what control leaves, up to the ceiling ``m`` (so circumstance alone stays below
coercion, L42). Finally, force or a third party's control at or above the decisive threshold
places the person in coercion whatever their capital: the position is raised to at least the
coercion boundary, because the essays define coercion by force itself (L42).

Every factor's contribution is its share of the term it feeds: control factors share ``K`` by
``uⱼ·kⱼ``; circumstance's part ``(1 − K)·m·S`` is split between lack of capital and risk by
their Shapley values (``L − L·R/2`` and ``R − L·R/2``), then among capitals by ``vᵢ·(1 − aᵢ)``
and among risks by ``wᵢ·rᵢ``; any decisive lift goes to the decisive factors that triggered it.
The contributions therefore add up exactly to the position.

:func:`reference_position` states this rule one persona at a time in plain Python;
:func:`assess` runs the same rule vectorized with numpy over a personas × factors matrix.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from model.config import ModelConfig
from model.factors import FactorKind, factor_catalogue
from model.personas import AgeBand, Persona
from model.spectrum import ZONES, Region, Zone

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class LegalStatus(StrEnum):
    """What the law says, kept apart from the assessed position and the self-placement (L48)."""

    MINOR_COERCED_IN_LAW = "minor_coerced_in_law"
    ADULT = "adult"

    @property
    def label(self) -> str:
        if self is LegalStatus.MINOR_COERCED_IN_LAW:
            return "Minor: coerced in law, whatever the position"
        return "Adult: no legal presumption"


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
    """True when force or a third party's control alone placed the persona in coercion."""
    self_placement: float | None
    self_zone: Zone | None
    gap: float | None
    """Assessed position minus self-placement: positive when assessed nearer coercion."""
    legal_status: LegalStatus

    @property
    def region(self) -> Region:
        return self.zone.region

    @property
    def band(self) -> str | None:
        return self.zone.band

    @property
    def is_minor(self) -> bool:
        return self.legal_status is LegalStatus.MINOR_COERCED_IN_LAW

    @property
    def zone_gap(self) -> int | None:
        """How many zones apart the assessment and the self-placement are (signed)."""
        return None if self.self_zone is None else self.zone.order - self.self_zone.order

    def top_contributions(self, count: int = 3) -> list[tuple[str, float]]:
        ranked = sorted(self.contributions.items(), key=lambda item: (-item[1], item[0]))
        return [(fid, value) for fid, value in ranked[:count] if value > 0]


@dataclass(frozen=True)
class Layout:
    """Which columns of the factor matrix hold which kind of factor."""

    ids: tuple[str, ...]
    capital: BoolArray
    risk: BoolArray
    control: BoolArray
    decisive: BoolArray


@cache
def layout() -> Layout:
    factors = factor_catalogue().factors
    return Layout(
        ids=tuple(f.id for f in factors),
        capital=np.array([f.kind is FactorKind.CAPITAL for f in factors]),
        risk=np.array([f.kind is FactorKind.RISK for f in factors]),
        control=np.array([f.kind is FactorKind.CONTROL for f in factors]),
        decisive=np.array([f.decisive for f in factors]),
    )


def values_matrix(personas: Sequence[Persona]) -> FloatArray:
    """Personas × factors, columns in catalogue order."""
    ids = layout().ids
    if not personas:
        return np.zeros((0, len(ids)))
    rows = (p.factor_values() for p in personas)
    return np.array([[row[fid] for fid in ids] for row in rows], dtype=float)


def weight_vector(config: ModelConfig) -> FloatArray:
    return np.array([config.weight(fid) for fid in layout().ids], dtype=float)


def _weighted_sums(values: FloatArray, weights: FloatArray) -> FloatArray:
    """``values @ weights.T`` (P × N), adding the factors one at a time in catalogue order.

    Not ``@``: BLAS picks its summation order from the matrix shapes, so a persona's sums would
    change in their last bits with the number of personas or samples beside it, and a position
    on a boundary could change zone when another persona joins the batch. Adding column by
    column gives every cell the same sum, in the order :func:`reference_position` adds it.
    """
    total = np.zeros((values.shape[0], weights.shape[0]))
    for column in range(values.shape[1]):
        total += values[:, column, np.newaxis] * weights[np.newaxis, :, column]
    return total


def _row_sums(matrix: FloatArray) -> FloatArray:
    """Each row's sum (rows × 1), added column by column like :func:`_weighted_sums`.

    Not ``matrix.sum(axis=1)``: numpy orders a reduction by the array's shape, so one row alone
    and the same row in a batch would be summed differently.
    """
    return _weighted_sums(matrix, np.ones((1, matrix.shape[1])))


@dataclass(frozen=True)
class _Terms:
    """The intermediate terms of the rule, each personas × weight-samples."""

    lack: FloatArray
    risk: FloatArray
    risk_sum: FloatArray
    control: FloatArray
    control_sum: FloatArray
    raw: FloatArray
    position: FloatArray
    decisive: BoolArray  # personas × 1


def _terms(
    values: FloatArray,
    weights: FloatArray,
    capital_lack: FloatArray,
    *,
    ceiling: float,
    threshold: float,
    coercion_lower: float,
) -> _Terms:
    """The rule over P personas (rows of ``values``) and N weight vectors (rows of ``weights``)."""
    lay = layout()
    capital_w = weights[:, lay.capital]  # N × C
    capital_total = _row_sums(capital_w)[:, 0]  # N
    capital = _weighted_sums(values[:, lay.capital], capital_w) / capital_total  # P × N
    lack = capital_lack[np.newaxis, :] * (1.0 - capital)
    risk_sum = _weighted_sums(values[:, lay.risk], weights[:, lay.risk])
    risk = -np.expm1(-risk_sum)
    control_sum = _weighted_sums(values[:, lay.control], weights[:, lay.control])
    control = -np.expm1(-control_sum)
    circumstance = lack + risk - lack * risk
    raw = control + (1.0 - control) * ceiling * circumstance
    decisive = np.asarray((values[:, lay.decisive] >= threshold).any(axis=1, keepdims=True))
    position = np.where(decisive, np.maximum(raw, coercion_lower), raw)
    return _Terms(lack, risk, risk_sum, control, control_sum, raw, position, decisive)


def _scalars(config: ModelConfig) -> dict[str, float]:
    return {
        "ceiling": config.scoring.circumstance_ceiling,
        "threshold": config.scoring.decisive_threshold,
        "coercion_lower": config.boundaries.coercion_lower,
    }


def _safe_share(part: FloatArray, total: FloatArray) -> FloatArray:
    """``part / total`` row-wise, 0 where the total is 0 (nothing to share)."""
    share = np.zeros_like(part)
    np.divide(part, total, out=share, where=total > 0)
    return share


def score_matrix(
    values: FloatArray, config: ModelConfig
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Positions (P), contributions (P × F) and decisive flags (P) for a value matrix."""
    lay = layout()
    weights = weight_vector(config)
    terms = _terms(
        values,
        weights[np.newaxis, :],
        np.array([config.scoring.capital_lack.weight]),
        **_scalars(config),
    )
    lack, risk, control = terms.lack[:, 0], terms.risk[:, 0], terms.control[:, 0]
    circumstance_share = (1.0 - control) * config.scoring.circumstance_ceiling
    contributions = np.zeros_like(values)

    # Capitals share the lack-of-capital part by how much of each is missing, times its weight.
    missing = weights[lay.capital] * (1.0 - values[:, lay.capital])
    lack_part = circumstance_share * (lack - lack * risk / 2.0)
    contributions[:, lay.capital] = lack_part[:, None] * _safe_share(missing, _row_sums(missing))
    # Risks share their part by weight × value.
    load = weights[lay.risk] * values[:, lay.risk]
    risk_part = circumstance_share * (risk - lack * risk / 2.0)
    contributions[:, lay.risk] = risk_part[:, None] * _safe_share(load, _row_sums(load))
    # Control factors share K by weight × value.
    pressure = weights[lay.control] * values[:, lay.control]
    contributions[:, lay.control] = control[:, None] * _safe_share(pressure, _row_sums(pressure))
    # A decisive lift goes to the decisive factors that reached the threshold, by value.
    lift = terms.position[:, 0] - terms.raw[:, 0]
    triggered = np.where(
        values[:, lay.decisive] >= config.scoring.decisive_threshold, values[:, lay.decisive], 0.0
    )
    decisive_columns = np.flatnonzero(lay.decisive)
    contributions[:, decisive_columns] += lift[:, None] * _safe_share(
        triggered, _row_sums(triggered)
    )
    floored = terms.decisive[:, 0] & (lift > 0)
    return terms.position[:, 0], contributions, floored


def sample_positions(
    values: FloatArray, weights: FloatArray, capital_lack: FloatArray, config: ModelConfig
) -> FloatArray:
    """Positions (P × N) for N sampled weight vectors; boundaries and ceiling from ``config``."""
    return _terms(values, weights, capital_lack, **_scalars(config)).position


def assess(personas: Sequence[Persona], config: ModelConfig) -> list[Assessment]:
    """Assess every persona at once (vectorized)."""
    positions, contributions, floored = score_matrix(values_matrix(personas), config)
    ids = layout().ids
    zones = config.boundaries.zone_indices(positions).tolist()
    shares, places, lifted = contributions.tolist(), positions.tolist(), floored.tolist()
    results = []
    for row, persona in enumerate(personas):
        position = places[row]
        stated = persona.stated_placement
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
                decisive_control=lifted[row],
                self_placement=stated,
                self_zone=None if stated is None else config.boundaries.zone_of(stated),
                gap=None if stated is None else position - stated,
                legal_status=(
                    LegalStatus.MINOR_COERCED_IN_LAW if persona.is_minor else LegalStatus.ADULT
                ),
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
    capitals = [f.id for f in catalogue.of_kind(FactorKind.CAPITAL)]
    risks = [f.id for f in catalogue.of_kind(FactorKind.RISK)]
    controls = [f.id for f in catalogue.of_kind(FactorKind.CONTROL)]
    decisive = [f.id for f in catalogue.factors if f.decisive]
    scoring = config.scoring

    capital = sum(w[c] * values[c] for c in capitals) / sum(w[c] for c in capitals)
    lack = scoring.capital_lack.weight * (1 - capital)
    risk_sum = sum(w[r] * values[r] for r in risks)
    risk = 1 - math.exp(-risk_sum)
    control_sum = sum(w[k] * values[k] for k in controls)
    control = 1 - math.exp(-control_sum)
    circumstance = lack + risk - lack * risk
    raw = control + (1 - control) * scoring.circumstance_ceiling * circumstance
    triggered = [d for d in decisive if values[d] >= scoring.decisive_threshold]
    position = max(raw, config.boundaries.coercion_lower) if triggered else raw

    share = (1 - control) * scoring.circumstance_ceiling
    missing = {c: w[c] * (1 - values[c]) for c in capitals}
    contributions = {fid: 0.0 for fid in catalogue.ids}
    for c in capitals:
        if sum(missing.values()) > 0:
            part = share * (lack - lack * risk / 2)
            contributions[c] = part * missing[c] / sum(missing.values())
    for r in risks:
        if risk_sum > 0:
            contributions[r] = share * (risk - lack * risk / 2) * w[r] * values[r] / risk_sum
    for k in controls:
        if control_sum > 0:
            contributions[k] = control * w[k] * values[k] / control_sum
    for d in triggered:
        contributions[d] += (position - raw) * values[d] / sum(values[t] for t in triggered)
    return position, contributions
