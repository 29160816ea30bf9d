"""Arutz Sheva (Israel National News, inn.co.il), Hebrew."""

from .base import Outlet

OUTLET = Outlet(
    name="Arutz Sheva",
    slug="arutz7",
    languages=("he",),
    domains=("inn.co.il",),
    timezone="Asia/Jerusalem",
    feeds=("https://www.inn.co.il/Rss.aspx",),
    # /news/<numeric id>. Fixed CDX start: "/news/".
    article_url_pattern=r"^/news/\d{5,}/?$",
    sample_urls=(
        "https://www.inn.co.il/news/676745",
        "https://www.inn.co.il/news/678270",
        "https://www.inn.co.il/news/677961",
    ),
    evidence={
        "https://www.inn.co.il/Rss.aspx":
            "UNVERIFIED: feed URL in many third-party RSS readers in public GitHub code (find_string "
            "'inn.co.il/Rss'); not fetched here",
        "article_url_pattern":
            "real page addresses of ../shared/gold/real_dev/rd35_he_inn_20250818, rd36_he_inn_20250907 and "
            "rdneg05_he_inn_20250903",
    },
)
