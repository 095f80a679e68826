"""Colours and marker shapes, chosen to stay distinct for colour-blind viewers.

Colours come from the Okabe–Ito palette; every colour is doubled by a shape, a fill or a text
label, so nothing on a chart is told by colour alone.
"""

from __future__ import annotations

from model import Zone

OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)

ASSESSED = "#0072B2"
SELF_PLACED = "#D55E00"
CONNECTOR = "#6B7280"
INK = "#1F2937"
MUTED_INK = "#4B5563"

# Light blue-to-orange tints for the zone bands: a diverging scheme readable with every common
# colour-vision deficiency, and each band also carries its name.
ZONE_FILLS: dict[Zone, str] = {
    Zone.CHOICE: "#D6E9F8",
    Zone.NEAR_CHOICE: "#EAF3FB",
    Zone.ECONOMIC: "#F4F4F4",
    Zone.NEAR_COERCION: "#FCEBDD",
    Zone.COERCION: "#F8D5BD",
}

ADULT_SYMBOL = "circle"
MINOR_SYMBOL = "diamond"
