"""Evidence records of an on-topic article: its extracted text and a screenshot of its replay.

- ``urn:text:<url>``: the article's extracted text (``text/plain``), a ``resource``
  record referring to the page's response record.
- ``urn:screenshot:<url>`` (Browsertrix's naming): a PNG of the page *as replayed
  from the archive*: headless Chromium (the one the rendering path uses) loads the
  page with every request answered from the WARC records this crawl wrote for it
  (document and requisites) and every other request refused, so the picture shows
  what the archive can show, not what the live site shows today.

A ``urn:`` target is never served in place of the page by replay tools.
"""

from __future__ import annotations

import logging
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from .writer import OPEN_SUFFIX

logger = logging.getLogger(__name__)

TEXT_PREFIX = "urn:text:"
SCREENSHOT_PREFIX = "urn:screenshot:"
VIEWPORT = {"width": 1280, "height": 900}
# A page taller than this is cut: an endless live blog must not make a 100 MB image.
MAX_SCREENSHOT_HEIGHT = 6000
# Headers that describe the stored bytes, not the decoded body handed to the browser.
_DROP_ON_REPLAY = {"content-encoding", "content-length", "transfer-encoding"}


def resource_record(factory, target_uri: str, payload: bytes, content_type: str, warc_date: str,
                    refers_to: str | None):
    headers = {"WARC-Date": warc_date}
    if refers_to:
        headers["WARC-Refers-To"] = refers_to
    return factory.create_warc_record(target_uri, "resource", payload=BytesIO(payload), length=len(payload),
                                      warc_content_type=content_type, warc_headers_dict=headers)


def record_path(directory: Path, filename: str) -> Path:
    """A record's file, closed or still being written (``.open``)."""
    closed = Path(directory) / filename
    return closed if closed.exists() else closed.with_name(filename + OPEN_SUFFIX)


def read_replay(directory: Path, capture: dict) -> tuple[int, list[tuple[str, str]], bytes] | None:
    """Status, headers and decoded body of an archived response, for the browser."""
    with open(record_path(directory, capture["warc_filename"]), "rb") as stream:
        stream.seek(capture["warc_offset"])
        record = next(iter(ArchiveIterator(stream)), None)
        if record is None or record.rec_type != "response" or record.http_headers is None:
            return None
        status = int(record.http_headers.get_statuscode() or 200)
        headers = [(k, v) for k, v in record.http_headers.headers if k.lower() not in _DROP_ON_REPLAY]
        return status, headers, record.content_stream().read()


class ReplayScreenshots:
    """One headless Chromium for the crawl's screenshots, started on the first one."""

    def __init__(self, launch_options: dict, directory: Path, stats):
        self.launch_options = dict(launch_options or {})
        self.directory = Path(directory)
        self.stats = stats
        self.unavailable: str | None = None
        self._playwright = None
        self._browser = None

    async def _start(self):
        from playwright.async_api import async_playwright

        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(**self.launch_options)

    async def shoot(self, page_url: str, captures: dict[str, dict]) -> bytes | None:
        """A PNG of ``page_url`` replayed from ``captures`` (URL -> capture); None without a browser."""
        if self.unavailable:
            return None
        if self._browser is None:
            try:
                await self._start()
            except Exception as exc:  # no chromium, no display libraries...: skipped, counted, never fatal
                self.unavailable = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                logger.warning("No browser for archive screenshots (%s); they are skipped", self.unavailable)
                await self.close()
                return None
        context = await self._browser.new_context(viewport=VIEWPORT, service_workers="block")
        try:
            await context.route("**/*", lambda route: self._answer(route, captures))
            page = await context.new_page()
            await page.goto(page_url, wait_until="load", timeout=30_000)
            height = await page.evaluate("document.documentElement.scrollHeight")
            clip = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": min(max(height, 1), MAX_SCREENSHOT_HEIGHT)}
            return await page.screenshot(full_page=True, clip=clip, type="png")
        finally:
            await context.close()

    async def _answer(self, route, captures: dict[str, dict]) -> None:
        url = route.request.url.split("#", 1)[0]
        capture = captures.get(url)
        replay = read_replay(self.directory, capture) if capture and capture.get("warc_filename") else None
        if replay is None:
            self.stats.inc_value("evidence/screenshot_requests_not_in_archive")
            await route.abort("blockedbyclient")
            return
        status, headers, body = replay
        await route.fulfill(status=status, headers=dict(headers), body=body)

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
            self._browser = None
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None
