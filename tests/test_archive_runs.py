"""Archive behaviour across runs: revisits, rotation, HTTP-cache hits, a SIGKILLed crawl."""

from __future__ import annotations

import gzip
import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from crawler.archive.validation import check_warcs
from tests.support.crawl import crawl_stats, feed_items, run_scrapy, start_scrapy
from tests.support.servers import LocalSite, Route
from tests.support.warc_records import read_all, read_warc, sha1_b32
from tests.support.talks_pages import EN_PARAGRAPHS, article_html


# These tests re-fetch pages on purpose and judge the archive, not crawl health:
# the incremental layer would skip the re-fetch, dedup would drop the re-fetched
# items, and monitors would judge the run.
ARCHIVE_ONLY = {"INCREMENTAL_ENABLED": "False", "DEDUP_REFETCHES": "keep", "SPIDERMON_ENABLED": "False"}


def crawl_urls(out: Path, urls: list[str], **settings) -> subprocess.CompletedProcess:
    url_file = out / f"urls-{time.monotonic_ns()}.txt"
    url_file.write_text("\n".join(urls) + "\n")
    return run_scrapy(["crawl", "urls", "-a", f"urls={url_file}"],
                      settings={"OUTPUT_DIR": str(out), **ARCHIVE_ONLY, **{k: str(v) for k, v in settings.items()}})


def file_hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.warc.gz*")
            if not p.name.endswith(".cdxj")}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """The same pages crawled twice into one OUTPUT_DIR; run 1 rotates files at ~2 kB."""
    out = tmp_path_factory.mktemp("archive_runs")
    mtimes = iter(range(1_000_000, 2_000_000, 1000))

    def regzipped(handler):
        # Same HTML, gzipped with a new mtime on each request, as many servers do.
        body = gzip.compress(article_html("Talks page gzipped on the fly", EN_PARAGRAPHS).encode(),
                             mtime=next(mtimes))
        return Route(body=body, headers=[("Content-Encoding", "gzip")])

    with LocalSite() as site:
        site.add("robots.txt", "User-agent: *\nAllow: /\n", headers=[("Content-Type", "text/plain")])
        for n in range(4):
            site.add(f"same-{n}.html", article_html(f"Unchanged talks page {n}", EN_PARAGRAPHS), gzip=True)
        site.routes["/regzipped.html"] = Route(dynamic=regzipped)
        urls = [site.url(f"same-{n}.html") for n in range(4)] + [site.url("regzipped.html")]
        first = crawl_urls(out, urls, WARC_MAX_SIZE=2000, CONCURRENT_REQUESTS=1)
        first_files = file_hashes(out / "warc")
        first_records = read_all(out / "warc")
        first_items = feed_items(out)
        second = crawl_urls(out, urls)
        yield {"out": out, "site": site, "first": first, "second": second, "first_files": first_files,
               "first_records": first_records, "first_items": first_items}


def test_rotation_by_size_gives_several_closed_indexed_files(two_runs):
    names = sorted(two_runs["first_files"])
    assert len(names) >= 3, names
    assert all(n.endswith(".warc.gz") for n in names), "every file is closed (renamed) at the end"
    for name in names:
        records = read_warc(two_runs["out"] / "warc" / name)
        assert records[0].type == "warcinfo"
        assert Path(str(two_runs["out"] / "warc" / name) + ".cdxj").exists()
        pairs = [r for r in records if r.type in ("response", "request")]
        assert len(pairs) % 2 == 0, "a request/response pair never straddles two files"
    assert check_warcs(sorted((two_runs["out"] / "warc").glob("*.warc.gz"))) == []


def test_second_run_writes_new_files_and_leaves_the_first_untouched(two_runs):
    now = file_hashes(two_runs["out"] / "warc")
    for name, digest in two_runs["first_files"].items():
        assert now[name] == digest
    assert len(now) > len(two_runs["first_files"])


