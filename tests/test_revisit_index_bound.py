"""The revisit index (crawler/archive/revisits.py) stays within WARC_REVISIT_INDEX_SIZE however
long the crawl, and keeps the captures most recently archived or looked up."""

from __future__ import annotations

import tracemalloc

from crawler.archive.revisits import PayloadIndex


def url(n: int) -> str:
    return f"https://www.example.org/ar/news/2026/12/07/story-{n}.html"


def digest(n: int) -> str:
    return f"sha1:{n:032d}"


def remember(index: PayloadIndex, n: int) -> None:
    index.remember(url(n), digest(n), f"2026-12-07T10:{n // 60 % 60:02d}:{n % 60:02d}Z", f"<urn:uuid:{n:036d}>")


def test_index_holds_at_most_its_size_and_its_memory_stops_growing():
    index = PayloadIndex(max_entries=1_000)
    tracemalloc.start()
    try:
        for n in range(3_000):
            remember(index, n)
            if n == 1_999:
                at_2000 = tracemalloc.get_traced_memory()[0]
        at_3000 = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(index) == 1_000 and len(index._by_digest) == 1_000 and len(index._last_date) == 1_000
    # 1,000 more captures past the bound: no more memory (an unbounded index gains ~750 KB).
    assert at_3000 - at_2000 < 50_000


def test_the_most_recent_captures_are_kept_and_a_lookup_keeps_a_capture():
    index = PayloadIndex(max_entries=100)
    for n in range(100):
        remember(index, n)
    assert index.lookup(url(0), digest(0))["record_id"] == f"<urn:uuid:{0:036d}>"  # looked up: now recent
    for n in range(100, 150):
        remember(index, n)
    assert index.lookup(url(0), digest(0)) is not None
    assert index.lookup(url(1), digest(1)) is None and index.lookup_any(digest(1)) is None  # the oldest went
    assert index.lookup(url(149), digest(149)) == {"url": url(149), "date": "2026-12-07T10:02:29Z",
                                                   "record_id": f"<urn:uuid:{149:036d}>"}
    assert index.lookup_any(digest(120))["url"] == url(120)
    assert index.last_archived(url(149)) == "2026-12-07T10:02:29Z" and index.last_archived(url(2)) is None


def test_an_earlier_original_is_not_replaced_by_a_later_capture_of_the_same_payload():
    index = PayloadIndex(max_entries=10)
    remember(index, 1)
    index.remember(url(1), digest(1), "2026-12-08T00:00:00Z", "<urn:uuid:later>")
    assert index.lookup(url(1), digest(1))["record_id"] == f"<urn:uuid:{1:036d}>"
    assert index.last_archived(url(1)) == "2026-12-08T00:00:00Z"
