"""Measure what a repeated scheduled run costs with incremental fetching (crawler/incremental).

A loopback site serves N distinct articles (~10 kB each, ETag + Last-Modified,
304 on a matching If-None-Match). The `urls` spider crawls it four times:
  1. first run            everything new
  2. right after          within INCREMENTAL_SKIP_HOURS: nothing requested
  3. past the window      conditional requests, all unchanged (304)
  4. forced (-a force=true) plain requests for everything
and the script prints, per run: article requests, 304s, bytes the server sent, items, wall time.

    python bench/incremental_runs.py [--pages 200]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.crawl import crawl_stats, feed_items, run_scrapy  # noqa: E402
from tests.support.servers import LocalSite, Route  # noqa: E402

WORDS = ("Cairo talks ceasefire delegation hostage exchange proposal mediators truce said "
         "officials Egypt Qatar Hamas Israel negotiators round agreement").split()


def article(n: int) -> bytes:
    rng = random.Random(n)
    paragraphs = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + ".</p>" for _ in range(20))
    return (f"<html lang='en'><head><title>Talks report {n}</title>"
            f"<meta property='article:published_time' content='2024-03-03T09:{n % 60:02d}:00+02:00'></head>"
            f"<body><article><h1>Talks report {n}</h1>{paragraphs}</article></body></html>").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    sent = {"bytes": 0, "304": 0}

    with LocalSite() as site, tempfile.TemporaryDirectory() as tmp:
        for n in range(args.pages):
            body = article(n)

            def answer(handler, n=n, body=body):
                etag = f'"p{n}"'
                validators = [("ETag", etag), ("Last-Modified", "Sun, 03 Mar 2024 08:00:00 GMT")]
                if handler.headers.get("If-None-Match") == etag:
                    sent["304"] += 1
                    return Route(status=304, headers=validators)
                sent["bytes"] += len(body)
                return Route(body=body, headers=validators)
            site.add(f"news/{n}.html", dynamic=answer)
        url_file = Path(tmp) / "urls.txt"
        url_file.write_text("\n".join(site.url(f"news/{n}.html") for n in range(args.pages)) + "\n")
        out = Path(tmp) / "out"
        crawl = ["crawl", "urls", "-a", f"urls={url_file}"]
        runs = [("1 first run", [], {}), ("2 right after", [], {}),
                ("3 past the skip window", [], {"INCREMENTAL_SKIP_HOURS": "0"}),
                ("4 forced", ["-a", "force=true"], {})]
        results = []
        for label, extra, settings in runs:
            mark, sent["bytes"], sent["304"] = len(site.requests), 0, 0
            items_before = len(feed_items(out)) if out.exists() else 0
            started = time.monotonic()
            proc = run_scrapy(crawl + extra, settings={"OUTPUT_DIR": out, "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
                                                      **settings}, check=False, timeout=900)
            wall = time.monotonic() - started
            requests = sum(1 for _, path, _ in site.requests[mark:] if path.startswith("/news/"))
            stats = crawl_stats(proc.stderr)
            results.append({"run": label, "exit": proc.returncode, "article_requests": requests,
                            "not_modified_304": sent["304"], "body_bytes_sent": sent["bytes"],
                            "new_items": len(feed_items(out)) - items_before, "wall_seconds": round(wall, 1),
                            "skipped_recent": "'incremental/skipped/recent'" in stats})
        print(json.dumps({"pages": args.pages, "runs": results}, indent=2))


if __name__ == "__main__":
    main()
