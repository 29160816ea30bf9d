"""First pipeline: check what the extractor produced and count it. Nothing is dropped here.

A thin or headline-less article is still an archived capture; analysts decide.
The counters (``articles/...`` in the crawl stats) show a layout change at an
outlet long before anyone reads the data.
"""

from __future__ import annotations

from itemadapter import ItemAdapter


class ArticleValidationPipeline:
    def __init__(self, stats, min_words: int):
        self.stats = stats
        self.min_words = min_words

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getint("MIN_BODY_WORDS"))

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        outlet = adapter.get("outlet") or "generic"
        self.stats.inc_value("articles/count")
        self.stats.inc_value(f"articles/outlet/{outlet}")
        for field in ("headline", "published", "authors"):
            if not adapter.get(field):
                self.stats.inc_value(f"articles/missing/{field}")
        if (adapter.get("word_count") or 0) < self.min_words:
            self.stats.inc_value("articles/thin_body")
        for field, source in (adapter.get("provenance") or {}).items():
            if field in ("headline", "published", "paragraphs"):
                self.stats.inc_value(f"articles/source/{field}/{source.split(':', 1)[0]}")
        return item
