"""A deck unfolded into slides: what the presentation page shows at each step, and its address.

A scene is one slide, except a ``reveal_personas`` scene, which shows each of its personas in
three steps: where they place themselves, then the assessment, then the gap (L50), and a map
scene with more personas than a slide holds at projector size, which runs over as many slides
as it needs (8 personas each, for one-line labels), each saying which of them it shows. The slide
number is the page's ``?scene=`` (1-based), ``?personas=`` picks and orders the personas for
every scene, ``?order=`` sorts the rows of the map slides that are not a reveal (a reveal keeps
the trainer's order: sorting it by the assessment would give away what is not yet shown) and
``?highlight=`` marks one persona, so a link opens the same slide of the same deck. Pure
functions, no Streamlit: the page and the standalone HTML export unfold a deck the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from model import Assessment, Persona
from model.ordering import RowOrder, ordered
from model.scenes import Deck, Scene, SceneKind

SCENE_PARAM = "scene"
PERSONAS_PARAM = "personas"
NOTES_PARAM = "notes"
ORDER_PARAM = "order"
HIGHLIGHT_PARAM = "highlight"
MAX_LINKED_PERSONAS = 40
ROWS_PER_SLIDE = 8
"""A map slide's most rows when no measure is given to :func:`unfold` (the page gives its own,
``present_figures.fits_slide``, which counts each label's lines)."""


MAP_KINDS = frozenset({SceneKind.REVEAL_PERSONAS, SceneKind.YOUTH, SceneKind.VIOLENCE})
"""Scenes whose chart has a row for each persona (so a slide holds only so many)."""


class Stage(IntEnum):
    """How much of a revealed persona shows (each stage adds to the one before)."""

    SELF = 1
    ASSESSED = 2
    GAP = 3


STAGE_NAMES = {
    Stage.SELF: "where they place themselves",
    Stage.ASSESSED: "the outside assessment",
    Stage.GAP: "the gap between the two",
}


@dataclass(frozen=True)
class Slide:
    """One step of the presentation: a scene, its personas, and for a reveal how far it is."""

    scene: Scene
    number: int
    """1-based position in the deck (the ``?scene=`` of its link)."""
    personas: tuple[Persona, ...]
    """Who the slide shows; for a reveal, those revealed so far on this slide, the current one
    last."""
    stage: Stage | None = None
    scene_total: int = 0
    """How many personas the whole scene has, over all its slides."""
    highlight: str | None = None
    """The id of the persona marked on the slide's chart, if any."""
    first: int = 1
    """Where the slide's first persona comes in the scene's list (1-based)."""

    @property
    def current(self) -> Persona | None:
        """The persona being revealed, for a reveal slide."""
        return self.personas[-1] if self.stage is not None and self.personas else None

    @property
    def step_text(self) -> str:
        """For a reveal, "Person 2 of 3: the outside assessment"; for a scene over several
        slides, "Personas 9–15 of 15"; otherwise empty."""
        last = self.first + len(self.personas) - 1
        if self.stage is not None:
            return f"Person {last} of {self.scene_total}: {STAGE_NAMES[self.stage]}"
        if self.personas and len(self.personas) < self.scene_total:
            return f"Personas {self.first}–{last} of {self.scene_total}"
        return ""


def linked_ids(raw: str | None, known: Mapping[str, Persona]) -> tuple[list[str], list[str]]:
    """The persona ids a ``?personas=`` value names, in its order (known ones, no repeats,
    at most :data:`MAX_LINKED_PERSONAS`), and the ids it names that are not known."""
    chosen: list[str] = []
    unknown: list[str] = []
    for part in (raw or "").split(","):
        pid = part.strip()
        if not pid:
            continue
        if pid not in known:
            unknown.append(pid[:40])
        elif pid not in chosen and len(chosen) < MAX_LINKED_PERSONAS:
            chosen.append(pid)
    return chosen, unknown


