"""Problems found in input files, reported one per line as ``path: item: field: message``.

Every reader in the model turns what goes wrong into :class:`Problem` values instead of
exceptions with tracebacks, so one bad file never hides what is wrong (or right) in another.
"""

from __future__ import annotations

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
        return f"{self.path}: {self.item}: {self.field}: {self.message}"


class InputError(Exception):
    """Raised by loaders that must return a value or nothing; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_MAX_SHOWN_INPUT = 40


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
    return problems
