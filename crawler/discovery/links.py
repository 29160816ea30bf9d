"""What a listing tells us about an article before we fetch it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class DiscoveredLink:
    url: str
    # Where the link was found and how: "news_sitemap", "sitemap", "feed", "section", "search".
    source: str = ""
    kind: str = ""
    title: str = ""
    keywords: list[str] = field(default_factory=list)
    summary: str = ""
    # As the listing wrote it (news:publication_date, lastmod, pubDate); not normalized.
    published: str = ""

    def visible_text(self) -> str:
        """Everything we can judge relevance on without fetching the page."""
        return " ".join(part for part in (self.title, " ".join(self.keywords), self.summary) if part)

    def as_meta(self) -> dict:
        """Kept in request.meta["discovery"] so archives can record where an article came from."""
        return {k: v for k, v in asdict(self).items() if v}


@dataclass
class Listing:
    kind: str  # "urlset", "sitemapindex", "feed", "page"
    links: list[DiscoveredLink] = field(default_factory=list)
    # Child listings to read next (sitemap index entries), with their lastmod when given.
    children: list[tuple[str, str]] = field(default_factory=list)
