"""`scrapy crawl SPIDER`: Scrapy's own command, plus a non-zero exit when a monitor failed.

Schedulers (cron, systemd, Scrapyd) only see the exit status, so a run whose
Spidermon checks failed (crawler.monitors) exits 1 like a run that could not start.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.monitors import run_failed


class Command(ScrapyCrawlCommand):
    def run(self, args, opts):
        # Scrapy's run, with the crawler kept (CrawlerProcess forgets it once it finishes),
        # made through CrawlerProcess's public create_crawler.
        if len(args) != 1:
            raise UsageError("give exactly one spider name" if args else None)
        crawler = self.crawler_process.create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed or run_failed(crawler):
            self.exitcode = 1
