"""Israel Hayom, Hebrew."""

from .base import Outlet

OUTLET = Outlet(
    name="Israel Hayom",
    slug="israelhayom",
    languages=("he",),
    domains=("israelhayom.co.il",),
    timezone="Asia/Jerusalem",
    feeds=("https://www.israelhayom.co.il/rss.xml",),
    # /news/<section>[/<sub>]/article/<numeric id>. Fixed CDX start: "/news/".
    article_url_pattern=r"^/news/[a-z-]+(/[a-z-]+)?/article/\d{6,}/?$",
    sample_urls=(
        "https://www.israelhayom.co.il/news/world-news/middle-east/article/21458869",
        "https://www.israelhayom.co.il/news/politics/article/21588808",
        "https://www.israelhayom.co.il/news/defense/article/20371747",
    ),
    evidence={
        "https://www.israelhayom.co.il/rss.xml":
            "UNVERIFIED: feed URL in a third-party talkback reader in public GitHub code (code search "
            "'israelhayom.co.il rss'); not fetched here",
        "article_url_pattern":
            "real article links in public GitHub code (find_string 'israelhayom.co.il/news/'): "
            "world-news/middle-east/article/21458869, politics/article/21588808, defense/article/20371747",
    },
)
