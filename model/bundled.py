"""The data files shipped inside the package (``model/data/``), read one way everywhere.

Read through :mod:`importlib.resources`, so they are found in an installed wheel as well as in a
clone. They are the project's own files: a fault in one is a bug, not a user's input problem.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def bundled_text(name: str) -> str:
    """The text of ``model/data/<name>``."""
    return resources.files("model").joinpath("data", name).read_text(encoding="utf-8")


def bundled_toml(name: str) -> dict[str, Any]:
    """``model/data/<name>`` parsed as TOML."""
    return tomllib.loads(bundled_text(name))
