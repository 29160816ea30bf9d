"""`scrapy crawlall`: all outlet spiders in one process; unreachable outlets are reported
within seconds, the others finish, and the exit status is non-zero."""

from __future__ import annotations

import json
import socket
import time

from crawler.commands.crawlall import FAILED, OK, PARTIAL, UNREACHABLE, format_summary, outlet_summary
from tests.conftest import shared_path
from tests.support.crawl import feed_items, run_scrapy


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_outlets_fail_fast_and_the_others_finish(local_site, tmp_path):
    article = "/news/world/gaza-israel-ceasefire-negotiations-sinwar-1.7287711"
    local_site.add_file(article, shared_path("corpus", "raw", "cbc", "gaza-after-sinwar-2024-08-08.html"))
    local_site.add("/feed.xml", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
      <item><title>Gaza ceasefire talks</title><link>{local_site.url(article)}</link></item></channel></rss>""")
    endpoints = {
        "cbc": {"feeds": [local_site.url("/feed.xml")]},
        "bbc": {"feeds": ["http://feeds.cairo-talks-test.invalid/rss.xml"],
                "news_sitemaps": ["https://www.cairo-talks-test.invalid/news.xml"]},
        "guardian": {"news_sitemaps": [f"http://127.0.0.1:{closed_port()}/sitemaps/news.xml"]},
    }
    endpoints_file = tmp_path / "endpoints.json"
    endpoints_file.write_text(json.dumps(endpoints))
    summary_file = tmp_path / "summary.json"
    started = time.monotonic()
    proc = run_scrapy(["crawlall", "--outlets", "cbc,bbc,guardian", "--endpoints", str(endpoints_file),
                       "--summary", str(summary_file)],
                      settings={"OUTPUT_DIR": str(tmp_path / "out"), "RETRY_BACKOFF_BASE": "1"},
                      check=False, timeout=90)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert elapsed < 30, f"took {elapsed:.0f}s"
    summary = json.loads(summary_file.read_text())
    assert summary["cbc"]["status"] == OK
    assert summary["cbc"]["articles_extracted"] == 1
    assert summary["bbc"]["status"] == UNREACHABLE
    assert summary["guardian"]["status"] == UNREACHABLE
    assert summary["bbc"]["listings_failed"] == 2
    # The printed table names every outlet and the failed ones.
    assert "cbc" in proc.stdout and "unreachable" in proc.stdout
    assert "failed: bbc, guardian" in proc.stdout
    assert [item["outlet"] for item in feed_items(tmp_path / "out")] == ["cbc"]


def test_all_ok_exits_zero_and_bad_options_are_usage_errors(local_site, tmp_path):
    local_site.add("/feed.xml", """<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>""")
    endpoints_file = tmp_path / "endpoints.json"
    endpoints_file.write_text(json.dumps({"cbc": {"feeds": [local_site.url("/feed.xml")]}}))
    proc = run_scrapy(["crawlall", "--outlets", "cbc", "--endpoints", str(endpoints_file)],
                      settings={"OUTPUT_DIR": str(tmp_path)}, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "1 of 1 outlet(s) read their listings" in proc.stdout
    bad = run_scrapy(["crawlall", "--outlets", "nosuchoutlet"], check=False)
    assert bad.returncode != 0 and "unknown outlet" in (bad.stderr + bad.stdout)


def test_outlet_summary_states():
    assert outlet_summary({"discovery/listings_ok": 2})["status"] == OK
    assert outlet_summary({"discovery/listings_ok": 1, "discovery/failed/http_404": 1})["status"] == PARTIAL
    assert outlet_summary({"discovery/failed/CannotResolveHostError": 1, "discovery/unreachable": 1})["status"] == UNREACHABLE
    assert outlet_summary({"discovery/failed/http_403": 2})["status"] == FAILED
    assert outlet_summary({})["status"] == FAILED  # nothing read is a failure, never a silent success
    table = format_summary({"a": outlet_summary({"discovery/listings_ok": 1}), "b": outlet_summary({})})
    assert "1 of 2 outlet(s) read their listings; failed: b" in table
