"""Datasets written by real crawls of a loopback site, read back with pyarrow AND DuckDB.

Two runs of ``scrapy crawl urls``: the second re-fetches the first run's pages
(with dedup told to keep re-fetches, so the datasets' own key check is what
prevents duplicate rows) and adds new pages under another outlet.
"""

from __future__ import annotations

import json
from datetime import datetime

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from crawler import ids
from crawler.datasets import analysis
from crawler.datasets.files import parquet_files
from crawler.datasets.read import duckdb_connect, open_dataset
from crawler.datasets.schemas import METADATA_VERSION_KEY, SCHEMA_VERSION
from tests.support.datasets_site import crawled  # noqa: F401  (the two crawls, run once per session)


def test_articles_rows_ids_types_and_partitions(crawled):
    out, items, runs, urls = crawled
    assert runs[0] == 6 and runs[1] == 6 + 12, runs  # every page reached the feed in both runs
    table = open_dataset(out, "articles").to_table()
    # One row per article version: the 6 re-fetched pages were not written twice.
    assert table.num_rows == len(urls) == 12
    rows = table.to_pylist()
    assert len({r["version_id"] for r in rows}) == 12
    for r in rows:
        assert r["article_id"] == ids.article_id(r["canonical_url"])
        assert r["published"].tzinfo is not None and r["published_month"] == r["published"].strftime("%Y-%m")
        assert r["published_date"] == r["published"].date()
    first_ids = {ids.article_id(i["canonical_url"]) for i in items[:6]}
    outlets = {r["article_id"]: r["outlet"] for r in rows}
    assert {outlets[a] for a in first_ids} == {"youm7"}  # first writer wins; re-fetch did not move it
    assert set(outlets.values()) == {"youm7", "cairo24"}
    # types as declared, and hive folders on disk
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("authors").type == pa.list_(pa.string())
    assert pa.types.is_dictionary(table.schema.field("outlet").type)
    folders = {p.parent.relative_to(out / "parquet" / "articles").as_posix()
               for p in parquet_files(out / "parquet" / "articles")}
    assert folders == {f"month={r['month']}" for r in rows}
    assert all(r["month"] == r["published_month"] for r in rows)  # every page here is dated
    for path in parquet_files(out / "parquet"):
        meta = pq.read_schema(path).metadata
        assert meta[METADATA_VERSION_KEY].decode() == SCHEMA_VERSION
        assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"
    assert not list((out / "parquet").rglob("*.tmp"))


