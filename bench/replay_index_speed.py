"""How fast is offline replay's archive index? Build a WARC of N pages, index it, read captures.

Each page is ~25 KB of HTML stored gzip-encoded (Content-Encoding: gzip) in a
per-record-gzip .warc.gz with a request record beside it, as a crawl writes it.
Reports: WARC size, index build time by scanning (records/s) and from a CDXJ
beside the WARC (as crawler.archive writes them), index memory (RSS growth),
and the time to serve one capture by URL (lookup + seek + read), which is what
the replay download handler does per request.

    python bench/replay_index_speed.py              # 5,000 pages
    python bench/replay_index_speed.py --pages 20000
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from cdxj_indexer.main import CDXJIndexer  # noqa: E402

from crawler.replay import WarcIndex  # noqa: E402
from tests.support.replay_warc import ArchiveBuilder  # noqa: E402

WORDS = "talks delegation cairo gaza hamas proposal truce phase hostages prisoners mediators egypt qatar".split()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def page(n: int, rng: random.Random) -> bytes:
    paragraphs = "".join(f"<p>{' '.join(rng.choices(WORDS, k=60))} {n}</p>" for _ in range(60))
    return f"<html><head><title>Story {n}</title></head><body>{paragraphs}</body></html>".encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--reads", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        started = time.perf_counter()
        with ArchiveBuilder(path) as warc:
            for n in range(args.pages):
                warc.page(f"https://www.example-outlet.com/news/{n}/story-{n}.html?ref=home", page(n, rng),
                          gzip_body=True)
        written = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6

        rss_before = rss_mb()
        started = time.perf_counter()
        index = WarcIndex([path], use_cdxj=False)
        build = time.perf_counter() - started
        rss_after = rss_mb()

        # The archive writes <file>.cdxj beside each closed WARC; replay then skips the scan.
        CDXJIndexer(str(path) + ".cdxj", [str(path)], sort=True, fields="warc-record-id,warc-date",
                    records="response,revisit").process_all()
        started = time.perf_counter()
        from_cdxj = WarcIndex([path])
        build_cdxj = time.perf_counter() - started
        assert from_cdxj.from_cdxj == [path] and len(from_cdxj) == len(index)

        urls = [f"https://www.example-outlet.com/news/{n}/story-{n}.html?ref=home"
                for n in rng.sample(range(args.pages), min(args.reads, args.pages))]
        started = time.perf_counter()
        body_bytes = sum(len(index.get(url).body) for url in urls)
        read = time.perf_counter() - started
        started = time.perf_counter()
        misses = sum(index.get(f"https://www.example-outlet.com/missing/{n}") is None for n in range(args.reads))
        miss_time = time.perf_counter() - started

    print(f"pages {args.pages}, records {index.records}, WARC {size_mb:.1f} MB (written in {written:.1f}s)")
    print(f"index build: {build:.2f}s = {index.records / build:,.0f} records/s, {size_mb / build:.1f} MB/s")
    print(f"index build from the CDXJ beside it: {build_cdxj:.2f}s ({build / build_cdxj:.0f}x faster)")
    print(f"index memory: ~{max(0.0, rss_after - rss_before):.1f} MB peak RSS growth for {len(index)} URLs")
    print(f"serve a capture (lookup + seek + read, gzip body kept): {read / len(urls) * 1000:.3f} ms "
          f"({len(urls)} reads, {body_bytes / len(urls) / 1024:.1f} KB each)")
    print(f"miss lookup: {miss_time / args.reads * 1e6:.1f} us ({misses} misses)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
