"""The anonymization guard: text that looks like personal data is refused, naming the field.

Personas are fictional composites with no names, exact ages, dates, places or contact details
(DOMAIN.md, "What the ten points mean for this software"; guidelines essay, L26). The guard
checks every free-text field of a persona: label, narrative, self-description and the notes
of its citations.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import PersonaSet, load_persona_bytes
from model.privacy import (
    MAX_EXCERPT,
    case_record_warnings,
    check_no_personal_data,
    find_case_record_phrases,
    find_personal_data,
)
from tests import builders
from tests.builders import NARRATIVE

# (case id, text, the kind of personal data it is)
PERSONAL_DATA = [
    ("email", "write to jo.smith@example.com", "an e-mail address"),
    ("phone-dashes", "call 555-123-4567", "a phone number"),
    ("phone-parens", "call (555) 123-4567", "a phone number"),
    ("phone-dots", "call 555.123.4567", "a phone number"),
    ("phone-international", "call +1 555 123 4567", "a phone number"),
    ("phone-uk", "call +44 20 7946 0958", "a phone number"),
    ("phone-digits-only", "call 5551234567", "an ID number"),
    ("street-address", "lives at 12 Elm Street", "a street address"),
    ("street-abbreviated", "stays at 221b Baker St.", "a street address"),
    ("avenue", "near 1600 Pennsylvania Avenue", "a street address"),
    ("iso-date", "left home on 2004-03-15", "an exact date"),
    ("slashed-date", "left home on 03/15/2004", "an exact date"),
    ("short-slashed-date", "left home on 15/3/04", "an exact date"),
    ("month-day", "left home on March 3", "an exact date"),
    ("month-day-year", "left home on Dec 25, 2010", "an exact date"),
    ("day-of-month", "left home on the 3rd of March", "an exact date"),
    ("born-in-year", "she was born in 2004", "an exact date"),
    ("years-old", "she is 17 years old", "an exact age"),
    ("year-old-hyphenated", "a 15-year-old girl", "an exact age"),
    ("aged", "aged 15 when she left", "an exact age"),
    ("yo", "a 16yo girl", "an exact age"),
    ("turned-word", "since she turned sixteen", "an exact age"),
    ("turned-digits", "since she turned 16", "an exact age"),
    ("turned-compound", "since she turned twenty-two", "an exact age"),
    ("turning-word", "she is turning sixteen soon", "an exact age"),
    ("ssn", "her number is 123-45-6789", "an ID number"),
    ("long-id", "case file 48213957", "an ID number"),
    ("url-http", "see http://example.org/x", "a URL"),
    ("url-https", "see https://example.org", "a URL"),
    ("url-www", "see www.example.net", "a URL"),
    ("bare-domain", "see example.com for more", "a URL"),
    ("handle", "follow @jane_doe for updates", "a social-media handle"),
]

# Ordinary sentences with numbers (or number-like words) that are not personal data.
ORDINARY = [
    "two younger brothers",
    "a few evenings a month",
    "L42",
    "L60-L62",
    "she works 3 nights a week",
    "earns 200 a night",
    "1 in 3 youth in the life",
    "open 24/7",
    "a 12-step program",
    "2-3 times a week",
    "three-quarters of her income",
    "she aged out of foster care",
    "in her early twenties",
    "in the 1990s",
    "she may leave when she likes",
    "at the age when most teens are at school",
    "rent rose 10% this year",
    "paid $1,200 in rent",
    "she rents a room on a quiet street",
    # Sentences the essays' own subject makes likely, refused before the guard was fixed:
    "spent 2 years on the street",
    "after 3 months on the streets and 2 nights in one place",
    "picked up 3 jobs along the way",
    "she has 2 friends who are close",
    "appeared 5 times in court",
    "turning two tricks a night",
    "turned 5 tricks that weekend",
]


def persona_data(**changes: Any) -> dict[str, Any]:
    """The shared builder's persona (``tests/builders.py``), with ``changes``."""
    return builders.persona_data("p-privacy", **changes)


def load(data: dict[str, Any]) -> PersonaSet:
    return load_persona_bytes(builders.as_json(data), "persona.json")


def with_text_in(field: str, text: str) -> dict[str, Any]:
    if field == "label":
        return persona_data(label=f"Worker, {text}")
    if field == "narrative":
        return persona_data(narrative=f"{NARRATIVE} Then {text}.")
    if field == "self_description":
        return persona_data(self_description=f"Says {text}.")
    if field == "note":
        return persona_data(
            sources=[{"ref": "L42"}, {"ref": "L64", "note": f"Drawn from this: {text}."}]
        )
    raise AssertionError(field)


