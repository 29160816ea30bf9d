"""The two halves of incremental fetching, configured in settings.

``SkipKnownPagesMiddleware`` (spider middleware) drops requests for articles the
state says need no fetch, before they reach the scheduler (so no errback fires
and no JOBDIR entry is written). ``ConditionalRequestMiddleware`` (downloader
middleware) sends the remaining known URLs with their validators, turns a 304
into "unchanged" without an item, and records every page that gave an article.

Request meta understood by both:
  ``incremental``         False: never skip nor make this request conditional
  ``incremental_lastmod`` the listing's lastmod / feed date for this link
"""

from __future__ import annotations

from datetime import datetime, timezone

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from .state import Decision, FetchState, is_forced

CONDITIONAL_META = "incremental_conditional"
LASTMOD_META = "incremental_lastmod"


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def unchanged_page(response):
    """Callback given to a 304: the article is already archived, nothing new to parse."""
    return []


class SkipKnownPagesMiddleware(BaseSpiderMiddleware):
    def __init__(self, crawler):
        if not crawler.settings.getbool("INCREMENTAL_ENABLED"):
            raise NotConfigured
        super().__init__(crawler)
        self.state = FetchState.for_crawler(crawler)

    def get_processed_request(self, request: Request, response) -> Request | None:
        if request.meta.get("incremental") is False:
            return request
        decision = self.state.decide(request.url, lastmod=request.meta.get(LASTMOD_META),
                                     force=is_forced(self.crawler))
        if decision.fetches:
            return request
        self.crawler.stats.inc_value(f"incremental/{decision.value}")
        return None


class ConditionalRequestMiddleware:
    def __init__(self, crawler):
        if not crawler.settings.getbool("INCREMENTAL_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.stats = crawler.stats
        self.state = FetchState.for_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        mw = cls(crawler)
        # Dropped items count too: a refetch the dedup step dropped as identical is still "known".
        crawler.signals.connect(mw.article_read, signal=signals.item_scraped)
        crawler.signals.connect(mw.article_read, signal=signals.item_dropped)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(mw.engine_stopped, signal=signals.engine_stopped)
        if mw.state.unconfirmed_elsewhere:
            crawler.stats.set_value("incremental/unconfirmed_elsewhere", mw.state.unconfirmed_elsewhere)
        return mw

    def process_request(self, request, spider=None):
        if request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt"):
            return None  # the robots.txt middleware's own fetch: never an article
        if request.meta.get("incremental") is False:
            return None
        if is_forced(self.crawler):
            self.stats.inc_value("incremental/forced")
            return None
        record = self.state.get(request.url)
        if record is None:
            self.stats.inc_value("incremental/new")
            return None
        if record.etag and b"If-None-Match" not in request.headers:
            request.headers["If-None-Match"] = record.etag
        if record.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers["If-Modified-Since"] = record.last_modified
        request.meta[CONDITIONAL_META] = True
        self.stats.inc_value("incremental/conditional")
        return None

    def process_response(self, request, response, spider=None):
        if response.status != 304 or not request.meta.get(CONDITIONAL_META):
            if request.meta.get(CONDITIONAL_META) and response.status == 200:
                self.stats.inc_value("incremental/changed")
            return response
        self.stats.inc_value("incremental/unchanged")
        self.state.record(request.url, status=304, etag=_header(response, "ETag"),
                          last_modified=_header(response, "Last-Modified"))
        # Hand the 304 to a callback that yields nothing (instead of HttpError -> errback,
        # which would count a failure). The WARC archive has already seen it.
        quiet = request.replace(callback=unchanged_page, errback=None,
                                meta={**request.meta, "handle_httpstatus_list": [304]})
        return response.replace(request=quiet)

    def article_read(self, item, response=None, spider=None, **kwargs):
        if response is None or response.status != 200:
            return
        when = datetime.now(timezone.utc)
        etag, last_modified = _header(response, "ETag"), _header(response, "Last-Modified")
        # The URL asked for and the one that answered (after redirects) are both known now.
        urls = {response.url, response.request.url if response.request else response.url,
                *response.meta.get("redirect_urls", [])}
        for url in urls:
            self.state.record(url, status=response.status, etag=etag, last_modified=last_modified, when=when)

    def spider_closed(self, spider, reason):
        self.stats.set_value("incremental/recorded", self.state.pending())
        self.stats.set_value("incremental/state_urls", len(self.state))

    def engine_stopped(self):
        # Last signal of a clean run: feeds and datasets were flushed at spider_closed,
        # so the fetches of this run can be trusted by the next one.
        self.state.commit()
