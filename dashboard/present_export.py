"""Exports of the presentation: each chart as PNG (at twice its size) and SVG with its title,
key, source line and the notice inside the image, and the whole deck as one offline HTML file.

Images are drawn by kaleido in a Chromium it finds by itself (Debian's ``/usr/bin/chromium``),
kept running after the first export so that the next one takes a fraction of a second. Nothing
is fetched from the network: plotly.js comes from the installed plotly package, and the HTML
deck embeds it whole.
"""

from __future__ import annotations

import html
import threading
import warnings
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from dashboard import present_figures
from dashboard.present_slides import Slide
from model.explanation import NOTICE
from model.results import Results

SCALE = 2
_server_lock = threading.Lock()
_server_started = False


def _ensure_server() -> None:
    global _server_started
    with _server_lock:
        if not _server_started:
            import kaleido  # type: ignore[import-untyped]

            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True


def _image(fig: go.Figure, fmt: str, scale: int) -> bytes:
    _ensure_server()
    with _server_lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts ... ignored if using a server"
        data: bytes = fig.to_image(format=fmt, scale=scale)
    return data


def export_figure(slide: Slide, results: Results) -> go.Figure | None:
    """The slide's chart dressed for export, or None if it has no chart."""
    fig = present_figures.slide_figure(slide, results)
    if fig is None:
        return None
    title = slide.scene.title
    if slide.step_text:
        title = f"{title}: {slide.step_text}"
    return present_figures.for_export(fig, title, present_figures.key_text(slide))


def png(fig: go.Figure) -> bytes:
    """The figure as a PNG at twice its layout size."""
    return _image(fig, "png", SCALE)


def svg(fig: go.Figure) -> bytes:
    """The figure as an SVG, its text kept as text."""
    return _image(fig, "svg", 1)


def _script_json(fig: go.Figure) -> str:
    """A figure as JSON safe inside a ``<script>`` element (no ``<`` to end it early)."""
    text: str = fig.to_json()
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028")


_STYLE = """
body { margin: 0; font-family: 'Source Sans Pro', 'Source Sans 3', Arial, sans-serif;
  color: #1f2937; background: white; }
section { display: none; padding: 2vh 3vw 10vh; box-sizing: border-box; min-height: 100vh; }
section.current { display: block; }
h1 { font-size: clamp(30px, 2.6vw, 52px); margin: 0 0 .3em; }
.step { font-size: clamp(22px, 1.5vw, 30px); font-weight: 600; color: #0f4c81; }
.body, blockquote, .key { font-size: clamp(22px, 1.5vw + 2px, 34px); line-height: 1.35; }
blockquote { border-left: 6px solid #9ca3af; margin: .4em 0; padding-left: .6em; }
cite { font-size: .75em; font-style: normal; color: #4b5563; }
.key { font-size: clamp(18px, 1.1vw, 24px); color: #374151; }
.notes { display: none; font-size: 22px; background: #fef3c7; padding: .6em; margin-top: 1em; }
body.presenter .notes { display: block; }
.chart { width: 100%; }
footer { position: fixed; bottom: 0; left: 0; right: 0; display: flex; gap: 1em;
  align-items: center; padding: .4em 3vw; background: #f3f4f6; font-size: 20px; }
footer button { font-size: 20px; padding: .2em 1em; }
.notice { margin-left: auto; font-size: 16px; }
@media print { footer { display: none; } section { display: block; page-break-after: always; } }
"""

_SCRIPT = """
(function () {
  const slides = Array.from(document.querySelectorAll('section'));
  const counter = document.getElementById('counter');
  const drawn = new Set();
  let index = 0;
  function draw(section) {
    const holder = section.querySelector('.chart');
    if (!holder || drawn.has(holder.id)) return;
    drawn.add(holder.id);
    const spec = JSON.parse(document.getElementById(holder.id + '-data').textContent);
    spec.layout.width = undefined;
    Plotly.newPlot(holder, spec.data, spec.layout,
                   {displayModeBar: false, responsive: true, staticPlot: false});
  }
  function show(n) {
    index = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach((s, i) => s.classList.toggle('current', i === index));
    draw(slides[index]);
    counter.textContent = (index + 1) + ' / ' + slides.length;
    if (location.hash !== '#' + (index + 1)) history.replaceState(null, '', '#' + (index + 1));
  }
  const NEXT = ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar', 'Enter'];
  const PREV = ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'];
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (NEXT.includes(e.key)) { e.preventDefault(); show(index + (e.shiftKey ? -1 : 1)); }
    else if (PREV.includes(e.key)) { e.preventDefault(); show(index - 1); }
    else if (e.key === 'Home') { e.preventDefault(); show(0); }
    else if (e.key === 'End') { e.preventDefault(); show(slides.length - 1); }
    else if (e.key === 'n' || e.key === 'N') { document.body.classList.toggle('presenter'); }
  });
  document.getElementById('prev').onclick = () => show(index - 1);
  document.getElementById('next').onclick = () => show(index + 1);
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
})();
"""


def _section(slide: Slide, results: Results) -> str:
    e = html.escape
    scene = slide.scene
    parts = [f'<section id="slide-{slide.number}" data-kind="{e(scene.kind.value)}">']
    parts.append(f"<h1>{e(scene.title)}</h1>")
    if slide.step_text:
        parts.append(f'<p class="step">{e(slide.step_text)}</p>')
    parts.append(f'<p class="body">{e(scene.body)}</p>')
    for quote in scene.quotes:
        where = quote.display().split(":", 1)[0]
        parts.append(f"<blockquote>“{e(quote.quote or '')}” <cite>({e(where)})</cite></blockquote>")
    fig = present_figures.slide_figure(slide, results)
    if fig is not None:
        chart_id = f"chart-{slide.number}"
        parts.append(f'<p class="key">{e(present_figures.key_text(slide))}</p>')
        parts.append(f'<div class="chart" id="{chart_id}"></div>')
        parts.append(
            f'<script type="application/json" id="{chart_id}-data">{_script_json(fig)}</script>'
        )
    if scene.notes:
        parts.append(f'<div class="notes"><b>Speaker notes.</b> {e(scene.notes)}</div>')
    parts.append("</section>")
    return "\n".join(parts)


def deck_html(title: str, slides: Sequence[Slide], results: Results) -> str:
    """The whole deck as one HTML file that works offline and presents with the same keys as
    the page: arrows, space, page up/down (and Home, End; N shows the speaker notes)."""
    e = html.escape
    sections = "\n".join(_section(slide, results) for slide in slides)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title><style>{_STYLE}</style>
<script>{get_plotlyjs()}</script></head>
<body>
{sections}
<footer><button id="prev" type="button">◀ Previous</button>
<span id="counter" aria-live="polite"></span>
<button id="next" type="button">Next ▶</button>
<span>Keys: ← → space, Page Up/Down · N: speaker notes</span>
<span class="notice">{e(NOTICE)}</span></footer>
<script>{_SCRIPT}</script>
</body></html>
"""