# The field each text field is reported under: a citation note is named down to its index.
REPORTED_FIELD = {
    "label": "label",
    "narrative": "narrative",
    "self_description": "self_description",
    "note": "sources[1].note",
}


def test_the_base_persona_is_valid() -> None:
    loaded = load(persona_data())
    assert loaded.ok, loaded.problems
    assert [p.id for p in loaded.personas] == ["p-privacy"]


@pytest.mark.parametrize(("text", "kind"), [(t, k) for _, t, k in PERSONAL_DATA], ids=[
    case for case, _, _ in PERSONAL_DATA
])  # fmt: skip
def test_the_guard_recognises_personal_data(text: str, kind: str) -> None:
    findings = find_personal_data(text)
    assert kind in {f.kind for f in findings}
    with pytest.raises(ValueError, match="looks like personal data"):
        check_no_personal_data(text)


@pytest.mark.parametrize("field", list(REPORTED_FIELD))
@pytest.mark.parametrize(
    ("text", "kind"),
    [(t, k) for _, t, k in PERSONAL_DATA],
    ids=[case for case, _, _ in PERSONAL_DATA],
)
def test_personal_data_is_refused_in_every_text_field(field: str, text: str, kind: str) -> None:
    loaded = load(with_text_in(field, text))
    assert loaded.personas == []
    assert len(loaded.problems) == 1, loaded.problems
    problem = loaded.problems[0]
    assert problem.path == "persona.json"
    assert problem.item == "p-privacy"
    assert problem.field == REPORTED_FIELD[field]
    assert problem.message.startswith(f"looks like personal data: {kind}")
    assert "fictional composites" in problem.message


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_with_numbers_passes(text: str) -> None:
    assert find_personal_data(text) == []
    assert check_no_personal_data(text) == text


@pytest.mark.parametrize("field", list(REPORTED_FIELD))
@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_with_numbers_is_accepted_in_every_field(field: str, text: str) -> None:
    loaded = load(with_text_in(field, text))
    assert loaded.ok, loaded.problems
    assert len(loaded.personas) == 1


def test_every_bundled_persona_passes_the_guard(bundled_personas: PersonaSet) -> None:
    assert bundled_personas.ok, bundled_personas.problems
    assert bundled_personas.personas
    for persona in bundled_personas.personas:
        texts = [persona.label, persona.narrative, persona.self_description or ""]
        texts += [c.note for c in persona.sources if c.note]
        for text in texts:
            assert find_personal_data(text) == [], (persona.id, text)


def test_the_message_quotes_only_a_short_excerpt() -> None:
    url = "https://example.org/" + "a-very-long-path/" * 10
    findings = find_personal_data(f"see {url}")
    assert findings
    assert all(len(f.excerpt) <= MAX_EXCERPT for f in findings)
    with pytest.raises(ValueError) as refused:
        check_no_personal_data(f"see {url}")
    assert url not in str(refused.value)
    assert "…" in str(refused.value)


def test_several_findings_are_counted_in_one_message() -> None:
    with pytest.raises(ValueError, match=r"\(and 1 more\)"):
        check_no_personal_data("call 555-123-4567 or follow @jane_doe")


@pytest.mark.parametrize("key", ["name", "first_name", "last_name", "full_name", "surname"])
def test_a_name_field_is_refused(key: str) -> None:
    loaded = load(persona_data(**{key: "Jane"}))
    assert loaded.personas == []
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.field == key
    assert "personas have no name field" in problem.message


@pytest.mark.parametrize(("key", "wording"), [("age", "no exact age"), ("dob", "no date of birth")])
def test_exact_age_and_birth_date_fields_are_refused(key: str, wording: str) -> None:
    loaded = load(persona_data(**{key: "16"}))
    assert loaded.personas == []
    assert [(p.field, wording in p.message) for p in loaded.problems] == [(key, True)]


def test_over_long_text_is_refused_for_its_length_before_the_guard_reads_it() -> None:
    # The guard's patterns are written for short fields; an over-long field is refused by its
    # length alone, so the guard never scans (and never stalls on) a megabyte of text.
    narrative = NARRATIVE + " call 555-123-4567 " + "a" * 200_000
    loaded = load(persona_data(narrative=narrative))
    assert [p.field for p in loaded.problems] == ["narrative"]
    assert "at most 1500 characters" in loaded.problems[0].message
    assert "personal data" not in loaded.problems[0].message


# The softer check: phrases that make a persona read like a real case record are warned about,
# naming the phrase, but not refused.
REFERRAL = "a referral"
CASE_NUMBER = "a case or file number"
RECENT = "a recent time"
NAMED = "a named school or agency"

