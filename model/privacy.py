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


def _excerpt(matched: str) -> str:
    """``matched``, cut to MAX_EXCERPT characters so a message never quotes a whole passage."""
    if len(matched) > MAX_EXCERPT:
        return matched[: MAX_EXCERPT - 1] + "…"
    return matched


def find_personal_data(text: str) -> list[Finding]:
    """Every stretch of ``text`` that looks like personal data, with what it looks like."""
    findings: list[Finding] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            findings.append(Finding(kind, _excerpt(match.group(0))))
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


# The softer check: phrases that make a text read like a real case record (a referral, a file
# number, "last night", a named school or agency). A fictional composite has none of these, but
# each is also ordinary English, so they earn a warning naming the phrase, not a refusal.

# Agency-like words that make "referred to/by ..." a referral rather than "mentioned".
_REFERRAL_TARGETS = (
    r"(?:agency|agencies|services?|shelters?|police|courts?|schools?|clinics?|hospitals?|"
    r"programs?|programmes?|outreach|case\s*workers?|social\s+workers?|counsell?ors?|officers?|"
    r"judges?|probation|department|cent(?:er|re)s?|cps|dcfs|dcf|dhs|child\s+protective|"
    r"housing|hotline|charity|charities|project|unit|team)"
)
# Up to two words between "referred to" and the agency word ("to the local youth shelter"), but
# not "referred to her as a school friend": "as" turns the verb into naming.
_REFERRAL_GAP = r"(?:(?!as\b)[\w'’-]+\s+){0,2}?"
# "The last night at home" is narrative; "last night" alone is this week's news.
_NOT_AFTER_DETERMINER = "".join(
    rf"(?<!\b{word}\s)"
    for word in (
        *("a", "the", "her", "his", "its", "our", "my", "your", "their", "that", "one"),
        *("each", "every", "this", "final", "first"),
    )
)
_INSTITUTIONS = (
    r"(?:School|Academy|High|College|University|Agency|Department|Services|Shelter|Hospital|"
    r"Clinic|Police|Court|Center|Centre)"
)
# Capitalised words that start a sentence or name a kind of institution, not one institution:
# "The Police came", "High School was hard", "Family Court", "Social Services" are not names.
_NOT_A_NAME = (
    r"(?:The|A|An|Her|His|Their|Its|My|Our|Your|This|That|These|Those|Then|When|After|Before|"
    r"At|In|On|To|From|By|For|With|She|He|They|It|I|We|You|And|But|So|Or|If|Each|Every|No|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Summer|Night|Day|Weekend|"
    r"High|Middle|Elementary|Primary|Secondary|Junior|Senior|Grammar|Boarding|Public|Private|"
    r"Community|Family|Juvenile|Youth|Social|Child|Children['’]s|Women['’]s|Emergency|"
    r"Homeless|Health|Medical|Mental|Drop-In|Police|State|County|City|Federal|Local|Group)"
)
_NAME_WORD = r"(?:St\.|[A-Z][\w'’-]*)"
_CONNECTOR = r"(?:of|for|and|&|the|on)"
# At most six words: an unbounded name would rescan a long run of capitalised words from every
# word in it (quadratic time); six covers "Cook County Juvenile Court" with room to spare.
_PROPER_NAME = rf"{_NAME_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_WORD}){{0,5}}"
_AGENCY_ACRONYMS = r"(?:CPS|DCFS|DCF|DCYF|DSS|DHS|HHS|ACS|ICE|CBP|USCIS|NYPD|LAPD|FBI)"

_CASE_RECORD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a referral",
        re.compile(
            r"\breferrals?\b"
            # "was referred to as" is naming, not referring.
            r"|\b(?:was|were|been|being|got|is|are)\s+referred\b(?!\s+to\s+as\b)"
            rf"(?:\s+(?:by|to)\s+{_REFERRAL_GAP}{_REFERRAL_TARGETS}\b)?"
            rf"|\breferred\s+(?:(?:her|him|them|me|us)\s+)?(?:by|to)\s+"
            rf"{_REFERRAL_GAP}{_REFERRAL_TARGETS}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a case or file number",
        re.compile(
            # Not "a record number of arrests": a number "of" something is a count.
            r"\b(?:case|file|intake|record|client)\s*(?:number\b|no\.|#|id\b)(?!\s+of\b)"
            r"|\b(?:at|on|during|after|since|upon|before)\s+intake\b"
            r"(?:\s+(?:interviews?|forms?|assessments?|notes?|meetings?))?"
            r"|\bintake\s+(?:interviews?|forms?|assessments?|workers?|officers?|notes?|reports?|"
            r"records?|meetings?|sessions?|screenings?|appointments?|process)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a recent time",
        re.compile(
            r"\b(?:yesterday|today|tonight)\b"
            r"|\bthis\s+(?:morning|afternoon|evening|week|weekend|month)\b"
            rf"|{_NOT_AFTER_DETERMINER}\blast\s+(?:night|week|weekend|month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a named school or agency",
        # Case-sensitive: only a capitalised name ("Lincoln High", "Hope Shelter", "Department of
        # Children and Families") is one institution; "she left school" or "the police" is not.
        re.compile(
            rf"\b(?!{_NOT_A_NAME}\b){_PROPER_NAME}\s+{_INSTITUTIONS}\b"
            rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_PROPER_NAME})?"
            rf"|\b{_INSTITUTIONS}\s+(?:of|for)\s+(?:the\s+)?{_PROPER_NAME}"
            rf"|\b{_AGENCY_ACRONYMS}\b"
        ),
    ),
)


def find_case_record_phrases(text: str) -> list[Finding]:
    """Phrases that make text read like a real case record rather than a fictional composite."""
    return [
        Finding(kind, _excerpt(match.group(0)))
        for kind, pattern in _CASE_RECORD_PATTERNS
        for match in pattern.finditer(text)
    ]


def case_record_warnings(text: str) -> list[str]:
    """One warning per phrase that reads like a case record; the text itself is not refused."""
    return [
        f"reads like a case record: {finding.kind} ({finding.excerpt!r}); "
        "personas are fictional composites, so describe it in general terms"
        for finding in find_case_record_phrases(text)
    ]
