"""Unit tests: the bundled library, the catalogues, framings, configuration checks and quotes."""

from __future__ import annotations

import copy
import hashlib
import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model import (
    ZONES,
    Assessment,
    FramingId,
    InputError,
    Level,
    ModelConfig,
    Persona,
    PersonaSet,
    PlacementBasis,
    Problem,
    Zone,
    assess,
    assess_one,
    default_config,
    factor_catalogue,
    frame,
    frame_all,
    framings,
    parse_config,
    plan_for,
    response_catalogue,
)
from model.compare import config_differences
from model.config import config_from_data
from model.framings import framing
from model.sources import MAX_QUOTE_CHARS, SOURCE_FILE, Citation
from model.spectrum import BOUNDARY_LABELS
from tests.builders import LOW_CAPITALS, NARRATIVE, as_toml, persona_data
from tests.strategies import configs, minors, personas

REQUIRED_CAUTIONS = {
    "arresting-victims",
    "identification-without-support",
    "rescue-and-repatriation",
    "all-commercial-sex-as-coercion",
}


@pytest.fixture(scope="module")
def assessments(bundled_personas: PersonaSet, config: ModelConfig) -> list[Assessment]:
    return assess(bundled_personas.personas, config)


def coercion_only_interventions() -> set[str]:
    return {i.id for i in response_catalogue().for_zone(Zone.COERCION)}


def coercion_only_cautions() -> set[str]:
    return {c.id for c in response_catalogue().cautions_for_zone(Zone.COERCION)}


# ---------------------------------------------------------------- the bundled persona library


def test_the_bundled_library_loads_without_problems(bundled_personas: PersonaSet) -> None:
    assert bundled_personas.ok, [str(p) for p in bundled_personas.problems]
    ids = [p.id for p in bundled_personas.personas]
    assert len(ids) == len(set(ids))


def test_the_library_has_at_least_twelve_personas(bundled_personas: PersonaSet) -> None:
    assert len(bundled_personas.personas) >= 12


def test_the_default_assessment_covers_every_zone(assessments: list[Assessment]) -> None:
    assert {a.zone for a in assessments} == set(ZONES)


def test_the_library_has_at_least_three_minors(bundled_personas: PersonaSet) -> None:
    assert sum(p.is_minor for p in bundled_personas.personas) >= 3


def test_some_persona_sees_themself_far_from_the_assessment(
    assessments: list[Assessment],
) -> None:
    # The gap between self-perception and assessment is the point of showing both (L48, L50).
    assert any(a.gap is not None and abs(a.gap) >= 0.4 for a in assessments)


def test_the_library_includes_personas_who_do_not_state_a_placement(
    bundled_personas: PersonaSet,
) -> None:
    assert any(p.stated_placement is None for p in bundled_personas.personas)


def test_every_persona_cites_the_essays(bundled_personas: PersonaSet) -> None:
    for persona in bundled_personas.personas:
        assert persona.sources, persona.id
        assert any(c.essay is not None for c in persona.sources), persona.id


# ---------------------------------------------------------------- catalogues and citations


def test_every_factor_has_a_citation() -> None:
    factors = factor_catalogue().factors
    assert factors
    for factor in factors:
        assert len(factor.sources) >= 1, factor.id


def test_every_intervention_and_caution_has_a_citation() -> None:
    cat = response_catalogue()
    for intervention in cat.interventions:
        assert len(intervention.sources) >= 1, intervention.id
    for caution in cat.cautions:
        assert len(caution.sources) >= 1, caution.id


def test_every_framing_has_a_citation_and_every_framing_is_described() -> None:
    described = framings()
    assert {f.id for f in described} == set(FramingId)
    for described_framing in described:
        assert len(described_framing.sources) >= 1, described_framing.id


def test_every_weight_in_the_default_config_gives_its_basis(config: ModelConfig) -> None:
    # Evidence-based and accountable: every number says why, with a line reference.
    for fid, setting in config.weights.items():
        assert setting.basis, fid
        assert re.search(r"\bL\d+", setting.basis), fid
    assert config.scoring.capital_lack.basis


