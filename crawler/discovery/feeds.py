"""RSS and Atom feeds, read with feedparser (it copes with RSS 0.9x-2.0, RSS 1.0/RDF,
Atom and the malformed feeds news sites really serve)."""

from __future__ import annotations

import feedparser
from w3lib.html import remove_tags

from .links import DiscoveredLink, Listing


class NotAFeed(ValueError):
    """The body has no feed entries and does not even look like a feed."""


def parse_feed(body: bytes, source: str = "", kind: str = "feed") -> Listing:
    # feedparser must never fetch anything itself: give it bytes, not a URL.
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    # feedparser names the format it recognised ("rss20", "atom10"...); "" means none.
    if not parsed.entries and not parsed.get("version"):
        raise NotAFeed(f"not an RSS/Atom feed ({parsed.get('bozo_exception') or 'no feed element'})")
    listing = Listing(kind="feed")
    for entry in parsed.entries:
        url = entry.get("link") or _first_alternate(entry)
        if not url:
            continue
        listing.links.append(DiscoveredLink(
            url=url.strip(), source=source, kind=kind,
            title=_text(entry.get("title", "")),
            keywords=[t.get("term", "").strip() for t in entry.get("tags", []) if t.get("term")],
            summary=_text(entry.get("summary", ""))[:1000],
            published=entry.get("published") or entry.get("updated") or "",
        ))
    return listing


def _first_alternate(entry) -> str:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return ""


def _text(value: str) -> str:
    return " ".join(remove_tags(value or "").split())
