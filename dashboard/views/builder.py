"""Page, *Build a persona*: every field of a persona as a control, checked by the model as it
changes, with the placement, why, and both layers of response beside it; then add it to this
session, download it as TOML, or start again from a copy of a bundled persona.

Nothing is stored outside the session: the fields live in ``st.session_state`` (kept across
page switches with ``persist_state="session"``), and a persona added goes where uploads go.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import display, draft, navigation, safe_text, session
from dashboard.figures import builder as figures
from model import (
    AgeBand,
    Assessment,
    FactorKind,
    Layer,
    Persona,
    assess_one,
    factor_catalogue,
    plan_for,
)
from model.explanation import explain
from model.personas import MAX_NARRATIVE, VIOLENCE

COPY_CHOICE = "builder_copy_from"
ADDED = "builder_added"
BLANK = ""
KEEP: Any = "session"  # every field keeps its value across page switches (persist_state)


def _fill(values: dict[str, Any]) -> None:
    for key, value in values.items():
        st.session_state[key] = value


def _start_from_copy() -> None:
    """A callback: the chosen bundled persona's fields, under a new id, replace the draft."""
    chosen = st.session_state.get(COPY_CHOICE) or BLANK
    bundled = {p.id: p for p in session.bundled()[0]}
    if chosen in bundled:
        _fill(draft.from_persona(bundled[chosen], f"{chosen}-copy"[:40]))
    else:
        _fill(draft.blank())
    st.session_state.pop(ADDED, None)


def _problems(checked: draft.Checked, name: str) -> None:
    """The model's problems with one field, and its warnings, right under the control."""
    # A field still empty is to do (a warning); text the model refuses is an error.
    show = st.warning if checked.is_empty(name) else st.error
    for message in checked.of(name):
        show(safe_text.markdown(message), icon=":material/edit_note:" if show is st.warning
             else ":material/error:")  # fmt: skip
    for message in checked.warnings.get(name, []):
        st.warning(safe_text.markdown(message), icon=":material/warning:")


def _why(checked: draft.Checked, factor_id: str, value: float, label: str) -> None:
    key = draft.why_key(factor_id)
    if draft.needs_why(value) or st.session_state.get(key):
        st.text_input(
            f"Why: a phrase of the story, word for word ({label})",
            key=key,
            max_chars=160,
            persist_state=KEEP,
            help="Copy the words of the narrative that ground this value; the model checks that "
            "the narrative contains them.",
        )
    _problems(checked, draft.why_field(factor_id))


def _factors(checked: draft.Checked) -> None:
    catalogue = factor_catalogue()
    for kind in FactorKind:
        st.subheader(kind.label)
        for factor in catalogue.of_kind(kind):
            key = draft.factor_key(factor.id)
            value = st.slider(
                factor.label, 0.0, 1.0, step=0.05, key=key, persist_state=KEEP,
            )  # fmt: skip
            st.caption(safe_text.markdown(factor.description))
            _problems(checked, draft.factor_field(factor.id))
            _why(checked, factor.id, value, factor.label)


def _form(checked: draft.Checked) -> None:
    st.header("The persona")
    st.text_input(
        "Id (pseudonymous: lowercase letters, digits, hyphens)",
        key=draft.ID, max_chars=40, persist_state=KEEP,
    )  # fmt: skip
    _problems(checked, "id")
    st.text_input(
        "Label (a short description, never a name)",
        key=draft.LABEL, max_chars=80, persist_state=KEEP,
    )  # fmt: skip
    _problems(checked, "label")
    bands = [b.value for b in AgeBand]
    st.selectbox(
        "Age band", bands, key=draft.AGE, persist_state=KEEP,
        format_func=lambda v: AgeBand(v).label,
    )  # fmt: skip
    _problems(checked, "age_band")
    st.text_area(
        "Their story (a short fictional narrative, in your own words)",
        key=draft.NARRATIVE, max_chars=MAX_NARRATIVE, height=160, persist_state=KEEP,
        help="A composite, never a real person: the model refuses names, contacts, addresses "
        "and other personal data.",
    )  # fmt: skip
    _problems(checked, "narrative")

    st.subheader("Where they see themselves (L50)")
    stated = st.toggle(
        "They have said where they see themselves", key=draft.STATED, persist_state=KEEP
    )
    if stated:
        st.slider(
            "Self-placement: 0 = choice, 1 = coercion", 0.0, 1.0, step=0.05,
            key=draft.SELF, persist_state=KEEP,
        )  # fmt: skip
    else:
        st.caption("Not stated: the first response will be to ask (L50).")
    _problems(checked, "self_placement")
    st.text_input(
        "In their own words (optional)",
        key=draft.SELF_DESCRIPTION, max_chars=300, persist_state=KEEP,
    )  # fmt: skip
    _problems(checked, "self_description")

    _factors(checked)

    st.subheader("Violence (recorded apart, L70)")
    violence = st.slider(
        "Violence experienced, from anyone", 0.0, 1.0, step=0.05,
        key=draft.VIOLENCE_KEY, persist_state=KEEP,
        help="Never moves the position; always calls for support (L70).",
    )  # fmt: skip
    _problems(checked, "violence")
    _why(checked, VIOLENCE, violence, "violence")

    st.subheader("Passages it draws on")
    st.multiselect(
        "Passages of the essays (at least one)",
        list(draft.source_choices()),
        key=draft.SOURCES,
        format_func=draft.source_label,
        persist_state=KEEP,
        placeholder="Pick the passages this persona draws on",
    )
    _problems(checked, "sources")
    _problems(checked, draft.GENERAL)


