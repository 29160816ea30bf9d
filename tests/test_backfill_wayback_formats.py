"""The backfill spider against the Internet Archive's own CDX output served from loopback (and its
sitemaps source against a loopback sitemap archive).

The CDX endpoint here answers as web.archive.org does: first a 429 with
Retry-After, then an array of arrays ending in a resumeKey, then plain text
lines. It ignores the query's filters (as a mirror might), so the spider's own
checks must drop the 404, the out-of-range capture and the non-article URL.
Replay comes from pywb; one CDX timestamp is not a capture second, so pywb
redirects to the nearest capture and the spider must record that one.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from urllib.parse import parse_qs, quote, urlsplit

from tests.support import backfill_scenario as scenario
from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.servers import Route
from tests.support.web_archives import ArchivedPage, Pywb, write_warc

FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
PAGE_ONE = [
    FIELDS,
    # Not a capture second: pywb answers with a redirect to 20240506080000.
    ["com,youm7)/story/2024/5/6/x/6612345", "20240506081500", scenario.YOUM7_TALKS, "text/html", "200", "AAAA", "900"],
    [],
    ["com%2Cyoum7%29%2Fstory%2F2024%2F5%2F7+20240507080000"],
]
PAGE_TWO = "\n".join(" ".join(line) for line in [
    ["com,youm7)/story/2024/5/6/x/6612345", "20240507080000", scenario.YOUM7_TALKS, "text/html", "200", "BBBB", "950"],
    ["com,youm7)/story/2024/5/8/y/6614000", "20240509080000", scenario.YOUM7_GONE, "text/html", "404", "CCCC", "300"],
    ["com,youm7)/story/2024/5/6/latest", "20240506120000", scenario.YOUM7_SECTION, "text/html", "200", "DDDD", "200"],
    ["com,youm7)/story/2024/5/6/x/6612345", "20240612080000", scenario.YOUM7_TALKS, "text/html", "200", "EEEE", "950"],
]) + "\n"


def ia_cdx_endpoint(site, first_answer_429: bool = True) -> list[tuple[float, dict]]:
    """The IA-style CDX endpoint on ``site``; returns the list of (arrival time, query) it fills."""
    seen: list[tuple[float, dict]] = []

    def cdx(handler):
        params = parse_qs(urlsplit(handler.path).query)
        seen.append((time.monotonic(), params))
        if first_answer_429 and len(seen) == 1:
            return Route(status=429, headers=[("Retry-After", "2"), ("Content-Type", "text/plain")], body=b"slow down")
        if "resumeKey" in params:
            return Route(body=PAGE_TWO.encode(), headers=[("Content-Type", "text/plain")])
        return Route(body=json.dumps(PAGE_ONE).encode(), headers=[("Content-Type", "application/json")])

    site.routes["/cdx/search/cdx"] = Route(dynamic=cdx)
    return seen


def replay_archive(tmp_path) -> Pywb:
    pages = [p for p in scenario.wayback_pages() if p.url == scenario.YOUM7_TALKS]
    pages.append(ArchivedPage(scenario.YOUM7_TALKS, datetime(2024, 6, 12, 8, tzinfo=timezone.utc), b"<html>later</html>"))
    return Pywb(tmp_path / "pywb", {"web": [write_warc(tmp_path / "wayback.warc.gz", pages)]})


def backfill_youm7(site, pywb, output, **settings):
    return run_scrapy(["crawl", "backfill", "-a", "outlets=youm7", "-a", "since=2024-05-01", "-a", "until=2024-05-31",
                       "-a", "sources=wayback", "-a", "prefilter=0"], settings={
        "BACKFILL_WAYBACK_CDX": site.url("/cdx/search/cdx"), "BACKFILL_WAYBACK_REPLAY": pywb.url("web/"),
        "OUTPUT_DIR": str(output), **settings}, timeout=300)


def test_ia_cdx_formats_paging_backoff_and_nearest_capture(local_site, tmp_path):
    seen = ia_cdx_endpoint(local_site)
    with replay_archive(tmp_path) as pywb:
        proc = backfill_youm7(local_site, pywb, tmp_path / "out", BACKFILL_WAYBACK_DELAY="0.5",
                              BACKFILL_PROGRESS_SECONDS="1")
    stats = crawl_stats(proc.stderr)
    items = sorted(feed_items(tmp_path / "out"), key=lambda i: i["captured_at"])
    # The capture really got (after the redirect), not the one asked for.
    assert [i["captured_at"] for i in items] == ["2024-05-06T08:00:00Z", "2024-05-07T08:00:00Z"]
    assert items[0]["archive_url"] == pywb.url(f"web/20240506080000id_/{scenario.YOUM7_TALKS}")
    assert [i["version"] for i in items] == [1, 2] and {i["url"] for i in items} == {scenario.YOUM7_TALKS}
    for reason in ("not_200", "not_article", "out_of_range"):
        assert f"'backfill/skipped/{reason}': 1" in stats
    assert "'backfill/redirected_to_nearest': 1" in stats
    # Three CDX requests: the 429, page one, then page two with its resumeKey.
    # The key goes back exactly as the archive gave it (it is opaque, already URL-encoded by the IA).
    assert len(seen) == 3 and seen[2][1]["resumeKey"] == [PAGE_ONE[-1][0]]
    assert seen[1][0] - seen[0][0] >= 2.0  # Retry-After honoured
    # BACKFILL_WAYBACK_DELAY (0.5 s) between requests to one archive host, less connection-setup jitter.
    assert seen[2][0] - seen[1][0] >= 0.4
    assert "'backfill/paused/429': 1" in stats
    progress = [line.split("Backfill progress ", 1)[1] for line in proc.stderr.splitlines() if "Backfill progress" in line]
    assert len(progress) >= 2  # every BACKFILL_PROGRESS_SECONDS (the crawl takes over 3 s), and at the end
    assert progress[-1] == "youm7/wayback: 5 listed / 2 in_range / 2 fetched / 2 stored"


def test_a_stopped_backfill_resumes_without_reading_the_listing_again(local_site, tmp_path):
    seen = ia_cdx_endpoint(local_site, first_answer_429=False)
    with replay_archive(tmp_path) as pywb:
        first = backfill_youm7(local_site, pywb, tmp_path / "out", BACKFILL_WAYBACK_DELAY="0",
                               CLOSESPIDER_ITEMCOUNT="1")
        assert "'finish_reason': 'closespider_itemcount'" in crawl_stats(first.stderr)
        assert (tmp_path / "out" / "jobs" / "backfill" / "PAUSED").is_file()
        listings_before = len(seen)
        backfill_youm7(local_site, pywb, tmp_path / "out", BACKFILL_WAYBACK_DELAY="0")
    first_pages = [params for _, params in seen if "resumeKey" not in params]
    assert len(first_pages) == 1  # page one was read once, before the stop
    assert len(seen) == 2 and listings_before >= 1
    items = sorted(feed_items(tmp_path / "out"), key=lambda i: i["captured_at"])
    assert [(i["captured_at"], i["version"]) for i in items] == [("2024-05-06T08:00:00Z", 1), ("2024-05-07T08:00:00Z", 2)]


def test_sitemaps_source_reads_every_child_in_range_and_fetches_articles_live(local_site, tmp_path):
    months = ["2023-10", "2024-05", "2024-06"]
    children = "".join(f"<sitemap><loc>{local_site.url(f'/sitemap-{m}.xml')}</loc></sitemap>" for m in months)
    local_site.add("/sitemap-index.xml", '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                   f'schemas/sitemap/0.9">{children}</sitemapindex>', headers=[("Content-Type", "application/xml")])
    for month in months:
        year, mon = month.split("-")
        path = f"/story/{year}/{int(mon)}/6/{quote(scenario.YOUM7_SLUG)}/66{year}{mon}"
        local_site.add(path, scenario.YOUM7_V1)
        local_site.add(f"/sitemap-{month}.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                       f'schemas/sitemap/0.9"><url><loc>{local_site.url(path)}</loc><lastmod>{month}-06</lastmod>'
                       '</url></urlset>', headers=[("Content-Type", "application/xml")])
    run_scrapy(["crawl", "backfill", "-a", "outlets=youm7", "-a", "since=2023-11-01", "-a", "until=2025-10-31",
                "-a", "sources=sitemaps", "-a", "prefilter=0", "-a", f"sitemaps={local_site.url('/sitemap-index.xml')}"],
               settings={"OUTPUT_DIR": str(tmp_path / "out"), "ROBOTSTXT_OBEY": "False"}, timeout=300)
    read = sorted(path for _, path, _ in local_site.requests if path.startswith("/sitemap-2"))
    assert read == ["/sitemap-2024-05.xml", "/sitemap-2024-06.xml"]  # 2023-10 is before since
    items = feed_items(tmp_path / "out")
    assert sorted(i["url"].rsplit("/", 1)[1] for i in items) == ["66202405", "66202406"]
    assert {(i["capture_source"], i["archive_url"]) for i in items} == {("sitemap", None)}
    assert all(i["captured_at"] == i["fetched_at"] for i in items)
