"""``url_key``'s cache (crawler/dedup/urls.py) stops growing within a long crawl: every new URL
used to stay in it up to 65,536 of them, ~300 bytes each, so a 20,000-article crawl's memory
rose with every article it fetched."""

from __future__ import annotations

import gc
import tracemalloc

from crawler.dedup.urls import url_key


def test_url_key_memory_stops_growing_over_a_long_crawl():
    url_key.cache_clear()
    tracemalloc.start()
    try:
        for n in range(12_000):
            # A new string each time, as each request's URL is: the cache keeps it alive or not.
            url_key("".join(("https://www.example.org/news/2026/12/07/story-", str(n), ".html")))
            if n == 8_999:
                gc.collect()
                at_9000 = tracemalloc.get_traced_memory()[0]
        gc.collect()
        at_12000 = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
        url_key.cache_clear()
    # 3,000 more URLs once the cache is full: the 65,536 cache gained ~0.97 MB; the bounded one
    # at most one resize of its dictionary's table (~0.2 MB), once.
    assert at_12000 - at_9000 < 400_000, at_12000 - at_9000
