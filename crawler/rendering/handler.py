"""The download handler: scrapy-playwright for requests with ``meta["playwright"]``, plain HTTP otherwise.

It extends ``ScrapyPlaywrightDownloadHandler`` (which already sends every other
request through Scrapy's HTTP/1.1 handler) with what this project needs:

- the browser starts on the first rendered request, not at engine start, so crawls
  that render nothing pay nothing;
- images, fonts and media (``RENDERING_BLOCKED_RESOURCE_TYPES``) are aborted;
- the outlet's wait rules (crawler/rendering/waiting.py) run after navigation;
- the page's network responses are read before the page closes and handed to the
  WARC archive in ``request.meta["browser_capture"]``;
- the whole render has a time budget; running out raises ``RenderTimeout`` naming
  the step, counted under ``rendering/failed/timeout``. scrapy-playwright closes the
  page on every error (``playwright_include_page`` is never set here).
"""

from __future__ import annotations

import asyncio
import logging

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from .capture import NetworkCapture
from .plans import BROWSER_CAPTURE_META_KEY, RENDER_META_KEY
from .waiting import RenderProgress, apply_wait_rules

logger = logging.getLogger(__name__)


class RenderError(Exception):
    """A page could not be rendered (browser error); the crawl goes on."""


class RenderTimeout(RenderError):
    """A page did not finish rendering within its time budget."""


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
        self._launched = False
        self._launching = asyncio.Lock()
        # Per page being rendered: its network capture and progress (never in meta: not picklable).
        self._pages: dict[int, tuple[NetworkCapture, RenderProgress]] = {}

    # -- lazy browser ----------------------------------------------------------------------
    async def _maybe_launch_in_thread(self) -> None:
        """engine_started: do nothing; the browser starts with the first rendered page."""

    def _engine_started(self):  # Scrapy < 2.14 path, same reason
        return None

    async def _download_request(self, request, spider=None):
        async with self._launching:
            if not self._launched:
                await self._launch()
                self._launched = True
        self.stats.inc_value("rendering/pages")
        try:
            try:
                response = await super()._download_request(request, spider)
            except PlaywrightError as exc:  # before the page exists: the browser did not start, a context failed
                first_line = (exc.message or str(exc)).splitlines()[0]
                raise RenderError(f"{request.url}: browser unavailable "
                                  f"({self.config.launch_options.get('executable_path')}): {first_line}") from exc
        except RenderError as exc:
            self.stats.inc_value("rendering/failed/timeout" if isinstance(exc, RenderTimeout)
                                 else "rendering/failed/browser_error")
            logger.warning("Rendering failed: %s", exc)
            raise
        self.stats.inc_value("rendering/ok")
        return response

    # -- one page --------------------------------------------------------------------------
    async def _download_request_with_page(self, request, page, spider):
        rules = request.meta.get(RENDER_META_KEY) or {}
        budget = float(rules.get("timeout") or self.page_timeout)
        capture = None
        if self.capture_network:
            capture = NetworkCapture(page, subresources=bool(rules.get("archive_subresources") or self.all_subresources))
            capture.attach()
        progress = RenderProgress()
        self._pages[id(page)] = (capture, progress)
        try:
            return await asyncio.wait_for(super()._download_request_with_page(request, page, spider), budget)
        except (asyncio.TimeoutError, PlaywrightTimeoutError) as exc:
            # Raised as an Exception (not a cancellation) so scrapy-playwright closes the page.
            raise RenderTimeout(f"{request.url} did not finish rendering within {budget:g}s "
                                f"({progress.step})") from exc
        except PlaywrightError as exc:
            first_line = (exc.message or str(exc)).splitlines()[0]
            raise RenderError(f"{request.url}: browser error during {progress.step}: {first_line}") from exc
        finally:
            if capture is not None:
                capture.detach()
            self._pages.pop(id(page), None)

    async def _apply_page_methods(self, page, request, spider) -> None:
        """After navigation: the meta's page methods, our wait rules, then read the network capture."""
        await super()._apply_page_methods(page, request, spider)
        capture, progress = self._pages.get(id(page), (None, RenderProgress()))
        rules = request.meta.get(RENDER_META_KEY) or {}
        await apply_wait_rules(page, rules, progress, self.stats,
                               timeout_s=float(rules.get("timeout") or self.page_timeout))
        if capture is not None:
            progress.step = "reading network responses"
            request.meta[BROWSER_CAPTURE_META_KEY] = await capture.read(self.stats)
            progress.step = "reading the DOM"

    def _is_blocked(self, playwright_request) -> bool:
        kind = playwright_request.resource_type
        if kind in self.blocked_types:
            self.stats.inc_value(f"rendering/blocked/{kind}")
            return True
        return False
