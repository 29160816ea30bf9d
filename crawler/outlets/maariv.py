"""Maariv, Hebrew."""

from .base import Outlet

OUTLET = Outlet(
    name="Maariv",
    slug="maariv",
    languages=("he",),
    domains=("maariv.co.il",),
    timezone="Asia/Jerusalem",
    feeds=("https://www.maariv.co.il/Rss/RssChadashot",),
    # /news/<section>/Article-<id> (the case of "Article" varies). Fixed CDX start: "/news/".
    article_url_pattern=r"(?i)^/news/[a-z-]+/article-\d{5,}/?$",
    sample_urls=(
        "https://maariv.co.il/news/politics/Article-1082319",
        "https://www.maariv.co.il/news/politics/article-1184713",
        "https://www.maariv.co.il/news/world/Article-858553",
    ),
    evidence={
        "https://www.maariv.co.il/Rss/RssChadashot":
            "UNVERIFIED: news feed in third-party RSS readers in public GitHub code (find_string "
            "'maariv.co.il/Rss/'); not fetched here",
        "article_url_pattern":
            "real page address of ../shared/gold/real_dev/rd30_he_maariv_20240309 (politics/Article-1082319) "
            "and links in public GitHub code (politics/article-1184713, world/Article-858553)",
    },
)
