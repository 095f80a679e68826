"""The presentation's *what each region needs* scene: three regions of the axis (choice,
circumstance, coercion, as the essay walks them, L54-L66), how many of the deck's personas place
themselves in each, and the responses the model's catalogue gives that region."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from dashboard import safe_text
from dashboard.present_slides import Slide
from model import ZONES, Zone, response_catalogue
from model.results import Results

MAX_ITEMS = 4


@dataclass(frozen=True)
class Region:
    name: str
    zones: frozenset[Zone]


REGIONS: tuple[Region, ...] = (
    Region("Choice", frozenset({Zone.CHOICE})),
    Region("Circumstance", frozenset({Zone.NEAR_CHOICE, Zone.ECONOMIC, Zone.NEAR_COERCION})),
    Region("Coercion", frozenset({Zone.COERCION})),
)


def region_items(region: Region) -> list[str]:
    """The responses that serve this region and are not for every zone alike, catalogue order."""
    everywhere = frozenset(ZONES)
    return [
        item.title
        for item in response_catalogue().interventions
        if set(item.applies_to) & region.zones and frozenset(item.applies_to) != everywhere
    ][:MAX_ITEMS]


def everywhere_items() -> list[str]:
    return [
        item.title
        for item in response_catalogue().interventions
        if frozenset(item.applies_to) == frozenset(ZONES)
    ][:3]


def placed_counts(slide: Slide, results: Results) -> tuple[list[int], int]:
    """Per region, how many of the slide's personas place themselves there; and how many have
    not said (for whom the first step is to ask)."""
    counts = [0] * len(REGIONS)
    unstated = 0
    for persona in slide.personas:
        zone = results.assessments[persona.id].self_zone
        if zone is None:
            unstated += 1
            continue
        for index, region in enumerate(REGIONS):
            if zone in region.zones:
                counts[index] += 1
    return counts, unstated


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {safe_text.markdown(title)}" for title in items)


def render_zones(slide: Slide, results: Results) -> None:
    counts, unstated = placed_counts(slide, results)
    total = len(slide.personas)
    with st.container(key="present-zones"):
        for column, region, count in zip(
            st.columns(len(REGIONS), gap="large"), REGIONS, counts, strict=True
        ):
            with column, st.container(border=True):
                st.markdown(f"**{region.name}**")
                if total:
                    st.markdown(f"{count} of {total} personas place themselves here")
                st.markdown(_bullets(region_items(region)))
        line = "; ".join(everywhere_items())
        ask = (
            f" {unstated} of {total} have not said where they stand: ask first." if unstated else ""
        )
        st.markdown(f"**Everywhere:** {safe_text.markdown(line)}.{ask}")