def test_the_catalogue_covers_every_level_and_every_zone() -> None:
    cat = response_catalogue()
    assert {i.level for i in cat.interventions} == set(Level)
    for zone in ZONES:
        assert cat.for_zone(zone), f"no zone-specific intervention for {zone.value}"
        assert cat.cautions_for_zone(zone, include_everywhere=True), zone.value
    assert cat.guidance, "no guidance that applies everywhere"
    ids = [i.id for i in cat.interventions] + [c.id for c in cat.cautions]
    assert len(ids) == len(set(ids))


def test_the_cautions_include_the_four_the_essays_name() -> None:
    assert {c.id for c in response_catalogue().cautions} >= REQUIRED_CAUTIONS


def test_arresting_victims_is_a_caution_for_coercion() -> None:
    # L20: arresting victims undermines efforts to combat CSEC.
    assert "arresting-victims" in coercion_only_cautions()
    assert "support-not-punish" in coercion_only_interventions()


# ---------------------------------------------------------------- two layers of response


def layer_ids(assessment: Assessment) -> tuple[list[str], list[str], list[str]]:
    plan = plan_for(assessment)
    return (
        [x.item.id for x in plan.starting],
        [x.item.id for x in plan.protections],
        [x.item.id for x in plan.cautions],
    )


def test_a_minor_gets_coercions_responses_as_protections_whatever_they_say(
    assessments: list[Assessment],
) -> None:
    minors_outside_coercion = [a for a in assessments if a.is_minor and a.zone is not Zone.COERCION]
    assert minors_outside_coercion, "the library should hold a minor assessed short of coercion"
    for assessment in (a for a in assessments if a.is_minor):
        starting, protections, cautions = layer_ids(assessment)
        assert coercion_only_interventions() <= set(starting) | set(protections)
        assert "arresting-victims" in cautions, assessment.persona_id
    for assessment in minors_outside_coercion:
        _, protections, _ = layer_ids(assessment)
        assert "support-not-punish" in protections, assessment.persona_id


def test_an_adult_short_of_coercion_with_no_force_is_not_offered_coercions_responses(
    assessments: list[Assessment],
) -> None:
    adults = [
        a
        for a in assessments
        if not a.is_minor and a.zone is not Zone.COERCION and not a.forced_or_manipulated
    ]
    assert adults
    for assessment in adults:
        starting, protections, cautions = layer_ids(assessment)
        if assessment.self_zone is not Zone.COERCION:
            assert "support-not-punish" not in starting + protections, assessment.persona_id
            assert "arresting-victims" not in cautions, assessment.persona_id


def test_a_minors_protections_give_the_legal_reason(assessments: list[Assessment]) -> None:
    minor = next(a for a in assessments if a.is_minor and a.zone is not Zone.COERCION)
    reasons = {x.item.id: x.reason for x in plan_for(minor).protections}
    assert "L48" in reasons["support-not-punish"]
    assert "legal agency" in reasons["support-not-punish"]


def test_a_stated_self_placement_starts_from_that_zone(assessments: list[Assessment]) -> None:
    stated = [a for a in assessments if a.self_zone is not None and a.self_zone is not a.zone]
    assert stated, "the library should hold someone who places themself elsewhere"
    for assessment in stated:
        plan = plan_for(assessment)
        assert plan.starting_zone is assessment.self_zone
        assert not plan.ask_first
        assert [x.item.id for x in plan.starting] == [
            i.id for i in response_catalogue().for_zone(assessment.self_zone)
        ]


def test_an_unstated_self_placement_starts_by_asking(assessments: list[Assessment]) -> None:
    silent = [a for a in assessments if a.self_placement is None]
    assert silent
    for assessment in silent:
        plan = plan_for(assessment)
        assert plan.ask_first
        assert plan.starting[0].item.id == "ask-first"
        assert "L50" in plan.starting[0].reason
        assert plan.starting_zone is assessment.zone
        assert "stands in" in plan.starting_label


def test_violence_brings_support_and_its_caution(assessments: list[Assessment]) -> None:
    hurt = [a for a in assessments if a.violence_present]
    assert hurt
    for assessment in hurt:
        _, protections, cautions = layer_ids(assessment)
        assert "safety-from-violence" in protections
        assert "shrugging-off-violence" in cautions


def test_services_follow_the_assessment_whatever_they_say(assessments: list[Assessment]) -> None:
    # L62: social services "regardless of whether they see themselves as trafficked".
    far = [a for a in assessments if a.zone in (Zone.ECONOMIC, Zone.NEAR_COERCION, Zone.COERCION)]
    assert far
    for assessment in far:
        starting, protections, _ = layer_ids(assessment)
        assert "services-in-the-life" in starting + protections


