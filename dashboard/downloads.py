"""Every file the dashboard offers for download, each carrying the notice.

The notice (``model.explanation.NOTICE``) says what the data is and what the tool is never for;
it travels with the file, wherever the file goes (guidelines 9 and 10, L25, L26). TOML files
carry it as a comment line at the top, so they load back unchanged; CSV tables carry it as their
first line, one quoted field, so a spreadsheet shows it whole in the first cell.

The built-in exports that cannot carry it are switched off instead: the interactive tables' own
CSV download (``client.disableDataExport``, set in ``app.py``) and the charts' image download
(``display.PLOTLY_CONFIG``).

Every button here is given its file as data, never as a callable (issue 14, hole 4). Streamlit
keeps a file given as data at ``/media/<hash>`` for as long as its button is on the session's
page; when the button goes (the session ends, or reruns with other content) the file is marked,
and deleted by the second clean-up after that, which runs at the end of any session's script
run. So a download stays fetchable by its URL, without the session, until two script runs of
any session have ended: at once on a busy server, but on an idle one until someone next uses
it. Streamlit offers no shorter life. The URL is a hash of the content, unguessable without it.
A callable (``data=fn``) is made on click into a file no session holds, which the next two
runs of any session delete: on a busy server before the browser fetches it (a 404).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pandas as pd
import streamlit as st
import tomli_w

from model import ModelConfig, Persona, dump_config
from model.explanation import NOTICE
from model.personas import persona_to_data

NOTICE_COMMENT = f"# {NOTICE}\n"
"""The notice as the first line of a TOML file."""

CSV_MIME = "text/csv"
TOML_MIME = "application/toml"


def config_toml(config: ModelConfig) -> str:
    """The configuration as TOML, the notice first; ``model.load_config`` reads it unchanged."""
    return NOTICE_COMMENT + dump_config(config)


def personas_toml(personas: Sequence[Persona]) -> str:
    """Personas as one TOML file (``[[personas]]``), the notice first, as the loaders read it.

    TOML rather than JSON: JSON has no comments, and the persona loader refuses any key beside
    ``personas``, so a notice could not travel inside a JSON file that still loads.
    """
    body = tomli_w.dumps({"personas": [persona_to_data(p) for p in personas]})
    return (
        NOTICE_COMMENT
        + "# Choice–circumstance–coercion spectrum: personas, in the format `spectrum validate`\n"
        + "# and the dashboard's upload read.\n\n"
        + body
    )


def table_csv(frame: pd.DataFrame) -> str:
    """A table as CSV whose first line is the notice (read it back with ``skiprows=1``)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([f"Notice: {NOTICE}"])
    frame.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def table_button(frame: pd.DataFrame, *, file_name: str, key: str) -> None:
    """A button that downloads ``frame`` as CSV, with the notice."""
    st.download_button(
        "Download this table (CSV)",
        data=table_csv(frame),
        file_name=file_name,
        mime=CSV_MIME,
        key=key,
        on_click="ignore",
        icon=":material/download:",
        help="The table as shown, with the notice on its first line.",
    )


def settings_button(config: ModelConfig, *, key: str = "settings-download") -> None:
    """ "Download settings": the configuration ``config`` as the file itself, not a callable.

    Draw it where it reruns whenever the settings change (inside the adjust page's fragment), so
    the file it holds is always the one in force. Streamlit keeps a file given as data for as
    long as its button is on the page; the file a callable makes on click belongs to no session,
    and the next two script runs of *any* session delete it, which under load came before the
    browser fetched it (404s in 2–6 of 10 concurrent downloads; issue 14, hole 4).
    """
    st.download_button(
        "Download settings",
        data=config_toml(config),
        file_name="spectrum-config.toml",
        mime=TOML_MIME,
        key=key,
        on_click="ignore",
        icon=":material/download:",
        help="The settings in force, in the TOML format `spectrum score --config` reads, with "
        "the notice on its first line.",
    )
