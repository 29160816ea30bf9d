"""Al Jazeera English (Qatar)."""

from .base import Outlet

OUTLET = Outlet(
    name="Al Jazeera English",
    slug="aljazeera-english",
    languages=("en",),
    domains=("aljazeera.com",),
    timezone="Asia/Qatar",
    feeds=("https://www.aljazeera.com/xml/rss/all.xml",),
    # Current: /news/2026/2/24/<slug>; 2019: /news/2019/11/<slug>-<12+ digits>.html, /ajimpact/<slug>-<digits>.html
    article_url_pattern=(r"^/[a-z-]+(/[a-z-]+)?/\d{4}/\d{1,2}(/\d{1,2})?/[^/]+/?$"
                         r"|^/[a-z-]+/[^/]+-\d{12,}\.html$"),
    sample_urls=(
        "https://www.aljazeera.com/news/2019/11/service-members-killed-afghanistan-helicopter-crash-191120070028895.html",
        "https://www.aljazeera.com/ajimpact/nasas-commercial-moon-shot-musk-bezos-firms-bid-191119041538885.html",
        "https://www.aljazeera.com/news/2026/2/24/mapping-russian-attacks-and-territorial-gains-across-ukraine",
    ),
    evidence={
        "https://www.aljazeera.com/xml/rss/all.xml":
            "<link rel=alternate type=application/rss+xml> in the real page "
            "../shared/corpus/raw/aljazeera-english/afghanistan-helicopter-2019-11.html; also in many "
            "public news readers",
        "article_url_pattern":
            "rel=canonical of both corpus pages (2019 format); the current dated format from "
            "article URLs in public GitHub code",
    },
)
