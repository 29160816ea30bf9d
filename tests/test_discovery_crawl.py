"""A real outlet spider (cbc) crawling a loopback site: feed, news sitemap index and
section page lead to articles; off-topic, offsite and non-article links are skipped and
counted; `-a prefilter=0` fetches everything."""

from __future__ import annotations

import json
import re

from tests.conftest import shared_path
from tests.support.crawl import crawl_stats, feed_items, run_scrapy

ON_TOPIC = "/news/world/gaza-israel-ceasefire-negotiations-sinwar-1.7287711"
FROM_SITEMAP = "/news/world/hamas-delegation-cairo-truce-1.7300001"
FROM_SECTION = "/news/world/mediators-hostage-exchange-1.7300002"
OFF_TOPIC = "/news/sports/oilers-win-stanley-cup-final-1.7300003"


def build_site(site) -> dict[str, str]:
    cbc_page = shared_path("corpus", "raw", "cbc", "gaza-after-sinwar-2024-08-08.html")
    other_page = shared_path("corpus", "raw", "guardian", "guardian-2024-02-24.html")
    for path in (ON_TOPIC, FROM_SITEMAP, FROM_SECTION):
        site.add_file(path, cbc_page)
    site.add_file(OFF_TOPIC, other_page)
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
      <item><title>Palestinians say his appointment could ruin ceasefire talks</title><link>{site.url(ON_TOPIC)}?utm_source=rss</link></item>
      <item><title>Oilers win the Stanley Cup final in overtime</title><link>{site.url(OFF_TOPIC)}</link></item>
      <item><title>Ceasefire talks: what we know</title><link>https://elsewhere.example.org/news/world/x-1.7300009</link></item>
      <item><title>Gaza ceasefire talks live</title><link>{site.url('/news/world')}</link></item>
    </channel></rss>"""
    site.add("/feed.xml", feed, headers=[("Content-Type", "application/rss+xml")])
    # The child sitemap lives on another host name (as on a CDN): listings may, articles may not.
    site.add("/news-index.xml", f"""<?xml version="1.0"?>
      <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>{site.url('/news-1.xml.gz').replace('127.0.0.1', 'localhost')}</loc><lastmod>2024-08-08</lastmod></sitemap>
      </sitemapindex>""", headers=[("Content-Type", "application/xml")])
    child = f"""<?xml version="1.0"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>{site.url(FROM_SITEMAP)}</loc><news:news><news:title>Hamas delegation in Cairo as truce talks resume</news:title></news:news></url>
      </urlset>""".encode()
    import gzip
    site.add("/news-1.xml.gz", gzip.compress(child), headers=[("Content-Type", "application/x-gzip")])
    site.add("/section.html", f"""<html><body>
      <a href="{FROM_SECTION}">Mediators press for hostage exchange deal</a>
      <a href="/about">About CBC</a></body></html>""")
    site.add("/broken-feed.xml", "<html><body>maintenance</body></html>")
    return {"feeds": site.url("/feed.xml") + "," + site.url("/broken-feed.xml"),
            "news_sitemaps": site.url("/news-index.xml"), "sections": site.url("/section.html")}


def run_outlet(site, tmp_path, *extra):
    endpoints = build_site(site)
    args = ["crawl", "cbc"] + [x for kind, urls in endpoints.items() for x in ("-a", f"{kind}={urls}")] + list(extra)
    proc = run_scrapy(args, settings={"OUTPUT_DIR": str(tmp_path)})
    return proc, feed_items(tmp_path)


def stat(stats: str, name: str) -> int:
    match = re.search(rf"'{re.escape(name)}': (\d+)", stats)
    return int(match.group(1)) if match else 0


def test_outlet_spider_discovers_articles_from_feed_sitemap_and_section(local_site, tmp_path):
    proc, items = run_outlet(local_site, tmp_path)
    stats = crawl_stats(proc.stderr)
    urls = sorted(item["url"] for item in items)
    assert urls == sorted(local_site.url(p) for p in (ON_TOPIC, FROM_SITEMAP, FROM_SECTION))
    # The tracking parameter was dropped before fetching.
    assert not any("utm_source" in path for _, path, _ in local_site.requests)
    expected = json.loads(shared_path("corpus", "raw", "cbc", "gaza-after-sinwar-2024-08-08.expected.json")
                          .read_text(encoding="utf-8"))
    for item in items:
        assert item["outlet"] == "cbc" and item["language"] == "en"
        assert item["headline"] == expected["headline"]
    assert stat(stats, "discovery/listings/feeds") == 1
    assert stat(stats, "discovery/listings/news_sitemaps") == 2  # the index and its gzipped child
    assert stat(stats, "discovery/listings/sections") == 1
    assert stat(stats, "discovery/failed/NotAFeed") == 1
    assert stat(stats, "discovery/links/prefiltered") == 1
    assert stat(stats, "discovery/links/offsite") == 1
    assert stat(stats, "discovery/links/not_article") >= 2  # /news/world and /about
    assert stat(stats, "discovery/articles_requested") == 3
    # The off-topic page was never fetched.
    assert OFF_TOPIC not in [path for _, path, _ in local_site.requests]


def test_prefilter_can_be_switched_off(local_site, tmp_path):
    proc, items = run_outlet(local_site, tmp_path, "-a", "prefilter=0", "-a", "kinds=feeds")
    stats = crawl_stats(proc.stderr)
    assert sorted(item["url"] for item in items) == sorted([local_site.url(ON_TOPIC), local_site.url(OFF_TOPIC)])
    assert stat(stats, "discovery/links/prefiltered") == 0
    assert stat(stats, "discovery/listings/news_sitemaps") == 0  # kinds=feeds
