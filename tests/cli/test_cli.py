"""The ``spectrum`` command, run in process through ``model.cli.main(argv)``, reading its output.

Exit status 0 when everything was valid, 1 when any input had a problem (one
``path: item: field: message`` line per problem), 2 for a usage error; never a traceback. The
command as a user starts it (``python -m model``, the installed ``spectrum``) is smoke-tested in
``test_smoke.py``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pandas  # type: ignore[import-untyped]
import pytest

import model
from model import ZONES, PersonaSet, Zone, assess, default_config, parse_config, response_catalogue
from model.documents import MAX_FILE_BYTES
from model.explanation import NOTICE, explain
from model.personas import MAX_NARRATIVE
from tests.builders import FACTORS, as_json, as_toml, persona_data
from tests.cli.support import PROBLEM_LINE, Run, run

RECORD_KEYS = {
    "id", "label", "age_band", "minor", "position", "zone", "region", "band", "self_placement",
    "self_zone", "gap", "legal_status", "decisive_control", "contributions",
    "top_contributions", "interval", "zone_probabilities",
    # Added in version 2.
    "reach", "held", "present", "violence", "violence_present", "explanation", "responses",
}  # fmt: skip

GOOD = persona_data("p-good")
"""A valid persona (the shared builder's), written beside each bad file."""
GOOD_TOML = as_toml(GOOD)


def score_json(repo_root: Path, *extra: str) -> dict[str, Any]:
    result = run("score", "personas", "--format", "json", *extra, cwd=repo_root)
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


# ---------------------------------------------------------------- validate


def test_validate_accepts_the_bundled_library(
    repo_root: Path, bundled_personas: PersonaSet
) -> None:
    result = run("validate", "personas", cwd=repo_root)
    assert result.code == 0
    assert result.out == ""
    assert f"valid: {len(bundled_personas.personas)} personas" in result.err


# Each bad input: (case id, file name, content, expected item, expected field, wording). What
# only restates a pydantic constraint of a field (a wrong enum value, a number above its `le`, a
# label over its `max_length`, an empty list under its `min_length`, `inf` under
# `allow_inf_nan=False`) is left to pydantic; these are the project's own readers and rules.
Builder = Callable[[], bytes]

BAD_INPUTS: list[tuple[str, str, Builder, str, str, str]] = [
    ("empty", "empty.toml", lambda: b"", "-", "-", "file is empty"),
    ("blank", "blank.json", lambda: b"  \n\n ", "-", "-", "file is empty"),
    ("binary", "binary.toml", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "-", "-", "binary"),
    ("malformed-toml", "malformed.toml", lambda: b'id = "p-unfinished\nlabel = 3\n', "-", "-",
     "not valid TOML"),
    ("truncated-json", "truncated.json", lambda: as_json(persona_data("p-cut"))[:120], "-", "-",
     "not valid JSON"),
    # Strict: a factor is a number, never a string that looks like one.
    ("string-number", "string-number.json",
     lambda: as_json(persona_data("p-string-number", poverty="0.5")),
     "p-string-number", "factors.poverty", "valid number"),
    ("nan-self-placement", "nan.toml",
     lambda: as_toml(persona_data("p-nan", self_placement=math.nan)), "p-nan", "self_placement",
     "must be a number"),
    # JSON's reader takes the NaN that JSON itself does not allow; the model refuses it.
    ("nan-json-factor", "nan.json", lambda: as_json(persona_data("p-nan-json", poverty=math.nan)),
     "p-nan-json", "factors.poverty", "finite"),
    ("out-of-range-self-placement", "self-range.toml",
     lambda: as_toml(persona_data("p-self-range", self_placement=-0.2)), "p-self-range",
     "self_placement", "must be a number from 0"),
    ("unknown-field", "unknown.json", lambda: as_json(persona_data("p-unknown", colour="red")),
     "p-unknown", "colour", "unknown field"),
    ("unknown-factor", "unknown-factor.json",
     lambda: as_json(persona_data("p-unknown-factor", factors={**FACTORS, "charisma": 0.5})),
     "p-unknown-factor", "factors.charisma", "unknown field"),
    ("name-field", "named.json", lambda: as_json(persona_data("p-named", name="Jane")),
     "p-named", "name", "personas have no name field"),
    ("duplicate-id-in-file", "pair.json",
     lambda: as_json({"personas": [persona_data("p-twin"), persona_data("p-twin")]}),
     "p-twin", "id", "duplicate id"),
    ("duplicate-id-across-files", "zz-copy.toml", lambda: GOOD_TOML, GOOD["id"], "id",
     "duplicate id (first defined in"),
    ("over-1-mb", "huge.toml",
     lambda: as_toml(persona_data("p-huge")) + b"\n#" + b"x" * (MAX_FILE_BYTES + 10) + b"\n",
     "-", "-", "the limit is"),
    ("absurd-narrative", "long-narrative.json",
     lambda: as_json(persona_data("p-long-narrative", narrative="word " * 100_000)),
     "p-long-narrative", "narrative", f"at most {MAX_NARRATIVE} characters"),
    ("not-utf-8", "latin1.toml",
     lambda: as_toml(persona_data("p-latin1")).replace(b"fictional", b"fict\xedonal"),
     "-", "-", "not UTF-8"),
    ("json-top-level-array", "array.json", lambda: as_json([persona_data("p-array")]), "-", "-",
     "top level must be a table/object"),
    ("json-duplicate-keys", "dup-keys.json",
     lambda: as_json(persona_data("p-dup-keys")).replace(b'"label":', b'"id": "x", "label":', 1),
     "-", "-", "duplicate key 'id'"),
    ("deeply-nested", "deep.json", lambda: b"[" * 100_000 + b"]" * 100_000, "-", "-",
     "nested too deeply"),
]  # fmt: skip

# Cases whose file also holds a valid persona (the first of two sharing an id).
ALSO_VALID = {"duplicate-id-in-file": 1}


def write_bad(folder: Path, case: tuple[str, str, Builder, str, str, str]) -> Path:
    _, name, build, *_ = case
    path = folder / name
    path.write_bytes(build())
    return path


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_validate_reports_each_bad_input_without_hiding_good_ones(
    case: tuple[str, str, Builder, str, str, str], tmp_path: Path
) -> None:
    _, _, _, item, field, wording = case
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "good.toml").write_bytes(GOOD_TOML)
    bad = write_bad(folder, case)

    result = run("validate", folder, cwd=tmp_path)

    assert result.code == 1
    lines = result.problem_lines()
    assert len(lines) == len(result.out.splitlines()), result.out  # every line is a problem
    assert lines, result.out
    assert all(m["path"] == str(bad) for m in lines), result.out  # the good file is not named
    assert any(
        m["item"] == item and m["field"] == field and wording in m["message"] for m in lines
    ), result.out
    # The good file was still read and checked.
    valid = 1 + ALSO_VALID.get(case[0], 0)
    assert f"; {valid} personas valid" in result.err


