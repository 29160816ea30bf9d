"""What a crawl process and a worker process import, since each import is resident memory
for the whole crawl: the crawl's process tree must stay under 500 MB with worker processes on
(docs/performance-yardstick.md). Run in fresh interpreters, as the crawl and its workers are."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT_ROOT

CRAWL_PROCESS = """
import sys
from scrapy.cmdline import _get_commands_dict
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings
settings = get_project_settings()
_get_commands_dict(settings, inproject=True)  # Scrapy imports every command module in every run
for name in ("ITEM_PIPELINES", "EXTENSIONS", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES"):
    for path, order in settings.getwithbase(name).items():
        if order is not None:
            load_object(path)
load_object("crawler.spiders.urls.UrlsSpider")
print(" ".join(sorted(m for m in ("matplotlib", "pandas") if m in sys.modules)))
"""

WORKER_PROCESS = """
import sys
from crawler.worker_pool import _warm_up
_warm_up()
import crawler.extraction.fetched_page, crawler.dedup.prepared, pipelines.claims, pipelines.relevance  # the tasks' modules
print(" ".join(sorted(m for m in ("scipy", "datasketch", "pyarrow", "matplotlib", "pandas") if m in sys.modules)))
"""


def _imported(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
                                            "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_a_crawl_does_not_load_the_report_libraries():
    assert _imported(CRAWL_PROCESS) == ""


def test_a_worker_does_not_load_dedup_or_dataset_libraries():
    assert _imported(WORKER_PROCESS) == ""