@settings(max_examples=60, deadline=None)
@given(persona=personas(), config=configs())
def test_the_layers_follow_the_self_placement_and_the_protections(
    persona: Persona, config: ModelConfig
) -> None:
    assessment = assess_one(persona, config)
    plan = plan_for(assessment)
    starting, protections, cautions = layer_ids(assessment)
    guidance = [x.item.id for x in plan.guidance]
    every = starting + protections + guidance
    assert len(every) == len(set(every)), "an item appears in two layers"
    assert len(cautions) == len(set(cautions))
    cat = response_catalogue()
    zone = assessment.self_zone or assessment.zone
    expected = [i.id for i in cat.for_zone(zone)]
    if assessment.self_zone is None:
        expected = ["ask-first", *expected]
    assert starting == expected
    if assessment.is_minor:
        assert coercion_only_interventions() <= set(starting) | set(protections)
    if assessment.forced_or_manipulated:
        assert "support-not-punish" in starting + protections
    assert set(guidance) | set(starting) | set(protections) >= {i.id for i in cat.guidance}


@settings(max_examples=40, deadline=None)
@given(persona=minors(), config=configs())
def test_every_minor_gets_the_protections_layer(persona: Persona, config: ModelConfig) -> None:
    starting, protections, cautions = layer_ids(assess_one(persona, config))
    assert "support-not-punish" in starting + protections
    assert "arresting-victims" in cautions


# ---------------------------------------------------------------- framings


def test_all_coercion_puts_everyone_in_coercion(assessments: list[Assessment]) -> None:
    for assessment in assessments:
        framed = frame(assessment, FramingId.ALL_COERCION)
        assert framed.zone is Zone.COERCION
        assert framed.basis is PlacementBasis.ALL_AS_COERCION
        assert framed.persona_id == assessment.persona_id
        assert framed.differs_from_assessment is (assessment.zone is not Zone.COERCION)
        assert set(framed.responses) == coercion_only_interventions()
        # The essays' answer is raised whenever the lens overrides the assessment (L56).
        assert ("all-commercial-sex-as-coercion" in framed.cautions) is (
            assessment.zone is not Zone.COERCION
        )
        # Nothing is attributed to them that the text does not say: no "rescue".
        assert "rescue-and-repatriation" not in framed.cautions


def test_all_coercion_is_stated_as_its_holders_state_it() -> None:
    info = framing(FramingId.ALL_COERCION)
    refs = {c.ref for c in info.sources}
    assert {"L44", "L46", "L56"} <= refs
    assert "second wave feminists" in info.held_by
    assert "rescue" not in (info.summary + info.treated_as).lower()


def test_starting_where_they_are_takes_the_stated_placement(
    assessments: list[Assessment],
) -> None:
    for assessment in assessments:
        framed = frame(assessment, FramingId.STARTING_WHERE_THEY_ARE)
        plan = plan_for(assessment)
        assert framed.responses == tuple(x.item.id for x in plan.starting)
        assert framed.protections == tuple(x.item.id for x in plan.protections)
        if assessment.self_zone is None:
            assert framed.basis is PlacementBasis.ASSESSED_STAND_IN
            assert framed.zone is assessment.zone
        else:
            assert framed.basis is PlacementBasis.SELF_PLACEMENT
            assert framed.zone is assessment.self_zone


def test_criminal_legal_arrests_and_raises_arresting_victims_for_every_minor(
    assessments: list[Assessment],
) -> None:
    minors_seen = [a for a in assessments if a.is_minor]
    assert minors_seen
    for assessment in minors_seen:
        framed = frame(assessment, FramingId.CRIMINAL_LEGAL)
        assert "arresting-victims" in framed.cautions
        assert framed.zone is None
        assert framed.basis is PlacementBasis.NOT_PLACED
        # The status quo's answer is arrest, not the essays' remedy of prosecuting exploiters.
        assert "prosecute-exploiters" not in framed.responses


def test_criminal_legal_spares_an_adult_at_the_choice_end_the_arrest_caution(
    assessments: list[Assessment],
) -> None:
    adults_at_choice = [a for a in assessments if not a.is_minor and a.zone is Zone.CHOICE]
    assert adults_at_choice
    for assessment in adults_at_choice:
        assert "arresting-victims" not in frame(assessment, FramingId.CRIMINAL_LEGAL).cautions


