"""Page *Presentation*: a trainer's deck, one scene at a time, sized for a projector.

The slide is in the address (``?scene=3``), and so are the personas and their order
(``?personas=p05-teen-carer,p10-…``) and the presenter view (``?notes=1``): a link opens the
same slide. Next and previous by the buttons or by the keys a presentation clicker sends (arrow
keys, space, page up/down: Streamlit's own button shortcuts). The presenter view shows the
speaker notes, who appears, your own deck, and the downloads.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import decks
from dashboard import present_export, present_slides, print_css, safe_text, session
from dashboard.present_figures import CHART_PX, fits_slide, key_text, slide_figure
from dashboard.present_slides import (
    HIGHLIGHT_PARAM,
    NOTES_PARAM,
    ORDER_PARAM,
    PERSONAS_PARAM,
    SCENE_PARAM,
    Slide,
)
from dashboard.present_zones import render_zones
from model import InputError, Persona
from model.ordering import RowOrder
from model.results import Results
from model.scenes import Deck, SceneKind, load_deck_bytes, persona_problems

HEADING = "Presentation"
_DECK_KEY = "present_deck"
_PICK_KEY = "present-personas"
_NOTES_KEY = "present-notes"
_ORDER_KEY = "present-order"
_HIGHLIGHT_KEY = "present-highlight"

# A slide is laid out for a 1920 × 1080 screen and scaled, as a whole, to the screen it is on;
# below SMALLEST_SCALED px wide (a phone) it is not scaled but reflows as any other page.
# Printed, the 1920 px slide is scaled to A4 landscape's 1040 px printable width (print_css).
# (Comments, not docstrings: a page's bare strings would be written on it.)
DESIGN_WIDTH = 1920
DESIGN_HEIGHT = 1080
SMALLEST_SCALED = 900
PRINT_SCALE = 0.54

# The page's own static CSS and script: no user text passes through here. Sizes are those of
# the 1920 × 1080 slide; the script scales the slide to the screen with CSS ``zoom`` (two thirds
# on a 1280 × 720 projector), so every slide fits the screen at any size, as it does at 1080.
STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: none !important;
  padding: 20px 56px 16px !important; zoom: var(--present-scale, 1); }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { gap: 0 !important; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] >
  [data-testid="stElementContainer"]:has([data-testid="stAlert"]) { margin-top: 12px; }
.st-key-present-heading h1 { position: absolute !important; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0; padding: 0; }
.st-key-present-slide { gap: 12px !important; }
.st-key-present-slide h2 { font-size: 52px !important; line-height: 1.15;
  padding: 0 0 .1em 0 !important; }
.st-key-present-slide p, .st-key-present-slide li, .st-key-present-slide blockquote {
  font-size: 33px !important; line-height: 1.35 !important; }
.st-key-present-slide blockquote { border-left: 6px solid #9ca3af; padding-left: .6em;
  opacity: 1 !important; }
.st-key-present-slide blockquote p { color: #1f2937 !important; }
.st-key-present-slide .st-key-present-step p { font-weight: 600; color: #0f4c81; }
.st-key-present-slide .st-key-present-key p { font-size: 27px !important;
  line-height: 1.3 !important; }
.st-key-present-slide .st-key-present-zones p, .st-key-present-slide .st-key-present-zones li {
  font-size: 30px !important; }
/* Streamlit sizes a chart by its box as seen on screen, which the zoom has already scaled: the
   chart's frame is made as large as the zoom makes it smaller (the empty room it would leave is
   taken back by negative margins), so Plotly draws at the slide's 1920 px size and the zoom
   scales the drawing with the rest of the slide. */
.st-key-present-figure { overflow-x: auto; }
.st-key-present-figure [data-testid="stFullScreenFrame"] {
  width: calc(var(--present-chart-width) / var(--present-scale, 1)) !important;
  margin-right: calc(var(--present-chart-width) * (1 - 1 / var(--present-scale, 1))); }
.st-key-present-figure [data-testid="stPlotlyChart"] {
  height: calc(var(--present-chart-height) / var(--present-scale, 1)) !important;
  margin-bottom: calc(var(--present-chart-height) * (1 - 1 / var(--present-scale, 1))); }
.st-key-present-slide [data-testid="stElementContainer"]:has(> [data-testid="stHtml"]) {
  display: none !important; }
.st-key-present-bar { margin-top: 12px; }
.st-key-present-bar button p { font-size: 24px !important; }
.st-key-present-bar [data-testid="stMarkdownContainer"] p { font-size: 26px !important; }
.st-key-present-hidden { display: none !important; }
.st-key-present-presenter { margin-top: 24px; }
.st-key-present-speaker-notes p, .st-key-present-speaker-notes li { font-size: 26px !important; }
/* A slide of text alone takes the room a chart would have had. */
.st-key-present-slide .st-key-present-text-only p, .st-key-present-slide .st-key-present-text-only
  blockquote { font-size: 42px !important; }
/* A phone is not scaled (the script below): projector type would fill it a few words a line. */
@media (max-width: __NARROWEST__px) {
  .st-key-present-slide h2 { font-size: 30px !important; }
  .st-key-present-slide p, .st-key-present-slide li, .st-key-present-slide blockquote,
  .st-key-present-slide .st-key-present-text-only p,
  .st-key-present-slide .st-key-present-text-only blockquote,
  .st-key-present-slide .st-key-present-key p { font-size: 18px !important; }
}
@media print {
  [data-testid="stMainBlockContainer"] { --present-scale: __PRINT__ !important;
    zoom: __PRINT__ !important; }
  .st-key-present-bar, .st-key-present-presenter { display: none !important; }
}
</style>
<script>
(function () {
  if (window.__presentScale) { window.__presentScale(); return; }
  function scale() {
    const w = window.innerWidth, h = window.innerHeight;
    const s = w < __SMALLEST__ ? 1 : Math.min(w / __WIDTH__, h / __HEIGHT__);
    document.documentElement.style.setProperty('--present-scale', s.toFixed(4));
  }
  window.__presentScale = scale;
  window.addEventListener('resize', scale);
  scale();
})();
</script>
"""
for _name, _value in (
    ("__PRINT__", PRINT_SCALE),
    ("__SMALLEST__", SMALLEST_SCALED),
    ("__NARROWEST__", SMALLEST_SCALED - 1),
    ("__WIDTH__", DESIGN_WIDTH),
    ("__HEIGHT__", DESIGN_HEIGHT),
):
    STYLE = STYLE.replace(_name, str(_value))

