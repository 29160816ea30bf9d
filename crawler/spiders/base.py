"""What every article spider shares: turning a response into an item, and counting failures."""

from __future__ import annotations

from datetime import datetime, timezone

import scrapy
from scrapy.exceptions import IgnoreRequest

from crawler.extraction import ExtractionError, extract_from_response
from crawler.extraction.fetched_page import FetchedPage, extract_fetched_page
from crawler.outlets import Outlet, outlet_for_url
from crawler.worker_pool import pool_of, run_stateless


class ArticleSpider(scrapy.Spider):
    """Base class: ``parse_article`` runs the outlet's rules (or the generic ones) on a page.

    A page that cannot be parsed yields no item but is counted under
    ``extraction/failed/<reason>`` and logged; the crawl goes on.
    """

    # Set by outlet spiders; the urls spider picks an outlet per URL.
    outlet: Outlet | None = None

    def outlet_for(self, response) -> Outlet | None:
        return self.outlet or outlet_for_url(response.url)

    async def parse_article(self, response, outlet: Outlet | None = None):
        """Yields the article item; extraction runs in a worker process when WORKER_PROCESSES > 0."""
        response.meta.setdefault("fetched_at", datetime.now(timezone.utc))
        stats = self.crawler.stats
        try:
            outlet = outlet or self.outlet_for(response)
            if pool_of(self.crawler) is None:  # inline: the response itself, not a copy rebuilt from it
                item = extract_from_response(response, outlet=outlet)
            else:
                item = await run_stateless(self.crawler, extract_fetched_page, FetchedPage.of(response), outlet)
        except ExtractionError as exc:
            stats.inc_value(f"extraction/failed/{exc.reason}")
            self.logger.warning("Not an article: %s (%s)", response.url, exc)
            return
        except Exception as exc:  # a bug on one page must not stop the crawl
            stats.inc_value(f"extraction/failed/error_{type(exc).__name__}")
            self.logger.exception("Extractor crashed on %s", response.url)
            return
        stats.inc_value("extraction/ok")
        yield item

    def record_failure(self, failure):
        """Errback: a request that never produced a response is counted with its reason."""
        reason = type(failure.value).__name__
        status = getattr(getattr(failure.value, "response", None), "status", None)
        if status:
            reason = f"http_{status}"
        self.crawler.stats.inc_value(f"fetch/failed/{reason}")
        if isinstance(failure.value, IgnoreRequest) and not status:
            # "IgnoreRequest" alone hides why (robots, offsite redirect, decompression bomb...):
            # its cause, or its subclass, names it.
            cause = failure.value.__cause__
            detail = (type(cause).__name__ if cause else type(failure.value).__name__).lstrip("_")
            if detail != "IgnoreRequest":
                self.crawler.stats.inc_value(f"fetch/ignored/{detail}")
        self.logger.warning("Fetch failed: %s (%s)", failure.request.url, failure.getErrorMessage())
        self.logger.debug(failure.getTraceback())