def deck_ids(deck: Deck, known: Mapping[str, Persona]) -> list[str]:
    """The deck's own persona list (known ones only), or every known persona."""
    if deck.personas is None:
        return list(known)
    return [pid for pid in deck.personas if pid in known]


def scene_personas(
    scene: Scene, deck: Deck, known: Mapping[str, Persona], chosen: Sequence[str] | None
) -> tuple[Persona, ...]:
    """Who one scene shows: the trainer's choice if made, else the scene's or the deck's list;
    a youth scene keeps only the minors among them."""
    if chosen:
        ids = list(chosen)
    elif scene.personas is not None:
        ids = [pid for pid in scene.personas if pid in known]
    else:
        ids = deck_ids(deck, known)
    people = [known[pid] for pid in ids]
    if scene.kind is SceneKind.YOUTH:
        people = [p for p in people if p.is_minor]
    return tuple(people)


def pages(
    people: Sequence[Persona], fits: Callable[[Sequence[Persona]], bool]
) -> list[tuple[Persona, ...]]:
    """``people`` in order, cut into as few slides as ``fits`` allows, as even as it allows
    (15 one-line rows: 8 and 7; 9 of them: 5 and 4, not 8 and 1)."""
    filled: list[list[Persona]] = []
    for person in people:
        if filled and fits([*filled[-1], person]):
            filled[-1].append(person)
        else:
            filled.append([person])
    count, size = len(filled), len(people)
    if count < 2:
        return [tuple(page) for page in filled]
    base, extra = divmod(size, count)  # the larger pages first
    cuts = list(itertools.accumulate((base + (i < extra) for i in range(count)), initial=0))
    even = [tuple(people[a:b]) for a, b in itertools.pairwise(cuts)]
    if all(fits(page) for page in even):
        return even
    return [tuple(page) for page in filled]


def unfold(
    deck: Deck,
    known: Mapping[str, Persona],
    chosen: Sequence[str] | None = None,
    *,
    order: RowOrder = RowOrder.GIVEN,
    assessments: Mapping[str, Assessment] | None = None,
    highlight: str | None = None,
    fits: Callable[[Sequence[Persona]], bool] | None = None,
) -> list[Slide]:
    """Every slide of the deck, in order; ``order`` (which needs ``assessments``) sorts the rows
    of every slide but a reveal's, ``highlight`` (a known id) marks one persona, and ``fits``
    says whether a map slide holds its rows (at most :data:`ROWS_PER_SLIDE` if not given)."""
    mark = highlight if highlight in known else None
    holds = fits or (lambda rows: len(rows) <= ROWS_PER_SLIDE)
    slides: list[Slide] = []
    for scene in deck.scenes:
        people = scene_personas(scene, deck, known, chosen)
        total = len(people)
        if scene.kind is SceneKind.REVEAL_PERSONAS and people:
            first = 1
            for page in pages(people, holds):
                for index in range(len(page)):
                    for stage in Stage:
                        shown = page[: index + 1]
                        slides.append(
                            Slide(scene, len(slides) + 1, shown, stage, total, mark, first)
                        )
                first += len(page)
            continue
        if assessments is not None and order is not RowOrder.GIVEN:
            people = tuple(ordered(people, assessments, order))
        runs = pages(people, holds) if scene.kind in MAP_KINDS and people else [people]
        first = 1
        for run in runs:
            slides.append(Slide(scene, len(slides) + 1, run, None, total, mark, first))
            first += len(run)
    return slides


def row_order(raw: str | None) -> RowOrder:
    """An ``?order=`` value as a row order (the deck's own order for anything else)."""
    return RowOrder(raw) if raw in {o.value for o in RowOrder} else RowOrder.GIVEN


def slide_number(raw: str | None, total: int) -> int:
    """A ``?scene=`` value as a slide number in 1..total (1 for anything unusable; a number
    past the end is the last slide)."""
    try:
        number = int((raw or "1").strip())
    except ValueError:
        return 1
    return min(max(number, 1), max(total, 1))
