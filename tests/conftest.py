"""Shared fixtures for the whole test suite (hypothesis strategies live in tests/strategies.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import model


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (the one holding ``model/`` and ``personas/``)."""
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bundled_personas(repo_root: Path) -> model.PersonaSet:
    """The persona library shipped in ``personas/``, with any problems found loading it."""
    return model.load_personas([repo_root / "personas"])


@pytest.fixture(scope="session")
def bundled(bundled_personas: model.PersonaSet) -> list[model.Persona]:
    """The shipped personas, in file order; they load without a problem."""
    assert not bundled_personas.problems, bundled_personas.problems
    return list(bundled_personas.personas)


@pytest.fixture(scope="session")
def config() -> model.ModelConfig:
    """The shipped default configuration."""
    return model.default_config()
