"""What an outlet module declares.

An outlet is data: its domains, where it lists coverage, what its article URLs
look like, and field rules only where the generic extractor needs help. The
machinery that uses these declarations lives elsewhere and is tested once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping, Union

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
    search_urls: tuple[str, ...] = ()
    article_url_pattern: str | None = None
    # field name -> rule; the outlet's rule wins over structured data.
    field_rules: Mapping[str, FieldRule] = field(default_factory=dict)
    # Where each discovery endpoint and pattern comes from (robots.txt, a page's <link>...).
    evidence: Mapping[str, str] = field(default_factory=dict)

    def owns_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def is_article_url(self, url: str) -> bool:
        return bool(self.article_url_pattern and re.search(self.article_url_pattern, url))
