"""Item pipeline (slot 900): write the Parquet datasets under ``<OUTPUT_DIR>/parquet/``.

- ``articles`` and ``claims`` from each item (claims from ``item["claims"]``);
- ``captures`` from the ``crawler.signals.capture_written`` signal of the WARC archive;
- ``crawls`` (one row) when the spider closes.

It is the last pipeline and never drops an item: a value that does not fit
its column becomes null and is counted (``datasets/<dataset>/coerce_failed/<column>``);
a row Arrow still refuses is appended to ``parquet/_rejected/<dataset>.jsonl``
and counted (``datasets/<dataset>/rejected``). The crawl goes on either way.
"""

from __future__ import annotations

import json
import logging
import secrets
import socket
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy import signals

from crawler import signals as project_signals
from crawler.items import item_as_dict
from crawler.datasets.crawl_id import new_crawl_id
from crawler.datasets.rows import RowProblems, article_row, capture_row, claim_rows, coerce, to_utc
from crawler.datasets.schemas import CRAWLS, DATASETS, RECORDED_SETTINGS, SCHEMA_VERSION
from crawler.datasets.writer import DatasetWriter

logger = logging.getLogger(__name__)


class ParquetDatasetsPipeline:
    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.parquet_dir = Path(settings.get("OUTPUT_DIR") or "output") / "parquet"
        self.crawl_id = settings.get("CRAWL_ID") or new_crawl_id()
        self.batch_rows = settings.getint("DATASETS_BATCH_ROWS", 5000)
        self.batch_bytes = settings.getint("DATASETS_BATCH_BYTES", 8_000_000)
        self.row_group_rows = settings.getint("DATASETS_ROW_GROUP_ROWS", 100_000)
        self.row_group_bytes = settings.getint("DATASETS_ROW_GROUP_BYTES", 4_000_000)
        self.flush_seconds = settings.getfloat("DATASETS_FLUSH_SECONDS", 60.0)
        # File names carry the crawl id plus a token: two crawlers sharing a CRAWL_ID never clash.
        self.writer_id = f"{self.crawl_id}-{secrets.token_hex(2)}"
        self.writers: dict[str, DatasetWriter] = {}
        self.started_at = datetime.now(timezone.utc)
        self.spiders: list[str] = []
        crawler.signals.connect(self.capture_written, signal=project_signals.capture_written)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def writer(self, name: str) -> DatasetWriter:
        if name not in self.writers:
            self.writers[name] = DatasetWriter(
                self.parquet_dir, DATASETS[name], self.writer_id, batch_rows=self.batch_rows,
                batch_bytes=self.batch_bytes, row_group_rows=self.row_group_rows,
                row_group_bytes=self.row_group_bytes, flush_seconds=self.flush_seconds,
                on_flush=self._flushed, on_reject=self._rejected, on_keys_written=self._keys_written)
        return self.writers[name]

    # -- lifecycle ---------------------------------------------------------------------
    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.spiders.append(spider.name)
        self.started_at = datetime.now(timezone.utc)
        self.stats.set_value("datasets/crawl_id", self.crawl_id)
        for name in DATASETS:  # every dataset exists with its schema, even if this run adds nothing to it
            self.writer(name)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        try:
            self._write_item(item_as_dict(item))
        except Exception as exc:  # the item still went to the feed and the WARC
            self.stats.inc_value(f"datasets/errors/{type(exc).__name__}")
            logger.exception("Could not add %s to the datasets", adapter.get("url"))
        return item

    def _write_item(self, item: dict) -> None:
        problems = RowProblems()
        row = article_row(item, self.crawl_id, problems)
        articles = self.writer("articles")
        written = articles.add(row)
        self._count("articles", written, problems)
        if not written:
            if articles.stored(row["version_id"]):  # an earlier run flushed it: tell dedup it is safe
                self._keys_written("articles", [row["version_id"]])
            return  # this version (and so its claims) is already in the datasets
        claims = item.get("claims") or []
        problems = RowProblems()
        for claim_row in claim_rows(row, claims, self.crawl_id, problems):
            self._count("claims", self.writer("claims").add(claim_row), RowProblems())
        self._count_problems("claims", problems)

    def capture_written(self, capture=None, **kwargs):
        if not capture:
            return
        problems = RowProblems()
        try:
            row = capture_row(capture, capture.get("crawl_id") or self.crawl_id, problems)
            self._count("captures", self.writer("captures").add(row), problems)
        except Exception as exc:
            self.stats.inc_value(f"datasets/errors/{type(exc).__name__}")
            logger.exception("Could not add the capture of %s to the datasets", capture.get("url"))

    def spider_closed(self, spider, reason):
        for name in ("articles", "claims", "captures"):
            self._safe_flush(name)
        self._write_crawl_row(reason)
        self._safe_flush("crawls")

    def _safe_flush(self, name: str) -> None:
        try:
            self.writer(name).close()
        except Exception as exc:
            self.stats.inc_value(f"datasets/errors/flush_{type(exc).__name__}")
            logger.exception("Could not write the %s dataset", name)

    # -- the crawls row -----------------------------------------------------------------
    def _write_crawl_row(self, reason: str) -> None:
        stats = dict(self.stats.get_stats())
        finished = datetime.now(timezone.utc)
        started = to_utc(stats.get("start_time")) or self.started_at

        def total(prefix: str) -> int:
            return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, (int, float)))

        fetch_failures = total("fetch/failed/")
        extraction_failures = total("extraction/failed/")
        errors = stats.get("log_count/ERROR", 0)
        if reason != "finished":
            outcome = "failed" if not stats.get("item_scraped_count") else "partial"
        else:
            outcome = "partial" if (fetch_failures or extraction_failures or errors) else "ok"
        settings = self.crawler.settings
        raw = {
            "crawl_id": self.crawl_id,
            "spiders": self.spiders,
            "started_at": started,
            "finished_at": finished,
            "duration_s": (finished - started).total_seconds(),
            "finish_reason": reason,
            "outcome": outcome,
            "requests": stats.get("downloader/request_count", 0),
            "responses": stats.get("downloader/response_count", 0),
            "items": stats.get("item_scraped_count", 0),
            "fetch_failures": fetch_failures,
            "extraction_failures": extraction_failures,
            "errors": errors,
            "articles_written": self.writer("articles").rows_written,
            "claims_written": self.writer("claims").rows_written,
            "captures_written": self.writer("captures").rows_written,
            "settings_json": {k: settings.get(k) for k in RECORDED_SETTINGS if settings.get(k) is not None},
            "stats_json": json.dumps(stats, default=str, sort_keys=True),
            "hostname": socket.gethostname(),
            "scrapy_version": version("scrapy"),
            "schema_version": SCHEMA_VERSION,
        }
        problems = RowProblems()
        self._count("crawls", self.writer("crawls").add(coerce(CRAWLS, raw, problems)), problems)

    # -- stats --------------------------------------------------------------------------
    def _count(self, name: str, written: bool, problems: RowProblems) -> None:
        self.stats.inc_value(f"datasets/{name}/rows_added" if written else f"datasets/{name}/rows_already_present")
        self._count_problems(name, problems)

    def _count_problems(self, name: str, problems: RowProblems) -> None:
        for column, reason in problems.items:
            self.stats.inc_value(f"datasets/{name}/coerce_failed/{column}")
            logger.warning("%s: dropped the %s value of a row (%s)", name, column, reason)

    def _flushed(self, name: str, rows: int, files: int) -> None:
        self.stats.inc_value(f"datasets/{name}/rows_written", rows)
        self.stats.inc_value(f"datasets/{name}/files_written", files)

    def _keys_written(self, name: str, keys: list[str]) -> None:
        self.crawler.signals.send_catch_log(project_signals.dataset_rows_written, dataset=name, keys=keys)

    def _rejected(self, name: str, row: dict, exc: Exception) -> None:
        self.stats.inc_value(f"datasets/{name}/rejected")
        logger.error("%s: row %s refused by Arrow (%s); kept in _rejected/", name, row.get(DATASETS[name].key), exc)
        target = self.parquet_dir / "_rejected" / f"{name}.jsonl"
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"error": str(exc), "row": row}, default=str, ensure_ascii=False) + "\n")
