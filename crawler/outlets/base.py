"""What an outlet module declares.

An outlet is data: its domains, where it lists coverage, what its article URLs
look like, and field rules only where the generic extractor needs help. The
machinery that uses these declarations lives elsewhere and is tested once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping, Union
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from crawler.rendering.plans import RenderPlan

# A field rule is a CSS selector (its text is taken; several matches give a list)
# or a function of the parsed page returning the value.
FieldRule = Union[str, Callable[["object"], object]]


@dataclass(frozen=True)
class Outlet:
    name: str
    slug: str
    languages: tuple[str, ...]
    domains: tuple[str, ...]
    # IANA zone the outlet writes naive times in (JSON-LD without an offset).
    timezone: str = "UTC"
    news_sitemaps: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    # Search result pages, with "{query}" where the (URL-encoded) search terms go;
    # the terms come from the DISCOVERY_SEARCH_TERMS setting, per language.
    search_urls: tuple[str, ...] = ()
    # Regex searched in an article URL's path (plus "?<article_url_params>" when it has them), never
    # the host: the host is checked against ``domains``, so mirrors and replays work.
    article_url_pattern: str | None = None
    # Query parameters that are part of an article's identity (e.g. "id" on
    # /news.aspx?id=123); every other parameter is tracking noise.
    article_url_params: tuple[str, ...] = ()
    # Real article URLs of this outlet (from ../shared/corpus or the cited evidence),
    # checked against article_url_pattern by the tests.
    sample_urls: tuple[str, ...] = ()
    # Pages that need a browser: which page types render (article, liveblog, listing) and
    # the wait rules (crawler/rendering/plans.py). None = everything on plain HTTP.
    render: RenderPlan | None = None
    # field name -> rule; the outlet's rule wins over structured data.
    field_rules: Mapping[str, FieldRule] = field(default_factory=dict)
    # Where each discovery endpoint and pattern comes from (robots.txt, a page's <link>...),
    # keyed by the endpoint URL or "article_url_pattern". Say "UNVERIFIED" when it is not known.
    evidence: Mapping[str, str] = field(default_factory=dict)

    def owns_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def is_article_url(self, url: str) -> bool:
        """Does ``url``'s path (and identifying query) look like one of this outlet's articles?"""
        if not self.article_url_pattern:
            return False
        parts = urlsplit(url)
        target = unquote(parts.path or "/")  # Arabic slugs arrive raw or %-encoded
        identity = self.article_identity_query(url)
        if identity:  # tracking parameters (utm_*...) never decide what an article is
            target += "?" + urlencode(identity)
        return bool(re.search(self.article_url_pattern, target))

    def article_identity_query(self, url: str) -> list[tuple[str, str]]:
        """The query parameters of ``url`` that identify the article (the rest is tracking)."""
        keep = set(self.article_url_params)
        return [(k, v) for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True) if k in keep]

    def endpoints(self) -> dict[str, tuple[str, ...]]:
        """Discovery endpoints by kind, in the order a crawl reads them."""
        return {
            "news_sitemaps": self.news_sitemaps,
            "sitemaps": self.sitemaps,
            "feeds": self.feeds,
            "sections": self.sections,
            "search_urls": self.search_urls,
        }
