"""The Scrapy extension that completes an archived article: requisites, text, screenshot.

At ``item_scraped`` (after every pipeline, so ``on_topic`` is known) it

- fetches the page's requisites (requisites.py) when ``ARCHIVE_PAGE_REQUISITES``
  selects the article. Each is a Scrapy request (``engine.crawl``): robots.txt,
  throttling, retries and the WARC capture apply as to any fetch. A stylesheet's
  own imports, fonts and images follow when it arrives, under the same page budget;
- writes the ``urn:text:`` record of an on-topic article (``ARCHIVE_TEXT_RECORDS``);
- once the article's requisites are all in (or failed), replays it from the archive
  in headless Chromium and writes the ``urn:screenshot:`` record
  (``ARCHIVE_SCREENSHOTS``; evidence.py). The WARC writer waits for pending
  screenshots before it closes.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

import scrapy
from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.http import TextResponse

from crawler.outlets import outlet_for_url

from .evidence import SCREENSHOT_PREFIX, TEXT_PREFIX, ReplayScreenshots, resource_record
from .extension import CAPTURE_META_KEY, ArchiveComponent, archive_of
from .requisites import (REQUISITE_BUDGET_META_KEY, REQUISITE_META_KEY, STYLESHEET, PageBudget, Requisite,
                         css_requisites, html_requisites)

logger = logging.getLogger(__name__)

# Requisites go ahead of new pages so an article's screenshot is not held up by the frontier.
REQUISITE_PRIORITY = 100


@dataclass
class PageInProgress:
    url: str
    capture: dict | None
    budget: PageBudget
    screenshot: bool
    pending: int = 0
    needed: list[str] = field(default_factory=list)  # requisite URLs, admitted or archived before


def outlet_wants_scripts(url: str) -> bool:
    outlet = outlet_for_url(url)
    plan = getattr(outlet, "render", None)
    return bool(getattr(plan, "scripts", False))


class PageRequisites(ArchiveComponent):
    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.text_records = settings.getbool("ARCHIVE_TEXT_RECORDS")
        self.screenshots_on = settings.getbool("ARCHIVE_SCREENSHOTS")
        self.launch_options = settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")
        self.pages: dict[str, PageInProgress] = {}
        self.screenshots: ReplayScreenshots | None = None
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    @property
    def archive(self):
        archive = archive_of(self.crawler)
        return archive if archive is not None and archive.writer is not None else None

    # -- an article is done with the pipelines ----------------------------------------------
    def item_scraped(self, item, response, spider):
        archive = self.archive
        if archive is None or not isinstance(response, TextResponse) or REQUISITE_META_KEY in response.meta:
            return
        if "replay" in response.flags:  # re-extracted from an archive: its evidence is there already
            return
        adapter = ItemAdapter(item)
        on_topic = bool(adapter.get("on_topic"))
        capture = response.meta.get(CAPTURE_META_KEY)
        page_url = response.url
        if on_topic and self.text_records and adapter.get("body"):
            self._write_resource(archive, TEXT_PREFIX + page_url, str(adapter["body"]).encode("utf-8"),
                                 "text/plain; charset=utf-8", capture, "text")
        policy = archive.requisites
        budget = response.meta.get(REQUISITE_BUDGET_META_KEY) or policy.budget()  # one cap per page, both paths
        page = PageInProgress(page_url, capture, budget, screenshot=on_topic and self.screenshots_on)
        if policy.selects(on_topic):
            self.stats.inc_value("requisites/pages")
            for requisite in html_requisites(response.selector, page_url, scripts=outlet_wants_scripts(page_url)):
                self._schedule(page, requisite)
        self.pages[page_url] = page
        self._maybe_done(page)

    def _schedule(self, page: PageInProgress, requisite: Requisite) -> None:
        policy = self.archive.requisites
        if requisite.url in policy.archived:
            page.needed.append(requisite.url)  # fetched for another page: the screenshot uses that record
        if not policy.admit(page.url, requisite, page.budget):
            return
        if requisite.url not in page.needed:
            page.needed.append(requisite.url)
        page.pending += 1
        self.crawler.engine.crawl(scrapy.Request(
            requisite.url, callback=self._fetched, errback=self._failed, priority=REQUISITE_PRIORITY,
            dont_filter=True,  # the policy deduplicates, and knows earlier runs
            # incremental False: requisites are not articles to re-check (the policy's max age decides).
            meta={REQUISITE_META_KEY: {"page": page.url, "kind": requisite.kind}, "allow_offsite": True,
                  "incremental": False,
                  "download_maxsize": max(page.budget.bytes, 1)},
            headers={"Referer": page.url}))

    # -- a requisite arrives ----------------------------------------------------------------
    def _fetched(self, response):
        info = response.meta[REQUISITE_META_KEY]
        page = self.pages.get(info["page"])
        capture = response.meta.get(CAPTURE_META_KEY)
        archive = self.archive
        if archive is not None and capture:
            # Under the URL the page names too, when it redirected: the screenshot asks for that one.
            for url in [response.url, *response.meta.get("redirect_urls", ())]:
                archive.requisites.archived_as(url, capture)
            self.stats.inc_value("requisites/bytes", len(response.body))
        if page is not None:
            page.budget.spend(len(response.body))
            if info["kind"] == STYLESHEET and isinstance(response, TextResponse) and archive is not None:
                for requisite in css_requisites(response.text, response.url):
                    self._schedule(page, requisite)
            page.pending -= 1
            self._maybe_done(page)
        return None

    def _failed(self, failure):
        request = getattr(failure, "request", None)
        response = getattr(failure.value, "response", None)
        if response is not None:  # HttpError: the server answered (a missing favicon is common, not a failure)
            self.stats.inc_value(f"requisites/http_status/{response.status}")
        else:
            self.stats.inc_value(f"requisites/failed/{failure.type.__name__}")
        page = self.pages.get((request.meta.get(REQUISITE_META_KEY) or {}).get("page")) if request else None
        if page is not None:
            page.pending -= 1
            self._maybe_done(page)

    # -- the page is complete -----------------------------------------------------------------
    def _maybe_done(self, page: PageInProgress) -> None:
        if page.pending > 0:
            return
        self.pages.pop(page.url, None)
        if page.screenshot:
            archive = self.archive
            if archive is not None:
                archive.track(asyncio.ensure_future(self._screenshot(archive, page)))

    async def _screenshot(self, archive, page: PageInProgress) -> None:
        if self.screenshots is None:
            self.screenshots = ReplayScreenshots(self.launch_options, archive.directory, self.stats)
            archive.on_close(self.screenshots.close)
        captures = {url: archive.requisites.archived.get(url) for url in page.needed}
        captures = {url: c for url, c in captures.items() if c}
        if page.capture:
            captures[page.url] = page.capture
        try:
            png = await self.screenshots.shoot(page.url, captures)
        except Exception as exc:  # a page the browser cannot replay: counted, the crawl goes on
            self.stats.inc_value(f"evidence/screenshot_failed/{type(exc).__name__}")
            logger.warning("Screenshot of %s failed: %s", page.url, exc)
            return
        if png is None:
            self.stats.inc_value("evidence/screenshot_skipped/no_browser")
            return
        self._write_resource(archive, SCREENSHOT_PREFIX + page.url, png, "image/png", page.capture, "screenshot")

    def _write_resource(self, archive, target: str, payload: bytes, content_type: str, capture, kind: str):
        try:
            record = resource_record(archive.factory, target, payload, content_type, archive.factory.now(),
                                     (capture or {}).get("warc_record_id"))
            location = archive.writer.write(record)[0]
        except Exception as exc:
            self.stats.inc_value(f"warc/errors/{kind}_{type(exc).__name__}")
            logger.exception("Could not write the %s record of %s", kind, target)
            return
        self.stats.inc_value("warc/records/resource")
        self.stats.inc_value(f"evidence/{kind}")
        self.stats.inc_value("warc/bytes", location.warc_length)
