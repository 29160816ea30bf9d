"""Start requests through the shared duplicate filter.

Spiders mark their first listings ``dont_filter`` so a resumed single-machine job
fetches them again. With several processes starting the same spider, that would
fetch every start listing once per process: in the distributed profile the first
process to schedule a start request wins and the others drop it.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured


class SharedStartRequests:
    def __init__(self, crawler):
        if not crawler.settings.get("DISTRIBUTED"):
            raise NotConfigured("DISTRIBUTED is empty: single-machine crawl")
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_start(self, start):
        async for item_or_request in start:
            if getattr(item_or_request, "dont_filter", False):
                item_or_request = item_or_request.replace(dont_filter=False)
                self.stats.inc_value("distributed/start_requests_shared")
            yield item_or_request
