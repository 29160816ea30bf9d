"""The dataset writer: batching, atomic files, crash leftovers, idempotent re-runs, bad values."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest

from crawler.datasets import DATASETS, DatasetWriter
from crawler.datasets import files as dataset_files
from crawler.datasets.files import parquet_files, temp_name
from crawler.datasets.read import open_dataset
from crawler.datasets.rows import RowProblems, article_row, capture_row


def make_item(n: int, outlet: str = "youm7", month: int = 5) -> dict:
    return {"url": f"https://www.example.com/news/{n}", "outlet": outlet, "language": "ar",
            "headline": f"headline {n}", "authors": ["a", "b"], "published": f"2024-{month:02d}-0{1 + n % 9}T10:00:00+03:00",
            "paragraphs": [f"paragraph {n}", "second"], "body": f"paragraph {n}\nsecond", "word_count": 3,
            "fetched_at": "2024-06-01T00:00:00Z", "status": 200, "provenance": {"headline": "jsonld"}}


def write_items(parquet_dir, items, writer_id="run1", batch_rows=3):
    writer = DatasetWriter(parquet_dir, DATASETS["articles"], writer_id, batch_rows=batch_rows)
    added = [writer.add(article_row(item, writer_id, RowProblems())) for item in items]
    writer.close()
    return writer, added


def test_rows_are_flushed_in_batches_one_file_per_partition(tmp_path):
    items = [make_item(n, outlet="youm7" if n % 2 else "reuters", month=5 + n % 2) for n in range(10)]
    writer = DatasetWriter(tmp_path, DATASETS["articles"], "run1", batch_rows=4)
    for i, item in enumerate(items[:4]):
        writer.add(article_row(item, "run1", RowProblems()))
        if i < 3:  # below the batch size nothing is on disk yet: memory holds the batch
            assert parquet_files(tmp_path / "articles") == [] and len(writer.buffer) == i + 1
    assert len(writer.buffer) == 0 and len(parquet_files(tmp_path / "articles")) == 2  # 2 months
    for item in items[4:]:
        writer.add(article_row(item, "run1", RowProblems()))
    writer.close()
    assert writer.rows_written == 10
    assert sum(pq.ParquetFile(p).metadata.num_rows for p in parquet_files(tmp_path / "articles")) == 10


def test_a_batch_is_also_flushed_when_its_text_reaches_the_byte_budget(tmp_path):
    # Long articles (10,000 characters of body) fill the
    # budget long before batch_rows does.
    text = "word " * 2000
    writer = DatasetWriter(tmp_path, DATASETS["articles"], "run1", batch_rows=1000, batch_bytes=25_000)
    for n in range(3):
        item = dict(make_item(n), paragraphs=[text], body=text)
        writer.add(article_row(item, "run1", RowProblems()))
        if n < 2:
            assert parquet_files(tmp_path / "articles") == [] and writer.buffered_bytes > (n + 1) * 10_000
    assert writer.buffer == [] and writer.buffered_bytes == 0 and parquet_files(tmp_path / "articles")
    writer.close()
    assert writer.rows_written == 3


def test_rerun_does_not_duplicate_rows(tmp_path):
    items = [make_item(n) for n in range(7)]
    _, added = write_items(tmp_path, items)
    assert all(added)
    # a second run (new writer, so keys come from the files) with the same items plus one new
    writer, added = write_items(tmp_path, items + [make_item(99)], writer_id="run2")
    assert added == [False] * 7 + [True]
    assert writer.rows_skipped == 7
    assert open_dataset(tmp_path / "elsewhere", "articles").to_table().num_rows == 0  # empty but typed
    table = pq.read_table(parquet_files(tmp_path / "articles"))
    assert table.num_rows == 8 and len(set(table.column("version_id").to_pylist())) == 8


def test_a_failing_write_leaves_no_file_visible_or_behind(tmp_path, monkeypatch):
    real = pq.write_table
    seen = {}

    def failing(table, where, **kwargs):
        real(table.slice(0, 1), where, **kwargs)  # some bytes are on disk...
        seen["tmp"] = where
        # ...under a name no reader lists
        assert parquet_files(tmp_path / "articles") == []
        assert duckdb.connect().execute(f"SELECT count(*) FROM glob('{tmp_path}/articles/**/*.parquet')").fetchone()[0] == 0
        raise OSError("disk full")

    monkeypatch.setattr(dataset_files.pq, "write_table", failing)
    writer = DatasetWriter(tmp_path, DATASETS["articles"], "run1", batch_rows=100)
    for n in range(3):
        writer.add(article_row(make_item(n), "run1", RowProblems()))
    with pytest.raises(OSError):
        writer.flush()
    assert os.path.basename(seen["tmp"]).startswith(".")
    assert parquet_files(tmp_path / "articles") == []
    assert not list((tmp_path / "articles").rglob("*.tmp"))
    # the disk is back: the next flush writes the kept rows, once
    monkeypatch.setattr(dataset_files.pq, "write_table", real)
    assert not writer.add(article_row(make_item(0), "run1", RowProblems()))  # still known as pending
    assert writer.flush() == 3
    assert pq.read_table(parquet_files(tmp_path / "articles")).num_rows == 3


def test_a_write_failing_mid_flush_keeps_the_later_partitions_for_the_next(tmp_path, monkeypatch):
    real = pq.write_table
    calls = []

    def second_fails(table, where, **kwargs):
        calls.append(where)
        if len(calls) == 2:
            raise OSError("disk full")
        real(table, where, **kwargs)

    monkeypatch.setattr(dataset_files.pq, "write_table", second_fails)
    writer = DatasetWriter(tmp_path, DATASETS["articles"], "run1", batch_rows=100)
    for n, month in enumerate((3, 4, 5, 4)):  # three monthly partitions
        writer.add(article_row(make_item(n, month=month), "run1", RowProblems()))
    with pytest.raises(OSError):
        writer.flush()
    assert len(parquet_files(tmp_path / "articles")) == 1  # the first partition only
    monkeypatch.setattr(dataset_files.pq, "write_table", real)
    assert writer.flush() == 3  # the failed partition and the one never reached, each once
    table = pq.read_table(parquet_files(tmp_path / "articles"))
    assert sorted(table.column("url").to_pylist()) == [f"https://www.example.com/news/{n}" for n in range(4)]


def test_temp_files_of_a_killed_writer_are_swept(tmp_path):
    # a real process that dies (SIGKILL) in the middle of its write
    code = (
        "import os, signal, pyarrow as pa, pyarrow.parquet as pq\n"
        "from pathlib import Path\n"
        "from crawler.datasets.files import temp_name\n"
        f"final = Path({str(tmp_path)!r}) / 'articles' / 'month=2024-05' / 'part-a-00001.parquet'\n"
        "final.parent.mkdir(parents=True)\n"
        "w = pq.ParquetWriter(temp_name(final), pa.schema([('a', pa.int64())]))\n"
        "w.write_table(pa.table({'a': list(range(1000))}))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=os.getcwd())
    assert proc.returncode == -9
    leftovers = list((tmp_path / "articles").rglob("*.tmp"))
    assert len(leftovers) == 1 and parquet_files(tmp_path / "articles") == []
    DatasetWriter(tmp_path, DATASETS["articles"], "next")  # the next writer cleans up
    assert not list((tmp_path / "articles").rglob("*.tmp"))
    # a live writer's temp file (this process) is left alone
    mine = temp_name(tmp_path / "articles" / "month=2024-05" / "part-b-00001.parquet")
    mine.write_bytes(b"in progress")
    DatasetWriter(tmp_path, DATASETS["articles"], "next2")
    assert mine.exists()


def test_bad_values_become_null_and_are_reported(tmp_path):
    item = make_item(1) | {"published": "yesterday-ish", "word_count": "many", "status": "200"}
    problems = RowProblems()
    row = article_row(item, "run1", problems)
    assert row["published"] is None and row["published_month"] is None
    assert row["month"] == "2024-06"  # an undated row files under the month it was fetched
    assert row["word_count"] is None and row["status"] == 200
    assert sorted(c for c, _ in problems.items) == ["published", "word_count"]
    writer = DatasetWriter(tmp_path, DATASETS["articles"], "run1")
    assert writer.add(row)
    writer.close()
    read = duckdb.connect().execute(f"SELECT published_month, published, month FROM read_parquet("
                                    f"'{tmp_path}/articles/**/*.parquet', hive_partitioning = true)").fetchall()
    assert read == [(None, None, "2024-06")]


def test_failed_fetch_capture_gets_a_stable_key(tmp_path):
    capture = {"url": "https://x.example/a", "status": None, "fetched_at": "2024-06-01T00:00:00+00:00",
               "error": "DNSLookupError: no such host", "crawl_id": "c1"}
    a = capture_row(capture, "c1", RowProblems())
    b = capture_row(dict(capture), "c1", RowProblems())
    assert a["warc_record_id"] == b["warc_record_id"] and a["status"] is None
    writer = DatasetWriter(tmp_path, DATASETS["captures"], "c1")
    assert writer.add(a) and not writer.add(b)
    writer.close()
    assert pq.read_table(parquet_files(tmp_path / "captures")).column("error").to_pylist() == [capture["error"]]


def test_a_dataset_of_the_1_0_layout_is_refused_not_mixed(tmp_path):
    from crawler.datasets.writer import OtherLayoutError

    old = tmp_path / "articles" / "outlet=youm7" / "published_month=2024-05"
    old.mkdir(parents=True)
    (old / "part-old-00001.parquet").write_bytes(b"PAR1")
    with pytest.raises(OtherLayoutError, match="outlet"):
        DatasetWriter(tmp_path, DATASETS["articles"], "run2")
    assert parquet_files(tmp_path / "articles") == [old / "part-old-00001.parquet"]  # nothing added or removed
