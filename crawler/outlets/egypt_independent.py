"""Egypt Independent: Al-Masry Al-Youm's English site."""

from .base import Outlet

OUTLET = Outlet(
    name="Egypt Independent",
    slug="egypt-independent",
    languages=("en",),
    domains=("egyptindependent.com",),
    timezone="Africa/Cairo",
    feeds=("https://www.egyptindependent.com/feed/",),
    # A WordPress post slug at the root.
    article_url_pattern=r"^/(?!category/|tag/|author/|page/|feed/|wp-)[a-z0-9-]{15,}/?$",
    evidence={
        "https://www.egyptindependent.com/feed/":
            "UNVERIFIED: feed URL in many third-party news readers in public GitHub code (code search), "
            "one reporting it live ('newest 9.3h'); a WordPress /feed/; not fetched here",
        "article_url_pattern":
            "UNVERIFIED GUESS: WordPress post slugs, inferred from the /feed/ endpoint; no real "
            "article URL of this outlet was found (public code or ../shared/corpus)",
    },
)
