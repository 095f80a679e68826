"""The score document: one scoring run as typed, stable data (``ccc-spectrum/score``).

A pydantic model, so the JSON (``model_dump_json``), its JSON Schema (``spectrum schema
score``), the CSV and the terminal table (:mod:`model.report`) are all written from one object.
Within a version fields are only ever added, never renamed or removed. Every document carries
the notice that the tool works on fictional composites and is never a screening or
identification tool (L25, L26).

What version 2 changed from version 1 (model v2):

- renamed values: ``legal_status`` is ``"minor_lacks_legal_agency"`` (was
  ``"minor_coerced_in_law"``) or ``"adult"``: a minor is *treated as* coerced because teenagers
  lack legal agency (L48), whatever their position or their own view;
- changed meaning: ``decisive_control`` is true only when force or manipulation at the threshold
  placed the persona in coercion; a third party's control is never decisive by itself (L66);
- removed: ``violence`` is no longer a factor, so it is gone from ``factors``,
  ``contributions`` and ``top_contributions``; the ``risk`` kind of factor was split into
  ``hardship`` and ``struggle`` (the factor ids are listed in ``factors``);
- added at the top: ``notice``, and in ``config`` the ``presence`` level and the
  ``decisive_threshold``;
- added per persona: ``reach``, ``held``, ``present``, ``violence``, ``violence_present``,
  ``explanation`` and ``responses`` (the two layers of response, L50, L56, L62).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from model.explanation import NOTICE, explain
from model.factors import FactorKind, factor_catalogue
from model.interventions import Applicable, Caution, Intervention
from model.persona_fields import AgeBand
from model.responses import ResponsePlan, StartingBasis
from model.results import Results
from model.scoring import Assessment, LegalStatus, Reach
from model.spectrum import ZONES, Boundaries, Region, Zone

FORMAT_NAME: Literal["ccc-spectrum/score"] = "ccc-spectrum/score"
FORMAT_VERSION: Literal[2] = 2
TOP_COUNT = 3
PRESENT_KINDS = (FactorKind.HARDSHIP, FactorKind.STRUGGLE, FactorKind.CONTROL)
"""The kinds listed under ``present`` (capitals are held, not present or absent)."""

_FROZEN = ConfigDict(frozen=True)


class ResponseItem(BaseModel):
    model_config = _FROZEN

    id: str
    title: str
    reason: str


class Responses(BaseModel):
    """The two layers of response (L50, L56, L62), the cautions and the guidance."""

    model_config = _FROZEN

    starting_zone: Zone
    basis: StartingBasis
    ask_first: bool
    starting_label: str
    starting: list[ResponseItem]
    protections: list[ResponseItem]
    cautions: list[ResponseItem]
    guidance: list[ResponseItem]


class Interval(BaseModel):
    model_config = _FROZEN

    level: float
    low: float
    median: float
    high: float


class TopContribution(BaseModel):
    model_config = _FROZEN

    factor: str
    value: float


class PersonaRecord(BaseModel):
    """One persona's placement, why, how sure, and what follows."""

    model_config = _FROZEN

    id: str
    label: str
    age_band: AgeBand
    minor: bool
    position: float = Field(ge=0, le=1)
    zone: Zone
    region: Region
    band: str | None = Field(description="The circumstance band, or null at either end.")
    self_placement: float | None
    self_zone: Zone | None
    gap: float | None = Field(description="Position minus self-placement; null when not stated.")
    legal_status: LegalStatus
    decisive_control: bool
    reach: Reach
    held: bool
    present: dict[str, list[str]]
    violence: float
    violence_present: bool
    contributions: dict[str, float] = Field(description="Every factor; they sum to position.")
    top_contributions: list[TopContribution]
    interval: Interval | None = None
    zone_probabilities: dict[Zone, float] | None = None
    explanation: str
    responses: Responses


class ConfigSummary(BaseModel):
    model_config = _FROZEN

    source: str
    boundaries: Boundaries
    presence: float
    decisive_threshold: float


class MonteCarloRun(BaseModel):
    model_config = _FROZEN

    samples: int
    seed: int
    level: float


class ScoreDocument(BaseModel):
    """A scoring run: the configuration in force, the Monte Carlo run, and every persona."""

    model_config = _FROZEN

    format: Literal["ccc-spectrum/score"] = FORMAT_NAME
    version: Literal[2] = FORMAT_VERSION
    notice: str = NOTICE
    config: ConfigSummary
    monte_carlo: MonteCarloRun | None
    factors: list[str]
    zones: list[Zone]
    personas: list[PersonaRecord]


def _items(
    applicable: Sequence[Applicable[Intervention] | Applicable[Caution]],
) -> list[ResponseItem]:
    return [ResponseItem(id=a.item.id, title=a.item.title, reason=a.reason) for a in applicable]


def responses(plan: ResponsePlan) -> Responses:
    return Responses(
        starting_zone=plan.starting_zone,
        basis=plan.basis,
        ask_first=plan.ask_first,
        starting_label=plan.starting_label,
        starting=_items(plan.starting),
        protections=_items(plan.protections),
        cautions=_items(plan.cautions),
        guidance=_items(plan.guidance),
    )


def persona_record(
    a: Assessment, plan: ResponsePlan, results: Results | None = None
) -> PersonaRecord:
    """One persona's record; with Monte Carlo figures when ``results`` has computed them."""
    uncertainty = None if results is None else results.uncertainties[a.persona_id]
    return PersonaRecord(
        id=a.persona_id,
        label=a.label,
        age_band=a.age_band,
        minor=a.is_minor,
        position=a.position,
        zone=a.zone,
        region=a.region,
        band=a.zone.value if a.zone.in_circumstance else None,
        self_placement=a.self_placement,
        self_zone=a.self_zone,
        gap=a.gap,
        legal_status=a.legal_status,
        decisive_control=a.decisive_control,
        reach=a.reach,
        held=a.held,
        present={kind.value: list(a.present.get(kind, ())) for kind in PRESENT_KINDS},
        violence=a.violence,
        violence_present=a.violence_present,
        contributions=dict(a.contributions),
        top_contributions=[
            TopContribution(factor=f, value=v) for f, v in a.top_contributions(TOP_COUNT)
        ],
        interval=None
        if uncertainty is None
        else Interval(
            level=uncertainty.level,
            low=uncertainty.low,
            median=uncertainty.median,
            high=uncertainty.high,
        ),
        zone_probabilities=None if uncertainty is None else dict(uncertainty.zone_probabilities),
        explanation=explain(a),
        responses=responses(plan),
    )


def score_document(
    results: Results, *, config_source: str, monte_carlo: bool = False
) -> ScoreDocument:
    """The document for a scoring run; with intervals and zone probabilities on request."""
    config = results.config
    return ScoreDocument(
        config=ConfigSummary(
            source=config_source,
            boundaries=config.boundaries,
            presence=config.scoring.presence,
            decisive_threshold=config.scoring.decisive_threshold,
        ),
        monte_carlo=MonteCarloRun(samples=results.samples, seed=results.seed, level=results.level)
        if monte_carlo
        else None,
        factors=list(factor_catalogue().ids),
        zones=list(ZONES),
        personas=[
            persona_record(a, results.plans[pid], results if monte_carlo else None)
            for pid, a in results.assessments.items()
        ],
    )
