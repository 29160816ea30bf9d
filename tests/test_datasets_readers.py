"""Every dataset opens with the default call of each common reader, and every reader gives the same rows.

The readers, called exactly as an analyst would, with no project code:
``pandas.read_parquet(dir)``, ``polars.scan_parquet(dir + "/**/*.parquet",
hive_partitioning=True)``, ``pyarrow.dataset.dataset(dir, partitioning="hive")``
and DuckDB's ``read_parquet(dir || '/**/*.parquet', hive_partitioning = true)``.
The edge case that broke pyarrow and pandas before schema 2.0: a first crawl
whose pages all lack a publication date.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timezone

import duckdb
import pandas
import polars
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from crawler.datasets import DATASETS, DatasetWriter
from crawler.datasets.rows import RowProblems, article_row, capture_row, claim_rows, coerce
from crawler.datasets.schemas import CRAWLS
from tests.test_datasets_writer import make_item


def read_pandas(directory):
    return pa.Table.from_pandas(pandas.read_parquet(directory), preserve_index=False)


def read_polars(directory):
    return polars.scan_parquet(f"{directory}/**/*.parquet", hive_partitioning=True).collect().to_arrow()


def read_pyarrow(directory):
    return ds.dataset(directory, partitioning="hive").to_table()


def read_duckdb(directory):
    return duckdb.connect().sql(
        f"SELECT * FROM read_parquet('{directory}/**/*.parquet', hive_partitioning = true)").to_arrow_table()


READERS = {"pandas": read_pandas, "polars": read_polars, "pyarrow": read_pyarrow, "duckdb": read_duckdb}


def plain(value):
    """One Python value per cell whatever the reader's types (pandas floats for nullable ints, tz, lists)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return tuple(plain(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, plain(v)) for k, v in value.items()))
    return value


def rows_of(table: pa.Table, key: str) -> list[dict]:
    rows = [{name: plain(v) for name, v in row.items()} for row in table.to_pylist()]
    return sorted(rows, key=lambda r: r[key])


def write(tmp_path, name, rows):
    writer = DatasetWriter(tmp_path, DATASETS[name], "run1", batch_rows=2)
    for row in rows:
        assert writer.add(row)
    writer.close()
    return tmp_path / name


def undated(n):
    return make_item(n) | {"published": None}


def articles_and_claims(items):
    articles, claims = [], []
    for item in items:
        row = article_row(item, "run1", RowProblems())
        articles.append(row)
        claims += claim_rows(row, [{"speaker": "an official", "content": f"claim {item['url']}", "paragraph": 1,
                                    "char_start": 0, "char_end": 5, "actor": "egypt",
                                    "time_expressions": [{"text": "on Sunday", "resolved": "2024-05-05"}]}],
                             "run1", RowProblems())
    return articles, claims


CASES = {
    "dated": [make_item(n, month=5 + n % 3) for n in range(7)],
    "undated_only": [undated(n) for n in range(4)],  # a first crawl of pages without dates
    "mixed": [make_item(n) for n in range(3)] + [undated(n) for n in range(3, 6)],
}


def build(tmp_path, case: str) -> dict:
    articles, claims = articles_and_claims(CASES[case])
    captures = [capture_row({"url": f"https://x.example/{n}", "status": 200 if n % 2 else None,
                             "fetched_at": f"2024-0{5 + n % 2}-0{1 + n}T08:00:00+00:00",
                             "error": None if n % 2 else "timeout", "warc_record_id": f"<urn:uuid:{n}>"},
                            "run1", RowProblems()) for n in range(4)]
    crawl = coerce(CRAWLS, {"crawl_id": "run1", "spiders": ["urls"], "started_at": "2024-06-01T00:00:00Z",
                            "settings_json": {"DOWNLOAD_DELAY": 0.5, "OUTPUT_DIR": "output"},
                            "stats_json": {"item_scraped_count": 3}}, RowProblems())
    return {"articles": write(tmp_path, "articles", articles), "claims": write(tmp_path, "claims", claims),
            "captures": write(tmp_path, "captures", captures), "crawls": write(tmp_path, "crawls", [crawl])}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_reader_opens_every_dataset_with_its_default_call_and_gets_the_same_rows(tmp_path, case):
    for name, directory in build(tmp_path, case).items():
        spec = DATASETS[name]
        got = {reader: read(directory) for reader, read in READERS.items()}
        for reader, table in got.items():
            assert sorted(table.column_names) == sorted(spec.schema.names), (name, reader)
        expected = rows_of(got["pyarrow"], spec.key)
        assert expected, name
        for reader in ("pandas", "polars", "duckdb"):
            assert rows_of(got[reader], spec.key) == expected, (name, reader)
        if spec.partitions:  # the partition is a plain YYYY-MM string for every reader, never null
            assert all(len(r["month"]) == 7 for r in expected), name


def test_undated_pages_keep_a_null_publication_month_and_file_under_their_fetch_month(tmp_path):
    directory = build(tmp_path, "undated_only")["articles"]
    rows = read_pyarrow(directory).to_pylist()
    assert {(r["published"], r["published_month"], r["month"]) for r in rows} == {(None, None, "2024-06")}
    assert [p.name for p in directory.iterdir() if p.is_dir()] == ["month=2024-06"]


def test_text_is_stored_once_and_the_paragraphs_come_back_from_it(tmp_path):
    item = make_item(1) | {"paragraphs": ["First paragraph.", "A second one\nwith a stray newline.", "Third."]}
    directory = write(tmp_path, "articles", [article_row(item, "run1", RowProblems())])
    table = read_pyarrow(directory)
    assert "paragraphs" not in table.column_names
    body = table.column("body")[0].as_py()
    assert body.split("\n") == ["First paragraph.", "A second one with a stray newline.", "Third."]
    # each reader splits it the same way
    split = polars.scan_parquet(f"{directory}/**/*.parquet", hive_partitioning=True) \
        .select(polars.col("body").str.split("\n")).collect().item()
    assert list(split) == body.split("\n")


def test_json_columns_read_as_text_in_every_reader_and_parse_back(tmp_path):
    paths = build(tmp_path, "dated")
    provenance = read_polars(paths["articles"]).column("provenance_json").to_pylist()
    assert {json.loads(p)["headline"] for p in provenance} == {"jsonld"}
    frame = polars.scan_parquet(f"{paths['articles']}/**/*.parquet", hive_partitioning=True) \
        .select(polars.col("provenance_json").str.json_path_match("$.headline")).collect()
    assert set(frame.to_series().to_list()) == {"jsonld"}
    con = duckdb.connect()
    delay = con.execute(f"SELECT settings_json->>'DOWNLOAD_DELAY' FROM read_parquet('{paths['crawls']}/*.parquet')")
    assert delay.fetchone()[0] == "0.5"
    assert json.loads(pandas.read_parquet(paths["crawls"])["settings_json"][0])["OUTPUT_DIR"] == "output"


def test_capture_dates_and_months_agree(tmp_path):
    rows = read_duckdb(build(tmp_path, "dated")["captures"]).to_pylist()
    assert all(r["month"] == r["fetch_date"].strftime("%Y-%m") and isinstance(r["fetch_date"], date) for r in rows)
