"""The revisit index (crawler/archive/revisits.py) lives in a temporary SQLite database: the
crawl's memory does not grow with the captures it holds, and it keeps every one of them."""

from __future__ import annotations

import tracemalloc

from crawler.archive.revisits import PayloadIndex


def url(n: int) -> str:
    return f"https://www.example.org/ar/news/2026/12/07/story-{n}.html"


def digest(n: int) -> str:
    return f"sha1:{n:032d}"


def remember(index: PayloadIndex, n: int) -> None:
    index.remember(url(n), digest(n), f"2026-12-07T10:{n // 60 % 60:02d}:{n % 60:02d}Z", f"<urn:uuid:{n:036d}>")


def test_memory_stops_growing_while_the_index_keeps_every_capture():
    index = PayloadIndex()
    tracemalloc.start()
    try:
        for n in range(6_000):
            remember(index, n)
            if n == 2_999:
                at_3000 = tracemalloc.get_traced_memory()[0]
        at_6000 = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # 3,000 more captures: no more Python memory (a dictionary of them gained ~2.2 MB)...
    assert at_6000 - at_3000 < 50_000
    # ...nor SQLite's beyond its page cache (its own allocations are not traced above).
    assert index._db.execute("PRAGMA cache_size").fetchone()[0] == -PayloadIndex.CACHE_KIB
    assert len(index) == 6_000
    assert index.lookup(url(0), digest(0)) == {"url": url(0), "date": "2026-12-07T10:00:00Z",
                                               "record_id": f"<urn:uuid:{0:036d}>"}
    assert index.lookup_any(digest(1))["url"] == url(1) and index.last_archived(url(2)) == "2026-12-07T10:00:02Z"
    assert index.lookup(url(0), digest(1)) is None and index.lookup_any("sha1:unknown") is None
    assert index.last_archived("https://www.example.org/never") is None


def test_an_earlier_original_is_not_replaced_by_a_later_capture_of_the_same_payload():
    index = PayloadIndex()
    remember(index, 1)
    index.remember(url(1), digest(1), "2026-12-08T00:00:00Z", "<urn:uuid:later>")
    assert index.lookup(url(1), digest(1))["record_id"] == f"<urn:uuid:{1:036d}>"
    assert index.lookup_any(digest(1))["record_id"] == f"<urn:uuid:{1:036d}>"
    assert index.last_archived(url(1)) == "2026-12-08T00:00:00Z"
    index.archived_at(url(1), "2026-12-07T00:00:00Z")  # an older date does not move it back
    assert index.last_archived(url(1)) == "2026-12-08T00:00:00Z"


def test_each_index_is_its_own_and_leaves_no_file():
    first, second = PayloadIndex(), PayloadIndex()
    remember(first, 5)
    assert second.lookup(url(5), digest(5)) is None
    assert [row[2] for row in first._db.execute("PRAGMA database_list")] == [""]  # SQLite's temporary file