def _placed(checked: draft.Checked) -> Assessment | None:
    shown: Persona | None = checked.persona or draft.provisional(checked.data)
    return None if shown is None else assess_one(shown, session.config())


def _result(checked: draft.Checked) -> None:
    st.header("Where the model places them")
    a = _placed(checked)
    if a is None:
        st.markdown("Set the factors to see a placement.")
        return
    plan = plan_for(a)
    if checked.persona is None:
        st.caption(
            f"Provisional: {checked.count} problem(s) to fix before it can be added or "
            "downloaded; the placement already follows the factors."
        )
    st.markdown(figures.placement_line(a))
    st.info(f"**Why:** {safe_text.markdown(explain(a))}", icon=":material/info:")
    st.markdown("**What pushes them from choice toward coercion:**")
    display.table(figures.pushes(a), key="builder-pushes")
    st.subheader(f"1. {Layer.STARTING.label}")
    st.markdown(f"**Where it starts:** {safe_text.markdown(plan.starting_label)}")
    st.markdown(figures.responses(plan.starting))
    st.subheader(f"2. {Layer.PROTECTIONS.label}")
    st.markdown(figures.responses(plan.protections, empty="None beyond the first layer."))
    st.markdown("**Cautions:** " + figures.caution_titles(plan))
    st.caption(
        "Each response in full, with its passages, is on the persona page once you add it, "
        "and on *Interventions by zone*."
    )


def _actions(checked: draft.Checked) -> None:
    st.header("Keep it")
    persona = checked.persona
    if persona is None:
        st.markdown(
            f"Fix the {checked.count} problem(s) shown beside the fields to add or download it."
        )
        return
    left, right = st.columns(2)
    if left.button("Add to this session's personas", icon=":material/person_add:", type="primary"):
        session.add_built(persona)
        st.session_state[ADDED] = persona.id
        st.rerun()
    right.download_button(
        "Download it as TOML",
        data=draft.persona_toml(persona),
        file_name=f"{persona.id}.toml",
        mime="application/toml",
        on_click="ignore",
        icon=":material/download:",
        help="One persona, the notice on its first line: upload it again, or check it with "
        "`spectrum validate`.",
    )


def render() -> None:
    for key, value in draft.blank().items():
        st.session_state.setdefault(key, value)
    st.title("Build a persona")
    st.markdown(
        "Make your own fictional composite: every field is checked by the model as you change "
        "it, and the placement, why, and both layers of response follow. It stays in this "
        "browser session; nothing is saved or sent anywhere."
    )
    bundled = session.bundled()[0]
    labels = {BLANK: "A blank persona", **{p.id: f"{p.label} ({p.id})" for p in bundled}}
    with st.container(border=True):
        choice, go = st.columns([4, 1], vertical_alignment="bottom")
        choice.selectbox(
            "Start from", list(labels), key=COPY_CHOICE, format_func=labels.__getitem__
        )
        go.button("Start", on_click=_start_from_copy, icon=":material/content_copy:")
    added = st.session_state.get(ADDED)
    if added:
        st.success(f"Added **{safe_text.markdown(added)}** to this session's personas.")
        st.page_link(
            navigation.page(navigation.PERSONA),
            label="Open it on the persona page",
            query_params={"persona": added},
            icon=":material/person:",
        )

    taken = [p.id for p in session.personas()]
    checked = draft.check(st.session_state.to_dict(), taken)
    st.markdown(figures.status_line(checked, _placed(checked)))
    form, result = st.columns([3, 2], gap="large")
    with form:
        _form(checked)
    with result:
        _result(checked)
        _actions(checked)


if __name__ == "__main__":  # run as a page by st.navigation
    render()
