"""Dashboard benchmark in a real browser, against a minimal one-chart Streamlit app run beside it.

Starts both apps with ``streamlit run`` (as the README does, through the launcher the browser
tests use, ``tests/serving.py``), drives Debian's Chromium with Playwright, and prints medians
and ratios (dashboard / minimal app) for:

- first load: from navigation until the script has finished and the chart is drawn, for the
  map page (``/``) and for the adjust page (``/adjust``, whose live editor also loads plotly.js);
- the live path: from the key press on the adjust page's poverty weight slider (the live editor,
  ``dashboard/live_editor.py``) until its chart has been redrawn by the browser's own rule,
  against the minimal app's weight change (key press → its chart redrawn by the server);
- the server path: from the moment the slider has settled and the editor sends the weights
  until the table (positions and zones) shows the server's numbers; and from the key press
  until then (the settle's wait, ``live_editor.DEBOUNCE_MS``, included);
- each change reported apart for the first after a page load (which also reruns the whole page:
  every page's "modified" marker appears) and for the three after it;
- the map page's own script run, cold (new session, 1,000 Monte Carlo samples), as logged by
  the app itself when SPECTRUM_TIMING is set.

Targets (issue 13): first load within 1.2x of the minimal app's; the live path within 0.5x of
the minimal app's weight change; the server path no slower than the weight change was before
the live editor. The minimal app runs with the project's settings (``.streamlit/config.toml``),
like with like; it runs a second time from an empty folder, under Streamlit's own defaults, for
reference only (those defaults watch the source files and collect garbage after every run,
which doubles a minimal app's weight change). ``--before DIR`` serves another checkout of the
dashboard beside them (say ``git worktree add /tmp/before <commit>``, or an extracted
``git archive``) and measures its weight change as it was (key press on a Streamlit slider →
chart redrawn), so "before" is measured in the same run. The apps are measured alternately,
so load on a shared machine affects all of them. Run from the repository root:

    python benchmarks/bench_dashboard.py [--rounds 7] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
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

CHANGES = 4  # → presses per session on the weight slider, each measured (0.90 to 1.10)
TIMING = re.compile(r"\[spectrum-timing\] page=(\S+) ms=([\d.]+)")
POVERTY = "Poverty or financial desperation: weight"
DEFAULTS = "minimal, Streamlit's defaults"


def chromium() -> str:
    found = find_chromium()
    if found is None:
        sys.exit("Chromium not found: install it (Debian: apt-get install chromium)")
    return found


@contextmanager
def serve(script: str, log: Path, checkout: Path = ROOT) -> Iterator[str]:
    """``streamlit run <script>`` as the browser tests start it (``tests/serving.py``), with the
    app's own timing on, from ``checkout`` (whose packages come first on the path, and whose
    ``.streamlit/config.toml`` applies); yields its URL."""
    env = {"SPECTRUM_TIMING": "1"}
    if checkout != ROOT:
        env["PYTHONPATH"] = os.pathsep.join([str(checkout), os.environ.get("PYTHONPATH", "")])
    with serving.serve(script, log=log, env=env, cwd=checkout) as server:
        yield server.url


@contextmanager
def serve_with_defaults(script: str, log: Path) -> Iterator[str]:
    """``script`` (from this checkout) run from an empty folder: Streamlit's own defaults, not
    the project's settings (usage statistics still off: nothing leaves the machine)."""
    with tempfile.TemporaryDirectory(prefix="spectrum-defaults-") as folder:
        env = {"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        with serving.serve(str(ROOT / script), log=log, env=env, cwd=Path(folder)) as server:
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


# What a first load fetched: every request (most are Streamlit's element chunks, one per widget
# type and its helpers) and the megabytes of JavaScript. Streamlit's server leaves Nagle's
# algorithm on (its socket's proto is 0, so asyncio does not set TCP_NODELAY): over a kept-alive
# connection each response's body waits about 40 ms for the browser's delayed ACK, six
# connections at a time, so the count of requests is much of what a first load pays.
RESOURCES = """() => {
  const all = performance.getEntriesByType('resource');
  const js = all.filter(e => e.initiatorType === 'script' || /\\.js(\\?|$)/.test(e.name));
  return [all.length, js.reduce((n, e) => n + e.decodedBodySize, 0) / 1e6];
}"""


# The markers' positions in the last chart on the page; null while it is being replaced.
SIGNATURE = """() => {
  const plots = document.querySelectorAll('.js-plotly-plot');
  const plot = plots[plots.length - 1];
  if (!plot) return null;
  const points = plot.querySelectorAll('.scatterlayer path.point');
  if (!points.length) return null;
  return Array.from(points).map(p => p.getAttribute('transform')).join('|');
}"""
MOVED = f"(before) => {{ const now = ({SIGNATURE})(); return now !== null && now !== before; }}"


def weight_change(page: Page, slider_label: str, key: str = "ArrowRight") -> float:
    """Press a key on a Streamlit slider; time until the last chart on the page has moved."""
    thumb = page.locator('[data-testid="stSlider"]', has_text=slider_label).get_by_role("slider")
    before = page.evaluate(SIGNATURE)
    thumb.focus()
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(MOVED, arg=before, polling="raf", timeout=60_000)
    elapsed = time.perf_counter() - start
    settled(page)
    return elapsed


# The adjust page's table as text, and the moment (page clock) it last changed.
TABLE = '() => (document.querySelector(\'[data-testid="stMain"] [data-testid="stTable"]\')'
TABLE += " || {}).innerText"
TABLE_FOLLOWED = f"""(before) => {{
  if (({TABLE})() === before) return false;
  window.__benchTableAt = performance.now();
  return true;
}}"""


def live_change(page: Page, key: str) -> tuple[float, float, float]:
    """Press a key on the live editor's poverty slider: (key press → chart redrawn in the
    browser, settled → table follows, key press → table follows), in seconds."""
    slider = page.locator(".ccc-live input[type=range]").first
    assert POVERTY in (page.locator(".ccc-live label").first.inner_text())
    before, table = page.evaluate(SIGNATURE), page.evaluate(TABLE)
    slider.focus()
    page.evaluate("() => { window.__benchPressedAt = performance.now(); }")
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(MOVED, arg=before, polling="raf", timeout=60_000)
    live = time.perf_counter() - start
    page.wait_for_function(TABLE_FOLLOWED, arg=table, polling="raf", timeout=60_000)
    sent, followed, pressed = page.evaluate(
        "() => [window.__cccLiveSentAt, window.__benchTableAt, window.__benchPressedAt]"
    )
    settled(page)
    return live, (followed - sent) / 1000, (followed - pressed) / 1000


def script_runs(log: Path, page_name: str) -> list[float]:
    return [float(ms) for name, ms in TIMING.findall(log.read_text()) if name == page_name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--before", type=Path, help="another checkout, whose weight change is measured too"
    )
    args = parser.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="spectrum-bench-"))
    results: dict[str, list[float]] = {}
    load_average: list[float] = []
    fetches: dict[str, list[tuple[int, float]]] = {}

    def record(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    with (
        serve("dashboard/app.py", logs / "dashboard.log") as app,
        serve("benchmarks/minimal_app.py", logs / "minimal.log") as minimal,
        serve_with_defaults("benchmarks/minimal_app.py", logs / "defaults.log") as defaults,
        (
            serve("dashboard/app.py", logs / "before.log", args.before.resolve())
            if args.before
            else _nothing()
        ) as before,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium(), args=LAUNCH_ARGS)
        apps = [("dashboard", app), ("minimal", minimal), (DEFAULTS, defaults)]
        if before:
            apps.append(("before", before))
        for round_ in range(args.rounds + 1):  # round 0 warms the servers up, not recorded
            load_average.append(os.getloadavg()[0])
            for name, url in apps:
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                page = context.new_page()
                load = first_load(page, url + "/")
                fetched = page.evaluate(RESOURCES)
                # One way only: back at the default, the page reruns whole (every page's
                # "modified" marker goes), which only the first change after a load pays.
                keys = ["ArrowRight"] * CHANGES
                if name == "dashboard":
                    context.close()  # the adjust page in a new session: its own first load
                    context = browser.new_context(viewport={"width": 1440, "height": 1000})
                    page = context.new_page()
                    adjust = first_load(page, url + "/adjust")
                    adjust_fetched = page.evaluate(RESOURCES)
                    page.wait_for_selector(".ccc-live[data-live='on']", timeout=60_000)
                    changes = [live_change(page, key) for key in keys]
                    if round_:
                        record("first load, adjust page: dashboard", adjust)
                        fetches.setdefault("adjust page: dashboard", []).append(adjust_fetched)
                        for index, (live, server, whole) in enumerate(changes):
                            when = "first" if index == 0 else "later"
                            record(f"live path, {when}: dashboard", live)
                            record(f"server path from settle, {when}: dashboard", server)
                            record(f"server path from key press, {when}: dashboard", whole)
                else:
                    if name == "before":
                        page.goto(url + "/adjust")
                        settled(page)
                    label = POVERTY if name == "before" else "Weight"  # the minimal apps' slider
                    changes_ = [weight_change(page, label, key) for key in keys]
                    if round_:
                        for index, value in enumerate(changes_):
                            when = "first" if index == 0 else "later"
                            record(f"weight change, {when}: {name}", value)
                if round_:
                    record(f"first load: {name}", load)
                    fetches.setdefault(
                        f"{'map page' if name in ('dashboard', 'before') else 'page'}: {name}", []
                    ).append(fetched)
                context.close()
        browser.close()

    print(f"{'measure':52} {'median':>10} {'min':>10} {'n':>4}")
    for name, values in results.items():
        print(
            f"{name:52} {statistics.median(values) * 1e3:8.1f}ms "
            f"{min(values) * 1e3:8.1f}ms {len(values):4}"
        )
    cold = script_runs(logs / "dashboard.log", "map")[1:]  # each first load is a new session
    print(
        f"{'map script run (new session)':52} {statistics.median(cold):8.1f}ms "
        f"{min(cold):8.1f}ms {len(cold):4}"
    )
    for name, counts in fetches.items():
        requests = statistics.median(count for count, _ in counts)
        megabytes = statistics.median(mb for _, mb in counts)
        print(
            f"{'fetched on first load, ' + name:52} {requests:5.0f} requests, {megabytes:.1f} MB JS"
        )
    print(f"load average (1 min) at each round: {', '.join(f'{x:.2f}' for x in load_average)}")
    print()

    def median(name: str) -> float:
        return statistics.median(results[name])

    minimal_load = median("first load: minimal")
    for measure, value, target in (
        ("first load, map page", median("first load: dashboard") / minimal_load, 1.2),
        (
            "first load, adjust page",
            median("first load, adjust page: dashboard") / minimal_load,
            1.2,
        ),
    ):
        verdict = "within" if value <= target else "OVER"
        print(f"{measure:30} dashboard/minimal = {value:.2f}x ({verdict} the {target}x target)")
    for when in ("first", "later"):
        change = median(f"weight change, {when}: minimal")
        live = median(f"live path, {when}: dashboard") / change
        verdict = "within" if live <= 0.5 else "OVER"
        print(
            f"{'live path, ' + when:30} dashboard/minimal = {live:.2f}x ({verdict} the 0.5x target)"
        )
        server = median(f"server path from settle, {when}: dashboard")
        print(f"{'server path, ' + when:30} dashboard/minimal = {server / change:.2f}x (recorded)")
        if f"weight change, {when}: before" in results:
            was = median(f"weight change, {when}: before")
            verdict = "no slower" if server <= was else "SLOWER"
            print(
                f"{'server path vs before, ' + when:30} {server * 1e3:.0f} ms from settle "
                f"against {was * 1e3:.0f} ms for a weight change before: {verdict}"
            )
    # For reference, not judged: the same minimal app under Streamlit's own defaults, which
    # watch the source files and collect garbage after every run (the project turns both off).
    defaults_load = median(f"first load: {DEFAULTS}")
    print(
        f"\nagainst the minimal app under Streamlit's defaults (reference): first load, map page "
        f"{median('first load: dashboard') / defaults_load:.2f}x, adjust page "
        f"{median('first load, adjust page: dashboard') / defaults_load:.2f}x"
    )
    for when in ("first", "later"):
        change = median(f"weight change, {when}: {DEFAULTS}")
        print(
            f"  live path, {when}: {median(f'live path, {when}: dashboard') / change:.2f}x its "
            f"weight change ({change * 1e3:.0f} ms)"
        )
    print(f"\nserver logs: {logs}")


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


if __name__ == "__main__":
    main()
