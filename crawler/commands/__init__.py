"""Project `scrapy` commands (COMMANDS_MODULE): `scrapy extract`, `scrapy crawlall` and friends.

The debugging commands (`parse`, `shell`, `fetch`, `view`, `check`) are Scrapy's own,
made look-only here: they fetch and parse a page whatever the fetch history
says, and write nothing a scheduled crawl relies on (archive, datasets, dedup
and claim state, job folders, monitor reports).
"""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES

# Settings a look-only command runs with, unless given with -s.
LOOK_ONLY_SETTINGS = {
    "SPIDERMON_ENABLED": False,  # one page is no run to judge
    "RESUMABLE_JOBS": False,  # nothing to resume
    "INCREMENTAL_ENABLED": False,  # fetch the page even if archived recently
    "WARC_ENABLED": False,  # a debugging fetch is not a capture of the crawl
    # Inline: `parse --pipelines` prints the item without waiting for the pipelines'
    # deferreds, so an annotation computed in a worker process would arrive too late.
    "WORKER_PROCESSES": 0,
    # With --pipelines: the stages that only annotate the item, none that store state.
    "ITEM_PIPELINES": {
        "pipelines.validate.ArticleValidationPipeline": 100,
        "pipelines.relevance.RelevancePipeline": 200,
    },
}


def apply_look_only_settings(settings) -> None:
    for name, value in LOOK_ONLY_SETTINGS.items():
        # A -s given by the user (priority "cmdline") stays.
        if (settings.getpriority(name) or 0) < SETTINGS_PRIORITIES["cmdline"]:
            settings.set(name, value, priority="cmdline")
