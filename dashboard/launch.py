"""``spectrum-dashboard``: start the installed dashboard with the settings a clone has.

A clone starts ``streamlit run dashboard/app.py`` from its root, where Streamlit reads
``.streamlit/config.toml``: no usage statistics, this machine only, headless, a minimal toolbar,
no export from the interactive tables, uploads of at most 1 MB, and the project's theme. An
installed copy has no such file (Streamlit looks for it in the working directory), so this
launcher runs the installed ``app.py`` with the same settings as command-line flags, which take
precedence over any configuration file or ``STREAMLIT_*`` environment variable. A test keeps
:data:`SETTINGS` equal to ``.streamlit/config.toml``.

Arguments are passed on to ``streamlit run`` after the settings, so a later flag wins:
``spectrum-dashboard --server.port 8600``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

Setting = str | int | bool | list[str]

SETTINGS: dict[str, Setting] = {
    "browser.gatherUsageStats": False,
    "server.maxUploadSize": 1,
    "server.headless": True,
    "server.disconnectedSessionTTL": 60,
    "server.address": "localhost",
    "server.fileWatcherType": "none",
    "runner.magicEnabled": False,
    "runner.postScriptGC": False,
    "client.toolbarMode": "minimal",
    "client.disableDataExport": True,
    "theme.base": "light",
    "theme.primaryColor": "#0072B2",
    "theme.textColor": "#111111",
    "theme.chartCategoricalColors": [
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#D55E00",
        "#CC79A7",
        "#56B4E9",
        "#F0E442",
        "#000000",
    ],
}
"""``.streamlit/config.toml``, section by section, as ``section.option`` → value."""


def _flag_value(value: Setting) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value)  # how Streamlit reads a list given on the command line
    return str(value)


def flags() -> list[str]:
    """The settings as ``streamlit run`` flags: ``["--browser.gatherUsageStats", "false", ...]``."""
    return [part for key, value in SETTINGS.items() for part in (f"--{key}", _flag_value(value))]


def command(app: Path, args: Sequence[str] = ()) -> list[str]:
    """The arguments of ``streamlit``: ``run``, the app's file, the settings, then ``args``."""
    return ["run", str(app), *flags(), *args]


def main(argv: Sequence[str] | None = None) -> None:
    """Start the dashboard; it serves until stopped (Ctrl+C). Exits with Streamlit's status."""
    from streamlit.web import cli

    args = sys.argv[1:] if argv is None else argv
    with resources.as_file(resources.files("dashboard").joinpath("app.py")) as app:
        cli.main(args=command(app, args), prog_name="streamlit")


if __name__ == "__main__":
    main()
