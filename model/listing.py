"""Interventions, cautions and a persona's responses as terminal text (``spectrum interventions``).

Every item carries its reason and its passages; a persona's responses come in the model's two
layers (:mod:`model.responses`).
"""

from __future__ import annotations

from collections.abc import Sequence

from model.config import ModelConfig
from model.explanation import explain
from model.interventions import Applicable, Caution, Intervention, response_catalogue
from model.personas import Persona
from model.responses import Layer, ResponsePlan, plan_for
from model.scoring import Assessment, assess_one
from model.sources import Citation
from model.spectrum import Zone


def _citations(sources: Sequence[Citation], indent: str = "      ") -> list[str]:
    return [f"{indent}- {c.display()}" for c in sources]


def _describe(item: Intervention | Caution, reason: str | None = None) -> list[str]:
    if isinstance(item, Intervention):
        head = f"  * {item.title} [{item.level.value}]"
        body = item.summary
    else:
        head = f"  ! {item.title}"
        body = item.harm
    lines = [head + (f"  ({reason})" if reason else ""), f"    {body}"]
    return lines + _citations(item.sources)


def _listed(applicable: Sequence[Applicable[Intervention] | Applicable[Caution]]) -> list[str]:
    return [line for a in applicable for line in _describe(a.item, a.reason)]


FOLLOWS_ASSESSMENT = (
    "offered whatever they say of themselves, wherever the assessment places them in this zone "
    "(L62)"
)


def zone_listing(zone: Zone) -> list[str]:
    cat = response_catalogue()
    lines = [f"{zone.label} ({zone.value})", ""]
    for item in cat.for_zone(zone):
        lines += _describe(item, FOLLOWS_ASSESSMENT if item.follows_assessment else None)
    cautions = cat.cautions_for_zone(zone)
    if cautions:
        lines += ["", "  Cautions:"] + [line for c in cautions for line in _describe(c)]
    return [*lines, ""]


def everywhere_listing() -> list[str]:
    cat = response_catalogue()
    lines = ["Everywhere on the spectrum", ""]
    lines += [line for i in cat.guidance for line in _describe(i)]
    lines += ["", "  Cautions:"] + [line for c in cat.general_cautions for line in _describe(c)]
    return [*lines, ""]


def _self_line(a: Assessment) -> str:
    if a.self_placement is None or a.self_zone is None or a.gap is None:
        return "  their own place: not stated (L50)"
    return f"  their own place: {a.self_placement:.2f}, {a.self_zone.label}; gap {a.gap:+.2f} (L50)"


def _no_protections(plan: ResponsePlan) -> str:
    """Why the second layer is empty, said for this persona."""
    if plan.owed:
        return "  none beyond the first layer, which already holds them"
    return (
        "  none called for: an adult, not forced or manipulated, not assessed in coercion, no "
        "violence recorded (L48, L58, L70); any service offered whatever they say for the "
        "assessed zone is already in the first layer (L62)"
    )


def persona_listing(persona: Persona, config: ModelConfig) -> list[str]:
    """One persona: where they sit and why, then both layers, the cautions and the guidance."""
    assessment = assess_one(persona, config)
    plan = plan_for(assessment)
    a = assessment
    lines = [
        f"{persona.id}: {persona.label}",
        f"  assessed: position {a.position:.2f}, {a.zone.label}",
        _self_line(a),
        f"  legal status: {a.legal_status.label}",
    ]
    if a.violence_present:
        lines.append(
            f"  violence recorded: {a.violence:.2f} (kept apart: it never moves the position, "
            "and always calls for support, L70)"
        )
    lines += ["", f"Why: {explain(a)}", ""]
    lines += [f"{Layer.STARTING.label} — {plan.starting_label}", *_listed(plan.starting), ""]
    lines.append(Layer.PROTECTIONS.label)
    lines += _listed(plan.protections) or [_no_protections(plan)]
    lines += ["", "Cautions", *_listed(plan.cautions)]
    if plan.guidance:
        lines += ["", "Guidance, everywhere on the spectrum", *_listed(plan.guidance)]
    return [*lines, ""]
