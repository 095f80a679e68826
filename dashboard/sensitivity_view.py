"""The persona page's section *Which assumptions drive this placement?*: the finding in plain
words, the Sobol indices with their confidence intervals beside a table, and what would change
the conclusion (a tornado and the tipping points)."""

from __future__ import annotations

import streamlit as st

from dashboard import display, research, safe_text
from dashboard.figures import sensitivity as figures
from model import Assessment, Persona
from model.sensitivity import summary

ANCHOR = "sensitivity"
HEADING = "Which assumptions drive this placement?"


def render(persona: Persona, assessment: Assessment) -> None:
    st.header(HEADING, anchor=ANCHOR)
    st.markdown(
        "A global sensitivity analysis (Sobol indices, computed with SALib) of this persona's "
        "position over every weight, boundary and scoring setting across its plausible range. "
        "More samples give narrower confidence intervals and take longer."
    )
    st.segmented_control(
        "Sobol base samples",
        research.SAMPLE_CHOICES,
        default=research.DEFAULT_SAMPLES,
        key=research.SAMPLES_KEY,
        help="SALib evaluates N × (settings + 2) parameter sets; the seed is the Monte Carlo "
        "run's (Adjust the model).",
    )
    with st.spinner("Computing the sensitivity…"):
        report = research.sensitivity(persona)
    result = report.personas[0]
    st.info(
        f"**In plain words:** {safe_text.markdown(summary(result))}", icon=":material/insights:"
    )
    st.caption(
        f"{report.base_samples:,} base samples, {report.evaluations:,} evaluations, "
        f"seed {report.seed}."
    )
    st.subheader("How much each setting matters")
    st.markdown(figures.INDICES_KEY)
    display.chart_and_table(
        figures.indices(result),
        figures.indices_alt(result),
        figures.indices_table(result),
        key="sobol",
        ratio=(1, 1),
    )
    with st.expander(f"Every setting's indices ({len(result.indices)})"):
        display.table(figures.indices_table(result, top=None), key="sobol-all", max_rows=30)
    st.subheader("What would change the conclusion")
    swings = research.persona_swings(persona)
    st.markdown(figures.TORNADO_KEY)
    display.chart(
        figures.tornado(swings, assessment.position),
        key="tornado-chart",
        alt=figures.tornado_alt(swings, assessment.position),
    )
    st.markdown(
        "For each setting, the nearest value (within or beyond its plausible range) at which "
        f"the zone changes from **{safe_text.markdown(assessment.zone.label)}**, the rest as "
        "configured."
    )
    display.table(figures.tipping_table(swings), key="tipping-table", max_rows=30)
    st.markdown(
        "**Every persona's sensitivity**, as `spectrum sensitivity` writes it (computed when you "
        "click: a few seconds):"
    )
    research.sensitivity_downloads(key="sensitivity-download")
