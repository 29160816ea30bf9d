"""N12 (Channel 12 News, published on mako.co.il), Hebrew."""

from .base import Outlet

OUTLET = Outlet(
    name="N12 (Mako)",
    slug="n12-mako",
    languages=("he",),
    domains=("mako.co.il",),
    timezone="Asia/Jerusalem",
    feeds=("https://rcs.mako.co.il/rss/31750a2610f26110VgnVCM1000005201000aRCRD.xml",),
    # /news-<desk>/<quarter or channel id>/Article-<hex id>.htm ; query parameters
    # (sCh, pId, partner) are tracking. Fixed CDX start: "/news-".
    article_url_pattern=r"^/news-[a-z_-]+/[A-Za-z0-9_-]+/Article-[0-9a-f]{10,}\.htm$",
    sample_urls=(
        "https://www.mako.co.il/news-military/2021_q3/Article-d8b08da5d8e2b71026.htm?partner=lobby",
        "https://www.mako.co.il/news-military/2023_q1/Article-fc4e43361d9d581026.htm?sCh=31750a2610f26110&pId=173113802",
        "https://www.mako.co.il/news-military/6361323ddea5a810/Article-bfea3ed547c9b81026.htm",
        "https://www.mako.co.il/news-military/politics-q1_2015/Article-fd69215b6292c41004.htm",
    ),
    evidence={
        "https://rcs.mako.co.il/rss/31750a2610f26110VgnVCM1000005201000aRCRD.xml":
            "UNVERIFIED: news feed in several third-party talkback readers in public GitHub code (code search "
            "'mako.co.il rss'); not fetched here",
        "article_url_pattern":
            "real article links in public GitHub code (find_string 'mako.co.il/news-military/'): "
            "2021_q3/Article-d8b08da5d8e2b71026.htm, 2023_q1/Article-fc4e43361d9d581026.htm, "
            "6361323ddea5a810/Article-bfea3ed547c9b81026.htm",
    },
)
