"""What one browser session holds: its configuration, its uploaded personas, its results.

The configuration (``config``) is the one place this session's settings live, the Monte Carlo
run's samples and seed among them; every page reads it and the adjust page writes it.

Only pure functions of bundled data are cached across sessions (``st.cache_resource``); anything
a user uploads or edits lives in ``st.session_state``, which no other session can read, and is
never written to disk.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard import downloads
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
from personas import bundled_path

CONFIG_KEY = "config"
UPLOADED_KEY = "uploaded_personas"
UPLOAD_PROBLEMS_KEY = "upload_problems"
UPLOAD_WARNINGS_KEY = "upload_warnings"
_RESULTS_KEY = "_results"

SAMPLE_CHOICES = (200, 500, 1000, 2000, 5000)
"""The sample counts the adjust page offers (with the configuration's own, if it is another):
the model's default among them, and none beyond its bound (tests/dashboard/test_figures.py)."""


@st.cache_resource(show_spinner=False)
def bundled() -> tuple[tuple[Persona, ...], tuple[Problem, ...]]:
    """The personas shipped with the package (``personas/``; identical for every session, so
    cached)."""
    with bundled_path() as folder:
        loaded = load_personas([folder])
    return tuple(loaded.personas), tuple(loaded.problems)


class ConfigStore:
    """This session's configuration: the one place it lives.

    A box rather than the configuration itself, so that the settings download, which Streamlit
    builds only when the user clicks (on another thread, without the session), is given the box
    and serves the configuration in force at that moment: called, the box gives the settings
    file.
    """

    def __init__(self, current: ModelConfig) -> None:
        self.current = current

    def __call__(self) -> str:
        """The configuration in force, as the settings file the user downloads."""
        return downloads.config_toml(self.current)


def config_store() -> ConfigStore:
    store = st.session_state.get(CONFIG_KEY)
    if not isinstance(store, ConfigStore):
        store = st.session_state[CONFIG_KEY] = ConfigStore(default_config())
    return store


def config() -> ModelConfig:
    """This session's configuration (the default until the user changes it)."""
    return config_store().current


def set_config(new: ModelConfig) -> None:
    config_store().current = new


def uploaded() -> list[Persona]:
    personas = st.session_state.get(UPLOADED_KEY, [])
    return list(personas)


def upload_problems() -> list[Problem]:
    return list(st.session_state.get(UPLOAD_PROBLEMS_KEY, []))


def upload_warnings() -> list[Problem]:
    """Accepted uploads whose text reads like a real case record, phrase by phrase."""
    return list(st.session_state.get(UPLOAD_WARNINGS_KEY, []))


BUILT_KEY = "built_personas"


def built() -> list[Persona]:
    """Personas made on the builder page in this session (kept apart from the uploads, which
    are read again whenever the uploaded files change)."""
    return list(st.session_state.get(BUILT_KEY, []))


def add_built(persona: Persona) -> None:
    st.session_state[BUILT_KEY] = [*built(), persona]


def personas() -> list[Persona]:
    """Bundled personas, then this session's uploads, then the personas built here."""
    return [*bundled()[0], *uploaded(), *built()]


def _fingerprint(cfg: ModelConfig, people: list[Persona]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(cfg.model_dump_json().encode())
    for persona in people:
        digest.update(persona.model_dump_json().encode())
    return digest.hexdigest()


NO_PERSONAS = (
    "**No persona to show.** The bundled personas could not be read (the sidebar says why) and "
    "none has been uploaded in this session. Add a persona file in the sidebar."
)


def _no_personas() -> None:
    """Every page that shows personas asks for the results first: with none, it says so and
    stops there, instead of failing on an empty list."""
    st.info(NO_PERSONAS, icon=":material/person_off:")
    st.stop()


def results() -> Results:
    """The model's results for the current inputs (assessments at once, Monte Carlo figures and
    response plans when a page first asks), memoized in the session. The Monte Carlo run takes
    its samples and seed from the configuration, as ``spectrum score`` does."""
    cfg, people = config(), personas()
    if not people:
        _no_personas()
    key = _fingerprint(cfg, people)
    memo = st.session_state.get(_RESULTS_KEY)
    if memo is not None and memo[0] == key:
        cached: Results = memo[1]
        return cached
    runs = cfg.monte_carlo
    computed = Results.of(people, cfg, samples=runs.samples, seed=runs.seed)
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
