"""Measure the WARC archive's cost per page: record building + writing, strict check, CDXJ.

Synthetic but realistic pages: ~80 kB of HTML gzipped by the "server" (~20 kB on
the wire), two Set-Cookie headers. No network: this isolates the archive's own
CPU cost from crawling.

    python bench/archive_throughput.py [--pages 2000] [--max-size 50000000]
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scrapy.http import HtmlResponse, Request  # noqa: E402

from crawler.archive.indexing import write_cdxj  # noqa: E402
from crawler.archive.records import RecordFactory  # noqa: E402
from crawler.archive.validation import check_warcs  # noqa: E402
from crawler.archive.writer import RotatingWarcWriter  # noqa: E402

WORDS = "talks ceasefire Cairo delegation hostage exchange proposal mediators truce said officials".split()


def page(n: int) -> bytes:
    rng = random.Random(n)
    paragraphs = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + "</p>" for _ in range(180))
    return f"<html><head><title>Page {n}</title></head><body><article>{paragraphs}</article></body></html>".encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--max-size", type=int, default=50_000_000)
    args = parser.parse_args()
    bodies = [gzip.compress(page(n), mtime=0) for n in range(50)]
    factory = RecordFactory()
    with tempfile.TemporaryDirectory() as tmp:
        writer = RotatingWarcWriter(Path(tmp), prefix="BENCH", max_size=args.max_size, warcinfo={"software": "bench"})
        payload_bytes = 0
        start = time.perf_counter()
        for n in range(args.pages):
            url = f"http://example.org/news/{n}.html?id={n}"
            body = bodies[n % len(bodies)]
            response = HtmlResponse(url, body=body, request=Request(url), protocol="HTTP/1.1",
                                    headers=[("Content-Type", "text/html; charset=utf-8"),
                                             ("Content-Encoding", "gzip"),
                                             ("Set-Cookie", "a=1; Path=/"), ("Set-Cookie", "b=2; Path=/")])
            date = factory.now()
            record = factory.response_record(url, response, date, "127.0.0.1")
            request = factory.request_record(url, response.request, "HTTP/1.1", date,
                                             record.rec_headers.get_header("WARC-Record-ID"), "127.0.0.1")
            writer.write(record, request)
            payload_bytes += len(body)
        writer.close()
        write_s = time.perf_counter() - start
        files = sorted(Path(tmp).glob("*.warc.gz"))
        warc_bytes = sum(f.stat().st_size for f in files)
        start = time.perf_counter()
        problems = check_warcs(files)
        check_s = time.perf_counter() - start
        start = time.perf_counter()
        for f in files:
            write_cdxj(f)
        index_s = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pages: {args.pages}, payload {payload_bytes / 1e6:.1f} MB, WARC {warc_bytes / 1e6:.1f} MB "
          f"in {len(files)} file(s)")
    print(f"write (build + gzip + digests): {args.pages / write_s:.0f} pages/s, "
          f"{write_s / args.pages * 1000:.2f} ms/page")
    print(f"strict check: {args.pages / check_s:.0f} pages/s ({len(problems)} problems)")
    print(f"cdxj index: {args.pages / index_s:.0f} pages/s")
    print(f"peak RSS: {rss_mb:.0f} MB (cpu count {os.cpu_count()})")


if __name__ == "__main__":
    main()
