"""Ahram Online: Al-Ahram's English site (Egypt)."""

from .base import Outlet

OUTLET = Outlet(
    name="Ahram Online",
    slug="ahram-online",
    languages=("en",),
    domains=("english.ahram.org.eg",),
    timezone="Africa/Cairo",
    feeds=("https://english.ahram.org.eg/UI/Front/RSS.aspx",),
    # /NewsContent/<section>/<subsection>/<id>/<Section>/<Sub>/<Slug>.aspx, or the short /News/<id>.aspx
    article_url_pattern=r"(?i)^/(NewsContent/\d+/\d+/\d+/.+|News/\d+)\.aspx$",
    sample_urls=(
        "https://english.ahram.org.eg/NewsContent/1/2/557770/Egypt/Society/Egypt-sees--drop-in-marriages,--rise-in-divorces-i.aspx",
        "http://english.ahram.org.eg/NewsContent/2/8/386579/World/Region/Kuwaits-new-emir-meets-senior-US-and-Iranian-offic.aspx",
        "https://english.ahram.org.eg/News/570896.aspx",
    ),
    evidence={
        "https://english.ahram.org.eg/UI/Front/RSS.aspx":
            "UNVERIFIED: feed URL in two third-party news dashboards in public GitHub code (code search); "
            "another list gives /rss; not fetched",
        "article_url_pattern":
            "real article URLs in public GitHub code (GDELT and news API dumps, a URL-key test "
            "that maps /NewsContent/.../570896/... to /News/570896.aspx); no page in ../shared/corpus",
    },
)
