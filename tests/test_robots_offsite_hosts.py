"""robots.txt of an off-site host is read and obeyed (crawler.middlewares.RobotsTxtOffsiteMiddleware).

A spider limited to 127.0.0.1 asks, with ``allow_offsite``, for pages on ``localhost`` (the same
loopback server under another host name, as a CDN is for an outlet): the host's robots.txt must
be fetched, and the page it disallows must never be requested.
"""

from __future__ import annotations

from tests.support.crawl import crawl_stats, run_scrapy

SPIDER = '''
import scrapy


class OffsiteRobots(scrapy.Spider):
    name = "offsite_robots"
    allowed_domains = ["127.0.0.1"]

    def __init__(self, port, **kwargs):
        super().__init__(**kwargs)
        self.port = port

    async def start(self):
        yield scrapy.Request(f"http://127.0.0.1:{self.port}/index.html")

    def parse(self, response):
        for path in ("open.css", "private/photo.jpg"):
            yield scrapy.Request(f"http://localhost:{self.port}/{path}", callback=self.fetched,
                                 meta={"allow_offsite": True})

    def fetched(self, response):
        return None
'''


def test_an_offsite_hosts_robots_txt_is_read_and_obeyed(local_site, tmp_path):
    local_site.add("robots.txt", "User-agent: *\nDisallow: /private/\n", headers=[("Content-Type", "text/plain")])
    local_site.add("index.html", "<html><body><p>index</p></body></html>")
    local_site.add("open.css", "p { color: teal }", headers=[("Content-Type", "text/css")])
    local_site.add("private/photo.jpg", b"\xff\xd8\xff", headers=[("Content-Type", "image/jpeg")])
    spider = tmp_path / "offsite_robots.py"
    spider.write_text(SPIDER, encoding="utf-8")

    proc = run_scrapy(["runspider", str(spider), "-a", f"port={local_site.port}"],
                      settings={"OUTPUT_DIR": tmp_path / "out", "ROBOTSTXT_OBEY": True, "WARC_ENABLED": False,
                                "SPIDERMON_ENABLED": False, "INCREMENTAL_ENABLED": False})

    requested = [(headers.get("Host", ""), path) for _method, path, headers in local_site.requests]
    assert ("localhost:%d" % local_site.port, "/robots.txt") in requested
    assert ("localhost:%d" % local_site.port, "/open.css") in requested
    assert all(path != "/private/photo.jpg" for _host, path in requested)
    assert "'robotstxt/forbidden': 1" in crawl_stats(proc.stderr)
