"""Run every page of the *installed* dashboard once, in process (``AppTest``), and report.

Run by the Python of the virtual environment the wheel was installed into, from a working
directory outside the repository, so everything it reads comes from the installed package:

    <venv>/bin/python installed_pages.py views/spectrum_map.py views/about.py ...

The arguments are page files as ``AppTest.switch_page`` takes them (from the repository's
navigation, ``tests/pages.py``). Prints one JSON object: the app file it ran, and per page the
exceptions raised, the text of its Markdown elements and the options of its select boxes.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import Any

from streamlit.testing.v1 import AppTest

TIMEOUT = 60


def run(pages: list[str]) -> dict[str, Any]:
    app = resources.files("dashboard").joinpath("app.py")
    at = AppTest.from_file(str(app), default_timeout=TIMEOUT)
    at.run()
    report: dict[str, Any] = {
        "app": str(app),
        "first_run": [e.value for e in at.exception],
        "pages": {},
    }
    for page in pages:
        at.switch_page(page).run()
        report["pages"][page] = {
            "exceptions": [e.value for e in at.exception],
            "markdown": [m.value for m in at.markdown],
            "selectbox_options": [list(s.options) for s in at.selectbox],
        }
    return report


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1:])))
