"""Reuters: news agency, English; the agency most other outlets quote on the talks."""

from .base import Outlet

OUTLET = Outlet(
    name="Reuters",
    slug="reuters",
    languages=("en",),
    domains=("reuters.com",),
    news_sitemaps=("https://www.reuters.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml",),
    sitemaps=("https://www.reuters.com/arc/outboundfeeds/sitemap-index/?outputType=xml",),
    sections=("https://www.reuters.com/world/middle-east/",),
    # /<section>[/<sub>]/<slug>-<yyyy>-<mm>-<dd>/
    article_url_pattern=r"^/[a-z-]+(/[a-z-]+)*/[a-z0-9-]+-\d{4}-\d{2}-\d{2}/?$",
    sample_urls=(
        "https://www.reuters.com/world/middle-east/israeli-tank-likely-scenario-fired-machine-gun-reporters-after-deadly-shelling-2024-03-07/",
        "https://www.reuters.com/business/aerospace-defense/nepal-says-no-proof-flydubai-plane-suffered-bird-strike-2023-04-25/",
    ),
    evidence={
        "https://www.reuters.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml":
            "flairNLP/fundus publisher definition (src/fundus/publishers/us/__init__.py, Reuters NewsMap)",
        "https://www.reuters.com/arc/outboundfeeds/sitemap-index/?outputType=xml":
            "flairNLP/fundus publisher definition (Reuters Sitemap)",
        "https://www.reuters.com/world/middle-east/":
            "UNVERIFIED: inferred from the section path of the corpus article URL "
            "(raw/reuters/tank-fired-reporters-2024-03-07.html); not seen as a listing",
        "article_url_pattern": "rel=canonical of both Reuters pages in ../shared/corpus",
    },
)
