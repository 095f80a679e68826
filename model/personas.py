"""Personas: anonymized, fictional composites, and the loaders that read and check them.

A persona has a pseudonymous id and never a name, an age band and never an exact age, a value
in [0, 1] for each factor, its own placement on the spectrum (or "not stated", L50), a short
fictional narrative, and the passages it draws on. Every factor value of 0.2 or more carries a
``why``: a phrase of the persona's own narrative that grounds it, so the numbers match the story.
Violence is recorded apart from the factors (L70) and grounded the same way. A file holds one
persona, or a list of them under ``personas``; TOML and JSON are both read. Text that reads like a
real case record (a referral, a case number, "this week", a named agency) is accepted with a
warning naming the phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from model.documents import load_bytes, read_document
from model.persona_fields import (
    MAX_NARRATIVE,
    NOT_STATED,
    VIOLENCE,
    WHY_THRESHOLD,
    AgeBand,
    FactorValues,
    Label,
    Narrative,
    PersonaId,
    SelfDescription,
    SelfPlacement,
    Why,
    folded,
    plain_lines,
)
from model.privacy import case_record_warnings, check_no_personal_data
from model.problems import (
    NO_ITEM,
    InputError,
    Problem,
    problems_from_validation,
)
from model.sources import Citation

__all__ = [
    "MAX_NARRATIVE",
    "MAX_PERSONAS_PER_FILE",
    "NOT_STATED",
    "VIOLENCE",
    "WHY_THRESHOLD",
    "AgeBand",
    "Persona",
    "PersonaCollection",
    "PersonaFile",
    "PersonaSet",
    "case_record_problems",
    "load_persona_bytes",
    "load_personas",
    "persona_file_schema",
    "persona_to_data",
    "personas_from_data",
]

MAX_PERSONAS_PER_FILE = 500


class Persona(BaseModel):
    """A fictional, anonymized composite placed on the spectrum.

    There is deliberately no name field; an unknown field such as ``name`` is refused.
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    id: PersonaId = Field(description="A pseudonymous id: lowercase letters, digits, hyphens.")
    label: Label = Field(description="A short descriptive label, never a name.")
    age_band: AgeBand
    if TYPE_CHECKING:  # the class is built at import time from the catalogue
        factors: BaseModel
    else:
        factors: FactorValues
    self_placement: SelfPlacement = Field(
        description=(
            "Where the persona places themself on the axis, 0 (choice) to 1 (coercion), "
            'or "not_stated". Kept beside the assessment, never overwritten (L50).'
        ),
    )
    self_description: SelfDescription | None = Field(
        default=None, description="How the persona describes their own situation."
    )
    violence: float = Field(
        default=0.0,
        ge=0,
        le=1,
        strict=True,
        description=(
            "Violence experienced, from anyone, 0 (none) to 1. Recorded apart from the factors "
            "and never moves the position: it is common across the spectrum and always calls "
            "for support (L70)."
        ),
    )
    narrative: Narrative = Field(
        description="A short fictional narrative, in the author's own words."
    )
    why: dict[str, Why] = Field(
        default_factory=dict,
        description=(
            f"Factor id (or `{VIOLENCE}`) to a phrase of the narrative, word for word, that "
            f"grounds its value. Required for every value of {WHY_THRESHOLD} or more."
        ),
    )
    sources: tuple[Citation, ...] = Field(
        min_length=1, max_length=20, description="The passages the persona draws on."
    )

    @field_validator("sources")
    @classmethod
    def _citations_are_anonymous(cls, value: tuple[Citation, ...]) -> tuple[Citation, ...]:
        """Guard each quote and note, reporting a refusal at ``sources[i].note`` (or
        ``.quote``) rather than at ``sources``."""
        refused = []
        for index, citation in enumerate(value):
            # Quotes too: a file's "quote" is the author's text until the ledger has checked it.
            for name, text in (("quote", citation.quote), ("note", citation.note)):
                if not text:
                    continue
                try:
                    plain_lines(text)
                    check_no_personal_data(text)
                except ValueError as error:
                    refused.append(
                        InitErrorDetails(
                            type=PydanticCustomError(
                                "value_error", "{reason}", {"reason": str(error)}
                            ),
                            loc=(index, name),
                            input=text,
                        )
                    )
        if refused:
            raise ValidationError.from_exception_data(cls.__name__, refused)
        return value

    @model_validator(mode="after")
    def _values_grounded_in_the_story(self) -> Self:
        """Every value that matters is grounded in a phrase of this persona's own narrative."""
        values = {**self.factor_values(), VIOLENCE: self.violence}
        narrative = folded(self.narrative)
        errors = []

        def refuse(key: str, message: str, given: object) -> None:
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError("value_error", "{reason}", {"reason": message}),
                    loc=("why", key),
                    input=given,
                )
            )

        for key, phrase in self.why.items():
            if key not in values:
                refuse(key, f"not a factor (known: {', '.join(values)})", phrase)
            elif folded(phrase) not in narrative:
                refuse(key, "must quote a phrase of this persona's narrative word for word", phrase)
        for key, value in values.items():
            if value >= WHY_THRESHOLD and key not in self.why:
                where = key if key == VIOLENCE else f"factors.{key}"
                refuse(
                    key,
                    f"required: {where} is {value:g}, so quote the phrase of the narrative "
                    "that grounds it",
                    None,
                )
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self

    @property
    def is_minor(self) -> bool:
        return self.age_band.is_minor

    @property
    def stated_placement(self) -> float | None:
        """The self-placement as a number, or None when not stated."""
        return None if isinstance(self.self_placement, str) else self.self_placement

    def factor_values(self) -> dict[str, float]:
        """Factor id to value, in catalogue order."""
        values: dict[str, float] = self.factors.model_dump()
        return values


