"""Middlewares that make the archive complete and linkable.

ArchiveDownloaderMiddleware (downloader, before HttpCompressionMiddleware's 590)
    - asks servers only for content encodings replay tools decode (warcio has no
      zstd; Scrapy 2.19 advertises it), via WARC_ACCEPT_ENCODING;
    - reports fetches that got no response (DNS, refused, timeout) to the archive,
      one per attempt, so the captures dataset counts them with their reason;
    - counts HTTP-cache hits, which never reach the downloader and so are not
      new captures: they must not pass silently as archived.

CaptureLinkMiddleware (spider)
    copies the WARC location of the response a callback parsed onto the items
    it yields (fields warc_filename, warc_offset, warc_length, warc_record_id).
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter, is_item
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

from .extension import CAPTURE_META_KEY, ITEM_LOCATION_FIELDS, ArchiveComponent, archive_of

logger = logging.getLogger(__name__)


class ArchiveDownloaderMiddleware:
    def __init__(self, crawler):
        if not crawler.settings.getbool("WARC_ENABLED"):
            raise NotConfigured("WARC_ENABLED is off")
        self.crawler = crawler
        self.accept_encoding = crawler.settings.get("WARC_ACCEPT_ENCODING")
        self._warned_cache = False

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        if self.accept_encoding:
            request.headers.setdefault(b"Accept-Encoding", self.accept_encoding)
        return None

    def process_response(self, request, response, spider=None):
        if "cached" in response.flags:
            self.crawler.stats.inc_value("warc/not_archived/http_cache_hit")
            if not self._warned_cache:
                self._warned_cache = True
                logger.warning("Responses served from the HTTP cache are not archived (first: %s)",
                               response.url)
        return response

    def process_exception(self, request, exception, spider=None):
        if isinstance(exception, IgnoreRequest):
            # Never left the crawler (robots.txt, dead-host or incremental skips): not a fetch.
            return None
        archive = archive_of(self.crawler)
        if archive is not None:
            archive.capture_failed(request, exception)
        return None  # let retry and errbacks handle it as usual


class CaptureLinkMiddleware:
    def process_spider_output(self, response, result, spider=None):
        for entry in result:
            yield self._link(response, entry)

    async def process_spider_output_async(self, response, result, spider=None):
        async for entry in result:
            yield self._link(response, entry)

    @staticmethod
    def _link(response, entry):
        if not is_item(entry):
            return entry
        try:
            capture = response.meta.get(CAPTURE_META_KEY)
        except AttributeError:  # a response built outside a crawl has no request/meta
            return entry
        if not capture or capture.get("url") != response.url:
            return entry
        adapter = ItemAdapter(entry)
        for name in ITEM_LOCATION_FIELDS:
            if adapter.get(name) is None:
                try:
                    adapter[name] = capture[name]
                except KeyError:  # an item class without the archive fields
                    return entry
        return entry


class ArchiveWriteWait(ArchiveComponent):
    """Downloader middleware first in line for responses (above every other one): holds a
    response until the archive has written its records on the gzip thread
    (crawler/archive/extension.py), so the capture is in ``request.meta`` before any
    middleware, callback or item sees the response, as when the write was synchronous."""

    async def process_response(self, request, response, spider=None):
        archive = archive_of(self.crawler)
        written = archive.in_flight.pop(request, None) if archive is not None else None
        if written is not None:
            await maybe_deferred_to_future(written)
        return response
