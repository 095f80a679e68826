"""Hypothesis strategies for the model: factor values, personas and valid configurations.

Every strategy here builds objects through the model's own validation (``Persona.model_validate``,
``ModelConfig.model_validate``), so whatever it draws is something a user could load.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

import model
from model import AgeBand, FactorKind, ModelConfig, Persona, factor_catalogue
from tests.builders import grounded_why

FACTOR_IDS: tuple[str, ...] = factor_catalogue().ids
CAPITAL_IDS: tuple[str, ...] = tuple(f.id for f in factor_catalogue().of_kind(FactorKind.CAPITAL))
HARDSHIP_IDS: tuple[str, ...] = tuple(f.id for f in factor_catalogue().of_kind(FactorKind.HARDSHIP))
STRUGGLE_IDS: tuple[str, ...] = tuple(f.id for f in factor_catalogue().of_kind(FactorKind.STRUGGLE))
RISK_IDS: tuple[str, ...] = HARDSHIP_IDS + STRUGGLE_IDS
CONTROL_IDS: tuple[str, ...] = tuple(f.id for f in factor_catalogue().of_kind(FactorKind.CONTROL))
DECISIVE_IDS: tuple[str, ...] = tuple(f.id for f in factor_catalogue().factors if f.decisive)

MAX_WEIGHT = 10.0

# Plain words with no digits, dots, "@", month names, number words or age words: any sentence
# made of them passes the anonymization guard, whatever the order.
SAFE_WORDS: tuple[str, ...] = (
    "she", "he", "they", "works", "evenings", "family", "rent", "help", "home", "friends",
    "money", "school", "shelter", "support", "quiet", "chooses", "trade", "long", "hard",
    "nights", "worries", "city", "job", "office", "clients", "savings", "alone", "safe",
    "housing", "care", "needs", "left", "stays", "with", "older", "younger", "partner",
    "cousin", "counsellor", "debts", "bills", "food", "clothes", "without", "papers",
)  # fmt: skip

CITATION_REFS: tuple[str, ...] = ("L17", "L19", "L42", "L48", "L50", "L58", "L60-L62", "L64")

unit_floats = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)


def factor_values() -> st.SearchStrategy[dict[str, float]]:
    """A value in [0, 1] for every factor of the catalogue."""
    return st.fixed_dictionaries({fid: unit_floats for fid in FACTOR_IDS})


def plain_text(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(SAFE_WORDS), min_size=min_words, max_size=max_words).map(
        " ".join
    )


def persona_ids() -> st.SearchStrategy[str]:
    """Pseudonymous ids in the persona id syntax: lowercase letters, digits, single hyphens."""
    return st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12).map(
        lambda suffix: f"p-{suffix}"
    )


@st.composite
def persona_data(
    draw: st.DrawFn,
    *,
    age_bands: st.SearchStrategy[AgeBand] | None = None,
    values: st.SearchStrategy[dict[str, float]] | None = None,
    self_placements: st.SearchStrategy[float | str] | None = None,
) -> dict[str, Any]:
    """A persona as the plain data a persona file holds.

    Every value that needs a ``why`` gets one (``tests.builders.grounded_why``): the
    narrative's first words, which it contains.
    """
    data: dict[str, Any] = {
        "id": draw(persona_ids()),
        "label": draw(plain_text(1, 8).filter(lambda text: 3 <= len(text) <= 80)),
        "age_band": draw(st.sampled_from(AgeBand) if age_bands is None else age_bands).value,
        "factors": draw(factor_values() if values is None else values),
        "self_placement": draw(
            st.one_of(unit_floats, st.just("not_stated"))
            if self_placements is None
            else self_placements
        ),
        # Every safe word has at least two letters: twenty words and their spaces exceed the
        # 40 characters a narrative needs, and sixty stay well inside its 1500.
        "narrative": draw(plain_text(20, 60)),
        "sources": draw(
            st.lists(
                st.sampled_from(CITATION_REFS).map(lambda ref: {"ref": ref}), min_size=1, max_size=3
            )
        ),
    }
    description = draw(st.none() | plain_text(2, 12).filter(lambda text: 3 <= len(text) <= 300))
    if description is not None:
        data["self_description"] = description
    violence = draw(st.one_of(st.just(0.0), unit_floats))
    if violence:
        data["violence"] = violence
    data["why"] = grounded_why(data)
    return data


def personas(
    *,
    age_bands: st.SearchStrategy[AgeBand] | None = None,
    values: st.SearchStrategy[dict[str, float]] | None = None,
    self_placements: st.SearchStrategy[float | str] | None = None,
) -> st.SearchStrategy[Persona]:
    """Valid personas, validated by the model itself."""
    return persona_data(age_bands=age_bands, values=values, self_placements=self_placements).map(
        Persona.model_validate
    )


def persona_batches(min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[Persona]]:
    """Several personas with distinct ids, as a loaded persona set would hold them."""
    return st.lists(personas(), min_size=min_size, max_size=max_size, unique_by=lambda p: p.id)


def minors() -> st.SearchStrategy[Persona]:
    return personas(age_bands=st.sampled_from([b for b in AgeBand if b.is_minor]))


def _ordered_triple(low: float, high: float) -> st.SearchStrategy[tuple[float, float, float]]:
    """Three floats ``a <= b <= c`` within [low, high]."""
    bound = st.floats(min_value=low, max_value=high, allow_nan=False)
    return st.lists(bound, min_size=3, max_size=3).map(sorted).map(tuple)  # type: ignore[arg-type]


@st.composite
def boundary_values(draw: st.DrawFn) -> tuple[float, float, float, float]:
    """Four strictly increasing boundaries in (0, 1), every zone at least ~2.5e-3 wide."""
    widths = draw(st.lists(st.floats(min_value=1.0, max_value=100.0), min_size=5, max_size=5))
    total = sum(widths)
    edges = []
    running = 0.0
    for width in widths[:4]:
        running += width
        edges.append(running / total)
    return edges[0], edges[1], edges[2], edges[3]


@st.composite
def configs(draw: st.DrawFn, *, collapsed: bool = False) -> ModelConfig:
    """Random valid configurations, built from the default's data and validated by the model.

    With ``collapsed``, every range (the capital-lack share's too) is narrowed to its weight.
    """
    data = model.default_config().model_dump()
    choice, near_choice, economic, near_coercion = draw(boundary_values())
    data["boundaries"] = {
        "choice_upper": choice,
        "near_choice_upper": near_choice,
        "economic_upper": economic,
        "near_coercion_upper": near_coercion,
    }
    scoring = data["scoring"]
    scoring["circumstance_ceiling"] = draw(
        st.floats(min_value=0.0, max_value=1.0, exclude_min=True)
    )
    scoring["decisive_threshold"] = draw(st.floats(min_value=0.5, max_value=1.0))
    low, weight, high = draw(_ordered_triple(0.0, 1.0))
    scoring["capital_lack"].update(weight=weight, range=(low, high))
    for fid in FACTOR_IDS:
        # Capitals average into one score, so their weights (and ranges) must stay above 0.
        lowest = 1e-3 if fid in CAPITAL_IDS else 0.0
        low, weight, high = draw(_ordered_triple(lowest, MAX_WEIGHT))
        data["weights"][fid].update(weight=weight, range=(low, high))
    if collapsed:
        for setting in [scoring["capital_lack"], *data["weights"].values()]:
            setting["range"] = (setting["weight"], setting["weight"])
    return ModelConfig.model_validate(data)
