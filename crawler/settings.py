"""Scrapy settings for Cairo Talks Archive. Every project knob has its default here.

Override any of them per run with ``-s NAME=value`` (for example
``-s OUTPUT_DIR=/data/cairo``) or in the environment of a scheduled job.
"""

import os
import shutil

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
ADDONS = {"crawler.addons.CrawlIdentity": 0, "crawler.replay.ReplayAddon": 10,
          "crawler.datasets.crawl_id.CrawlIdAddon": 20,
          "crawler.resumable_jobs.ResumableJobs": 30,  # JOBDIR per spider (see "Operations" below)
          # -s DISTRIBUTED=redis://...: shared frontier + dedup in Redis; before ResumableJobs (it turns JOBDIR off)
          "crawler.distributed.DistributedAddon": 25}
# One id per run, shared by the WARC (warcinfo isPartOf) and the datasets; empty =
# generated at start ("20261125T200000Z-1a2b3c") by crawler.datasets.crawl_id.CrawlIdAddon.
CRAWL_ID = ""

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Scrapy starts this many asyncio tasks for every response's output, however few
# things it yields: an article yields one item, so the default 100 cost 10% of a
# CPU-bound crawl in task bookkeeping (bench/pipeline_speed.py). Items of
# different responses still go through the pipelines concurrently.
CONCURRENT_ITEMS = 16
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
    # robots.txt of an off-site host a request was allowed to reach (a CDN requisite) is read
    # and obeyed, not dropped by OffsiteMiddleware (50) and taken as "allow all".
    "crawler.middlewares.RobotsTxtOffsiteMiddleware": 45,
    # Redirects never leave an outlet's domains, even from listings marked allow_offsite (issue 10).
    "crawler.redirects.OffsiteRedirectMiddleware": 55,
    # A redirect back into its own chain is stopped with a reason (before RedirectMiddleware at 600).
    "crawler.redirects.RedirectLoopMiddleware": 605,
    # In front of Scrapy's decompression (590): a gzip/deflate body cut off mid-stream is refused,
    # not stored as half a page; a whole gzip body is inflated here once and passed on decoded.
    "crawler.content_integrity.CheckedDecompressionMiddleware": 595,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # WARC: Accept-Encoding replay tools decode, failed fetches, HTTP-cache hits (crawler/archive).
    # Below 590 so its Accept-Encoding wins over HttpCompressionMiddleware's default.
    "crawler.archive.middlewares.ArchiveDownloaderMiddleware": 580,
    # First to see each response (above HttpCacheMiddleware's 900): waits until its WARC
    # records are written on the gzip thread, so the capture is in its meta from then on.
    "crawler.archive.middlewares.ArchiveWriteWait": 950,
    # Before retry sees the error: DNS failures / refused connections are not retried (crawler/reachability.py).
    "crawler.reachability.UnreachableHostMiddleware": 560,
    # Incremental fetching: validators on known articles, 304 = unchanged, no item (crawler/incremental).
    "crawler.incremental.middlewares.ConditionalRequestMiddleware": 570,
}
# DNS failures and refused connections are not retried: an unreachable outlet is reported in seconds.
REACHABILITY_FAIL_FAST = True

# --- Outlet discovery (crawler/discovery, crawler/spiders/outlets.py) ------------
# Listings (feeds, sitemaps, section pages) fail fast so an outlet that is down is reported in seconds.
DISCOVERY_TIMEOUT = 15
DISCOVERY_RETRY_TIMES = 1
# Sitemap indexes: how deep to follow, and how many child sitemaps (newest first) per index.
DISCOVERY_MAX_SITEMAP_DEPTH = 2
DISCOVERY_MAX_CHILD_SITEMAPS = 20
# Skip links dated before this day (YYYY-MM-DD); empty = no limit. Per run: -a since=...
DISCOVERY_SINCE = ""
# Stop requesting articles after this many per outlet run (0 = no limit).
DISCOVERY_MAX_ARTICLES = 0
# Judge links on what the listing shows (title, keywords, URL slug) before fetching them.
DISCOVERY_PREFILTER_ENABLED = True
# Empty: the relevance model's own pre-fetch threshold (crawler/relevance/model.json).
DISCOVERY_PREFILTER_MIN_SCORE = ""
# Terms put into outlets' search URLs ("{query}"), per language.
DISCOVERY_SEARCH_TERMS = {
    "ar": ["مفاوضات القاهرة", "الهدنة غزة", "صفقة الأسرى"],
    "en": ["Cairo talks", "Gaza ceasefire talks", "hostage deal"],
    "he": ["עסקת חטופים", "מו\"מ בקהיר", "הפסקת אש עזה"],
}