def test_placed_from_outside_agrees_with_the_assessment(assessments: list[Assessment]) -> None:
    for assessment in assessments:
        framed = frame(assessment, FramingId.PLACED_FROM_OUTSIDE)
        assert framed.zone is assessment.zone
        assert framed.basis is PlacementBasis.ASSESSED
        assert not framed.differs_from_assessment
        assert "placing-from-outside" in framed.cautions


def test_one_persona_under_every_framing(assessments: list[Assessment]) -> None:
    views = frame_all(assessments[0])
    assert [v.framing for v in views] == [f.id for f in framings()]
    assert {v.framing for v in views} == set(FramingId)
    for info in framings():
        assert info.misses and info.held_by


@settings(max_examples=40, deadline=None)
@given(persona=personas(), config=configs(), framing_id=st.sampled_from(FramingId))
def test_every_framing_names_only_catalogue_items(
    persona: Persona, config: ModelConfig, framing_id: FramingId
) -> None:
    framed = frame(assess_one(persona, config), framing_id)
    cat = response_catalogue()
    assert set(framed.responses) | set(framed.protections) <= {i.id for i in cat.interventions}
    assert set(framed.cautions) <= {c.id for c in cat.cautions}
    if framing_id is FramingId.ALL_COERCION:
        assert framed.zone is Zone.COERCION
    if framing_id is FramingId.CRIMINAL_LEGAL and persona.is_minor:
        assert "arresting-victims" in framed.cautions
    if framing_id is FramingId.STARTING_WHERE_THEY_ARE and persona.stated_placement is None:
        assert framed.responses[0] == "ask-first"


# ---------------------------------------------------------------- configuration checks


def config_data() -> dict[str, Any]:
    """The default configuration as plain data, ready to edit."""
    return copy.deepcopy(default_config().model_dump(mode="json", exclude_none=True))


def refusals(data: dict[str, Any]) -> list[Problem]:
    with pytest.raises(InputError) as refused:
        parse_config(tomli_w.dumps(data), "edited.toml")
    problems = refused.value.problems
    assert problems
    for problem in problems:
        assert problem.path == "edited.toml"
        assert problem.item == "config"
        assert str(problem) == f"edited.toml: config: {problem.field}: {problem.message}"
    return problems


def test_the_default_config_is_valid_and_edited_data_round_trips() -> None:
    assert parse_config(tomli_w.dumps(config_data()), "copy.toml") == default_config()


@pytest.mark.parametrize(
    ("low_field", "high_field", "value"),
    [
        ("near_choice_upper", "economic_upper", 0.3),  # economic below near-choice
        ("near_choice_upper", "economic_upper", 0.4),  # equal is not rising
        ("economic_upper", "near_coercion_upper", 0.5),
    ],
)
def test_boundaries_must_rise_strictly(low_field: str, high_field: str, value: float) -> None:
    data = config_data()
    changed = "economic_upper" if high_field == "economic_upper" else "near_coercion_upper"
    data["boundaries"][changed] = value
    problems = refusals(data)
    assert [p.field for p in problems] == ["boundaries"]
    # Named as the controls name them, not by their internal field names.
    assert BOUNDARY_LABELS[low_field] in problems[0].message
    assert BOUNDARY_LABELS[high_field] in problems[0].message
    assert "_upper" not in problems[0].message
    assert "must be below" in problems[0].message


def test_a_weight_outside_its_range_is_refused() -> None:
    data = config_data()
    data["weights"]["poverty"]["weight"] = 5.0
    problems = refusals(data)
    assert [p.field for p in problems] == ["weights.poverty"]
    assert "outside its range" in problems[0].message


def test_a_range_beyond_the_maximum_weight_is_refused() -> None:
    data = config_data()
    data["weights"]["force"].update(weight=5.0, range=[1.0, 12.0])
    problems = refusals(data)
    assert [p.field for p in problems] == ["weights.force"]
    assert "range must satisfy 0 <= low <= high <= 10" in problems[0].message


