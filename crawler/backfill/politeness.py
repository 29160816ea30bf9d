"""Archives are shared public services: one request at a time per archive host, a
fixed gap between requests, and a 429/503 pauses the whole host, not one request.

``archive_slots(settings)`` gives the DOWNLOAD_SLOTS entries (concurrency 1, the
BACKFILL_*_DELAY gap, no jitter that could shorten it). ``ArchiveBackoffMiddleware``
keeps AutoThrottle from lowering that gap and, on 429/503, holds the host's slot
for the server's Retry-After (or an exponential backoff) before anything else is
sent to it; BackoffRetryMiddleware then retries the request itself.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from crawler.middlewares import retry_after_seconds

logger = logging.getLogger(__name__)

# Setting of each archive endpoint -> setting of its delay.
ENDPOINT_DELAYS = {
    "BACKFILL_WAYBACK_CDX": "BACKFILL_WAYBACK_DELAY",
    "BACKFILL_WAYBACK_REPLAY": "BACKFILL_WAYBACK_DELAY",
    "BACKFILL_CC_INDEX": "BACKFILL_CC_INDEX_DELAY",
    "BACKFILL_CC_DATA": "BACKFILL_CC_DATA_DELAY",
}
PAUSE_STATUSES = (429, 503)


def archive_slots(settings) -> dict[str, dict]:
    """DOWNLOAD_SLOTS entries for the archive hosts (the slot key is the host name)."""
    slots: dict[str, dict] = {}
    for endpoint, delay_name in ENDPOINT_DELAYS.items():
        host = urlsplit(settings.get(endpoint) or "").hostname
        if not host:
            continue
        delay = settings.getfloat(delay_name)
        current = slots.get(host, {}).get("delay", 0.0)
        slots[host] = {"concurrency": 1, "delay": max(delay, current), "jitter": 0}
    return slots


class ArchiveBackoffMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.slots = archive_slots(crawler.settings)
        self.base = crawler.settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = crawler.settings.getfloat("RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        if self._host(request) in self.slots:
            # AutoThrottle would move the slot's delay towards latency/concurrency, below the gap.
            request.meta.setdefault("autothrottle_dont_adjust_delay", True)
        return None

    def process_response(self, request, response, spider=None):
        host = self._host(request)
        if host not in self.slots or response.status not in PAUSE_STATUSES:
            return response
        attempt = request.meta.get("retry_times", 0) + 1
        pause = min(self.cap, self.base * 2 ** (attempt - 1))
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is not None:
            pause = max(pause, min(asked, self.cap))
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot") or host)
        if slot is not None:
            # The downloader waits `delay - now + lastseen`: push lastseen so that wait is `pause`.
            slot.lastseen = max(slot.lastseen, time.monotonic() + pause - slot.delay)
        self.crawler.stats.inc_value(f"backfill/paused/{response.status}")
        self.crawler.stats.inc_value("backfill/paused_seconds", pause)
        logger.warning("Archive %s answered %d: no request to it for %.0fs", host, response.status, pause)
        return response

    @staticmethod
    def _host(request) -> str | None:
        return urlsplit(request.url).hostname