def test_validate_checks_every_file_in_one_call(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = folder / "good.toml"
    good.write_bytes(GOOD_TOML)
    bad = {case[1]: write_bad(folder, case) for case in BAD_INPUTS}

    result = run("validate", folder, cwd=tmp_path)

    assert result.code == 1
    lines = result.problem_lines()
    assert len(lines) == len(result.out.splitlines())
    named = {m["path"] for m in lines}
    assert named == {str(path) for path in bad.values()}
    assert str(good) not in named
    valid = 1 + sum(ALSO_VALID.values())
    assert f"{len(lines)} problems; {valid} personas valid" in result.err


def test_a_persona_with_several_bad_fields_gets_one_line_each(tmp_path: Path) -> None:
    path = tmp_path / "several.json"
    path.write_bytes(
        as_json(
            persona_data("p-several", age_band="teen", self_placement=2, poverty=-1, colour="red")
        )
    )
    result = run("validate", path, cwd=tmp_path)
    assert result.code == 1
    fields = sorted(m["field"] for m in result.problem_lines())
    assert fields == ["age_band", "colour", "factors.poverty", "self_placement"]
    assert {m["item"] for m in result.problem_lines()} == {"p-several"}


def test_an_unsupported_file_type_named_on_the_command_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "persona.yaml"
    path.write_bytes(GOOD_TOML)
    good = tmp_path / "good.toml"
    good.write_bytes(GOOD_TOML)
    result = run("validate", path, good, cwd=tmp_path)
    assert result.code == 1
    (line,) = result.problem_lines()
    assert line["path"] == str(path)
    assert "unsupported file type '.yaml'" in line["message"]
    assert "1 personas valid" in result.err


def test_a_path_that_does_not_exist_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "missing", cwd=tmp_path)
    assert result.code == 1
    (line,) = result.problem_lines()
    assert line["path"] == str(tmp_path / "missing")
    assert "no such file or folder" in line["message"]


