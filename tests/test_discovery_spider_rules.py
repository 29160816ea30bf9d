"""The outlet spider's decisions, without the network: which listings it starts from,
which child sitemaps it follows, which links become article requests."""

from __future__ import annotations

from datetime import date

import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.discovery import DiscoveredLink
from crawler.dedup.urls import without_tracking
from crawler.spiders.outlets import OUTLET_SPIDERS, listing_date


def make_spider(slug: str, **kwargs):
    settings = Settings()
    settings.setmodule(project_settings)
    settings.set("DISCOVERY_SEARCH_TERMS", {"en": ["Cairo talks"], "ar": ["مفاوضات القاهرة"]})
    settings.set("DISCOVERY_MAX_CHILD_SITEMAPS", 2)
    # No crawl happens here: the spider's decisions need settings and stats, not a reactor.
    settings.set("TWISTED_REACTOR_ENABLED", False)
    crawler = get_crawler(OUTLET_SPIDERS[slug], settings.copy_to_dict())
    return OUTLET_SPIDERS[slug].from_crawler(crawler, **kwargs)


def test_declared_endpoints_kinds_and_search_terms():
    spider = make_spider("reuters", kinds="news_sitemaps")
    assert spider.listing_urls() == [("news_sitemaps", u) for u in spider.outlet.news_sitemaps]
    spider = make_spider("bbc", search_urls="https://www.bbc.co.uk/search?q={query}")
    assert spider.listing_urls() == [("search_urls", "https://www.bbc.co.uk/search?q=Cairo%20talks")]
    with pytest.raises(ValueError, match="unknown endpoint kind"):
        make_spider("bbc", kinds="rss")


def test_overridden_listings_make_their_host_the_outlets():
    spider = make_spider("cbc", feeds="http://127.0.0.1:8999/feed.xml")
    assert spider.listing_urls() == [("feeds", "http://127.0.0.1:8999/feed.xml")]
    assert "127.0.0.1" in spider.allowed_domains and "cbc.ca" in spider.allowed_domains
    ok = spider.article_request(DiscoveredLink(url="http://127.0.0.1:8999/news/world/gaza-talks-1.7287711"))
    assert ok is not None
    assert spider.article_request(DiscoveredLink(url="http://other.test/news/world/gaza-talks-1.7287711")) is None


def test_since_and_limits():
    spider = make_spider("guardian", since="2025-01-01", max_articles="1")
    assert spider.since == date(2025, 1, 1)
    children = [("https://x/2019.xml", "2019-01-31"), ("https://x/2025-03.xml", "2025-03-31"),
                ("https://x/2025-02.xml", "2025-02-28"), ("https://x/2025-01.xml", "2025-01-31")]
    followed = [r.url for r in spider.follow_children(children, "sitemaps", depth=0)]
    assert followed == ["https://x/2025-03.xml", "https://x/2025-02.xml"]  # newest two, none too old
    assert list(spider.follow_children(children, "sitemaps", depth=spider.max_sitemap_depth)) == []
    article = "https://www.theguardian.com/world/2025/oct/09/gaza-ceasefire-deal-sharm-el-sheikh"
    assert spider.article_request(DiscoveredLink(url=article, published="2024-12-31")) is None  # too old
    first = spider.article_request(DiscoveredLink(url=article, published="2025-10-09T10:00:00Z",
                                                  title="Gaza ceasefire deal agreed in Sharm el-Sheikh"))
    assert first is not None and first.meta["discovery"]["title"].startswith("Gaza ceasefire")
    assert spider.article_request(DiscoveredLink(url=article + "-2")) is None  # max_articles=1


def test_listing_dates_and_tracking_parameters():
    assert listing_date("2024-05-06T23:30:00-02:00") == date(2024, 5, 7)
    assert listing_date("Mon, 06 May 2024 10:00:00 +0300") == date(2024, 5, 6)
    assert listing_date("2024-05-06") == date(2024, 5, 6)
    assert listing_date("yesterday") is None
    assert without_tracking("https://x.org/a?id=3&utm_source=rss&fbclid=1#top") == "https://x.org/a?id=3"
