"""The fields of a persona: age bands, the text fields and their guards, the self-placement,
and the factor values.

Each text field is checked in layers: its length first, then that it is plain text (no control
characters), then the anonymization guard, which only ever reads short text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    create_model,
)

from model.factors import FactorKind, factor_catalogue
from model.privacy import check_no_personal_data
from model.problems import has_control_characters


class AgeBand(StrEnum):
    """Age bands, never exact ages. Minors and adults never share a band."""

    MINOR_UNDER_16 = "minor_under_16"
    MINOR_16_17 = "minor_16_17"
    ADULT_18_24 = "adult_18_24"
    ADULT_25_39 = "adult_25_39"
    ADULT_40_PLUS = "adult_40_plus"

    @property
    def is_minor(self) -> bool:
        return self.value.startswith("minor")

    @property
    def label(self) -> str:
        return _AGE_LABELS[self]


_AGE_LABELS = {
    AgeBand.MINOR_UNDER_16: "Under 16 (minor)",
    AgeBand.MINOR_16_17: "16–17 (minor)",
    AgeBand.ADULT_18_24: "18–24",
    AgeBand.ADULT_25_39: "25–39",
    AgeBand.ADULT_40_PLUS: "40 and over",
}

NOT_STATED = "not_stated"

MAX_NARRATIVE = 1500
WHY_THRESHOLD = 0.2
"""A factor value (or violence) at or above this needs a ``why`` quoted from the narrative."""
VIOLENCE = "violence"
"""The key of violence in ``why``: it is recorded beside the factors, not among them."""

PersonaId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=40),
]
_GUARD = AfterValidator(check_no_personal_data)
"""The anonymization guard, placed after each field's length limits: it only reads short text."""


def _one_line(text: str) -> str:
    """Refuse control characters (line breaks included): a label is one plain line."""
    found = has_control_characters(text)
    if found:
        raise ValueError(f"holds a control character ({found}); write plain text on one line")
    return text


def plain_lines(text: str) -> str:
    """Refuse control characters other than line breaks and tabs."""
    found = has_control_characters(text, newlines=True)
    if found:
        raise ValueError(f"holds a control character ({found}); write plain text")
    return text


_ONE_LINE = AfterValidator(_one_line)
_PLAIN_LINES = AfterValidator(plain_lines)
Label = Annotated[str, StringConstraints(min_length=3, max_length=80), _ONE_LINE, _GUARD]
SelfDescription = Annotated[str, StringConstraints(min_length=3, max_length=300), _ONE_LINE, _GUARD]
Narrative = Annotated[
    str, StringConstraints(min_length=40, max_length=MAX_NARRATIVE), _PLAIN_LINES, _GUARD
]
Why = Annotated[str, StringConstraints(min_length=3, max_length=160), _ONE_LINE, _GUARD]


def folded(text: str) -> str:
    """Lowercase with runs of white space as one space: how a ``why`` is found in a narrative."""
    return " ".join(text.lower().split())


def _self_placement(value: Any) -> float | str:
    """A number in [0, 1] or the text "not_stated", with one clear message for anything else."""
    if value == NOT_STATED:
        return NOT_STATED
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if 0.0 <= number <= 1.0:  # False for NaN
            return number
    raise ValueError(f'must be a number from 0 (choice) to 1 (coercion), or "{NOT_STATED}"')


SelfPlacement = Annotated[
    float | Literal["not_stated"],
    PlainValidator(_self_placement),
    WithJsonSchema(
        {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"const": NOT_STATED}]}
    ),
]


def _factor_values_model() -> type[BaseModel]:
    """A model with one field per catalogue factor: capitals required, the rest default to 0.

    Built from the catalogue so the JSON Schema and the checks never drift from it.
    """
    fields: dict[str, Any] = {}
    for factor in factor_catalogue().factors:
        required = factor.kind is FactorKind.CAPITAL
        fields[factor.id] = (
            float,
            Field(
                ... if required else 0.0,
                ge=0,
                le=1,
                description=f"{factor.label} ({factor.kind.value}): {factor.description}",
            ),
        )
    return create_model(
        "FactorValues",
        # Strict: a factor value is a number, never a string or a boolean that looks like one.
        __config__=ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, strict=True),
        __doc__=(
            "Each factor's strength for this persona, 0 (absent) to 1 (as strong as it gets). "
            "Capitals must be given; the other factors left out are absent (0)."
        ),
        **fields,
    )


FactorValues = _factor_values_model()