def test_an_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("validate", "empty", cwd=tmp_path)
    assert result.code == 1
    assert "holds no .toml or .json files" in result.out


def test_without_a_path_the_bundled_personas_are_read_from_anywhere(tmp_path: Path) -> None:
    # Installed, or run outside a clone, the commands still find the personas they ship with.
    result = run("validate", cwd=tmp_path)
    assert result.code == 0
    assert "valid: 15 personas" in result.err
    scored = run("score", cwd=tmp_path)
    assert scored.code == 0 and "p10-pimp-controlled-youth" in scored.out


def test_a_subcommand_is_needed(tmp_path: Path) -> None:
    result = run(cwd=tmp_path)
    assert result.code == 2
    assert "usage:" in result.err


# ---------------------------------------------------------------- score


def test_score_json_document(repo_root: Path, bundled_personas: PersonaSet) -> None:
    document = score_json(repo_root)
    assert document["format"] == "ccc-spectrum/score"
    assert document["version"] == 2
    assert document["notice"] == NOTICE
    assert document["monte_carlo"] is None
    assert document["zones"] == [z.value for z in ZONES]
    assert document["factors"] == list(model.factor_catalogue().ids)
    records = document["personas"]
    expected = assess(bundled_personas.personas, default_config())
    assert [r["id"] for r in records] == [a.persona_id for a in expected]
    for record, assessment in zip(records, expected, strict=True):
        assert set(record) >= RECORD_KEYS, RECORD_KEYS - set(record)
        # JSON floats round-trip exactly: the command reports what the model computes.
        assert record["position"] == assessment.position
        assert record["zone"] == assessment.zone.value
        assert record["region"] == Zone(record["zone"]).region.value
        assert record["band"] == (record["zone"] if Zone(record["zone"]).in_circumstance else None)
        assert record["minor"] is assessment.is_minor
        assert record["legal_status"] == assessment.legal_status.value
        assert record["legal_status"] in ("minor_lacks_legal_agency", "adult")
        assert record["decisive_control"] is assessment.decisive_control
        assert record["reach"] == assessment.reach.value
        assert record["held"] is assessment.held
        assert record["violence"] == assessment.violence
        assert record["violence_present"] is assessment.violence_present
        assert record["explanation"] == explain(assessment)
        # Violence is recorded apart: never a factor, never a contribution (L70).
        assert "violence" not in record["contributions"]
        assert set(record["contributions"]) == set(document["factors"])
        assert record["self_placement"] == assessment.self_placement
        assert record["gap"] == assessment.gap
        assert math.fsum(record["contributions"].values()) == pytest.approx(
            record["position"], abs=1e-9
        )
        tops = [t["value"] for t in record["top_contributions"]]
        assert tops == sorted(tops, reverse=True)
        assert record["interval"] is None
        assert record["zone_probabilities"] is None


