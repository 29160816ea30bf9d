"""Bare Scrapy, the limit: follows the mirror's listings and fetches every article, does nothing else.

Run from a folder without scrapy.cfg, so only Scrapy's defaults apply (no project
pipelines, middlewares, extensions or archive):
    scrapy runspider bench/perf/bare_spider.py -a start_url=http://127.0.0.1:PORT/index.html
"""

import scrapy

from bench.perf.links import MirrorWalk


class BareSpider(MirrorWalk, scrapy.Spider):
    name = "bench_bare"

    def parse_article(self, response):
        self.crawler.stats.inc_value("bench/articles")
