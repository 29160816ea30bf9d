"""`scrapy crawl urls -a urls=FILE`: archive hand-picked article URLs.

Each URL in FILE (one per line; blank lines and # comments skipped) is fetched
once, without following links, and parsed with the rules of the outlet that
owns its domain, or the generic extractor for an unknown site.

Arguments:
  -a urls=FILE       the URL list (required for `crawl`; `scrapy parse` passes its URL itself)
  -a outlet=SLUG     use this outlet's rules for every URL (pages served from a mirror or loopback)
"""

from __future__ import annotations

from pathlib import Path

import scrapy

from crawler.outlets import get_outlet

from .base import ArticleSpider


class UrlsSpider(ArticleSpider):
    name = "urls"

    def __init__(self, urls: str | None = None, outlet: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.urls_file = urls
        self.outlet = get_outlet(outlet) if outlet else None
        # Fail before the crawl starts (non-zero exit) on a wrong path. Without
        # -a urls the spider still loads, for `scrapy parse --spider urls URL`.
        if urls is not None:
            self.read_urls()

    def read_urls(self) -> list[str]:
        if not self.urls_file:
            raise ValueError("the urls spider needs -a urls=<file with one URL per line>")
        path = Path(self.urls_file)
        if not path.is_file():
            raise FileNotFoundError(f"URL list not found: {path}")
        lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
        return [line for line in lines if line and not line.startswith("#")]

    async def start(self):
        for url in self.read_urls():
            yield scrapy.Request(url, callback=self.parse, errback=self.record_failure)

    def parse(self, response):
        yield from self.parse_article(response)
