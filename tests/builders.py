"""One persona builder for every test suite: valid persona data, changed only where a test says.

``persona_data("u01-upload", poverty=0.9, label="…")`` is the data a persona file holds: a poor
adult (the dashboard's and the browser's upload, the CLI's good file, the model's loading and
privacy tests), with a ``why`` for every value that needs one, quoting the narrative. Write it
with ``as_toml`` or ``as_json``, or build the model's object with ``persona``.

Hypothesis draws its own personas (``tests/strategies.py``) and grounds them with the same
:func:`grounded_why`.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Final

import tomli_w

import model
from model import Persona, factor_catalogue
from model.personas import VIOLENCE

NARRATIVE: Final = (
    "A fictional composite written for the tests. She lost her job, took on debts to keep her "
    "flat, and began seeing clients on her own terms to pay the rent."
)
FACTORS: Final[dict[str, float]] = {
    "social_capital": 0.4,
    "economic_capital": 0.2,
    "cultural_capital": 0.5,
    "poverty": 0.7,
}
LOW_CAPITALS: Final[dict[str, float]] = {
    "social_capital": 0.1,
    "economic_capital": 0.1,
    "cultural_capital": 0.1,
}
"""Capitals below the ``why`` threshold: pass them to leave only the values a test cares about."""

_BASE: Final[dict[str, Any]] = {
    "label": "Adult selling sex to cover rent after a job loss",
    "age_band": "adult_25_39",
    "self_placement": 0.4,
    "narrative": NARRATIVE,
    "factors": FACTORS,
    "sources": [{"ref": "L64", "note": "A composite of economic trade-offs."}],
}


class _Omit:
    def __repr__(self) -> str:
        return "OMIT"


OMIT: Final = _Omit()
"""A change that leaves the field out of the data altogether."""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def grounded_why(data: dict[str, Any]) -> dict[str, str]:
    """A ``why`` for every factor (and violence) at or above the threshold: the narrative's first
    three words, which it contains word for word. Values that are not numbers are left to the
    model to refuse."""
    phrase = " ".join(str(data.get("narrative", "")).split()[:3])
    known = set(factor_catalogue().ids)
    factors = data.get("factors", {})
    values = {key: value for key, value in factors.items() if key in known}
    values[VIOLENCE] = data.get("violence", 0.0)
    return {
        key: phrase
        for key, value in values.items()
        if _is_number(value) and value >= model.WHY_THRESHOLD
    }


def persona_data(persona_id: str = "p-test", /, **changes: Any) -> dict[str, Any]:
    """Valid persona data with ``changes`` applied, as a persona file holds it.

    A change named after a factor (``poverty=0.9``) sets that factor's value; ``factors=``
    replaces them all (applied first); any other name sets (or adds) a field, and ``OMIT``
    leaves it out. ``why``, unless given, grounds every value that needs one in the narrative
    (:func:`grounded_why`); give ``why={}`` to leave them ungrounded.
    """
    data: dict[str, Any] = {"id": persona_id, **copy.deepcopy(_BASE)}
    catalogue = set(factor_catalogue().ids)
    if "factors" in changes:
        data["factors"] = dict(changes.pop("factors"))
    why = changes.pop("why", None)
    for key, value in changes.items():
        if key in catalogue:
            data["factors"][key] = value
        elif value is OMIT:
            data.pop(key, None)
        else:
            data[key] = value
    data["why"] = grounded_why(data) if why is None else why
    return data


def persona(persona_id: str = "p-test", /, **changes: Any) -> Persona:
    """:func:`persona_data` as the model's :class:`~model.Persona`, validated as a file is."""
    return Persona.model_validate(persona_data(persona_id, **changes))


def as_toml(data: dict[str, Any]) -> bytes:
    """Persona data as a TOML file, the bundled personas' format."""
    return tomli_w.dumps(data).encode("utf-8")


def as_json(data: Any) -> bytes:
    """Persona data (or ``{"personas": […]}``) as a JSON file; NaN is written as ``NaN``."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def persona_toml(persona_id: str = "p-test", /, **changes: Any) -> bytes:
    """``as_toml(persona_data(persona_id, **changes))``: an upload ready for the dashboard."""
    return as_toml(persona_data(persona_id, **changes))
