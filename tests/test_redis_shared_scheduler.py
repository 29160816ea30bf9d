"""The shared scheduler (crawler/distributed/scheduler.py) on a real redis-server: requests
go through Redis to any worker; one that cannot be pickled stays local, counted, not lost."""

from __future__ import annotations

import uuid

import pytest
from scrapy import Request, Spider
from scrapy.utils.test import get_crawler

from crawler.distributed.scheduler import SharedScheduler
from tests.support.redis_server import RedisServer


class NewsSpider(Spider):
    name = "news"

    def parse(self, response):
        pass


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


def open_scheduler(redis_server, prefix):
    crawler = get_crawler(NewsSpider, {"REDIS_URL": redis_server.url, "SCHEDULER_PERSIST": True,
                                       "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
                                       "SCHEDULER_QUEUE_KEY": f"{prefix}:%(spider)s:requests",
                                       "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:dupefilter"})
    spider = NewsSpider.from_crawler(crawler)
    scheduler = SharedScheduler.from_crawler(crawler)
    scheduler.open(spider)
    return crawler, spider, scheduler


def test_requests_are_shared_between_workers_and_seen_once(redis_server):
    prefix = f"t{uuid.uuid4().hex[:6]}"
    first_crawler, spider, first = open_scheduler(redis_server, prefix)
    second_crawler, _, second = open_scheduler(redis_server, prefix)
    assert first.enqueue_request(Request("https://news.example/a/1", callback=spider.parse, meta={"depth": 1}))
    assert not second.enqueue_request(Request("https://news.example/a/1"))  # seen by the other worker
    taken = second.next_request()  # the other worker takes it from the shared queue
    assert taken.url == "https://news.example/a/1" and taken.meta["depth"] == 1 and taken.callback.__name__ == "parse"
    assert not first.has_pending_requests() and first.next_request() is None
    assert first_crawler.stats.get_value("scheduler/enqueued/redis") == 1
    assert second_crawler.stats.get_value("scheduler/dequeued/redis") == 1
    assert second_crawler.stats.get_value("scheduler/enqueued/redis") is None  # the duplicate was not queued


def test_a_request_that_cannot_be_pickled_stays_with_its_worker(redis_server):
    prefix = f"t{uuid.uuid4().hex[:6]}"
    crawler, _, scheduler = open_scheduler(redis_server, prefix)
    odd = Request("https://news.example/a/2", meta={"hook": lambda: None})
    assert scheduler.enqueue_request(odd)
    assert crawler.stats.get_value("distributed/unshareable_requests") == 1
    assert scheduler.has_pending_requests() and len(scheduler) == 1
    assert scheduler.next_request() is odd
    assert not scheduler.has_pending_requests()
