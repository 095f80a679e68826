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
    """Which columns of the factor matrix hold which kind of factor.

    Each kind is a contiguous run of columns (the catalogue lists factors grouped by kind), so a
    kind is a slice: a view of the matrix, not a copy, which matters with a million rows.
    """

    ids: tuple[str, ...]
    capital: slice
    risk: slice
    control: slice
    decisive: tuple[int, ...]

    @property
    def kinds(self) -> tuple[slice, slice, slice]:
        """The columns of each term, in the order the terms are summed: capital, risk, control."""
        return self.capital, self.risk, self.control


def _run_of(kind: FactorKind, kinds: Sequence[FactorKind]) -> slice:
    columns = [i for i, k in enumerate(kinds) if k is kind]
    if not columns or columns != list(range(columns[0], columns[-1] + 1)):
        raise ValueError(f"the factor catalogue must list the {kind.value} factors together")
    return slice(columns[0], columns[-1] + 1)


@cache
def layout() -> Layout:
    factors = factor_catalogue().factors
    kinds = [f.kind for f in factors]
    return Layout(
        ids=tuple(f.id for f in factors),
        capital=_run_of(FactorKind.CAPITAL, kinds),
        risk=_run_of(FactorKind.RISK, kinds),
        control=_run_of(FactorKind.CONTROL, kinds),
        decisive=tuple(i for i, f in enumerate(factors) if f.decisive),
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


@dataclass(frozen=True)
class _Terms:
    """The rule's terms for P personas under N weight vectors, each P × N.

    Held as complements (what is left *free* of each push), because the position is then one
    product: ``1 − position = (1 − K)·(1 − m·S)`` with ``1 − S = (1 − L)·(1 − R)``. That is the
    same rule as in the module docstring, written so that it runs in place, with no temporaries.
    """

    capital_kept: FloatArray  # 1 − L
    risk_free: FloatArray  # 1 − R = exp(−Σ wᵢ·rᵢ)
    control_free: FloatArray  # 1 − K = exp(−Σ uⱼ·kⱼ)
    position: FloatArray
    decisive: BoolArray
    """Personas (P) with a decisive factor at the threshold: at least the coercion boundary."""
    ceiling: float

    def raw(self, rows: npt.NDArray[np.intp]) -> FloatArray:
        """The position of ``rows`` before the decisive floor, by the very same operations."""
        kept, risk_free, control_free = (
            self.capital_kept[rows],
            self.risk_free[rows],
            self.control_free[rows],
        )
        return _unfloored(kept, risk_free, control_free, self.ceiling, out=np.empty_like(kept))


def _unfloored(
    kept: FloatArray,
    risk_free: FloatArray,
    control_free: FloatArray,
    ceiling: float,
    out: FloatArray,
) -> FloatArray:
    """The position before the decisive floor, into ``out``, in place.

    ``1 − m·S = m·(1 − S) + (1 − m)`` with ``1 − S = (1 − L)·(1 − R)``, then
    ``1 − position = (1 − K)·(1 − m·S)``.
    """
    np.multiply(kept, risk_free, out=out)
    out *= ceiling
    out += 1.0 - ceiling
    out *= control_free
    return np.subtract(1.0, out, out=out)


def _terms(
    values: FloatArray,
    weights: FloatArray,
    capital_lack: FloatArray,
    *,
    ceiling: float,
    threshold: float,
    coercion_lower: float,
) -> _Terms:
    """The rule over P personas (rows of ``values``) and N weight vectors (rows of ``weights``).

    Every pass over memory and every fresh array counts with a million personas, so the work
    is one matrix product into a buffer that then holds every term, updated in place. Callers
    pass blocks small enough for that buffer to stay in cache.
    """
    lay = layout()
    samples, personas = weights.shape[0], values.shape[0]
    sums = 3 * samples
    # One matrix product (BLAS) gives the three weighted sums for every sample, and (through
    # unit rows, exactly) the decisive factors' values as contiguous rows, which are far cheaper
    # to compare than columns strided through the matrix. BLAS picks its summation order from
    # the shapes, so a sum may differ in its last bit with the size of the batch: batch and
    # single scoring agree to about 1e-16 (the tests hold them to 1e-12), not bit for bit.
    stacked = np.zeros((sums + len(lay.decisive), weights.shape[1]))
    for term, kind in enumerate(lay.kinds):
        stacked[term * samples : (term + 1) * samples, kind] = weights[:, kind]
    for offset, column in enumerate(lay.decisive):
        stacked[sums + offset, column] = 1.0
    buffer = np.empty((len(stacked) + samples, personas))
    np.matmul(stacked, values.T, out=buffer[: len(stacked)])
    kept, risk_free, control_free = (buffer[t * samples : (t + 1) * samples].T for t in range(3))
    decisive_values = buffer[sums : len(stacked)]
    position = buffer[len(stacked) :].T

    # 1 − L = 1 − λ·(1 − A) = λ·A + (1 − λ), with A the weighted average of the capitals. The
    # clip keeps a rounding of the sums from taking A outside [0, 1].
    kept /= weights[:, lay.capital].sum(axis=1)
    np.clip(kept, 0.0, 1.0, out=kept)
    kept *= capital_lack
    kept += 1.0 - capital_lack
    for free in (risk_free, control_free):
        np.negative(free, out=free)
        np.exp(free, out=free)
    _unfloored(kept, risk_free, control_free, ceiling, out=position)

    # Force or a third party's control at the threshold places a person in coercion (L42).
    decisive = (
        np.max(decisive_values, axis=0) >= threshold
        if len(decisive_values)
        else np.zeros(personas, dtype=bool)
    )
    np.maximum(position, (decisive * coercion_lower)[:, np.newaxis], out=position)
    return _Terms(kept, risk_free, control_free, position, decisive, ceiling)


def _scalars(config: ModelConfig) -> dict[str, float]:
    return {
        "ceiling": config.scoring.circumstance_ceiling,
        "threshold": config.scoring.decisive_threshold,
        "coercion_lower": config.boundaries.coercion_lower,
    }


_BLOCK_CELLS = 1 << 17
"""Personas × samples scored at once. Blocks keep the terms' buffer (a few MB) in cache while
the in-place passes run over it; measured with ``benchmarks/bench_model.py``, blocks of 2**17
cells were fastest, both for a million personas and for ten thousand samples of a thousand."""


def _blocks(total: int, per_block: int) -> list[slice]:
    return [slice(start, min(total, start + per_block)) for start in range(0, total, per_block)]


@dataclass(frozen=True)
class _Explanation:
    """What :func:`score_matrix` shares out among the factors, per persona (P each)."""

    lack: FloatArray
    risk: FloatArray
    control: FloatArray
    lift: FloatArray  # how far the decisive floor raised the position (0 where it did not)


def _score_block(values: FloatArray, weights: FloatArray, config: ModelConfig) -> _Terms:
    """One block of personas under the configuration's own weights (``weights``: 1 × F)."""
    lack = np.array([config.scoring.capital_lack.weight])
    return _terms(values, weights, lack, **_scalars(config))


def _explain(terms: _Terms) -> _Explanation:
    rows = np.flatnonzero(terms.decisive)
    lift = np.zeros(len(terms.decisive))
    lift[rows] = terms.position[rows, 0] - terms.raw(rows)[:, 0]
    return _Explanation(
        lack=1.0 - terms.capital_kept[:, 0],
        risk=1.0 - terms.risk_free[:, 0],
        control=1.0 - terms.control_free[:, 0],
        lift=lift,
    )


def score_positions(values: FloatArray, config: ModelConfig) -> FloatArray:
    """Positions (P) for a value matrix: where each persona sits, without the why."""
    position = np.empty(values.shape[0])
    weights = weight_vector(config)[np.newaxis, :]
    for block in _blocks(values.shape[0], _BLOCK_CELLS):
        position[block] = _score_block(values[block], weights, config).position[:, 0]
    return position


def _contributions(
    values: FloatArray, why: _Explanation, weights: FloatArray, config: ModelConfig, out: FloatArray
) -> None:
    """Each factor's share of the position (P × F) for one block of personas, into ``out``."""
    lay = layout()
    circumstance_share = (1.0 - why.control) * config.scoring.circumstance_ceiling
    shared_by_both = why.lack * why.risk / 2.0
    # What each factor pushes with: weight × value for risk and control, weight × what is
    # missing for a capital. Each term's part is then shared out in proportion.
    np.multiply(values, weights, out=out)
    capital = lay.capital
    np.subtract(weights[capital], out[:, capital], out=out[:, capital])
    parts = np.stack(
        [
            circumstance_share * (why.lack - shared_by_both),
            circumstance_share * (why.risk - shared_by_both),
            why.control,
        ],
        axis=1,
    )
    totals = out @ _term_indicator()  # P × 3
    scale = np.zeros_like(totals)
    np.divide(parts, totals, out=scale, where=totals > 0)
    out *= np.repeat(scale, _term_widths(), axis=1)
    # A decisive lift goes to the decisive factors that reached the threshold, by value.
    lifted = np.flatnonzero(why.lift > 0)
    if lifted.size:
        columns = np.array(lay.decisive)
        reached = values[np.ix_(lifted, columns)]
        reached[reached < config.scoring.decisive_threshold] = 0.0
        share = why.lift[lifted] / reached.sum(axis=1)
        out[np.ix_(lifted, columns)] += reached * share[:, np.newaxis]


@cache
def _term_indicator() -> FloatArray:
    """Factors × terms: 1 where a factor feeds a term (capital, risk, control)."""
    lay = layout()
    indicator = np.zeros((len(lay.ids), 3))
    for term, kind in enumerate(lay.kinds):
        indicator[kind, term] = 1.0
    return indicator


@cache
def _term_widths() -> tuple[int, ...]:
    return tuple(kind.stop - kind.start for kind in layout().kinds)


def score_matrix(
    values: FloatArray, config: ModelConfig
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Positions (P), contributions (P × F) and decisive flags (P) for a value matrix."""
    position = np.empty(values.shape[0])
    contributions = np.empty(values.shape)
    floored = np.empty(values.shape[0], dtype=bool)
    weights = weight_vector(config)
    for block in _blocks(values.shape[0], _BLOCK_CELLS):
        block_values = values[block]
        terms = _score_block(block_values, weights[np.newaxis, :], config)
        why = _explain(terms)
        position[block] = terms.position[:, 0]
        _contributions(block_values, why, weights, config, out=contributions[block])
        floored[block] = why.lift > 0
    return position, contributions, floored


def sample_positions(
    values: FloatArray, weights: FloatArray, capital_lack: FloatArray, config: ModelConfig
) -> FloatArray:
    """Positions (P × N) for N sampled weight vectors; boundaries and ceiling from ``config``."""
    personas, samples = values.shape[0], weights.shape[0]
    positions = np.empty((personas, samples))
    scalars = _scalars(config)
    for block in _blocks(samples, max(1, _BLOCK_CELLS // max(1, personas))):
        terms = _terms(values, weights[block], capital_lack[block], **scalars)
        positions[:, block] = terms.position
    return positions


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
