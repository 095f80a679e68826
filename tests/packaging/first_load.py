"""Open pages of a running dashboard in Chromium and report how their first script run went.

Run in a process of its own (by the project's Python, which has Playwright), so that it never
meets the browser suite's Playwright in the test process:

    python -m tests.packaging.first_load http://localhost:PORT /usr/bin/chromium "" about

Each path after the Chromium binary is opened in a fresh context (a new Streamlit session), as
a person opening a link would. Prints one JSON object: per path, the exceptions the page shows,
its ``<h1>``, the JavaScript errors, and every host it asked for something.
"""

from __future__ import annotations

import json
import sys
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Error, Request, sync_playwright

from tests import serving

TIMEOUT_MS = 60_000

# The script has finished its run: Streamlit marks its root "notRunning".
_SCRIPT_DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning';
}"""


def visit(url: str, chromium: str, paths: list[str]) -> dict[str, Any]:
    report: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=serving.LAUNCH_ARGS)
        try:
            for path in paths:
                context = browser.new_context()
                context.set_default_timeout(TIMEOUT_MS)
                page = context.new_page()
                hosts: set[str] = set()
                errors: list[str] = []

                def asked(request: Request, seen: set[str] = hosts) -> None:
                    seen.add(urlsplit(request.url).netloc)

                def failed(error: Error, seen: list[str] = errors) -> None:
                    seen.append(str(error))

                page.on("request", asked)
                page.on("pageerror", failed)
                page.goto(f"{url}/{path}")
                page.wait_for_selector('[data-testid="stMain"] h1')
                page.wait_for_function(_SCRIPT_DONE, timeout=TIMEOUT_MS)
                page.wait_for_timeout(500)
                page.wait_for_function(_SCRIPT_DONE, timeout=TIMEOUT_MS)
                report[path] = {
                    "exceptions": page.locator('[data-testid="stException"]').all_inner_texts(),
                    "h1": page.locator('[data-testid="stMain"] h1').first.inner_text(),
                    "errors": errors,
                    "hosts": sorted(hosts),
                }
                context.close()
        finally:
            browser.close()
    return report


if __name__ == "__main__":
    print(json.dumps(visit(sys.argv[1], sys.argv[2], sys.argv[3:])))
