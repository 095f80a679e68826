"""What the browser tests and the dashboard benchmark both drive: the app's server and Chromium.

The server is started as the README does: ``streamlit run dashboard/app.py`` from the repository
root (so ``.streamlit/config.toml`` applies), headless, on a free port (never an assumed 8501),
its output in a log file, in a process group of its own so that stopping it stops everything it
started. :func:`serve` waits until the server answers its health check and raises
:class:`ServerError`, with the log's tail, if it exits or never does.

No browser is downloaded: :func:`find_chromium` takes ``$SPECTRUM_CHROMIUM``, Playwright's own
Chromium if it was installed, or a system Chromium, and Chromium starts with ``LAUNCH_ARGS``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = "dashboard/app.py"
START_TIMEOUT = 60.0

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class ServerError(RuntimeError):
    """The server exited, or never answered its health check."""


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 60) -> str:
        if not self.log.exists():
            return "(no server log)"
        return f"{self.log}:\n" + "\n".join(self.log_text().splitlines()[-lines:])


def streamlit_command() -> Path:
    """The ``streamlit`` installed beside this Python (the project's virtual environment)."""
    streamlit = Path(sys.executable).parent / "streamlit"
    if not streamlit.exists():
        raise ServerError(f"no streamlit next to {sys.executable}: install the project")
    return streamlit


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as r:
            return bool(r.read().decode().strip() == "ok")
    except (urllib.error.URLError, OSError):
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and everything it started (its own process group)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


@contextmanager
def serve(
    script: str = APP,
    *,
    log: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = START_TIMEOUT,
    command: Sequence[str | Path] | None = None,
    cwd: Path = ROOT,
) -> Iterator[Server]:
    """``streamlit run <script>`` from the repository root, headless on a free port; yields the
    running :class:`Server` once it is healthy and stops it on the way out. Its output (stdout
    and stderr) goes to ``log``; ``env`` is added to this process's environment.

    ``command`` starts something else in its place (an installed launcher, say), run from
    ``cwd`` and given only ``--server.port``.
    """
    port = free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    if command is None:
        command = [streamlit_command(), "run", script, "--server.headless", "true"]
    name = " ".join(Path(part).name if i == 0 else str(part) for i, part in enumerate(command))
    argv = [*map(str, command), "--server.port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            start_new_session=True,
        )
    server = Server(process, port, log)
    try:
        deadline = time.monotonic() + timeout
        while not healthy(port):
            if process.poll() is not None:
                raise ServerError(f"{name} exited with {process.returncode}:\n{server.log_tail()}")
            if time.monotonic() > deadline:
                raise ServerError(f"{name} not healthy after {timeout:.0f} s:\n{server.log_tail()}")
            time.sleep(0.25)
        # Another process answering on the port would leave ours exiting with "Port … is not
        # available"; make sure the health check came from our server.
        if process.poll() is not None:
            raise ServerError(f"{name} exited:\n{server.log_tail()}")
        yield server
    finally:
        stop(process)


# --- Chromium ---------------------------------------------------------------------------------


def chromium_candidates(playwright: Any = None) -> list[str]:
    """Where a Chromium may be, in order of preference (``playwright``: a started
    ``sync_playwright()``, to ask for its own browser)."""
    candidates = [os.environ.get("SPECTRUM_CHROMIUM", "")]
    if playwright is not None:
        # Playwright without a downloaded browser may not even name a path.
        with contextlib.suppress(Exception):
            candidates.append(playwright.chromium.executable_path)
    candidates += [shutil.which(name) or "" for name in SYSTEM_CHROMIUMS]
    candidates.append("/usr/bin/chromium")
    return [c for c in candidates if c]


def find_chromium(playwright: Any = None) -> str | None:
    """The first candidate that is an executable file, or ``None``."""
    for candidate in chromium_candidates(playwright):
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


# The script has finished: Streamlit marks its root "notRunning" and no longer shows "Running…"
# in its status widget (which may still be visible for another reason, e.g. "Source changed").
SCRIPT_DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  if (!status || status.offsetParent === null) return true;
  const running = status.querySelector('[data-testid^="stStatusWidgetRunning"]');
  return !running && !/Running/.test(status.textContent || '');
}"""
