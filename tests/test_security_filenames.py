"""Output file and folder names are built only from safe slugs (issue 10).

Hostile values ("../../x", "a/b", NUL, 10 000 characters) given as an item's outlet,
a CRAWL_ID or a WARC prefix/host must stay one path segment inside the output
folder, be accepted by the file system, and read back unchanged where the
value is data (hive partition values).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from crawler.archive.writer import warc_file_name
from crawler.datasets.read import open_dataset
from crawler.datasets.rows import RowProblems, article_row
from crawler.datasets.schemas import DATASETS
from crawler.datasets.writer import DatasetWriter
from crawler.safe_names import file_slug, partition_value

HOSTILE = ["../../x", "a/b", "..", ".", "/etc/passwd", "nul\x00byte", "x" * 10_000, "ك/../../ب",
           "a=b%2F", "\\..\\win", "", "-rf", "ملف\u202e\u200bطويل" * 200]


@pytest.mark.parametrize("value", HOSTILE)
def test_file_slug_is_one_short_segment(value):
    slug = file_slug(value)
    assert slug and "/" not in slug and "\\" not in slug and "\x00" not in slug
    assert not slug.startswith(".") and slug not in (".", "..")
    assert len(slug.encode()) <= 80


def test_distinct_long_values_keep_distinct_slugs():
    assert file_slug("a" * 500 + "1") != file_slug("a" * 500 + "2")
    assert partition_value("a" * 500 + "1") != partition_value("a" * 500 + "2")


@pytest.mark.parametrize("value", HOSTILE)
def test_warc_file_names_from_hostile_prefix_and_host(tmp_path, value):
    name = warc_file_name(value, 1, host=value)
    path = tmp_path / name
    assert path.parent == tmp_path and len(name.encode()) < 255
    path.write_bytes(b"")  # the file system takes it
    assert name.endswith(".warc.gz")


def test_parquet_partitions_and_crawl_id_from_hostile_values_stay_inside_and_read_back(tmp_path):
    parquet = tmp_path / "parquet"
    writer = DatasetWriter(parquet, DATASETS["articles"], writer_id="../../escape/" + "c" * 400, batch_rows=1000)
    outlets = [v for v in HOSTILE if v]  # empty -> "generic" by the row builder
    for i, outlet in enumerate(outlets):
        row = article_row({"url": f"https://example.org/{i}", "outlet": outlet, "paragraphs": [f"text {i}"],
                           "published": "2024-05-07T09:30:00+03:00"}, "crawl", RowProblems())
        assert writer.add(row)
    writer.close()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    root = (parquet / "articles").resolve()
    for f in files:
        assert root in f.resolve().parents or f.resolve().parent == parquet.resolve(), f
        assert all(len(part.encode()) < 255 for part in f.parts)
    assert not (tmp_path / "escape").exists() and not Path("/tmp/escape").exists()
    table = open_dataset(tmp_path, "articles").to_table(columns=["outlet", "url"])
    got = dict(zip(table.column("url").to_pylist(), table.column("outlet").to_pylist()))
    for i, outlet in enumerate(outlets):
        if partition_value(outlet) == quote(outlet, safe=""):  # not shortened: reads back exactly
            assert got[f"https://example.org/{i}"] == outlet
        else:  # shortened with a hash suffix: still a valid value, distinct per input
            assert got[f"https://example.org/{i}"].startswith(outlet[:5])
