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

logger = logging.getLogger(__name__)


class RelevancePipeline:
    def __init__(self, stats, threshold: float):
        self.stats = stats
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler):
        value = crawler.settings.get("RELEVANCE_THRESHOLD")
        threshold = default_threshold() if value in (None, "") else float(value)
        return cls(crawler.stats, threshold)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        try:
            judgement = score_article(adapter, threshold=self.threshold)
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
