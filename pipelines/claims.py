"""Slot 400: attributed claims for each article (item field ``claims``, a list of dicts).

Which articles: ``on_topic`` comes from the relevance pipeline (slot 200). True ->
claims are extracted; False -> ``claims = []`` unless CLAIMS_ALL_ARTICLES is set;
missing (relevance not configured, or it could not decide) -> treated as unknown and
extracted, counted in ``claims/articles/on_topic_unknown`` so the gap is visible.

Paragraph indices: 0 is the headline, body paragraphs count from 1. Character
offsets of body claims are in ``body`` (paragraphs joined by "\\n"); headline claims'
offsets are in ``headline``. ``claim_id`` uses the item's ``version_id`` (dedup
pipeline); without one, a version id is derived from the canonical URL and the body.
Claims of the same statement across outlets share ``cluster_id``; the clusters persist
across runs in CLAIM_CLUSTERS_FILE (default <OUTPUT_DIR>/state/claim_clusters.jsonl).
A failure is counted (``claims/errors/<reason>``), the item keeps ``claims = []``
and the crawl goes on.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from itemadapter import ItemAdapter

from crawler.claims.clusters import DEFAULT_WINDOW, ClaimClusters
from crawler.claims.extractor import extract_claims, public
from crawler.ids import article_id, version_id
from crawler.worker_pool import run_stateless

logger = logging.getLogger(__name__)


class ClaimsPipeline:
    def __init__(self, stats, all_articles: bool, threshold: float, clusters_file: str | Path | None = None,
                 crawler=None, window: int = DEFAULT_WINDOW):
        self.crawler = crawler  # for its worker pool (crawler/worker_pool.py)
        self.stats = stats
        self.all_articles = all_articles
        self.clusters = ClaimClusters(threshold, clusters_file, window)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        clusters_file = s.get("CLAIM_CLUSTERS_FILE")
        if clusters_file is None or clusters_file == "":
            clusters_file = Path(s.get("OUTPUT_DIR") or "output") / "state" / "claim_clusters.jsonl"
        elif str(clusters_file).lower() in ("none", "off", "false"):
            clusters_file = None  # clusters within this run only
        return cls(crawler.stats, s.getbool("CLAIMS_ALL_ARTICLES"), s.getfloat("CLAIM_CLUSTER_THRESHOLD", 0.5),
                   clusters_file, crawler, s.getint("CLAIM_CLUSTER_WINDOW", DEFAULT_WINDOW))

    def close_spider(self, spider=None):
        self.clusters.close()

    async def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        on_topic = adapter.get("on_topic")
        if on_topic is False and not self.all_articles:
            adapter["claims"] = []
            self.stats.inc_value("claims/articles/skipped_off_topic")
            return item
        if on_topic is None:
            self.stats.inc_value("claims/articles/on_topic_unknown")
        try:
            # Extraction needs no state (a worker process may run it); clusters do (here).
            fields = {name: adapter.get(name) for name in CLAIM_INPUTS}
            claims = await run_stateless(self.crawler, article_claims, fields)
        except Exception as exc:  # one bad article must not stop the crawl
            logger.warning("claims failed for %s: %r", adapter.get("url"), exc)
            self.stats.inc_value(f"claims/errors/{type(exc).__name__}")
            adapter["claims"] = []
            return item
        self.clusters.assign_all(claims, adapter.get("language"), adapter.get("published"), adapter.get("outlet"))
        adapter["claims"] = claims
        self.stats.inc_value("claims/articles")
        self.stats.inc_value("claims/count", len(claims))
        return item


# The item fields claims are extracted from: only these travel to a worker process.
CLAIM_INPUTS = ("headline", "paragraphs", "version_id", "canonical_url", "url", "language", "published")


def article_claims(fields: dict) -> list[dict]:
    """The claims of one article (fields: CLAIM_INPUTS), without cluster ids."""
    headline = fields.get("headline") or ""
    body_paragraphs = list(fields.get("paragraphs") or [])
    offsets, pos = [0], 0
    for p in body_paragraphs:
        offsets.append(pos)
        pos += len(p) + 1
    vid = fields.get("version_id")
    if not vid:
        body = "\n".join(body_paragraphs)
        aid = article_id(fields.get("canonical_url") or fields.get("url") or "")
        vid = version_id(aid, hashlib.sha1(body.encode("utf-8")).hexdigest())
    claims = extract_claims([headline] + body_paragraphs, fields.get("language"), fields.get("published"),
                            vid, offsets)
    return [public(c) for c in claims]
