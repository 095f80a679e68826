"""Page 5: what the tool is and is not, the ten guidelines and how it follows each, sources, and
the model card."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import display
from model.sources import ESSAYS, EXTERNAL_REFERENCES

ROOT = Path(__file__).resolve().parents[2]
TEN_POINTS = Path(__file__).resolve().parents[1] / "content" / "ten_points.toml"
MODEL_CARD = ROOT / "docs" / "MODEL.md"


@st.cache_resource(show_spinner=False)
def _ten_points() -> pd.DataFrame:
    points = tomllib.loads(TEN_POINTS.read_text(encoding="utf-8"))["points"]
    return pd.DataFrame(
        [
            {
                "#": i,
                "Guideline (quoted)": p["point"],
                "Line": p["ref"],
                "How this tool follows it": p["how"],
            }
            for i, p in enumerate(points, start=1)
        ]
    )


@st.cache_resource(show_spinner=False)
def _model_card() -> str:
    """docs/MODEL.md for this page: each heading one level down (the page has its own title)
    and the generator's HTML comments dropped (Streamlit would show them as text)."""
    lines = []
    for line in MODEL_CARD.read_text(encoding="utf-8").splitlines():
        if line.startswith("<!--") and line.endswith("-->"):
            continue
        lines.append("#" + line if line.startswith("#") else line)
    return "\n".join(lines)


def render() -> None:
    st.title("About and responsible use")
    st.error(
        "**This is not a screening or identification tool.** Never enter, describe or assess a "
        "real person with it. It exists to think, teach and research with, using fictional "
        "composites."
    )
    st.markdown(
        "The tool models the **choice–circumstance–coercion spectrum** of commercial sex from "
        "three essays by danah boyd on human trafficking and the commercial sexual exploitation "
        "of children. It places fictional personas on the spectrum, beside the interventions the "
        "essays recommend for each region and the harms they warn against, so that advocates, "
        "trainers and researchers can see how framing changes who gets which response."
    )
    st.header("Privacy")
    st.markdown(
        "- No usage statistics or telemetry; the app runs fully offline.\n"
        "- What you upload or change lives only in your browser session: never written to disk, "
        "never cached where another session could read it, never shown to another user.\n"
        "- Persona files are refused if they look like they hold personal data (e-mail addresses, "
        "phone numbers, street addresses, exact dates or ages, ID numbers, URLs, handles)."
    )
    st.header("The ten guidelines, and how this tool follows each")
    st.caption(
        "From *Addressing Human Trafficking: Guidelines for Technological Interventions* (L17–L26)."
    )
    display.long_table(_ten_points())
    st.header("Sources")
    lines = [
        f"- danah boyd, *{essay.title}* (lines L{essay.first_line}–L{essay.last_line} of the "
        "shared source text)"
        for essay in ESSAYS
    ]
    lines += [f"- {reference}" for reference in EXTERNAL_REFERENCES.values()]
    st.markdown("\n".join(lines))
    st.caption(
        "The essays are quoted only in short passages, each with its line reference; everything "
        "else, including every persona, is written in the project's own words."
    )
    st.divider()
    st.markdown(_model_card())


if __name__ == "__main__":  # run as a page by st.navigation
    render()
