"""Sada El Balad (صدى البلد): Egyptian news portal (elbalad.news) and its TV
channel's site (elbaladtv.net), Arabic."""

from .base import Outlet

OUTLET = Outlet(
    name="Sada El Balad",
    slug="elbalad",
    languages=("ar",),
    domains=("elbalad.news", "elbaladtv.net"),
    timezone="Africa/Cairo",
    feeds=(
        "https://www.elbalad.news/rss.aspx",
        "https://elbaladtv.net/feed/",
    ),
    # elbalad.news: numeric id at the root; elbaladtv.net: a WordPress post slug.
    article_url_pattern=r"^/\d{6,}/?$|^/(?!category/|tag/|page/|feed/|author/)[^/]{20,}/$",
    sample_urls=(
        "https://www.elbalad.news/3329554",
        "https://www.elbalad.news/6917359",
        "https://elbaladtv.net/%d8%aa%d8%b1%d9%83%d9%89-%d8%a2%d9%84-%d8%a7%d9%84%d8%b4%d9%8a%d8%ae-%d8%a8%d8%b9%d8%af-%d8%a5%d8%b5%d8%a7%d8%a8%d8%a9-%d9%8a%d8%b3%d8%b1%d8%a7-%d8%a8%d9%83%d9%88%d8%b1%d9%88%d9%86%d8%a7-%d9%8a%d8%a7/",
    ),
    evidence={
        "https://www.elbalad.news/rss.aspx":
            "UNVERIFIED: feed URL in two third-party Egyptian news readers in public GitHub code "
            "(code search); not fetched from the outlet",
        "https://elbaladtv.net/feed/":
            "<link rel=alternate type=application/rss+xml> in the real page "
            "../shared/corpus/raw/elbalad/turki-alsheikh-yousra-2020.html",
        "article_url_pattern":
            "rel=canonical of the corpus page (elbaladtv.net post slug); elbalad.news ids "
            "/3329554 and /6917359 cited in public GitHub code",
    },
)
