"""The adjust page's form, generated from the configuration model.

Every control stands for one field of :class:`~model.ModelConfig` and is named by the field's
path (``cfg:weights.poverty.weight``, ``cfg:boundaries.choice_upper``). Its title, its help and
its slider's bounds and step come from the field's metadata in the model
(``Field(title=…, description=…, json_schema_extra={"slider": [low, high, step]})``; the
boundaries take their names from ``model.spectrum.BOUNDARY_LABELS``), so a setting added to the
model with a slider appears on the page.

:func:`values` and :func:`config_data` are the one mapping between the form and the
configuration, each way. The form only collects numbers: the model validates what they make.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from model import Factor, FactorKind, ModelConfig, factor_catalogue
from model.config import WeightSetting
from model.spectrum import BOUNDARY_LABELS

PREFIX = "cfg:"
EXACT = "exact:"
"""Prefix of the number input beside a slider: ``exact:cfg:weights.poverty.weight``."""
CIRCUMSTANCE_TOP = 4.0
"""Where a circumstance or capital weight's slider ends, unless its range reaches further: such
weights sit near 1, and a shorter slider moves them in finer steps. Force, manipulation and
control run to the model's maximum."""


@dataclass(frozen=True)
class Control:
    """One slider, for the field at ``path`` in the configuration's data."""

    path: tuple[str, ...]
    label: str
    low: float
    high: float
    step: float
    help: str | None = None
    track: tuple[float, float] | None = None
    """Where the slider runs, when not from ``low`` to ``high``: a weight's plausible range.
    Its number input takes any value from ``low`` to ``high``; one past the track widens the
    range to hold it."""

    @property
    def key(self) -> str:
        return PREFIX + ".".join(self.path)

    @property
    def exact_key(self) -> str:
        return EXACT + self.key

    def slider_bounds(self, value: float | None = None) -> tuple[float, float]:
        """The slider's ends: its track (stretched to hold ``value``), never a single point."""
        low, high = self.track or (self.low, self.high)
        if value is not None:
            low, high = min(low, value), max(high, value)
        if high - low < self.step:
            low, high = max(self.low, low - self.step), min(self.high, high + self.step)
        return low, high


@dataclass(frozen=True)
class Row:
    """A control and, for a weight shown with its plausible range, the range's control."""

    value: Control
    range: Control | None = None


def _slider(info: FieldInfo) -> tuple[float, float, float] | None:
    """A field's slider, [low, high, step], when its metadata gives one."""
    extra = info.json_schema_extra
    spec = extra.get("slider") if isinstance(extra, dict) else None
    if not isinstance(spec, list):
        return None
    low, high, step = (float(x) for x in spec if isinstance(x, int | float))
    return low, high, step


def _setting_row(
    path: tuple[str, ...],
    name: str,
    bounds: tuple[float, float, float],
    help: str | None,
    *,
    ranges: bool,
    label: str | None = None,
    track: tuple[float, float] | None = None,
) -> Row:
    """A weight setting called ``name``: its weight (labelled ``label``, by default the name,
    its slider running along ``track`` unless the range is shown) and, when ``ranges``, its
    plausible range beside it."""
    low, high, step = bounds
    track = None if ranges else track
    weight = Control((*path, "weight"), label or name, low, high, step, help, track)
    if not ranges:
        return Row(weight)
    info = WeightSetting.model_fields["range"]
    label_ = f"{name}: {info.title}"
    return Row(weight, Control((*path, "range"), label_, low, high, step, info.description))


def _fields(current: BaseModel, path: tuple[str, ...], labels: Mapping[str, str]) -> Iterator[Row]:
    """A row for each field of ``current`` that has a slider, in the model's order."""
    for name, info in type(current).model_fields.items():
        bounds = _slider(info)
        if bounds is None:
            continue
        label = labels.get(name) or info.title or name
        value = getattr(current, name)
        if isinstance(value, WeightSetting):
            help_ = value.basis or info.description
            yield _setting_row((*path, name), label, bounds, help_, ranges=True)
        else:
            yield Row(Control((*path, name), label, *bounds, info.description))


def _weight(cfg: ModelConfig, factor: Factor, *, ranges: bool) -> Row:
    """A factor's weight. Without the ranges shown, its slider runs along its plausible range
    and its number input to the model's maximum (a value typed past the range widens it); with
    them, the slider runs to :data:`CIRCUMSTANCE_TOP` or the model's maximum."""
    setting = cfg.weights[factor.id]
    info = WeightSetting.model_fields["weight"]
    bounds = _slider(info)
    assert bounds is not None, "WeightSetting.weight has a slider"
    low, top, step = bounds
    if ranges and factor.kind is not FactorKind.CONTROL:
        top = max(CIRCUMSTANCE_TOP, setting.range[1])
    label = f"{factor.label}: {info.title}"
    if not ranges:
        label += " (plausible {:g}–{:g})".format(*setting.range)
    help_ = setting.basis or factor.description
    path = ("weights", factor.id)
    return _setting_row(
        path,
        factor.label,
        (low, top, step),
        help_,
        ranges=ranges,
        label=label,
        track=(float(setting.range[0]), float(setting.range[1])),
    )


