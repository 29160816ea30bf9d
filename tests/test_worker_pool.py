"""crawler/worker_pool.py: extraction, relevance and claims in worker processes.

The same crawl of a loopback site runs inline (WORKER_PROCESSES=0) and with a
worker process; the items must be the same, field for field.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os

from scrapy.utils.test import get_crawler

from crawler.worker_pool import WorkerPool
from tests.conftest import FIXTURES, shared_path
from tests.support.crawl import crawl_stats, feed_items, run_scrapy

# Differ between any two runs, workers or not.
PER_RUN_FIELDS = {"fetched_at", "warc_filename", "warc_offset", "warc_length", "warc_record_id"}


def crawl(local_site, tmp_path, name: str, workers: int) -> tuple[dict, str]:
    pages = [local_site.add_file("world/talks-en.html", FIXTURES / "site" / "talks-en.html"),
             local_site.add_file("ar/talks-ar.html", FIXTURES / "site" / "talks-ar.html"),
             local_site.add_file("real/cbc.html", shared_path("corpus/raw/cbc/gaza-after-sinwar-2024-08-08.html")),
             local_site.add("logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), headers=[("Content-Type", "image/png")])]
    urls = tmp_path / f"{name}.txt"
    urls.write_text("\n".join(pages) + "\n", encoding="utf-8")
    out = tmp_path / name
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"],
                      settings={"OUTPUT_DIR": out, "WORKER_PROCESSES": str(workers)})
    items = {item["url"]: {k: v for k, v in item.items() if k not in PER_RUN_FIELDS} for item in feed_items(out)}
    return items, crawl_stats(proc.stderr)


def test_a_crawl_with_a_worker_process_gives_the_same_items_as_inline(local_site, tmp_path):
    inline, inline_stats = crawl(local_site, tmp_path, "inline", 0)
    pooled, pooled_stats = crawl(local_site, tmp_path, "pooled", 1)
    assert len(inline) == 3 and pooled == inline
    assert any(item["claims"] for item in pooled.values()) and all("on_topic" in i for i in pooled.values())
    # Extraction of 4 responses, relevance and dedup fingerprints of 3 articles and claims of the
    # on-topic ones went to the worker.
    tasks = 4 + 3 + 3 + sum(1 for item in pooled.values() if item["on_topic"])
    assert f"'workers/tasks': {tasks}" in pooled_stats and "workers/tasks" not in inline_stats
    # The image is no article: refused in the worker and counted as it is inline.
    assert "'extraction/failed/not_html': 1" in pooled_stats and "'extraction/failed/not_html': 1" in inline_stats


def _dies_in_a_worker(value: int) -> int:
    if multiprocessing.parent_process() is not None:
        os._exit(3)  # a worker killed mid-task (out of memory, kill -9)
    return value * 2


def test_a_dead_worker_costs_no_result_and_the_pool_is_replaced():
    crawler = get_crawler(settings_dict={"WORKER_PROCESSES": 1})
    pool = WorkerPool.from_crawler(crawler)
    try:
        assert asyncio.run(pool.run(_dies_in_a_worker, 21)) == 42  # ran inline after the crash
        assert crawler.stats.get_value("workers/broken_pool") == 1
        assert asyncio.run(pool.run(abs, -5)) == 5  # the new pool works
        assert crawler.stats.get_value("workers/tasks") == 2
    finally:
        pool.close()


def test_spare_cores_follow_the_cores_this_process_may_use(monkeypatch):
    from crawler.worker_pool import MAX_DEFAULT_WORKERS, spare_cores

    for cores, workers in ((1, 0), (2, 1), (3, 2), (16, MAX_DEFAULT_WORKERS)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid, n=cores: set(range(n)))
        assert spare_cores() == workers, cores
