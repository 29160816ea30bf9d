"""The full pipeline on the mirror: the same links as bare_spider, each article parsed by the project.

Run from the project folder, so every project setting applies (extraction, relevance,
dedup, claims, WARC, Parquet, monitors, incremental state, JOBDIR):
    scrapy runspider bench/perf/full_spider.py -a start_url=http://127.0.0.1:PORT/index.html
"""

import scrapy

from bench.perf.links import ARTICLE_LINKS, LISTING_LINKS
from crawler.spiders.base import ArticleSpider


class FullPipelineSpider(ArticleSpider):
    name = "bench_full"

    def __init__(self, start_url: str, **kwargs):
        super().__init__(**kwargs)
        self.start_url = start_url

    async def start(self):
        yield scrapy.Request(self.start_url, callback=self.parse_index)

    def parse_index(self, response):
        yield from response.follow_all(css=LISTING_LINKS, callback=self.parse_listing)

    def parse_listing(self, response):
        yield from response.follow_all(css=ARTICLE_LINKS, callback=self.parse_article,
                                       errback=self.record_failure)

    async def parse_article(self, response, outlet=None):
        self.crawler.stats.inc_value("bench/articles")
        async for item in super().parse_article(response, outlet):
            yield item
