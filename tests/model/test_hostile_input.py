"""Hostile input: every reader answers with named problems, bounded in work and in words."""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import default_config, load_persona_bytes, load_personas
from model.cli import main
from model.config import load_config_bytes
from model.documents import MAX_FILE_BYTES
from model.problems import MAX_PROBLEMS, InputError, Problem, printable
from tests.builders import as_json, as_toml, persona_data


def spectrum(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- inert text


def test_a_url_or_address_in_a_source_quote_is_refused_like_any_free_text() -> None:
    data = persona_data(
        sources=[{"ref": "L42", "quote": "see https://evil.example/login or mail a@evil.example"}]
    )
    loaded = load_persona_bytes(as_toml(data), "upload.toml")
    assert [p.field for p in loaded.problems] == ["sources[0].quote"]
    assert "personal data" in loaded.problems[0].message


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("label", "Label with\nforged line"),
        ("label", "Label \x1b[31mred\x1b[0m"),
        ("self_description", "Says \u202eevil"),
        ("narrative", "A narrative long enough to pass its length check \x1b]0;title\x07."),
    ],
)
def test_control_characters_in_persona_text_are_refused(field: str, text: str) -> None:
    loaded = load_persona_bytes(as_json(persona_data(**{field: text})), "upload.json")
    assert [p.field for p in loaded.problems] == [field]
    assert "control character" in loaded.problems[0].message


def test_a_problem_line_never_carries_a_raw_control_character() -> None:
    problem = Problem("evil\nname.toml", "p-x", "key\x1b[2J", "bad \u202e value")
    line = str(problem)
    assert "\n" not in line and "\x1b" not in line and "\u202e" not in line
    assert line == "evil\\nname.toml: p-x: key\\x1b[2J: bad \\u202e value"
    assert printable("plain text, ok") == "plain text, ok"


def test_a_file_name_with_a_newline_gives_one_line_per_problem(tmp_path: Path) -> None:
    path = tmp_path / "forged\nspectrum: p-ok: id: looks fine.toml"
    path.write_bytes(b"not = [valid")
    code, out, _ = spectrum("validate", path)
    assert code == 1
    problems = [line for line in out.splitlines() if "not valid TOML" in line]
    assert len(problems) == 1 and "\\n" in problems[0]


def test_a_label_that_is_a_formula_is_inert_in_every_csv(tmp_path: Path) -> None:
    (tmp_path / "f.toml").write_bytes(as_toml(persona_data("p-formula", label="=HYPERLINK(1)")))
    code, out, _ = spectrum("score", tmp_path, "--format", "csv")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert frame.loc[0, "label"] == "'=HYPERLINK(1)"
    assert frame.loc[0, "position"] > 0  # numbers stay numbers


# ---------------------------------------------------------------- bounded work and words


def test_thousands_of_unknown_keys_give_a_bounded_answer() -> None:
    data = persona_data()
    data.update({f"junk{i}": i for i in range(5000)})
    loaded = load_persona_bytes(as_json(data), "flood.json")
    assert len(loaded.problems) == MAX_PROBLEMS + 1
    assert "4,950 more problems" in loaded.problems[-1].message


def test_a_flood_of_fields_is_refused_before_it_is_validated() -> None:
    flood = json.dumps({str(i): 0 for i in range(90_000)}, separators=(",", ":")).encode()
    assert len(flood) < MAX_FILE_BYTES
    loaded = load_persona_bytes(flood, "flood.json")
    (problem,) = loaded.problems
    assert "fields" in problem.message
    with pytest.raises(InputError) as refused:
        load_config_bytes(flood, "flood.json")
    assert len(refused.value.problems) == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_behind_a_toml_name_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    loaded = load_personas([link])
    (problem,) = loaded.problems
    assert "not a regular file" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    loaded = load_personas([fifo])  # would hang forever if the reader opened it
    assert "not a regular file" in loaded.problems[0].message


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        ("id = 1".encode("utf-16"), "wide.toml", "UTF-16 text: save it as UTF-8"),
        (b'{"id": ' + b"9" * 5000 + b"}", "huge.json", "too many digits"),
        (b"id = " + b"9" * 5000, "huge.toml", "too many digits"),
    ],
)
def test_odd_encodings_and_numbers_get_a_plain_message(data: bytes, name: str, words: str) -> None:
    loaded = load_persona_bytes(data, name)
    (problem,) = loaded.problems
    assert words in problem.message
    assert "sys.set_int_max_str_digits" not in problem.message


# ---------------------------------------------------------------- any bytes, never a traceback


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".toml", ".json", ".txt"]))
def test_any_bytes_give_personas_or_problems(data: bytes, suffix: str) -> None:
    loaded = load_persona_bytes(data, f"fuzz{suffix}")
    assert loaded.personas or loaded.problems
    for problem in loaded.problems:
        assert "\n" not in str(problem)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_a_configuration_or_problems(data: bytes) -> None:
    try:
        config = load_config_bytes(data, "fuzz.toml")
    except InputError as error:
        assert error.problems
    else:
        assert config.boundaries == config.boundaries  # a real configuration


@settings(max_examples=100, deadline=None)
@given(
    changes=st.dictionaries(
        st.sampled_from(["label", "narrative", "self_placement", "age_band", "violence", "why"]),
        st.one_of(st.text(max_size=60), st.floats(), st.integers(), st.none(), st.booleans()),
        max_size=3,
    )
)
def test_any_field_values_give_a_persona_or_named_problems(changes: dict[str, object]) -> None:
    loaded = load_persona_bytes(as_json(persona_data(**changes)), "fuzz.json")
    if not loaded.ok:
        assert all(p.path == "fuzz.json" for p in loaded.problems)


def test_a_huge_integer_in_a_configuration_is_a_problem_not_a_traceback() -> None:
    with pytest.raises(InputError) as refused:
        load_config_bytes(b"schema_version = " + b"9" * 5000, "huge.toml")
    assert "too many digits" in refused.value.problems[0].message


def test_the_default_configuration_survives_the_hardening() -> None:
    assert default_config().weights
