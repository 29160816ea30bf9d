"""Fail fast on hosts that cannot be reached at all.

A DNS failure or a refused connection is not a page error that a retry fixes in
a few seconds: retrying it with exponential backoff only delays the report that
an outlet is down (3 retries = 14 s per request with the default backoff). Such
errors are therefore not retried; the request still fails normally, so errbacks,
stats and the archive's failure records see it. Timeouts and 5xx are still
retried: a slow server may answer next time.

Setting: REACHABILITY_FAIL_FAST (True).
Stats: reachability/unreachable (failures not retried), reachability/unreachable_hosts.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, NotConfigured
from twisted.internet.error import ConnectionRefusedError, DNSLookupError


class UnreachableHostMiddleware:
    # Scrapy 2.13+ raises its own types; Twisted's are kept for other download handlers.
    FATAL = (CannotResolveHostError, DownloadConnectionRefusedError, DNSLookupError, ConnectionRefusedError)

    def __init__(self, crawler):
        self.crawler = crawler
        self.hosts: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("REACHABILITY_FAIL_FAST", True):
            raise NotConfigured
        return cls(crawler)

    def process_exception(self, request, exception, spider=None):
        if isinstance(exception, self.FATAL):
            stats = self.crawler.stats
            stats.inc_value("reachability/unreachable")
            netloc = urlsplit(request.url).netloc.lower()
            if netloc not in self.hosts:
                self.hosts.add(netloc)
                stats.inc_value("reachability/unreachable_hosts")
            request.meta["dont_retry"] = True  # read by the retry middleware, which runs next
        return None
