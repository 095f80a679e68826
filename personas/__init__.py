"""The bundled fictional personas: one TOML file per persona, shipped with the package.

This folder is the one source of them. A clone reads it in place (``spectrum score personas/``);
the wheel carries the same files as package data, so an installed copy finds them through
:mod:`importlib.resources`, wherever it is installed and whatever the working directory.

>>> sorted(f.name for f in bundled_dir().iterdir() if f.name.endswith(".toml"))[0]
'p01-independent-escort.toml'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def bundled_dir() -> Traversable:
    """The folder of bundled persona files (``personas/`` in a clone, or its installed copy)."""
    return resources.files(__name__)


@contextmanager
def bundled_path() -> Iterator[Path]:
    """The bundled folder as a file-system path while the block runs, for
    :func:`model.load_personas`:

    >>> from model import load_personas
    >>> with bundled_path() as folder:
    ...     len(load_personas([folder]).personas) == len(list(folder.glob("*.toml")))
    True

    A clone or an installed wheel is on disk, so this is the folder itself (Python 3.11 cannot
    extract a folder from a zipped install; 3.12 can).
    """
    with resources.as_file(bundled_dir()) as path:
        yield path