def test_duckdb_reads_the_same_rows_and_types(crawled):
    out, items, runs, urls = crawled
    con = duckdb_connect(out)
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE articles)").fetchall())
    assert types["published"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == "VARCHAR[]"
    assert types["provenance_json"] == "VARCHAR"
    assert types["published_date"] == "DATE"
    assert con.execute("SELECT count(*), count(DISTINCT version_id) FROM articles").fetchone() == (12, 12)
    # a hive filter prunes by folder and still finds the rows
    n = con.execute("SELECT count(*) FROM articles WHERE outlet = 'cairo24'").fetchone()[0]
    assert n == open_dataset(out, "articles").count_rows(filter=ds.field("outlet") == "cairo24") == 6
    # articles per outlet per day: DuckDB equals a count done in Python from pyarrow rows
    got = {(o, d): c for o, d, c in con.execute(analysis.ARTICLES_PER_OUTLET_PER_DAY).fetchall()}
    expected: dict = {}
    for r in open_dataset(out, "articles").to_table(columns=["outlet", "published_date"]).to_pylist():
        expected[(r["outlet"], r["published_date"])] = expected.get((r["outlet"], r["published_date"]), 0) + 1
    assert got == expected


def test_claims_rows_carry_article_ids_and_join_back_to_the_warc(crawled):
    out, items, runs, urls = crawled
    claims = open_dataset(out, "claims").to_table().to_pylist()
    articles = {r["version_id"]: r for r in open_dataset(out, "articles").to_table().to_pylist()}
    # claims of the first feed occurrence of each page (re-fetches add none)
    seen, expected = set(), 0
    for item in items:
        if item["url"] not in seen:
            seen.add(item["url"])
            expected += len(item.get("claims") or [])
    assert expected > 100 and len(claims) == expected
    assert len({c["claim_id"] for c in claims}) == len(claims)
    for c in claims:
        article = articles[c["version_id"]]
        assert (c["article_id"], c["outlet"], c["published"]) == (
            article["article_id"], article["outlet"], article["published"])
        assert c["claim_id"] == ids.claim_id(c["version_id"], c["paragraph"], c["char_start"], c["char_end"])
    con = duckdb_connect(out)
    # claims per actor per week, DuckDB vs Python
    weekly = con.execute(analysis.CLAIMS_PER_ACTOR_PER_WEEK).fetchall()
    assert sum(n for _, _, n in weekly) == len(claims)
    assert {a for a, _, _ in weekly} == {c["actor"] or "unknown" for c in claims}
    # from a claim back to the archived response: every claim reaches a capture of its page
    joined = con.execute(analysis.CLAIM_TO_CAPTURE).fetchall()
    assert len(joined) == len(claims)
    assert all(row[4] and row[7] and row[9] == 200 for row in joined)
    warc_dir = out / "warc"
    assert all((warc_dir / row[4]).exists() for row in joined)


def test_captures_and_crawls_account_for_every_exchange(crawled):
    out, items, runs, urls = crawled
    con = duckdb_connect(out)
    crawls = con.execute("SELECT crawl_id, spiders, responses, items, articles_written, captures_written, "
                         "outcome, settings_json, errors, fetch_failures, extraction_failures, stats_json "
                         "FROM crawls ORDER BY started_at").fetchall()
    assert len(crawls) == 2 and crawls[0][0] != crawls[1][0]
    assert [c[1] for c in crawls] == [["urls"], ["urls"]]
    assert [c[3] for c in crawls] == [6, 12]
    assert [c[4] for c in crawls] == [6, 6]  # the second run added only the 6 new versions
    for c in crawls:  # the outcome follows the run's own counters
        assert c[6] == ("ok" if c[8] == c[9] == c[10] == 0 else "partial")
        assert json.loads(c[11])["item_scraped_count"] == c[3]
    assert json.loads(crawls[0][7])["OUTPUT_DIR"] == str(out)
    for crawl_id, _, responses, _, _, captures_written, *_ in crawls:
        ok, failed = con.execute("SELECT count(status), count(*) - count(status) FROM captures WHERE crawl_id = ?",
                                 [crawl_id]).fetchone()
        assert ok == responses  # one capture per HTTP exchange (robots.txt included)
        assert ok + failed == captures_written
    # the dead URL of run 1: a failed capture, no status, the reason kept
    dead = con.execute("SELECT DISTINCT crawl_id, error FROM captures WHERE status IS NULL").fetchall()
    assert [d[0] for d in dead] == [crawls[0][0]] and "Connection" in dead[0][1]
    assert crawls[0][9] >= 1 and crawls[0][6] == "partial"  # the run says it lost a fetch
    # every article row comes from a crawl that is in the crawls dataset
    orphans = con.execute("SELECT count(*) FROM articles WHERE crawl_id NOT IN (SELECT crawl_id FROM crawls)")
    assert orphans.fetchone()[0] == 0
    fetched = con.execute("SELECT min(fetch_date), max(fetch_date) FROM captures").fetchone()
    assert fetched[0] <= datetime.now().date() and isinstance(fetched[1], type(fetched[0]))


def test_first_outlet_to_report_a_claim(crawled):
    out, *_ = crawled
    con = duckdb_connect(out)
    got = {r[0]: (r[1], r[3]) for r in con.execute(analysis.FIRST_REPORTER_PER_CLAIM).fetchall()}
    # the same computed with pyarrow alone
    clusters: dict = {}
    for c in open_dataset(out, "claims").to_table(columns=["cluster_id", "outlet", "published"]).to_pylist():
        clusters.setdefault(c["cluster_id"], []).append(c)
    expected = {cid: (min(rows, key=lambda r: (r["published"], r["outlet"]))["outlet"],
                      len({r["outlet"] for r in rows})) for cid, rows in clusters.items()}
    assert got == expected
    assert any(n > 1 for _, n in got.values())  # the syndicated pair gives shared clusters
