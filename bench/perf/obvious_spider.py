"""What a user would write instead of the project: Scrapy + trafilatura + warcio + pyarrow, the obvious way.

The same links as bare_spider. Each article response goes into a WARC as a warcio
response record (warcio's own gzip), trafilatura's ``bare_extraction`` reads the page,
and the rows are kept in a list written as one pyarrow table when the spider closes.
No relevance, dedup, claims, request records, revisits, incremental state or monitors.
Run from a folder without scrapy.cfg, so only Scrapy's defaults apply:
    scrapy runspider bench/perf/obvious_spider.py -a start_url=http://127.0.0.1:PORT/index.html -a output_dir=OUT
"""

from io import BytesIO
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import scrapy
import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.perf.links import MirrorWalk


class ObviousAssemblySpider(MirrorWalk, scrapy.Spider):
    name = "bench_obvious"

    def __init__(self, start_url: str, output_dir: str = ".", **kwargs):
        super().__init__(start_url, **kwargs)
        self.output_dir = Path(output_dir)
        self.output_dir.mkdir(parents=True, exist_ok=True)
        self.warc_file = open(self.output_dir / "crawl.warc.gz", "wb")
        self.warc = WARCWriter(self.warc_file, gzip=True)
        self.rows: list[dict] = []

    def parse_article(self, response):
        self.crawler.stats.inc_value("bench/articles")
        headers = [(name.decode("latin-1"), value.decode("latin-1"))
                   for name, values in response.headers.items() for value in values]
        http_headers = StatusAndHeaders(f"{response.status} OK", headers, protocol="HTTP/1.1")
        self.warc.write_record(self.warc.create_warc_record(
            response.url, "response", payload=BytesIO(response.body), http_headers=http_headers))
        document = trafilatura.bare_extraction(response.text, url=response.url, with_metadata=True, as_dict=True)
        if not document:
            return
        self.crawler.stats.inc_value("extraction/ok")
        row = {"url": response.url, "title": document.get("title"), "author": document.get("author"),
               "date": document.get("date"), "language": document.get("language"), "text": document.get("text")}
        self.rows.append(row)
        yield row

    def closed(self, reason):
        self.warc_file.close()
        pq.write_table(pa.Table.from_pylist(self.rows), self.output_dir / "articles.parquet")
