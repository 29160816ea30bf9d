"""Downloader middlewares: polite retries."""

from __future__ import annotations

import asyncio
import logging
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry policy, waiting before each retry: exponential backoff, or the
    server's Retry-After (429/503) when it asks for longer.

    The wait is an asyncio sleep on this one request: other downloads go on.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX")
        self.retry_after_cap = settings.getfloat("RETRY_AFTER_MAX")

    def backoff(self, request, response=None) -> float:
        attempt = request.meta.get("retry_times", 0) + 1
        delay = min(self.cap, self.base * 2 ** (attempt - 1))
        if response is not None:
            asked = retry_after_seconds(response.headers.get(b"Retry-After"))
            if asked is not None:
                delay = max(delay, min(asked, self.retry_after_cap))
        return delay

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = self.backoff(request, response)
        new_request = self._retry(request, response_status_message(response.status))
        if new_request is None:
            return response
        await self._wait(delay, request)
        return new_request

    async def process_exception(self, request, exception, spider=None):
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        delay = self.backoff(request)
        new_request = self._retry(request, exception)
        if new_request is not None:
            await self._wait(delay, request)
        return new_request

    async def _wait(self, delay: float, request) -> None:
        if delay > 0:
            self.crawler.stats.inc_value("retry/backoff_seconds", delay)
            logger.debug("Waiting %.1fs before retrying %s", delay, request)
            await asyncio.sleep(delay)


class RobotsTxtOffsiteMiddleware:
    """Lets the robots.txt fetch of an off-site host through Scrapy's OffsiteMiddleware.

    RobotsTxtMiddleware fetches robots.txt for the host of a request that was already let
    through (a page requisite on a CDN, a listing marked ``allow_offsite``). That fetch goes
    through the downloader middlewares again without the ``allow_offsite`` mark, so the
    offsite filter drops it and Scrapy then reads the host as "no robots.txt: all allowed".
    Placed before OffsiteMiddleware (50), this marks robots.txt fetches allowed so the rules
    of every host the crawl touches are read and obeyed.
    """

    def process_request(self, request, spider=None):
        if request.meta.get("dont_obey_robotstxt") and urlparse_cached(request).path == "/robots.txt":
            request.meta["allow_offsite"] = True
        return None