def test_score_with_samples_is_reproducible_and_fills_the_uncertainty(repo_root: Path) -> None:
    def sampled(seed: int) -> Run:
        return run("score", "personas", "--format", "json", "--samples", "200", "--seed",
                   str(seed), cwd=repo_root)  # fmt: skip

    first = sampled(3)
    again = sampled(3)
    assert first.code == again.code == 0
    assert first.out == again.out
    document = json.loads(first.out)
    assert document["monte_carlo"]["samples"] == 200
    assert document["monte_carlo"]["seed"] == 3
    for record in document["personas"]:
        interval = record["interval"]
        assert 0.0 <= interval["low"] <= interval["median"] <= interval["high"] <= 1.0
        assert 0.0 < interval["level"] < 1.0
        probabilities = record["zone_probabilities"]
        assert set(probabilities) == {z.value for z in ZONES}
        assert math.fsum(probabilities.values()) == pytest.approx(1.0, abs=1e-12)
    other_seed = json.loads(sampled(4).out)
    # Positions do not depend on the seed; the sampled intervals do.
    assert [r["position"] for r in other_seed["personas"]] == [
        r["position"] for r in document["personas"]
    ]
    assert [r["interval"] for r in other_seed["personas"]] != [
        r["interval"] for r in document["personas"]
    ]


def test_score_table_lists_every_persona(repo_root: Path, bundled_personas: PersonaSet) -> None:
    result = run("score", "personas", cwd=repo_root)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == NOTICE
    assert lines[1] == ""
    assert lines[2].split()[:4] == ["ID", "Label", "Age", "band"]
    for persona in bundled_personas.personas:
        assert sum(line.startswith(persona.id + " ") for line in lines) == 1, persona.id
    assert "Pos: 0 = choice, 1 = coercion" in result.out
    with_samples = run("score", "personas", "--samples", "50", cwd=repo_root)
    assert with_samples.out.splitlines()[0] == NOTICE
    assert "Interval" in with_samples.out.splitlines()[2]


def test_score_csv_reads_back_with_the_standard_library(
    repo_root: Path, bundled_personas: PersonaSet
) -> None:
    result = run("score", "personas", "--format", "csv", "--samples", "100", cwd=repo_root)
    assert result.code == 0
    rows = list(csv.DictReader(io.StringIO(result.out)))
    by_id = bundled_personas.by_id()
    assert [row["id"] for row in rows] == [p.id for p in bundled_personas.personas]
    expected = {a.persona_id: a for a in assess(bundled_personas.personas, default_config())}
    factor_ids = model.factor_catalogue().ids
    for row in rows:
        persona = by_id[row["id"]]
        assert float(row["position"]) == expected[row["id"]].position
        for column in ("interval_low", "interval_median", "interval_high", "p_coercion"):
            assert 0.0 <= float(row[column]) <= 1.0
        contributions = [float(row[f"contribution_{f}"]) for f in factor_ids]
        assert math.fsum(contributions) == pytest.approx(float(row["position"]), abs=1e-9)
        assert row["minor"] in ("TRUE", "FALSE")
        assert (row["minor"] == "TRUE") is persona.is_minor
        if persona.stated_placement is None:
            assert row["self_placement"] == ""
            assert row["gap"] == ""
            assert row["self_zone"] == ""
        else:
            assert float(row["self_placement"]) == persona.stated_placement
            assert float(row["gap"]) == pytest.approx(
                float(row["position"]) - persona.stated_placement, abs=1e-15
            )
    assert any(p.stated_placement is None for p in bundled_personas.personas)

    frame = pandas.read_csv(io.StringIO(result.out))
    assert len(frame) == len(rows)
    assert frame["position"].dtype.kind == "f"
    assert frame["self_placement"].dtype.kind == "f"
    silent = [p.id for p in bundled_personas.personas if p.stated_placement is None]
    assert frame.loc[frame["id"].isin(silent), "self_placement"].isna().all()
    assert frame["minor"].dtype == bool


def test_score_with_an_edited_config_moves_positions(
    repo_root: Path, tmp_path: Path, bundled_personas: PersonaSet
) -> None:
    edited = default_config().with_weight("poverty", 3.0)
    path = tmp_path / "heavier-poverty.toml"
    model.save_config(edited, path)
    document = score_json(repo_root, "--config", str(path))
    baseline = {r["id"]: r["position"] for r in score_json(repo_root)["personas"]}
    assert document["config"]["source"] == str(path)
    expected = {a.persona_id: a.position for a in assess(bundled_personas.personas, edited)}
    poverty = {p.id: p.factor_values()["poverty"] for p in bundled_personas.personas}
    for record in document["personas"]:
        pid = record["id"]
        assert record["position"] == expected[pid]
        # Poverty weighs more: nobody moves toward choice, and without poverty nobody moves.
        assert record["position"] >= baseline[pid]
        if poverty[pid] == 0.0:
            assert record["position"] == baseline[pid]
    assert any(record["position"] > baseline[record["id"]] for record in document["personas"])