# Each key a clicker or keyboard may send, as a hidden button (one shortcut per button).
_NEXT_KEYS = ("Space", "PageDown", "Down")
_PREVIOUS_KEYS = ("PageUp", "Up")


def _deck() -> Deck:
    """The trainer's own deck if one was read this session, else the bundled default."""
    own = st.session_state.get(_DECK_KEY)
    if isinstance(own, Deck):
        return own
    return load_deck_bytes(decks.default_bytes(), decks.DEFAULT)


def _go(number: int) -> None:
    st.query_params[SCENE_PARAM] = str(number)


def _pick_changed() -> None:
    chosen = st.session_state.get(_PICK_KEY) or []
    if chosen:
        st.query_params[PERSONAS_PARAM] = ",".join(chosen)
    else:
        st.query_params.pop(PERSONAS_PARAM, None)


def _param_follows(key: str, param: str, default: str | None = None) -> None:
    """A presenter control's value into the link (dropped when it is the default)."""
    value = st.session_state.get(key)
    if value and value != default:
        st.query_params[param] = value
    else:
        st.query_params.pop(param, None)


def _view_controls(known: dict[str, Persona]) -> None:
    """The rows' order on the map slides and the persona marked on every chart: both in the
    link, so the room's screen and the trainer's notes show the same."""
    orders = [o.value for o in RowOrder]
    st.session_state[_ORDER_KEY] = present_slides.row_order(st.query_params.get(ORDER_PARAM)).value
    linked = st.query_params.get(HIGHLIGHT_PARAM)
    st.session_state[_HIGHLIGHT_KEY] = linked if linked in known else None
    left, right = st.columns(2)
    left.selectbox(
        "Order of the rows on map slides", orders, key=_ORDER_KEY,
        format_func=lambda value: RowOrder(value).label.replace("As listed", "Deck order"),
        on_change=_param_follows, args=(_ORDER_KEY, ORDER_PARAM, RowOrder.GIVEN.value),
        help="A reveal keeps the deck's order: sorting it by the assessment would give away "
        "what the room has not seen yet.",
    )  # fmt: skip
    right.selectbox(
        "Highlight one persona", list(known), index=None, key=_HIGHLIGHT_KEY,
        format_func=lambda pid: f"{known[pid].label} ({pid})",
        placeholder="No persona highlighted",
        on_change=_param_follows, args=(_HIGHLIGHT_KEY, HIGHLIGHT_PARAM),
    )  # fmt: skip