# (case id, text, the kind of phrase, the phrase the excerpt must contain)
CASE_RECORD = [
    ("referral", "she came in on a referral from a clinic", REFERRAL, "referral"),
    ("referrals", "outreach workers took referrals", REFERRAL, "referrals"),
    ("was-referred", "she was referred after a raid", REFERRAL, "was referred"),
    ("were-referred", "both girls were referred", REFERRAL, "were referred"),
    ("was-referred-to", "she was referred to a shelter", REFERRAL, "was referred to a shelter"),
    ("referred-by-police", "a girl referred by the police", REFERRAL, "referred by the police"),
    ("referred-her-to", "her worker referred her to housing", REFERRAL, "referred her to housing"),
    ("referred-to-worker", "then referred to a caseworker", REFERRAL, "referred to a caseworker"),
    ("referred-to-cps", "she was then referred to CPS", REFERRAL, "referred to CPS"),
    ("case-number", "her case number was read out", CASE_NUMBER, "case number"),
    ("case-no", "listed under Case No. seven", CASE_NUMBER, "Case No."),
    ("case-hash", "see case # in the notes", CASE_NUMBER, "case #"),
    ("file-number", "the file number was wrong", CASE_NUMBER, "file number"),
    ("intake-number", "given an intake number", CASE_NUMBER, "intake number"),
    ("record-number", "her record number", CASE_NUMBER, "record number"),
    ("client-number", "the client number on her card", CASE_NUMBER, "client number"),
    ("case-id", "the case ID on the form", CASE_NUMBER, "case ID"),
    ("at-intake", "at intake she gave no address", CASE_NUMBER, "at intake"),
    ("intake-interview", "she cried in the intake interview", CASE_NUMBER, "intake interview"),
    ("this-week", "she left home this week", RECENT, "this week"),
    ("this-morning", "This morning she was picked up", RECENT, "This morning"),
    ("last-night", "she was out all last night", RECENT, "last night"),
    ("last-night-capital", "Last night she did not come back", RECENT, "Last night"),
    ("yesterday", "she ran away yesterday", RECENT, "yesterday"),
    ("today", "she is being moved today", RECENT, "today"),
    ("tonight", "she has nowhere to sleep tonight", RECENT, "tonight"),
    ("last-week", "she turned up last week", RECENT, "last week"),
    ("this-month", "her second arrest this month", RECENT, "this month"),
    ("last-month", "she left foster care last month", RECENT, "last month"),
    ("high", "she dropped out of Lincoln High", NAMED, "Lincoln High"),
    ("high-school", "she dropped out of Lincoln High School", NAMED, "Lincoln High School"),
    ("academy", "a student at Riverside Academy", NAMED, "Riverside Academy"),
    ("department-of", "the Department of Children and Families", NAMED, "Department of Children"),
    ("shelter", "she slept at Hope Shelter", NAMED, "Hope Shelter"),
    ("shelter-sentence-start", "Hope Shelter took her in", NAMED, "Hope Shelter"),
    ("saint-hospital", "seen at St. Mary's Hospital", NAMED, "St. Mary's Hospital"),
    ("clinic", "tested at Mercy Clinic", NAMED, "Mercy Clinic"),
    ("center", "a bed at Westside Youth Center", NAMED, "Westside Youth Center"),
    ("centre", "a bed at Northgate Centre", NAMED, "Northgate Centre"),
    ("court", "heard in Cook County Juvenile Court", NAMED, "Cook County Juvenile Court"),
    ("police", "stopped by Metro Police", NAMED, "Metro Police"),
    ("college", "a year at Bayside College", NAMED, "Bayside College"),
    ("university", "she studied at the University of Michigan", NAMED, "University of Michigan"),
    ("agency", "placed by Bright Futures Agency", NAMED, "Bright Futures Agency"),
    ("services", "removed by Child Protective Services", NAMED, "Protective Services"),
    ("cps", "CPS took her younger brothers", NAMED, "CPS"),
    ("dcfs", "a DCFS placement", NAMED, "DCFS"),
    ("dcf", "DCF closed the file", NAMED, "DCF"),
    ("ice", "afraid of ICE", NAMED, "ICE"),
    ("dhs", "a DHS caseworker", NAMED, "DHS"),
    ("nypd", "arrested by the NYPD", NAMED, "NYPD"),
    ("lapd", "an LAPD vice sweep", NAMED, "LAPD"),
    ("fbi", "an FBI sting", NAMED, "FBI"),
]

