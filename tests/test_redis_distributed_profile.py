"""The distributed profile switch (crawler/distributed/addon.py): one setting moves the
scheduler, the duplicate filter and the dedup state to Redis; the default stays local."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from crawler.distributed import DistributedAddon


def project_settings(**cmdline) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in cmdline.items():
        settings.set(name, value, priority="cmdline")  # as -s NAME=value
    DistributedAddon().update_settings(settings)
    return settings


def test_default_is_the_single_machine_crawl():
    settings = project_settings()
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy.dupefilters.RFPDupeFilter"
    assert settings["DEDUP_STORE"] == "crawler.dedup.store.SQLiteDedupStore"
    assert settings.getbool("RESUMABLE_JOBS")


def test_a_redis_url_switches_scheduler_dupefilter_and_dedup_state():
    settings = project_settings(DISTRIBUTED="redis://10.0.0.5:6379/2", DISTRIBUTED_KEY_PREFIX="talks")
    assert issubclass(load_object(settings["SCHEDULER"]), load_object("scrapy_redis.scheduler.Scheduler"))
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings["REDIS_URL"] == "redis://10.0.0.5:6379/2"
    assert settings.getbool("SCHEDULER_PERSIST"), "one worker finishing must not wipe the others' queue"
    assert settings["SCHEDULER_QUEUE_KEY"] % {"spider": "youm7"} == "talks:youm7:requests"
    assert settings["SCHEDULER_DUPEFILTER_KEY"] % {"spider": "youm7"} == "talks:youm7:dupefilter"
    assert settings["DEDUP_STORE"] == "crawler.dedup.redis_store.RedisDedupStore"
    assert settings["DEDUP_REDIS_PREFIX"] == "talks:dedup"
    assert not settings.getbool("RESUMABLE_JOBS")
    for path in (settings["SCHEDULER"], settings["DUPEFILTER_CLASS"], settings["DEDUP_STORE"]):
        load_object(path)  # every class the profile names is installed
    assert settings.getwithbase("EXTENSIONS")["crawler.distributed.workers.SharedFrontierWorkers"]
    assert settings.getwithbase("SPIDER_MIDDLEWARES")["crawler.distributed.middlewares.SharedStartRequests"]


def test_values_given_on_the_command_line_win_over_the_profile():
    settings = project_settings(DISTRIBUTED="redis://127.0.0.1:6379/0", DEDUP_STORE="my.Store",
                                DEDUP_REDIS_PREFIX="kept")
    assert settings["DEDUP_STORE"] == "my.Store" and settings["DEDUP_REDIS_PREFIX"] == "kept"


def test_the_distributed_addon_runs_before_resumable_jobs():
    addons = Settings()
    addons.setmodule("crawler.settings")
    order = addons.getdict("ADDONS")
    assert order["crawler.distributed.DistributedAddon"] < order["crawler.resumable_jobs.ResumableJobs"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379", "127.0.0.1:6379", "true"])
def test_something_else_than_a_redis_url_is_a_clear_error(url):
    with pytest.raises(ValueError, match="DISTRIBUTED must be a Redis URL"):
        project_settings(DISTRIBUTED=url)
