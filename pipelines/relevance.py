"""Second pipeline (slot 200): judge each article's relevance to the Cairo talks.

Sets ``topic_score`` (0..1) and ``on_topic`` on every item. Off-topic articles
are kept and go on to dedup, the archive and the datasets: the flag lets
analysts filter, and a wrong judgement loses nothing. Counts land in the stats:
``relevance/on_topic``, ``relevance/off_topic``, ``relevance/off_topic/<outlet>``,
``relevance/failed/<error>`` (an item the scorer choked on keeps going, unscored).
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter

from crawler.relevance import default_threshold, score_article
from crawler.worker_pool import run_stateless

logger = logging.getLogger(__name__)


# What score_article reads: only these travel to a worker process.
SCORED_FIELDS = ("headline", "description", "paragraphs", "body", "tags", "language")


class RelevancePipeline:
    def __init__(self, stats, threshold: float, crawler=None):
        self.stats = stats
        self.threshold = threshold
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        value = crawler.settings.get("RELEVANCE_THRESHOLD")
        threshold = default_threshold() if value in (None, "") else float(value)
        return cls(crawler.stats, threshold, crawler)

    async def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        try:
            fields = {name: adapter.get(name) for name in SCORED_FIELDS}
            judgement = await run_stateless(self.crawler, score_article, fields, self.threshold)
        except Exception as exc:  # a scorer bug must not cost the article
            self.stats.inc_value(f"relevance/failed/{type(exc).__name__}")
            logger.exception("Relevance scoring failed for %s", adapter.get("url"))
            return item
        adapter["topic_score"] = judgement.topic_score
        adapter["on_topic"] = judgement.on_topic
        if judgement.on_topic:
            self.stats.inc_value("relevance/on_topic")
        else:
            self.stats.inc_value("relevance/off_topic")
            self.stats.inc_value(f"relevance/off_topic/{adapter.get('outlet') or 'generic'}")
        return item
