"""The distributed profile: one setting switches the scheduler, the duplicate filter and
the dedup state to Redis. Default (DISTRIBUTED empty): single machine, SQLite, JOBDIR."""

from __future__ import annotations

from urllib.parse import urlsplit

REDIS_SCHEMES = ("redis", "rediss", "unix")


def frontier_keys(settings, spider_name: str) -> tuple[str, str]:
    """The scheduler queue and duplicate filter keys of a spider (as scrapy-redis names them)."""
    return (settings["SCHEDULER_QUEUE_KEY"] % {"spider": spider_name},
            settings["SCHEDULER_DUPEFILTER_KEY"] % {"spider": spider_name})


class DistributedAddon:
    def update_settings(self, settings) -> None:
        url = settings.get("DISTRIBUTED")
        if not url:
            return
        if urlsplit(url).scheme not in REDIS_SCHEMES:
            raise ValueError(f"DISTRIBUTED must be a Redis URL (redis://host:6379/0), not {url!r}")
        prefix = settings.get("DISTRIBUTED_KEY_PREFIX") or "cairo_talks"

        def put(name, value):
            # A value given with -s (or by a later add-on) wins over the profile's.
            if (settings.getpriority(name) or 0) <= 20:  # 20 = "project" (crawler/settings.py)
                settings.set(name, value, priority="project")

        put("SCHEDULER", "crawler.distributed.scheduler.SharedScheduler")  # scrapy-redis' + a local fallback
        put("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter")
        put("REDIS_URL", url)
        # One process finishing must not wipe the queue the others still work on:
        # crawler.distributed.workers clears it when the last worker finished.
        put("SCHEDULER_PERSIST", True)
        put("SCHEDULER_QUEUE_KEY", f"{prefix}:%(spider)s:requests")
        put("SCHEDULER_DUPEFILTER_KEY", f"{prefix}:%(spider)s:dupefilter")
        put("DEDUP_REDIS_PREFIX", f"{prefix}:dedup")
        if settings.get("DEDUP_STORE") == "crawler.dedup.store.SQLiteDedupStore":
            put("DEDUP_STORE", "crawler.dedup.redis_store.RedisDedupStore")
        # The frontier in Redis is what a stopped run resumes from; a JOBDIR would
        # only hold one process' spider state.
        put("RESUMABLE_JOBS", False)
