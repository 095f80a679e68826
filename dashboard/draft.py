"""A persona being built in the browser: its fields, checked by the model as they change.

The builder page (``views/builder.py``) keeps each field in ``st.session_state`` under the keys
named here; this module turns those values into persona data, validates it with
``model.Persona.model_validate`` and files every problem under the field it concerns, so the page
can show each one beside its control. Nothing here touches Streamlit: it is pure, and tested so.

While the text is still incomplete the placement is already known: the factors, age band,
self-placement and violence decide it, so :func:`provisional` places a draft whose story is not
yet written (and the page says it is provisional).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import tomli_w
from pydantic import ValidationError

from model import AgeBand, Citation, Persona, factor_catalogue, response_catalogue
from model.explanation import NOTICE
from model.personas import (
    NOT_STATED,
    VIOLENCE,
    WHY_THRESHOLD,
    case_record_problems,
    persona_to_data,
)

_FACTOR_VALUES: Any = Persona.model_fields["factors"].annotation
"""The model's factor-values class (built from the catalogue), to check a draft's factors alone."""

PREFIX = "builder_"
ID, LABEL, AGE, STATED, SELF, SELF_DESCRIPTION, NARRATIVE, VIOLENCE_KEY, SOURCES = (
    f"{PREFIX}{name}"
    for name in (
        "id",
        "label",
        "age_band",
        "stated",
        "self_placement",
        "self_description",
        "narrative",
        "violence",
        "sources",
    )
)
"""Session keys of the fields that are not factors."""

FIELDS = (
    "id",
    "label",
    "age_band",
    "self_placement",
    "self_description",
    "narrative",
    "violence",
    "sources",
)
"""The persona's own fields, as its validation errors name them."""

GENERAL = "general"
"""Where a problem that concerns no one field is filed."""


def factor_key(factor_id: str) -> str:
    return f"{PREFIX}factor_{factor_id}"


def why_key(factor_id: str) -> str:
    """``factor_id`` may be ``violence``: its ``why`` is kept like a factor's."""
    return f"{PREFIX}why_{factor_id}"


def why_field(factor_id: str) -> str:
    return f"why.{factor_id}"


def factor_field(factor_id: str) -> str:
    return f"factors.{factor_id}"


# --- the passages a persona may draw on -----------------------------------------------------


def _source_key(c: Citation) -> str:
    return f"{c.ref}|{c.quote or ''}"


@cache
def source_choices() -> dict[str, Citation]:
    """The essays' passages the model already cites (factors, responses, cautions, bundled
    personas), each once, without the note of wherever it was cited: key → citation."""
    from model import load_personas
    from personas import bundled_path  # the bundled folder; imported here to keep this pure

    cited: list[Citation] = []
    for factor in factor_catalogue().factors:
        cited.extend(factor.sources)
    catalogue = response_catalogue()
    for intervention in catalogue.interventions:
        cited.extend(intervention.sources)
    for caution in catalogue.cautions:
        cited.extend(caution.sources)
    with bundled_path() as folder:
        for persona in load_personas([folder]).personas:
            cited.extend(persona.sources)
    chosen: dict[str, Citation] = {}
    for c in cited:
        if c.essay is None:
            continue
        bare = Citation(ref=c.ref, quote=c.quote)
        chosen.setdefault(_source_key(bare), bare)
    lines = {key: (c.lines or (0, 0)) for key, c in chosen.items()}
    return dict(sorted(chosen.items(), key=lambda kv: (lines[kv[0]], kv[0])))


def source_label(key: str) -> str:
    return source_choices()[key].display()


# --- the fields' starting values --------------------------------------------------------------


def blank() -> dict[str, Any]:
    """A new draft: an adult who has not said where they stand, with middling capitals."""
    values: dict[str, Any] = {
        ID: "my-composite",
        LABEL: "",
        AGE: AgeBand.ADULT_25_39.value,
        STATED: False,
        SELF: 0.5,
        SELF_DESCRIPTION: "",
        NARRATIVE: "",
        VIOLENCE_KEY: 0.0,
        SOURCES: [],
        why_key(VIOLENCE): "",
    }
    for factor in factor_catalogue().factors:
        values[factor_key(factor.id)] = 0.0
        values[why_key(factor.id)] = ""
    return values