# --- History backfill (`scrapy crawl backfill`, crawler/spiders/backfill.py, docs/backfill.md) ---
# Each defaults to the real service; any Wayback-compatible archive (pywb) works via the first two.
BACKFILL_WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"
BACKFILL_WAYBACK_REPLAY = "https://web.archive.org/web/"  # + <14-digit timestamp>id_/<original URL>
BACKFILL_CC_INDEX = "https://index.commoncrawl.org/"  # collinfo.json, <CRAWL-ID>-index?url=...
BACKFILL_CC_DATA = "https://data.commoncrawl.org/"  # records read with Range: bytes=offset-(offset+length-1)
# Seconds between two requests to one archive host (one request at a time per host, no jitter).
BACKFILL_WAYBACK_DELAY = 1.0
BACKFILL_CC_INDEX_DELAY = 1.0
BACKFILL_CC_DATA_DELAY = 1.0
# Wayback CDX lines per page (then resumeKey); 0 = the server's default.
BACKFILL_CDX_PAGE_SIZE = 5000
# A progress line (listed / in range / fetched / stored per outlet and source) this often.
BACKFILL_PROGRESS_SECONDS = 60.0

# --- Item pipelines ------------------------------------------------------------
# Data flows one way: normalize/validate, then (later issues) relevance,
# dedup, claims and the dataset writers.
# Slots: 100 validate, 200 relevance, 300 dedup, 400 claims, 800 WARC metadata
# record (after claims, so the archive holds them), 900 Parquet datasets.
ITEM_PIPELINES = {
    "pipelines.validate.ArticleValidationPipeline": 100,
    "pipelines.claims.ClaimsPipeline": 400,
    "pipelines.relevance.RelevancePipeline": 200,
    "pipelines.dedup.DedupPipeline": 300,
    "pipelines.archive_metadata.ArchiveMetadataPipeline": 800,  # article JSON as a WARC metadata record
    "pipelines.datasets.ParquetDatasetsPipeline": 900,  # articles/claims/captures/crawls Parquet
}
# Claims (pipelines/claims.py): extracted for on-topic articles (and those whose
# relevance is unknown); True extends them to off-topic articles too.
CLAIMS_ALL_ARTICLES = False
# Two claims are the same statement (one cluster_id) at this content word Jaccard.
CLAIM_CLUSTER_THRESHOLD = 0.5
# Claim clusters persist across runs here (JSON lines); "" = <OUTPUT_DIR>/state/claim_clusters.jsonl,
# "off" = within one run only.
CLAIM_CLUSTERS_FILE = ""
# New claims are compared with the most recent this-many distinct claims (~1 KB of
# memory each): a statement is repeated by other outlets within days, and an
# unbounded index grew for as long as the schedule ran. The store keeps them all.
CLAIM_CLUSTER_WINDOW = 50_000
# Articles with fewer body words than this are still kept, but counted as thin.
MIN_BODY_WORDS = 40

# --- Deduplication (pipelines/dedup.py) ----------------------------------------
DEDUP_ENABLED = True
# State (SQLite, WAL) survives runs; empty = <OUTPUT_DIR>/state.
DEDUP_STATE_DIR = ""
DEDUP_STORE = "crawler.dedup.store.SQLiteDedupStore"
# Exact copies of another article: "keep" (annotated, written) or "drop" (only counted).
DEDUP_EXACT_DUPLICATES = "keep"
# Identical re-fetches of a known article: "drop" (not stored again) or "keep".
DEDUP_REFETCHES = "drop"
# Near duplicate when word-shingle Jaccard >= SIMILARITY or containment >= CONTAINMENT
# (chosen from bench/evaluate_dedup.py). Shingle size, perms and LSH threshold are
# baked into the stored index: changing them needs a new DEDUP_STATE_DIR.
DEDUP_SIMILARITY_THRESHOLD = 0.4
DEDUP_CONTAINMENT_THRESHOLD = 0.9
DEDUP_SHINGLE_SIZE = 4
DEDUP_NUM_PERM = 128
DEDUP_LSH_THRESHOLD = 0.2
DEDUP_MIN_SHINGLES = 15

# --- Relevance to the talks (crawler/relevance) ---------------------------------
# on_topic = topic_score >= this; empty = the threshold in crawler/relevance/model.json.
RELEVANCE_THRESHOLD = ""

