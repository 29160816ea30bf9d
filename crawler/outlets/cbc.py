"""CBC News (Canada), English."""

from .base import Outlet

OUTLET = Outlet(
    name="CBC News",
    slug="cbc",
    languages=("en",),
    domains=("cbc.ca",),
    timezone="America/Toronto",
    feeds=("https://www.cbc.ca/webfeed/rss/rss-world",),
    article_url_pattern=r"^/news/[a-z/-]+-1\.\d{6,}/?$",
    sample_urls=("https://www.cbc.ca/news/world/gaza-israel-ceasefire-negotiations-sinwar-1.7287711",),
    evidence={
        "https://www.cbc.ca/webfeed/rss/rss-world":
            "flairNLP/fundus publisher definition (src/fundus/publishers/ca/__init__.py, CBCNews RSSFeed)",
        "article_url_pattern": "rel=canonical of ../shared/corpus/raw/cbc/gaza-after-sinwar-2024-08-08.html",
    },
)
