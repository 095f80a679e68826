"""The README's "Layout" section matches the tree, and the bundled personas are found as the
package finds them."""

from __future__ import annotations

import doctest
import re
import subprocess
from pathlib import Path

import pytest

import personas

ROOT = Path(__file__).resolve().parents[2]
_NAMED = re.compile(r"(?<![\w.`-])([\w.-]+\.(?:py|toml|md|png)|[\w-]+/)")


def layout() -> dict[str, str]:
    """Each entry of the README's Layout block (a folder or file) → its description."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Layout") :]
    block = section[section.index("```text\n") + len("```text\n") :]
    block = block[: block.index("```")]
    entries: dict[str, str] = {}
    current = ""
    for line in block.splitlines():
        if line and not line[0].isspace():
            current, _, description = line.partition(" ")
            entries[current] = description
        elif current:
            entries[current] += " " + line.strip()
    return entries


def tracked() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("no git to list the repository's files")
    return [name for name in listed.stdout.splitlines() if (ROOT / name).exists()]


def test_every_entry_and_every_file_it_names_exists() -> None:
    for entry, description in layout().items():
        assert (ROOT / entry).exists(), f"README Layout names {entry}, which does not exist"
        base = ROOT / entry if entry.endswith("/") else ROOT
        for name in _NAMED.findall(description):
            assert (base / name).exists(), f"README Layout: {entry} names {name}, not in {base}"


def test_every_folder_of_the_repository_is_in_the_layout() -> None:
    entries = layout()
    folders = {str(Path(name).parent) for name in tracked() if "/" in name}
    for folder in sorted(folders):
        parts = folder.split("/")
        top = f"{parts[0]}/"
        described = f"{folder}/" in entries or (
            len(parts) == 2 and top in entries and f"{parts[1]}/" in _NAMED.findall(entries[top])
        )
        # Deeper folders are covered by the one that holds them.
        if len(parts) > 2:
            described = True
        if folder == ".ci":
            described = ".ci/run" in entries
        assert described, f"README Layout does not mention {folder}/"


def test_the_bundled_personas_are_the_files_in_personas() -> None:
    found = sorted(f.name for f in personas.bundled_dir().iterdir() if f.name.endswith(".toml"))
    assert found == sorted(p.name for p in (ROOT / "personas").glob("*.toml"))
    with personas.bundled_path() as folder:
        assert folder.resolve() == (ROOT / "personas").resolve()


def test_the_examples_in_personas_run() -> None:
    results = doctest.testmod(personas)
    assert results.attempted >= 2
    assert results.failed == 0
