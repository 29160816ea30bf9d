"""Run health: Spidermon monitors that judge every crawl when its spider closes.

- ``outlet_stats``: counts, per outlet, the items and which key fields they have.
- ``checks``: the monitors (item floor, per-outlet field coverage, error and
  retry rates, finish reason); thresholds are ``MONITOR_*`` settings.
- ``suites``: the suite Spidermon runs at spider close (``SPIDERMON_SPIDER_CLOSE_MONITORS``).
- ``report``: the action that writes ``<OUTPUT_DIR>/reports/<spider>-<start>.json``
  and the ``monitoring/*`` stats other components read (the crawls dataset).

``run_failed(crawler)`` is what a command checks to exit non-zero.
"""

from __future__ import annotations

# Stats keys set by the report action at spider close; public contract for
# the crawls dataset and the `crawl` command's exit code.
PASSED_STAT = "monitoring/passed"  # True / False
FAILURES_STAT = "monitoring/failures"  # number of failed monitors
REPORT_STAT = "monitoring/report"  # path of the run report JSON


def run_failed(crawler) -> bool:
    """Did a monitor fail in this crawler's run? (False when monitoring was off.)"""
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return stats.get(PASSED_STAT) is False
