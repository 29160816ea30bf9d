"""Worker registry of a distributed crawl: when may a process stop, who clears the frontier.

Each process registers in ``<prefix>:<spider>:workers`` (a Redis hash) and refreshes
its entry every ``DISTRIBUTED_HEARTBEAT_SECONDS`` with whether it is busy.

- An idle process (empty shared queue, nothing in flight) does not close while
  another live process is busy: that one may still add links to the queue
  (``distributed/idle_waits``). It re-checks the queue every heartbeat, not
  every 5 s as Scrapy does for an idle spider.
- An entry whose heartbeat is older than ``DISTRIBUTED_WORKER_TIMEOUT`` is a dead
  process (killed, machine lost): it is ignored and removed.
- The last process to finish with reason ``finished`` deletes the queue and the
  duplicate filter, so the next scheduled run starts afresh; a run stopped early
  (Ctrl-C, crash) leaves them, and the next run resumes from them.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.asyncio import create_looping_call

from crawler.distributed.addon import frontier_keys

logger = logging.getLogger(__name__)


class SharedFrontierWorkers:
    def __init__(self, crawler, client: redis.Redis):
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.redis = client
        self.prefix = settings.get("DISTRIBUTED_KEY_PREFIX") or "cairo_talks"
        self.interval = settings.getfloat("DISTRIBUTED_HEARTBEAT_SECONDS", 2.0)
        self.timeout = settings.getfloat("DISTRIBUTED_WORKER_TIMEOUT", 60.0)
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.key = ""
        self.loop = None

    @classmethod
    def from_crawler(cls, crawler):
        url = crawler.settings.get("DISTRIBUTED")
        if not url:
            raise NotConfigured("DISTRIBUTED is empty: single-machine crawl")
        extension = cls(crawler, redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    # -- registry ---------------------------------------------------------------------
    def spider_opened(self, spider):
        self.key = f"{self.prefix}:{spider.name}:workers"
        self.beat()
        self.stats.set_value("distributed/worker_id", self.worker_id)
        logger.info("Distributed crawl: worker %s, frontier %s, %d live worker(s)",
                    self.worker_id, frontier_keys(self.crawler.settings, spider.name)[0], len(self.live_workers()))
        self.loop = create_looping_call(self.beat)
        self.loop.start(self.interval, now=False)
        # Scrapy re-checks an idle spider's scheduler every 5 s (the engine heartbeat); a worker
        # waiting for others should see links they add to the shared queue sooner than that.
        # A class constant of the engine, read when the request loop starts (after spider_opened).
        engine = self.crawler.engine
        if hasattr(engine, "_SLOT_HEARTBEAT_INTERVAL"):
            engine._SLOT_HEARTBEAT_INTERVAL = min(engine._SLOT_HEARTBEAT_INTERVAL, self.interval)

    def beat(self, busy: bool | None = None) -> None:
        if busy is None:
            try:
                busy = not self.crawler.engine.spider_is_idle()
            except (AttributeError, RuntimeError):  # engine not started or already stopped
                busy = False
        entry = {"busy": busy, "at": time.time(), "host": socket.gethostname(), "pid": os.getpid()}
        try:
            self.redis.hset(self.key, self.worker_id, json.dumps(entry))
        except redis.RedisError as exc:  # a missed beat is not fatal; the next one retries
            self.stats.inc_value(f"distributed/errors/{type(exc).__name__}")
            logger.warning("Distributed crawl: heartbeat failed: %s", exc)

    def live_workers(self) -> dict[str, dict]:
        """Other processes' entries that are fresh; stale ones (dead processes) are removed."""
        live, now = {}, time.time()
        for worker, raw in self.redis.hgetall(self.key).items():
            worker = worker.decode()
            entry = json.loads(raw)
            if worker == self.worker_id:
                continue
            if now - entry["at"] > self.timeout:
                self.redis.hdel(self.key, worker)
                self.stats.inc_value("distributed/dead_workers_removed")
                logger.warning("Distributed crawl: worker %s silent for %.0f s, taken for dead",
                               worker, now - entry["at"])
                continue
            live[worker] = entry
        return live

    # -- signals ---------------------------------------------------------------------------
    def spider_idle(self, spider):
        self.beat(busy=False)
        busy = [w for w, entry in self.live_workers().items() if entry["busy"]]
        if busy:
            self.stats.inc_value("distributed/idle_waits")
            logger.debug("Distributed crawl: idle, waiting for busy workers %s", busy)
            raise DontCloseSpider("other workers may still add requests to the shared frontier")

    def spider_closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        queue_key, dupefilter_key = frontier_keys(self.crawler.settings, spider.name)
        with self.redis.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(self.key)  # someone registering meanwhile restarts the check
                    others = self.live_workers()
                    pipe.multi()
                    pipe.hdel(self.key, self.worker_id)
                    last = not others and reason == "finished"
                    if last:
                        pipe.delete(queue_key, dupefilter_key)
                    pipe.execute()
                    break
                except redis.WatchError:
                    continue
        if last:
            self.stats.set_value("distributed/frontier_cleared", True)
            logger.info("Distributed crawl: last worker finished; frontier %s cleared", queue_key)
        elif others:
            logger.info("Distributed crawl: %d worker(s) still running; frontier kept", len(others))
        else:
            logger.info("Distributed crawl: stopped (%s); frontier kept for the next run to resume", reason)
        self.redis.close()
