"""ReplayDownloadHandler and ReplayAddon on their own (the crawl tests run them in scrapy)."""

from __future__ import annotations

import asyncio
import gzip
import os

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler.replay import ReplayAddon, ReplayDownloadHandler, ReplayMiss, ReplayReadError, WarcIndex
from crawler.worker_pool import MAX_DEFAULT_WORKERS
from tests.support.replay_warc import ArchiveBuilder

HTML = b"<html><body><p>hello</p></body></html>"


@pytest.fixture
def handler(tmp_path):
    with ArchiveBuilder(tmp_path / "a.warc.gz") as warc:
        warc.page("https://example.org/gz", HTML, gzip_body=True)
        # A writer that stored the decoded body but kept the gzip header.
        warc.response("https://example.org/mislabelled", HTML,
                      headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
    crawler = get_crawler(settings_dict={"REPLAY_WARC_FILES": [str(tmp_path / "a.warc.gz")]})
    return ReplayDownloadHandler.from_crawler(crawler)


def fetch(handler, url):
    return asyncio.run(handler.download_request(Request(url)))


def test_hit_returns_the_wire_response_and_points_at_its_record(handler):
    request = Request("https://example.org/gz")
    response = asyncio.run(handler.download_request(request))
    assert response.status == 200
    assert response.headers.get("Content-Encoding") == b"gzip"  # decoded later by HttpCompressionMiddleware
    assert gzip.decompress(response.body) == HTML
    assert "replay" in response.flags
    assert request.meta["replay"]["warc_filename"] == "a.warc.gz"
    assert request.meta["replay"]["warc_length"] > 0
    assert request.meta["fetched_at"].isoformat().startswith("2024-08-08T09:30")
    assert handler.stats.get_value("replay/hit") == 1
    assert handler.stats.get_value("replay/index/urls") == 2


def test_miss_raises_and_is_counted(handler):
    with pytest.raises(ReplayMiss, match="https://example.org/absent"):
        fetch(handler, "https://example.org/absent")
    assert handler.stats.get_value("replay/miss") == 1


def test_missing_robots_txt_means_allowed(handler):
    response = fetch(handler, "https://example.org/robots.txt")
    assert response.status == 404 and response.body == b""
    assert handler.stats.get_value("replay/miss/robots_txt") == 1
    assert handler.stats.get_value("replay/miss") is None


def test_body_mislabelled_as_gzip_is_served_plain(handler):
    response = fetch(handler, "https://example.org/mislabelled")
    assert isinstance(response, HtmlResponse)
    assert response.body == HTML
    assert b"Content-Encoding" not in response.headers
    assert handler.stats.get_value("replay/content_encoding_mismatch") == 1


def test_addon_replaces_network_handlers_and_delays_only_when_configured(tmp_path):
    settings = Settings({"DOWNLOAD_DELAY": 1.0, "DOWNLOAD_HANDLERS": {"https": "some.browser.Handler"}}, priority="project")
    ReplayAddon().update_settings(settings)
    assert settings.getdict("DOWNLOAD_HANDLERS") == {"https": "some.browser.Handler"}  # no archive: live crawl

    (tmp_path / "a.warc.gz").write_bytes(b"")
    settings.set("REPLAY_WARC_FILES", str(tmp_path / "a.warc.gz"), priority="cmdline")
    settings.set("AUTOTHROTTLE_ENABLED", True, priority="cmdline")  # an explicit -s wins
    ReplayAddon().update_settings(settings)
    handlers = settings.getdict("DOWNLOAD_HANDLERS")
    assert handlers["http"] == handlers["https"] == "crawler.replay.handler.ReplayDownloadHandler"
    assert settings.getfloat("DOWNLOAD_DELAY") == 0
    assert settings.getbool("INCREMENTAL_ENABLED", True) is False
    assert settings.getbool("AUTOTHROTTLE_ENABLED") is True
    # CPU-bound: the spare cores get worker processes, unless -s says otherwise.
    assert settings.getint("WORKER_PROCESSES") == max(0, min(len(os.sched_getaffinity(0)) - 1, MAX_DEFAULT_WORKERS))
    settings.set("WORKER_PROCESSES", 0, priority="cmdline")
    ReplayAddon().update_settings(settings)
    assert settings.getint("WORKER_PROCESSES") == 0


def test_damaged_archive_loses_only_the_damaged_records(tmp_path):
    path = tmp_path / "a.warc.gz"
    with ArchiveBuilder(path) as warc:
        warc.page("https://example.org/1", HTML)
        warc.page("https://example.org/2", HTML * 20)
        warc.page("https://example.org/3", HTML)
    crawler = get_crawler(settings_dict={"REPLAY_WARC_FILES": [str(path)]})
    handler = ReplayDownloadHandler.from_crawler(crawler)
    # Damage record 2 after indexing (a disk error, a half-copied file).
    location = handler.index.locate("https://example.org/2")
    data = bytearray(path.read_bytes())
    # Zeros right after the 10-byte gzip header: the first deflate block then claims to be a
    # stored block whose length check fails, so decompression errors out on every run (zeros
    # further in can, by chance, still inflate).
    data[location.offset + 10: location.offset + 60] = b"\x00" * 50
    path.write_bytes(bytes(data))
    with pytest.raises(ReplayReadError):
        fetch(handler, "https://example.org/2")
    assert sum(v for k, v in handler.stats.get_stats().items() if k.startswith("replay/read_error/")) == 1
    assert fetch(handler, "https://example.org/3").body == HTML  # the rest is still served

    # A file cut anywhere (warcio itself raises on some cuts): what comes before is indexed.
    for cut in range(location.offset + 1, len(data), 29):
        path.write_bytes(bytes(data[:cut]))
        assert "https://example.org/1" in WarcIndex([path])
