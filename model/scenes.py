"""Scenes and decks: a trainer's walk through the essays' argument, written as data.

A deck is a TOML (or JSON) file: a title and a list of scenes. Each scene has an id, a title, a
``kind`` (which of a fixed set of views it shows), a body in the deck author's own words, at most
a few short quotes cited to essay lines, speaker notes, and optionally the personas it shows, in
order. A deck is read like a persona file: every fault becomes one :class:`~model.problems.Problem`
line naming the scene and the field, never a traceback.

The essays' text is not shipped, so a quote's wording is checked where the text is at hand
(:func:`quote_problems`, run by the tests against ``../shared/sources``); its line reference is
checked everywhere (:class:`~model.sources.Citation`).

>>> deck = load_deck_bytes(b'''
... title = "Short"
... [[scenes]]
... id = "one"
... title = "The spectrum"
... kind = "spectrum_language"
... body = "One axis, not three boxes."
... ''', "short.toml")
>>> [s.id for s in deck.scenes]
['one']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from model.documents import load_bytes, read_document
from model.persona_fields import PersonaId, plain_lines
from model.problems import (
    InputError,
    Problem,
    capped,
    has_control_characters,
    problems_from_validation,
)
from model.sources import Citation

__all__ = [
    "MAX_SCENES",
    "Deck",
    "Scene",
    "SceneKind",
    "load_deck",
    "load_deck_bytes",
    "persona_problems",
    "quote_problems",
]

MAX_SCENES = 60
MAX_QUOTES = 3
MAX_BODY = 900
MAX_NOTES = 2000


class SceneKind(StrEnum):
    """What a scene shows besides its text; the presentation page draws each kind its own way."""

    SPECTRUM_LANGUAGE = "spectrum_language"
    """The axis itself: three regions, circumstance the wide middle (L42)."""
    REVEAL_PERSONAS = "reveal_personas"
    """Personas one at a time: where they place themselves, then the assessment, then the gap
    (L50)."""
    YOUTH = "youth"
    """Minors: treated as coerced, yet often seeing themselves as choosing (L48)."""
    FRAMINGS = "framings"
    """The same people under each framing (L44-L58)."""
    RESPONSES_BY_ZONE = "responses_by_zone"
    """What each region needs, starting from where people are (L54-L66)."""
    VIOLENCE = "violence"
    """Violence across the spectrum, apart from the position (L70-L74)."""
    ALLIES = "allies"
    """Sex workers as allies (L80-L82)."""
    UNKNOWNS = "unknowns"
    """What we do not know (L96-L98)."""


def _one_line(text: str) -> str:
    found = has_control_characters(text)
    if found:
        raise ValueError(f"holds a control character ({found}); write plain text on one line")
    return text


SceneId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=40)
]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=90),
    AfterValidator(_one_line),
]
Body = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_BODY),
    AfterValidator(plain_lines),
]
Notes = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=MAX_NOTES), AfterValidator(plain_lines)
]


class Scene(BaseModel):
    """One step of a presentation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: SceneId = Field(description="Lowercase letters, digits and hyphens; unique in the deck.")
    title: Title
    kind: SceneKind
    body: Body = Field(description="What the room reads, in the deck author's own words.")
    quotes: list[Citation] = Field(
        default_factory=list,
        max_length=MAX_QUOTES,
        description="Short passages quoted verbatim from the cited essay lines.",
    )
    notes: Notes = Field(default="", description="Speaker notes, shown only in presenter view.")
    personas: list[PersonaId] | None = Field(
        default=None,
        max_length=40,
        description="Which personas the scene shows, in this order (default: the deck's).",
    )

    @model_validator(mode="after")
    def _checked(self) -> Self:
        for citation in self.quotes:
            if citation.quote is None:
                raise ValueError(f"quote from {citation.ref} has no `quote` text")
            if citation.lines is None:
                raise ValueError("a scene quotes the essays only; cite external works in notes")
        if self.personas is not None and len(set(self.personas)) != len(self.personas):
            raise ValueError("a persona is listed twice")
        return self


class Deck(BaseModel):
    """A titled list of scenes, shown in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Title
    personas: list[PersonaId] | None = Field(
        default=None,
        max_length=40,
        description="The personas the deck shows, in order; a scene may name its own.",
    )
    scenes: list[Scene] = Field(min_length=1, max_length=MAX_SCENES)

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        seen: set[str] = set()
        for scene in self.scenes:
            if scene.id in seen:
                raise ValueError(f"scene id {scene.id!r} is used twice")
            seen.add(scene.id)
        return self

    def index_of(self, scene_id: str) -> int | None:
        """The position of the scene with this id, or None."""
        for index, scene in enumerate(self.scenes):
            if scene.id == scene_id:
                return index
        return None


_IN_SCENE = re.compile(r"^scenes\[\d+\]")


def _scene_item(raw: object, index: int) -> str:
    """What a problem in a scene is filed under: its id if it has a usable one."""
    if isinstance(raw, dict):
        sid = raw.get("id")
        if isinstance(sid, str) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", sid[:40]):
            return sid[:40]
    return f"scenes[{index}]"


def deck_from_data(data: object, path: str) -> Deck:
    """A parsed document as a :class:`Deck`, or :class:`InputError` naming each fault: one
    line per field, filed under the scene's id (or ``deck`` for the deck's own fields)."""
    try:
        return Deck.model_validate(data)
    except ValidationError as error:
        problems = [
            p for p in problems_from_validation(error, path, "deck") if not _IN_SCENE.match(p.field)
        ]
    scenes = data.get("scenes") if isinstance(data, dict) else None
    for index, raw in enumerate(scenes if isinstance(scenes, list) else []):
        try:
            Scene.model_validate(raw)
        except ValidationError as error:
            problems.extend(problems_from_validation(error, path, _scene_item(raw, index)))
    raise InputError(capped(problems))


def load_deck_bytes(data: bytes, name: str) -> Deck:
    """A deck from an uploaded or bundled file's bytes."""
    return deck_from_data(load_bytes(data, name), name)


def load_deck(path: Path) -> Deck:
    """A deck from a file on disk."""
    return deck_from_data(read_document(path), str(path))


def persona_problems(deck: Deck, known: Iterable[str], path: str = "deck") -> list[Problem]:
    """A problem for each persona a deck names that is not among ``known``."""
    ids = set(known)
    problems = []
    for where, listed in [("deck", deck.personas), *((s.id, s.personas) for s in deck.scenes)]:
        for index, persona_id in enumerate(listed or ()):
            if persona_id not in ids:
                problems.append(
                    Problem(path, where, f"personas[{index}]", f"no persona {persona_id!r}")
                )
    return problems


def _normalised(text: str) -> str:
    return " ".join(text.split())


def quote_problems(deck: Deck, essay_lines: Sequence[str], path: str = "deck") -> list[Problem]:
    """A problem for each quote that is not, up to white space, in the essay lines it cites."""
    problems = []
    for scene in deck.scenes:
        for index, citation in enumerate(scene.quotes):
            span = citation.lines
            if span is None or citation.quote is None:
                continue
            passage = _normalised(" ".join(essay_lines[span[0] - 1 : span[1]]))
            if _normalised(citation.quote) not in passage:
                problems.append(
                    Problem(path, scene.id, f"quotes[{index}]", f"not found in {citation.ref}")
                )
    return problems
