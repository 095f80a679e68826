"""``spectrum-dashboard`` starts the dashboard with the settings ``.streamlit/config.toml`` gives a
clone: the two lists are kept equal here, and every setting is one Streamlit knows."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard import launch

ROOT = Path(__file__).resolve().parents[2]


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def test_the_launcher_passes_exactly_the_settings_of_the_clone() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert _flatten(config) == launch.SETTINGS


def test_the_privacy_settings_are_among_them() -> None:
    assert launch.SETTINGS["browser.gatherUsageStats"] is False
    assert launch.SETTINGS["server.address"] == "localhost"
    assert launch.SETTINGS["server.headless"] is True
    assert launch.SETTINGS["client.disableDataExport"] is True
    assert launch.SETTINGS["server.maxUploadSize"] == 1
    # A closed tab's session, and the downloads it holds, go after a minute (issue 14, hole 8).
    assert launch.SETTINGS["server.disconnectedSessionTTL"] == 60


def test_every_setting_is_a_streamlit_option() -> None:
    for key in launch.SETTINGS:
        st.get_option(key)  # raises for a key Streamlit does not define


def test_the_command_runs_the_app_with_the_settings_then_the_given_arguments() -> None:
    app = Path("/somewhere/dashboard/app.py")
    command = launch.command(app, ["--server.port", "8600"])
    assert command[:2] == ["run", str(app)]
    assert command[-2:] == ["--server.port", "8600"]
    pairs = dict(zip(command[2:-2:2], command[3:-2:2], strict=True))
    assert pairs["--browser.gatherUsageStats"] == "false"
    assert pairs["--server.address"] == "localhost"
    assert pairs["--client.disableDataExport"] == "true"
    assert pairs["--server.maxUploadSize"] == "1"
    assert json.loads(pairs["--theme.chartCategoricalColors"])[0] == "#0072B2"