# --- Offline replay (crawler.replay) -------------------------------------------
# WARC files, globs or folders to answer requests from instead of the network;
# empty = live crawl. Misses are counted (replay/miss), never fetched.
REPLAY_WARC_FILES = []
# `scrapy check <outlet>`: one contract per sample URL of the outlet (crawler/contracts.py).
SPIDER_CONTRACTS = {"crawler.contracts.ExtractsContract": 10}
# When a URL was captured more than once: "latest" or "earliest" (by WARC-Date).
REPLAY_CAPTURE = "latest"
# Index a WARC from the up-to-date <file>.cdxj beside it when there is one (no full scan).
REPLAY_USE_CDXJ = True

# --- WARC archive (crawler/archive) ------------------------------------------------
# Every HTTP exchange is written as WARC/1.1 request + response (or revisit)
# records by the WarcArchive extension; articles get a metadata record (slot 800).
WARC_ENABLED = True
WARC_DIR = None  # default: <OUTPUT_DIR>/warc
# File names: <prefix>-<timestamp17>-<serial>-<pid>-<host>.warc.gz (".open" while written).
WARC_PREFIX = "CAIROTALKS"
# Rotate to a new file once this many bytes are written (the usual 1 GB).
WARC_MAX_SIZE = 1_000_000_000
# Same URL + same payload digest as an earlier capture -> a small revisit record.
WARC_REVISITS = True
# Write <file>.cdxj (cdxj-indexer) beside each closed WARC; revisit detection reads them.
WARC_CDXJ = True
# fsync after each record: survives power loss, not only a killed process (slower).
WARC_FSYNC = False
# zlib level of each record's gzip member (1-9). Bodies mostly arrive compressed
# already: 6 takes a sixth less time than warcio's 9 for files 0.1% larger.
WARC_GZIP_LEVEL = 6
# Deflate each exchange's records on a thread beside the reactor (zlib releases the GIL,
# ~2 ms per article page): the reactor thread goes on while they compress.
WARC_GZIP_THREAD = True
# Scrapy 2.19 also offers br and zstd; warcio and pywb cannot decode zstd.
WARC_ACCEPT_ENCODING = "gzip, deflate"
# Request records keep Cookie / Authorization / Proxy-Authorization headers only when True:
# a WARC is shared and replayed, session tokens must not travel with it (issue 10).
WARC_STORE_CREDENTIALS = False
# Page requisites (crawler/archive/requisites.py, docs/archive-fidelity.md): for the articles
# selected here (on_topic | all | none) also fetch, through Scrapy, the stylesheets (and their
# fonts/images), article images, favicons and preloads; scripts only with RenderPlan(scripts=True).
ARCHIVE_PAGE_REQUISITES = "on_topic"
ARCHIVE_REQUISITES_MAX_PER_PAGE = 40
ARCHIVE_REQUISITES_MAX_BYTES_PER_PAGE = 15_000_000
# A requisite URL archived less than this many seconds ago (this crawl or an earlier one) is not fetched again.
ARCHIVE_REQUISITES_MAX_AGE = 7 * 24 * 3600
# False: fetch and store every requisite of every page (no URL/digest dedup; for measuring only).
ARCHIVE_REQUISITES_DEDUP = True
# Ad, analytics and tracking URLs are never fetched: EasyList + EasyPrivacy as Debian ships them.
ARCHIVE_REQUISITES_FILTER_LISTS = [
    "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easylist.txt",
    "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easyprivacy.txt",
]
# Evidence records of on-topic articles: urn:text:<url> (extracted text) and urn:screenshot:<url>
# (the page replayed from the archive in headless Chromium; skipped and counted without a browser).
ARCHIVE_TEXT_RECORDS = True
ARCHIVE_SCREENSHOTS = True
# Seconds the WARC writer waits at close for screenshots still being taken.
ARCHIVE_EVIDENCE_CLOSE_WAIT = 120
EXTENSIONS = {
    "crawler.archive.extension.WarcArchive": 500,
    "crawler.archive.page_requisites.PageRequisites": 501,
    # Run health (crawler/monitors): per-outlet field counts, then Spidermon's close-time suite.
    "crawler.monitors.outlet_stats.OutletFieldStats": 490,
    "spidermon.contrib.scrapy.extensions.Spidermon": 510,
    # PAUSED marker on an early stop, job folder removed after a finished run (crawler/resumable_jobs.py).
    "crawler.resumable_jobs.JobLifecycle": 520,
    # Distributed crawls only: worker heartbeats, wait while others are busy, last one clears the frontier.
    "crawler.distributed.workers.SharedFrontierWorkers": 530,
    # Stops the crawl (reason "disk_full") while the outputs can still be closed (crawler/disk_guard.py).
    "crawler.disk_guard.DiskSpaceGuard": 540,
    # Worker processes for extraction, relevance and claims when WORKER_PROCESSES > 0 (crawler/worker_pool.py).
    "crawler.worker_pool.WorkerPool": 550,
    # Large short-lived buffers (pages, WARC records) in mmap, not in glibc's heap (crawler/native_memory.py).
    "crawler.native_memory.NativeHeap": 0,
    # After the first item: the warm objects leave the cycle collector's scans (crawler/garbage_collection.py).
    "crawler.garbage_collection.FreezeWarmObjects": 560,
}
# glibc serves allocations of at least this many bytes with mmap and returns them on free;
# fixed, because glibc's own threshold rises to the largest block freed so far and a long
# crawl's heap then fragments and grows (docs/performance-yardstick.md). 0: glibc's default.
MALLOC_MMAP_THRESHOLD = 128 * 1024
# Processes that extract, score and find claims beside the crawl thread: 0 runs them
# inline. Replay sets spare_cores() (crawler/worker_pool.py) by itself; a live crawl
# stays in one process because a worker and multiprocessing's tracker add ~107 MB: with
# one, the crawl's process tree peaked at 499.7 MB over 4,000 articles, too close to the
# 500 MB bound to promise it at 20,000 (docs/performance-yardstick.md). Results are the
# same either way.
WORKER_PROCESSES = 0
# Free space (bytes) under OUTPUT_DIR at or below which the crawl stops cleanly; -1 = never check.
# Enough for closing the WARC, flushing a Parquet batch and committing the state.
DISK_MIN_FREE_BYTES = 64 * 1024 * 1024
DISK_CHECK_SECONDS = 1.0
SPIDER_MIDDLEWARES = {
    # Copies the response's WARC location onto the items parsed from it.
    "crawler.archive.middlewares.CaptureLinkMiddleware": 550,
    # Drops requests for articles fetched recently, before the scheduler (crawler/incremental).
    "crawler.incremental.middlewares.SkipKnownPagesMiddleware": 590,
    # Distributed crawls only: start listings go through the shared duplicate filter (fetched once in all).
    "crawler.distributed.middlewares.SharedStartRequests": 600,
}

