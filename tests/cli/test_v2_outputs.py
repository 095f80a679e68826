"""What model v2 adds to the command's outputs: the notice everywhere, the two layers of response,
the legal status said as the essays say it (L48), violence recorded apart (L70), and warnings for
text that reads like a real case record.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pandas  # type: ignore[import-untyped]
import pytest

import model
from model import PersonaSet, Zone, assess, default_config, plan_for, response_catalogue
from model.explanation import NOTICE
from model.personas import NOT_STATED
from model.report import csv_columns
from tests.builders import NARRATIVE, as_json, persona_data
from tests.cli.support import run

LAYERS = ("starting", "protections", "cautions", "guidance")
NEW_CSV_COLUMNS = (
    "reach", "held", "violence", "violence_present", "explanation", "starting_zone",
    "starting_basis", "responses_starting", "responses_protections", "cautions",
)  # fmt: skip


@pytest.fixture(scope="module")
def document(repo_root: Path) -> dict[str, Any]:
    result = run("score", "personas", "--format", "json", cwd=repo_root)
    assert result.code == 0, result.err
    loaded: dict[str, Any] = json.loads(result.out)
    return loaded


@pytest.fixture(scope="module")
def json_text(repo_root: Path) -> str:
    result = run("score", "personas", "--format", "json", "--samples", "50", cwd=repo_root)
    assert result.code == 0, result.err
    return result.out


@pytest.fixture(scope="module")
def assessments(bundled_personas: PersonaSet) -> dict[str, model.Assessment]:
    return {a.persona_id: a for a in assess(bundled_personas.personas, default_config())}


def ids(items: list[dict[str, str]]) -> list[str]:
    return [item["id"] for item in items]


def not_stated_copy(tmp_path: Path) -> tuple[Path, str]:
    """A persona file whose self-placement is not stated."""
    path = tmp_path / "silent.json"
    path.write_bytes(as_json(persona_data("p-silent", self_placement=NOT_STATED)))
    return path, "p-silent"


# ---------------------------------------------------------------- JSON


def test_json_v2_carries_the_notice_and_both_layers_for_every_persona(
    document: dict[str, Any], assessments: dict[str, model.Assessment]
) -> None:
    assert document["version"] == 2
    assert document["notice"] == NOTICE
    config = default_config()
    assert document["config"]["presence"] == config.scoring.presence
    assert document["config"]["decisive_threshold"] == config.scoring.decisive_threshold
    assert document["personas"]
    for record in document["personas"]:
        assessment = assessments[record["id"]]
        plan = plan_for(assessment)
        responses = record["responses"]
        for layer in LAYERS:
            assert isinstance(responses[layer], list), (record["id"], layer)
            for item in responses[layer]:
                assert set(item) == {"id", "title", "reason"}
                assert item["reason"]
        # The first layer always holds something: their zone's responses, or asking first.
        assert responses["starting"], record["id"]
        assert ids(responses["starting"]) == [a.item.id for a in plan.starting]
        assert ids(responses["protections"]) == [a.item.id for a in plan.protections]
        assert ids(responses["cautions"]) == [a.item.id for a in plan.cautions]
        assert ids(responses["guidance"]) == [a.item.id for a in plan.guidance]
        # Starting where they are: their own zone when stated, never overwritten (L50).
        own = record["self_zone"] if record["self_zone"] is not None else record["zone"]
        assert responses["starting_zone"] == own
        assert responses["basis"] == plan.basis.value
        assert responses["ask_first"] is (record["self_placement"] is None)
        assert responses["starting_label"] == plan.starting_label
        # present lists the three kinds that can be present, from the assessment.
        assert set(record["present"]) == {"hardship", "struggle", "control"}
        for kind, present in record["present"].items():
            assert present == list(assessment.present.get(model.FactorKind(kind), ()))
        assert record["reach"] in {r.value for r in model.Reach}
        assert isinstance(record["held"], bool)
        assert record["explanation"].endswith(".")


def test_force_or_manipulation_is_what_makes_control_decisive(document: dict[str, Any]) -> None:
    for record in document["personas"]:
        decisive = record["reach"] == "force_or_manipulation"
        assert record["decisive_control"] is decisive
        if decisive:
            assert record["zone"] == "coercion"
            assert {"force", "manipulation"} & set(record["present"]["control"])
        else:
            assert record["zone"] != "coercion"


def test_a_minors_protections_hold_the_responses_for_coercion(
    document: dict[str, Any], json_text: str
) -> None:
    coercion = [i.id for i in response_catalogue().for_zone(Zone.COERCION)]
    minors = [r for r in document["personas"] if r["minor"]]
    assert minors
    for record in minors:
        assert record["legal_status"] == "minor_lacks_legal_agency"
        responses = record["responses"]
        held = set(ids(responses["protections"])) | set(ids(responses["starting"]))
        # Whatever they say of themselves, every response for coercion applies (L48).
        assert set(coercion) <= held, record["id"]
        assert set(coercion) - set(ids(responses["starting"])) <= set(ids(responses["protections"]))
        assert "arresting-victims" in ids(responses["cautions"])
    assert any(
        "treated as coerced" in item["reason"]
        for record in minors
        for item in record["responses"]["protections"]
    )
    # The law's view is said as the essays say it, never "coerced in law".
    assert "coerced in law" not in json_text.lower()
    assert "coerced_in_law" not in json_text.lower()


def test_violence_is_recorded_apart_and_brings_support(
    document: dict[str, Any], assessments: dict[str, model.Assessment]
) -> None:
    assert "violence" not in document["factors"]
    met = [r for r in document["personas"] if r["violence_present"]]
    assert met
    for record in document["personas"]:
        assert "violence" not in record["contributions"]
        assert record["violence"] == assessments[record["id"]].violence
    for record in met:
        responses = record["responses"]
        every = {i for layer in ("starting", "protections") for i in ids(responses[layer])}
        assert "safety-from-violence" in every
        assert "violence" in record["explanation"]


def test_a_persona_who_has_not_said_is_asked_first(
    document: dict[str, Any], tmp_path: Path
) -> None:
    silent = [r for r in document["personas"] if r["self_placement"] is None]
    path, pid = not_stated_copy(tmp_path)
    result = run("score", path, "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    (made,) = json.loads(result.out)["personas"]
    assert made["id"] == pid
    for record in [*silent, made]:
        responses = record["responses"]
        assert responses["ask_first"] is True
        assert responses["basis"] == "assessed_stand_in"
        assert responses["starting"][0]["id"] == "ask-first"
        # Meanwhile the assessed zone stands in, labelled as such.
        assert responses["starting_zone"] == record["zone"]
        assert responses["starting_label"].startswith("Not stated: ask first")


# ---------------------------------------------------------------- CSV


def test_csv_reads_with_pandas_and_carries_the_new_columns_and_the_notice(
    repo_root: Path, document: dict[str, Any]
) -> None:
    result = run("score", "personas", "--format", "csv", cwd=repo_root)
    assert result.code == 0, result.err
    frame = pandas.read_csv(io.StringIO(result.out), keep_default_na=False, na_values=[""])
    records = {r["id"]: r for r in document["personas"]}
    assert list(frame.columns) == csv_columns(document["factors"], document["zones"])
    assert set(NEW_CSV_COLUMNS) <= set(frame.columns)
    assert frame.columns[-1] == "notice"
    assert (frame["notice"] == NOTICE).all()
    assert len(frame) == len(records)
    for column in ("held", "violence_present", "ask_first", "decisive_control", "minor"):
        assert frame[column].dtype == bool, column
    assert frame["violence"].dtype.kind == "f"

    def joined(items: list[dict[str, str]]) -> Any:
        return ";".join(ids(items)) or pandas.NA

    for row in frame.to_dict("records"):
        record = records[row["id"]]
        responses = record["responses"]
        assert row["reach"] == record["reach"]
        assert row["held"] == record["held"]
        assert row["violence"] == record["violence"]
        assert row["violence_present"] == record["violence_present"]
        assert row["explanation"] == record["explanation"]
        assert row["legal_status"] == record["legal_status"]
        assert row["starting_zone"] == responses["starting_zone"]
        assert row["starting_basis"] == responses["basis"]
        for column, layer in (
            ("responses_starting", "starting"),
            ("responses_protections", "protections"),
            ("cautions", "cautions"),
            ("responses_guidance", "guidance"),
        ):
            expected = joined(responses[layer])
            if expected is pandas.NA:
                assert pandas.isna(row[column]), (row["id"], column)
            else:
                assert row[column] == expected, (row["id"], column)
        if responses["ask_first"]:
            assert row["responses_starting"].startswith("ask-first;")
        for kind in ("hardship", "struggle", "control"):
            value = row[f"present_{kind}"]
            present = ";".join(record["present"][kind])
            assert (value if isinstance(value, str) else "") == present


def test_csv_keeps_the_notice_with_one_persona_and_with_samples(tmp_path: Path) -> None:
    path, pid = not_stated_copy(tmp_path)
    result = run("score", path, "--format", "csv", "--samples", "20", cwd=tmp_path)
    assert result.code == 0, result.err
    frame = pandas.read_csv(io.StringIO(result.out))
    assert list(frame["id"]) == [pid]
    assert list(frame["notice"]) == [NOTICE]
    assert frame["ask_first"].dtype == bool
    assert bool(frame.loc[0, "ask_first"])
    assert frame.loc[0, "starting_basis"] == "assessed_stand_in"


# ---------------------------------------------------------------- table


def test_the_table_says_what_the_tool_is_and_how_the_law_sees_minors(
    repo_root: Path, document: dict[str, Any]
) -> None:
    result = run("score", "personas", cwd=repo_root)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == NOTICE
    assert "coerced in law" not in result.out
    rows = {line.split()[0]: line for line in lines[4:] if line.startswith("p")}
    for record in document["personas"]:
        row = rows[record["id"]]
        assert ("minor: lacks legal agency" in row) is record["minor"]
        assert ("⚑" in row) is record["decisive_control"]
        assert (f"V {record['violence']:.2f}" in row) is record["violence_present"]
    assert "⚑ force or manipulation at the threshold placed this persona in coercion" in result.out
    assert "V = violence recorded" in result.out
    assert "never moves the position" in result.out
    assert "treated as coerced" in result.out


# ---------------------------------------------------------------- interventions


@pytest.mark.parametrize(
    "target", [None, "economic", "circumstance", "everywhere", "p10-pimp-controlled-youth"]
)
def test_every_interventions_listing_begins_with_the_notice(
    repo_root: Path, target: str | None
) -> None:
    result = run("interventions", *([target] if target else []), cwd=repo_root)
    assert result.code == 0, result.err
    assert result.out.startswith(NOTICE + "\n")


def test_interventions_for_a_persona_show_both_layers(
    repo_root: Path, assessments: dict[str, model.Assessment]
) -> None:
    pid = "p10-pimp-controlled-youth"
    result = run("interventions", pid, cwd=repo_root)
    assert result.code == 0, result.err
    out = result.out
    plan = plan_for(assessments[pid])
    starting = f"Starting where they are — {plan.starting_label}"
    protections = "Protections, whatever they say"
    assert starting in out.splitlines()
    assert protections in out.splitlines()
    why = out.index("Why: ")
    assert why < out.index(starting) < out.index(protections) < out.index("\nCautions\n")
    assert "coerced in law" not in out
    assert "lacks legal agency" in out
    first = out[out.index(starting) : out.index(protections)]
    second = out[out.index(protections) : out.index("\nCautions\n")]
    for applicable in plan.starting:
        assert applicable.item.title in first
    for applicable in plan.protections:
        assert applicable.item.title in second
        assert applicable.reason in second
    # Every item comes with its passages.
    assert "- L58, " in second


def test_interventions_for_a_silent_persona_ask_first(tmp_path: Path) -> None:
    path, pid = not_stated_copy(tmp_path)
    result = run("interventions", pid, "--personas", path, cwd=tmp_path)
    assert result.code == 0, result.err
    assert "their own place: not stated" in result.out
    heading = next(line for line in result.out.splitlines() if line.startswith("Starting where"))
    assert "ask first" in heading
    after = result.out.split(heading, 1)[1].lstrip("\n")
    ask = response_catalogue().intervention("ask-first")
    assert after.startswith(f"  * {ask.title}")


def test_a_zone_says_which_interventions_apply_whatever_a_person_says(repo_root: Path) -> None:
    result = run("interventions", "economic", cwd=repo_root)
    assert result.code == 0, result.err
    heads = {line for line in result.out.splitlines() if line.startswith("  * ")}
    for item in response_catalogue().for_zone(Zone.ECONOMIC):
        (head,) = [h for h in heads if h.startswith(f"  * {item.title} [")]
        assert ("offered whatever they say" in head) is item.follows_assessment, item.id
    assert any(i.follows_assessment for i in response_catalogue().for_zone(Zone.ECONOMIC))
    assert "Cautions:" in result.out


def test_interventions_say_zone_not_region(repo_root: Path) -> None:
    usage = run("interventions", "--help", cwd=repo_root)
    assert "ZONE|PERSONA-ID" in usage.out
    assert "region" not in usage.out.lower()


# ---------------------------------------------------------------- warnings


def test_validate_warns_of_case_record_text_and_still_exits_0(tmp_path: Path) -> None:
    data = persona_data("p-recent", narrative=NARRATIVE + " She changed her number this week.")
    path = tmp_path / "recent.json"
    path.write_bytes(as_json(data))

    result = run("validate", path, cwd=tmp_path)

    assert result.code == 0, result.err
    assert result.out == ""
    (warning,) = result.warning_lines()
    assert (warning["path"], warning["item"], warning["field"]) == (
        str(path),
        "p-recent",
        "narrative",
    )
    assert "this week" in warning["message"]
    assert result.problem_lines("err") == []
    assert "valid: 1 personas in 1 files; 1 warnings" in result.err

    # Scoring warns the same way, on stderr, and still scores and exits 0.
    scored = run("score", path, "--format", "json", cwd=tmp_path)
    assert scored.code == 0
    assert [w["item"] for w in scored.warning_lines()] == ["p-recent"]
    assert json.loads(scored.out)["personas"][0]["id"] == "p-recent"


def test_warnings_do_not_hide_problems(tmp_path: Path) -> None:
    warned = persona_data("p-recent", narrative=NARRATIVE + " Seen this week.")
    broken = persona_data("p-broken", age_band="teen")
    (tmp_path / "recent.json").write_bytes(as_json(warned))
    (tmp_path / "broken.json").write_bytes(as_json(broken))

    result = run("validate", tmp_path, cwd=tmp_path)

    assert result.code == 1
    assert [m["item"] for m in result.problem_lines()] == ["p-broken"]
    assert [w["item"] for w in result.warning_lines()] == ["p-recent"]
    assert "1 problems; 1 personas valid; 1 warnings" in result.err


# ---------------------------------------------------------------- switched-off factors


def test_switching_force_and_manipulation_off_does_not_crash(
    repo_root: Path, tmp_path: Path
) -> None:
    config = default_config().with_weight("force", 0.0).with_weight("manipulation", 0.0)
    path = tmp_path / "no-force.toml"
    model.save_config(config, path)
    result = run("score", "personas", "--config", path, "--format", "json", cwd=repo_root)
    assert result.code == 0
    # Switched off, force and manipulation decide nothing: no one is placed in coercion.
    document = json.loads(result.out)
    assert {p["zone"] for p in document["personas"]} - {"coercion"}
    assert all(p["zone"] != "coercion" and not p["decisive_control"] for p in document["personas"])


def test_the_score_schema_describes_the_json_document(repo_root: Path) -> None:
    schema = json.loads(run("schema", "score", cwd=repo_root).out)
    document = json.loads(
        run("score", "personas", "--samples", "50", "--format", "json", cwd=repo_root).out
    )
    jsonschema.validate(document, schema)
    assert schema["properties"]["version"]["const"] == 2
