"""SIGKILL the all-outlets crawl at random moments (issue 10), then resume it.

A loopback site plays one outlet (cbc, pointed at it with `scrapy crawlall
--endpoints`): a feed listing ARTICLES slow articles. The crawl is killed with
SIGKILL TRIALS times at seeded random moments while it crawls (each re-run is the
resume of the one before, as a scheduled job would do), with small Parquet
batches so kills land between a dedup commit and the flush of its row. After
each kill: every record of every WARC reads back whole and passes `warcio check`
(only an `.open` file may end in one torn record, and the next run closes it),
every visible Parquet file reads whole, the dedup state opens (integrity_check
ok). A last run is left to finish: its WARCs are all closed and whole, and every
article is in the articles dataset exactly once.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter

from crawler.datasets.read import open_dataset
from tests.support.crawl import crawl_stats, run_scrapy
from tests.support.kill_trials import (dedup_state_opens, kill_after, start_scrapy, visible_parquet_readable,
                                       warc_damage, warc_paths)
from tests.support.servers import Route

SEED = 20261125
TRIALS = 10
ARTICLES = 12


def article_page(n: int) -> bytes:
    paragraphs = "".join(
        f"<p>Report {n}: mediators in Cairo met the delegations for round {n} of the ceasefire talks; "
        f"point {k} concerned hostage release number {n * 7 + k} and the aid crossing {n + k}.</p>"
        for k in range(6))
    return (f"<html lang='en'><head><title>Cairo talks report {n}</title>"
            f"<meta property='article:published_time' content='2024-05-{1 + n % 28:02d}T09:00:00Z'></head>"
            f"<body><h1>Cairo talks report {n}</h1><article>{paragraphs}</article></body></html>").encode()


def test_sigkill_at_random_moments_then_resume_loses_and_duplicates_nothing(local_site, tmp_path):
    rng = random.Random(SEED)
    # cbc article URLs: /news/<letters and dashes>-1.<digits>
    paths = [f"/news/world/cairo-ceasefire-talks-report-{chr(97 + n // 26)}{chr(97 + n % 26)}-1.{7300000 + n}"
             for n in range(ARTICLES)]
    # One slow answer at a time spreads the crawl over ~4 s, so kills land in the middle of it.
    one_at_a_time = threading.Lock()

    def slow(body):
        def route(handler):
            with one_at_a_time:
                time.sleep(0.2)
            return Route(body=body)
        return route

    for n, path in enumerate(paths):
        local_site.routes[path] = Route(dynamic=slow(article_page(n)))
    items = "".join(f"<item><title>Cairo ceasefire talks report {n}</title><link>{local_site.url(p)}</link></item>"
                    for n, p in enumerate(paths))
    local_site.add("/feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}'
                                f"</channel></rss>")
    endpoints = tmp_path / "endpoints.json"
    endpoints.write_text(json.dumps({"cbc": {"feeds": [local_site.url("/feed.xml")]}}))
    out = tmp_path / "out"
    settings = {"OUTPUT_DIR": out, "DATASETS_BATCH_ROWS": "5", "DATASETS_FLUSH_SECONDS": "3600",
                "CONCURRENT_REQUESTS_PER_DOMAIN": "2", "DISCOVERY_PREFILTER_ENABLED": "False",
                "ROBOTSTXT_OBEY": "False"}
    args = ["crawlall", "--outlets", "cbc", "--endpoints", str(endpoints)]

    killed, left_open = 0, []
    for trial in range(TRIALS):
        proc = start_scrapy(args, settings, tmp_path / f"trial-{trial}.log")
        # Wait until the crawl is fetching articles, then kill at a random moment within it.
        deadline = time.monotonic() + 60
        seen = len(local_site.requests)
        while len(local_site.requests) <= seen + 1 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        killed += kill_after(proc, rng.uniform(0.0, 2.2))

        warcs = warc_paths(out / "warc")
        assert warc_damage(warcs, tmp_path / "scratch" / str(trial)) == [], f"trial {trial}"
        # The files the previous kill left open were closed (or removed) by this run.
        assert not [p.name for p in left_open if p.exists()], f"trial {trial}"
        left_open = [w for w in warcs if w.name.endswith(".open")]
        assert visible_parquet_readable(out / "parquet") == [], f"trial {trial}"
        if (out / "state" / "dedup.sqlite3").exists():
            assert dedup_state_opens(out / "state") == "ok", f"trial {trial}"
    assert killed >= TRIALS - 1, f"only {killed} of {TRIALS} runs were still crawling when killed"

    final = run_scrapy(args, settings=settings, timeout=120)
    warcs = warc_paths(out / "warc")
    assert warcs and not [w.name for w in warcs if w.name.endswith(".open")], "every file is closed"
    assert warc_damage(warcs, tmp_path / "scratch" / "final") == []
    table = open_dataset(out, "articles").to_table(columns=["url", "version_id"]).to_pylist()
    counts = Counter(row["url"] for row in table)
    expected = {local_site.url(p) for p in paths}
    missing = expected - set(counts)
    assert not missing, f"lost after {killed} kills: {sorted(missing)}\n{crawl_stats(final.stderr)}"
    assert {url: c for url, c in counts.items() if c != 1} == {}, "an article was written twice"
    assert set(counts) == expected