# --- the groups of controls -------------------------------------------------------------------

WEIGHT_GROUPS = {
    "Economic hardship weights": FactorKind.HARDSHIP,
    "Personal struggle weights": FactorKind.STRUGGLE,
    "Capital weights": FactorKind.CAPITAL,
    "Force, manipulation and control weights": FactorKind.CONTROL,
}
BOUNDARIES = "Zone boundaries"
SCORING = "Scoring rule"
GROUPS = (*WEIGHT_GROUPS, BOUNDARIES, SCORING)
PAST_THE_RANGE = (
    "**Each slider spans the weight's plausible range.** To go past it, type a value in the "
    "box beside it: the plausible range widens to hold it, and the label says so."
)
NOTES = {
    "Economic hardship weights": (
        "The economic strand of circumstance (L42, L64). Present at the presence level, it opens "
        "the economic band."
    ),
    "Personal struggle weights": (
        "The personal strand of circumstance (L42). Only together with economic hardship does it "
        "open the band near coercion: neither strand alone does."
    ),
    "Capital weights": "Only the capitals' ratios matter: they are averaged by these weights.",
    "Force, manipulation and control weights": (
        "Force and manipulation are the routes into coercion (L42); a third party's control "
        "pushes, but is never decisive by itself (L66). Violence has no weight: it is recorded "
        "apart and never moves a position (L70)."
    ),
    BOUNDARIES: "Where each zone of the axis ends. They must rise from choice to coercion.",
}
"""What each group's controls are for, shown above them."""


def rows(group: str, cfg: ModelConfig, *, ranges: bool) -> list[Row]:
    """The controls of one group, labelled from ``cfg`` (a weight's label names its range)."""
    if group in WEIGHT_GROUPS:
        kind = WEIGHT_GROUPS[group]
        return [_weight(cfg, f, ranges=ranges) for f in factor_catalogue().of_kind(kind)]
    if group == BOUNDARIES:
        return list(_fields(cfg.boundaries, ("boundaries",), BOUNDARY_LABELS))
    return list(_fields(cfg.scoring, ("scoring",), {}))


def controls(shown: Sequence[Row]) -> list[Control]:
    return [c for row in shown for c in (row.value, row.range) if c is not None]


# --- the mapping, both ways -------------------------------------------------------------------


def _path(key: str) -> tuple[str, ...]:
    return tuple(key.removeprefix(PREFIX).split("."))


def _at(data: Mapping[str, Any], path: Sequence[str]) -> Any:
    for name in path:
        data = data[name]
    return data


def values(cfg: ModelConfig, shown: Sequence[Row]) -> dict[str, Any]:
    """The configuration → the form: each control's value in ``cfg``, by key."""
    data = cfg.model_dump(mode="python")
    return {c.key: _at(data, c.path) for c in controls(shown)}


def config_data(cfg: ModelConfig, form: Mapping[str, Any]) -> dict[str, Any]:
    """The form → the configuration: the data ``cfg`` becomes with the controls' values.

    Fields without a control in ``form`` keep ``cfg``'s values. A weight moved beyond its
    plausible range widens the range to hold it (``WeightSetting.widened_to``, the model's one
    rule for it). The model validates the result.
    """
    data = cfg.model_dump(mode="python")
    settings: set[tuple[str, ...]] = set()
    for key, value in form.items():
        path = _path(key)
        _at(data, path[:-1])[path[-1]] = value
        if path[-1] in ("weight", "range"):
            settings.add(path[:-1])
    for path in settings:
        parent = _at(data, path[:-1])
        moved = WeightSetting.model_construct(**parent[path[-1]])
        parent[path[-1]] = moved.widened_to(moved.weight).model_dump(mode="python")
    return data


def forget(state: MutableMapping[Any, Any]) -> None:
    """Drop every control's value, so that each shows the configuration in force afresh."""
    for key in [k for k in state if str(k).startswith((PREFIX, EXACT))]:
        del state[key]


def exact(state: MutableMapping[Any, Any], row: Row) -> None:
    """After a value was typed: its slider takes it, and a weight's range widens to hold it."""
    state[row.value.key] = state[row.value.exact_key]
    widen(state, row)


def slid(state: MutableMapping[Any, Any], row: Row) -> None:
    """After a slider moved: the number beside it follows."""
    state[row.value.exact_key] = state[row.value.key]


def widen(state: MutableMapping[Any, Any], row: Row) -> None:
    """After a weight's control moved: its range's control widens to hold it, by the model's
    rule (``WeightSetting.widened_to``)."""
    if row.range is not None:
        weight, plausible = state[row.value.key], state[row.range.key]
        moved = WeightSetting.model_construct(weight=weight, range=plausible).widened_to(weight)
        state[row.range.key] = moved.range


def clamp(state: MutableMapping[Any, Any], row: Row) -> None:
    """After a range's control narrowed: the weight's control is pulled inside it."""
    if row.range is not None:
        low, high = state[row.range.key]
        state[row.value.key] = min(max(state[row.value.key], low), high)
