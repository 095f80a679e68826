"""Load on the dashboard's server alone: N sessions at once, each a websocket client speaking
Streamlit's protocol (issue 14).

A browser is not needed to load the server: what a session costs the server is its script
runs, which a client asks for with a ``BackMsg`` (``rerun_script``, carrying the page and the
query string, as the browser's own client sends) and which end with a ``ForwardMsg``
``script_finished``. Each client here opens ``/_stcore/stream`` as the browser does, runs the
map page, a persona page and the map again, and times each run from the request to
``script_finished``. No page is drawn, so the figures are the server's alone (a browser adds
its own rendering on top; benchmarks/bench_dashboard.py measures that).

Prints, for 1, 5, 20 and 50 concurrent sessions: the median and 90th percentile of a run, the
wall time until every session finished, failures, the server's resident memory after the level,
and the machine's load average (1 min) before and after; ``--markdown`` prints it as the table
benchmarks/RESULTS.md holds. Run from the repository root:

    python benchmarks/bench_load.py [--levels 1 5 20 50] [--markdown]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script, from benchmarks/: the launcher lives in tests/
    sys.path.insert(0, str(ROOT))

from tests import serving  # noqa: E402

RUNS = (("", ""), ("persona", "persona=p08-addiction-abuse-history"), ("", ""))
"""(page, query string) of each run a session asks for, in order."""
RUN_TIMEOUT = 300.0


@dataclass
class Level:
    sessions: int
    runs: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    wall: float = 0.0
    rss_mb: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_1min() -> float:
    return os.getloadavg()[0]


async def _run(ws: websockets.ClientConnection, page: str, query: str) -> float:
    """Ask for one script run; seconds until the server says it finished."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = query
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    while True:
        raw = await asyncio.wait_for(ws.recv(), RUN_TIMEOUT)
        if isinstance(raw, str):
            continue
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.new_element.WhichOneof("type") == "exception":
            raise RuntimeError(forward.delta.new_element.exception.message)
        if kind == "page_not_found":
            raise RuntimeError(f"page not found: {page!r}")
        if kind == "script_finished":
            return time.perf_counter() - start


async def _session(url: str, level: Level) -> None:
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(
            stream,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=120,
            # No keepalive pings: the browser's client sends none either, and a server busy
            # with 50 sessions answers them late, which closed connections that were working.
            ping_interval=None,
        ) as ws:
            for page, query in RUNS:
                level.runs.append(await _run(ws, page, query))
    except Exception as error:  # a failure is a figure, not a crash of the benchmark
        level.failures.append(f"{type(error).__name__}: {error}")


async def _level(url: str, sessions: int, pid: int) -> Level:
    level = Level(sessions, load_before=load_1min())
    start = time.perf_counter()
    await asyncio.gather(*(_session(url, level) for _ in range(sessions)))
    level.wall = time.perf_counter() - start
    level.load_after = load_1min()
    level.rss_mb = rss_mb(pid)
    return level


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 5, 20, 50])
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    log = ROOT / "artifacts" / "logs" / "bench-load-server.log"
    # No file watcher: a source file edited during the run would reload the app mid-run.
    env = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    with serving.serve(log=log, env=env) as server:
        pid = server.process.pid
        asyncio.run(_level(server.url, 1, pid))  # warm the caches (bundled personas, imports)
        idle = rss_mb(pid)
        levels = [asyncio.run(_level(server.url, n, pid)) for n in args.levels]
        traceback = "Traceback" in server.log_text()
    cpus = os.cpu_count()
    print(f"server alone; {len(RUNS)} runs per session (map, persona, map); {cpus} CPUs")
    print(f"server memory after warm-up: {idle:.0f} MB; traceback in log: {traceback}")
    header = (
        "| Sessions | Run median (s) | Run p90 (s) | Wall (s) | Failed | Server RSS (MB) "
        "| Load 1 min before → after |"
    )
    print(header)
    print("|" + "---|" * 7)
    for lv in levels:
        print(
            f"| {lv.sessions} | {statistics.median(lv.runs) if lv.runs else float('nan'):.2f} "
            f"| {_quantile(lv.runs, 0.9):.2f} | {lv.wall:.1f} | {len(lv.failures)} "
            f"| {lv.rss_mb:.0f} | {lv.load_before:.1f} → {lv.load_after:.1f} |"
        )
    for lv in levels:
        for failure in sorted(set(lv.failures))[:3]:
            print(f"  {lv.sessions} sessions: {failure}")


if __name__ == "__main__":
    main()
