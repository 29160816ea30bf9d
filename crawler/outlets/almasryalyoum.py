"""Al-Masry Al-Youm (المصري اليوم): Egyptian daily, Arabic."""

from .base import Outlet

OUTLET = Outlet(
    name="Al-Masry Al-Youm",
    slug="almasryalyoum",
    languages=("ar",),
    domains=("almasryalyoum.com",),
    timezone="Africa/Cairo",
    feeds=("https://www.almasryalyoum.com/rss/rssfeed",),
    article_url_pattern=r"^/news/details/\d+/?$",
    sample_urls=(
        "https://www.almasryalyoum.com/news/details/3326339",
        "https://www.almasryalyoum.com/news/details/1364600",
    ),
    evidence={
        "https://www.almasryalyoum.com/rss/rssfeed":
            "UNVERIFIED: the feed URL of a third-party RSS reader in public GitHub code (code search); "
            "other lists give /rss or /rss/rssfeeds; not fetched from the outlet",
        "article_url_pattern":
            "real article URLs in public GitHub code (an article-archive test and a scraper): "
            "/news/details/3326339, /news/details/1364600; no page in ../shared/corpus",
    },
)
