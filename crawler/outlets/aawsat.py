"""Asharq Al-Awsat (الشرق الأوسط): pan-Arab daily, Arabic and English editions."""

from .base import Outlet

OUTLET = Outlet(
    name="Asharq Al-Awsat",
    slug="aawsat",
    languages=("ar", "en"),
    domains=("aawsat.com",),  # english.aawsat.com is the English edition
    timezone="Asia/Riyadh",
    feeds=(
        "https://aawsat.com/feed",
        "https://english.aawsat.com/feed",
    ),
    article_url_pattern=r"/\d{6,}-[^/]+/?$",
    sample_urls=(
        "https://aawsat.com/%D8%A7%D9%84%D8%B9%D8%A7%D9%84%D9%85/%D8%A3%D9%88%D8%B1%D9%88%D8%A8%D8%A7/5321484-%D9%83%D8%A8%D9%84%D8%B1-%D8%AD%D8%B1%D9%83%D8%A9-%D8%A7%D9%84%D8%B4%D8%AD%D9%86-%D8%B9%D8%A8%D8%B1-%D9%85%D8%B6%D9%8A%D9%82%C2%A0%D9%87%D8%B1%D9%85%D8%B2-%D9%84%D8%A7-%D8%AA%D8%B2%D8%A7%D9%84-%D8%AF%D9%88%D9%86-%D9%85%D8%AA%D9%88%D8%B3%D8%B7-10-%D8%A3%D9%8A%D8%A7%D9%85",
    ),
    evidence={
        "https://aawsat.com/feed":
            "UNVERIFIED: feed URL in four third-party news readers in public GitHub code (code search); "
            "not fetched from the outlet",
        "https://english.aawsat.com/feed":
            "UNVERIFIED: feed URL in three third-party English news readers in public GitHub code",
        "article_url_pattern":
            "real article URLs in public GitHub code: /<section>/<subsection>/<id>-<slug> "
            "(e.g. /العالم/أوروبا/5321484-...); no page in ../shared/corpus",
    },
)
