"""Resumable runs: every spider's run keeps its frontier in ``<OUTPUT_DIR>/jobs/<spider>/``.

Scrapy's JOBDIR persists the scheduler queue, the seen-request filter and
``spider.state``. Left as is, a finished run's seen-filter would hide every URL
from the next scheduled run, and a crashed run's half-written queue would be
trusted. So:

- ``ResumableJobs`` (add-on) sets JOBDIR unless ``-s JOBDIR=...`` was given, and
  sets aside (renames to ``<spider>.crashed-<UTC>``) a job folder that was not
  left by a clean pause: the run starts fresh and the incremental state
  (crawler/incremental) keeps it from re-fetching what was already archived.
- ``JobLifecycle`` (extension) writes ``PAUSED`` when a run stops early
  (Ctrl-C / SIGTERM: reason "shutdown"), and removes the job folder when the run
  finished, so the next run starts from the outlets' listings again.
"""

from __future__ import annotations

import logging
import shutil
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

PAUSED_MARKER = "PAUSED"


def job_dir_for(settings, spider_name: str) -> Path:
    base = settings.get("RESUMABLE_JOBS_DIR") or Path(settings["OUTPUT_DIR"]) / "jobs"
    return Path(base) / spider_name


class ResumableJobs:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @staticmethod
    def resumable(settings) -> bool:
        # `scrapy shell` runs without a seen-filter and hijacks request callbacks (not
        # picklable): an interactive session, nothing to resume.
        dupefilter = settings.get("DUPEFILTER_CLASS")
        name = dupefilter if isinstance(dupefilter, str) else getattr(dupefilter, "__name__", "")
        return not name.endswith("BaseDupeFilter")

    def update_settings(self, settings) -> None:
        if not settings.getbool("RESUMABLE_JOBS") or not self.resumable(settings):
            return
        if not settings.get("JOBDIR"):
            # At the priority of the empty value, or it would be ignored (as CrawlIdentity does).
            settings.set("JOBDIR", str(job_dir_for(settings, self.crawler.spidercls.name)),
                         priority=max(settings.getpriority("JOBDIR") or 0, 15))  # 15 = "addon"
        jobdir = Path(settings["JOBDIR"])
        if jobdir.is_dir() and any(jobdir.iterdir()) and not (jobdir / PAUSED_MARKER).exists():
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            aside = jobdir.with_name(f"{jobdir.name}.crashed-{stamp}")
            jobdir.rename(aside)
            settings.set("RESUMABLE_JOBS_SET_ASIDE", str(aside), priority="addon")
            logger.warning("Job folder %s was not left by a clean pause (crash?); moved to %s, starting fresh",
                           jobdir, aside)


class JobLifecycle:
    def __init__(self, crawler, jobdir: Path):
        self.crawler = crawler
        self.jobdir = jobdir
        self.reason: str | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("RESUMABLE_JOBS") or not settings.get("JOBDIR"):
            raise NotConfigured
        ext = cls(crawler, Path(settings["JOBDIR"]))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider):
        marker = self.jobdir / PAUSED_MARKER
        if marker.exists():
            self.crawler.stats.set_value("jobs/resumed", True)
            marker.unlink()  # from now on an unclean stop is a crash again
        if self.crawler.settings.get("RESUMABLE_JOBS_SET_ASIDE"):
            self.crawler.stats.set_value("jobs/crashed_set_aside", self.crawler.settings["RESUMABLE_JOBS_SET_ASIDE"])
        self.crawler.stats.set_value("jobs/jobdir", str(self.jobdir))

    def spider_closed(self, spider, reason):
        # The scheduler has closed (queue and seen-filter flushed) before this signal.
        self.reason = reason
        if reason != "finished":
            self.jobdir.mkdir(parents=True, exist_ok=True)
            (self.jobdir / PAUSED_MARKER).write_text(f"{reason}\n", encoding="utf-8")
            logger.info("Run stopped (%s); resume it with the same command (JOBDIR %s)", reason, self.jobdir)

    def engine_stopped(self):
        # After SpiderState saved spider.state: nothing writes into the folder any more.
        if self.reason == "finished":
            shutil.rmtree(self.jobdir, ignore_errors=True)
