"""Hostile input on the dashboard side, in process (issue 14): inert text, bounded uploads,
honest faults, a URL that cannot grow or mislead.

The browser suite (``tests/browser/test_hostile.py``) checks the same in Chromium: that no
``<a>`` appears, and that downloads arrive.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import limits, reconnect, safe_text, session, uploads, url_state
from model import Problem
from tests import builders
from tests.dashboard.conftest import MAP, PAGES, PERSONA, ROOT, map_table, open_page, unescape

App = Callable[..., AppTest]
LINKY = "see https://evil.example/login or www.evil.example and mail a@evil.example"


# --- hole 1: text from files renders inert --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [LINKY, "HTTPS://EVIL.EXAMPLE", "WWW.evil.example", "mailto:a@b.example", "x@y.example.org"],
)
def test_markdown_text_holds_no_link_start(text: str) -> None:
    """What GitHub Markdown links (``https://``, ``www.``, ``name@host``) is broken by a WORD
    JOINER, and reads the same once the escapes are read."""
    escaped = safe_text.markdown(text)
    plain = unescape(escaped)
    assert plain.replace(safe_text.WORD_JOINER, "") == text
    for start in ("://", "www.", "WWW."):
        assert start.lower() not in plain.lower(), plain
    assert not re.search(r"@[^\u2060]", plain), plain


def test_a_line_cannot_be_cut_or_turned() -> None:
    assert "\n" not in safe_text.line("title\n# forged heading\u202e")
    assert "\\n" in safe_text.line("title\nmore")


def test_plotly_text_keeps_quotes_as_quotes() -> None:
    assert safe_text.plotly('The "quoted" <b>') == 'The "quoted" &lt;b&gt;'


# --- holes 2 and 3: bounded uploads ---------------------------------------------------------


def _flood(n: int, prefix: str = "u", **changes: object) -> bytes:
    return builders.as_json(
        {"personas": [builders.persona_data(f"{prefix}{i:03d}-flood", **changes) for i in range(n)]}
    )


def test_a_file_is_read_only_up_to_its_cap_and_says_so() -> None:
    intake = uploads.absorb([("big.json", _flood(limits.PERSONAS_PER_FILE + 50))], {})
    assert len(intake.personas) == limits.PERSONAS_PER_FILE
    assert any("big.json" in s and "first 100" in s for s in intake.refused), intake.refused


def test_a_session_holds_at_most_its_cap_and_says_what_was_refused() -> None:
    per = limits.PERSONAS_PER_FILE
    files = [(f"f{b}.json", _flood(per, prefix=f"u{b}")) for b in range(4)]
    intake = uploads.absorb(files, {})
    assert len(intake.personas) == limits.PERSONAS_PER_SESSION
    assert any("not read" in s and "f2.json" in s for s in intake.refused), intake.refused


def test_files_past_the_cap_are_not_read() -> None:
    files = [(f"f{i}.toml", b"\x00") for i in range(limits.FILES_PER_SESSION + 3)]
    intake = uploads.absorb(files, {})
    assert len(intake.problems) == limits.FILES_PER_SESSION
    assert any(f"at most {limits.FILES_PER_SESSION} files" in s for s in intake.refused)


def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.sidebar.get("file_uploader")[0].set_value(
        [(name, data, "application/json") for name, data in files]
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_flood_of_problems_is_shown_capped_with_the_whole_list_to_download(app: App) -> None:
    n = limits.PERSONAS_PER_FILE
    at = _upload(app(), ("flood.json", _flood(n, poverty=7)))
    assert len(at.sidebar.error) == 1, "one box per file, not one per problem"
    box = unescape(at.sidebar.error[0].value)
    assert box.count("\n- ") == limits.PROBLEMS_SHOWN + 1
    assert f"and {n - limits.PROBLEMS_SHOWN:,} more" in box
    buttons = [
        b for b in at.sidebar.get("download_button") if b.proto.label.startswith("Download every")
    ]
    assert len(buttons) == 1


def test_the_session_cap_is_said_in_the_sidebar(app: App) -> None:
    per = limits.PERSONAS_PER_FILE
    files = [(f"f{b}.json", _flood(per, prefix=f"u{b}")) for b in range(3)]
    at = _upload(app(), *files)
    assert any(
        f"Added {limits.PERSONAS_PER_SESSION} persona" in s.value for s in at.sidebar.success
    )
    said = " ".join(unescape(w.value) for w in at.sidebar.warning)
    assert f"at most {limits.PERSONAS_PER_SESSION} uploaded personas" in said


# --- hole 4: downloads that outlive a busy server -------------------------------------------


def test_the_sidebar_download_is_a_file_the_session_holds(app: App) -> None:
    """Not a callable: a file generated on click belongs to no session and is deleted by the
    next two runs of any session (Streamlit's media manager), before a slow browser fetches it.
    """
    at = app()
    (button,) = [b for b in at.sidebar.get("download_button") if "personas" in b.proto.label]
    assert button.proto.url, "the file is registered with the run"
    assert not button.proto.deferred_file_id


# --- hole 5: faults are honest --------------------------------------------------------------


@contextmanager
def _bundled_from(folder: Path) -> Iterator[None]:
    @contextmanager
    def path() -> Iterator[Path]:
        yield folder

    session.bundled.clear()
    with mock.patch.object(session, "bundled_path", path):
        try:
            yield
        finally:
            session.bundled.clear()
    session.bundled.clear()


def test_a_broken_bundled_persona_is_named_and_the_rest_kept(app: App, tmp_path: Path) -> None:
    source = sorted((ROOT / "personas").glob("*.toml"))
    for file in source:
        shutil.copy(file, tmp_path / file.name)
    (tmp_path / source[0].name).write_text("id = = 'broken'", encoding="utf-8")
    with _bundled_from(tmp_path):
        at = app()
        said = " ".join(unescape(w.value) for w in at.sidebar.warning)
        assert source[0].name in said and "not valid TOML" in said, said
        assert len(map_table(at)) == len(source) - 1
        assert str(tmp_path) not in said, "the file is named, not the server's folders"


def test_with_no_bundled_personas_every_page_says_so(app: App, tmp_path: Path) -> None:
    with _bundled_from(tmp_path):
        at = app()
        for page in PAGES:
            open_page(at, page)  # no exception
        open_page(at, MAP)
        assert any("No persona to show" in i.value for i in at.main.info)


# --- hole 5: a reconnect says what was lost -------------------------------------------------


def test_an_older_sessions_marker_says_what_was_lost() -> None:
    assert reconnect._describe("abc:3:1") == (
        "Lost: 3 uploaded persona(s) and your settings (the model is back to its defaults)."
    )
    assert reconnect._describe("abc:0:0") is None
    assert reconnect._describe("anything else") is None


def test_the_marker_follows_the_sessions_uploads(app: App) -> None:
    at = _upload(app(), ("mine.json", builders.as_json(builders.persona_data("u01-marked"))))
    at.run()
    (marker,) = [t for t in at.sidebar.text_input if t.key == reconnect.MARKER_KEY]
    assert marker.value.endswith(":1:0"), marker.value


# --- hole 8: the URL --------------------------------------------------------------------------


def test_an_unknown_persona_in_the_url_is_said_to_be_missing(app: App) -> None:
    at = app(persona="u99-uploaded-elsewhere")
    open_page(at, PERSONA)
    said = " ".join(unescape(w.value) for w in at.main.warning)
    assert "u99-uploaded-elsewhere" in said and "not here" in said, said


def test_repeated_filter_values_are_kept_once_and_bounded() -> None:
    assert url_state.chosen("coercion," * 300 + "economic", ["economic", "coercion"]) == [
        "economic",
        "coercion",
    ]
    assert url_state.chosen("x" * 100_000, ["economic"]) == []


def test_a_repeated_filter_in_the_url_is_written_back_once(app: App) -> None:
    at = app(zone=",".join(["coercion"] * 300))
    open_page(at, MAP)
    assert at.query_params["zone"] in ("coercion", ["coercion"])


def test_problem_lines_are_the_models_escaped_lines(app: App) -> None:
    name = "forged\nline.toml"
    at = _upload(app(), (name, b"id = = 'x'"))
    box = unescape(at.sidebar.error[0].value)
    items = box.split("\n- ")[1:]
    assert len(items) == 1 and items[0].startswith("forged\\nline.toml: "), box
    assert str(Problem(name, "-", "-", "x")).startswith("forged\\nline")
