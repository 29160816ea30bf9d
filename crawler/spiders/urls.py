"""`scrapy crawl urls -a urls=FILE`: archive hand-picked article URLs.

Each URL in FILE (one per line; blank lines and # comments skipped) is fetched
once, without following links, and parsed with the rules of the outlet that
owns its domain, or the generic extractor for an unknown site.

Arguments:
  -a urls=FILE       the URL list (required for `crawl`; `scrapy parse` passes its URL itself)
  -a outlet=SLUG     use this outlet's rules for every URL (pages served from a mirror or loopback)
  -a render=true     render every URL in headless Chromium (the outlet's wait rules apply when it
                     declares them); without it only URLs whose outlet renders articles are rendered
  -a wait_for=CSS    with render=true: wait until this selector is in the page (else: timeout error)
  -a scrolls=N       with render=true: scroll to the bottom up to N times
  -a load_more=CSS   with render=true: click this "load more" button up to 5 times
"""

from __future__ import annotations

from pathlib import Path

import scrapy

from crawler.outlets import get_outlet, outlet_for_url
from crawler.rendering import PAGE_TYPES, RenderPlan, render_meta

from .base import ArticleSpider


class UrlsSpider(ArticleSpider):
    name = "urls"

    def __init__(self, urls: str | None = None, outlet: str | None = None, render: str | None = None,
                 wait_for: str | None = None, scrolls: str | None = None, load_more: str | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.render_all = str(render or "").strip().lower() in ("1", "true", "yes", "on")
        # Wait rules given on the command line replace the outlet's (pages of an unknown site).
        self.cli_plan = None
        if self.render_all and (wait_for or scrolls or load_more):
            self.cli_plan = RenderPlan(page_types=PAGE_TYPES, wait_for=wait_for or None, scrolls=int(scrolls or 0),
                                       load_more=load_more or None, load_more_clicks=5 if load_more else 0)
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
            outlet = self.outlet or outlet_for_url(url)
            plan = self.cli_plan or (outlet.render if outlet else None)
            meta = render_meta(plan, url, "article", force=self.render_all)
            yield scrapy.Request(url, callback=self.parse, errback=self.record_failure, meta=meta)

    async def parse(self, response):
        async for item in self.parse_article(response):
            yield item
