"""WarcIndex: URL lookup and record reading, on WARC files written with warcio."""

from __future__ import annotations

import gzip
import os
from datetime import datetime, timezone

import pytest

from crawler.replay import WarcIndex, resolve_warc_files
from crawler.replay.index import RevisitOriginalMissing
from tests.support.replay_warc import ArchiveBuilder

HTML = "<html><body><p>محادثات القاهرة</p></body></html>".encode("utf-8")


def day(n: int) -> datetime:
    return datetime(2024, 5, n, 12, tzinfo=timezone.utc)


def header(response, name):
    return [v for k, v in response.headers if k.lower() == name.lower()]


@pytest.mark.parametrize("gzip_records", [True, False])
def test_body_keeps_content_encoding_like_the_wire(tmp_path, gzip_records):
    path = tmp_path / ("a.warc.gz" if gzip_records else "a.warc")
    with ArchiveBuilder(path, gzip_records=gzip_records) as warc:
        warc.page("https://example.org/a", HTML, gzip_body=True)
        warc.page("https://example.org/b", HTML * 50, chunked_body=True)
    index = WarcIndex([path])
    a = index.get("https://example.org/a")
    assert header(a, "Content-Encoding") == ["gzip"]
    assert gzip.decompress(a.body) == HTML
    b = index.get("https://example.org/b")
    assert b.body == HTML * 50  # chunk sizes removed
    assert header(b, "Transfer-Encoding") == []


def test_lookup_ignores_query_order_escaping_and_fragment(tmp_path):
    with ArchiveBuilder(tmp_path / "a.warc.gz") as warc:
        warc.page("https://example.org/story/غزة?b=2&a=1", HTML)
    index = WarcIndex([tmp_path / "a.warc.gz"])
    assert index.get("https://example.org/story/%D8%BA%D8%B2%D8%A9?a=1&b=2#top") is not None
    assert index.get("https://example.org/story/other") is None
    # the crawler's one URL identity is a SURT, as in CDXJ keys: the scheme is not part of it
    assert index.get("http://example.org/story/غزة?b=2&a=1") is not None


def test_latest_capture_wins_unless_earliest_asked(tmp_path):
    with ArchiveBuilder(tmp_path / "a.warc.gz") as warc:
        warc.page("https://example.org/a", b"<p>second</p>", date=day(2))
        warc.page("https://example.org/a", b"<p>first</p>", date=day(1))
        warc.page("https://example.org/a", b"<p>third</p>", date=day(3))
    assert WarcIndex([tmp_path / "a.warc.gz"]).get("https://example.org/a").body == b"<p>third</p>"
    assert WarcIndex([tmp_path / "a.warc.gz"], prefer="earliest").get("https://example.org/a").body == b"<p>first</p>"
    with pytest.raises(ValueError, match="REPLAY_CAPTURE"):
        WarcIndex([tmp_path / "a.warc.gz"], prefer="newest")


@pytest.mark.parametrize("with_http_headers", [True, False])
def test_revisit_is_served_with_the_original_payload(tmp_path, with_http_headers):
    with ArchiveBuilder(tmp_path / "a.warc.gz") as warc:
        original = warc.page("https://example.org/a", HTML, gzip_body=True, date=day(1))
        warc.revisit("https://example.org/a", original, date=day(2), with_http_headers=with_http_headers)
    served = WarcIndex([tmp_path / "a.warc.gz"]).get("https://example.org/a")
    assert served.from_revisit
    assert served.warc_date == day(2)
    assert served.status == 200
    assert gzip.decompress(served.body) == HTML
    assert header(served, "Content-Encoding") == ["gzip"]


def test_revisit_without_its_original_is_an_error_not_an_empty_page(tmp_path):
    with ArchiveBuilder(tmp_path / "old.warc.gz") as warc:
        original = warc.page("https://example.org/a", HTML, date=day(1))
    with ArchiveBuilder(tmp_path / "new.warc.gz") as warc:
        warc.revisit("https://example.org/a", original, date=day(2))
    with pytest.raises(RevisitOriginalMissing):
        WarcIndex([tmp_path / "new.warc.gz"]).get("https://example.org/a")
    # With both files named, the revisit finds its payload in the other file.
    both = WarcIndex(resolve_warc_files([str(tmp_path)]))
    assert both.get("https://example.org/a").body == HTML


def test_resolve_accepts_files_globs_and_folders_and_names_what_is_missing(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.warc.gz", "sub/b.warc", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in resolve_warc_files([str(tmp_path)])] == ["a.warc.gz", "b.warc"]
    assert [p.name for p in resolve_warc_files([str(tmp_path / "*.warc.gz"), str(tmp_path / "a.warc.gz")])] == ["a.warc.gz"]
    with pytest.raises(ValueError, match="missing.warc.gz"):
        resolve_warc_files([str(tmp_path / "a.warc.gz"), str(tmp_path / "missing.warc.gz")])


def test_request_and_metadata_records_are_not_served(tmp_path):
    with ArchiveBuilder(tmp_path / "a.warc.gz") as warc:
        warc.page("https://example.org/a", HTML)
    index = WarcIndex([tmp_path / "a.warc.gz"])
    assert index.records == 2  # response + request
    assert len(index) == 1


def test_cdxj_beside_the_warc_replaces_the_scan_and_gives_the_same_answers(tmp_path):
    from cdxj_indexer.main import CDXJIndexer

    path = tmp_path / "a.warc.gz"
    with ArchiveBuilder(path) as warc:
        original = warc.page("https://example.org/a?x=1", HTML, gzip_body=True, date=day(1))
        warc.revisit("https://example.org/b", original, date=day(2))
        warc.page("https://example.org/c", b"<p>c</p>", date=day(3))
    cdxj = tmp_path / "a.warc.gz.cdxj"
    # As crawler.archive writes them: response and revisit records, record id and exact date.
    CDXJIndexer(str(cdxj), [str(path)], sort=True, fields="warc-record-id,warc-date",
                records="response,revisit").process_all()
    scanned = WarcIndex([path], use_cdxj=False)
    indexed = WarcIndex([path])
    assert indexed.from_cdxj == [path] and scanned.from_cdxj == []
    for url in ("https://example.org/a?x=1", "https://example.org/b", "https://example.org/c"):
        a, b = scanned.get(url), indexed.get(url)
        assert (a.status, a.headers, a.body, a.warc_offset, a.warc_length, a.warc_record_id, a.warc_date) == \
            (b.status, b.headers, b.body, b.warc_offset, b.warc_length, b.warc_record_id, b.warc_date)
    assert indexed.get("https://example.org/b").from_revisit

    # A CDXJ that cannot be trusted is ignored: the WARC is scanned.
    cdxj.write_text("not a cdxj line\n", encoding="utf-8")
    assert WarcIndex([path]).from_cdxj == [] and len(WarcIndex([path])) == 3
    CDXJIndexer(str(cdxj), [str(path)], sort=True).process_all()
    os.utime(cdxj, (1, 1))  # older than the WARC: written before the WARC changed
    assert WarcIndex([path]).from_cdxj == []
