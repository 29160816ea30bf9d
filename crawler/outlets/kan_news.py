"""Kan News (Israeli Public Broadcasting Corporation, news site), Hebrew."""

from .base import Outlet

OUTLET = Outlet(
    name="Kan News",
    slug="kan-news",
    languages=("he",),
    domains=("kan.org.il",),
    timezone="Asia/Jerusalem",
    feeds=("https://www.kan.org.il/rss/allnews.ashx",),
    # /content/kan-news/<section>/<numeric id>/ ; the fixed start "/content/kan-news/" scopes a CDX query.
    article_url_pattern=r"^/content/kan-news/[a-z]+/\d{5,}/?$",
    sample_urls=(
        "https://www.kan.org.il/content/kan-news/politic/1095987/",
        "https://www.kan.org.il/content/kan-news/local/296141/",
        "https://www.kan.org.il/content/kan-news/politic/774418/",
    ),
    evidence={
        "https://www.kan.org.il/rss/allnews.ashx":
            "UNVERIFIED: feed URL in third-party news readers in public GitHub code (find_string "
            "'kan.org.il/rss'); not fetched here",
        "article_url_pattern":
            "real article links cited in public GitHub code and docs (find_string "
            "'kan.org.il/content/kan-news/'): politic/1095987, local/296141, politic/774418",
    },
)
