"""Walla! News (news.walla.co.il), Hebrew."""

from .base import Outlet

OUTLET = Outlet(
    name="Walla! News",
    slug="walla-news",
    languages=("he",),
    # Only the news desk and its feed host: other walla.co.il subdomains are sport, food, celebs.
    domains=("news.walla.co.il", "rss.walla.co.il"),
    timezone="Asia/Jerusalem",
    feeds=("https://rss.walla.co.il/feed/1",),
    # /item/<numeric id>. Fixed CDX start: "news.walla.co.il/item/".
    article_url_pattern=r"^/item/\d{6,}/?$",
    sample_urls=(
        "https://news.walla.co.il/item/3606662",
        "https://news.walla.co.il/item/3864616",
        "https://news.walla.co.il/item/3114145",
    ),
    evidence={
        "https://rss.walla.co.il/feed/1":
            "UNVERIFIED: main news feed in many third-party RSS readers in public GitHub code (find_string "
            "'rss.walla.co.il/feed/'); not fetched here",
        "article_url_pattern":
            "real article links in public GitHub code (find_string 'news.walla.co.il/item/'): 3606662, 3864616, 3114145",
    },
)
