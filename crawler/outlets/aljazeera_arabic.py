"""Al Jazeera Arabic (الجزيرة نت): Qatari broadcaster's Arabic site."""

from .base import Outlet

OUTLET = Outlet(
    name="Al Jazeera (Arabic)",
    slug="aljazeera-arabic",
    languages=("ar",),
    domains=("aljazeera.net",),
    timezone="Asia/Qatar",
    feeds=("https://www.aljazeera.net/rss",),
    sections=(
        "https://www.aljazeera.net/news/",
        "https://www.aljazeera.net/where/mideast/arab/",
    ),
    # /news/2026/8/14/<slug>, /news/politics/2022/3/8/<slug>
    article_url_pattern=r"^/[a-z-]+(/[a-z-]+)?/\d{4}/\d{1,2}/\d{1,2}/[^/]+/?$",
    sample_urls=(
        "http://www.aljazeera.net/news/arabic/2016/10/19/تحذيرات-أممية-من-احتمال-نزوح-مليون-مدني-من-الموصل",
    ),
    evidence={
        "https://www.aljazeera.net/rss":
            "UNVERIFIED: feed URL in several third-party Arabic news readers in public GitHub code "
            "(code search); others use /aljazeerarss/... paths or report 404s; not fetched",
        "https://www.aljazeera.net/news/":
            "UNVERIFIED: section page crawled by several third-party scrapers in public GitHub code",
        "https://www.aljazeera.net/where/mideast/arab/":
            "UNVERIFIED: section page in a third-party scraper's section list (public GitHub code)",
        "article_url_pattern":
            "real article URLs in public GitHub code (a metadata test, an Arabic NLP tool): "
            "/news/<topic>/<y>/<m>/<d>/<slug>; no page in ../shared/corpus",
    },
)
