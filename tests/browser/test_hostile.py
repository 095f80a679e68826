"""Hostile input in a real Chromium, through both upload widgets (issue 14).

Text that came from a file never becomes a live link (hole 1); a flood of problems is shown
capped, with the rest counted and offered as a download (hole 2); a session holds a bounded
number of personas (hole 3); the settings download survives concurrent sessions (hole 4); an
unknown ``?persona=`` says so (hole 8); and concurrent sessions never see one another's uploads
or settings.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

import model
from dashboard import limits
from dashboard.safe_text import WORD_JOINER
from model.explanation import NOTICE
from tests import builders, serving
from tests.browser.conftest import (
    EXCEPTION,
    MAIN,
    SIDEBAR,
    SIDEBAR_ERRORS,
    Server,
    Tab,
    fit_viewport_to_page,
    upload_personas,
    visit,
    wait_for_script,
)

pytestmark = pytest.mark.browser


LINKY = "see https://evil.example/login or www.evil.example and mail a@evil.example"
"""A sentence Streamlit's Markdown would turn into three links (and a ``mailto:``)."""


def shown(locator: Locator) -> str:
    """A locator's text as a reader sees it (without the invisible WORD JOINERs that keep
    addresses from becoming links)."""
    return locator.inner_text().replace(WORD_JOINER, "")


def foreign_links(page: Page, server: Server) -> list[str]:
    """Every ``<a href>`` on the page pointing anywhere but the app itself (or an anchor)."""
    hrefs: list[str] = page.evaluate(
        "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
    )
    app = urlparse(server.url)
    outside = []
    for href in hrefs:
        url = urlparse(href)
        if (
            url.scheme in ("http", "https")
            and url.port == app.port
            and url.hostname
            in (
                "localhost",
                "127.0.0.1",
            )
        ):
            continue
        outside.append(href)
    return outside


def upload_config(page: Page, name: str, data: bytes) -> None:
    uploader = page.locator(f'{MAIN} [data-testid="stFileUploader"]')
    uploader.locator('input[type="file"]').set_input_files(
        [{"name": name, "mimeType": "application/toml", "buffer": data}]
    )
    # The uploader shortens long names ("https-...xample.json"): wait for the page's verdict.
    page.locator(f"{MAIN} [data-testid='stAlert']").first.wait_for()
    wait_for_script(page)


# --- hole 1: no live links ----------------------------------------------------------------------


def test_text_from_files_never_becomes_a_link(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "")
    refused = builders.persona_toml(
        "u91-link-probe",
        label="Probe, see www.evil.example or a@evil.example",
        narrative=f"A fictional composite. {LINKY}.",
        sources=[{"ref": "L64", "quote": LINKY, "note": LINKY}],
    )
    upload_personas(page, ("a@evil.example.toml", refused))
    errors = page.locator(SIDEBAR_ERRORS)
    expect(errors).to_contain_text("evil.example")
    text = shown(errors.first)
    for field in ("label", "narrative", "sources[0].quote", "sources[0].note"):
        assert f"u91-link-probe: {field}:" in text, text
    assert "a@evil.example" in text
    fit_viewport_to_page(page)
    assert page.locator(EXCEPTION).count() == 0
    assert not foreign_links(page, server), foreign_links(page, server)

    # A configuration's basis is shown as its slider's help; a refused one is echoed.
    visit(page, server, "adjust")
    cfg = model.default_config()
    data = cfg.model_dump(mode="json")
    data["weights"]["poverty"]["basis"] = f"L42. {LINKY}"
    upload_config(page, "https-evil.example.json", json.dumps(data).encode())
    # The basis is the weight's visible help in the live editor (dashboard/live_editor.py).
    slider = page.locator(".ccc-live input[type=range]").first
    tip = page.locator(f"#{slider.get_attribute('aria-describedby')}")
    expect(tip).to_contain_text("www.evil.example")
    assert "www.evil.example and mail a@evil.example" in shown(tip), shown(tip)
    assert not foreign_links(page, server), foreign_links(page, server)

    data["weights"]["poverty"]["weight"] = f"{LINKY}"
    upload_config(page, "mail a@evil.example.json", json.dumps(data).encode())
    error = page.locator(f"{MAIN} [data-testid='stAlertContentError']").first
    expect(error).to_contain_text("evil.example")
    assert "a@evil.example" in shown(error)
    fit_viewport_to_page(page)
    assert not foreign_links(page, server), foreign_links(page, server)
    assert page.locator(EXCEPTION).count() == 0


