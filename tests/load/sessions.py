"""One Streamlit session in a browser context, driven with Playwright's async API: what the
load tests and the load benchmark share."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from playwright.async_api import BrowserContext, Page

from tests import serving

SCRIPT_TIMEOUT_MS = 60_000

MAP_IDS = """() => {
  const rows = Array.from(document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stDataFrame"] table tr'));
  if (!rows.length) return [];
  const column = Array.from(rows[0].children).findIndex(c => c.textContent.trim() === 'ID');
  return rows.slice(1).map(tr => tr.children[column] ? tr.children[column].textContent.trim() : '');
}"""


async def settle(page: Page) -> None:
    await page.wait_for_selector('[data-testid="stApp"]', state="attached")
    await page.wait_for_function(serving.SCRIPT_DONE, timeout=SCRIPT_TIMEOUT_MS)
    await page.wait_for_timeout(300)
    await page.wait_for_function(serving.SCRIPT_DONE, timeout=SCRIPT_TIMEOUT_MS)


@dataclass
class Session:
    context: BrowserContext
    page: Page
    base: str
    errors: list[str] = field(default_factory=list)

    @classmethod
    async def open(cls, browser: object, base: str) -> Session:
        context = await browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": 1400, "height": 900}, accept_downloads=True
        )
        context.set_default_timeout(SCRIPT_TIMEOUT_MS)
        page = await context.new_page()
        session = cls(context, page, base)
        page.on("pageerror", lambda error: session.errors.append(str(error)))
        return session

    async def visit(self, path: str = "") -> float:
        """Open a page; seconds until its script finished and its heading is drawn."""
        start = time.perf_counter()
        await self.page.goto(f"{self.base}/{path.lstrip('/')}")
        await settle(self.page)
        await self.page.wait_for_selector('[data-testid="stMain"] h1')
        return time.perf_counter() - start

    async def go(self, title: str) -> None:
        """Another page by the sidebar's navigation: the same session (a new page load would
        start a new one, without this session's uploads)."""
        nav = self.page.locator('[data-testid="stSidebarNav"]')
        await nav.get_by_text(title, exact=True).click()
        await self.page.wait_for_function(
            "t => { const h = document.querySelector('[data-testid=\"stMain\"] h1');"
            " return h && h.textContent.includes(t); }",
            arg=title.split(" ")[0],
        )
        await settle(self.page)

    async def upload(self, name: str, data: bytes) -> None:
        uploader = self.page.locator('[data-testid="stSidebar"] [data-testid="stFileUploader"]')
        await uploader.locator('input[type="file"]').set_input_files(
            [{"name": name, "mimeType": "application/toml", "buffer": data}]
        )
        verdict = self.page.locator(
            '[data-testid="stSidebar"] [data-testid="stAlertContentSuccess"], '
            '[data-testid="stSidebar"] [data-testid="stAlertContentError"]'
        )
        await verdict.first.wait_for()
        await settle(self.page)

    async def map_ids(self) -> list[str]:
        await (
            self.page.locator('[data-testid="stMain"] [data-testid="stDataFrame"] table tr')
            .nth(1)
            .wait_for(state="attached")
        )
        ids: list[str] = await self.page.evaluate(MAP_IDS)
        return ids

    async def move_poverty(self, steps: int) -> float:
        """Move the poverty weight ``steps`` steps right in the adjust page's live editor; the
        weight the slider then shows."""
        box = self.page.locator(".ccc-live__control", has_text="Poverty or financial desperation")
        slider = box.locator("input[type=range]")
        await slider.focus()
        for _ in range(steps):
            await self.page.keyboard.press("ArrowRight")
        # The editor tells the server once the slider settles; the address then names the
        # model, and the run that follows must end before the download is asked for.
        await self.page.wait_for_function("() => location.search.includes('model=')")
        await self.page.wait_for_timeout(1500)
        await settle(self.page)
        return float(await slider.input_value())

    async def download(self, button: str) -> bytes:
        async with self.page.expect_download() as info:
            await self.page.get_by_role("button", name=button).click()
        download = await info.value
        failure = await download.failure()
        if failure is not None:
            raise AssertionError(f"{button!r} failed: {failure}")
        path = await download.path()
        return path.read_bytes()

    async def close(self) -> None:
        await self.context.close()
