"""`scrapy crawl urls` with REPLAY_WARC_FILES: real outlet URLs, no network, answers from a WARC."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from urllib.parse import unquote

import pytest

from tests.conftest import shared_path
from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.replay_warc import ArchiveBuilder
from tests.support.servers import LocalSite

CBC = "raw/cbc/gaza-after-sinwar-2024-08-08"
YOUM7 = "raw/youm7/irrigation-minister-2020-08-24"
# Run-health monitors would fail these runs (misses count as fetch failures);
# they are not what these tests are about.
QUIET = {"SPIDERMON_ENABLED": "False"}
CAPTURED = datetime(2024, 8, 8, 9, 30, tzinfo=timezone.utc)


def corpus_page(name: str) -> tuple[str, bytes, dict]:
    """(original URL, HTML bytes, expected fields) of a real page in ../shared/corpus."""
    expected = json.loads(shared_path("corpus", f"{name}.expected.json").read_text(encoding="utf-8"))
    index = json.loads(shared_path("corpus", "index.json").read_text(encoding="utf-8"))
    url = next(e["original_url"] for e in index if e["file"] == f"{name}.html")
    return url, shared_path("corpus", f"{name}.html").read_bytes(), expected


def stat(stats: str, name: str) -> int:
    match = re.search(rf"'{re.escape(name)}': (\d+)", stats)
    return int(match.group(1)) if match else 0


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    """One replay crawl shared by the assertions below (a scrapy process takes seconds)."""
    tmp = tmp_path_factory.mktemp("replay")
    cbc_url, cbc_html, cbc_expected = corpus_page(CBC)
    youm7_url, youm7_html, youm7_expected = corpus_page(YOUM7)
    youm7_short = "https://www.youm7.com/4943459"
    with ArchiveBuilder(tmp / "crawl.warc.gz") as warc:
        warc.document("https://www.cbc.ca/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        warc.page(cbc_url, cbc_html, gzip_body=True, date=CAPTURED)
        warc.page("https://www.cbc.ca/private/archived-but-disallowed", "<html><p>x</p></html>")
        # A redirect to an Arabic (non-ASCII) URL, the final page gzip'd and chunked.
        warc.redirect(youm7_short, youm7_url)
        warc.page(youm7_url, youm7_html, gzip_body=True, chunked_body=True)
    with LocalSite() as site:
        # Reachable and serving a page: a replay crawl must still not ask for it.
        loopback_url = site.add("live.html", "<html><h1>Live</h1><p>should never be fetched</p></html>")
        urls = tmp / "urls.txt"
        urls.write_text("\n".join([
            cbc_url, youm7_short, "https://www.cbc.ca/private/archived-but-disallowed",
            "https://www.reuters.com/world/middle-east/not-in-this-archive-2024-05-06/", loopback_url,
        ]) + "\n", encoding="utf-8")
        proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={
            "OUTPUT_DIR": tmp / "out", "REPLAY_WARC_FILES": tmp / "crawl.warc.gz", **QUIET})
        network_requests = list(site.requests)
    items = {unquote(item["url"]): item for item in feed_items(tmp / "out")}
    return {
        "items": items, "stats": crawl_stats(proc.stderr), "log": proc.stderr,
        "network_requests": network_requests, "loopback_url": loopback_url,
        "cbc": (cbc_url, cbc_expected), "youm7": (youm7_url, youm7_expected),
    }


def test_archived_pages_come_out_as_items_with_their_fields(replayed):
    cbc_url, expected = replayed["cbc"]
    item = replayed["items"][cbc_url]
    assert item["headline"] == expected["headline"]
    assert item["published"][:10] == expected["published"][:10]
    assert item["authors"] == expected["authors"]
    body = " ".join(item["body"].split())
    for snippet in expected["body_must_contain"]:
        assert " ".join(snippet.split())[:60] in body
    assert item["status"] == 200
    # When the page was really fetched: the WARC-Date, not the replay time.
    assert item["fetched_at"].startswith("2024-08-08T09:30")


def test_redirect_is_followed_inside_the_archive_and_chunking_and_gzip_are_undone(replayed):
    youm7_url, expected = replayed["youm7"]
    item = replayed["items"][youm7_url]
    assert item["published"][:10] == expected["published"]
    assert item["language"] == "ar"
    assert item["word_count"] > 40
    assert stat(replayed["stats"], "downloader/response_status_count/301") == 1


def test_missing_urls_are_counted_and_logged_never_fetched(replayed):
    stats = replayed["stats"]
    assert stat(stats, "replay/miss") == 2
    assert stat(stats, "fetch/failed/ReplayMiss") == 2
    assert "Replay miss (not in the archive, not fetched): https://www.reuters.com/" in replayed["log"]
    assert replayed["loopback_url"] in replayed["log"]
    # The loopback server was up and would have answered: it saw nothing.
    assert replayed["network_requests"] == []
    assert len(replayed["items"]) == 2


def test_archived_robots_txt_is_obeyed_and_missing_ones_allow(replayed):
    stats = replayed["stats"]
    assert stat(stats, "robotstxt/forbidden") == 1
    assert "https://www.cbc.ca/private/archived-but-disallowed" not in replayed["items"]
    # youm7, reuters and the loopback host have no robots.txt in the archive.
    assert stat(stats, "replay/miss/robots_txt") == 3
    assert stat(stats, "replay/hit") == 4  # cbc robots.txt, cbc page, youm7 redirect and page
    assert stat(stats, "replay/index/urls") == 5


def test_a_missing_archive_file_stops_the_crawl_with_its_name(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("https://www.cbc.ca/news\n", encoding="utf-8")
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], check=False, settings={
        "OUTPUT_DIR": tmp_path / "out", "REPLAY_WARC_FILES": tmp_path / "nowhere.warc.gz", **QUIET})
    assert proc.returncode != 0
    assert "REPLAY_WARC_FILES: no WARC file found at" in proc.stderr
    assert "nowhere.warc.gz" in proc.stderr


def test_replayed_items_equal_live_items_for_the_same_exchange(tmp_path):
    """Same bytes on the wire (gzip) live and in the archive -> same item, field for field."""
    cbc_url, cbc_html, _ = corpus_page(CBC)
    path = "news/world/gaza-israel-ceasefire-negotiations-sinwar-1.7287711"
    urls = tmp_path / "urls.txt"
    with LocalSite() as site:
        url = site.add(path, cbc_html, gzip=True)
        urls.write_text(url + "\n", encoding="utf-8")
        run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={"OUTPUT_DIR": tmp_path / "live", **QUIET})
    # The server is gone now: the replay can only use the archive.
    with ArchiveBuilder(tmp_path / "a.warc.gz") as warc:
        warc.page(url, cbc_html, gzip_body=True)
    run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={
        "OUTPUT_DIR": tmp_path / "replay", "REPLAY_WARC_FILES": tmp_path / "a.warc.gz", **QUIET})
    live, replay = feed_items(tmp_path / "live"), feed_items(tmp_path / "replay")
    assert len(live) == len(replay) == 1
    # The replayed item points at the record it came from, the live one at the new capture.
    assert replay[0]["warc_filename"] == "a.warc.gz" and replay[0]["warc_length"] > 0
    run_specific = {"fetched_at", "warc_filename", "warc_offset", "warc_length", "warc_record_id"}
    assert {k: v for k, v in replay[0].items() if k not in run_specific} == \
        {k: v for k, v in live[0].items() if k not in run_specific}
