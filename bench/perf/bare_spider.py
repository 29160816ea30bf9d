"""Bare Scrapy, the limit: follows the mirror's listings and fetches every article, does nothing else.

Run from a folder without scrapy.cfg, so only Scrapy's defaults apply (no project
pipelines, middlewares, extensions or archive):
    scrapy runspider bench/perf/bare_spider.py -a start_url=http://127.0.0.1:PORT/index.html
"""

import scrapy

from bench.perf.links import ARTICLE_LINKS, LISTING_LINKS


class BareSpider(scrapy.Spider):
    name = "bench_bare"

    def __init__(self, start_url: str, **kwargs):
        super().__init__(**kwargs)
        self.start_url = start_url

    async def start(self):
        yield scrapy.Request(self.start_url, callback=self.parse_index)

    def parse_index(self, response):
        yield from response.follow_all(css=LISTING_LINKS, callback=self.parse_listing)

    def parse_listing(self, response):
        yield from response.follow_all(css=ARTICLE_LINKS, callback=self.parse_article)

    def parse_article(self, response):
        self.crawler.stats.inc_value("bench/articles")