def test_a_partial_file_takes_the_rest_from_the_default() -> None:
    # Only the settings a file names change; a weight given without its range widens the
    # default range to hold it.
    partial = {"weights": {"poverty": {"weight": 1.5}}, "boundaries": {"economic_upper": 0.65}}
    config = config_from_data(partial, "partial.toml")
    assert config.weight("poverty") == 1.5
    assert config.weights["poverty"].range == (0.6, 1.5)
    assert config.boundaries.economic_upper == 0.65
    default = default_config()
    assert config.weights["force"] == default.weights["force"]
    assert config.scoring == default.scoring
    listed = [d.setting for d in config_differences(default, config)]
    assert listed == [
        "boundaries.economic_upper",
        "weights.poverty.weight",
        "weights.poverty.range",
    ]


def test_a_partial_weight_outside_a_range_it_names_is_refused() -> None:
    partial = {"weights": {"poverty": {"weight": 1.5, "range": [0.6, 1.2]}}}
    problems = refusals(partial)
    assert [p.field for p in problems] == ["weights.poverty"]


def test_an_unknown_factor_is_refused_by_name() -> None:
    data = config_data()
    data["weights"]["charisma"] = {"weight": 1.0, "range": [0.5, 1.5]}
    problems = refusals(data)
    assert [p.field for p in problems] == ["weights"]
    assert "unknown factors: charisma" in problems[0].message


def test_a_capital_range_reaching_zero_is_refused() -> None:
    data = config_data()
    data["weights"]["social_capital"].update(range=[0.0, 1.5])
    problems = refusals(data)
    assert [p.field for p in problems] == ["weights"]
    assert "social_capital" in problems[0].message


def test_a_problem_in_one_field_does_not_hide_another() -> None:
    data = config_data()
    data["boundaries"]["economic_upper"] = 0.3
    data["weights"]["poverty"]["weight"] = 99
    assert {p.field for p in refusals(data)} == {"boundaries", "weights.poverty.weight"}


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ((), "colour"),
        (("scoring",), "scoring.colour"),
        (("boundaries",), "boundaries.colour"),
        (("weights", "poverty"), "weights.poverty.colour"),
    ],
)
def test_unknown_fields_are_refused(path: tuple[str, ...], field: str) -> None:
    data = config_data()
    target = data
    for key in path:
        target = target[key]
    target["colour"] = "red"
    problems = refusals(data)
    assert [(p.field, p.message) for p in problems] == [(field, "unknown field")]


def test_capital_lack_must_stay_a_share_of_the_axis() -> None:
    data = config_data()
    data["scoring"]["capital_lack"].update(weight=0.5, range=[0.3, 1.5])
    problems = refusals(data)
    assert [p.field for p in problems] == ["scoring"]
    assert "capital_lack" in problems[0].message


def test_text_that_is_not_toml_is_refused() -> None:
    with pytest.raises(InputError) as refused:
        parse_config("boundaries = [", "broken.toml")
    (problem,) = refused.value.problems
    assert problem.path == "broken.toml"
    assert "not valid TOML" in problem.message


def test_a_missing_config_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as refused:
        model.load_config(tmp_path / "nowhere.toml")
    assert "no such file" in refused.value.problems[0].message


def test_an_uploaded_config_is_checked_like_a_file() -> None:
    data = config_data()
    data["boundaries"]["economic_upper"] = 0.3
    with pytest.raises(InputError) as refused:
        model.load_config_bytes(tomli_w.dumps(data).encode(), "upload.toml")
    assert [(p.path, p.field) for p in refused.value.problems] == [("upload.toml", "boundaries")]
    assert model.load_config_bytes(tomli_w.dumps(config_data()).encode(), "ok.toml") == (
        default_config()
    )


def test_with_weight_widens_the_range_and_leaves_the_original_alone(config: ModelConfig) -> None:
    low, high = config.weights["poverty"].range
    changed = config.with_weight("poverty", high + 1.0)
    assert changed.weight("poverty") == high + 1.0
    assert changed.weights["poverty"].range == (low, high + 1.0)
    assert config.weight("poverty") != high + 1.0
    assert ModelConfig.model_validate(changed.model_dump()) == changed


# ---------------------------------------------------------------- quotes are verbatim


def essay_text_path(repo_root: Path) -> Path | None:
    folder = os.environ.get("SPECTRUM_SOURCES")
    candidates = [Path(folder)] if folder else []
    candidates.append(repo_root.parent / "shared" / "sources")
    for candidate in candidates:
        if (candidate / SOURCE_FILE).is_file():
            return candidate / SOURCE_FILE
    return None