ItemT = TypeVar("ItemT")


class PersonaFile(BaseModel, Generic[ItemT]):
    """The envelope of a file holding several personas (for example, a downloaded set).

    One definition, two uses: ``PersonaFile[Persona]`` is the schema; loading checks the
    envelope as ``PersonaFile[Any]`` and then each persona on its own, so one bad persona never
    hides the others.
    """

    model_config = ConfigDict(extra="forbid")

    personas: list[ItemT] = Field(min_length=1, max_length=MAX_PERSONAS_PER_FILE)


PersonaCollection = PersonaFile[Persona]


_NAME_FIELDS = ("name", "first_name", "last_name", "full_name", "surname", "real_name")
_RENAMES = {
    key: "personas have no name field: identify a persona only by its pseudonymous id"
    for key in _NAME_FIELDS
}
_RENAMES.update(
    {
        "age": "personas have no exact age: use age_band",
        "date_of_birth": "personas have no date of birth: use age_band",
        "dob": "personas have no date of birth: use age_band",
    }
)


@cache
def persona_file_schema() -> dict[str, Any]:
    """JSON Schema for a persona file: one persona, or ``{"personas": [...]}``."""
    adapter: TypeAdapter[Persona | PersonaCollection] = TypeAdapter(Persona | PersonaCollection)
    schema = adapter.json_schema()
    schema["title"] = "Persona file"
    schema["description"] = (
        "One fictional, anonymized persona, or a list of them under `personas`. "
        "Read by `spectrum validate` and the dashboard's upload."
    )
    return schema


@dataclass
class PersonaSet:
    """Personas loaded from one or more files, with every problem found along the way."""

    personas: list[Persona] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Accepted, but worth a look: text that reads like a real case record."""
    origins: dict[str, str] = field(default_factory=dict)
    """Persona id to the file it came from."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_id(self) -> dict[str, Persona]:
        return {p.id: p for p in self.personas}

    def add(self, persona: Persona, origin: str) -> None:
        """Add a persona, or record a problem if its id is already taken."""
        if persona.id in self.origins:
            first = self.origins[persona.id]
            self.problems.append(
                Problem(origin, persona.id, "id", f"duplicate id (first defined in {first})")
            )
            return
        self.personas.append(persona)
        self.origins[persona.id] = origin

    def extend(self, other: PersonaSet) -> None:
        self.problems.extend(other.problems)
        self.warnings.extend(other.warnings)
        for persona in other.personas:
            self.add(persona, other.origins[persona.id])


def _item_name(raw: Any, fallback: str) -> str:
    if isinstance(raw, Mapping):
        candidate = raw.get("id")
        if isinstance(candidate, str) and 0 < len(candidate) <= 40 and candidate.isprintable():
            return candidate
    return fallback


def personas_from_data(data: Mapping[str, Any], path: str) -> PersonaSet:
    """Validate a parsed document as one persona or a collection; each persona separately."""
    result = PersonaSet()
    if "personas" in data:
        try:
            items = PersonaFile[Any].model_validate(data).personas
        except ValidationError as error:
            result.problems.extend(problems_from_validation(error, path, NO_ITEM))
            return result
        entries: list[tuple[str, Any, tuple[str | int, ...]]] = [
            (f"personas[{i}]", item, ("personas", i)) for i, item in enumerate(items)
        ]
    else:
        entries = [("-", data, ())]
    for fallback, raw, prefix in entries:
        item = _item_name(raw, fallback)
        try:
            persona = Persona.model_validate(raw)
        except ValidationError as error:
            result.problems.extend(
                problems_from_validation(error, path, item, loc_prefix=prefix, renames=_RENAMES)
            )
            continue
        result.add(persona, path)
        result.warnings.extend(case_record_problems(persona, path))
    return result


def case_record_problems(persona: Persona, path: str) -> list[Problem]:
    """Warnings for text that reads like a real case record, one per phrase and field."""
    texts: list[tuple[str, str | None]] = [
        ("label", persona.label),
        ("self_description", persona.self_description),
        ("narrative", persona.narrative),
        *((f"why.{key}", phrase) for key, phrase in persona.why.items()),
        *((f"sources[{i}].note", c.note) for i, c in enumerate(persona.sources)),
    ]
    return [
        Problem(path, persona.id, name, message)
        for name, text in texts
        if text
        for message in case_record_warnings(text)
    ]


def _persona_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".toml", ".json")
        )
    return [path]


def load_personas(paths: Iterable[str | Path]) -> PersonaSet:
    """Read persona files and folders; every file is checked even when others are bad."""
    result = PersonaSet()
    for given in paths:
        given_path = Path(given)
        if not given_path.exists():
            result.problems.append(Problem(str(given), NO_ITEM, NO_ITEM, "no such file or folder"))
            continue
        files = _persona_files(given_path)
        if given_path.is_dir() and not files:
            result.problems.append(
                Problem(str(given), NO_ITEM, NO_ITEM, "folder holds no .toml or .json files")
            )
        for file in files:
            try:
                data = read_document(file)
            except InputError as error:
                result.problems.extend(error.problems)
                continue
            result.extend(personas_from_data(data, str(file)))
    return result


def load_persona_bytes(data: bytes, name: str) -> PersonaSet:
    """Read an uploaded persona file, reporting problems rather than raising."""
    try:
        document = load_bytes(data, name)
    except InputError as error:
        return PersonaSet(problems=error.problems)
    return personas_from_data(document, name)


def persona_to_data(persona: Persona) -> dict[str, Any]:
    """A persona as plain data, in the shape the loaders read back."""
    data: dict[str, Any] = persona.model_dump(mode="json", exclude_none=True)
    return data
