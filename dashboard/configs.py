"""The configurations a session keeps by name, to compare any two: the default, the session's
own ("yours", the one every page uses) and the files uploaded on the compare page.

Uploaded configurations are the user's: they live in ``st.session_state`` only.
"""

from __future__ import annotations

import streamlit as st

from dashboard import session
from model import ModelConfig, default_config

DEFAULT = "The default model"
YOURS = "Yours (the settings in force)"
_KEPT = "_named_configs"


def uploaded() -> dict[str, ModelConfig]:
    kept: dict[str, ModelConfig] = st.session_state.setdefault(_KEPT, {})
    return kept


def keep(name: str, cfg: ModelConfig) -> str:
    """Keep ``cfg`` under ``name`` (numbered if the name is taken); returns the name used."""
    kept, used, n = uploaded(), name, 2
    while used in kept or used in (DEFAULT, YOURS):
        used, n = f"{name} ({n})", n + 1
    kept[used] = cfg
    return used


def names() -> list[str]:
    return [DEFAULT, YOURS, *uploaded()]


def get(name: str) -> ModelConfig:
    if name == YOURS:
        return session.config()
    if name == DEFAULT:
        return default_config()
    return uploaded()[name]
