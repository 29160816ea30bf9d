"""Cairo24 (القاهرة 24): Egyptian news site, Arabic."""

from .base import Outlet

OUTLET = Outlet(
    name="Cairo24",
    slug="cairo24",
    languages=("ar",),
    domains=("cairo24.com",),
    timezone="Africa/Cairo",
    feeds=("https://www.cairo24.com/rss",),
    article_url_pattern=r"^/\d{6,}/?$",
    sample_urls=(
        "https://www.cairo24.com/2320761",
        "https://www.cairo24.com/2494284",
        "https://www.cairo24.com/2378357",
    ),
    evidence={
        "https://www.cairo24.com/rss":
            "UNVERIFIED: fallback feed URL in one third-party Egyptian news monitor in public GitHub "
            "code (code search); not fetched from the outlet",
        "article_url_pattern":
            "real article URLs cited in public GitHub code: /2320761, /2494284, /2378357 "
            "(numeric id at the root); no page in ../shared/corpus",
    },
)