def from_persona(persona: Persona, new_id: str) -> dict[str, Any]:
    """The fields of a copy of ``persona``, under ``new_id`` (its sources by passage)."""
    values = blank()
    stated = persona.stated_placement
    values.update(
        {
            ID: new_id,
            LABEL: persona.label,
            AGE: persona.age_band.value,
            STATED: stated is not None,
            SELF: 0.5 if stated is None else stated,
            SELF_DESCRIPTION: persona.self_description or "",
            NARRATIVE: persona.narrative,
            VIOLENCE_KEY: persona.violence,
        }
    )
    for factor_id, value in persona.factor_values().items():
        values[factor_key(factor_id)] = value
    for key, phrase in persona.why.items():
        values[why_key(key)] = phrase
    choices = source_choices()
    values[SOURCES] = [
        key for key in dict.fromkeys(_source_key(Citation(ref=c.ref, quote=c.quote))
                                     for c in persona.sources) if key in choices
    ]  # fmt: skip
    return values


# --- from the fields to a persona -------------------------------------------------------------


def _text(state: Mapping[str, Any], key: str) -> str:
    value = state.get(key)
    return value if isinstance(value, str) else ""


def needs_why(value: float) -> bool:
    return value >= WHY_THRESHOLD


def data_from(state: Mapping[str, Any]) -> dict[str, Any]:
    """The persona data the fields hold, in the shape a persona file holds."""
    factors = {f.id: float(state.get(factor_key(f.id), 0.0)) for f in factor_catalogue().factors}
    violence = float(state.get(VIOLENCE_KEY, 0.0))
    why = {}
    for key, value in (*factors.items(), (VIOLENCE, violence)):
        phrase = _text(state, why_key(key)).strip()
        if phrase and value > 0:
            why[key] = phrase
    data: dict[str, Any] = {
        "id": _text(state, ID).strip(),
        "label": _text(state, LABEL).strip(),
        "age_band": state.get(AGE, AgeBand.ADULT_25_39.value),
        "self_placement": float(state.get(SELF, 0.5)) if state.get(STATED) else NOT_STATED,
        "narrative": _text(state, NARRATIVE).strip(),
        "factors": factors,
        "violence": violence,
        "why": why,
        "sources": [
            {"ref": c.ref, "quote": c.quote}
            for key in state.get(SOURCES, [])
            if (c := source_choices().get(key)) is not None
        ],
    }
    description = _text(state, SELF_DESCRIPTION).strip()
    if description:
        data["self_description"] = description
    return data


def _field_of(loc: Sequence[int | str]) -> str:
    if not loc:
        return GENERAL
    head = str(loc[0])
    if head in ("factors", "why") and len(loc) > 1:
        return f"{head}.{loc[1]}"
    return head if head in FIELDS else GENERAL


def _message(detail: Mapping[str, Any]) -> str:
    text = _plain_message(detail)
    return text[:1].upper() + text[1:]


def _plain_message(detail: Mapping[str, Any]) -> str:
    kind = detail["type"]
    if kind == "missing":
        return "required"
    if kind == "string_too_short":
        least = detail.get("ctx", {}).get("min_length")
        return f"write at least {least} characters" if least else "too short"
    if kind == "too_short" and detail["loc"] and detail["loc"][0] == "sources":
        return "pick at least one passage the persona draws on"
    if kind == "string_pattern_mismatch":
        return "use lowercase letters, digits and single hyphens, like `my-composite`"
    message = str(detail["msg"]).removeprefix("Value error, ")
    loc = detail["loc"]
    if len(loc) == 2 and loc[0] == "why" and message.startswith("required:"):
        return (
            f"Required: this value is {WHY_THRESHOLD:g} or more, so quote the words of the "
            "story that ground it"
        )
    return message


