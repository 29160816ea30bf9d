"""scrapy-redis' scheduler, plus a local fallback for requests that cannot be shared.

A request goes to Redis pickled (callback by name, meta included). One that cannot
be pickled (a meta value holding a function, an open file...) would make scrapy-redis
raise and the request vanish; Scrapy's own disk queue keeps such requests in memory
instead, and so does this scheduler: the request stays with this worker, is counted
(``distributed/unshareable_requests``) and logged, and the crawl goes on.
"""

from __future__ import annotations

import logging
from collections import deque

from scrapy_redis.scheduler import Scheduler

logger = logging.getLogger(__name__)


class SharedScheduler(Scheduler):
    @classmethod
    def from_crawler(cls, crawler):
        scheduler = cls.from_settings(crawler.settings)
        # Counted here: scrapy-redis passes spider= to the stats, which Scrapy 2.19 warns about.
        scheduler.counters = crawler.stats
        return scheduler

    def open(self, spider):
        self.local = deque()
        return super().open(spider)

    def _count(self, name: str) -> None:
        if getattr(self, "counters", None) is not None:
            self.counters.inc_value(name)

    def enqueue_request(self, request):
        try:
            queued = super().enqueue_request(request)
        except Exception as exc:  # pickling fails with TypeError, PicklingError, AttributeError...
            self._count("distributed/unshareable_requests")
            logger.warning("Request %s cannot be put in the shared queue (%s: %s); kept by this worker",
                           request, type(exc).__name__, exc)
            self.local.append(request)
            return True
        if queued:
            self._count("scheduler/enqueued/redis")
        return queued

    def next_request(self):
        if self.local:
            return self.local.popleft()
        request = super().next_request()
        if request is not None:
            self._count("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self):
        return bool(self.local) or super().has_pending_requests()

    def __len__(self):
        return len(self.local) + super().__len__()
