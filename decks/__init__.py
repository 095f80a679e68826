"""The bundled presentation decks: one TOML file per deck, shipped with the package.

A deck is a trainer's walk through the essays' argument (:mod:`model.scenes`). This folder holds
the default one; a trainer writes their own in the same shape without touching code. It sits
apart from ``personas/``, whose loader reads every ``.toml`` file in its folder.

>>> sorted(f.name for f in bundled_dir().iterdir() if f.name.endswith(".toml"))
['default.toml']
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

DEFAULT = "default.toml"


def bundled_dir() -> Traversable:
    """The folder of bundled decks (``decks/`` in a clone, or its installed copy)."""
    return resources.files(__name__)


def default_bytes() -> bytes:
    """The default deck's file, as bytes for :func:`model.scenes.load_deck_bytes`."""
    return bundled_dir().joinpath(DEFAULT).read_bytes()