def _notes_changed() -> None:
    if st.session_state.get(_NOTES_KEY):
        st.query_params[NOTES_PARAM] = "1"
    else:
        st.query_params.pop(NOTES_PARAM, None)


def _quote_lines(slide: Slide) -> str:
    lines = []
    for quote in slide.scene.quotes:
        where = quote.display().split(":", 1)[0]
        lines.append(f"> “{safe_text.markdown(quote.quote or '')}” ({safe_text.markdown(where)})")
    return "\n>\n".join(lines)


def _chart(slide: Slide, results: Results) -> None:
    fig = slide_figure(slide, results)
    if fig is None:
        return
    with st.container(key="present-figure"):
        _figure(slide, fig)


def _figure(slide: Slide, fig: go.Figure) -> None:
    height = int(fig.layout.height or 500)
    # The chart's size for STYLE's rules (numbers of this module's own: no user text).
    st.html(
        "<style>.st-key-present-figure { "
        f"--present-chart-width: {CHART_PX}px; --present-chart-height: {height}px; }}</style>"
    )
    with st.container(key="present-key"):
        st.markdown(safe_text.markdown(key_text(slide)))
    fig.update_layout(width=CHART_PX)  # the slide is scaled, not reflowed: see STYLE
    st.plotly_chart(
        fig,
        width=CHART_PX,
        height=height,
        key=f"present-chart-{slide.number}",
        theme=None,
        config={"displaylogo": False, "displayModeBar": False, "staticPlot": False},
        alt=f"{slide.scene.title}: chart. {key_text(slide)}",
    )


def _slide(slide: Slide, results: Results) -> None:
    scene = slide.scene
    with st.container(key="present-slide"):
        st.header(safe_text.line(scene.title), anchor=False)
        if slide.step_text:
            with st.container(key="present-step"):
                st.markdown(safe_text.markdown(slide.step_text))
        has_chart = scene.kind not in (SceneKind.ALLIES, SceneKind.UNKNOWNS) and bool(
            slide.personas or scene.kind is SceneKind.SPECTRUM_LANGUAGE
        )
        if scene.kind is SceneKind.RESPONSES_BY_ZONE:
            st.markdown(safe_text.markdown(scene.body))
            render_zones(slide, results)
            if scene.quotes:
                st.markdown(_quote_lines(slide))
            return
        text, chart = (
            st.columns([2, 3], gap="large")
            if has_chart
            else (st.container(key="present-text-only"), None)
        )
        with text:
            st.markdown(safe_text.markdown(scene.body))
            if scene.quotes:
                st.markdown(_quote_lines(slide))
            if scene.kind is SceneKind.YOUTH and not slide.personas:
                st.markdown("None of the personas chosen for this deck is a minor.")
        if chart is not None:
            with chart:
                _chart(slide, results)


def _bar(slide: Slide, total: int) -> None:
    with st.container(key="present-bar", horizontal=True, vertical_alignment="center"):
        st.button(
            "Previous",
            icon=":material/arrow_back:",
            key="present-previous",
            disabled=slide.number <= 1,
            on_click=_go,
            args=(slide.number - 1,),
            shortcut="Left",
        )
        st.markdown(f"**{slide.number} / {total}**")
        st.button(
            "Next",
            icon=":material/arrow_forward:",
            key="present-next",
            disabled=slide.number >= total,
            on_click=_go,
            args=(slide.number + 1,),
            shortcut="Right",
            type="primary",
        )
        st.toggle("Presenter view", key=_NOTES_KEY, on_change=_notes_changed)
    with st.container(key="present-hidden"):
        for key in _NEXT_KEYS:
            st.button(
                f"Next ({key})",
                key=f"present-next-{key.lower()}",
                disabled=slide.number >= total,
                on_click=_go,
                args=(slide.number + 1,),
                shortcut=key,
            )
        for key in _PREVIOUS_KEYS:
            st.button(
                f"Previous ({key})",
                key=f"present-previous-{key.lower()}",
                disabled=slide.number <= 1,
                on_click=_go,
                args=(slide.number - 1,),
                shortcut=key,
            )


