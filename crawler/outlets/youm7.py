"""Youm7 (اليوم السابع): Egyptian daily, Arabic; reported every Cairo round."""

from .base import Outlet

OUTLET = Outlet(
    name="Youm7",
    slug="youm7",
    languages=("ar",),
    domains=("youm7.com",),
    timezone="Africa/Cairo",
    feeds=(
        "https://www.youm7.com/rss/SectionRss?SectionID=65",
        "https://www.youm7.com/rss/rss",
    ),
    article_url_pattern=r"^/story/\d{4}/\d{1,2}/\d{1,2}/[^/]+/\d+/?$",
    sample_urls=(
        "https://www.youm7.com/story/2020/8/24/وزير-الرى-يشهد-توقيع-عقد-دراسة-تحديد-السحب-الآمن-للخزانات/4943459",
    ),
    evidence={
        "https://www.youm7.com/rss/SectionRss?SectionID=65":
            "UNVERIFIED: listed as the 'politics' (سياسة) section feed in third-party feed lists "
            "in public GitHub code (code search); not fetched from the outlet",
        "https://www.youm7.com/rss/rss":
            "UNVERIFIED: listed as Youm7's general feed in a third-party Arab-news feed list "
            "(public GitHub code); not fetched from the outlet",
        "article_url_pattern":
            "rel=canonical of ../shared/corpus/raw/youm7/irrigation-minister-2020-08-24.html "
            "(/story/<y>/<m>/<d>/<slug>/<id>)",
    },
)
