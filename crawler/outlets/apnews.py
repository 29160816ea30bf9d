"""AP News: Associated Press, English."""

from .base import Outlet

OUTLET = Outlet(
    name="AP News",
    slug="apnews",
    languages=("en",),
    domains=("apnews.com",),
    news_sitemaps=("https://apnews.com/sitemap/google-news-sitemap/sitemap_index.xml",),
    sitemaps=("https://apnews.com/sitemap/sitemaps/sitemap_index.xml",),
    # /article/<slug>-<32 hex digits>
    article_url_pattern=r"^/article/([a-z0-9-]+-)?[0-9a-f]{32}/?$",
    sample_urls=(
        "https://apnews.com/article/mexico-economy-growth-3cc842471fb9df42315d658d88c8403a",
        "https://apnews.com/article/trump-harris-presidential-election-2024-labor-day-151f82b59473d29a448ef1cea9afe471",
    ),
    evidence={
        "https://apnews.com/sitemap/google-news-sitemap/sitemap_index.xml":
            "flairNLP/fundus publisher definition (src/fundus/publishers/us/__init__.py, APNews NewsMap)",
        "https://apnews.com/sitemap/sitemaps/sitemap_index.xml": "flairNLP/fundus publisher definition (APNews Sitemap)",
        "article_url_pattern": "rel=canonical of both AP pages in ../shared/corpus",
    },
)
