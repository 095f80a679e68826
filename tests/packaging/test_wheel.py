"""The package installs whole: the built wheel, in a fresh virtual environment outside the
repository, scores the bundled personas and serves the dashboard from any working directory.

One module-scoped fixture builds the wheel from a copy of the source tree (so no ``build/`` is
left in the clone, and nothing stale from an earlier build can slip into the wheel), creates a
virtual environment in a temporary folder, and installs the wheel there with its dependencies
from the package index (pip's cache makes this quick after the first time). Streamlit is held at
the oldest release ``pyproject.toml`` allows, so the floor declared there is the one tested; the
rest of the suite runs the newest. Every command then runs from a temporary working directory,
with no ``PYTHONPATH``, so nothing can be read from the clone by accident.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import pages, serving

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
INSTALL_TIMEOUT = 600
RUN_TIMEOUT = 180
START_TIMEOUT = 90.0
NOTICE = "Never a screening or identification tool for real people."

# What a source copy leaves out when there is no git to ask (a clone always has one).
_NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "artifacts",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
)


def streamlit_floor() -> str:
    """The oldest Streamlit that ``pyproject.toml`` allows (``streamlit>=X``)."""
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "dependencies"
    ]
    for requirement in dependencies:
        found = re.fullmatch(r"streamlit\s*>=\s*([\w.]+)", requirement.strip())
        if found:
            return found.group(1)
    raise AssertionError(f"pyproject.toml declares no `streamlit>=X` in {dependencies}")


def bundled_persona_ids() -> list[str]:
    return sorted(p.stem for p in (ROOT / "personas").glob("*.toml"))


def _copy_source(target: Path) -> None:
    """The files a clone holds (tracked, or new and not ignored), as they are in the work tree."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        shutil.copytree(ROOT, target, ignore=_NOT_SOURCE)
        return
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is not copied
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _run(
    command: list[str | Path],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = RUN_TIMEOUT,
) -> str:
    """Run ``command``; its output, or a failure that shows both of its streams."""
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, (
        f"{' '.join(map(str, command))} exited {done.returncode}\n"
        f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}"
    )
    return done.stdout


@dataclass
class Installed:
    """The wheel, installed in its own virtual environment, and a working directory beside it."""

    wheel: Path
    venv: Path
    work: Path
    env: dict[str, str]
    seconds: dict[str, float]

    def bin(self, name: str) -> Path:
        return self.venv / "bin" / name

    def run(self, *command: str | Path, timeout: float = RUN_TIMEOUT) -> str:
        """A command from the virtual environment's ``bin``, run in the outside directory."""
        return _run(
            [self.bin(str(command[0])), *command[1:]], cwd=self.work, env=self.env, timeout=timeout
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("packaging")
    assert not base.resolve().is_relative_to(ROOT), f"{base} is inside the repository"
    seconds: dict[str, float] = {}

    start = time.monotonic()
    source = base / "source"
    _copy_source(source)
    wheels = base / "wheels"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            wheels,
            source,
        ],
        cwd=base,
        timeout=INSTALL_TIMEOUT,
    )
    (wheel,) = wheels.glob("ccc_spectrum-*.whl")
    seconds["build"] = time.monotonic() - start

    start = time.monotonic()
    venv = base / "venv"
    # No pip in the new environment: this pip installs into it (``--python``), which saves
    # bootstrapping one; ``--no-compile`` leaves byte-compiling to the first import of each
    # module, so only what runs is compiled.
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=base)
    constraints = base / "constraints.txt"
    constraints.write_text(f"streamlit=={streamlit_floor()}\n", encoding="utf-8")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            venv / "bin" / "python",
            "install",
            "--quiet",
            "--no-compile",
            "--constraint",
            constraints,
            wheel,
        ],
        cwd=base,
        timeout=INSTALL_TIMEOUT,
    )
    seconds["install"] = time.monotonic() - start

    work = base / "elsewhere"
    work.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    }
    env.update(PYTHONNOUSERSITE="1", PYTHONUNBUFFERED="1")
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    yield Installed(wheel, venv, work, env, seconds)
    print(f"\npackaging: {', '.join(f'{k} {v:.1f} s' for k, v in seconds.items())}")
    # The environment is some 600 MB and pytest keeps the last three runs' folders: keep only
    # the wheel and the server's log.
    shutil.rmtree(venv, ignore_errors=True)
    shutil.rmtree(source, ignore_errors=True)


def test_the_wheel_carries_the_code_and_every_data_file(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {
        "personas/__init__.py",
        "model/py.typed",
        "model/data/MODEL.md",
        "model/data/default_config.toml",
        "dashboard/app.py",
        "dashboard/launch.py",
        "dashboard/content/ten_points.toml",
        *(f"personas/{persona_id}.toml" for persona_id in bundled_persona_ids()),
    }
    assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "docs/"))]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
    scripts = zipfile.ZipFile(installed.wheel).read(entry_points).decode()
    assert "spectrum = model.cli:main" in scripts
    assert "spectrum-dashboard = dashboard.launch:main" in scripts


