"""Keep Python's cycle collector off the objects a crawl holds from start to end.

A crawl process holds a few hundred thousand long-lived objects (modules, lexicons, outlet
rules, claim and dedup indexes' first entries) that the cyclic garbage collector's full
collections walk again and again: 6 % of the crawl's CPU on 300 articles, most of it in
the oldest generation (docs/performance-yardstick.md). Once the crawl is warm, after its
first item has passed every pipeline (the lazy imports and lexicons are loaded by then),
this extension collects once and moves every surviving object to the collector's
permanent generation (``gc.freeze``): later collections only look at what the crawl
allocated since. Nothing else changes: reference counting still frees objects at once,
and cycles created after the freeze are still collected.

``GC_FREEZE_WARM_OBJECTS = False`` turns it off.
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.exceptions import NotConfigured


class FreezeWarmObjects:
    def __init__(self, crawler):
        self.crawler = crawler
        self.frozen = False

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GC_FREEZE_WARM_OBJECTS", True):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def item_scraped(self, item, response, spider) -> None:
        if self.frozen:
            return
        self.frozen = True
        gc.collect()  # what is garbage now must not be frozen with the rest
        gc.freeze()
        self.crawler.stats.set_value("gc/frozen_objects", gc.get_freeze_count())
