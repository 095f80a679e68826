"""A print stylesheet: printing a page to A4 landscape gives its whole chart, key and table,
without the sidebar, header or buttons.

The text of a page reflows to the paper by itself; a Plotly chart and a table grid do not, for
they keep the pixel width they had on screen (which is how printing the map cut it at 0.4). A
small script scales each of them to the printable width when printing starts (``beforeprint``,
and the ``print`` media query for browsers that switch media first), and back afterwards. Both
are this module's own static text: nothing a user wrote passes through here.

Called once per run by the pages that want it (``print_css.apply()``).
"""

from __future__ import annotations

import streamlit as st

PRINTABLE_PX = 1040
"""A4 landscape (297 mm) less 10 mm margins each side, in CSS pixels (96 per inch), rounded
down."""
PRINTABLE_HEIGHT_PX = 560
"""A4 landscape's height (210 mm) less its margins and room for a key above the chart."""

CSS = """
<style>
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stBottom"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stToggle"],
  [data-testid="stFileUploader"], [data-testid="stExpander"] { display: none !important; }
  html, body, #root, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important;
  }
  [data-testid="stMainBlockContainer"] { max-width: none !important; padding: 0 !important; }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTable"],
  .st-key-present-figure { break-inside: avoid; }
  .st-key-present-figure { break-before: page; }
  .st-key-present-key { break-after: avoid; }
  * { -webkit-print-color-adjust: exact !important; print-color-adjust: exact !important; }
}
</style>
"""

SCRIPT = """
<script>
(function () {
  if (window.__spectrumPrintFit) return;
  window.__spectrumPrintFit = true;
  const WIDTH = __WIDTH__;
  const HEIGHT = __HEIGHT__;
  const WIDE = '[data-testid="stPlotlyChart"], [data-testid="stDataFrame"]';
  function fit() {
    document.querySelectorAll(WIDE).forEach((el) => {
      el.style.zoom = '';
      const box = el.getBoundingClientRect();
      const wide = Math.max(el.scrollWidth, box.width);
      const tall = el.matches('[data-testid="stPlotlyChart"]') ? box.height : 0;
      const zoom = Math.min(1, WIDTH / wide, tall > HEIGHT ? HEIGHT / tall : 1);
      if (zoom < 1) el.style.zoom = String(zoom);
    });
  }
  function unfit() { document.querySelectorAll(WIDE).forEach((el) => { el.style.zoom = ''; }); }
  window.addEventListener('beforeprint', fit);
  window.addEventListener('afterprint', unfit);
  const media = window.matchMedia('print');
  media.addEventListener('change', (e) => (e.matches ? fit() : unfit()));
})();
</script>
""".replace("__WIDTH__", str(PRINTABLE_PX)).replace("__HEIGHT__", str(PRINTABLE_HEIGHT_PX))


def apply() -> None:
    """Inject the print stylesheet and its fitting script into this run's page."""
    st.html(CSS + SCRIPT, unsafe_allow_javascript=True)