# Ordinary narrative about the same institutions and times, with no phrase of a case record.
NOT_CASE_RECORD = [
    "she left school",
    "she left school at sixteen",
    "School was hard.",
    "High School was hard.",
    "Every morning she walked to school.",
    "she dropped out of high school",
    "she slept in a shelter",
    "Shelters were full that winter.",
    "she stayed at a shelter for some weeks",
    "the police picked her up twice",
    "Police came. Court was next.",
    "The Police came.",
    "she is afraid of the police",
    "social services took her in",
    "Social services took her in.",
    "she aged out of foster care",
    "Foster care ended when she aged out.",
    "she ran away from a group home",
    "she lied in court",
    "Court hearings scared her.",
    "she spent time in juvenile court",
    "she saw a doctor at a clinic",
    "she went to a hospital once",
    "a week later she left",
    "some weeks she earns more",
    "every morning she checks her phone",
    "the last night she spent at home",
    "her last week of school",
    "in the last month of the pregnancy",
    "a record number of arrests",
    "just in case no one came",
    "she packed a bag in case I'd call",
    "a sharp intake of breath",
    "her food intake was poor",
    "she referred to it as work",
    "she was referred to as the kid",
    "she referred to herself as a school friend",
    "she iced her ankle",
    "she works a few evenings a month",
    "she keeps savings for the winter",
]


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [(text, kind, phrase) for _, text, kind, phrase in CASE_RECORD],
    ids=[case for case, _, _, _ in CASE_RECORD],
)
def test_case_record_phrases_are_found(text: str, kind: str, phrase: str) -> None:
    findings = find_case_record_phrases(text)
    assert any(f.kind == kind and phrase in f.excerpt for f in findings), findings


@pytest.mark.parametrize(
    "text",
    [text for _, text, _, _ in CASE_RECORD],
    ids=[case for case, _, _, _ in CASE_RECORD],
)
def test_a_case_record_phrase_is_warned_about_not_refused(text: str) -> None:
    assert case_record_warnings(text)
    assert check_no_personal_data(text) == text


@pytest.mark.parametrize("text", NOT_CASE_RECORD)
def test_ordinary_narrative_reads_like_no_case_record(text: str) -> None:
    assert find_case_record_phrases(text) == []
    assert case_record_warnings(text) == []


def test_the_warning_names_the_phrase_and_its_kind() -> None:
    warnings = case_record_warnings("Last night she slept at Hope Shelter.")
    assert warnings == [
        "reads like a case record: a recent time ('Last night'); "
        "personas are fictional composites, so describe it in general terms",
        "reads like a case record: a named school or agency ('Hope Shelter'); "
        "personas are fictional composites, so describe it in general terms",
    ]


def test_one_warning_per_phrase() -> None:
    text = "She was referred to the shelter at intake this week by CPS."
    findings = find_case_record_phrases(text)
    assert [f.kind for f in findings] == [REFERRAL, CASE_NUMBER, RECENT, NAMED]
    assert len(case_record_warnings(text)) == len(findings)


def test_a_long_name_is_quoted_only_in_part() -> None:
    name = "Los Angeles County Department of Children and Family Services"
    [finding] = find_case_record_phrases(f"placed by the {name}")
    assert finding.kind == NAMED
    assert len(finding.excerpt) == MAX_EXCERPT
    assert finding.excerpt.endswith("…")
    assert name not in case_record_warnings(f"placed by the {name}")[0]


# Words that build case-record phrases and near misses, so the property below exercises every
# pattern rather than only the random text that matches none.
CASE_RECORD_WORDS = (
    "she", "was", "referred", "to", "by", "as", "the", "a", "referral", "case", "file", "client",
    "record", "number", "No.", "#", "ID", "of", "at", "intake", "interview", "this", "last",
    "night", "week", "morning", "month", "today", "Lincoln", "High", "School", "Hope", "Shelter",
    "Department", "Children", "and", "Families", "St.", "Mary's", "CPS", "ICE", "Police", "Court",
    "The", "police", "court", "school", "shelter", "\n", ".", ",",
)  # fmt: skip
CASE_RECORD_KINDS = {REFERRAL, CASE_NUMBER, RECENT, NAMED}


@given(
    st.one_of(
        st.text(),
        st.lists(st.sampled_from(CASE_RECORD_WORDS), max_size=40).map(" ".join),
    )
)
def test_the_case_record_check_never_fails_and_quotes_short_excerpts(text: str) -> None:
    findings = find_case_record_phrases(text)
    warnings = case_record_warnings(text)
    assert len(warnings) == len(findings)
    for finding in findings:
        assert finding.kind in CASE_RECORD_KINDS
        assert 0 < len(finding.excerpt) <= MAX_EXCERPT
        assert finding.excerpt.removesuffix("…") in text
