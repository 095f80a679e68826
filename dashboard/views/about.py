"""Page 6, *About and responsible use*: what the tool is and is not, its scope, the technology
and research essay, the ten guidelines and how it follows each, sources, and the model card."""

from __future__ import annotations

import tomllib
from importlib import resources

import pandas as pd
import streamlit as st

from dashboard import cards, display
from model import response_catalogue
from model.bundled import bundled_text
from model.sources import ESSAYS, EXTERNAL_REFERENCES

# Package data, so an installed copy finds it as a clone does.
TEN_POINTS = resources.files("dashboard").joinpath("content", "ten_points.toml")
# The model card, shipped with the model's data (model/data/MODEL.md).
MODEL_CARD = "MODEL.md"

CLEAN_DATA = "clean-data"
SURVEILLANCE = "surveillance-identification"

SCOPE = (
    "The three essays do not share one scope, and neither does this tool with any of them.\n\n"
    "- The guidelines essay introduces a fact sheet on the **domestic sex trafficking of "
    "minors** (L13): its ten points are about young people.\n"
    "- The spectrum of choice, circumstance and coercion is drawn mainly from adult sex work; "
    "for youth, the essay says, it is “more complicated” (L48).\n"
    "- The technology essay names trafficking for commercial sexual exploitation, **forced "
    "labour** and other forms of modern slavery (L96). This tool models only commercial sex: "
    "forced labour and the rest are outside its scope."
)

TECHNOLOGY = (
    "The third essay asks what technology does in human trafficking, and its first answer is "
    "that nobody yet knows much.\n\n"
    "- Technology makes many aspects of trafficking “more visible and more traceable, for "
    "better and for worse” (L96).\n"
    "- “We do not know” whether there are more victims because of technology, nor whether the "
    "traces it leaves help law enforcement identify perpetrators (L96).\n"
    "- There is little empirical research, so new interventions and policies are “driven by "
    "intuition, speculation, and extrapolation” from highly publicised incidents (L98). The "
    "essay is a call for that research (L98–L104)."
)

CAN_SAY = (
    "- how one conceptual framework, with every assumption stated and cited, places fictional "
    "composites, and why;\n"
    "- how much those placements depend on weights that are judgements, not measurements "
    "(the intervals and the *Adjust the model* page);\n"
    "- which responses and cautions the essays attach to each place, and how the same people "
    "are answered under other framings."
)

CANNOT_SAY = (
    "- anything about a real person, or how many people stand where: it holds no data about "
    "anyone, and its personas are written, not sampled;\n"
    "- whether technology creates more victims or helps find perpetrators: the essays say "
    "nobody knows (L96), and a model of a framework cannot find out;\n"
    "- whether any intervention works: that needs evaluation and evidence (L23, L24), which a "
    "teaching tool does not produce;\n"
    "- anything about forced labour or other forms of trafficking outside commercial sex."
)


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
    """The model card for this page: each heading one level down (the page has its own title)
    and the generator's HTML comments dropped (Streamlit would show them as text)."""
    lines = []
    for line in bundled_text(MODEL_CARD).splitlines():
        if line.startswith("<!--") and line.endswith("-->"):
            continue
        lines.append("#" + line if line.startswith("#") else line)
    return "\n".join(lines)


def render() -> None:
    st.title("About and responsible use")
    st.error(
        "**This is not a screening or identification tool.** Never enter, describe or assess a "
        "real person with it. It exists to think, teach and research with. It is built for "
        "fictional composites and refuses what looks like personal data."
    )
    st.markdown(
        "The tool models the **choice–circumstance–coercion spectrum** of commercial sex from "
        "three essays by danah boyd on human trafficking and the commercial sexual exploitation "
        "of children. It places fictional personas on the spectrum, beside the interventions the "
        "essays recommend for each zone and the harms they warn against, so that advocates, "
        "trainers and researchers can see how framing changes who gets which response."
    )
    st.header("Scope")
    st.markdown(SCOPE)
    st.header("Privacy")
    st.markdown(
        "- No usage statistics or telemetry; the app runs fully offline.\n"
        "- What you upload or change lives only in your browser session: never written to disk, "
        "never cached where another session could read it, never shown to another user.\n"
        "- Built for fictional composites; it refuses what looks like personal data: persona "
        "files with e-mail addresses, phone numbers, street addresses, exact dates or ages, ID "
        "numbers, URLs or handles are refused. The check is a net with holes (it cannot "
        "recognise a name or a place by itself), not a guarantee.\n"
        "- Text that reads like a real case record (a referral, a case number, “this week”, a "
        "named agency) is accepted with a warning that names the field and the phrase.\n"
        "- Every download carries the notice that the data is fictional and the tool is never "
        "for screening real people."
    )

    st.header("Technology and research (L94–L106)")
    st.markdown(TECHNOLOGY)
    can, cannot = st.columns(2)
    with can:
        st.subheader("What this tool can show")
        st.markdown(CAN_SAY)
    with cannot:
        st.subheader("What it cannot say")
        st.markdown(CANNOT_SAY)

    st.header("Clean data and civil liberties, as guidance")
    st.markdown(
        "Two of the ten points are about the tools themselves: “The cleanliness of data "
        "matters” (L25) and “Civil liberties are important considerations” (L26). Beyond "
        "following them here (see the table below), the tool passes them on as guidance to "
        "anyone building interventions, and warns against surveillance-based identification."
    )
    cat = response_catalogue()
    left, right = st.columns(2)
    with left:
        cards.intervention(cat.intervention(CLEAN_DATA))
    with right:
        cards.caution(cat.caution(SURVEILLANCE))

    st.header("The ten guidelines, and how this tool follows each")
    st.caption(
        "From *Addressing Human Trafficking: Guidelines for Technological Interventions* "
        "(L17–L26), whose fact sheet concerns the domestic sex trafficking of minors (L13)."
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