def test_score_refuses_an_invalid_config_with_one_line(repo_root: Path, tmp_path: Path) -> None:
    text = model.dump_config(default_config()).replace(
        "economic_upper = 0.6", "economic_upper = 0.3"
    )
    path = tmp_path / "bad-config.toml"
    path.write_text(text, encoding="utf-8")
    result = run("score", "personas", "--config", path, cwd=repo_root)
    assert result.code == 1
    assert result.out == ""
    (line,) = result.err.splitlines()
    match = PROBLEM_LINE.match(line)
    assert match is not None, line
    assert (match["path"], match["item"], match["field"]) == (str(path), "config", "boundaries")
    assert "Circumstance: economic ends at" in match["message"]


def test_score_reports_bad_personas_but_scores_the_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_bytes(GOOD_TOML)
    bad = tmp_path / "bad.toml"
    bad.write_text("id = ", encoding="utf-8")
    result = run("score", good, bad, "--format", "json", cwd=tmp_path)
    assert result.code == 1
    assert [m["path"] for m in result.problem_lines("err")] == [str(bad)]
    assert len(json.loads(result.out)["personas"]) == 1


@pytest.mark.parametrize(
    ("option", "value", "wording"),
    [
        ("--samples", "0", "must be between 1 and"),
        ("--samples", "abc", "not a whole number"),
        ("--samples", "2000000", "must be between 1 and"),
        ("--seed", "-1", "must be 0 or more"),
        ("--format", "xml", "invalid choice"),
    ],
)
def test_score_usage_errors(repo_root: Path, option: str, value: str, wording: str) -> None:
    result = run("score", "personas", option, value, cwd=repo_root)
    assert result.code == 2
    assert result.out == ""
    assert "usage:" in result.err
    assert wording in result.err


# ---------------------------------------------------------------- interventions


def titles(items: list[Any]) -> set[str]:
    return {item.title for item in items}


def test_interventions_with_no_argument_lists_every_zone(repo_root: Path) -> None:
    result = run("interventions", cwd=repo_root)
    assert result.code == 0
    for zone in ZONES:
        assert f"{zone.label} ({zone.value})" in result.out
    assert "Everywhere on the spectrum" in result.out
    cat = response_catalogue()
    for title in titles(list(cat.interventions)) | titles(list(cat.cautions)):
        assert title in result.out


def test_interventions_for_one_zone(repo_root: Path) -> None:
    result = run("interventions", "economic", cwd=repo_root)
    assert result.code == 0
    cat = response_catalogue()
    assert result.out.startswith(f"{NOTICE}\n\n{Zone.ECONOMIC.label} (economic)")
    for title in titles(cat.for_zone(Zone.ECONOMIC)):
        assert title in result.out
    for title in titles(cat.for_zone(Zone.COERCION)) - titles(cat.for_zone(Zone.ECONOMIC)):
        assert title not in result.out
    # Each item is shown with its citation.
    assert re.search(r"- L\d+", result.out)


def test_interventions_for_circumstance_shows_its_three_bands(repo_root: Path) -> None:
    result = run("interventions", "circumstance", cwd=repo_root)
    assert result.code == 0
    headings = [z for z in ZONES if f"{z.label} ({z.value})" in result.out]
    assert headings == [Zone.NEAR_CHOICE, Zone.ECONOMIC, Zone.NEAR_COERCION]


def test_interventions_everywhere(repo_root: Path) -> None:
    result = run("interventions", "everywhere", cwd=repo_root)
    assert result.code == 0
    cat = response_catalogue()
    for title in titles(cat.guidance) | titles(cat.general_cautions):
        assert title in result.out
    for title in titles(cat.for_zone(Zone.COERCION)):
        assert title not in result.out