@dataclass
class Checked:
    """A draft as the model sees it: the persona if valid, else the problems by field."""

    data: dict[str, Any]
    persona: Persona | None = None
    problems: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    def of(self, name: str) -> list[str]:
        return self.problems.get(name, [])

    def is_empty(self, name: str) -> bool:
        """Whether the field ``name`` (``why.<key>`` for a why) holds nothing yet."""
        if name.startswith("why."):
            value: Any = self.data["why"].get(name.removeprefix("why."))
        else:
            value = self.data.get(name)
        return value in (None, "", [])

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.problems.values())


def _file(checked: Checked, error: ValidationError, only: str = "") -> None:
    for detail in error.errors(include_url=False):
        name = _field_of(detail["loc"])
        if name.startswith(only):
            checked.problems.setdefault(name, []).append(_message(detail))


_FILLER = " —" * 20
"""Pads a story still too short, so the ``why`` phrases can be checked against it meanwhile."""


def _check_whys(checked: Checked) -> None:
    """The model checks the ``why`` phrases only once every field is valid; so that they are
    shown at once, check them again with stand-ins for the fields still wrong (never for the
    story's own refusals: a story refused as personal data is not checked against)."""
    stand_in = dict(checked.data)
    stand_in["why"] = dict(checked.data["why"])
    for name, messages in checked.problems.items():
        if name.startswith("why."):
            stand_in["why"].pop(name.removeprefix("why."), None)
        elif name == "narrative":
            if not all(m.startswith("Write at least") for m in messages):
                return
            stand_in["narrative"] = f"{checked.data['narrative']}{_FILLER}"
        elif name in ("id", "label", "self_description", "sources", "age_band"):
            stand_in.update(_STAND_INS[name])
        else:
            return
    try:
        Persona.model_validate(stand_in)
    except ValidationError as error:
        found = Checked(checked.data)
        _file(found, error, only="why.")
        for name, messages in found.problems.items():
            checked.problems.setdefault(name, messages)


_STAND_INS: dict[str, dict[str, Any]] = {
    "id": {"id": "draft"},
    "label": {"label": "Draft persona"},
    "self_description": {"self_description": None},
    "age_band": {"age_band": AgeBand.ADULT_25_39.value},
    "sources": {"sources": [{"ref": "L42"}]},
}


def check(state: Mapping[str, Any], taken: Iterable[str] = ()) -> Checked:
    """Validate the draft with the model; ``taken`` are ids already in this session."""
    data = data_from(state)
    checked = Checked(data)
    try:
        persona = Persona.model_validate(data)
    except ValidationError as error:
        _file(checked, error)
        _check_whys(checked)
        return checked
    if persona.id in set(taken):
        checked.problems["id"] = [
            f"`{persona.id}` is already a persona in this session: choose another id"
        ]
    for problem in case_record_problems(persona, "builder"):
        checked.warnings.setdefault(problem.field, []).append(problem.message)
    checked.persona = persona
    return checked


def provisional(data: Mapping[str, Any]) -> Persona | None:
    """A persona that carries only what places it (factors, age band, self-placement,
    violence), for a draft whose text is not yet valid; None if those are not valid either."""
    try:
        factors = _FACTOR_VALUES.model_validate(data["factors"])
        age = AgeBand(data["age_band"])
    except (ValidationError, ValueError):
        return None
    return Persona.model_construct(
        id=data["id"] or "draft",
        label=data["label"] or "Draft persona",
        age_band=age,
        factors=factors,
        self_placement=data["self_placement"],
        self_description=None,
        violence=data["violence"],
        narrative=data["narrative"],
        why={},
        sources=(),
    )


def persona_toml(persona: Persona) -> str:
    """One persona as a TOML file, the notice first; ``model.load_persona_bytes`` reads it back
    unchanged."""
    return f"# {NOTICE}\n" + tomli_w.dumps(persona_to_data(persona))
