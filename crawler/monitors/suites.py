"""The suite Spidermon runs when any spider closes (SPIDERMON_SPIDER_CLOSE_MONITORS)."""

from __future__ import annotations

from spidermon import MonitorSuite
from spidermon.contrib.scrapy.monitors.monitors import FinishReasonMonitor

from .checks import ErrorRateMonitor, ItemFloorMonitor, OutletFieldCoverageMonitor, RetryRateMonitor
from .report import WriteRunReport


class CrawlHealthSuite(MonitorSuite):
    monitors = [
        ItemFloorMonitor,
        OutletFieldCoverageMonitor,
        ErrorRateMonitor,
        RetryRateMonitor,
        FinishReasonMonitor,  # SPIDERMON_EXPECTED_FINISH_REASONS
    ]
    # Runs whatever the outcome: the report and the monitoring/* stats exist for every run.
    monitors_finished_actions = [WriteRunReport]
