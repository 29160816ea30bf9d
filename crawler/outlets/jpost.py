"""The Jerusalem Post, English."""

from .base import Outlet

OUTLET = Outlet(
    name="The Jerusalem Post",
    slug="jpost",
    languages=("en",),
    domains=("jpost.com",),
    timezone="Asia/Jerusalem",
    feeds=("https://www.jpost.com/rss/rssfeedsfrontpage.aspx",),
    # 2019: /Breaking-News/<Slug>-608399; later: /<section>/article-<id>
    article_url_pattern=r"(?i)^/[a-z-]+(/[a-z-]+)*/(article-\d+|[^/]+-\d{5,})/?$",
    sample_urls=(
        "https://www.jpost.com/Breaking-News/Son-of-former-German-president-stabbed-to-death-in-Berlin-608399",
    ),
    evidence={
        "https://www.jpost.com/rss/rssfeedsfrontpage.aspx":
            "UNVERIFIED: feed URL in several third-party news readers in public GitHub code (code search); "
            "the corpus page links to https://www.jpost.com/rss (the feeds index); not fetched",
        "article_url_pattern":
            "rel=canonical of ../shared/corpus/raw/jpost/berlin-stabbing-2019-11.html; the "
            "'/article-<id>' form is UNVERIFIED (not seen in a real page here)",
    },
)
