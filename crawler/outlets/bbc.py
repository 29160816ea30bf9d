"""BBC News, English."""

from .base import Outlet

OUTLET = Outlet(
    name="BBC News",
    slug="bbc",
    languages=("en",),
    domains=("bbc.com", "bbc.co.uk"),
    timezone="Europe/London",
    news_sitemaps=("https://www.bbc.co.uk/sitemaps/https-index-uk-news.xml",),
    feeds=("https://feeds.bbci.co.uk/news/world/middle_east/rss.xml",),
    # /news/articles/<id> (since 2024), /news/<section>-<8 digits> (before)
    article_url_pattern=r"^/news/(articles/[a-z0-9]{8,}|[a-z-]+-\d{6,})/?$",
    sample_urls=(
        "https://www.bbc.com/news/articles/clymn8zyrp9o",
        "https://www.bbc.com/news/explainers-63159607",
        "https://www.bbc.co.uk/news/articles/clymn8zyrp9o",
    ),
    evidence={
        "https://www.bbc.co.uk/sitemaps/https-index-uk-news.xml":
            "flairNLP/fundus publisher definition (src/fundus/publishers/uk/__init__.py, BBC NewsMap)",
        "https://feeds.bbci.co.uk/news/world/middle_east/rss.xml":
            "UNVERIFIED: Middle East feed in third-party news readers in public GitHub code; not fetched",
        "article_url_pattern": "rel=canonical and hreflang alternates of both BBC pages in ../shared/corpus",
    },
)
