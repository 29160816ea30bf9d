"""One crawler process or two sharing a frontier: wall time of the same crawl.

A loopback site (tests/support/servers.py) serves a section page linking N articles,
each answered after a fixed latency (a slow outlet); a private redis-server holds the
frontier. The cbc outlet spider crawls it (a) as one process with the distributed
profile and (b) as two processes started together, each with 2 requests at a time.
Every page must be fetched exactly once in both cases; the report gives the wall
time of each (with process start-up), the crawl time (spider opened to closed, the
longest of the processes) and the responses each process fetched.

    python bench/distributed_crawl.py                    # 40 articles, 0.5 s each
    python bench/distributed_crawl.py --articles 80 --latency 1
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from tests.support.crawl import crawl_stats, run_scrapy  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402
from tests.support.servers import LocalSite, Route  # noqa: E402


def page(i: int) -> str:
    words = " ".join(f"w{i}x{j}" for j in range(300))
    return (f"<html lang='en'><head><title>Cairo ceasefire talks {i}</title></head><body><h1>Cairo ceasefire "
            f"talks {i}</h1><article><p>Mediators in Cairo discussed the Gaza ceasefire. {words}</p></article></body></html>")


def slug(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return f"/news/world/talks-{letters[i // 26 % 26]}{letters[i % 26]}-1.74{i:05d}"


def crawl(site: LocalSite, redis_url: str, processes: int, tmp: Path) -> dict:
    prefix = f"bench-{uuid.uuid4().hex[:6]}"
    site.requests.clear()

    def one(n: int):
        return run_scrapy(["crawl", "cbc", "-a", f"sections={site.url('/section.html')}", "-a", "prefilter=0"],
                          timeout=900, settings={"OUTPUT_DIR": str(tmp / f"{prefix}-{n}"), "DISTRIBUTED": redis_url,
                                                 "DISTRIBUTED_KEY_PREFIX": prefix, "CONCURRENT_REQUESTS": "2",
                                                 "CONCURRENT_REQUESTS_PER_DOMAIN": "2", "LOG_LEVEL": "INFO"})

    started = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        procs = list(pool.map(one, range(processes)))
    wall = time.perf_counter() - started
    fetched = Counter(path for _, path, _ in site.requests if path.startswith("/news/"))
    shares, crawling = [], []
    for proc in procs:
        stats = crawl_stats(proc.stderr)
        marker = "'downloader/response_status_count/200': "
        shares.append(int(stats.split(marker, 1)[1].split(",", 1)[0]) if marker in stats else 0)
        crawling.append(float(re.search(r"'elapsed_time_seconds': ([\d.]+)", stats).group(1)))
    # wall = process start-up (imports, ~5 s on a busy 2-core machine) + crawl; crawl = spider open to close.
    return {"processes": processes, "wall_seconds": round(wall, 1), "crawl_seconds": round(max(crawling), 1),
            "articles_fetched": sum(fetched.values()),
            "fetched_more_than_once": sum(1 for n in fetched.values() if n > 1),
            "responses_per_process": shares}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    def slow(body: str):
        def respond(handler):
            time.sleep(args.latency)
            return Route(body=body.encode())
        return Route(dynamic=respond)

    results = []
    with tempfile.TemporaryDirectory() as tmp, LocalSite() as site:
        server = RedisServer(Path(tmp) / "redis")
        try:
            for i in range(args.articles):
                site.routes[slug(i)] = slow(page(i))
            site.add("/section.html", "".join(f'<a href="{slug(i)}">talks {i}</a>' for i in range(args.articles)))
            for processes in (1, 2):
                results.append(crawl(site, server.url, processes, Path(tmp)))
                print(json.dumps(results[-1]), flush=True)
        finally:
            server.stop()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
