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
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from model.config import ModelConfig
from model.factors import FactorKind, factor_catalogue
from model.personas import AgeBand, Persona
from model.spectrum import ZONES, Boundaries, Region, Zone

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int8]


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
_REACHES: tuple[Reach, ...] = (
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


@dataclass(frozen=True)
class FactorColumns:
    """Which columns of the factor matrix hold which kind of factor.

    Each kind is a contiguous run of columns (the catalogue lists factors grouped by kind), so a
    kind is a slice: a view of the matrix, not a copy, which matters with a million rows.
    """

    ids: tuple[str, ...]
    capital: slice
    hardship: slice
    struggle: slice
    control: slice
    decisive: tuple[int, ...]

    @property
    def kinds(self) -> tuple[slice, slice, slice, slice]:
        """The columns of each term, in the order the terms are summed."""
        return self.capital, self.hardship, self.struggle, self.control


def _run_of(kind: FactorKind, kinds: Sequence[FactorKind]) -> slice:
    columns = [i for i, k in enumerate(kinds) if k is kind]
    if not columns or columns != list(range(columns[0], columns[-1] + 1)):
        raise ValueError(f"the factor catalogue must list the {kind.value} factors together")
    return slice(columns[0], columns[-1] + 1)


@cache
def factor_columns() -> FactorColumns:
    factors = factor_catalogue().factors
    kinds = [f.kind for f in factors]
    return FactorColumns(
        ids=tuple(f.id for f in factors),
        capital=_run_of(FactorKind.CAPITAL, kinds),
        hardship=_run_of(FactorKind.HARDSHIP, kinds),
        struggle=_run_of(FactorKind.STRUGGLE, kinds),
        control=_run_of(FactorKind.CONTROL, kinds),
        decisive=tuple(i for i, f in enumerate(factors) if f.decisive),
    )


def values_matrix(personas: Sequence[Persona]) -> FloatArray:
    """Personas × factors, columns in catalogue order."""
    ids = factor_columns().ids
    if not personas:
        return np.zeros((0, len(ids)))
    rows = (p.factor_values() for p in personas)
    return np.array([[row[fid] for fid in ids] for row in rows], dtype=float)


def weight_vector(config: ModelConfig) -> FloatArray:
    return np.array([config.weight(fid) for fid in factor_columns().ids], dtype=float)


@dataclass(frozen=True)
class Settings:
    """The non-weight parameters of N parameter sets: each array has N rows, or one row shared
    by every set (so Monte Carlo, which samples only the capital-lack share, pays nothing for
    the rest).

    Scoring uses one set (the configuration's); Monte Carlo samples the capital-lack share; a
    sensitivity analysis samples every one of them. All run through the same engine.
    """

    capital_lack: FloatArray  # N or 1
    ceiling: FloatArray  # N or 1
    threshold: FloatArray  # N or 1
    presence: FloatArray  # N or 1
    edges: FloatArray  # (N or 1) × 6: 0, the four boundaries, 1

    @classmethod
    def of(cls, config: ModelConfig) -> Settings:
        """The configuration's own settings, one row shared by every set."""
        scoring = config.scoring
        return cls(
            capital_lack=np.array([scoring.capital_lack.weight]),
            ceiling=np.array([scoring.circumstance_ceiling]),
            threshold=np.array([scoring.decisive_threshold]),
            presence=np.array([scoring.presence]),
            edges=_zone_edges(config.boundaries)[np.newaxis, :],
        )

    def rows(self, block: slice) -> Settings:
        """The sets of ``block`` (a shared row stays shared)."""

        def take(array: FloatArray) -> FloatArray:
            return array if len(array) == 1 else array[block]

        return Settings(
            take(self.capital_lack),
            take(self.ceiling),
            take(self.threshold),
            take(self.presence),
            take(self.edges),
        )


def reach_groups(weights: FloatArray) -> tuple[tuple[int, ...], ...]:
    """The columns that open the reach: hardship, struggle and decisive factors, each group
    only those whose configured ``weights`` are above 0 (a factor switched off opens nothing)."""
    cols = factor_columns()
    groups = (
        range(cols.hardship.start, cols.hardship.stop),
        range(cols.struggle.start, cols.struggle.stop),
        cols.decisive,
    )
    return tuple(tuple(c for c in group if weights[c] > 0) for group in groups)


def _codes(maxima: FloatArray, settings: Settings) -> IntArray:
    """Reach codes (N × P): 0 neither, 1 hardship, 2 both strands, 3 force or manipulation."""
    presence = settings.presence[:, np.newaxis]
    hardship = maxima[0] >= presence
    both = hardship & (maxima[1] >= presence)
    codes: IntArray = hardship.view(np.int8) + both.view(np.int8)
    codes[maxima[2] >= settings.threshold[:, np.newaxis]] = 3
    return codes


def reach_codes(values: FloatArray, config: ModelConfig) -> IntArray:
    """Each persona's reach under the configuration (P), an index into the reach order."""
    return score_matrix(values, config)[2]


def _zone_edges(boundaries: Boundaries) -> FloatArray:
    return np.array((0.0, *boundaries.as_tuple(), 1.0))


_HEADROOM = 0.9
"""The compression approaches ``knee + 0.9·half`` (0.59 for an economic band ending at 0.6),
so a held position never reads, rounded, as the boundary it stays below."""


def _compress(raw: FloatArray, knee: FloatArray, room: FloatArray, out: FloatArray) -> None:
    """Keep ``raw`` below ``knee + room`` into ``out``: identity up to the knee (the middle of
    the highest zone allowed), ``knee + room·tanh((raw − knee)/room)`` above it. Continuous,
    increasing, and strictly below the next boundary. Only positions past the knee are touched,
    so the common case costs one comparison."""
    knee = np.broadcast_to(knee, raw.shape)
    if out is not raw:
        np.copyto(out, raw)
    over = np.nonzero(raw > knee)
    if len(over[0]):
        k, r = knee[over], np.broadcast_to(room, raw.shape)[over]
        out[over] = k + r * np.tanh((raw[over] - k) / r)


@dataclass(frozen=True)
class _Terms:
    """The rule's terms for P personas under N parameter sets, each a P × N view.

    Held as complements (what is left *free* of each push), because the rule is then products
    run in place: ``1 − C = (1 − L)(1 − H)(1 − S)`` and ``1 − raw = (1 − K)(1 − m·C)``.
    """

    kept: FloatArray  # 1 − L
    hardship_free: FloatArray  # 1 − H
    struggle_free: FloatArray  # 1 − S
    control_free: FloatArray  # 1 − K
    raw: FloatArray  # K + (1 − K)·m·C
    position: FloatArray
    codes: IntArray


def _terms(
    values: FloatArray,
    weights: FloatArray,
    settings: Settings,
    groups: tuple[tuple[int, ...], ...],
) -> _Terms:
    """The rule over P personas (rows of ``values``) and N parameter sets (rows of ``weights``
    and of ``settings``); ``groups`` are :func:`reach_groups`.

    One matrix product (BLAS) gives the four weighted sums for every set into a buffer that then
    holds every term, updated in place (sets × personas, so each pass is contiguous). Callers
    pass blocks small enough for that buffer to stay in cache. BLAS picks its summation order
    from the shapes, so a sum may differ in its last bit with the size of the batch: batch and
    single scoring agree to about 1e-16 (the tests hold them to 1e-12), not bit for bit.
    """
    cols = factor_columns()
    samples, personas = weights.shape[0], values.shape[0]
    # Unit rows after the sums copy the reach's columns out as contiguous rows (exactly: a
    # product by 1 plus zeros), far cheaper to compare than columns strided through the matrix.
    columns = [c for group in groups for c in group]
    sums = 4 * samples
    stacked = np.zeros((sums + len(columns), weights.shape[1]))
    for term, kind in enumerate(cols.kinds):
        stacked[term * samples : (term + 1) * samples, kind] = weights[:, kind]
    stacked[np.arange(sums, sums + len(columns)), columns] = 1.0
    buffer = np.empty((len(stacked) + 2 * samples, personas))
    np.matmul(stacked, values.T, out=buffer[: len(stacked)])
    kept, hardship_free, struggle_free, control_free = (
        buffer[t * samples : (t + 1) * samples] for t in range(4)
    )
    raw, position = buffer[len(stacked) : len(stacked) + samples], buffer[-samples:]
    maxima = np.zeros((3, personas))
    start = sums
    for index, group in enumerate(groups):
        if group:
            np.max(buffer[start : start + len(group)], axis=0, out=maxima[index])
        start += len(group)
    # 1 − L = λ·A + (1 − λ), with A the weighted average of the capitals. The clip keeps a
    # rounding of the sums from taking A outside [0, 1].
    kept /= weights[:, cols.capital].sum(axis=1)[:, np.newaxis]
    np.clip(kept, 0.0, 1.0, out=kept)
    lack_share = settings.capital_lack[:, np.newaxis]
    kept *= lack_share
    kept += 1.0 - lack_share
    for free in (hardship_free, struggle_free, control_free):
        np.negative(free, out=free)
        np.exp(free, out=free)
    ceiling = settings.ceiling[:, np.newaxis]
    np.multiply(kept, hardship_free, out=raw)  # 1 − C
    raw *= struggle_free
    raw *= ceiling
    raw += 1.0 - ceiling  # 1 − m·C
    raw *= control_free
    np.subtract(1.0, raw, out=raw)
    codes = _codes(maxima, settings)
    _place(raw, codes, settings.edges, out=position)
    return _Terms(
        kept.T, hardship_free.T, struggle_free.T, control_free.T, raw.T, position.T, codes.T
    )


def _place(raw: FloatArray, codes: IntArray, edges: FloatArray, out: FloatArray) -> None:
    """Apply the reach into ``out`` (N × P; ``codes`` and ``edges`` N or 1 rows): the floor at
    coercion, or the compression below the zone the inputs do not open."""
    knee, room, _, floor = _by_code(edges)
    if len(edges) == 1:  # one row for every set: look each code up, no gather along rows
        knee, room, floor = knee[0][codes], room[0][codes], floor[0][codes]
    else:
        codes_n = np.broadcast_to(codes, raw.shape)
        knee, room, floor = (np.take_along_axis(x, codes_n, axis=1) for x in (knee, room, floor))
    _compress(raw, knee, room, out=out)
    np.maximum(out, floor, out=out)


def _by_code(edges: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Per parameter set and reach code ((N or 1) × 4): the knee and room of the compression,
    the top of the highest zone allowed, and the floor (the coercion boundary for code 3).

    Code 3 has an infinite knee: a decisive position is never compressed, only floored.
    """
    low, top = edges[:, _REACH_TOP], edges[:, _REACH_TOP + 1]
    half = (top - low) / 2.0
    knee, room = low + half, _HEADROOM * half
    knee[:, 3] = np.inf
    floor = np.zeros_like(knee)
    floor[:, 3] = edges[:, 4]
    return knee, room, top, floor


def _held(raw: FloatArray, codes: IntArray, edges: FloatArray) -> BoolArray:
    """Where the raw position (P, one parameter set) reached a zone the inputs do not open."""
    top = _by_code(edges)[2][0][codes]
    held: BoolArray = (codes < 3) & (raw >= top)
    return held


_REACH_TOP = np.array([r.zone.order for r in _REACHES])
"""The order of the highest zone each reach code allows."""


_BLOCK_CELLS = 1 << 16
"""Personas × samples scored at once, so the terms' buffers (a few MB) stay in cache."""


def _blocks(total: int, per_block: int) -> list[slice]:
    return [slice(start, min(total, start + per_block)) for start in range(0, total, per_block)]


def _shapley3(x: FloatArray, y: FloatArray, z: FloatArray) -> tuple[FloatArray, ...]:
    """Shapley shares of ``1 − (1 − x)(1 − y)(1 − z)`` among x, y and z (they add up to it)."""
    xyz = x * y * z / 3.0
    return (
        x - (x * y + x * z) / 2.0 + xyz,
        y - (x * y + y * z) / 2.0 + xyz,
        z - (x * z + y * z) / 2.0 + xyz,
    )


def _contributions(
    values: FloatArray, terms: _Terms, weights: FloatArray, config: ModelConfig, out: FloatArray
) -> None:
    """Each factor's share of the position (P × F) for one block of personas, into ``out``."""
    cols = factor_columns()
    lack, hardship, struggle, control = (
        1.0 - t[:, 0]
        for t in (terms.kept, terms.hardship_free, terms.struggle_free, terms.control_free)
    )
    raw, position = terms.raw[:, 0], terms.position[:, 0]
    share = (1.0 - control) * config.scoring.circumstance_ceiling
    parts = np.stack([share * s for s in _shapley3(lack, hardship, struggle)] + [control], axis=1)
    # What each factor pushes with: weight × value, or weight × what is missing for a capital.
    np.multiply(values, weights, out=out)
    out[:, cols.capital] = weights[cols.capital] - out[:, cols.capital]
    indicator = _term_indicator()
    totals = out @ indicator  # P × 4
    scale = np.zeros_like(totals)
    np.divide(parts, totals, out=scale, where=totals > 0)
    out *= scale @ indicator.T
    # Compressed: every share shrinks alike. Lifted to coercion: the lift goes to the decisive
    # factors that reached the threshold, by value.
    lifted = position > raw
    factor = np.ones_like(raw)
    np.divide(position, raw, out=factor, where=(~lifted) & (raw > 0))
    out *= factor[:, np.newaxis]
    rows = np.flatnonzero(lifted)
    if rows.size:
        columns = np.array(cols.decisive)
        reached = values[np.ix_(rows, columns)].copy()
        reached[reached < config.scoring.decisive_threshold] = 0.0
        reached[:, weights[columns] == 0] = 0.0  # a factor switched off decides nothing
        gain = (position[rows] - raw[rows]) / reached.sum(axis=1)
        out[np.ix_(rows, columns)] += reached * gain[:, np.newaxis]


@cache
def _term_indicator() -> FloatArray:
    """Factors × terms: 1 where a factor feeds a term (capital, hardship, struggle, control)."""
    cols = factor_columns()
    indicator = np.zeros((len(cols.ids), 4))
    for term, kind in enumerate(cols.kinds):
        indicator[kind, term] = 1.0
    return indicator


def score_positions(values: FloatArray, config: ModelConfig) -> FloatArray:
    """Positions (P) for a value matrix: where each persona sits, without the why."""
    position = np.empty(values.shape[0])
    weights = weight_vector(config)
    settings, groups = Settings.of(config), reach_groups(weights)
    for block in _blocks(values.shape[0], _BLOCK_CELLS):
        terms = _terms(values[block], weights[np.newaxis, :], settings, groups)
        position[block] = terms.position[:, 0]
    return position


def score_matrix(
    values: FloatArray, config: ModelConfig
) -> tuple[FloatArray, FloatArray, IntArray, BoolArray]:
    """Positions (P), contributions (P × F), reach codes (P) and held flags (P)."""
    position = np.empty(values.shape[0])
    contributions = np.empty(values.shape)
    codes = np.empty(values.shape[0], dtype=np.int8)
    held = np.empty(values.shape[0], dtype=bool)
    weights = weight_vector(config)
    settings, groups = Settings.of(config), reach_groups(weights)
    for block in _blocks(values.shape[0], _BLOCK_CELLS):
        block_values = values[block]
        terms = _terms(block_values, weights[np.newaxis, :], settings, groups)
        position[block] = terms.position[:, 0]
        codes[block] = terms.codes[:, 0]
        held[block] = _held(terms.raw[:, 0], codes[block], settings.edges)
        _contributions(block_values, terms, weights, config, out=contributions[block])
    return position, contributions, codes, held


def sample_positions(
    values: FloatArray, weights: FloatArray, settings: Settings, config: ModelConfig
) -> FloatArray:
    """Positions (P × N) for N parameter sets (weights N × F and ``settings``) in one batched
    run; which factors are switched off (weight 0) follows ``config``."""
    personas, samples = values.shape[0], weights.shape[0]
    positions = np.empty((personas, samples))
    groups = reach_groups(weight_vector(config))
    for block in _blocks(samples, max(1, _BLOCK_CELLS // max(1, personas))):
        terms = _terms(values, weights[block], settings.rows(block), groups)
        positions[:, block] = terms.position
    return positions


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
        reach = _REACHES[int(codes[row])]
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
