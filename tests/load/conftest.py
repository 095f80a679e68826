"""A server of their own for the load tests, so its memory is theirs to sample.

Sessions are driven concurrently with Playwright's async API (one Chromium, one context per
session), each a real Streamlit session over its own websocket.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import serving
from tests.serving import Server

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "artifacts" / "logs"


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (``/proc/<pid>/status``; psutil is not needed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


@pytest.fixture(scope="module")
def load_server() -> Iterator[Server]:
    log = LOGS / f"streamlit-load-{os.getpid()}.log"
    try:
        with serving.serve(log=log) as running:
            yield running
    except serving.ServerError as error:
        pytest.fail(str(error))
    text = running.log_text()
    assert "Traceback" not in text, text[-4000:]


@pytest.fixture(scope="session")
def chromium() -> str:
    # No Playwright driver here: the browser suite's session-wide sync driver may still be
    # running in this thread, and a second one refuses to start inside its loop.
    found = serving.find_chromium()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true, so the load tests must run, but no Chromium was found")
        pytest.skip("no Chromium found; set SPECTRUM_CHROMIUM or install chromium")
    return found