def test_unchanged_page_becomes_a_revisit_of_the_first_capture(two_runs):
    first = {r.headers["WARC-Target-URI"]: r for r in two_runs["first_records"] if r.type == "response"}
    new_names = set(file_hashes(two_runs["out"] / "warc")) - set(two_runs["first_files"])
    second = [r for name in sorted(new_names) for r in read_warc(two_runs["out"] / "warc" / name)]
    revisits = {r.headers["WARC-Target-URI"]: r for r in second if r.type == "revisit"}
    site = two_runs["site"]
    for n in range(4):
        url = site.url(f"same-{n}.html")
        revisit, original = revisits[url], first[url]
        assert revisit.headers["WARC-Profile"].endswith("/revisit/identical-payload-digest")
        assert revisit.headers["WARC-Payload-Digest"] == original.headers["WARC-Payload-Digest"]
        assert revisit.headers["WARC-Refers-To"] == original.id
        assert revisit.headers["WARC-Refers-To-Target-URI"] == url
        assert revisit.headers["WARC-Refers-To-Date"] == original.headers["WARC-Date"]
        assert revisit.payload == b"" and revisit.http_head.startswith(b"HTTP/1.1 200 OK")
        request = next(r for r in second if r.type == "request" and r.headers["WARC-Concurrent-To"] == revisit.id)
        assert request.headers["WARC-Target-URI"] == url
    assert "'warc/records/revisit': 5" in crawl_stats(two_runs["second"].stderr)  # 4 pages + robots.txt


def test_same_html_with_new_gzip_bytes_is_archived_again(two_runs):
    # "Unchanged" means identical payload bytes: a new gzip mtime is a new payload.
    url = two_runs["site"].url("regzipped.html")
    responses = [r for r in read_all(two_runs["out"] / "warc") if r.type == "response"
                 and r.headers["WARC-Target-URI"] == url]
    assert len(responses) == 2
    assert responses[0].headers["WARC-Payload-Digest"] != responses[1].headers["WARC-Payload-Digest"]
    assert gzip.decompress(responses[0].payload) == gzip.decompress(responses[1].payload)


def test_items_of_the_second_run_point_to_their_revisit(two_runs):
    records = {r.id: r for r in read_all(two_runs["out"] / "warc")}
    second_items = [i for i in feed_items(two_runs["out"]) if i not in two_runs["first_items"]]
    assert len(second_items) == 5
    types = sorted(records[i["warc_record_id"]].type for i in second_items)
    assert types == ["response"] + ["revisit"] * 4


def test_http_cache_hits_are_counted_not_archived(tmp_path):
    with LocalSite() as site:
        url = site.add("cached.html", article_html("Cached talks page", EN_PARAGRAPHS))
        cache = {"HTTPCACHE_ENABLED": True, "HTTPCACHE_DIR": str(tmp_path / "cache"), "ROBOTSTXT_OBEY": False}
        crawl_urls(tmp_path, [url], **cache)
        before = set(file_hashes(tmp_path / "warc"))
        second = crawl_urls(tmp_path, [url], **cache)
    stats = crawl_stats(second.stderr)
    assert "'warc/not_archived/http_cache_hit': 1" in stats
    assert "HTTP cache are not archived" in second.stderr
    new = [r for name in set(file_hashes(tmp_path / "warc")) - before for r in read_warc(tmp_path / "warc" / name)]
    assert [r.type for r in new if r.type in ("response", "revisit", "request")] == []
    assert [i.get("warc_record_id") for i in feed_items(tmp_path)][-1] is None