def test_everything_is_read_from_the_installed_copy(installed: Installed) -> None:
    """The packages, the personas, the ten points and the model card all come from the
    virtual environment, through importlib.resources, and Streamlit is the declared floor."""
    probe = (
        "import json, dashboard, model, personas, streamlit\n"
        "from importlib import resources\n"
        "from model.bundled import bundled_text\n"
        "print(json.dumps({\n"
        "  'files': [dashboard.__file__, model.__file__, personas.__file__],\n"
        "  'personas': str(personas.bundled_dir()),\n"
        "  'card': bundled_text('MODEL.md')[:200],\n"
        "  'ten_points': resources.files('dashboard').joinpath('content', 'ten_points.toml')"
        ".read_text(encoding='utf-8')[:200],\n"
        "  'streamlit': streamlit.__version__,\n"
        "}))\n"
    )
    found = json.loads(installed.run("python", "-c", probe))
    venv = str(installed.venv)
    for file in [*found["files"], found["personas"]]:
        assert file.startswith(venv), f"{file} is not from the installed copy"
    assert found["card"].strip(), "the model card is empty"
    assert "[[points]]" in found["ten_points"]
    assert found["streamlit"].startswith(streamlit_floor()), found["streamlit"]


def test_spectrum_scores_the_bundled_personas(installed: Installed) -> None:
    folder = installed.run("python", "-c", "import personas; print(personas.bundled_dir())")
    folder = folder.strip()
    installed.run("spectrum", "validate", folder)
    table = installed.run("spectrum", "score", folder)
    assert NOTICE in table
    for persona_id in bundled_persona_ids():
        assert persona_id in table, f"{persona_id} is not in the score table:\n{table}"


def test_every_page_runs_from_the_installed_copy(installed: Installed) -> None:
    """Every page's script run, in process (AppTest), with the installed packages only."""
    files = [page.file for page in pages.PAGES]
    report = json.loads(
        installed.run("python", HERE / "installed_pages.py", *files, timeout=RUN_TIMEOUT * 2)
    )
    assert report["app"].startswith(str(installed.venv)), report["app"]
    assert not report["first_run"], f"the app raised: {report['first_run']}"
    for file in files:
        assert not report["pages"][file]["exceptions"], (
            f"{file} raised: {report['pages'][file]['exceptions']}"
        )
    persona_choices = " ".join(
        " ".join(options)
        for options in report["pages"][pages.file_of("persona")]["selectbox_options"]
    )
    for persona_id in bundled_persona_ids():
        assert persona_id in persona_choices, f"{persona_id} is not offered on the persona page"
    card = (ROOT / "model" / "data" / "MODEL.md").read_text("utf-8")
    title = next(line for line in card.splitlines() if line.startswith("# ")).lstrip("# ")
    about = "\n".join(report["pages"][pages.file_of("about")]["markdown"])
    assert title in about, f"the About page does not show the model card ({title!r})"


def test_the_oldest_streamlit_allowed_has_every_api_the_dashboard_calls(
    installed: Installed,
) -> None:
    dashboard = installed.run(
        "python", "-c", "import dashboard, os; print(os.path.dirname(dashboard.__file__))"
    ).strip()
    installed.run("python", HERE / "streamlit_apis.py", dashboard)


def test_spectrum_dashboard_serves_the_app_with_the_privacy_settings(
    installed: Installed,
) -> None:
    """``spectrum-dashboard`` starts headless on a free port, answers its health check, binds
    this machine only, and a browser's first visit runs each page without an exception and
    asks nothing of any other host."""
    port = serving.free_port()
    log = installed.work / "spectrum-dashboard.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(installed.bin("spectrum-dashboard")), "--server.port", str(port)],
            cwd=installed.work,
            env=installed.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not serving.healthy(port):
            text = log.read_text("utf-8", errors="replace")
            assert process.poll() is None, f"spectrum-dashboard exited:\n{text}"
            assert time.monotonic() < deadline, f"not healthy after {START_TIMEOUT} s:\n{text}"
            time.sleep(0.25)
        text = log.read_text("utf-8", errors="replace")
        # With server.address set, Streamlit serves that address only and prints no
        # "Network URL" (nor asks an outside service for an "External URL").
        assert f"http://localhost:{port}" in text, text
        assert "Network URL" not in text and "External URL" not in text, text

        chromium = serving.find_chromium()
        if chromium is None:
            reason = "no Chromium found (set SPECTRUM_CHROMIUM or install chromium)"
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI=true, so the first load must be checked, but {reason}")
            pytest.skip(f"health checked; the first load needs a browser: {reason}")
        visits = ["", pages.BY_NAME["about"].url_path]
        report = json.loads(
            _run(
                [
                    sys.executable,
                    "-m",
                    "tests.packaging.first_load",
                    f"http://localhost:{port}",
                    chromium,
                    *visits,
                ],
                cwd=ROOT,
            )
        )
        for path in visits:
            shown = report[path]
            assert not shown["exceptions"], f"/{path} shows an exception: {shown['exceptions']}"
            assert not shown["errors"], f"/{path} had JavaScript errors: {shown['errors']}"
            assert shown["h1"].strip(), f"/{path} has no heading"
            others = [h for h in shown["hosts"] if h and h != f"localhost:{port}"]
            assert not others, f"/{path} asked other hosts: {others}"
    finally:
        serving.stop(process)
    text = log.read_text("utf-8", errors="replace")
    assert "Traceback" not in text, f"the server logged a traceback:\n{text[-4000:]}"
