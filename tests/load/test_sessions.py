"""Several sessions at once against one server (issue 14): none sees another's uploads or
settings, every download arrives, and the server's memory stays bounded over a short soak.

Bounded in time (two to four minutes together on a busy two-core machine). The soak's curve
is written to
``artifacts/load/soak.csv``; benchmarks/RESULTS.md has a longer one.
"""

from __future__ import annotations

import asyncio
import csv
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from playwright.async_api import async_playwright

import model
from tests import builders, serving
from tests.load.conftest import ROOT, rss_mb
from tests.load.sessions import Session
from tests.serving import Server

pytestmark = pytest.mark.browser

BUNDLED = [p.id for p in model.load_personas([ROOT / "personas"]).personas]
SESSIONS = 5
SOAK_ROUNDS = 3
SOAK_SESSIONS = 3
SOAK_GROWTH_MB = 150.0
"""Growth allowed from the first round to the last: generous (a session with its results holds
a few MB, and Streamlit keeps a closed session's state for a while), yet far below the +278 MB
one unbounded session once took."""


T = TypeVar("T")


def _run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` on its own event loop in its own thread: the browser suite's sync
    Playwright driver keeps a loop running in this thread for the whole session."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _one(session: Session, index: int) -> dict[str, object]:
    own = f"u{index:02d}-concurrent"
    await session.visit("")
    await session.upload(f"mine-{index}.toml", builders.persona_toml(own))
    ids = await session.map_ids()
    await session.go("Adjust the model")
    shown = await session.move_poverty(index + 1)
    settings = await session.download("Download settings")
    personas = await session.download("Download personas (TOML)")
    return {"own": own, "ids": ids, "settings": settings, "personas": personas, "shown": shown}


async def _run_concurrently(server: Server, chromium: str) -> list[dict[str, object]]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, args=serving.LAUNCH_ARGS
        )
        sessions = [await Session.open(browser, server.url) for _ in range(SESSIONS)]
        try:
            results = await asyncio.gather(*(_one(s, i) for i, s in enumerate(sessions)))
        finally:
            for s in sessions:
                await s.close()
            await browser.close()
    return results


def test_concurrent_sessions_stay_apart_and_every_download_arrives(
    load_server: Server, chromium: str
) -> None:
    results = _run_apart(_run_concurrently(load_server, chromium))
    default = model.default_config().weight("poverty")
    for index, result in enumerate(results):
        own = str(result["own"])
        assert result["ids"] == [*BUNDLED, own], f"session {index} lists {result['ids']}"
        settings = model.load_config_bytes(bytes(result["settings"]), "settings.toml")  # type: ignore[arg-type]
        # The file holds what the slider showed when clicked (a key press lost to a busy
        # server is the browser's, not the download's).
        assert settings.weight("poverty") == pytest.approx(float(result["shown"]))  # type: ignore[arg-type]
        assert settings.weight("poverty") > default, f"session {index} moved nothing"
        personas = model.load_persona_bytes(bytes(result["personas"]), "personas.toml")  # type: ignore[arg-type]
        assert [p.id for p in personas.personas] == [*BUNDLED, own], index


async def _soak_round(browser: object, server: Server, round_: int) -> None:
    sessions = [await Session.open(browser, server.url) for _ in range(SOAK_SESSIONS)]
    try:

        async def work(session: Session, index: int) -> None:
            await session.visit("")
            await session.upload("soak.toml", builders.persona_toml(f"u{index:02d}-soak-{round_}"))
            await session.visit(f"persona?persona=u{index:02d}-soak-{round_}")

        await asyncio.gather(*(work(s, i) for i, s in enumerate(sessions)))
    finally:
        for s in sessions:
            await s.close()


async def _soak(server: Server, chromium: str) -> list[tuple[int, float, float]]:
    curve = [(0, 0.0, rss_mb(server.process.pid))]
    start = time.perf_counter()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, args=serving.LAUNCH_ARGS
        )
        try:
            for round_ in range(1, SOAK_ROUNDS + 1):
                await _soak_round(browser, server, round_)
                curve.append(
                    (
                        round_ * SOAK_SESSIONS,
                        time.perf_counter() - start,
                        rss_mb(server.process.pid),
                    )
                )
        finally:
            await browser.close()
    return curve


def test_a_short_soak_keeps_the_servers_memory_bounded(load_server: Server, chromium: str) -> None:
    curve = _run_apart(_soak(load_server, chromium))
    out = ROOT / "artifacts" / "load" / "soak.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sessions", "seconds", "rss_mb"])
        writer.writerows((n, f"{s:.1f}", f"{m:.1f}") for n, s, m in curve)
    first_round, last = curve[1][2], curve[-1][2]
    assert last - first_round < SOAK_GROWTH_MB, f"memory grew {last - first_round:.0f} MB: {curve}"
    assert "Traceback" not in load_server.log_text()