def citations_in(data: Any) -> Iterator[dict[str, Any]]:
    """Every citation-shaped table (one with a ``ref``) anywhere in parsed TOML."""
    if isinstance(data, dict):
        if isinstance(data.get("ref"), str):
            yield data
        for value in data.values():
            yield from citations_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from citations_in(value)


def normalised(text: str) -> str:
    return " ".join(text.split())


def cited_files(repo_root: Path) -> list[Path]:
    return sorted((repo_root / "model" / "data").glob("*.toml")) + sorted(
        (repo_root / "personas").glob("*.toml")
    )


def test_every_quote_is_short(repo_root: Path) -> None:
    quotes = 0
    for file in cited_files(repo_root):
        for citation in citations_in(tomllib.loads(file.read_text(encoding="utf-8"))):
            if "quote" in citation:
                quotes += 1
                assert len(citation["quote"]) <= MAX_QUOTE_CHARS, (file.name, citation["ref"])
    assert quotes > 0


LEDGER = Path(__file__).with_name("verified_quotes.txt")
"""Every quote's line reference and a hash of its text, written when the quotes were checked
against the essays. The essays are not shipped with the repository; the ledger lets any clone
check that no quote was added or edited since that check."""


def quote_entries(repo_root: Path) -> Iterator[tuple[Path, Citation]]:
    for file in cited_files(repo_root):
        for raw in citations_in(tomllib.loads(file.read_text(encoding="utf-8"))):
            citation = Citation.model_validate(raw)
            if citation.quote is not None:
                yield file, citation


def ledger_line(citation: Citation) -> str:
    assert citation.quote is not None
    digest = hashlib.sha256(normalised(citation.quote).encode()).hexdigest()
    return f"{citation.ref} {digest}"


def current_ledger(repo_root: Path) -> list[str]:
    return sorted({ledger_line(c) for _, c in quote_entries(repo_root)})


def test_every_quote_was_checked_against_the_essays(repo_root: Path) -> None:
    # Runs in every clone: a quote added or edited since the last check against the essays has
    # no line in the ledger. Regenerate it (beside the essays) with:
    #   python -m tests.model.test_model
    recorded = set(LEDGER.read_text(encoding="utf-8").split("\n")) - {""}
    unchecked = [
        f"{file.name}: {c.ref}: {c.quote!r}"
        for file, c in quote_entries(repo_root)
        if ledger_line(c) not in recorded
    ]
    assert not unchecked, "quotes never checked against the essays:\n" + "\n".join(unchecked)
    assert len(recorded) >= 50, "the ledger covers the project's quotes"


def check_quotes_against(source: Path, repo_root: Path) -> None:
    """Every quote appears, verbatim up to whitespace, in the essay lines it cites."""
    lines = source.read_text(encoding="utf-8").split("\n")
    checked: dict[str, int] = {}
    for file, citation in quote_entries(repo_root):
        span = citation.lines
        assert span is not None, (file.name, citation.ref)
        first, last = span
        assert last <= len(lines), (file.name, citation.ref)
        passage = normalised(" ".join(lines[first - 1 : last]))
        assert normalised(citation.quote or "") in passage, (
            f"{file.name}: {citation.ref}: quote not found in the cited lines: {citation.quote!r}"
        )
        checked[file.parent.name] = checked.get(file.parent.name, 0) + 1
    # Both the model's data and the personas carry quotes; none may slip through unchecked.
    assert checked.get("data", 0) > 0
    assert checked.get("personas", 0) > 0


def test_every_quote_appears_verbatim_in_its_cited_lines(repo_root: Path) -> None:
    source = essay_text_path(repo_root)
    if source is None:
        pytest.skip(
            f"the essays' text ({SOURCE_FILE}) is not shipped with the repository, so the quotes "
            "are checked against the ledger of an earlier check instead; put the text in "
            "../shared/sources/ beside the repository, or point SPECTRUM_SOURCES at its folder"
        )
    check_quotes_against(source, repo_root)
    # The ledger records exactly this check.
    assert LEDGER.read_text(encoding="utf-8").split("\n")[:-1] == current_ledger(repo_root), (
        "the ledger is stale: run `python -m tests.model.test_model` to rewrite it"
    )


