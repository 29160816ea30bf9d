"""The download handler: scrapy-playwright for requests with ``meta["playwright"]``, plain HTTP otherwise.

It extends ``ScrapyPlaywrightDownloadHandler`` (which already sends every other
request through Scrapy's HTTP/1.1 handler) with what this project needs, through
scrapy-playwright's public surface only (``download_request``, the
``PLAYWRIGHT_BROWSER_PROVIDER`` setting, the ``playwright_page_init_callback`` and
``playwright_page_methods`` meta keys), so an upgrade cannot silently bypass it:

- Playwright and the browser start on the first rendered request, not at engine
  start, so crawls that render nothing pay nothing (``LazyBrowserProvider``);
- images, fonts and media (``RENDERING_BLOCKED_RESOURCE_TYPES``) are aborted;
- the outlet's wait rules (crawler/rendering/waiting.py) run after navigation;
- the page's network responses are read before the page closes and handed to the
  WARC archive in ``request.meta["browser_capture"]``;
- the render has a time budget from the moment its page exists (a browser start is
  not counted); running out raises ``RenderTimeout`` naming the step, counted under
  ``rendering/failed/timeout``. scrapy-playwright closes the page on every error
  (``playwright_include_page`` is never set here); on a timeout we close it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy_playwright.page import PageMethod
from scrapy_playwright.provider import PlaywrightBrowserProvider

from .capture import NetworkCapture
from .plans import BROWSER_CAPTURE_META_KEY, RENDER_META_KEY
from .waiting import RenderProgress, apply_wait_rules

logger = logging.getLogger(__name__)

# Request meta keys scrapy-playwright reads; set for the time of one download only, as
# their values (callables) must not reach a JOBDIR disk queue when a request is retried.
_PAGE_INIT_KEY = "playwright_page_init_callback"
_PAGE_METHODS_KEY = "playwright_page_methods"


class RenderError(Exception):
    """A page could not be rendered (browser error); the crawl goes on."""


class RenderTimeout(RenderError):
    """A page did not finish rendering within its time budget."""


class LazyBrowserProvider(PlaywrightBrowserProvider):
    """scrapy-playwright's provider, started when the first browser is needed rather than at
    engine start (``PLAYWRIGHT_BROWSER_PROVIDER`` in crawler/settings.py)."""

    started = False
    _starting: asyncio.Lock | None = None

    async def start(self) -> None:
        """Called at engine start: nothing yet."""

    async def _ensure_started(self) -> None:
        # Concurrent first renders (and persistent contexts, which scrapy-playwright does
        # not launch behind its browser lock) must share one Playwright driver.
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if not self.started:
                await super().start()
                self.started = True

    async def launch_browser(self):
        await self._ensure_started()
        return await super().launch_browser()

    async def launch_persistent_context(self, context_kwargs: dict):
        await self._ensure_started()
        return await super().launch_persistent_context(context_kwargs)

    async def close(self) -> None:
        if self.started:
            await super().close()


@dataclass
class _Render:
    """One rendered request: its page once created, its network capture and progress."""

    budget: float
    page: object = None
    capture: NetworkCapture | None = None
    progress: RenderProgress = field(default_factory=RenderProgress)
    page_created: asyncio.Event = field(default_factory=asyncio.Event)


class RenderingDownloadHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.page_timeout = settings.getfloat("RENDERING_PAGE_TIMEOUT")
        self.blocked_types = frozenset(settings.getlist("RENDERING_BLOCKED_RESOURCE_TYPES"))
        self.all_subresources = settings.getbool("RENDERING_ARCHIVE_SUBRESOURCES")
        # The network capture only feeds the WARC archive: without it, do not read bodies.
        self.capture_network = settings.getbool("WARC_ENABLED")
        if self.abort_request is None and self.blocked_types:
            self.abort_request = self._is_blocked

    async def download_request(self, request, spider=None):
        if not request.meta.get("playwright"):
            return await super().download_request(request)
        rules = request.meta.get(RENDER_META_KEY) or {}
        render = _Render(budget=float(rules.get("timeout") or self.page_timeout))
        self.stats.inc_value("rendering/pages")
        try:
            response = await self._render(request, render, rules)
        except RenderError as exc:
            self.stats.inc_value("rendering/failed/timeout" if isinstance(exc, RenderTimeout)
                                 else "rendering/failed/browser_error")
            logger.warning("Rendering failed: %s", exc)
            raise
        self.stats.inc_value("rendering/ok")
        return response

    async def _render(self, request, render: _Render, rules: dict):
        saved = {key: request.meta[key] for key in (_PAGE_INIT_KEY, _PAGE_METHODS_KEY) if key in request.meta}
        request.meta[_PAGE_INIT_KEY] = self._page_init(render, rules, saved.get(_PAGE_INIT_KEY))
        page_methods = saved.get(_PAGE_METHODS_KEY) or []
        if isinstance(page_methods, dict):
            page_methods = list(page_methods.values())
        request.meta[_PAGE_METHODS_KEY] = [*page_methods, PageMethod(self._after_navigation, request, render, rules)]
        download = asyncio.ensure_future(super().download_request(request))
        created = asyncio.ensure_future(render.page_created.wait())
        try:
            # The budget starts when the page exists: starting the browser is not the page's time.
            await asyncio.wait({download, created}, return_when=asyncio.FIRST_COMPLETED)
            return await asyncio.wait_for(download, render.budget)
        except (asyncio.TimeoutError, PlaywrightTimeoutError) as exc:
            if render.page is not None and not render.page.is_closed():
                await render.page.close()  # a cancelled download leaves its page open
                self.stats.inc_value("playwright/page_count/closed")
            raise RenderTimeout(f"{request.url} did not finish rendering within {render.budget:g}s "
                                f"({render.progress.step})") from exc
        except PlaywrightError as exc:
            first_line = (exc.message or str(exc)).splitlines()[0]
            if render.page is None:  # the browser did not start, a context failed
                raise RenderError(f"{request.url}: browser unavailable "
                                  f"({self.config.launch_options.get('executable_path')}): {first_line}") from exc
            raise RenderError(f"{request.url}: browser error during {render.progress.step}: {first_line}") from exc
        finally:
            created.cancel()
            if render.capture is not None:
                render.capture.detach()
            for key in (_PAGE_INIT_KEY, _PAGE_METHODS_KEY):
                if key in saved:
                    request.meta[key] = saved[key]
                else:
                    request.meta.pop(key, None)

    def _page_init(self, render: _Render, rules: dict, chained):
        """Before navigation: remember the page and attach the network capture to it."""
        async def page_init(page, request):
            if render.capture is not None:  # scrapy-playwright made a new page after a closed target
                render.capture.detach()
            render.page, render.capture = page, None
            if self.capture_network:
                render.capture = NetworkCapture(
                    page, subresources=bool(rules.get("archive_subresources") or self.all_subresources))
                render.capture.attach()
            render.page_created.set()
            if chained:
                await chained(page, request)
        return page_init

    async def _after_navigation(self, page, request, render: _Render, rules: dict) -> None:
        """The last page method: our wait rules, then read the network capture."""
        await apply_wait_rules(page, rules, render.progress, self.stats, timeout_s=render.budget)
        if render.capture is not None:
            render.progress.step = "reading network responses"
            request.meta[BROWSER_CAPTURE_META_KEY] = await render.capture.read(self.stats)
            render.progress.step = "reading the DOM"

    def _is_blocked(self, playwright_request) -> bool:
        kind = playwright_request.resource_type
        if kind in self.blocked_types:
            self.stats.inc_value(f"rendering/blocked/{kind}")
            return True
        return False
