"""Sky News Arabia (سكاي نيوز عربية): Abu Dhabi-based broadcaster, Arabic."""

from .base import Outlet

OUTLET = Outlet(
    name="Sky News Arabia",
    slug="skynewsarabia",
    languages=("ar",),
    domains=("skynewsarabia.com",),
    timezone="Asia/Dubai",
    feeds=("https://www.skynewsarabia.com/web/rss",),
    sections=("https://www.skynewsarabia.com/middle-east",),
    article_url_pattern=r"^/[a-z_-]+(/[a-z_-]+)?/\d{5,}(-[^/]*)?/?$",
    sample_urls=(
        "https://www.skynewsarabia.com/middle-east/678825",
        "https://www.skynewsarabia.com/middle-east/1879607-",
    ),
    evidence={
        "https://www.skynewsarabia.com/web/rss":
            "UNVERIFIED: feed URL in four third-party Arabic news readers in public GitHub code "
            "(code search; others use /rss or /rss/<section>.xml); not fetched",
        "https://www.skynewsarabia.com/middle-east":
            "UNVERIFIED: section page crawled by third-party scrapers in public GitHub code (a Scrapy spider among them)",
        "article_url_pattern":
            "real article URLs in public GitHub code (an extractor's test fixture, a media list): "
            "/middle-east/<id>[-<slug>]; no page in ../shared/corpus",
    },
)
