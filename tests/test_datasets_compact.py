"""`scrapy compact`: many small files become one per partition; every row and id survives once."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq

from crawler.datasets import DATASETS, DatasetWriter
from crawler.datasets.compaction import JOURNAL, compact_dataset, recover
from crawler.datasets.files import parquet_files
from crawler.datasets.read import duckdb_connect, open_dataset
from crawler.datasets.rows import RowProblems, article_row
from tests.support.crawl import run_scrapy
from tests.test_datasets_writer import make_item


def scheduled_runs(parquet_dir, runs: int = 6, per_run: int = 7):
    """Several small runs, as a scheduler makes them: a few rows per partition each time."""
    n = 0
    for run in range(runs):
        writer = DatasetWriter(parquet_dir, DATASETS["articles"], f"run{run}", batch_rows=2)
        for _ in range(per_run):
            writer.add(article_row(make_item(n, outlet=("youm7", "reuters")[n % 2], month=5 + (n // 2) % 2),
                                   f"run{run}", RowProblems()))
            n += 1
        writer.close()
    return n


def inventory(out):
    table = open_dataset(out, "articles").to_table(columns=["version_id", "outlet", "month"])
    return table.num_rows, sorted(table.column("version_id").to_pylist()), \
        sorted(zip(table.column("outlet").to_pylist(), table.column("month").to_pylist(),
                   table.column("version_id").to_pylist()))


def test_scrapy_compact_merges_without_losing_or_duplicating(tmp_path):
    rows = scheduled_runs(tmp_path / "parquet")
    files_before = parquet_files(tmp_path / "parquet" / "articles")
    assert len(files_before) > 4 * 2  # many small files in 2 partitions (months)
    before = inventory(tmp_path)
    assert before[0] == rows

    proc = run_scrapy(["compact", "articles"], settings={"OUTPUT_DIR": str(tmp_path)})
    partitions = len({m for _, m, _ in before[2]})
    assert partitions == 2
    assert f"files {len(files_before)} -> {partitions}; rows {rows} -> {rows}" in proc.stdout, proc.stdout

    files_after = parquet_files(tmp_path / "parquet" / "articles")
    assert len(files_after) == partitions and not set(files_after) & set(files_before)
    assert inventory(tmp_path) == before  # same rows, same ids, in the same partitions
    con = duckdb_connect(tmp_path)
    assert con.execute("SELECT count(*), count(DISTINCT version_id) FROM articles").fetchone() == (rows, rows)
    # a run after compaction still knows every key
    writer = DatasetWriter(tmp_path / "parquet", DATASETS["articles"], "late")
    assert not writer.add(article_row(make_item(0, outlet="youm7", month=5), "late", RowProblems()))
    # and compacting again changes nothing
    assert compact_dataset(tmp_path / "parquet", DATASETS["articles"]).partitions == []


def test_a_key_written_twice_is_kept_once(tmp_path):
    scheduled_runs(tmp_path / "parquet", runs=2)
    rows, ids, _ = inventory(tmp_path)
    one = parquet_files(tmp_path / "parquet" / "articles")[0]
    shutil.copy(one, one.with_name("part-copy-00001.parquet"))  # two writers wrote the same rows
    duplicated = pq.ParquetFile(one).metadata.num_rows
    assert inventory(tmp_path)[0] == rows + duplicated
    report = compact_dataset(tmp_path / "parquet", DATASETS["articles"])
    assert sum(p.duplicate_rows_removed for p in report.partitions) == duplicated
    assert inventory(tmp_path)[:2] == (rows, ids)


def test_crash_between_rename_and_delete_is_finished_by_recovery(tmp_path):
    scheduled_runs(tmp_path / "parquet", runs=3)
    before = inventory(tmp_path)
    # Simulate a crash right after the merged file was renamed into place: inputs still there.
    partition = parquet_files(tmp_path / "parquet" / "articles")[0].parent
    inputs = sorted(partition.glob("*.parquet"))
    merged = pq.read_table(inputs, schema=pq.read_schema(inputs[0]))
    output = partition / "compacted-crash.parquet"
    pq.write_table(merged, output)
    (partition / JOURNAL).write_text(json.dumps({"output": output.name, "inputs": [p.name for p in inputs]}))
    assert inventory(tmp_path)[0] > before[0]  # rows visible twice until recovery
    assert recover(tmp_path / "parquet" / "articles") == 1
    assert inventory(tmp_path) == before
    assert not (partition / JOURNAL).exists()


def test_files_of_an_older_schema_version_unify(tmp_path):
    """The evolution rule: a column added later reads as null in older files, and compaction keeps it."""
    scheduled_runs(tmp_path / "parquet", runs=1)
    spec = DATASETS["articles"]
    one = parquet_files(tmp_path / "parquet" / "articles")[0]
    old = pq.read_table(one).drop_columns(["claim_count", "containment"])  # as a 1.0-era writer made it
    old_file = one.with_name("part-old-00001.parquet")
    pq.write_table(old.replace_schema_metadata({b"cairo_talks.schema_version": b"0.9"}), old_file)
    one.unlink()
    table = open_dataset(tmp_path, "articles").to_table()
    assert table.schema == spec.schema and table.num_rows == 7
    assert compact_dataset(tmp_path / "parquet", spec).partitions
    merged = open_dataset(tmp_path, "articles").to_table()
    assert merged.num_rows == 7 and merged.schema == spec.schema
    assert sorted(merged.column("version_id").to_pylist()) == sorted(table.column("version_id").to_pylist())
