"""A print stylesheet: printing a page to A4 landscape gives its whole chart, key and table,
without the sidebar, header or buttons.

The text of a page reflows to the paper by itself; a Plotly chart and a table grid do not, for
they keep the pixel size they had on screen (which is how printing the map cut it at 0.4, and
then put it on a page of its own). A chart is drawn as wide as the paper, and a small script
scales it down to the height left under the page's title and its key, and a table to the
printable width and one page, when printing starts (``beforeprint``, and the ``print`` media
query for browsers that switch media first), and back afterwards. On the map page the title, the
key and the chart are moved first, so the three share the first page. Both are this module's
own static text: nothing a user wrote passes through here.

Called once per run by the pages that want it (``print_css.apply()``).
"""

from __future__ import annotations

import streamlit as st

PRINTABLE_PX = 1040
"""A4 landscape (297 mm) less 10 mm margins each side, in CSS pixels (96 per inch), rounded
down."""
CHART_HEIGHT_PX = 520
"""A chart's most printed height: A4 landscape's printable height (190 mm, 718 px) less the
page's title and the chart's key above it, so the three share the first page."""
PAGE_HEIGHT_PX = 700
"""A table's most printed height: one page."""

CSS = """
<style>
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stBottom"], [data-testid="stToast"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stToggle"],
  [data-testid="stFileUploader"], [data-testid="stExpander"] { display: none !important; }
  html, body, #root, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important;
  }
  [data-testid="stMainBlockContainer"] { max-width: none !important; padding: 0 !important; }
  [data-testid="stMainBlockContainer"] h1 {
    font-size: 30px !important; padding: 0 0 6px !important; }
  /* A chart is drawn as wide as the paper (the script below scales it to its height). */
  [data-testid="stFullScreenFrame"]:has(> [data-testid="stPlotlyChart"]):not(
    .st-key-present-slide *) {
    width: __WIDTH__px !important; max-width: __WIDTH__px !important; }
  [data-testid="stElementContainer"]:has(> * > :is([data-testid="stPlotlyChart"],
    [data-testid="stDataFrame"])), [data-testid="stElementContainer"]:has(
    > [data-testid="stDataFrame"]), [data-testid="stTable"], .st-key-present-slide {
    break-inside: avoid; }
  .st-key-present-key { break-after: avoid; }
  /* The map page: its title, its key and its chart first, together on the first page; what
     explains them, the filters and the table follow. */
  [data-testid="stVerticalBlock"]:has(> .st-key-map) {
    display: flex !important; flex-direction: column !important; gap: 10px !important; }
  [data-testid="stVerticalBlock"]:has(> .st-key-map) > * { order: 3; }
  [data-testid="stVerticalBlock"]:has(> .st-key-map) > :has(h1) { order: 0; }
  [data-testid="stVerticalBlock"]:has(> .st-key-map) > :has(+ .st-key-map) { order: 1; }
  [data-testid="stVerticalBlock"]:has(> .st-key-map) > .st-key-map { order: 2; }
  /* What a chart draws past its box while it is scaled (the script below) stays in sight. */
  [data-testid="stPlotlyChart"] > .js-plotly-plot { overflow: visible !important; }
  * { -webkit-print-color-adjust: exact !important; print-color-adjust: exact !important; }
}
</style>
""".replace("__WIDTH__", str(PRINTABLE_PX))

# Scaling with ``transform`` on what is inside the chart's or table's box, not ``zoom`` on the
# box: Streamlit sizes a chart by its box as seen on screen, so a zoomed box would be redrawn
# smaller still (and a table's canvas redrawn blank); a transform inside leaves the box as it
# is, and the element around it is cut to the scaled picture's height, so that the page breaks
# where the picture ends.
SCRIPT = """
<script>
(function () {
  if (window.__spectrumPrintFit) return;
  window.__spectrumPrintFit = true;
  const WIDTH = __WIDTH__;
  const CHART_HEIGHT = __CHART__;
  const PAGE_HEIGHT = __PAGE__;
  const CHART = '[data-testid="stPlotlyChart"]';
  const WIDE = CHART + ', [data-testid="stDataFrame"]';
  const SCALED = '.st-key-present-slide';  // a slide is printed whole, scaled by its own page
  function parts(el) {
    // A chart's drawing comes first in its element; a table's grid last, after its toolbar.
    const inner = el.matches(CHART) ? el.firstElementChild : el.lastElementChild;
    const box = el.closest('[data-testid="stElementContainer"]');
    return inner && box && !el.closest(SCALED) ? [inner, box] : null;
  }
  function reset(el, inner, box) {
    ['height', 'flex'].forEach((name) => el.style.removeProperty(name));
    inner.style.transform = '';
    inner.style.transformOrigin = '';
    ['height', 'flex-basis', 'min-height', 'overflow'].forEach((name) => {
      box.style.removeProperty(name);
    });
  }
  function fit() {
    document.querySelectorAll(WIDE).forEach((el) => {
      const found = parts(el);
      if (!found) return;
      const [inner, box] = found;
      reset(el, inner, box);
      const wide = Math.max(inner.scrollWidth, inner.offsetWidth);
      const tall = el.offsetHeight;
      const most = el.matches(CHART) ? CHART_HEIGHT : PAGE_HEIGHT;
      const zoom = Math.min(1, WIDTH / wide, most / tall);
      if (zoom >= 1) return;
      inner.style.transform = 'scale(' + zoom + ')';
      inner.style.transformOrigin = '0 0';
      // Streamlit sizes these elements by a flex basis of their content's height.
      // The chart keeps its own height (Streamlit would redraw it to its element's height).
      el.style.setProperty('height', tall + 'px', 'important');
      el.style.setProperty('flex', '0 0 auto', 'important');
      const height = Math.ceil(zoom * tall) + 'px';
      box.style.setProperty('height', height, 'important');
      box.style.setProperty('flex-basis', height, 'important');
      box.style.setProperty('min-height', '0', 'important');
      box.style.setProperty('overflow', 'clip', 'important');
    });
  }
  function unfit() {
    document.querySelectorAll(WIDE).forEach((el) => {
      const found = parts(el);
      if (found) reset(el, found[0], found[1]);
    });
  }
  window.addEventListener('beforeprint', fit);
  window.addEventListener('afterprint', unfit);
  const media = window.matchMedia('print');
  media.addEventListener('change', (e) => (e.matches ? fit() : unfit()));
})();
</script>
"""
for _name, _value in (
    ("__WIDTH__", PRINTABLE_PX),
    ("__CHART__", CHART_HEIGHT_PX),
    ("__PAGE__", PAGE_HEIGHT_PX),
):
    SCRIPT = SCRIPT.replace(_name, str(_value))


def apply() -> None:
    """Inject the print stylesheet and its fitting script into this run's page."""
    st.html(CSS + SCRIPT, unsafe_allow_javascript=True)
