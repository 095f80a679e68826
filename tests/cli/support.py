"""Running the ``spectrum`` command: in process through ``model.cli.main(argv)``, or as a user
runs it, in a subprocess (the few smoke tests in ``test_smoke.py``).

Both give a :class:`Run` of the exit status and what was written to stdout and stderr. In process,
the status is what ``main`` returns, or the code of the ``SystemExit`` argparse raises for a usage
error or ``--help``; any other exception fails the test with its traceback, which a user would
have seen.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from model import cli

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


def _exit_code(code: object) -> int:
    """The status ``SystemExit(code)`` gives the shell: None is 0, a message is 1."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def run(*args: str | Path, cwd: Path) -> Run:
    """``spectrum ARGS`` run from ``cwd``, in this process."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = cli.main([str(arg) for arg in args])
        except SystemExit as exit_:
            code = _exit_code(exit_.code)
    result = Run(code, out.getvalue(), err.getvalue())
    assert "Traceback" not in result.out + result.err, result.err
    return result


def run_process(*args: str | Path, cwd: Path, entry_point: bool = False) -> Run:
    """``python -m model ARGS`` (or the installed ``spectrum`` script) in a subprocess."""
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