def test_sigkilled_crawl_leaves_readable_records_and_next_run_starts_fresh(tmp_path):
    release = {"hang": True}

    def hang(handler):
        while release["hang"]:
            time.sleep(0.05)
        return Route(body=b"late")

    with LocalSite() as site:
        fast = [site.add(f"fast-{n}.html", article_html(f"Fast talks page {n}", EN_PARAGRAPHS), gzip=True)
                for n in range(3)]
        site.routes["/hang.html"] = Route(dynamic=hang)
        url_file = tmp_path / "urls.txt"
        url_file.write_text("\n".join(fast + [site.url("hang.html")]) + "\n")
        log = open(tmp_path / "crawl.log", "w")
        proc = start_scrapy(["crawl", "urls", "-a", f"urls={url_file}"],
                            {**ARCHIVE_ONLY, "OUTPUT_DIR": str(tmp_path), "ROBOTSTXT_OBEY": "False"},
                            stdout=log, stderr=log)
        try:
            deadline = time.time() + 60
            while time.time() < deadline:
                if proc.poll() is not None:
                    pytest.fail("crawl ended before the kill:\n" + (tmp_path / "crawl.log").read_text()[-4000:])
                opened = list((tmp_path / "warc").glob("*.open")) if (tmp_path / "warc").exists() else []
                if opened and sum(r.type == "metadata" for r in read_warc(opened[0])) == 3:
                    break
                time.sleep(0.1)
            else:
                pytest.fail("the crawl never archived the three fast pages:\n"
                            + (tmp_path / "crawl.log").read_text()[-4000:])
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            release["hang"] = False
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
            log.close()
        (left_open,) = (tmp_path / "warc").glob("*.open")
        kept = left_open.read_bytes()
        records = read_warc(left_open)
        assert records[0].type == "warcinfo"
        assert sum(r.type == "response" for r in records) == 3
        for record in records:
            assert record.headers["WARC-Block-Digest"] == sha1_b32(record.http_head + record.payload)
        assert check_warcs([left_open]) == []

        after = crawl_urls(tmp_path, fast[:1], ROBOTSTXT_OBEY=False)
    # The next run closes the file at its last whole record (the writer's process is
    # gone) and never appends to it; its own records go to a new file.
    repaired = left_open.with_name(left_open.name.removesuffix(".open"))
    assert not left_open.exists() and repaired.read_bytes() == kept
    assert "'warc/open_files_left_by_earlier_runs': 1" in crawl_stats(after.stderr)
    assert "'warc/open_files_closed': 1" in crawl_stats(after.stderr)
    closed = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(closed) == 2 and all(read_warc(path)[0].type == "warcinfo" for path in closed)


def test_a_file_left_open_is_cut_at_its_last_whole_record_only_when_its_writer_is_gone(tmp_path):
    from crawler.archive.records import RecordFactory
    from crawler.archive.writer import RotatingWarcWriter, close_left_open, writer_is_gone

    writer = RotatingWarcWriter(tmp_path, prefix="T", max_size=10**9, warcinfo={"software": "test"})
    factory = RecordFactory()
    writer.write(factory.warcinfo_record("x", {"n": "1"}), factory.warcinfo_record("x", {"n": "2"}))
    (path,) = tmp_path.glob("*.open")
    whole = path.read_bytes()
    assert not writer_is_gone(path), "this process is alive: its open file is never touched"
    writer._file.close()
    dead = path.with_name(path.name.replace(f"-{os.getpid()}-", "-999999999-"))
    dead.write_bytes(whole + gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" * 50)[:70])  # torn record
    other_host = dead.with_name(dead.name.replace("-999999999-", "-999999999-elsewhere."))
    other_host.write_bytes(whole)
    assert writer_is_gone(dead) and not writer_is_gone(other_host)
    closed = close_left_open(dead)
    assert closed.name == dead.name.removesuffix(".open") and closed.read_bytes() == whole
    assert len(read_warc(closed)) == 3 and check_warcs([closed]) == []
    torn_warcinfo = tmp_path / dead.name
    torn_warcinfo.write_bytes(whole[:40])
    assert close_left_open(torn_warcinfo) is None and not torn_warcinfo.exists()


def test_replay_setting_re_extracts_from_these_archives_offline(two_runs, tmp_path):
    # crawler.replay (the outlet spiders' offline mode) reads our WARCs, revisits included;
    # re-extracted items point back to the archived record they came from.
    urls = [two_runs["site"].url(f"same-{n}.html") for n in range(4)]
    crawl_urls(tmp_path, urls, REPLAY_WARC_FILES=str(two_runs["out"] / "warc"), REPLAY_CAPTURE="latest")
    items = {i["url"]: i for i in feed_items(tmp_path)}
    records = {r.id: r for r in read_all(two_runs["out"] / "warc")}
    assert set(items) == set(urls)
    for n, url in enumerate(urls):
        assert items[url]["headline"] == f"Unchanged talks page {n}"
        assert records[items[url]["warc_record_id"]].headers["WARC-Target-URI"] == url
    new_records = read_all(tmp_path / "warc")
    assert not [r for r in new_records if r.type in ("response", "revisit")], "replayed pages are not re-archived"
    # Their metadata records refer to the older archive: checked together, every link resolves.
    assert len([r for r in new_records if r.type == "metadata"]) == 4
    assert check_warcs(sorted((tmp_path / "warc").glob("*.warc.gz"))) == []
    assert check_warcs(sorted((tmp_path / "warc").glob("*.warc.gz"))
                       + sorted((two_runs["out"] / "warc").glob("*.warc.gz"))) == []
