"""Dashboard benchmark in a real browser, against a minimal one-chart Streamlit app run beside it.

Starts both apps with ``streamlit run`` (as the README does, through the launcher the browser
tests use, ``tests/serving.py``), drives Debian's Chromium with Playwright, and prints medians
and ratios (dashboard / minimal app) for:

- first load: from navigation until the script has finished and the chart is drawn;
- a weight change: from the key press on a weight slider until the chart has been redrawn,
  reported apart for the first change after a page load (the slowest: the browser then
  re-renders the whole page once) and for the changes that follow it;
- the map page's own script run, cold (new session, 1,000 Monte Carlo samples) and warm,
  as logged by the app itself when SPECTRUM_TIMING is set.

Targets (issue 3): first load and weight-change ratios within 1.5x; map script run under 150 ms.
The two apps run side by side in the same run and are measured alternately, so load on a shared
machine affects both. Run from the repository root:

    python benchmarks/bench_dashboard.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script, from benchmarks/: the launcher lives in tests/
    sys.path.insert(0, str(ROOT))

from tests import serving  # noqa: E402
from tests.serving import LAUNCH_ARGS, find_chromium  # noqa: E402

LATER_CHANGES = 3  # further key presses after the first change, in the same session
TIMING = re.compile(r"\[spectrum-timing\] page=(\S+) ms=([\d.]+)")


def chromium() -> str:
    found = find_chromium()
    if found is None:
        sys.exit("Chromium not found: install it (Debian: apt-get install chromium)")
    return found


@contextmanager
def serve(script: str, log: Path) -> Iterator[str]:
    """``streamlit run <script>`` as the browser tests start it (``tests/serving.py``), with the
    app's own timing on; yields its URL."""
    with serving.serve(script, log=log, env={"SPECTRUM_TIMING": "1"}) as server:
        yield server.url


def settled(page: Page) -> None:
    """Wait until the script run is over and a chart has been drawn."""
    page.wait_for_selector(".js-plotly-plot .main-svg", state="visible", timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def first_load(page: Page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    settled(page)
    return time.perf_counter() - start


# The markers' positions in the last chart on the page; null while it is being replaced.
SIGNATURE = """(index) => {
  const plots = document.querySelectorAll('.js-plotly-plot');
  const plot = plots[plots.length - 1];
  if (!plot) return null;
  const points = plot.querySelectorAll('.scatterlayer path.point');
  if (!points.length) return null;
  return Array.from(points).map(p => p.getAttribute('transform')).join('|');
}"""


def weight_change(page: Page, slider_label: str) -> float:
    """Press → on a slider; time until the last chart on the page has moved."""
    thumb = page.locator('[data-testid="stSlider"]', has_text=slider_label).get_by_role("slider")
    before = page.evaluate(SIGNATURE, 0)
    thumb.focus()
    start = time.perf_counter()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"(before) => {{ const now = ({SIGNATURE})(0); return now !== null && now !== before; }}",
        arg=before,
        polling="raf",
        timeout=60_000,
    )
    elapsed = time.perf_counter() - start
    settled(page)
    return elapsed


def script_runs(log: Path, page_name: str) -> list[float]:
    return [float(ms) for name, ms in TIMING.findall(log.read_text()) if name == page_name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="spectrum-bench-"))
    results: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    with (
        serve("dashboard/app.py", logs / "dashboard.log") as app,
        serve("benchmarks/minimal_app.py", logs / "minimal.log") as minimal,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium(), args=LAUNCH_ARGS)
        for round_ in range(args.rounds + 1):  # round 0 warms both servers up, not recorded
            for name, url, target, slider in (
                ("dashboard", app, "/adjust", "Poverty or financial desperation: weight"),
                ("minimal", minimal, "/", "Weight"),
            ):
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                page = context.new_page()
                load = first_load(page, url + ("/" if name == "dashboard" else ""))
                if name == "dashboard":
                    page.goto(url + target)
                    settled(page)
                change = weight_change(page, slider)
                later = [weight_change(page, slider) for _ in range(LATER_CHANGES)]
                if round_:
                    record(f"first load: {name}", load)
                    record(f"weight change: {name}", change)
                    for value in later:
                        record(f"later weight change: {name}", value)
                context.close()
        browser.close()

    map_runs = script_runs(logs / "dashboard.log", "map")
    print(f"{'measure':34} {'median':>10} {'min':>10} {'n':>4}")
    for name, values in results.items():
        print(
            f"{name:34} {statistics.median(values) * 1e3:8.1f}ms "
            f"{min(values) * 1e3:8.1f}ms {len(values):4}"
        )
    cold = map_runs[1::1]  # every first load of "/" is a new session: its run computes afresh
    print(
        f"{'map script run (new session)':34} {statistics.median(cold):8.1f}ms "
        f"{min(cold):8.1f}ms {len(cold):4}"
    )
    print()
    for measure in ("first load", "weight change", "later weight change"):
        ratio = statistics.median(results[f"{measure}: dashboard"]) / statistics.median(
            results[f"{measure}: minimal"]
        )
        verdict = "within" if ratio <= 1.5 else "OVER"
        print(f"{measure:19} ratio dashboard/minimal = {ratio:.2f}x ({verdict} the 1.5x target)")
    median_run = statistics.median(cold)
    verdict = "under" if median_run < 150 else "OVER"
    print(f"map script run median {median_run:.1f} ms ({verdict} the 150 ms target)")
    print(f"\nserver logs: {logs}")


if __name__ == "__main__":
    main()
