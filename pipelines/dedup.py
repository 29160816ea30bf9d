"""Deduplication pipeline (ITEM_PIPELINES slot 300): decide, annotate, count.

Every article gets the dedup fields (canonical_url, article_id, version_id,
content_hash, dedup_decision, duplicate_of, near_duplicate_cluster,
similarity, version, previous_version, change_summary) and one
``dedup/<decision>`` stats counter. Nothing disappears without a reason:

- identical re-fetches of a known article are not stored again: dropped with
  a reason (``DEDUP_REFETCHES = "drop"``, default) or passed on (``"keep"``);
  a re-fetch of a version that never reached the outputs (the process died
  between the dedup commit and the feed) is passed on (``dedup/refetch_unwritten``);
- exact duplicates of another article are passed on annotated
  (``DEDUP_EXACT_DUPLICATES = "keep"``, default) or only counted (``"drop"``);
- near duplicates and new versions are always passed on;
- an article the deduplicator fails on is passed on unannotated and counted
  under ``dedup/failed/<error>``.

The logic lives in crawler/dedup; this class only connects it to Scrapy.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.misc import load_object

from crawler import signals as project_signals
from crawler.dedup import ArticleInput, DedupConfig, Deduplicator
from crawler.dedup.deduplicator import EXACT_DUPLICATE, REFETCH
from crawler.dedup.prepared import prepare_text
from crawler.outlets import get_outlet, outlet_for_url
from crawler.worker_pool import pool_of, run_stateless

logger = logging.getLogger(__name__)

MODES = ("keep", "drop")


def _datasets_enabled(settings) -> bool:
    pipelines = settings.getwithbase("ITEM_PIPELINES")
    return any(str(path).endswith("ParquetDatasetsPipeline") and priority is not None
               for path, priority in pipelines.items())


class DedupPipeline:
    def __init__(self, crawler):
        settings = crawler.settings
        if not settings.getbool("DEDUP_ENABLED", True):
            raise NotConfigured("DEDUP_ENABLED is off")
        self.crawler = crawler
        self.stats = crawler.stats
        self.exact_mode = settings.get("DEDUP_EXACT_DUPLICATES", "keep")
        self.refetch_mode = settings.get("DEDUP_REFETCHES", "drop")
        for name, value in (("DEDUP_EXACT_DUPLICATES", self.exact_mode), ("DEDUP_REFETCHES", self.refetch_mode)):
            if value not in MODES:
                raise ValueError(f"{name} must be one of {MODES}, not {value!r}")
        defaults = DedupConfig()
        self.config = DedupConfig(
            shingle_size=settings.getint("DEDUP_SHINGLE_SIZE", defaults.shingle_size),
            num_perm=settings.getint("DEDUP_NUM_PERM", defaults.num_perm),
            lsh_threshold=settings.getfloat("DEDUP_LSH_THRESHOLD", defaults.lsh_threshold),
            similarity_threshold=settings.getfloat("DEDUP_SIMILARITY_THRESHOLD", defaults.similarity_threshold),
            containment_threshold=settings.getfloat("DEDUP_CONTAINMENT_THRESHOLD", defaults.containment_threshold),
            min_shingles=settings.getint("DEDUP_MIN_SHINGLES", defaults.min_shingles),
        )
        self.store_class = load_object(settings.get("DEDUP_STORE", "crawler.dedup.store.SQLiteDedupStore"))
        self.store = None
        self.dedup = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        # A version counts as written only once it is really stored: only then may a
        # later identical fetch be dropped. With the Parquet datasets that is when the
        # file holding it was flushed (a SIGKILL loses the buffered rows, so leaving
        # the pipelines is not enough); without them, when the item left the pipelines.
        if _datasets_enabled(crawler.settings):
            crawler.signals.connect(pipeline.rows_written, signal=project_signals.dataset_rows_written)
        else:
            crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        # The datasets flush at spider_closed, after pipelines close: keep the store open until the end.
        crawler.signals.connect(pipeline.engine_stopped, signal=signals.engine_stopped)
        return pipeline

    def item_scraped(self, item, **kwargs):
        version_id = ItemAdapter(item).get("version_id")
        if version_id:
            self._mark_written([version_id])

    def rows_written(self, dataset=None, keys=(), **kwargs):
        if dataset == "articles":
            self._mark_written(keys)

    def _mark_written(self, version_ids) -> None:
        if self.store is None:
            return
        try:
            self.store.mark_all_written([version_id for version_id in version_ids if version_id])
        except Exception:  # bookkeeping only: the row is already out; the next run re-offers it
            self.stats.inc_value("dedup/failed/mark_written")
            logger.exception("Could not mark versions as written")

    def open_spider(self):
        self.store = self.store_class.from_settings(self.crawler.settings)
        self.dedup = Deduplicator(self.store, self.config)
        logger.info("Dedup state: %s (%s)", getattr(self.store, "path", self.store), self.store.counts())

    def close_spider(self):
        if self.store is not None:
            for table, count in self.store.counts().items():
                self.stats.set_value(f"dedup/state/{table}", count)

    def engine_stopped(self):
        if self.store is not None:
            self.store.close()
            self.store = None

    def process_item(self, item):
        if pool_of(self.crawler) is None:
            return self._decide(item)
        return self._decide_prepared(item)  # a coroutine: Scrapy awaits it

    async def _decide_prepared(self, item):
        """Normalization and shingle hashing in a worker process, the decision here."""
        try:
            article = self._input(ItemAdapter(item))
            prepared = await run_stateless(self.crawler, prepare_text, article.paragraphs, article.headline,
                                           self.config.shingle_size)
        except Exception:  # noqa: BLE001 - _decide computes it again and reports what fails
            prepared = None
        return self._decide(item, prepared)

    def _decide(self, item, prepared=None):
        adapter = ItemAdapter(item)
        try:
            decision = self.dedup.decide(self._input(adapter), prepared)
        except Exception as exc:  # one bad article must not stop the crawl or lose the item
            self.stats.inc_value(f"dedup/failed/{type(exc).__name__}")
            logger.exception("Dedup failed on %s; passed on without dedup fields", adapter.get("url"))
            return item
        for name, value in decision.fields().items():
            if name in adapter.field_names() or not hasattr(item, "fields"):
                adapter[name] = value
        self.stats.inc_value(f"dedup/{decision.decision}")
        if decision.decision == REFETCH and not decision.matched_written:
            self.stats.inc_value("dedup/refetch_unwritten")
            return item
        if decision.decision == REFETCH and self.refetch_mode == "drop":
            raise DropItem(f"identical re-fetch of stored version {decision.version_id} "
                           f"({decision.canonical_url}); not stored again")
        if decision.decision == EXACT_DUPLICATE and self.exact_mode == "drop":
            self.store.mark_written(decision.version_id)  # deliberately not written: a final decision
            raise DropItem(f"exact duplicate of {decision.duplicate_of or decision.matched_version} "
                           f"({decision.canonical_url}); counted only (DEDUP_EXACT_DUPLICATES=drop)")
        return item

    @staticmethod
    def _input(adapter: ItemAdapter) -> ArticleInput:
        url = adapter.get("url")
        if not url:
            raise ValueError("item has no url")
        slug = adapter.get("outlet")
        outlet = None
        if slug and slug != "generic":
            try:
                outlet = get_outlet(slug)
            except KeyError:
                outlet = None
        outlet = outlet or outlet_for_url(url)
        paragraphs = adapter.get("paragraphs")
        if not paragraphs and adapter.get("body"):
            paragraphs = adapter["body"].split("\n")
        provenance = adapter.get("provenance") or {}
        declared = adapter.get("canonical_url")
        # The extractor falls back to the fetched URL; only a page-declared canonical is evidence.
        if provenance.get("canonical_url") == "url":
            declared = None
        return ArticleInput(
            url=url,
            paragraphs=list(paragraphs or []),
            declared_canonical=declared,
            headline=adapter.get("headline"),
            outlet=slug,
            published=adapter.get("published"),
            seen_at=adapter.get("fetched_at"),
            keep_params=tuple(getattr(outlet, "article_url_params", ()) or ()),
        )
