"""The full pipeline on the mirror: the same links as bare_spider, each article parsed by the project.

Run from the project folder, so every project setting applies (extraction, relevance,
dedup, claims, WARC, Parquet, monitors, incremental state, JOBDIR):
    scrapy runspider bench/perf/full_spider.py -a start_url=http://127.0.0.1:PORT/index.html
"""

from bench.perf.links import MirrorWalk
from crawler.spiders.base import ArticleSpider


class FullPipelineSpider(MirrorWalk, ArticleSpider):
    name = "bench_full"

    async def parse_article(self, response, outlet=None):
        self.crawler.stats.inc_value("bench/articles")
        async for item in super().parse_article(response, outlet):
            yield item