# --- Parquet datasets (pipelines/datasets.py, crawler/datasets/) ---------------
# Rows buffered per dataset before a flush writes them (one file per partition
# touched); memory holds one batch. A flush also happens once the buffered rows
# hold DATASETS_BATCH_BYTES characters of text (what keeps memory flat on a fast
# crawl) or after DATASETS_FLUSH_SECONDS. `scrapy compact` merges the small files.
DATASETS_BATCH_ROWS = 5000
DATASETS_BATCH_BYTES = 8_000_000
DATASETS_FLUSH_SECONDS = 60.0
# Rows per Parquet row group (compaction target too): large enough for fast scans.
DATASETS_ROW_GROUP_ROWS = 100_000
# ...and at most about this many bytes of Arrow data (the Parquet writer holds a whole row
# group while it encodes it: a flush of long articles is written in several, not at once).
DATASETS_ROW_GROUP_BYTES = 4_000_000
# `scrapy compact`: files smaller than this (bytes) are merged within their partition.
DATASETS_COMPACT_SMALL_FILE_BYTES = 64 * 1024 * 1024

# --- Monitoring (crawler/monitors, Spidermon) ------------------------------------
# Every spider's run is judged at close; a failure exits non-zero (crawler/commands/crawl.py)
# and the run report goes to <OUTPUT_DIR>/reports/<spider>-<start>.json.
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.monitors.suites.CrawlHealthSuite"]
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
MONITOR_REPORTS_DIR = ""  # empty = <OUTPUT_DIR>/reports
# New items + pages the incremental layer found unchanged must reach this.
MONITOR_MIN_ITEMS = 1
# Share of an outlet's items that must carry each field (checked per outlet).
MONITOR_FIELD_COVERAGE = {"headline": 0.9, "published": 0.8, "body": 0.9}
# Outlets with fewer items than this in a run are not judged on coverage.
MONITOR_COVERAGE_MIN_ITEMS = 1
MONITOR_MAX_FETCH_FAILURE_RATE = 0.2
MONITOR_MAX_EXTRACTION_FAILURE_RATE = 0.5
MONITOR_MAX_ERRORS = 0
# Errors components caught and counted as "<component>/errors/<reason>" (claims, datasets...).
MONITOR_MAX_COMPONENT_ERRORS = 0
MONITOR_MAX_RETRY_RATE = 0.2
MONITOR_RETRY_RATE_MIN_REQUESTS = 20  # fewer requests: the retry rate is not judged
MONITOR_MAX_RETRIES_EXHAUSTED = 5

