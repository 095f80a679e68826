"""The texts the model is built from, and citations into them.

Every factor, weight, persona and intervention carries citations. A citation points either at
lines of danah boyd's three essays (``L42``, ``L60-L62``) or at one of a small set of external
references (``ext:nrc-iom-2013``). The essays' text is not shipped: a citation carries at most a
short quoted passage beside its line reference.
"""

from __future__ import annotations

import re
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

SOURCE_FILE = "boyd-essays-human-trafficking.txt"
"""The name of the essays' text in the project's shared sources (not shipped)."""

MAX_QUOTE_CHARS = 300
"""Quotes stay short passages, never whole paragraphs."""


class Essay(BaseModel):
    """One of the essays, by the lines it occupies in the source text."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    short_title: str
    first_line: int
    last_line: int


ESSAYS: tuple[Essay, ...] = (
    Essay(
        id="guidelines",
        title="Addressing Human Trafficking: Guidelines for Technological Interventions",
        short_title="Guidelines for Technological Interventions",
        first_line=3,
        last_line=32,
    ),
    Essay(
        id="sex-workers",
        title=(
            "What Anti-Trafficking Advocates Can Learn from Sex Workers: "
            "The Dynamics of Choice, Circumstance, and Coercion"
        ),
        short_title="What Advocates Can Learn from Sex Workers",
        first_line=34,
        last_line=92,
    ),
    Essay(
        id="technology",
        title="What is the Role of Technology in Human Trafficking?",
        short_title="The Role of Technology in Human Trafficking",
        first_line=94,
        last_line=112,
    ),
)

EXTERNAL_REFERENCES: dict[str, str] = {
    "nrc-iom-2013": (
        "Institute of Medicine and National Research Council (2013). Confronting Commercial "
        "Sexual Exploitation and Sex Trafficking of Minors in the United States. "
        "Washington, DC: The National Academies Press."
    ),
}
"""External works a citation may name with ``ext:<key>``."""

_LINES = re.compile(r"^L(\d{1,4})(?:\s*[-–]\s*L?(\d{1,4}))?$")
_EXTERNAL = re.compile(r"^ext:([a-z0-9-]+)$")


def essay_for_lines(first: int, last: int) -> Essay:
    """The essay that holds lines ``first``..``last``; a range may not straddle two essays."""
    for essay in ESSAYS:
        if essay.first_line <= first <= last <= essay.last_line:
            return essay
    raise ValueError(
        f"lines L{first}-L{last} do not lie within one essay "
        f"({', '.join(f'L{e.first_line}-L{e.last_line}' for e in ESSAYS)})"
    )


CitationRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40)]


class Citation(BaseModel):
    """A pointer to the passage something comes from.

    >>> Citation(ref="L60-L62").essay.id
    'sex-workers'
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    ref: CitationRef = Field(
        description="Essay lines as `L42` or `L60-L62`, or an external work as `ext:nrc-iom-2013`."
    )
    quote: str | None = Field(
        default=None,
        max_length=MAX_QUOTE_CHARS,
        description="A short passage quoted verbatim from the cited lines.",
    )
    note: str | None = Field(
        default=None, max_length=300, description="What is drawn from the passage, in own words."
    )

    @model_validator(mode="after")
    def _ref_resolves(self) -> Self:
        lines = _LINES.match(self.ref)
        if lines:
            first = int(lines.group(1))
            last = int(lines.group(2) or first)
            if last < first:
                raise ValueError(f"line range {self.ref!r} runs backwards")
            essay_for_lines(first, last)
            return self
        external = _EXTERNAL.match(self.ref)
        if external:
            if external.group(1) not in EXTERNAL_REFERENCES:
                known = ", ".join(f"ext:{k}" for k in EXTERNAL_REFERENCES)
                raise ValueError(f"unknown external reference {self.ref!r} (known: {known})")
            if self.quote is not None:
                raise ValueError("quotes are checked against the essays only; cite externals bare")
            return self
        raise ValueError(f"{self.ref!r} is not a citation: use `L42`, `L60-L62` or `ext:<key>`")

    @property
    def lines(self) -> tuple[int, int] | None:
        """The first and last cited essay line, or None for an external reference."""
        match = _LINES.match(self.ref)
        if match is None:
            return None
        first = int(match.group(1))
        return first, int(match.group(2) or first)

    @property
    def essay(self) -> Essay | None:
        """The cited essay, or None for an external reference."""
        span = self.lines
        return None if span is None else essay_for_lines(*span)

    @property
    def work(self) -> str:
        """The title of the cited work, for display."""
        essay = self.essay
        if essay is not None:
            return essay.title
        return EXTERNAL_REFERENCES[self.ref.removeprefix("ext:")]

    def display(self) -> str:
        """One line for tables and terminals: reference, essay (short title) and quote."""
        essay = self.essay
        where = f"{self.ref}, {essay.short_title}" if essay else self.work
        return f"{where}: “{self.quote}”" if self.quote else where
