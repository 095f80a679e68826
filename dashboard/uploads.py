"""Reading a session's persona uploads within bounds (``dashboard.limits``), and saying plainly
what was refused.

Pure functions of the files' names and bytes, so the AppTest and unit suites check the bounds
without a browser. The work one upload costs is bounded before anything is validated: at most
``FILES_PER_SESSION`` files are read, each at most ``model.documents.MAX_FILE_BYTES``, and only
the first ``PERSONAS_PER_FILE`` personas of a file are validated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dashboard import limits
from model import InputError, Persona, PersonaSet, Problem
from model.documents import load_bytes
from model.personas import personas_from_data
from model.problems import NO_ITEM


@dataclass
class Intake:
    """What a session's uploads gave: personas kept, problems by file, and what the bounds
    refused, each as one plain sentence."""

    personas: list[Persona] = field(default_factory=list)
    problems: dict[str, list[Problem]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def all_problems(self) -> list[Problem]:
        return [p for problems in self.problems.values() for p in problems]


def _read(data: bytes, name: str) -> tuple[PersonaSet, str | None]:
    """One file's personas (the first ``PERSONAS_PER_FILE`` only), and a sentence if more were
    left unread."""
    try:
        document = load_bytes(data, name)
    except InputError as error:
        return PersonaSet(problems=error.problems), None
    except (ValueError, RecursionError) as error:
        # The model's readers turn every known fault into problems; this keeps one the model
        # misses (a TOML integer of thousands of digits) from breaking the session.
        message = (
            "a number in it has too many digits to be a persona value"
            if "digits" in str(error)
            else f"could not be read ({type(error).__name__})"
        )
        return PersonaSet(problems=[Problem(name, NO_ITEM, NO_ITEM, message)]), None
    note = None
    items: Any = document.get("personas") if isinstance(document, Mapping) else None
    if isinstance(items, list) and len(items) > limits.PERSONAS_PER_FILE:
        note = (
            f"{name}: holds {len(items):,} personas; only the first {limits.PERSONAS_PER_FILE} "
            f"were read (a file may add at most {limits.PERSONAS_PER_FILE})."
        )
        document = {**document, "personas": items[: limits.PERSONAS_PER_FILE]}
    return personas_from_data(document, name), note


def absorb(files: Sequence[tuple[str, bytes]], taken: Mapping[str, str]) -> Intake:
    """Validate ``files`` (name, bytes) against the model, within the session's bounds.

    ``taken`` maps ids already in use (the bundled personas) to where they come from, so an
    upload cannot silently replace one.
    """
    intake = Intake()
    added = PersonaSet(origins=dict(taken))
    cap = limits.PERSONAS_PER_SESSION
    unread: list[str] = []
    for index, (name, data) in enumerate(files):
        if index >= limits.FILES_PER_SESSION or len(added.personas) >= cap:
            unread.append(name)
            continue
        loaded, note = _read(data, name)
        if note:
            intake.refused.append(note)
        before = len(added.problems)
        added.extend(loaded)
        intake.problems.setdefault(name, []).extend(added.problems[before:])
        intake.warnings.extend(loaded.warnings)
    if unread:
        reason = (
            f"a session reads at most {limits.FILES_PER_SESSION} files"
            if len(files) > limits.FILES_PER_SESSION
            else f"a session holds at most {cap} uploaded personas, and this one is full"
        )
        intake.refused.append(
            f"{len(unread)} file(s) not read ({', '.join(unread[:5])}"
            f"{', …' if len(unread) > 5 else ''}): {reason}."
        )
    if len(added.personas) > cap:
        dropped = added.personas[cap:]
        intake.refused.append(
            f"{len(dropped):,} persona(s) not added (from {dropped[0].id} on): a session holds "
            f"at most {cap} uploaded personas. Remove a file to make room."
        )
        added.personas = added.personas[:cap]
    intake.personas = added.personas
    intake.problems = {name: ps for name, ps in intake.problems.items() if ps}
    return intake


def problems_text(problems: Sequence[Problem], notice: str) -> str:
    """Every problem, one escaped line each (``str(problem)``), under the notice."""
    return "\n".join([f"# {notice}", *(str(p) for p in problems)]) + "\n"


def count_line(name: str, rest: int) -> Problem:
    return Problem(name, NO_ITEM, NO_ITEM, f"and {rest:,} more")
