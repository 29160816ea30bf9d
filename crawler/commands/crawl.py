"""`scrapy crawl SPIDER`: Scrapy's own command, plus a non-zero exit when a monitor failed.

Schedulers (cron, systemd, Scrapyd) only see the exit status, so a run whose
Spidermon checks failed (crawler.monitors) exits 1 like a run that could not start.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from crawler.monitors import run_failed


class Command(ScrapyCrawlCommand):
    def _create_crawler(self, spname):
        # Keep the crawler: CrawlerProcess forgets it once it finishes.
        self.monitored_crawler = super()._create_crawler(spname)
        return self.monitored_crawler

    def run(self, args, opts):
        super().run(args, opts)
        crawler = getattr(self, "monitored_crawler", None)
        if crawler is not None and run_failed(crawler):
            self.exitcode = 1