# --- hole 2: a flood of problems is capped ------------------------------------------------------


def test_a_flood_of_problems_is_capped_and_offered_whole(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "")
    # As many personas as a file may hold, each with one fault: one problem each.
    n = limits.PERSONAS_PER_FILE
    flood = builders.as_json(
        {"personas": [builders.persona_data(f"u{i:03d}-flood", poverty=7) for i in range(n)]}
    )
    upload_personas(page, ("flood.json", flood))
    box = page.locator(SIDEBAR_ERRORS)
    expect(box).to_contain_text(f"and {n - limits.PROBLEMS_SHOWN} more")
    assert box.locator("li").count() <= limits.PROBLEMS_SHOWN + 1
    with page.expect_download() as download:
        page.get_by_role("button", name="Download every problem").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# {NOTICE}"
    assert len([line for line in lines[1:] if line]) == n
    assert page.locator(EXCEPTION).count() == 0


# --- hole 3: a cap per session --------------------------------------------------------------------


def test_personas_past_the_session_cap_are_refused_plainly(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "")
    n = limits.PERSONAS_PER_FILE
    files = [
        (
            f"batch{b}.json",
            builders.as_json(
                {"personas": [builders.persona_data(f"u{b}-{i:03d}-cap") for i in range(n)]}
            ),
        )
        for b in range(limits.PERSONAS_PER_SESSION // n + 1)
    ]
    upload_personas(page, *files)
    sidebar = page.locator(SIDEBAR)
    expect(sidebar).to_contain_text(f"Added {limits.PERSONAS_PER_SESSION} persona")
    expect(sidebar).to_contain_text(f"at most {limits.PERSONAS_PER_SESSION}")
    assert page.locator(EXCEPTION).count() == 0


# --- hole 8: unknown persona, repeated filters, quotes --------------------------------------------


def test_an_unknown_persona_in_the_url_says_it_is_not_here(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "persona?persona=u99-from-another-session")
    main = page.locator(MAIN)
    expect(main).to_contain_text("u99-from-another-session")
    expect(main).to_contain_text("not here")
    assert page.locator(EXCEPTION).count() == 0


def test_repeated_filter_values_in_the_url_are_kept_once(tab: Tab, server: Server) -> None:
    page = tab.page
    visit(page, server, "?zone=" + ",".join(["coercion"] * 300) + ",economic")
    query = urlparse(page.url).query
    assert query.count("coercion") == 1, query
    assert len(page.url) < 300
    assert page.locator(EXCEPTION).count() == 0


# --- hostile files through both upload widgets ----------------------------------------------------

HOSTILE = {
    "binary": (b"\x00\x01\x02" * 100, "binary"),
    "utf16": ("id = 'u01'\n".encode("utf-16"), "UTF-16"),
    "huge-number": (b"id = 'u01'\nself_placement = 1" + b"0" * 5000 + b"\n", "too many digits"),
    "deep": (b"[" * 5000 + b"]" * 5000, "-"),
    "many-keys": (
        ("{" + ",".join(f'"k{i}": 0' for i in range(70_000)) + "}").encode(),
        "fields",
    ),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("widget", ["personas", "configuration"])
def test_hostile_files_give_one_plain_message(
    tab: Tab, server: Server, widget: str, kind: str
) -> None:
    page = tab.page
    data, expected = HOSTILE[kind]
    # Short names: the uploader shortens long ones, and the helper waits for the name shown.
    name = f"h-{kind[:5]}.json" if data.startswith((b"[", b"{")) else f"h-{kind[:5]}.toml"
    if widget == "personas":
        visit(page, server, "")
        upload_personas(page, (name, data))
        errors = page.locator(SIDEBAR_ERRORS)
    else:
        visit(page, server, "adjust")
        upload_config(page, name, data)
        errors = page.locator(f"{MAIN} [data-testid='stAlertContentError']")
    expect(errors.first).to_contain_text(expected)
    assert errors.count() <= 2, errors.all_inner_texts()
    text = " ".join(errors.all_inner_texts())
    assert "Traceback" not in text and "AxiosError" not in text
    assert page.locator(EXCEPTION).count() == 0


def test_an_upload_over_the_servers_limit_says_so_plainly(tab: Tab, server: Server) -> None:
    """Over Streamlit's own limit (``server.maxUploadSize``, 1 MB), the uploader refuses the file
    before sending it, in its own words, never "AxiosError 413"."""
    page = tab.page
    visit(page, server, "")
    uploader = page.locator(f'{SIDEBAR} [data-testid="stFileUploader"]')
    sizes = (1_048_000, 1_048_400, 1_048_576, 1_100_000)
    for size in sizes:
        uploader.locator('input[type="file"]').set_input_files(
            [{"name": f"big{size}.toml", "mimeType": "application/toml", "buffer": b"#" * size}]
        )
        page.wait_for_timeout(1500)
        wait_for_script(page)
        text = page.locator(SIDEBAR).inner_text()
        assert "AxiosError" not in text, f"{size} bytes: {text[-400:]}"
    # Each refused file is listed with the limit in plain words, beside its own name.
    expect(uploader.get_by_text("File must be 1.0MB or smaller.")).to_have_count(len(sizes))
    for size in sizes:
        expect(uploader).to_contain_text(f"big{size}.toml")
    # Nothing of a refused file reached the app: no persona was added, no problem was listed.
    assert "Added" not in page.locator(SIDEBAR).inner_text()
    assert page.locator(SIDEBAR_ERRORS).count() == 0
    assert page.locator(EXCEPTION).count() == 0


# --- hole 5: a reconnect says what was lost -------------------------------------------------------


def test_after_a_server_restart_the_page_says_what_was_lost(
    browser: Browser, tmp_path: Path
) -> None:
    """Uploads live in the session, so a restart loses them: the reconnected page says so at
    once, before any click (the uploader may still list the file, which is the browser's
    memory, not the server's)."""
    port = serving.free_port()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        with mock.patch.object(serving, "free_port", lambda: port):
            with serving.serve(log=tmp_path / "before.log") as first:
                visit(page, first, "")
                upload_personas(page, ("mine.toml", builders.persona_toml("u05-lost")))
                expect(page.locator(SIDEBAR)).to_contain_text("Added 1 persona")
                page.wait_for_timeout(500)
            with serving.serve(log=tmp_path / "after.log") as second:
                warning = page.locator(SIDEBAR).get_by_text("This is a new session")
                expect(warning).to_be_visible(timeout=90_000)
                expect(page.locator(SIDEBAR)).to_contain_text("Lost: 1 uploaded persona(s)")
                assert page.locator(EXCEPTION).count() == 0
                assert "Traceback" not in second.log_text()
    finally:
        context.close()


# --- hole 8: how long a download outlives its tab ----------------------------------------------


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_a_persona_download_goes_soon_after_its_tab_closes(
    browser: Browser, tmp_path: Path
) -> None:
    """A download's file is served by its media URL while its session lives; once the tab has
    closed, the session goes after ``server.disconnectedSessionTTL`` (60 s in the shipped
    settings, a few seconds here) and Streamlit deletes the file at the next script runs. The
    README's privacy section says exactly this; this test holds the chain to it."""
    ttl = 2
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(ttl)}
    with serving.serve(log=tmp_path / "server.log", env=env) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_default_timeout(60_000)
        page = context.new_page()
        visit(page, server, "")
        upload_personas(page, ("mine.toml", builders.persona_toml("u06-download")))
        with page.expect_download() as caught:
            page.locator(SIDEBAR).get_by_role("button", name="Download personas (TOML)").click()
        download = caught.value
        assert "u06-download" in Path(download.path()).read_text(encoding="utf-8")
        url = download.url
        assert _status(url) == 200, "while the tab is open, its download is served"

        context.close()
        time.sleep(ttl + 3)  # the session outlives its connection by the TTL, then ends
        # Streamlit deletes an orphaned download file at the second clean-up after it was
        # orphaned; clean-ups run when a session ends and after every script run, of any session.
        other = browser.new_context(viewport={"width": 1400, "height": 900})
        try:
            reader = other.new_page()
            visit(reader, server, "")
            visit(reader, server, "persona")
        finally:
            other.close()
        assert _status(url) == 404, "the closed tab's download is still served"
