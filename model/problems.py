"""Problems found in input files, reported one per line as ``path: item: field: message``.

Every reader in the model turns what goes wrong into :class:`Problem` values instead of
exceptions with tracebacks, so one bad file never hides what is wrong (or right) in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

NO_ITEM = "-"
"""Placeholder for the item or field column when a problem concerns the whole file."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input: which file, which persona (or ``config``), which field."""

    path: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        # Every part may come from a file (its name, a key, a value): shown escaped, a part can
        # never start a new line, move the cursor or colour a terminal.
        parts = (self.path, self.item, self.field, self.message)
        return ": ".join(printable(part) for part in parts)


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """``text`` with control, line-breaking and direction-changing characters escaped
    (``\\n``, ``\\x1b``, ``\\u202e``), so it reads as one plain line wherever it is shown."""
    return _INVISIBLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def has_control_characters(text: str, *, newlines: bool = False) -> str | None:
    """The first control character in ``text`` (newlines and tabs allowed if ``newlines``), as
    a code point, or None."""
    for char in text:
        if newlines and char in "\n\r\t":
            continue
        if _INVISIBLE.fullmatch(char):
            return f"U+{ord(char):04X}"
    return None


class InputError(Exception):
    """Raised by loaders that must return a value or nothing; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_MAX_SHOWN_INPUT = 40
MAX_PROBLEMS = 50
"""Problems reported for one persona or configuration; past this, one line counts the rest."""


def _field_path(loc: Iterable[int | str]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts) or NO_ITEM


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN_INPUT else text[: _MAX_SHOWN_INPUT - 1] + "…"


def problems_from_validation(
    error: ValidationError,
    path: str,
    item: str,
    *,
    loc_prefix: Sequence[int | str] = (),
    renames: dict[str, str] | None = None,
) -> list[Problem]:
    """Turn pydantic's errors into one :class:`Problem` per failing field.

    ``renames`` maps a field name that was refused as unknown to a friendlier message (for
    example, that personas have no ``name`` field).
    """
    details = error.errors(include_url=False)
    failing = [d["loc"] for d in details if d["type"] != "too_short"]
    problems = []
    for detail in details:
        if detail["type"] == "too_short" and any(
            len(other) > len(detail["loc"]) and other[: len(detail["loc"])] == detail["loc"]
            for other in failing
        ):
            continue  # a list is "too short" only because its items failed: report those
        loc = (*loc_prefix, *detail["loc"])
        kind = detail["type"]
        field = _field_path(loc)
        if kind == "extra_forbidden":
            last = str(loc[-1]) if loc else ""
            message = (renames or {}).get(last, "unknown field")
        elif kind == "missing":
            message = "required field is missing"
        else:
            message = detail["msg"].removeprefix("Value error, ")
            value = detail.get("input")
            if isinstance(value, bool | int | float) or (
                isinstance(value, str) and kind not in ("value_error", "assertion_error")
            ):
                message += f" (got {_shown(value)})"
        problems.append(Problem(path, item, field, message))
    return capped(problems)


def capped(problems: list[Problem]) -> list[Problem]:
    """At most :data:`MAX_PROBLEMS` problems for one item, the rest counted in a last line: a
    file with thousands of faults gets a readable answer, and costs nothing to show."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    first = problems[0]
    rest = len(problems) - MAX_PROBLEMS
    return [
        *problems[:MAX_PROBLEMS],
        Problem(first.path, first.item, NO_ITEM, f"and {rest:,} more problems, not listed"),
    ]
