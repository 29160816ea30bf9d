"""Stop the crawl cleanly before the output disk is full (extension).

A crawl that goes on with a full disk archives nothing, fails every Parquet
flush and may leave half-written files behind. Each time a response arrives
(at most every DISK_CHECK_SECONDS) the free space of the file system holding
OUTPUT_DIR is read (``os.statvfs``); at or below DISK_MIN_FREE_BYTES the spider is
closed with reason ``disk_full`` and an ERROR naming the folder and the numbers.
The normal close then runs while there is still room: the WARC file is closed,
the buffered Parquet rows are flushed, the dedup and incremental state are
committed. With DISK_MIN_FREE_BYTES = 0 it stops at the first response after the
disk really filled (the writes that failed are counted by their components).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

REASON = "disk_full"


def free_bytes(path: Path) -> int:
    """Bytes an unprivileged writer can still use on the file system holding ``path``."""
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    stat = os.statvfs(path)
    return stat.f_bavail * stat.f_frsize


class DiskSpaceGuard:
    def __init__(self, crawler):
        settings = crawler.settings
        self.min_free = settings.getint("DISK_MIN_FREE_BYTES")
        if self.min_free < 0:
            raise NotConfigured("DISK_MIN_FREE_BYTES < 0: disk guard off")
        self.crawler = crawler
        self.folder = Path(settings.get("OUTPUT_DIR") or "output")
        self.every = settings.getfloat("DISK_CHECK_SECONDS")
        self.last_check = float("-inf")
        self.stopping = False

    @classmethod
    def from_crawler(cls, crawler):
        guard = cls(crawler)
        crawler.signals.connect(guard.check, signal=signals.spider_opened)
        crawler.signals.connect(guard.check, signal=signals.response_received)
        return guard

    def check(self, **kwargs) -> None:
        now = time.monotonic()
        if self.stopping or now - self.last_check < self.every:
            return
        self.last_check = now
        free = free_bytes(self.folder)
        if free > self.min_free:
            return
        self.stopping = True
        stats = self.crawler.stats
        stats.set_value("disk/free_bytes_at_stop", free)
        stats.inc_value("disk/full")
        logger.error("Output disk full: %d bytes free under %s (DISK_MIN_FREE_BYTES=%d); stopping the crawl "
                     "while the outputs can still be closed", free, self.folder.resolve(), self.min_free)
        engine = self.crawler.engine
        close = getattr(engine, "close_spider_async", None)
        if close is not None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(close(reason=REASON))
        else:  # older Scrapy
            engine.close_spider(self.crawler.spider, REASON)
