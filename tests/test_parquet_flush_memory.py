"""A Parquet flush holds about one copy of the batch in Arrow, and writes the same rows in the same order.

The flush of the ``articles`` batch was each crawl's RSS peak: the batch was converted to
one table, filtered per partition (a copy), sorted (another copy) and written in one row
group (the Parquet writer holds a row group while it encodes it), about three times the
batch in Arrow memory at once.
"""

from __future__ import annotations

import random

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from crawler.datasets import DATASETS, DatasetWriter
from crawler.datasets.files import parquet_files
from crawler.datasets.rows import RowProblems, article_row

SPEC = DATASETS["articles"]
WORDS = ["مفاوضات", "القاهرة", "وقف", "إطلاق", "النار", "الوسطاء", "talks", "ceasefire", "Cairo", "delegation"]


def article_rows(count: int, seed: int = 7) -> list[dict]:
    """Articles of ~7,000 characters in two months, several outlets, some undated."""
    rnd = random.Random(seed)
    rows = []
    for n in range(count):
        body = " ".join(f"{rnd.choice(WORDS)}{rnd.randrange(3000)}" for _ in range(700))
        month = rnd.choice([4, 5])
        published = None if n % 7 == 0 else f"2024-{month:02d}-{1 + rnd.randrange(28):02d}T{3 + rnd.randrange(20):02d}:00:00+03:00"
        item = {"url": f"https://www.example.com/news/{n}", "outlet": rnd.choice(["youm7", "reuters", "aljazeera"]),
                "language": "ar", "headline": f"headline {n}", "published": published, "paragraphs": [body],
                "fetched_at": f"2024-{month:02d}-28T00:00:00Z", "status": 200}
        rows.append(article_row(item, "flush", RowProblems()))
    return rows


def test_a_flush_holds_about_one_copy_of_the_batch_in_arrow(tmp_path):
    writer = DatasetWriter(tmp_path, SPEC, "run1", batch_rows=10**6, batch_bytes=10**12, row_group_bytes=1_000_000)
    for row in article_rows(500):
        writer.add(row)
    default = pa.default_memory_pool()
    pool = pa.proxy_memory_pool(default)  # counts this flush's allocations alone
    pa.set_memory_pool(pool)
    try:
        assert writer.flush() == 500
    finally:
        pa.set_memory_pool(default)
    written = pq.read_table(parquet_files(tmp_path / "articles")).nbytes
    # Before: 3.0 times the batch (table, filtered copy, sorted copy, one row group being encoded).
    assert pool.max_memory() < 1.6 * written, (pool.max_memory(), written)
    # Large rows make several row groups of about row_group_bytes each.
    assert all(pq.ParquetFile(p).metadata.num_row_groups > 1 for p in parquet_files(tmp_path / "articles"))


def test_a_flush_writes_the_rows_each_partition_held_in_arrows_sort_order(tmp_path):
    rows = article_rows(120, seed=3)
    expected = pa.Table.from_pylist(rows, schema=SPEC.schema)  # the old path: one table, filtered, sorted by Arrow
    writer = DatasetWriter(tmp_path, SPEC, "run1", batch_rows=10**6, batch_bytes=10**12)
    for row in rows:
        writer.add(dict(row))
    writer.flush()
    files = parquet_files(tmp_path / "articles")
    assert sorted(p.parent.name for p in files) == ["month=2024-04", "month=2024-05"]
    for path in files:
        month = path.parent.name.split("=", 1)[1]
        old = SPEC.in_file_order(expected.filter(pc.equal(expected.column("month"), month)))
        new = pq.read_table(path, schema=SPEC.file_schema)
        assert new.schema.equals(old.schema, check_metadata=True)
        assert new.equals(old), month
