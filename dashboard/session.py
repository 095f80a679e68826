"""What one browser session holds: its configuration, its uploaded personas, its results.

Only pure functions of bundled data are cached across sessions (``st.cache_resource``); anything
a user uploads or edits lives in ``st.session_state``, which no other session can read, and is
never written to disk.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from model import (
    Assessment,
    ModelConfig,
    Persona,
    Problem,
    assess,
    default_config,
    load_personas,
)
from model.results import Results

PERSONAS_DIR = Path(__file__).resolve().parent.parent / "personas"

CONFIG_KEY = "config"
UPLOADED_KEY = "uploaded_personas"
UPLOAD_PROBLEMS_KEY = "upload_problems"
UPLOAD_WARNINGS_KEY = "upload_warnings"
SAMPLES_KEY = "mc_samples"
SEED_KEY = "mc_seed"
_RESULTS_KEY = "_results"

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 0
SAMPLE_CHOICES = (200, 500, 1000, 2000, 5000)


@st.cache_resource(show_spinner=False)
def bundled() -> tuple[tuple[Persona, ...], tuple[Problem, ...]]:
    """The personas shipped in ``personas/`` (identical for every session, so cached)."""
    loaded = load_personas([PERSONAS_DIR])
    return tuple(loaded.personas), tuple(loaded.problems)


def config() -> ModelConfig:
    """This session's configuration (the default until the user changes it)."""
    current = st.session_state.get(CONFIG_KEY)
    return current if isinstance(current, ModelConfig) else default_config()


def set_config(new: ModelConfig) -> None:
    st.session_state[CONFIG_KEY] = new


def uploaded() -> list[Persona]:
    personas = st.session_state.get(UPLOADED_KEY, [])
    return list(personas)


def upload_problems() -> list[Problem]:
    return list(st.session_state.get(UPLOAD_PROBLEMS_KEY, []))


def upload_warnings() -> list[Problem]:
    """Accepted uploads whose text reads like a real case record, phrase by phrase."""
    return list(st.session_state.get(UPLOAD_WARNINGS_KEY, []))


def personas() -> list[Persona]:
    """Bundled personas, then this session's uploads."""
    return [*bundled()[0], *uploaded()]


def monte_carlo() -> tuple[int, int]:
    samples = st.session_state.get(SAMPLES_KEY, DEFAULT_SAMPLES)
    seed = st.session_state.get(SEED_KEY, DEFAULT_SEED)
    return int(samples), int(seed)


def _fingerprint(cfg: ModelConfig, people: list[Persona], samples: int, seed: int) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(cfg.model_dump_json().encode())
    for persona in people:
        digest.update(persona.model_dump_json().encode())
    digest.update(f"{samples}:{seed}".encode())
    return digest.hexdigest()


def results() -> Results:
    """The model's results for the current inputs (assessments at once, Monte Carlo figures and
    response plans when a page first asks), memoized in the session."""
    cfg, people = config(), personas()
    samples, seed = monte_carlo()
    key = _fingerprint(cfg, people, samples, seed)
    memo = st.session_state.get(_RESULTS_KEY)
    if memo is not None and memo[0] == key:
        cached: Results = memo[1]
        return cached
    computed = Results.of(people, cfg, samples=samples, seed=seed)
    st.session_state[_RESULTS_KEY] = (key, computed)
    return computed


_DEFAULT_ASSESSMENTS_KEY = "_default_assessments"


def default_assessments(people: tuple[Persona, ...]) -> dict[str, Assessment]:
    """The personas under the default configuration, kept while the persona set is unchanged
    (the adjust page compares every slider move against them)."""
    memo = st.session_state.get(_DEFAULT_ASSESSMENTS_KEY)
    if memo is None or memo[0] != people:
        memo = (people, {a.persona_id: a for a in assess(list(people), default_config())})
        st.session_state[_DEFAULT_ASSESSMENTS_KEY] = memo
    baseline: dict[str, Assessment] = memo[1]
    return baseline
