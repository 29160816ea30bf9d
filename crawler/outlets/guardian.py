"""The Guardian (UK), English."""

from .base import Outlet

OUTLET = Outlet(
    name="The Guardian",
    slug="guardian",
    languages=("en",),
    domains=("theguardian.com",),
    timezone="Europe/London",
    news_sitemaps=("https://www.theguardian.com/sitemaps/news.xml",),
    article_url_pattern=r"^/[a-z-]+(/[a-z-]+)?/\d{4}/[a-z]{3}/\d{2}/[^/]+/?$",
    sample_urls=(
        "https://www.theguardian.com/world/2024/feb/24/death-toll-in-valencia-fire-rises-to-10-as-remains-of-last-missing-person-found",
    ),
    evidence={
        "https://www.theguardian.com/sitemaps/news.xml":
            "flairNLP/fundus publisher definition (src/fundus/publishers/uk/__init__.py, TheGuardian NewsMap)",
        "article_url_pattern": "rel=canonical of ../shared/corpus/raw/guardian/guardian-2024-02-24.html",
    },
)
