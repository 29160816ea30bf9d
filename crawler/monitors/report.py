"""Spidermon action: write the run report and publish the outcome as stats.

The report is ``<MONITOR_REPORTS_DIR or OUTPUT_DIR/reports>/<spider>-<start UTC>.json``.
The ``monitoring/*`` stats (see ``crawler.monitors``) are set before other
``spider_closed`` handlers that were connected after Spidermon read the stats
(the crawls dataset), because extensions are connected before pipelines.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from spidermon.core.actions import Action

from . import FAILURES_STAT, PASSED_STAT, REPORT_STAT
from .outlet_stats import field_stat, items_stat, outlets_in

# Counters copied into the report as they are (the rest stays in the log).
REPORTED_STATS = (
    "item_scraped_count", "item_dropped_count", "downloader/request_count", "downloader/response_count",
    "retry/count", "retry/max_reached", "log_count/ERROR", "log_count/WARNING", "extraction/ok",
    "elapsed_time_seconds",
)
REPORTED_PREFIXES = ("fetch/failed/", "extraction/failed/", "incremental/", "downloader/response_status_count/")


def failure_message(error: str | None) -> str:
    """The assertion text of a failed monitor (Spidermon keeps the whole traceback)."""
    text = (error or "").strip()
    marker = "AssertionError: "
    if marker in text:
        return text[text.rfind(marker) + len(marker):]
    return text.splitlines()[-1] if text else ""


def _iso(value) -> str | None:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()
    return None


class WriteRunReport(Action):
    def run_action(self):
        crawler, stats, spider = self.data.crawler, self.data.stats, self.data.spider
        failed = [
            {"monitor": getattr(r.item, "monitor_name", str(r.item)),
             "check": getattr(r.item, "method_name", ""),
             "message": failure_message(r.error)}
            for r in self.result.monitors_failed_results
        ]
        outlets = {}
        for outlet in outlets_in(stats):
            total = stats.get(items_stat(outlet), 0)
            outlets[outlet] = {
                "items": total,
                "coverage": {f: round(stats.get(field_stat(outlet, f), 0) / total, 4)
                             for f in crawler.settings.getdict("MONITOR_FIELD_COVERAGE")},
            }
        started = stats.get("start_time")
        report = {
            "spider": spider.name,
            "outlet": getattr(getattr(spider, "outlet", None), "slug", None),
            "started_at": _iso(started),
            "finished_at": _iso(stats.get("finish_time")) or datetime.now(timezone.utc).isoformat(),
            "finish_reason": stats.get("finish_reason"),
            "passed": not failed,
            "failures": failed,
            "monitors": [{"monitor": getattr(r.item, "monitor_name", str(r.item)),
                          "check": getattr(r.item, "method_name", ""), "status": r.status}
                         for r in self.result.monitor_results],
            "outlets": outlets,
            "stats": {k: v for k, v in sorted(stats.items())
                      if k in REPORTED_STATS or k.startswith(REPORTED_PREFIXES)},
        }
        folder = Path(crawler.settings.get("MONITOR_REPORTS_DIR") or Path(crawler.settings["OUTPUT_DIR"]) / "reports")
        folder.mkdir(parents=True, exist_ok=True)
        stamp = (started or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
        path = folder / f"{spider.name}-{stamp}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")

        crawler.stats.set_value(PASSED_STAT, not failed)
        crawler.stats.set_value(FAILURES_STAT, len(failed))
        crawler.stats.set_value(REPORT_STAT, str(path))
        for failure in failed:
            spider.logger.error("Monitor failed: %s", failure["message"])
