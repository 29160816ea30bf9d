"""The lazy browser provider (PLAYWRIGHT_BROWSER_PROVIDER): nothing starts with the engine,
Playwright and Debian's chromium start with the first browser asked for."""

from __future__ import annotations

import asyncio

from scrapy.settings import Settings
from scrapy_playwright.handler import Config

from crawler import settings as project_settings
from crawler.rendering.handler import LazyBrowserProvider


def provider() -> LazyBrowserProvider:
    settings = Settings()
    settings.setmodule(project_settings)
    return LazyBrowserProvider(Config.from_settings(settings))


def test_engine_start_starts_nothing_and_closing_an_unstarted_provider_is_fine():
    lazy = provider()
    asyncio.run(lazy.start())
    assert not lazy.started and lazy.playwright is None
    asyncio.run(lazy.close())


def test_the_first_browser_starts_playwright_and_chromium():
    async def run():
        lazy = provider()
        await lazy.start()
        browser = await lazy.launch_browser()
        try:
            assert lazy.started and browser.is_connected()
            page = await browser.new_page()
            await page.set_content("<p>مفاوضات</p>")
            assert await page.inner_text("p") == "مفاوضات"
        finally:
            await browser.close()
            await lazy.close()

    asyncio.run(run())



def test_concurrent_first_browsers_share_one_playwright_driver(monkeypatch):
    """Renders that start together must not each start a Playwright driver."""
    from scrapy_playwright.provider import PlaywrightBrowserProvider

    starts = []
    real_start = PlaywrightBrowserProvider.start

    async def counted_start(self):
        starts.append(self)
        await real_start(self)

    monkeypatch.setattr(PlaywrightBrowserProvider, "start", counted_start)

    async def run():
        lazy = provider()
        await lazy.start()
        browsers = await asyncio.gather(*(lazy.launch_browser() for _ in range(3)))
        try:
            assert len(starts) == 1
            assert all(b.is_connected() for b in browsers)
        finally:
            for browser in browsers:
                await browser.close()
            await lazy.close()

    asyncio.run(run())
