"""The researcher's results, computed in the session: sensitivity of every persona's position
and the downloads of the score document and of the sensitivity.

Everything here is derived from the session's configuration and personas (a user's upload or
settings), so it is memoized in ``st.session_state``, never with ``st.cache_data``: no other
session can read it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial

import streamlit as st

from dashboard import downloads, session
from model import ModelConfig, Persona
from model.links import settings_link
from model.report import to_csv, to_json
from model.research_output import sensitivity_csv, sensitivity_json
from model.results import Results
from model.score import score_document
from model.sensitivity import Method, SensitivityReport, Swing, swings

SAMPLE_CHOICES = (256, 512, 1024)
"""Sobol base samples the persona page offers (SALib evaluates N·(D + 2) parameter sets)."""
DEFAULT_SAMPLES = 512
SAMPLES_KEY = "sensitivity_samples"
_MEMO = "_sensitivity"
_SWINGS_MEMO = "_swings"
_KEPT = 64
"""Results kept per session (per persona, configuration and sample count) before starting
afresh."""
JSON_MIME = "application/json"


def _fingerprint(cfg: ModelConfig, people: list[Persona], *extra: object) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(cfg.model_dump_json().encode())
    for persona in people:
        digest.update(persona.model_dump_json().encode())
    digest.update(repr(extra).encode())
    return digest.hexdigest()


def samples() -> int:
    value = st.session_state.get(SAMPLES_KEY, DEFAULT_SAMPLES)
    return int(value) if value in SAMPLE_CHOICES else DEFAULT_SAMPLES


def sensitivity(persona: Persona) -> SensitivityReport:
    """Sobol indices of one persona's position under the session's configuration, with the
    configuration's seed; kept until the configuration, the persona or the sample count change.
    One persona at a time: SALib's bootstrap of the confidence intervals costs about a quarter
    of a second per persona, so every persona at once would hold up the page for seconds."""
    cfg, n = session.config(), samples()
    key = _fingerprint(cfg, [persona], n)
    memo = st.session_state.get(_MEMO)
    if not isinstance(memo, dict):
        memo = st.session_state[_MEMO] = {}
    if key not in memo:
        if len(memo) >= _KEPT:
            memo.clear()
        memo[key] = _analyse((persona,), cfg, n)
    report: SensitivityReport = memo[key]
    return report


def _analyse(people: tuple[Persona, ...], cfg: ModelConfig, n: int) -> SensitivityReport:
    from model.sensitivity import analyse  # SALib loads only when a page first asks

    return analyse(people, cfg, method=Method.SOBOL, samples=n, seed=cfg.monte_carlo.seed)


def persona_swings(persona: Persona) -> list[Swing]:
    """The tornado and tipping points of one persona under the session's configuration."""
    cfg = session.config()
    key = _fingerprint(cfg, [persona])
    memo: dict[str, list[Swing]] = st.session_state.setdefault(_SWINGS_MEMO, {})
    if key not in memo:
        if len(memo) >= _KEPT:
            memo.clear()
        memo[key] = swings(persona, cfg)
    return memo[key]


def config_source(cfg: ModelConfig) -> str:
    """How the score document names the configuration: the default, or the link that
    reproduces it (``?model=…``)."""
    link = settings_link(cfg)
    return "default" if not link else f"dashboard settings (link {link})"


def _score_json(results: Results) -> str:
    return to_json(
        score_document(results, config_source=config_source(results.config), monte_carlo=True)
    )


def _score_csv(results: Results) -> str:
    return to_csv(
        score_document(results, config_source=config_source(results.config), monte_carlo=True)
    )


def json_and_csv(
    what: str,
    stem: str,
    *,
    key: str,
    json_data: Callable[[], str],
    csv_data: Callable[[], str],
    command: str,
) -> None:
    """Two buttons side by side: ``what`` as JSON and as CSV, as ``command`` writes them.
    Each file is written only when the user clicks (Streamlit calls ``*_data`` then)."""
    for column, fmt, data, mime in zip(
        st.columns(2),
        ("JSON", "CSV"),
        (json_data, csv_data),
        (JSON_MIME, downloads.CSV_MIME),
        strict=True,
    ):
        column.download_button(
            f"Download {what} ({fmt})",
            data=data,
            file_name=f"{stem}.{fmt.lower()}",
            mime=mime,
            key=f"{key}-{fmt.lower()}",
            on_click="ignore",
            icon=":material/download:",
            help=f"As `{command} --format {fmt.lower()}` writes it, with the notice"
            + (" (its last column repeats it)." if fmt == "CSV" else "."),
        )


def score_downloads(key: str) -> None:
    """The score document, as ``spectrum score`` writes it: JSON and CSV (numeric interval
    bounds, zone probabilities, contributions, both layers of response, the configuration and
    the seed), from the results in force now."""
    results = session.results()
    json_and_csv(
        "results",
        "spectrum-score",
        key=key,
        json_data=partial(_score_json, results),
        csv_data=partial(_score_csv, results),
        command="spectrum score",
    )


def _sensitivity_json(people: tuple[Persona, ...], cfg: ModelConfig, n: int) -> str:
    """The document ``spectrum sensitivity --format json`` writes: every persona's indices
    and swings and tipping points, with the notice."""
    return sensitivity_json(_analyse(people, cfg, n), {p.id: swings(p, cfg) for p in people})


def _sensitivity_csv(people: tuple[Persona, ...], cfg: ModelConfig, n: int) -> str:
    return sensitivity_csv(_analyse(people, cfg, n))


def sensitivity_downloads(key: str) -> None:
    """The sensitivity of every persona, as ``spectrum sensitivity`` writes it: computed when
    the user clicks (a few seconds for every persona), with the samples chosen and the
    configuration's seed."""
    inputs = (tuple(session.personas()), session.config(), samples())
    json_and_csv(
        "sensitivity",
        "spectrum-sensitivity",
        key=key,
        json_data=partial(_sensitivity_json, *inputs),
        csv_data=partial(_sensitivity_csv, *inputs),
        command="spectrum sensitivity",
    )