# --- Operations: resumable and incremental runs (crawler/resumable_jobs.py, crawler/incremental) --
# JOBDIR = <RESUMABLE_JOBS_DIR or OUTPUT_DIR/jobs>/<spider>/ unless -s JOBDIR=... is given.
# Stop with one Ctrl-C / SIGTERM, run the same command again to resume.
RESUMABLE_JOBS = True
RESUMABLE_JOBS_DIR = ""
# Articles already fetched are remembered in <INCREMENTAL_STATE_DIR or OUTPUT_DIR/state>/fetches.sqlite.
INCREMENTAL_ENABLED = True
INCREMENTAL_STATE_DIR = ""
# An article fetched less than this many hours ago is not requested again.
INCREMENTAL_SKIP_HOURS = 6.0
# After that it is re-checked with If-None-Match / If-Modified-Since while it is
# younger than this many days (since its first fetch); older articles are settled
# and only re-fetched when a listing's lastmod says they changed. 0 = re-check forever.
INCREMENTAL_RECHECK_DAYS = 7.0
# Fetch everything, ignoring the state (per run: -a force=true).
INCREMENTAL_FORCE = False

# --- Rendering JavaScript pages (crawler/rendering, scrapy-playwright) ----------------
# Only requests with meta["playwright"] (an outlet's RenderPlan, or `crawl urls -a render=true`)
# go through headless Chromium; every other request uses Scrapy's HTTP/1.1 handler. The
# browser starts on the first rendered page. REPLAY_WARC_FILES replaces these handlers.
DOWNLOAD_HANDLERS = {
    "http": "crawler.rendering.handler.RenderingDownloadHandler",
    "https": "crawler.rendering.handler.RenderingDownloadHandler",
}
PLAYWRIGHT_BROWSER_TYPE = "chromium"
# Starts Playwright on the first rendered page, not at engine start (crawler/rendering/handler.py).
PLAYWRIGHT_BROWSER_PROVIDER = "crawler.rendering.handler.LazyBrowserProvider"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": shutil.which("chromium") or "/usr/bin/chromium",  # Debian's, never `playwright install`
    "headless": True,
    # --no-sandbox: Chromium refuses to run as root otherwise; the rest stop it calling Google hosts.
    "args": ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--disable-quic"],
}
# Memory stays bounded: at most this many contexts, pages per context.
PLAYWRIGHT_MAX_CONTEXTS = 2
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000  # ms
# Seconds for one page: navigation + wait rules + reading the DOM (a RenderPlan may set its own).
RENDERING_PAGE_TIMEOUT = 45
# Browser requests of these resource types are aborted (counted in rendering/blocked/<type>).
RENDERING_BLOCKED_RESOURCE_TYPES = ["image", "font", "media"]
# Archive every subresource a rendered page fetched (scripts, styles, XHR) for all outlets;
# False = only for outlets whose RenderPlan says archive_subresources=True.
RENDERING_ARCHIVE_SUBRESOURCES = False

# --- Beyond one machine (crawler/distributed, scrapy-redis) ----------------------
# A Redis URL (redis://host:6379/0) runs this process as one worker of a distributed
# crawl: scrapy-redis' shared scheduler queue and duplicate filter, and the dedup state
# (crawler/dedup/redis_store.py) in that Redis; JOBDIR is off (the frontier resumes).
# Empty = single machine (local scheduler, SQLite dedup state).
DISTRIBUTED = ""
# Every key of the frontier, the worker registry and the dedup state starts with this.
DISTRIBUTED_KEY_PREFIX = "cairo_talks"
# Workers refresh their registry entry this often; one silent for longer than the timeout is dead.
DISTRIBUTED_HEARTBEAT_SECONDS = 2.0
DISTRIBUTED_WORKER_TIMEOUT = 60.0
# Dedup state in Redis (DEDUP_STORE = "crawler.dedup.redis_store.RedisDedupStore", set by the
# profile): empty URL = DISTRIBUTED's; prefix empty = <DISTRIBUTED_KEY_PREFIX>:dedup.
DEDUP_REDIS_URL = ""
DEDUP_REDIS_PREFIX = ""
# One dedup decision at a time across processes: a lock held at most this long (seconds).
DEDUP_REDIS_LOCK_TIMEOUT = 60.0

# --- Engine --------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORTERS = {}
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
