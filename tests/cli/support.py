"""Running the ``spectrum`` command as a user runs it: in a subprocess, reading its output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SPECTRUM = Path(sys.executable).parent / "spectrum"
PROBLEM_LINE = re.compile(r"^(?P<path>.+?): (?P<item>[^:]+): (?P<field>[^:]+): (?P<message>.+)$")
WARNING_LINE = re.compile(
    r"^(?P<path>.+?): (?P<item>[^:]+): (?P<field>[^:]+): warning: (?P<message>.+)$"
)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def problem_lines(self, stream: str = "out") -> list[re.Match[str]]:
        """Lines of ``path: item: field: message`` that are problems (warnings left out)."""
        text = self.out if stream == "out" else self.err
        lines = [line for line in text.splitlines() if line and not WARNING_LINE.match(line)]
        matches = [PROBLEM_LINE.match(line) for line in lines]
        return [m for m in matches if m is not None]

    def warning_lines(self) -> list[re.Match[str]]:
        """Lines of ``path: item: field: warning: message`` (always on stderr)."""
        matches = [WARNING_LINE.match(line) for line in self.err.splitlines()]
        return [m for m in matches if m is not None]


def run(*args: str | Path, cwd: Path, entry_point: bool = False) -> Run:
    command = [str(SPECTRUM)] if entry_point else [sys.executable, "-m", "model"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [*command, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    result = Run(done.returncode, done.stdout, done.stderr)
    # Whatever happens, the user never sees a traceback.
    assert "Traceback" not in result.out + result.err, result.err
    return result
