"""Properties of the scoring rule that hold for every valid persona and every valid configuration.

The rule is stated in ``model/scoring.py``'s module docstring; each test below names the part of
it (or of the essays) the property follows from. Floating-point comparisons that should hold
exactly in real arithmetic allow ``ULP_SLACK``: the rule mixes additions and subtractions
(``L + R − L·R``), so one rounding step may wobble a result by a few units in the last place.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import (
    ZONES,
    AgeBand,
    Assessment,
    LegalStatus,
    ModelConfig,
    Persona,
    PersonaSet,
    Zone,
    assess,
    assess_one,
    dump_config,
    load_config,
    parse_config,
    reference_position,
    save_config,
    simulate,
)
from model.scoring import Reach, score_matrix
from tests.strategies import (
    CAPITAL_IDS,
    CONTROL_IDS,
    DECISIVE_IDS,
    FACTOR_IDS,
    HARDSHIP_IDS,
    RISK_IDS,
    STRUGGLE_IDS,
    configs,
    factor_values,
    grounded_why,
    persona_batches,
    personas,
    unit_floats,
)

ULP_SLACK = 1e-12
PROPERTY = settings(max_examples=80, deadline=None)
SLOW_PROPERTY = settings(max_examples=25, deadline=None)
MC_SAMPLES = 64


def with_factor(persona: Persona, factor_id: str, value: float) -> Persona:
    """The same persona with one factor set to ``value`` (validated again, as a file would be)."""
    data = persona.model_dump()
    data["factors"][factor_id] = value
    data["why"] = grounded_why(data)
    return Persona.model_validate(data)


def raw_position(values: dict[str, float], config: ModelConfig) -> float:
    """The rule before the reach, stated independently from the module docstring."""
    w = {f: config.weight(f) for f in FACTOR_IDS}
    capital = sum(w[c] * values[c] for c in CAPITAL_IDS) / sum(w[c] for c in CAPITAL_IDS)
    lack = config.scoring.capital_lack.weight * (1 - capital)
    hardship, struggle, control = (
        1 - math.exp(-sum(w[f] * values[f] for f in ids))
        for ids in (HARDSHIP_IDS, STRUGGLE_IDS, CONTROL_IDS)
    )
    circumstance = 1 - (1 - lack) * (1 - hardship) * (1 - struggle)
    return control + (1 - control) * config.scoring.circumstance_ceiling * circumstance


def zone_by_boundaries(position: float, bounds: tuple[float, ...]) -> Zone:
    """Independent statement of the zone rule: a boundary belongs to the zone above it."""
    passed = sum(1 for bound in bounds if position >= bound)
    return ZONES[passed]


@st.composite
def ordered_pair(draw: st.DrawFn) -> tuple[float, float]:
    low = draw(unit_floats)
    high = draw(st.floats(min_value=low, max_value=1.0))
    return low, high


# ---------------------------------------------------------------- the axis


@PROPERTY
@given(batch=persona_batches(), config=configs())
def test_position_always_lies_on_the_axis(batch: list[Persona], config: ModelConfig) -> None:
    for assessment in assess(batch, config):
        assert 0.0 <= assessment.position <= 1.0
        assert assessment.zone in ZONES


@PROPERTY
@given(values=factor_values(), config=configs())
def test_reference_rule_also_stays_on_the_axis(
    values: dict[str, float], config: ModelConfig
) -> None:
    position, _ = reference_position(values, config)
    assert 0.0 <= position <= 1.0


# ---------------------------------------------------------------- direction of each factor


@PROPERTY
@given(
    persona=personas(),
    config=configs(),
    factor_id=st.sampled_from(RISK_IDS + CONTROL_IDS),
    pair=ordered_pair(),
)
def test_more_risk_or_control_never_moves_toward_choice(
    persona: Persona, config: ModelConfig, factor_id: str, pair: tuple[float, float]
) -> None:
    low, high = pair
    less = assess_one(with_factor(persona, factor_id, low), config)
    more = assess_one(with_factor(persona, factor_id, high), config)
    assert more.position >= less.position - ULP_SLACK
    assert more.zone.order >= less.zone.order or math.isclose(
        more.position, less.position, abs_tol=ULP_SLACK
    )


@PROPERTY
@given(
    persona=personas(),
    config=configs(),
    factor_id=st.sampled_from(CAPITAL_IDS),
    pair=ordered_pair(),
)
def test_more_capital_never_moves_toward_coercion(
    persona: Persona, config: ModelConfig, factor_id: str, pair: tuple[float, float]
) -> None:
    low, high = pair
    less = assess_one(with_factor(persona, factor_id, low), config)
    more = assess_one(with_factor(persona, factor_id, high), config)
    assert more.position <= less.position + ULP_SLACK
    assert more.zone.order <= less.zone.order or math.isclose(
        more.position, less.position, abs_tol=ULP_SLACK
    )


def test_decisive_factors_are_force_and_manipulation() -> None:
    # Coercion is being "directly or indirectly forced ... through manipulation or force" (L42);
    # a third party who takes a share is not, by itself, coercion (L66).
    assert set(DECISIVE_IDS) == {"force", "manipulation"}


@PROPERTY
@given(
    persona=personas(), config=configs(), factor_id=st.sampled_from(DECISIVE_IDS), data=st.data()
)
def test_decisive_control_alone_means_coercion(
    persona: Persona, config: ModelConfig, factor_id: str, data: st.DataObject
) -> None:
    threshold = config.scoring.decisive_threshold
    value = data.draw(st.floats(min_value=threshold, max_value=1.0), label="value")
    assessment = assess_one(with_factor(persona, factor_id, value), config)
    if config.weight(factor_id) == 0:
        return  # switched off: it decides nothing (tested below)
    assert assessment.zone is Zone.COERCION
    assert assessment.position >= config.boundaries.coercion_lower


@PROPERTY
@given(
    config=configs(),
    factor_id=st.sampled_from(DECISIVE_IDS),
    data=st.data(),
)
def test_decisive_control_overrides_full_capital_and_no_risk(
    config: ModelConfig, factor_id: str, data: st.DataObject
) -> None:
    # The most capital there is, no risk, no other control: force (or control) still decides.
    values = dict.fromkeys(FACTOR_IDS, 0.0)
    values.update(dict.fromkeys(CAPITAL_IDS, 1.0))
    values[factor_id] = data.draw(
        st.floats(min_value=config.scoring.decisive_threshold, max_value=1.0), label="value"
    )
    persona = data.draw(personas(values=st.just(values)), label="persona")
    assessment = assess_one(persona, config)
    if config.weight(factor_id) == 0:
        assert assessment.zone is not Zone.COERCION  # switched off: it decides nothing
        return
    assert assessment.zone is Zone.COERCION
    # Nothing but this factor contributes, so it explains the whole position.
    assert assessment.contributions[factor_id] == pytest.approx(assessment.position, abs=1e-9)


@PROPERTY
@given(persona=personas(), config=configs())
def test_coercion_if_and_only_if_force_or_manipulation_at_the_threshold(
    persona: Persona, config: ModelConfig
) -> None:
    assessment = assess_one(persona, config)
    values = persona.factor_values()
    triggered = any(
        values[f] >= config.scoring.decisive_threshold and config.weight(f) > 0
        for f in DECISIVE_IDS
    )
    assert assessment.decisive_control is triggered
    assert (assessment.zone is Zone.COERCION) is triggered
    assert (assessment.reach is Reach.FORCE_OR_MANIPULATION) is triggered


def _present(values: dict[str, float], ids: tuple[str, ...], config: ModelConfig) -> bool:
    return any(values[f] >= config.scoring.presence and config.weight(f) > 0 for f in ids)


@PROPERTY
@given(persona=personas(), config=configs())
def test_no_zone_without_its_defining_inputs(persona: Persona, config: ModelConfig) -> None:
    # L42: the economic band is "poverty or financial desperation"; the band near coercion is
    # "both financially hard off as well as grappling with serious mental health issues".
    assessment = assess_one(persona, config)
    values = persona.factor_values()
    if assessment.decisive_control:
        return
    hardship = _present(values, HARDSHIP_IDS, config)
    struggle = _present(values, STRUGGLE_IDS, config)
    if assessment.zone.order >= Zone.ECONOMIC.order:
        assert hardship
    if assessment.zone.order >= Zone.NEAR_COERCION.order:
        assert hardship and struggle
    assert assessment.zone.order <= assessment.reach.zone.order


@PROPERTY
@given(persona=personas(), config=configs(), data=st.data())
def test_a_third_partys_control_alone_never_means_coercion(
    persona: Persona, config: ModelConfig, data: st.DataObject
) -> None:
    # L66: "not all exploitative sex work takes the form of an abusive pimp"; L54: even people
    # trafficked again "almost always turn out to be driven by circumstance".
    values = persona.factor_values()
    below = config.scoring.decisive_threshold
    for fid in DECISIVE_IDS:
        values[fid] = min(values[fid], data.draw(st.floats(0.0, below, exclude_max=True)))
    values["third_party_control"] = 1.0
    controlled = data.draw(personas(values=st.just(values)), label="persona")
    assessment = assess_one(controlled, config)
    assert assessment.zone is not Zone.COERCION
    assert assessment.position < config.boundaries.coercion_lower


@PROPERTY
@given(persona=personas(), config=configs(), violence=unit_floats)
def test_violence_never_moves_the_position(
    persona: Persona, config: ModelConfig, violence: float
) -> None:
    # L70: untangle violence; it is common across the spectrum and says nothing of where one is.
    data = persona.model_dump()
    data["violence"] = violence
    data["why"] = grounded_why(data)
    other = Persona.model_validate(data)
    before, after = assess_one(persona, config), assess_one(other, config)
    assert after.position == before.position
    assert after.zone is before.zone
    assert after.contributions == before.contributions
    assert after.violence_present is (violence >= config.scoring.presence)


@PROPERTY
@given(persona=personas(), config=configs())
def test_held_means_the_raw_position_reached_a_closed_zone(
    persona: Persona, config: ModelConfig
) -> None:
    assessment = assess_one(persona, config)
    raw = raw_position(persona.factor_values(), config)
    if assessment.decisive_control:
        assert not assessment.held
        assert assessment.position >= config.boundaries.coercion_lower
        assert assessment.position == pytest.approx(
            max(raw, config.boundaries.coercion_lower), abs=ULP_SLACK
        )
    else:
        top = config.boundaries.span(assessment.reach.zone)[1]
        assert assessment.held is (raw >= top)
        assert assessment.position < top
        assert assessment.position <= raw + ULP_SLACK


# ---------------------------------------------------------------- contributions


@PROPERTY
@given(batch=persona_batches(), config=configs())
def test_contributions_are_non_negative_and_add_up_to_the_position(
    batch: list[Persona], config: ModelConfig
) -> None:
    for persona, assessment in zip(batch, assess(batch, config), strict=True):
        assert set(assessment.contributions) == set(FACTOR_IDS)
        assert all(value >= 0.0 for value in assessment.contributions.values())
        assert math.fsum(assessment.contributions.values()) == pytest.approx(
            assessment.position, abs=1e-9
        )
        # An absent factor explains nothing: risk or control at 0, or a capital held in full.
        values = persona.factor_values()
        for fid in RISK_IDS + CONTROL_IDS:
            if values[fid] == 0.0:
                assert assessment.contributions[fid] == 0.0
        for fid in CAPITAL_IDS:
            if values[fid] == 1.0:
                assert assessment.contributions[fid] == 0.0


@PROPERTY
@given(batch=persona_batches(), config=configs())
def test_top_contributions_are_the_largest_positive_ones(
    batch: list[Persona], config: ModelConfig
) -> None:
    for assessment in assess(batch, config):
        top = assessment.top_contributions(3)
        assert len(top) <= 3
        assert all(value > 0 for _, value in top)
        shown = [value for _, value in top]
        assert shown == sorted(shown, reverse=True)
        left_out = [v for f, v in assessment.contributions.items() if f not in dict(top)]
        if top and left_out:
            assert max(left_out) <= shown[-1]


# ---------------------------------------------------------------- self-perception and the law


@PROPERTY
@given(batch=persona_batches(), config=configs())
def test_minors_lack_legal_agency_and_their_self_placement_is_kept(
    batch: list[Persona], config: ModelConfig
) -> None:
    for persona, assessment in zip(batch, assess(batch, config), strict=True):
        if persona.age_band.is_minor:
            assert assessment.legal_status is LegalStatus.MINOR
            assert assessment.is_minor
        else:
            assert assessment.legal_status is LegalStatus.ADULT
            assert not assessment.is_minor
        # The self-placement sits beside the assessment, never overwritten (L48, L50).
        if persona.self_placement == "not_stated":
            assert assessment.self_placement is None
            assert assessment.self_zone is None
            assert assessment.gap is None
        else:
            assert assessment.self_placement == persona.self_placement
            assert assessment.self_zone is config.boundaries.zone_of(persona.self_placement)
            assert assessment.gap == pytest.approx(
                assessment.position - persona.self_placement, abs=1e-15
            )


@PROPERTY
@given(
    persona=personas(age_bands=st.sampled_from([b for b in AgeBand if b.is_minor])),
    config=configs(),
)
def test_a_minors_legal_status_does_not_depend_on_position(
    persona: Persona, config: ModelConfig
) -> None:
    # Whatever the factors say, even at the choice end, a minor lacks legal agency (L48).
    assessment = assess_one(persona, config)
    assert assessment.legal_status is LegalStatus.MINOR
    adult = Persona.model_validate({**persona.model_dump(), "age_band": AgeBand.ADULT_18_24})
    as_adult = assess_one(adult, config)
    assert as_adult.legal_status is LegalStatus.ADULT
    assert as_adult.position == assessment.position
    assert as_adult.zone is assessment.zone


# ---------------------------------------------------------------- zones follow the boundaries


@PROPERTY
@given(batch=persona_batches(), config=configs())
def test_zone_follows_the_configured_boundaries(batch: list[Persona], config: ModelConfig) -> None:
    bounds = config.boundaries.as_tuple()
    for assessment in assess(batch, config):
        assert assessment.zone is zone_by_boundaries(assessment.position, bounds)
        assert assessment.region is assessment.zone.region
        lower, upper = config.boundaries.span(assessment.zone)
        assert lower <= assessment.position
        assert assessment.position < upper or (
            assessment.zone is Zone.COERCION and assessment.position == 1.0
        )


@PROPERTY
@given(config=configs())
def test_a_boundary_belongs_to_the_zone_above_it(config: ModelConfig) -> None:
    boundaries = config.boundaries
    bounds = boundaries.as_tuple()
    assert boundaries.zone_of(0.0) is Zone.CHOICE
    assert boundaries.zone_of(1.0) is Zone.COERCION
    for index, bound in enumerate(bounds):
        assert boundaries.zone_of(bound) is ZONES[index + 1]
        assert boundaries.zone_of(math.nextafter(bound, 0.0)) is ZONES[index]
    probes = [0.0, *bounds, *(math.nextafter(b, 0.0) for b in bounds), 1.0]
    indices = boundaries.zone_indices(probes)
    assert [ZONES[int(i)] for i in indices] == [boundaries.zone_of(p) for p in probes]
    assert [ZONES[int(i)] for i in indices] == [zone_by_boundaries(p, bounds) for p in probes]


@pytest.mark.parametrize("outside", [-1e-9, 1.0 + 1e-9, float("nan"), float("inf")])
def test_zone_of_refuses_positions_off_the_axis(outside: float, config: ModelConfig) -> None:
    with pytest.raises(ValueError, match="outside"):
        config.boundaries.zone_of(outside)


# ---------------------------------------------------------------- vectorized = reference


@PROPERTY
@given(batch=persona_batches(), config=configs())
def test_vectorized_assess_matches_the_reference_rule(
    batch: list[Persona], config: ModelConfig
) -> None:
    for persona, assessment in zip(batch, assess(batch, config), strict=True):
        position, contributions = reference_position(persona.factor_values(), config)
        assert assessment.position == pytest.approx(position, abs=1e-12)
        assert set(contributions) == set(assessment.contributions)
        for fid, value in contributions.items():
            assert assessment.contributions[fid] == pytest.approx(value, abs=1e-12), fid


def assert_same_assessment(alone: Assessment, together: Assessment, config: ModelConfig) -> None:
    """A persona's assessment alone and in a batch agree: BLAS may round a sum differently with
    the batch's shape, so numbers agree to ``ULP_SLACK``; everything else is identical, and the
    zone too unless the position lies within that slack of a boundary."""
    exact = {"position", "gap", "contributions", "zone"}
    assert alone.model_dump(exclude=exact) == together.model_dump(exclude=exact)
    assert together.position == pytest.approx(alone.position, abs=ULP_SLACK)
    if alone.gap is None:
        assert together.gap is None
    else:
        assert together.gap == pytest.approx(alone.gap, abs=ULP_SLACK)
    assert together.contributions.keys() == alone.contributions.keys()
    for fid, value in alone.contributions.items():
        assert together.contributions[fid] == pytest.approx(value, abs=ULP_SLACK), fid
    near_a_boundary = any(
        abs(alone.position - bound) <= ULP_SLACK for bound in config.boundaries.as_tuple()
    )
    if not near_a_boundary:
        assert together.zone is alone.zone


@PROPERTY
@given(batch=persona_batches(min_size=2), config=configs())
def test_assessing_a_batch_equals_assessing_each_alone(
    batch: list[Persona], config: ModelConfig
) -> None:
    together = assess(batch, config)
    assert [a.persona_id for a in together] == [p.id for p in batch]
    for persona, assessment in zip(batch, together, strict=True):
        assert_same_assessment(assess_one(persona, config), assessment, config)


def test_the_bundled_library_scores_the_same_in_a_batch_and_alone(
    bundled_personas: PersonaSet, config: ModelConfig
) -> None:
    # Realistic personas and many samples, where a shape-dependent summation order (as BLAS
    # uses for matrix products) shows up in the last bits of a result: zones and zone
    # probabilities must not move, numbers only within rounding.
    batch = bundled_personas.personas
    assert len(batch) > 1
    for persona, assessment in zip(batch, assess(batch, config), strict=True):
        assert_same_assessment(assess_one(persona, config), assessment, config)
    together = simulate(batch, config, samples=500, seed=11)
    for persona, result in zip(batch, together, strict=True):
        (alone,) = simulate([persona], config, samples=500, seed=11)
        assert alone.zone_probabilities == result.zone_probabilities
        for field in ("low", "median", "high"):
            assert getattr(alone, field) == pytest.approx(getattr(result, field), abs=ULP_SLACK)


def test_a_big_batch_scores_like_its_persons_alone(config: ModelConfig) -> None:
    # Blocks of the engine (2**17 cells) and BLAS's own tiling both change with the batch's
    # size; a batch larger than one block must still agree with each persona scored alone.
    rng = np.random.default_rng(3)
    values = rng.random((300_000, len(FACTOR_IDS)))
    positions, contributions, _, _ = score_matrix(values, config)
    for row in rng.choice(len(values), size=40, replace=False):
        position, shares, _, _ = score_matrix(values[row : row + 1], config)
        assert positions[row] == pytest.approx(position[0], abs=ULP_SLACK)
        np.testing.assert_allclose(contributions[row], shares[0], rtol=0, atol=ULP_SLACK)
    assert np.allclose(contributions.sum(axis=1), positions, rtol=0, atol=1e-9)


def test_assessing_nothing_gives_nothing(config: ModelConfig) -> None:
    assert assess([], config) == []


# ---------------------------------------------------------------- Monte Carlo


@SLOW_PROPERTY
@given(batch=persona_batches(), config=configs(), seed=st.integers(0, 2**32 - 1))
def test_monte_carlo_is_reproducible_and_well_formed(
    batch: list[Persona], config: ModelConfig, seed: int
) -> None:
    first = simulate(batch, config, samples=MC_SAMPLES, seed=seed)
    again = simulate(batch, config, samples=MC_SAMPLES, seed=seed)
    assert first == again
    assert [u.persona_id for u in first] == [p.id for p in batch]
    for result in first:
        assert result.samples == MC_SAMPLES
        assert 0.0 <= result.low <= result.median <= result.high <= 1.0
        assert set(result.zone_probabilities) == set(ZONES)
        assert all(0.0 <= p <= 1.0 for p in result.zone_probabilities.values())
        # Not -0.0 either: a table would print it as "-0.0%".
        assert all(math.copysign(1.0, p) == 1.0 for p in result.zone_probabilities.values())
        assert math.fsum(result.zone_probabilities.values()) == pytest.approx(1.0, abs=1e-12)
        # Each probability is a count of samples over the number of samples.
        for probability in result.zone_probabilities.values():
            assert probability * MC_SAMPLES == pytest.approx(round(probability * MC_SAMPLES))
        assert result.zone_probabilities[result.most_likely_zone] == max(
            result.zone_probabilities.values()
        )


@SLOW_PROPERTY
@given(
    persona=personas(),
    others=persona_batches(min_size=1, max_size=5),
    config=configs(),
    seed=st.integers(0, 2**32 - 1),
    at=st.integers(0, 5),
)
def test_a_personas_monte_carlo_result_ignores_the_rest_of_the_batch(
    persona: Persona, others: list[Persona], config: ModelConfig, seed: int, at: int
) -> None:
    others = [p for p in others if p.id != persona.id]
    batch = [*others[:at], persona, *others[at:]]
    alone = simulate([persona], config, samples=MC_SAMPLES, seed=seed)[0]
    in_batch = simulate(batch, config, samples=MC_SAMPLES, seed=seed)[batch.index(persona)]
    # Same draws, same zones; the quantiles to rounding (BLAS orders sums by the batch's shape).
    assert in_batch.zone_probabilities == alone.zone_probabilities
    assert (in_batch.samples, in_batch.level) == (alone.samples, alone.level)
    for field in ("low", "median", "high"):
        assert getattr(in_batch, field) == pytest.approx(getattr(alone, field), abs=ULP_SLACK)


@SLOW_PROPERTY
@given(batch=persona_batches(), config=configs(collapsed=True), seed=st.integers(0, 2**32 - 1))
def test_collapsed_ranges_collapse_the_interval_onto_the_position(
    batch: list[Persona], config: ModelConfig, seed: int
) -> None:
    results = simulate(batch, config, samples=MC_SAMPLES, seed=seed)
    for assessment, result in zip(assess(batch, config), results, strict=True):
        for end in (result.low, result.median, result.high):
            assert end == pytest.approx(assessment.position, abs=1e-12)
        assert result.zone_probabilities[assessment.zone] == 1.0
        assert result.most_likely_zone is assessment.zone


@pytest.mark.parametrize("samples", [0, -1, 1_000_001])
def test_monte_carlo_refuses_impossible_sample_counts(samples: int, config: ModelConfig) -> None:
    with pytest.raises(ValueError, match="samples"):
        simulate([], config, samples=samples)


# ---------------------------------------------------------------- configuration round-trip


@PROPERTY
@given(config=configs())
def test_config_round_trips_through_toml_text(config: ModelConfig) -> None:
    assert parse_config(dump_config(config), "round-trip.toml") == config


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(config=configs())
def test_config_round_trips_through_files(config: ModelConfig, tmp_path: Path) -> None:
    # One file per format, overwritten by each example: only the last write matters.
    toml_file = tmp_path / "config.toml"
    save_config(config, toml_file)
    assert load_config(toml_file) == config
    json_file = tmp_path / "config.json"
    json_file.write_text(config.model_dump_json(), encoding="utf-8")
    assert load_config(json_file) == config
