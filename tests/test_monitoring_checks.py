"""The monitors' judgement on given run stats (crawler/monitors/checks.py), without a crawl:
per-outlet coverage, component errors, retries and the floor that counts unchanged pages."""

from __future__ import annotations

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler
from spidermon.contrib.scrapy.runners import SpiderMonitorRunner

import crawler.settings as project_settings
# Imported as a module: the monitors are unittest TestCases, pytest would collect them as tests here.
from crawler.monitors import checks
from spidermon import MonitorSuite


class Probe(Spider):
    name = "probe"


def judge(monitor, stats: dict, tmp_path, **settings) -> list[str]:
    # The project's thresholds (the defaults users get), overridden per test.
    thresholds = {k: getattr(project_settings, k) for k in dir(project_settings) if k.startswith("MONITOR_")}
    crawler = get_crawler(Probe, {**thresholds, "OUTPUT_DIR": str(tmp_path), **settings})
    spider = Probe()
    suite = MonitorSuite(monitors=[monitor], crawler=crawler)
    runner = SpiderMonitorRunner(spider=spider)
    result = runner.run(suite, stats=stats, stats_history=[], crawler=crawler, spider=spider, job=None)
    return [r.error.strip().splitlines()[-1] for r in result.monitors_failed_results]


def outlet_stats(outlet, items, **fields):
    stats = {f"monitoring/outlet/{outlet}/items": items}
    stats.update({f"monitoring/outlet/{outlet}/field/{name}": n for name, n in fields.items()})
    return stats


def test_coverage_is_judged_per_outlet(tmp_path):
    stats = {**outlet_stats("youm7", 10, headline=10, published=10, body=10),
             **outlet_stats("ahram", 10, headline=10, published=3, body=10)}
    [message] = judge(checks.OutletFieldCoverageMonitor, stats, tmp_path)
    assert "outlet 'ahram': field 'published' filled in 3/10 items (30%), below 80%" in message
    assert "youm7" not in message


def test_coverage_thresholds_and_min_items_are_settings(tmp_path):
    stats = outlet_stats("ahram", 2, headline=2, published=0, body=2)
    assert judge(checks.OutletFieldCoverageMonitor, stats, tmp_path, MONITOR_COVERAGE_MIN_ITEMS=3) == []
    assert judge(checks.OutletFieldCoverageMonitor, stats, tmp_path, MONITOR_FIELD_COVERAGE={"headline": 1.0}) == []


def test_floor_counts_pages_known_to_be_unchanged(tmp_path):
    assert judge(checks.ItemFloorMonitor, {"item_scraped_count": 0, "incremental/skipped/recent": 40}, tmp_path) == []
    assert judge(checks.ItemFloorMonitor, {"item_scraped_count": 0, "dedup/refetch": 3}, tmp_path) == []
    [message] = judge(checks.ItemFloorMonitor, {"item_scraped_count": 4}, tmp_path, MONITOR_MIN_ITEMS=5)
    assert "4 items scraped (+0 unchanged) is below the floor MONITOR_MIN_ITEMS=5" in message


@pytest.mark.parametrize("stats, expected", [
    ({"claims/errors/NotADirectoryError": 2, "downloader/request_count": 5}, "claims/errors/NotADirectoryError=2"),
    ({"fetch/failed/http_500": 3, "downloader/request_count": 10}, "3 of 10 requests failed (30%)"),
    # Requests deliberately ignored (robots.txt...) are not failures.
    ({"fetch/failed/http_500": 3, "fetch/failed/IgnoreRequest": 5, "downloader/request_count": 10},
     "3 of 10 requests failed (30%)"),
    ({"extraction/failed/empty_body": 6, "extraction/ok": 4}, "6 of 10 pages could not be parsed"),
])
def test_error_rates(tmp_path, stats, expected):
    [message] = judge(checks.ErrorRateMonitor, stats, tmp_path)
    assert expected in message


def test_retry_rate_and_exhausted_retries(tmp_path):
    assert judge(checks.RetryRateMonitor, {"retry/count": 1, "downloader/request_count": 10}, tmp_path) == []
    # Too few requests to call a rate (MONITOR_RETRY_RATE_MIN_REQUESTS=20).
    assert judge(checks.RetryRateMonitor, {"retry/count": 2, "downloader/request_count": 3}, tmp_path) == []
    messages = judge(checks.RetryRateMonitor, {"retry/count": 9, "retry/max_reached": 6, "downloader/request_count": 20},
                     tmp_path)
    assert any("9 retries for 20 requests (45%)" in m for m in messages)
    assert any("6 requests gave up after the last retry" in m for m in messages)
