"""Al-Ahram Gate (بوابة الأهرام): the Egyptian state daily's news site, Arabic."""

from .base import Outlet

OUTLET = Outlet(
    name="Al-Ahram (Ahram Gate)",
    slug="ahram",
    languages=("ar",),
    domains=("gate.ahram.org.eg",),
    timezone="Africa/Cairo",
    feeds=("https://gate.ahram.org.eg/Rss/50/LatestNews.aspx",),
    article_url_pattern=r"(?i)^/News/\d+\.aspx$",
    sample_urls=(
        "https://gate.ahram.org.eg/News/4815678.aspx",
        "https://gate.ahram.org.eg/News/2897035.aspx",
    ),
    evidence={
        "https://gate.ahram.org.eg/Rss/50/LatestNews.aspx":
            "UNVERIFIED: feed URL in two third-party Egyptian news readers in public GitHub code "
            "(code search); other lists give other /rss paths and one says it could not confirm "
            "Ahram's feed; not fetched from the outlet",
        "article_url_pattern":
            "real article URLs in public GitHub code (an article-archive test, a NewsAPI dump): "
            "/News/4815678.aspx, /News/2897035.aspx; no page in ../shared/corpus",
    },
)
