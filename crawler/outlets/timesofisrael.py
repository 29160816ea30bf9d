"""The Times of Israel, English."""

from .base import Outlet

OUTLET = Outlet(
    name="The Times of Israel",
    slug="timesofisrael",
    languages=("en",),
    domains=("timesofisrael.com",),
    timezone="Asia/Jerusalem",
    feeds=("https://www.timesofisrael.com/feed/",),
    # Post slugs at the root, and live-blog entries.
    article_url_pattern=(r"^/(liveblog_entry/)?(?!topic/|writers/|blogs/|tag/|feed/|liveblog-)"
                         r"[a-z0-9-]{15,}/?$"),
    sample_urls=(
        "https://www.timesofisrael.com/state-of-washington-swears-in-first-native-american-jewish-supreme-court-justice/",
        "https://www.timesofisrael.com/foreign-minister-condemns-sanderss-shocking-comment-on-us-embassy/",
    ),
    evidence={
        "https://www.timesofisrael.com/feed/":
            "UNVERIFIED: feed URL in many third-party news readers in public GitHub code (code search); "
            "a WordPress /feed/; not fetched here",
        "article_url_pattern":
            "rel=canonical and in-page article links of ../shared/corpus/raw/timesofisrael/washington-justice-2020-01.html",
    },
)
