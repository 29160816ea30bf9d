"""Section, tag and search result pages: the article links an HTML listing shows.

Links are taken with Scrapy's LinkExtractor (it resolves relative links, drops
fragments and javascript:); the outlet spider keeps those matching the outlet's
article URL pattern. The anchor text (or the title attribute) stands in for a
headline when judging relevance before fetching.
"""

from __future__ import annotations

from scrapy.linkextractors import LinkExtractor
from w3lib.url import safe_url_string

from .links import DiscoveredLink, Listing

_EXTRACTOR = LinkExtractor(tags=("a", "area"), attrs=("href",), unique=True, strip=True)


def parse_listing_page(response, kind: str = "section") -> Listing:
    listing = Listing(kind="page")
    titles: dict[str, str] = {}
    for anchor in response.css("a[href]"):
        href = anchor.attrib.get("href", "").strip()
        text = " ".join(" ".join(anchor.css("::text").getall()).split()) or anchor.attrib.get("title", "")
        if href and text:
            url = safe_url_string(response.urljoin(href), encoding=response.encoding)
            # The longest text wins: a headline link beats the image link beside it.
            if len(text) > len(titles.get(url, "")):
                titles[url] = text
    for link in _EXTRACTOR.extract_links(response):
        listing.links.append(DiscoveredLink(
            url=link.url, source=response.url, kind=kind,
            title=titles.get(safe_url_string(link.url)) or link.text or "",
        ))
    return listing
