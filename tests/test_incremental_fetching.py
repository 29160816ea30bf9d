"""Incremental fetching (crawler/incremental): the fetch state's policy, and real
repeated crawls of a loopback site that honours conditional requests."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from tests.conftest import FIXTURES
from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.servers import Route

from crawler.incremental import Decision, FetchState

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
URL = "https://www.example.org/news/1?b=2&a=1"


def make_state(tmp_path, recheck_days=7):
    return FetchState(tmp_path / "fetches.sqlite", skip_window=timedelta(hours=6),
                      recheck_window=timedelta(days=recheck_days) if recheck_days else None)


def test_policy_new_recent_conditional_settled_lastmod_force(tmp_path):
    state = make_state(tmp_path)
    assert state.decide(URL, now=T0) is Decision.FETCH
    state.record(URL, status=200, etag='"v1"', last_modified="Sun, 01 Mar 2026 11:00:00 GMT", when=T0)
    # Pending until the run closes cleanly: a crash must not make the next run skip it.
    assert state.decide(URL, now=T0 + timedelta(hours=1)) is Decision.FETCH
    assert state.commit() == 1 and len(state) == 1

    assert state.decide(URL, now=T0 + timedelta(hours=1)) is Decision.SKIP_RECENT
    # Same page, parameters reordered and a fragment: the same key.
    assert state.decide("https://www.example.org/news/1?a=1&b=2#top", now=T0 + timedelta(hours=1)) is Decision.SKIP_RECENT
    assert state.decide(URL, now=T0 + timedelta(hours=7)) is Decision.CONDITIONAL
    assert state.decide(URL, now=T0 + timedelta(days=8)) is Decision.SKIP_SETTLED
    # A listing's lastmod wins both ways, in ISO 8601 or RFC 822.
    assert state.decide(URL, now=T0 + timedelta(days=8), lastmod="2026-03-05T10:00:00Z") is Decision.CONDITIONAL
    assert state.decide(URL, now=T0 + timedelta(hours=7), lastmod="Sun, 01 Mar 2026 10:00:00 GMT") is Decision.SKIP_LASTMOD
    assert state.decide(URL, now=T0 + timedelta(hours=1), force=True) is Decision.FETCH
    assert make_state(tmp_path, recheck_days=0).decide(URL, now=T0 + timedelta(days=400)) is Decision.CONDITIONAL

    # A 304 later refreshes fetched_at, keeps the validators it did not repeat, keeps first_fetched_at.
    state.record(URL, status=304, etag=None, last_modified=None, when=T0 + timedelta(days=2))
    state.commit()
    record = state.get(URL)
    assert record.etag == '"v1"' and record.status == 304
    assert record.first_fetched_at == T0 and record.fetched_at == T0 + timedelta(days=2)


def test_pending_fetches_of_a_crashed_run_are_not_trusted(tmp_path):
    state = make_state(tmp_path)
    state.record(URL, status=200, etag=None, last_modified=None, when=datetime.now(timezone.utc))
    state.db.close()  # the process dies before the run closed

    reopened = make_state(tmp_path)
    assert reopened.unconfirmed_elsewhere == 1
    assert reopened.decide(URL) is Decision.FETCH
    assert reopened.commit() == 0  # a run confirms only its own fetches


def test_spiders_sharing_the_state_confirm_only_their_own_fetches(tmp_path):
    # `scrapy crawlall` runs many spiders at once on one state file.
    first, second = make_state(tmp_path), make_state(tmp_path)
    first.record("https://a.example/1", status=200, etag=None, last_modified=None, when=T0)
    second.record("https://b.example/2", status=200, etag=None, last_modified=None, when=T0)
    assert first.commit() == 1
    assert first.get("https://a.example/1") is not None and first.get("https://b.example/2") is None
    assert second.pending() == 1 and second.commit() == 1
    assert len(first) == 2


PAGES = 8


def serve_articles(site, versions: dict[int, int]):
    """PAGES articles with ETag/Last-Modified validators; a matching If-None-Match gets 304."""
    template = (FIXTURES / "site" / "talks-en.html").read_text(encoding="utf-8")
    urls = []
    for n in range(PAGES):
        def answer(handler, n=n):
            etag = f'"a{n}-v{versions[n]}"'
            validators = [("ETag", etag), ("Last-Modified", "Sun, 01 Mar 2026 10:00:00 GMT")]
            if handler.headers.get("If-None-Match") == etag:
                return Route(status=304, headers=validators)
            # Each article its own canonical URL and headline (or the dedup step merges them).
            body = template.replace("hamas-delegation-cairo-truce-talks", f"truce-talks-{n}").replace(
                "Hamas delegation arrives in Cairo", f"Hamas delegation {n} (version {versions[n]}) arrives in Cairo").replace(
                "six-week truce", f"six-week truce (update {versions[n]} of article {n})")
            return Route(body=body.encode("utf-8"), headers=validators)
        urls.append(site.add(f"news/article-{n}.html", dynamic=answer))
    return urls


def article_requests(site, since: int = 0):
    return [(path, headers) for method, path, headers in site.requests[since:] if path.startswith("/news/")]


def test_second_run_over_an_unchanged_site_fetches_almost_nothing(local_site, tmp_path):
    versions = {n: 1 for n in range(PAGES)}
    urls = serve_articles(local_site, versions)
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    crawl = ["crawl", "urls", "-a", f"urls={url_file}"]

    # Run 1: everything is new.
    first = run_scrapy(crawl, settings={"OUTPUT_DIR": out})
    assert len(article_requests(local_site)) == PAGES
    assert len(feed_items(out)) == PAGES
    assert f"'incremental/new': {PAGES}" in crawl_stats(first.stderr)
    with sqlite3.connect(out / "state" / "fetches.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM fetches WHERE etag LIKE '\"a%-v1\"'").fetchone()[0] == PAGES

    # Run 2, right after: nothing fetched, the run still passes its monitors.
    mark = len(local_site.requests)
    second = run_scrapy(crawl, settings={"OUTPUT_DIR": out, "SPIDERMON_ENABLED": "True"})
    assert article_requests(local_site, mark) == []
    assert f"'incremental/skipped/recent': {PAGES}" in crawl_stats(second.stderr)
    assert second.returncode == 0  # a run that found nothing new is not a failed run
    assert len(feed_items(out)) == PAGES

    # Run 3, past the skip window, one article edited: conditional requests, one new item.
    versions[3] = 2
    mark = len(local_site.requests)
    third = run_scrapy(crawl, settings={"OUTPUT_DIR": out, "INCREMENTAL_SKIP_HOURS": "0"})
    sent = article_requests(local_site, mark)
    assert len(sent) == PAGES
    assert all(h.get("If-None-Match", "").startswith('"a') and h.get("If-Modified-Since") for _, h in sent)
    stats = crawl_stats(third.stderr)
    assert f"'incremental/unchanged': {PAGES - 1}" in stats and "'incremental/changed': 1" in stats
    assert "fetch/failed" not in stats
    items = feed_items(out)
    assert len(items) == PAGES + 1
    assert "version 2" in items[-1]["headline"]

    # Run 4, forced: plain requests for everything.
    mark = len(local_site.requests)
    fourth = run_scrapy(crawl + ["-a", "force=true"], settings={"OUTPUT_DIR": out})
    sent = article_requests(local_site, mark)
    assert len(sent) == PAGES and not any("If-None-Match" in h for _, h in sent)
    assert f"'incremental/forced': {PAGES}" in crawl_stats(fourth.stderr)


def test_should_fetch_for_discovery_code(tmp_path):
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from crawler.incremental import should_fetch

    crawler = get_crawler(Spider, {"OUTPUT_DIR": str(tmp_path), "INCREMENTAL_ENABLED": True,
                                   "INCREMENTAL_SKIP_HOURS": 6.0, "INCREMENTAL_RECHECK_DAYS": 7.0})
    state = FetchState.for_crawler(crawler)
    assert state.path == tmp_path / "state" / "fetches.sqlite"
    assert should_fetch(crawler, URL, lastmod="2026-03-01") is True  # never fetched
    state.record(URL, status=200, etag=None, last_modified=None, when=datetime.now(timezone.utc) - timedelta(hours=1))
    state.commit()
    assert should_fetch(crawler, URL) is False
    old = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    assert should_fetch(crawler, URL, lastmod=old) is False
    assert should_fetch(crawler, URL, lastmod=datetime.now(timezone.utc)) is True  # the listing says it changed
    assert crawler.stats.get_value("incremental/skipped/recent") == 1
    assert crawler.stats.get_value("incremental/skipped/lastmod") == 1
