"""Decks of scenes: the bundled one is valid and follows the essays; bad decks get one named
problem per fault; every quote is verbatim from the line it cites."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

import decks
from model import InputError
from model.scenes import (
    Deck,
    SceneKind,
    load_deck,
    load_deck_bytes,
    persona_problems,
    quote_problems,
)
from personas import bundled_path
from tests.model.test_model import essay_text_path

ROOT = Path(__file__).resolve().parents[2]
LEDGER = Path(__file__).with_name("verified_scene_quotes.txt")


def default_deck() -> Deck:
    return load_deck_bytes(decks.default_bytes(), decks.DEFAULT)


def scene(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "one",
        "title": "The spectrum",
        "kind": "spectrum_language",
        "body": "One axis, not three boxes.",
    }
    return base | changes


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_deck_bytes(tomli_w.dumps(data).encode(), "deck.toml")
    return [str(p) for p in caught.value.problems]


def test_the_default_deck_is_valid_and_covers_every_kind() -> None:
    deck = default_deck()
    assert [s.kind for s in deck.scenes] == list(SceneKind)
    assert all(s.notes for s in deck.scenes), "every scene has speaker notes"
    assert all(s.quotes for s in deck.scenes), "every scene cites the essays"
    # Every scene carries the argument: the brief's line references appear in its citations.
    refs = {s.kind: {q.ref for q in s.quotes} for s in deck.scenes}
    assert "L42" in refs[SceneKind.SPECTRUM_LANGUAGE]
    assert "L50" in refs[SceneKind.REVEAL_PERSONAS]
    assert "L48" in refs[SceneKind.YOUTH]
    assert "L80" in refs[SceneKind.ALLIES]


def test_the_default_deck_names_only_bundled_personas() -> None:
    from model import load_personas

    with bundled_path() as folder:
        known = [p.id for p in load_personas([folder]).personas]
    assert persona_problems(default_deck(), known) == []
    assert persona_problems(default_deck(), known[:1])  # and the check finds strangers


def test_a_deck_reads_from_disk_as_from_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_bytes(decks.default_bytes())
    assert load_deck(path) == default_deck()


def test_quotes_are_short_and_from_the_essays_only() -> None:
    for s in default_deck().scenes:
        for q in s.quotes:
            assert q.quote is not None and len(q.quote) <= 160, (s.id, q.ref)
            assert q.lines is not None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"title": "T", "scenes": [scene(kind="slideshow")]}, "deck.toml: one: kind: Input should"),
        ({"title": "T", "scenes": [scene(body="")]}, "deck.toml: one: body: String should"),
        ({"title": "T", "scenes": [scene(extra=1)]}, "deck.toml: one: extra: unknown field"),
        ({"title": "T", "scenes": [scene(id="Bad Id")]}, "deck.toml: scenes[0]: id: String should"),
        ({"title": "T", "scenes": []}, "deck.toml: deck: scenes: List should have at least 1"),
        ({"scenes": [scene()]}, "deck.toml: deck: title: required field is missing"),
        (
            {"title": "T", "scenes": [scene(), scene()]},
            "deck.toml: deck: -: scene id 'one' is used twice",
        ),
        (
            {"title": "T", "scenes": [scene(quotes=[{"ref": "L999", "quote": "x"}])]},
            "deck.toml: one: quotes[0]: lines L999-L999 do not lie within one essay",
        ),
        (
            {"title": "T", "scenes": [scene(quotes=[{"ref": "L42"}])]},
            "deck.toml: one: -: quote from L42 has no `quote` text",
        ),
        (
            {"title": "T", "scenes": [scene(title="two\nlines")]},
            "deck.toml: one: title: holds a control character (U+000A)",
        ),
        (
            {"title": "T", "scenes": [scene(personas=["p01", "p01"])]},
            "deck.toml: one: -: a persona is listed twice",
        ),
    ],
)
def test_a_bad_deck_gets_named_problems(data: dict[str, Any], expected: str) -> None:
    found = problems(data)
    assert any(line.startswith(expected) for line in found), found
    assert not any("Traceback" in line for line in found)


def test_every_fault_in_a_deck_is_reported_at_once() -> None:
    found = problems({"scenes": [scene(kind="nope"), scene(id="two", body="", notes="\x1b[31m")]})
    assert len(found) == 4, found  # title, kind, body, notes
    assert all("\x1b" not in line for line in found)


def test_not_a_deck_is_one_problem() -> None:
    with pytest.raises(InputError) as caught:
        load_deck_bytes(b"\x00\x01", "deck.toml")
    assert len(caught.value.problems) == 1


def ledger_lines(deck: Deck) -> list[str]:
    out = set()
    for s in deck.scenes:
        for q in s.quotes:
            text = " ".join((q.quote or "").split())
            out.add(f"{q.ref} {hashlib.sha256(text.encode()).hexdigest()}")
    return sorted(out)


def test_every_quote_was_checked_against_the_essays() -> None:
    # Runs without the essays: the ledger records a check made against them (below).
    recorded = set(LEDGER.read_text(encoding="utf-8").split("\n")) - {""}
    assert set(ledger_lines(default_deck())) <= recorded


def test_every_quote_is_verbatim_in_its_cited_line() -> None:
    source = essay_text_path(ROOT)
    if source is None:
        pytest.skip("the essays' text is not beside the repository; the ledger stands in")
    lines = source.read_text(encoding="utf-8").split("\n")
    assert quote_problems(default_deck(), lines) == []
    # And the check catches an edited quote.
    deck = default_deck()
    first = deck.scenes[0]
    edited = first.quotes[0].model_copy(update={"quote": "a spectrum of my own invention"})
    changed = deck.model_copy(
        update={"scenes": [first.model_copy(update={"quotes": [edited]}), *deck.scenes[1:]]}
    )
    assert [p.field for p in quote_problems(changed, lines)] == ["quotes[0]"]
    assert LEDGER.read_text(encoding="utf-8").split("\n")[:-1] == ledger_lines(default_deck())


if __name__ == "__main__":  # rewrite the ledger after checking every quote against the essays
    essays = essay_text_path(ROOT)
    if essays is None:
        raise SystemExit("the essays' text not found: the ledger records a check against it")
    assert quote_problems(default_deck(), essays.read_text(encoding="utf-8").split("\n")) == []
    LEDGER.write_text("\n".join(ledger_lines(default_deck())) + "\n", encoding="utf-8")