if __name__ == "__main__":
    # Check every quote against the essays, then record the check (run from the repo root).
    root = Path(__file__).resolve().parents[2]
    essays = essay_text_path(root)
    if essays is None:
        raise SystemExit(f"{SOURCE_FILE} not found: the ledger records a check against it")
    check_quotes_against(essays, root)
    LEDGER.write_text("\n".join(current_ledger(root)) + "\n", encoding="utf-8")
    print(f"{LEDGER}: {len(current_ledger(root))} quotes, all found in the essays")


# ---------------------------------------------------------------- grounded personas


def _grounded(**changes: Any) -> dict[str, Any]:
    """The shared builder's persona with capitals too high to need a ``why``: only poverty (0.7)
    does, and it is grounded in the narrative unless ``why`` is given."""
    return persona_data("p-grounded", **LOW_CAPITALS, **changes)


def _load(data: dict[str, Any]) -> PersonaSet:
    return model.load_persona_bytes(as_toml(data), "upload.toml")


def test_a_grounded_persona_loads_without_problems_or_warnings() -> None:
    data = _grounded()
    assert set(data["why"]) == {"poverty"}
    loaded = _load(data)
    assert loaded.ok and not loaded.warnings
    assert loaded.personas[0].why == data["why"]


def test_a_value_that_matters_without_a_why_is_a_problem() -> None:
    loaded = _load(_grounded(why={}))
    assert [(p.item, p.field) for p in loaded.problems] == [("p-grounded", "why.poverty")]
    assert "factors.poverty is 0.7" in loaded.problems[0].message


def test_a_why_must_quote_the_narrative() -> None:
    loaded = _load(_grounded(why={"poverty": "lost her savings at cards"}))
    assert [p.field for p in loaded.problems] == ["why.poverty"]
    assert "narrative" in loaded.problems[0].message


def test_a_why_for_an_unknown_factor_is_a_problem() -> None:
    why = {"poverty": "lost her job", "luck": "her job"}
    loaded = _load(_grounded(why=why))
    assert [p.field for p in loaded.problems] == ["why.luck"]


def test_violence_is_recorded_apart_and_needs_its_why() -> None:
    data = _grounded(violence=0.5)
    assert "violence" in data["why"]
    assert _load(data).ok
    assert "violence" not in _load(data).personas[0].factor_values()
    del data["why"]["violence"]
    assert [p.field for p in _load(data).problems] == ["why.violence"]
    refused = _load(_grounded(factors={**LOW_CAPITALS, "poverty": 0.7, "violence": 1}))
    assert [p.field for p in refused.problems] == ["factors.violence"]


def test_text_that_reads_like_a_case_record_is_accepted_with_a_warning() -> None:
    narrative = NARRATIVE + " She was referred by a caseworker this week."
    loaded = _load(_grounded(narrative=narrative))
    assert loaded.ok
    assert {w.field for w in loaded.warnings} == {"narrative"}
    messages = " ".join(w.message for w in loaded.warnings)
    assert "this week" in messages and "referr" in messages


def test_the_bundled_personas_raise_no_case_record_warnings(bundled_personas: PersonaSet) -> None:
    assert bundled_personas.warnings == []


def test_the_known_drifts_are_mended(assessments: list[Assessment]) -> None:
    by_id = {a.persona_id: a for a in assessments}
    # p13 has hardship and none of L42's personal struggles: not near coercion.
    assert by_id["p13-aged-out-foster"].zone is Zone.ECONOMIC
    # p11's debt bondage is enforced by threats: coercion through force or manipulation.
    assert by_id["p11-rescued-retrafficked"].decisive_control
    personas_by_id = {p.id: p for p in model.load_personas(["personas"]).personas}
    # p12's partner "took control of her money": no economic capital to speak of.
    assert personas_by_id["p12-controlled-adult"].factor_values()["economic_capital"] < 0.2
    # p05 is a composite, not the one teen L64 remembers.
    assert "undocumented" not in personas_by_id["p05-teen-carer"].narrative


def test_no_text_says_coerced_in_law(repo_root: Path) -> None:
    # L48 says youth are "talked about" as coerced for lack of legal agency; the law itself
    # often prosecutes them (L58). "Coerced in law" overstates it.
    folders = ["model", "dashboard", "docs", "personas"]
    for folder in folders:
        for path in (repo_root / folder).rglob("*"):
            if path.suffix in {".py", ".toml", ".md"}:
                assert "coerced in law" not in path.read_text(encoding="utf-8").lower(), path
