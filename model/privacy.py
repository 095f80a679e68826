"""The anonymization guard: refuse text that looks like personal data.

Personas are fictional composites (guidelines essay, point 10: "Civil liberties are important
considerations", L26). Even so, a persona file is exactly where someone might paste a real case,
so every free-text field is checked for the marks of personal data. The guard is a net with known
holes (it cannot recognise a name or a place by itself), not a guarantee: the README says so.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_STREET_TYPES = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|"
    r"terrace|way|highway|hwy|parkway|pkwy|square|sq|crescent|close)"
)
# Words that join a count to a noun ("2 years on the street", "5 times in court") but do not
# occur between a house number and its street type ("12 Elm Street").
_NOT_IN_ADDRESS = (
    r"(?:the|a|an|on|in|at|of|to|for|from|into|onto|along|by|with|and|or|but|who|which|that|"
    r"is|are|was|were|be|been|her|his|their|my|our|its|one|every|each|per)"
)
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)


class Finding(NamedTuple):
    kind: str
    excerpt: str


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("an e-mail address", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        ("a URL", r"\b(?:https?://|ftp://|www\.)\S+"),
        (
            "a URL",
            r"\b[a-z0-9-]+\.(?:com|org|net|edu|gov|io|co|uk|info|biz|me|ly|app|xyz)\b(?:/\S*)?",
        ),
        ("a social-media handle", r"(?<![\w@])@[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?\b"),
        ("an ID number", r"\b\d{3}[- ]\d{2}[- ]\d{4}\b"),
        (
            "a phone number",
            r"(?<!\w)(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?"
            r"\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{2,4})?(?!\w)",
        ),
        # Not the digits of a decimal (0.1234567, 1234567.5); a full stop ending a sentence is fine.
        ("an ID number", r"(?<![\w.])\d{6,}(?!\w|\.\d)"),
        (
            "a street address",
            rf"\b\d{{1,5}}[a-z]?\s+(?:(?!{_NOT_IN_ADDRESS}\b)[a-z]+\s+){{0,3}}{_STREET_TYPES}\b\.?",
        ),
        ("an exact date", r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"),
        ("an exact date", r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"),
        ("an exact date", rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"),
        ("an exact date", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b"),
        ("an exact date", r"\bborn\s+(?:in\s+|on\s+)?(?:\w+\s+)?\d{4}\b"),
        (
            "an exact age",
            rf"\b(?:\d{{1,3}}|{_NUMBER_WORDS})[- ](?:years?|yrs?)[- ]old\b",
        ),
        ("an exact age", r"\b(?:aged?|age of)\s+(?:\d{1,3}|" + _NUMBER_WORDS + r")\b"),
        ("an exact age", r"\b\d{1,3}\s*(?:yo|y/o|y\.o\.)(?!\w)"),
        # "Turning tricks" is the trade's own phrase for seeing clients, not a birthday.
        (
            "an exact age",
            rf"\b(?:turned|turning)\s+(?>(?:\d{{1,3}}|{_NUMBER_WORDS})\b)(?!\s+tricks?\b)",
        ),
    )
)

MAX_EXCERPT = 30


def find_personal_data(text: str) -> list[Finding]:
    """Every stretch of ``text`` that looks like personal data, with what it looks like."""
    findings: list[Finding] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            excerpt = match.group(0)
            if len(excerpt) > MAX_EXCERPT:
                excerpt = excerpt[: MAX_EXCERPT - 1] + "…"
            findings.append(Finding(kind, excerpt))
    return findings


def check_no_personal_data(text: str) -> str:
    """Return ``text`` unchanged, or raise ValueError naming what looks like personal data."""
    findings = find_personal_data(text)
    if findings:
        first = findings[0]
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        raise ValueError(
            f"looks like personal data: {first.kind} ({first.excerpt!r}){more}; "
            "personas are fictional composites, so remove it or describe it in general terms"
        )
    return text
