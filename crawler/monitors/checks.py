"""The monitors every crawl is judged by at spider close.

Thresholds are settings (``MONITOR_*``, ``SPIDERMON_EXPECTED_FINISH_REASONS``),
so a run can loosen them with ``-s``. Failure messages name the outlet and the
field, because the person reading them has to find which outlet changed layout.
"""

from __future__ import annotations

from spidermon import monitors
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor

from .outlet_stats import field_stat, items_stat, outlets_in

# What a run saw without producing a new item, yet not a failure: pages the
# incremental layer skipped or found unchanged (crawler/incremental), and
# identical re-fetches the dedup step dropped (pipelines/dedup.py).
SEEN_UNCHANGED_STATS = ("incremental/skipped", "incremental/unchanged", "dedup/refetch")


def _sum_prefix(stats: dict, prefix: str) -> int:
    return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, (int, float)))


@monitors.name("Item floor")
class ItemFloorMonitor(BaseScrapyMonitor):
    """Enough articles: new items plus pages known to be unchanged reach MONITOR_MIN_ITEMS."""

    @monitors.name("Should scrape at least MONITOR_MIN_ITEMS articles")
    def test_item_floor(self):
        floor = self.crawler.settings.getint("MONITOR_MIN_ITEMS")
        scraped = self.stats.get("item_scraped_count", 0)
        unchanged = sum(_sum_prefix(self.stats, key) for key in SEEN_UNCHANGED_STATS)
        self.assertGreaterEqual(
            scraped + unchanged, floor,
            msg=f"spider {self.data.spider.name!r}: {scraped} items scraped (+{unchanged} unchanged) "
                f"is below the floor MONITOR_MIN_ITEMS={floor}",
        )


@monitors.name("Field coverage per outlet")
class OutletFieldCoverageMonitor(BaseScrapyMonitor):
    """Each outlet's items have headline, published and body often enough (MONITOR_FIELD_COVERAGE)."""

    @monitors.name("Should fill the key fields for every outlet")
    def test_field_coverage(self):
        thresholds = {k: float(v) for k, v in self.crawler.settings.getdict("MONITOR_FIELD_COVERAGE").items()}
        min_items = self.crawler.settings.getint("MONITOR_COVERAGE_MIN_ITEMS")
        problems = []
        for outlet in outlets_in(self.stats):
            total = self.stats.get(items_stat(outlet), 0)
            if total < min_items:  # too few items to judge a ratio
                continue
            for field, minimum in sorted(thresholds.items()):
                have = self.stats.get(field_stat(outlet, field), 0)
                if have / total < minimum:
                    problems.append(
                        f"outlet {outlet!r}: field {field!r} filled in {have}/{total} items "
                        f"({have / total:.0%}), below {minimum:.0%}"
                    )
        self.assertFalse(problems, msg="; ".join(problems))


class ThresholdMonitor(BaseScrapyMonitor):
    """Monitors comparing a count or a rate with the setting that bounds it."""

    def assert_within(self, value: float, setting: str, what: str, rate: bool = False) -> None:
        """``value`` at most the setting; the message says what was seen, then the limit."""
        settings = self.crawler.settings
        limit = settings.getfloat(setting) if rate else settings.getint(setting)
        self.assertLessEqual(value, limit, msg=f"{what}, above {setting}={limit:.0%}" if rate
                             else f"{what}, above {setting}={limit}")


@monitors.name("Error rate")
class ErrorRateMonitor(ThresholdMonitor):
    """Failed fetches and unparseable pages stay below their rates; no ERROR log lines beyond MONITOR_MAX_ERRORS."""

    @monitors.name("Should keep fetch failures below MONITOR_MAX_FETCH_FAILURE_RATE")
    def test_fetch_failure_rate(self):
        # IgnoreRequest is a decision (robots.txt, offsite, a host known dead), not a failed fetch.
        failed = _sum_prefix(self.stats, "fetch/failed/") - self.stats.get("fetch/failed/IgnoreRequest", 0)
        requests = self.stats.get("downloader/request_count", 0)
        rate = failed / requests if requests else 0.0
        self.assert_within(rate, "MONITOR_MAX_FETCH_FAILURE_RATE",
                           f"{failed} of {requests} requests failed ({rate:.0%})", rate=True)

    @monitors.name("Should parse most fetched pages (MONITOR_MAX_EXTRACTION_FAILURE_RATE)")
    def test_extraction_failure_rate(self):
        failed = _sum_prefix(self.stats, "extraction/failed/")
        ok = self.stats.get("extraction/ok", 0)
        rate = failed / (failed + ok) if failed + ok else 0.0
        self.assert_within(rate, "MONITOR_MAX_EXTRACTION_FAILURE_RATE",
                           f"{failed} of {failed + ok} pages could not be parsed ({rate:.0%})", rate=True)

    @monitors.name("Should have no component errors (MONITOR_MAX_COMPONENT_ERRORS)")
    def test_component_errors(self):
        # Pipelines and extensions count what they caught as "<component>/errors/<reason>"
        # and carry on; many of them means a step (claims, datasets...) silently does nothing.
        failing = {k: v for k, v in self.stats.items() if "/errors/" in k and isinstance(v, (int, float))}
        total = sum(failing.values())
        details = ", ".join(f"{k}={v}" for k, v in sorted(failing.items()))
        self.assert_within(total, "MONITOR_MAX_COMPONENT_ERRORS", f"{total} component errors ({details})")

    @monitors.name("Should log at most MONITOR_MAX_ERRORS errors")
    def test_error_log_count(self):
        errors = self.stats.get("log_count/ERROR", 0)
        self.assert_within(errors, "MONITOR_MAX_ERRORS", f"{errors} ERROR log lines")


@monitors.name("Retry rate")
class RetryRateMonitor(ThresholdMonitor):
    """Retries stay below MONITOR_MAX_RETRY_RATE of requests; few requests give up (MONITOR_MAX_RETRIES_EXHAUSTED)."""

    @monitors.name("Should retry few requests")
    def test_retry_rate(self):
        retries = self.stats.get("retry/count", 0)
        requests = self.stats.get("downloader/request_count", 0)
        # A retry is not a loss: on a handful of requests one flaky answer is no trend.
        if requests < self.crawler.settings.getint("MONITOR_RETRY_RATE_MIN_REQUESTS"):
            return
        rate = retries / requests if requests else 0.0
        self.assert_within(rate, "MONITOR_MAX_RETRY_RATE", f"{retries} retries for {requests} requests ({rate:.0%})",
                           rate=True)

    @monitors.name("Should rarely give up after the last retry")
    def test_retries_exhausted(self):
        exhausted = self.stats.get("retry/max_reached", 0)
        self.assert_within(exhausted, "MONITOR_MAX_RETRIES_EXHAUSTED",
                           f"{exhausted} requests gave up after the last retry")
