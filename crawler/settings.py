"""Scrapy settings for Cairo Talks Archive. Every project knob has its default here.

Override any of them per run with ``-s NAME=value`` (for example
``-s OUTPUT_DIR=/data/cairo``) or in the environment of a scheduled job.
"""

import os

# tldextract (used by Scrapy's cookie middleware) otherwise tries to download the
# public suffix list at start-up; the bundled snapshot is enough and we are offline.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

BOT_NAME = "cairo_talks"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# --- Where results go -------------------------------------------------------
# Everything a run writes (WARCs, Parquet, feeds, state) lands under OUTPUT_DIR.
OUTPUT_DIR = "output"
# Items as JSON lines, one file per spider run; %(output_dir)s comes from
# crawler.feeds.uri_params, so -s OUTPUT_DIR=... moves the feed too.
FEEDS = {
    "%(output_dir)s/items/%(name)s-%(run_time)s.jsonl": {
        "format": "jsonlines",
        "encoding": "utf-8",
        "store_empty": False,
    },
}
FEED_URI_PARAMS = "crawler.feeds.uri_params"
FEED_EXPORT_ENCODING = "utf-8"

# --- Politeness --------------------------------------------------------------
ROBOTSTXT_OBEY = True
# Who runs the crawl: sent in the User-Agent so outlets can reach the operator.
CRAWL_OPERATOR = "Cairo Talks Archive"
CRAWL_CONTACT = "https://github.com/cairo-talks-archive (set -s CRAWL_CONTACT=you@example.org)"
USER_AGENT_PRODUCT = "CairoTalksArchive/0.1"
USER_AGENT = None  # built by crawler.addons.CrawlIdentity from the three settings above
ADDONS = {"crawler.addons.CrawlIdentity": 0}

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5
DOWNLOAD_TIMEOUT = 30
# News pages are well under 5 MB; anything larger is refused, not half-read.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Exponential backoff between retries (seconds): base * 2**(attempt-1), capped;
# a server's Retry-After wins when it asks for longer (up to RETRY_AFTER_MAX).
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 300.0

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
}

# --- Item pipelines ------------------------------------------------------------
# Data flows one way: normalize/validate, then (later issues) relevance,
# dedup, claims and the dataset writers.
# Slots: 100 validate, 200 relevance, 300 dedup, 400 claims, 800 WARC metadata
# record (after claims, so the archive holds them), 900 Parquet datasets.
ITEM_PIPELINES = {
    "pipelines.validate.ArticleValidationPipeline": 100,
}
# Articles with fewer body words than this are still kept, but counted as thin.
MIN_BODY_WORDS = 40

# --- Engine --------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORTERS = {}
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