def _own_deck(known: dict[str, Persona]) -> None:
    upload = st.file_uploader(
        "Your own deck (a TOML file in the shape of decks/default.toml)",
        type=["toml", "json"],
        key="present-deck-file",
    )
    if upload is None:
        st.session_state.pop(_DECK_KEY, None)
        return
    try:
        deck = load_deck_bytes(upload.getvalue(), upload.name)
    except InputError as error:
        st.session_state.pop(_DECK_KEY, None)
        lines = "\n".join(f"- {safe_text.line(str(p))}" for p in error.problems)
        st.error(f"**This deck could not be used**; the default deck is shown:\n\n{lines}")
        return
    if st.session_state.get(_DECK_KEY) != deck:
        st.session_state[_DECK_KEY] = deck
        st.rerun()
    for problem in persona_problems(deck, known, upload.name):
        st.warning(safe_text.line(str(problem)))


def _presenter(
    deck: Deck, slide: Slide, slides: list[Slide], results: Results, known: dict[str, Persona]
) -> None:
    with st.container(key="present-presenter"):
        with st.container(key="present-speaker-notes", border=True):
            st.markdown("**Speaker notes**")
            st.markdown(safe_text.markdown(slide.scene.notes or "No notes for this scene."))
        options = list(known)
        shown = st.session_state.get(_PICK_KEY)
        linked = present_slides.linked_ids(st.query_params.get(PERSONAS_PARAM), known)[0]
        if shown != linked:
            st.session_state[_PICK_KEY] = linked
        st.multiselect(
            "Who appears, in this order (empty: the deck's own choice)",
            options=options,
            format_func=lambda pid: f"{known[pid].label} ({pid})",
            key=_PICK_KEY,
            on_change=_pick_changed,
        )
        _view_controls(known)
        _own_deck(known)
        exported = present_export.export_figure(slide, results)
        name = f"{slide.number:02d}-{slide.scene.id}"
        with st.container(horizontal=True):
            if exported is not None:
                st.download_button(
                    "Chart as PNG (2x)",
                    data=lambda: present_export.png(exported),
                    file_name=f"{name}.png",
                    mime="image/png",
                    key="present-png",
                    on_click="ignore",
                )
                st.download_button(
                    "Chart as SVG",
                    data=lambda: present_export.svg(exported),
                    file_name=f"{name}.svg",
                    mime="image/svg+xml",
                    key="present-svg",
                    on_click="ignore",
                )
            st.download_button(
                "Whole deck as one offline HTML file",
                data=lambda: present_export.deck_html(deck.title, slides, results),
                file_name="deck.html",
                mime="text/html",
                key="present-html",
                on_click="ignore",
            )


def render() -> None:
    print_css.apply()
    st.html(STYLE, unsafe_allow_javascript=True)
    with st.container(key="present-heading"):
        st.title(HEADING, anchor=False)
    deck = _deck()
    results = session.results()
    known = {p.id: p for p in results.personas}
    chosen, unknown = present_slides.linked_ids(st.query_params.get(PERSONAS_PARAM), known)
    slides = present_slides.unfold(
        deck,
        known,
        chosen or None,
        order=present_slides.row_order(st.query_params.get(ORDER_PARAM)),
        assessments=results.assessments,
        highlight=st.query_params.get(HIGHLIGHT_PARAM),
        fits=fits_slide,
    )
    number = present_slides.slide_number(st.query_params.get(SCENE_PARAM), len(slides))
    if st.query_params.get(SCENE_PARAM) != str(number):
        st.query_params[SCENE_PARAM] = str(number)
    if _NOTES_KEY not in st.session_state:
        st.session_state[_NOTES_KEY] = st.query_params.get(NOTES_PARAM) == "1"
    slide = slides[number - 1]
    _slide(slide, results)
    _bar(slide, len(slides))
    if st.session_state.get(_NOTES_KEY):
        if unknown:
            names = ", ".join(safe_text.line(pid) for pid in unknown)
            st.warning(f"The link names personas that are not loaded: {names}")
        _presenter(deck, slide, slides, results, known)


if __name__ == "__main__":  # run as a page by st.navigation
    render()
