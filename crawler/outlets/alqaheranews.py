"""Al Qahera News (القاهرة الإخبارية): Egyptian state news channel, Arabic; often first
with Egyptian officials' statements on the talks."""

from .base import Outlet, RenderPlan

OUTLET = Outlet(
    name="Al Qahera News",
    slug="alqaheranews",
    languages=("ar",),
    domains=("alqaheranews.net",),
    timezone="Africa/Cairo",
    sections=(
        # /category/أخبار (news) and /tag/سياسة (politics)
        "https://alqaheranews.net/category/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1",
        "https://alqaheranews.net/tag/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9",
    ),
    article_url_pattern=r"^/news/\d+(/[^/]*)?/?$",
    # A Next.js site: section listings may fill their links in with scripts ("load more"
    # pagination). UNVERIFIED: the selectors are generic guesses, not checked on a live page.
    render=RenderPlan(page_types=("listing",), wait_for="a[href*='/news/']", scrolls=3,
                      load_more="button:has-text('المزيد')", load_more_clicks=3),
    evidence={
        "https://alqaheranews.net/category/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1":
            "UNVERIFIED: section page scraped by several third-party scrapers in public GitHub code (code search); "
            "no feed or sitemap for this outlet was found in public code",
        "https://alqaheranews.net/tag/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9":
            "UNVERIFIED: tag page scraped by a third-party scraper in public GitHub code (code search)",
        "article_url_pattern":
            "UNVERIFIED GUESS: no real article URL of this outlet was found (public code or "
            "../shared/corpus); check against a live section page before relying on it",
    },
)
