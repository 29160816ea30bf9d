"""Ynet (Yedioth Ahronoth's news site), Hebrew."""

from .base import Outlet

OUTLET = Outlet(
    name="Ynet",
    slug="ynet",
    languages=("he",),
    domains=("ynet.co.il",),
    timezone="Asia/Jerusalem",
    feeds=(
        "https://www.ynet.co.il/Integration/StoryRss2.xml",
        "https://www.ynet.co.il/Integration/StoryRss1854.xml",
    ),
    # /news/article/<short alphanumeric id> (ids are mixed case on older pages: BJyc6EkTO).
    article_url_pattern=r"^/news/article/[A-Za-z0-9]{6,16}/?$",
    sample_urls=(
        "https://www.ynet.co.il/news/article/r16yyhrkze",
        "https://www.ynet.co.il/news/article/hklzdtdwgl",
        "https://www.ynet.co.il/news/article/BJyc6EkTO",
    ),
    evidence={
        "https://www.ynet.co.il/Integration/StoryRss2.xml":
            "UNVERIFIED: 'news_all' feed in many third-party RSS readers in public GitHub code (code search "
            "'ynet.co.il rss'); not fetched here",
        "https://www.ynet.co.il/Integration/StoryRss1854.xml":
            "UNVERIFIED: 'news_updates' (flashes) feed in third-party RSS readers in public GitHub code; not fetched",
        "article_url_pattern":
            "real article links in public GitHub code and docs (find_string 'ynet.co.il/news/article/'): "
            "r16yyhrkze, hklzdtdwgl, BJyc6EkTO; the English sister site ynetnews.com uses the same "
            "/article/<id> shape (../shared/gold/real_dev rd22)",
    },
)
