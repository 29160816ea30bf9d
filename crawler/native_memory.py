"""Large short-lived buffers out of glibc's heap, so a long crawl's memory stays flat.

A crawl allocates big buffers by the thousand and frees them within milliseconds:
response bodies (100-600 KB), their decoded text, serialized WARC records, lxml's
parser buffers. glibc serves a request above its mmap threshold (128 KiB) with its
own ``mmap`` and gives it back to the system on ``free``; but each time such a block
is freed, glibc raises the threshold to that block's size (up to 32 MiB), so after
the first large page every later one is carved out of the ``brk`` heap instead, in
between the small long-lived allocations (lxml dictionaries, SQLite pages, Python
objects) that pin it. The heap then only grows with the crawl, most of it free.

Setting the threshold explicitly (``mallopt(M_MMAP_THRESHOLD)``) switches that
adjustment off: big buffers keep going to ``mmap`` and are returned when freed.
``MALLOC_MMAP_THRESHOLD`` (bytes; 0 leaves glibc's default) in crawler/settings.py;
measured in docs/performance-yardstick.md. No effect and no error off glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's malloc.h


def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    libc = ctypes.CDLL(name)
    return libc if hasattr(libc, "mallopt") else None


def set_mmap_threshold(threshold: int) -> bool:
    """Fix glibc's mmap threshold at ``threshold`` bytes (this process); False where there is no glibc."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, int(threshold)))


class NativeHeap:
    """Extension: applies MALLOC_MMAP_THRESHOLD to the crawl process when it starts
    (worker processes apply it themselves: crawler/worker_pool.py)."""

    def __init__(self, threshold: int):
        self.threshold = threshold
        if not set_mmap_threshold(threshold):
            logger.info("MALLOC_MMAP_THRESHOLD not applied: no glibc mallopt here")

    @classmethod
    def from_crawler(cls, crawler):
        threshold = crawler.settings.getint("MALLOC_MMAP_THRESHOLD")
        if threshold <= 0:
            raise NotConfigured("MALLOC_MMAP_THRESHOLD is 0")
        return cls(threshold)