def test_interventions_for_a_minor_include_coercions(
    repo_root: Path, tmp_path: Path, bundled_personas: PersonaSet
) -> None:
    assessments = assess(bundled_personas.personas, default_config())
    minor = next(a for a in assessments if a.is_minor and a.zone is not Zone.COERCION)
    result = run(
        "interventions", minor.persona_id, "--personas", repo_root / "personas", cwd=tmp_path
    )
    assert result.code == 0
    assert result.out.startswith(f"{NOTICE}\n\n{minor.persona_id}: ")
    assert "lacks legal agency" in result.out
    assert "coerced in law" not in result.out
    # Whatever they say, a minor's protections hold the responses for coercion (L48).
    protections = result.out.split("Protections, whatever they say", 1)[1].split("\nCautions")[0]
    support = next(i for i in response_catalogue().interventions if i.id == "support-not-punish")
    assert re.search(
        rf"{re.escape(support.title)} .*a minor: treated as coerced whatever they say", protections
    )


def test_interventions_for_a_persona_from_the_default_folder(
    repo_root: Path, bundled_personas: PersonaSet
) -> None:
    persona = bundled_personas.personas[0]
    result = run("interventions", persona.id, cwd=repo_root)
    assert result.code == 0
    assert persona.label in result.out


def test_interventions_refuses_an_unknown_word(repo_root: Path) -> None:
    result = run("interventions", "rescue", "--personas", "personas", cwd=repo_root)
    assert result.code == 1
    assert result.out == ""
    assert "'rescue' is neither a zone" in result.err
    assert "region" not in result.err
    assert "personas" in result.err


# ---------------------------------------------------------------- schema and config


def test_schema_persona_describes_every_persona_field(repo_root: Path) -> None:
    result = run("schema", "persona", cwd=repo_root)
    assert result.code == 0
    schema = json.loads(result.out)
    persona_schema = schema["$defs"]["Persona"]
    assert set(persona_schema["properties"]) == set(model.Persona.model_fields)
    assert "name" not in persona_schema["properties"]
    assert persona_schema.get("additionalProperties") is False


def test_bundled_personas_conform_to_the_printed_schema(repo_root: Path) -> None:
    schema = json.loads(run("schema", "persona", cwd=repo_root).out)
    validator = jsonschema.Draft202012Validator(schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted((repo_root / "personas").glob("*.toml"))
    assert files
    for file in files:
        errors = list(validator.iter_errors(tomllib.loads(file.read_text(encoding="utf-8"))))
        assert errors == [], (file.name, [e.message for e in errors])
    assert list(validator.iter_errors({"id": "p-x", "name": "Jane"}))


def test_schema_config_accepts_the_default_config(repo_root: Path) -> None:
    result = run("schema", "config", cwd=repo_root)
    assert result.code == 0
    schema = json.loads(result.out)
    assert {"boundaries", "scoring", "weights"} <= set(schema["properties"])
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    data = default_config().model_dump(mode="json", exclude_none=True)
    assert list(validator.iter_errors(data)) == []
    data["boundaries"]["colour"] = "red"
    assert list(validator.iter_errors(data))


def test_schema_needs_a_known_kind(repo_root: Path) -> None:
    result = run("schema", "spreadsheet", cwd=repo_root)
    assert result.code == 2
    assert "invalid choice" in result.err


def test_config_prints_toml_that_round_trips(tmp_path: Path) -> None:
    result = run("config", cwd=tmp_path)
    assert result.code == 0
    tomllib.loads(result.out)  # parses as TOML
    parsed = parse_config(result.out, "printed.toml")
    assert parsed == default_config()
    assert parse_config(model.dump_config(parsed), "again.toml") == parsed
    # The printed file documents its numbers: comments cite the essays.
    assert re.search(r"#.*\(L\d+\)", result.out)


def test_no_command_is_a_usage_error(tmp_path: Path) -> None:
    result = run(cwd=tmp_path)
    assert result.code == 2
    assert "usage:" in result.err
    # The help says what the tool is not (DOMAIN.md: "must say so where people use it").
    help_text = " ".join(run("--help", cwd=tmp_path).out.split())
    assert "never a screening or identification tool for real people" in help_text
