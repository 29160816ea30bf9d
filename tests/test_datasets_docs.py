"""The datasets pages: every column documented (docs/datasets-reading.md), and the DuckDB queries of docs/datasets.md run."""

from __future__ import annotations

import re

import duckdb

from crawler.datasets.schemas import DATASETS
from tests.support.crawl import PROJECT_ROOT
from tests.support.datasets_site import crawled  # noqa: F401

DOC = PROJECT_ROOT / "docs" / "datasets.md"
COLUMNS_DOC = PROJECT_ROOT / "docs" / "datasets-reading.md"


def test_every_column_of_every_dataset_is_documented():
    text = COLUMNS_DOC.read_text(encoding="utf-8")
    for name, spec in DATASETS.items():
        section = text.split(f"### `{name}`", 1)[1].split("#", 1)[0]
        documented = re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.M)
        assert documented == spec.schema.names, name


def test_the_documented_duckdb_queries_run_on_a_crawl(crawled):
    out, *_ = crawled
    sql = DOC.read_text(encoding="utf-8").split("```sql", 1)[1].split("```", 1)[0]
    sql = sql.replace("'output/parquet/", f"'{out}/parquet/")
    statements = [s.strip() for s in sql.split(";") if s.strip()]  # comments run as part of statements
    con = duckdb.connect()
    results = [con.execute(s).fetchall() for s in statements]
    assert con.execute("SELECT current_setting('TimeZone')").fetchone()[0] == "UTC"
    per_day, first, back_to_warc = results[-3:]
    assert sum(r[2] for r in per_day) == 12
    assert first and all(r[3] >= 1 for r in first)
    # the third query filters on the last 7 days: run it without that filter to see it joins
    joined = con.execute(statements[-1].split("WHERE")[0]).fetchall()
    assert joined and all(r[3] and r[5] > 0 for r in joined)
    assert isinstance(back_to_warc, list)
