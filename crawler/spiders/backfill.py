"""`scrapy crawl backfill`: the outlets' coverage of a date range, from where the past is kept.

    scrapy crawl backfill -a outlets=youm7,reuters -a since=2023-11-01 -a until=2025-10-31 \\
        -a sources=wayback,commoncrawl,sitemaps -a prefilter=0

Arguments (all optional):
  -a outlets=SLUG[,SLUG]   default: every outlet
  -a since=YYYY-MM-DD      default: 2023-11-01 (the first Cairo round)
  -a until=YYYY-MM-DD      default: today
  -a sources=wayback,commoncrawl,sitemaps   default: all three
  -a prefilter=0           fetch every article URL in range (default: judge the URL slug first)
  -a sitemaps=URL[,URL]    sitemaps source: read these sitemap indexes instead of the outlet's
                           declared ones (a mirror or a local copy; their hosts count as the outlet's)

Sources (settings BACKFILL_WAYBACK_CDX/_REPLAY, BACKFILL_CC_INDEX/_DATA; docs/backfill.md):
- wayback: the CDX API, one query per fixed start of the outlet's article URL pattern
  (per month when the pattern starts with the date), paged with resumeKey; each
  capture is fetched raw as ``<replay><timestamp>id_/<original>``; a 302 to the
  nearest capture is followed and the capture really got is recorded.
- commoncrawl: collinfo.json, then the CDX index of each crawl overlapping the range;
  each record is read with one Range request and stored unchanged.
- sitemaps: the outlet's sitemap indexes, every child in range (not only the newest).

Captures of one URL with different digests are versions, fetched oldest first (so the
dedup stage numbers them in capture order); one digest is fetched once, whichever
archive has it. Everything not fetched is counted in ``backfill/skipped/<reason>``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime, timezone
from urllib.parse import quote, urlsplit

import scrapy
from scrapy import signals
from scrapy.http import HtmlResponse
from twisted.internet.task import LoopingCall
from w3lib.url import canonicalize_url

from crawler import signals as project_signals
from crawler.archive.extension import CAPTURE_META_KEY, SELF_ARCHIVED_META, archive_of
from crawler.backfill.cdx import Capture, cdx_query, crawl_period, parse_cdx, parse_page_count, url_prefixes
from crawler.backfill.politeness import archive_slots
from crawler.backfill.records import (PROVENANCE_META, commoncrawl_metadata, iso, original_url_revisit,
                                      read_commoncrawl_member, split_archive_url)
from crawler.discovery import LinkPrefilter, parse_sitemap
from crawler.discovery.links import DiscoveredLink
from crawler.discovery.ranges import DateRange, listing_date
from crawler.discovery.sitemaps import NotASitemap
from crawler.incremental.state import FetchState
from crawler.outlets import Outlet, all_outlets, get_outlet, outlet_for_url

from .base import ArticleSpider
from .outlets import children_to_read

SOURCES = ("wayback", "commoncrawl", "sitemaps")
DEFAULT_SINCE = date(2023, 11, 1)
BACKFILL_META = "backfill"
PROGRESS_FIELDS = ("listed", "in_range", "fetched", "stored")


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def stored_key(original: str, digest: str | None) -> str:
    """Incremental-state key of one stored version (any archive): next runs skip it."""
    return f"backfill:{digest}/{canonicalize_url(original, keep_fragments=False)}"


class BackfillSpider(ArticleSpider):
    name = "backfill"

    def __init__(self, outlets: str | None = None, since: str | None = None, until: str | None = None,
                 sources: str | None = None, prefilter: str | None = None, sitemaps: str | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.outlets: list[Outlet] = [get_outlet(s) for s in _split(outlets)] or list(all_outlets().values())
        self.since = date.fromisoformat(since) if since else DEFAULT_SINCE
        self.until = date.fromisoformat(until) if until else datetime.now(timezone.utc).date()
        if self.until < self.since:
            raise ValueError(f"until ({self.until}) is before since ({self.since})")
        self.sources = _split(sources) or list(SOURCES)
        unknown = set(self.sources) - set(SOURCES)
        if unknown:
            raise ValueError(f"unknown source(s) {sorted(unknown)}; known: {', '.join(SOURCES)}")
        self.prefilter_arg = prefilter
        self.sitemap_overrides = _split(sitemaps)
        self.sitemap_hosts = {urlsplit(u).hostname for u in self.sitemap_overrides} - {None}
        self.range = DateRange(self.since, self.until)
        # (canonical original URL, digest) seen in this run, from any archive: one version, fetched once.
        self.seen_digests: set[tuple[str, str]] = set()
        self.progress: dict[tuple[str, str], Counter] = defaultdict(Counter)

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        # One request at a time per archive host, BACKFILL_*_DELAY apart; a 429/503 pauses the host
        # (above BackoffRetryMiddleware at 550, which would otherwise take the response first).
        slots = {**settings.getdict("DOWNLOAD_SLOTS"), **archive_slots(settings)}
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        middlewares = {**settings.getdict("DOWNLOADER_MIDDLEWARES"),
                       "crawler.backfill.politeness.ArchiveBackoffMiddleware": 551}
        settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="spider")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.wayback_cdx = settings.get("BACKFILL_WAYBACK_CDX")
        spider.wayback_replay = settings.get("BACKFILL_WAYBACK_REPLAY")
        spider.cc_index = settings.get("BACKFILL_CC_INDEX").rstrip("/") + "/"
        spider.cc_data = settings.get("BACKFILL_CC_DATA").rstrip("/") + "/"
        spider.cdx_limit = settings.getint("BACKFILL_CDX_PAGE_SIZE")
        spider.progress_seconds = settings.getfloat("BACKFILL_PROGRESS_SECONDS")
        spider.prefilter = LinkPrefilter.from_settings(settings)
        if spider.prefilter_arg is not None:
            spider.prefilter.enabled = spider.prefilter_arg.lower() not in ("0", "false", "no", "off")
        spider.fetch_state = FetchState.for_crawler(crawler) if settings.getbool("INCREMENTAL_ENABLED") else None
        spider.allowed_domains = sorted({urlsplit(u).hostname for u in (
            spider.wayback_cdx, spider.wayback_replay, spider.cc_index, spider.cc_data)} - {None})
        if "sitemaps" in spider.sources:  # articles listed by the outlets' own sitemaps
            spider.allowed_domains += [d for outlet in spider.outlets for d in outlet.domains]
            spider.allowed_domains += sorted(spider.sitemap_hosts)
        crawler.signals.connect(spider.item_stored, signal=signals.item_scraped)
        crawler.signals.connect(spider.capture_written, signal=project_signals.capture_written)
        return spider

    # --- start -------------------------------------------------------------------------

    async def start(self):
        if not isinstance(getattr(self, "state", None), dict):  # no JOBDIR: Scrapy's SpiderState is off
            self.state = {}
        self.progress_loop = LoopingCall(self.log_progress)
        self.progress_loop.start(self.progress_seconds, now=False)
        self.logger.info("Backfill %s..%s of %d outlet(s) from %s", self.since, self.until, len(self.outlets),
                         ", ".join(self.sources))
        if "commoncrawl" in self.sources:
            yield self.archive_request(self.cc_index + "collinfo.json", self.parse_collinfo, {}, "commoncrawl",
                                      dont_filter=True)
        for outlet in self.outlets:
            if "wayback" in self.sources:
                for url, match_type in url_prefixes(outlet, self.since, self.until):
                    query = cdx_query(self.wayback_cdx, url, match_type, self.since, self.until,
                                      collapse="digest", showResumeKey="true", limit=self.cdx_limit or None)
                    yield self.archive_request(query, self.parse_wayback_cdx, {"outlet": outlet.slug, "query": query},
                                              "wayback")
            if "sitemaps" in self.sources:
                declared = outlet.endpoints()["news_sitemaps"] + outlet.endpoints()["sitemaps"]
                for url in self.sitemap_overrides or declared:
                    yield self.sitemap_request(url, outlet, depth=0)

    def archive_request(self, url: str, callback, info: dict, source: str, **kwargs) -> scrapy.Request:
        """A request to an archive. Listings are remembered by JOBDIR's duplicate filter
        (a CDX page read before a restart is not read again); incremental fetching
        never applies (archived captures do not change, they are skipped by digest)."""
        kwargs.setdefault("errback", self.record_failure)
        return scrapy.Request(url, callback=callback,
                              meta={BACKFILL_META: info, "incremental": False,
                                    PROVENANCE_META: {"capture_source": source}}, **kwargs)

    # --- capture selection (both archives) -----------------------------------------------

    def select(self, captures: list[Capture], outlet: Outlet, source: str, **extra):
        """Captures to fetch, each queued on its URL's chain; the rest counted by reason."""
        stats = self.crawler.stats
        counter = self.progress[(outlet.slug, source)]
        chosen: dict[str, list[dict]] = defaultdict(list)
        for capture in captures:
            counter["listed"] += 1
            reason = self.skip_reason(capture, outlet)
            if reason:
                stats.inc_value(f"backfill/skipped/{reason}")
                continue
            counter["in_range"] += 1
            chosen[capture.original].append({**capture.__dict__, "source": source, "outlet": outlet.slug, **extra})
        for original, versions in chosen.items():
            yield from self.enqueue(original, versions)

    # --- versions of one URL: one chain, oldest capture first ----------------------------

    def enqueue(self, original: str, captures: list[dict]):
        """Queue captures on the URL's chain; start it unless a capture of that URL is in flight.

        One request per URL at a time, the oldest first, whichever archive holds it:
        the dedup stage numbers versions in the order it sees them. The chains live
        in ``self.state`` so a JOBDIR restart keeps them.
        """
        key = canonicalize_url(original, keep_fragments=False)
        chains, active = self.state.setdefault("chains", {}), self.state.setdefault("active", {})
        chains[key] = sorted(chains.get(key, []) + captures, key=lambda c: c["timestamp"])
        if key not in active:
            yield self.next_capture(key)

    def next_capture(self, key: str) -> scrapy.Request | None:
        chains, active = self.state["chains"], self.state["active"]
        if not chains.get(key):
            chains.pop(key, None)
            active.pop(key, None)
            return None
        capture = chains[key].pop(0)
        active[key] = capture["timestamp"]
        if capture["source"] == "wayback":
            return self.wayback_capture_request(capture)
        return self.cc_record_request(capture)

    def continue_chain(self, info: dict):
        request = self.next_capture(canonicalize_url(info["original"], keep_fragments=False))
        if request is not None:
            yield request

    def capture_failed(self, failure):
        """Errback of capture fetches: counted like any failed fetch, and the URL's chain goes on."""
        self.record_failure(failure)
        return list(self.continue_chain(failure.request.meta[BACKFILL_META]))

    def skip_reason(self, capture: Capture, outlet: Outlet) -> str | None:
        if not outlet.owns_host(urlsplit(capture.original).hostname or "") or not outlet.is_article_url(capture.original):
            return "not_article"
        try:
            day = capture.captured_at.date()
        except ValueError:
            return "bad_timestamp"
        if not self.range.contains(day):
            return "out_of_range"
        if capture.statuscode not in (None, "200"):
            return "not_200"
        if capture.mimetype and "html" not in capture.mimetype:
            return "not_html"
        key = (canonicalize_url(capture.original, keep_fragments=False), capture.digest or capture.timestamp)
        if key in self.seen_digests:
            return "same_digest"
        if self.fetch_state is not None and capture.digest and self.fetch_state.get(stored_key(capture.original, capture.digest)):
            return "already_stored"
        if not self.prefilter.keep(DiscoveredLink(capture.original, source="backfill"),
                                   outlet.languages[0] if len(outlet.languages) == 1 else None):
            return "prefiltered"
        self.seen_digests.add(key)
        return None

    # --- Wayback ---------------------------------------------------------------------------

    def parse_wayback_cdx(self, response):
        info = response.meta[BACKFILL_META]
        outlet = get_outlet(info["outlet"])
        captures, resume_key = self.read_cdx(response)
        self.crawler.stats.inc_value("backfill/cdx_pages/wayback")
        yield from self.select(captures, outlet, "wayback")
        if resume_key:
            self.crawler.stats.inc_value("backfill/cdx_resumed")
            yield self.archive_request(f"{info['query']}&resumeKey={quote(resume_key, safe='')}",
                                       self.parse_wayback_cdx, info, "wayback")

    def read_cdx(self, response) -> tuple[list[Capture], str | None]:
        """The captures of a CDX answer; an unreadable one is counted and logged, the run goes on."""
        try:
            return parse_cdx(response.body)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            self.crawler.stats.inc_value("backfill/failed/cdx_unreadable")
            self.logger.warning("Unreadable CDX answer %s: %s: %s", response.url, type(exc).__name__, exc)
            return [], None

    def wayback_capture_request(self, capture: dict) -> scrapy.Request:
        url = f"{self.wayback_replay}{capture['timestamp']}id_/{capture['original']}"
        return self.archive_request(url, self.parse_wayback_capture, {
            "source": "wayback", "outlet": capture["outlet"], "original": capture["original"],
            "digest": capture["digest"]}, "wayback", errback=self.capture_failed)

    async def parse_wayback_capture(self, response):
        info = response.meta[BACKFILL_META]
        outlet = get_outlet(info["outlet"])
        split = split_archive_url(response.url)
        captured_at = split[0] if split else None
        if response.meta.get("redirect_urls"):  # the archive sent us to its nearest capture
            self.crawler.stats.inc_value("backfill/redirected_to_nearest")
        if captured_at is None or not self.range.contains(captured_at.date()):
            self.crawler.stats.inc_value("backfill/skipped/nearest_out_of_range")
        else:
            async for item in self.parse_capture(response, outlet, info, "wayback", captured_at, response.url):
                yield item
        for request in self.continue_chain(info):
            yield request

    def capture_written(self, capture, request, response):
        """A Wayback capture was archived: file it under its original URL and capture time too."""
        info = request.meta.get(BACKFILL_META) or {}
        if info.get("source") != "wayback" or response is None or response.status != 200:
            return
        split = split_archive_url(response.url)
        archive = archive_of(self.crawler)
        if split is None or archive is None or not capture.get("payload_digest"):
            return
        captured_at, _ = split
        record = original_url_revisit(archive.factory, info["original"], captured_at, capture)
        location = archive.writer.write(record)[0]
        self.crawler.stats.inc_value("warc/records/revisit_original_url")
        self.crawler.signals.send_catch_log(project_signals.capture_written, capture={
            **capture, "url": info["original"], "warc_record_id": location.warc_record_id,
            "warc_filename": location.warc_filename, "warc_offset": location.warc_offset,
            "warc_length": location.warc_length, "record_type": "revisit",
            "refers_to_record_id": capture["warc_record_id"], "request_record_id": None,
            "captured_at": iso(captured_at)}, request=request, response=None)

    # --- Common Crawl ----------------------------------------------------------------------

    def parse_collinfo(self, response):
        stats = self.crawler.stats
        try:
            crawls = [c for c in json.loads(response.text) if isinstance(c, dict) and c.get("id")]
        except ValueError as exc:
            stats.inc_value("backfill/failed/collinfo_unreadable")
            self.logger.warning("Unreadable Common Crawl collinfo.json %s: %s", response.url, exc)
            return
        for crawl in crawls:
            period = crawl_period(crawl)
            if period and not self.range.overlaps(*period):
                stats.inc_value("backfill/skipped/crawl_out_of_range")
                continue
            stats.inc_value("backfill/crawls")
            endpoint = f"{self.cc_index}{crawl['id']}-index"
            for outlet in self.outlets:
                for url, match_type in url_prefixes(outlet, self.since, self.until):
                    query = cdx_query(endpoint, url, match_type, self.since, self.until)
                    yield self.archive_request(query + "&showNumPages=true", self.parse_cc_pages,
                                               {"outlet": outlet.slug, "crawl": crawl["id"], "query": query},
                                               "commoncrawl")

    def parse_cc_pages(self, response):
        """A paged index answers with its page count; an unpaged one with the captures."""
        info = response.meta[BACKFILL_META]
        pages = parse_page_count(response.body)
        if pages is None:
            yield from self.parse_cc_cdx(response)
            return
        for page in range(pages):
            yield self.archive_request(f"{info['query']}&page={page}", self.parse_cc_cdx, info, "commoncrawl")

    def parse_cc_cdx(self, response):
        info = response.meta[BACKFILL_META]
        outlet = get_outlet(info["outlet"])
        captures, _ = self.read_cdx(response)
        self.crawler.stats.inc_value("backfill/cdx_pages/commoncrawl")
        usable = [c for c in captures if c.filename and c.offset is not None and c.length]
        self.crawler.stats.inc_value("backfill/skipped/no_location", len(captures) - len(usable))
        yield from self.select(usable, outlet, "commoncrawl", crawl=info["crawl"])

    def cc_record_request(self, capture: dict) -> scrapy.Request:
        start, length = capture["offset"], capture["length"]
        request = self.archive_request(self.cc_data + capture["filename"], self.parse_cc_record, {
            "source": "commoncrawl", "outlet": capture["outlet"], "crawl": capture["crawl"],
            "original": capture["original"], "digest": capture["digest"], "filename": capture["filename"],
            "offset": start, "length": length}, "commoncrawl",
            headers={"Range": f"bytes={start}-{start + length - 1}"}, errback=self.capture_failed,
            dont_filter=True)  # one file holds many records: the URL alone is not the request
        request.meta[SELF_ARCHIVED_META] = True
        # The record arrives gzipped inside the WARC file: never let a middleware decode it.
        request.headers["Accept-Encoding"] = "identity"
        return request

    async def parse_cc_record(self, response):
        info = response.meta[BACKFILL_META]
        outlet = get_outlet(info["outlet"])
        stats = self.crawler.stats
        member = response.body
        try:
            if len(member) != info["length"]:
                raise ValueError(f"got {len(member)} bytes for a {info['length']}-byte record (status {response.status})")
            record = read_commoncrawl_member(member)
        except ValueError as exc:
            stats.inc_value("backfill/failed/commoncrawl_record")
            self.logger.warning("Unreadable Common Crawl record %s@%s: %s", info["filename"], info["offset"], exc)
        else:
            page = self.archive_commoncrawl(response, record, member, info)
            captured_at = datetime.fromisoformat(record.rec_headers.get_header("WARC-Date").replace("Z", "+00:00"))
            async for item in self.parse_capture(page, outlet, info, "commoncrawl", captured_at, response.url):
                yield item
        for request in self.continue_chain(info):
            yield request

    def archive_commoncrawl(self, response, record, member: bytes, info: dict):
        """Store the record unchanged plus its metadata; return the archived page as a response."""
        http = record.http_headers
        body = record.content_stream().read()  # the entity, content-encoding removed
        headers = [(k, v) for k, v in http.headers
                   if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")]
        target = record.rec_headers.get_header("WARC-Target-URI")
        archive = archive_of(self.crawler)
        if archive is not None:
            location = archive.writer.write_member(member, "response", record.rec_headers)
            metadata = commoncrawl_metadata(archive.factory, record.rec_headers, info["crawl"], info["filename"],
                                            info["offset"], info["length"], response.url)
            archive.writer.write(metadata)
            self.crawler.stats.inc_value("warc/records/commoncrawl")
            capture = {
                "url": target, "method": "GET", "status": int(http.get_statuscode() or 0),
                "content_type": http.get_header("Content-Type"), "payload_length": len(body),
                "payload_digest": record.rec_headers.get_header("WARC-Payload-Digest"),
                **{k: getattr(location, k) for k in ("warc_filename", "warc_offset", "warc_length",
                                                     "warc_record_id", "warc_date", "record_type")},
                "fetched_at": iso(datetime.now(timezone.utc)), "crawl_id": archive.crawl_id, "error": None,
                "ip_address": record.rec_headers.get_header("WARC-IP-Address"), "request_record_id": None,
                "capture_source": "commoncrawl", "captured_at": record.rec_headers.get_header("WARC-Date"),
                "archive_url": response.url}
            response.meta[CAPTURE_META_KEY] = {**capture, "url": response.url}
            self.crawler.signals.send_catch_log(project_signals.capture_written, capture=capture,
                                                request=response.request, response=None)
        return HtmlResponse(url=target, status=int(http.get_statuscode() or 200), headers=headers, body=body,
                            request=response.request)

    # --- sitemaps ----------------------------------------------------------------------------

    def sitemap_request(self, url: str, outlet: Outlet, depth: int) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_sitemap, errback=self.record_failure, dont_filter=depth == 0,
                              meta={BACKFILL_META: {"outlet": outlet.slug, "depth": depth}, "allow_offsite": True,
                                    "incremental": False,
                                    # Sitemaps are published for crawlers (robots.txt names them); the
                                    # articles they list still obey robots.txt.
                                    "dont_obey_robotstxt": True})

    def parse_sitemap(self, response):
        info = response.meta[BACKFILL_META]
        outlet = get_outlet(info["outlet"])
        stats = self.crawler.stats
        try:
            listing = parse_sitemap(response.body, source=response.url, kind="sitemaps",
                                    max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        except NotASitemap as exc:
            stats.inc_value("backfill/failed/sitemap")
            self.logger.warning("Unreadable sitemap %s: %s", response.url, exc)
            return
        if info["depth"] < self.settings.getint("DISCOVERY_MAX_SITEMAP_DEPTH"):
            for url in children_to_read(listing.children, self.range, 0, stats):
                yield self.sitemap_request(url, outlet, info["depth"] + 1)
        counter = self.progress[(outlet.slug, "sitemaps")]
        for link in listing.links:
            counter["listed"] += 1
            reason = None
            host = urlsplit(link.url).hostname or ""
            if not (outlet.owns_host(host) or host in self.sitemap_hosts) or not outlet.is_article_url(link.url):
                reason = "not_article"
            elif not self.range.contains(listing_date(link.published)):
                reason = "out_of_range"
            elif not self.prefilter.keep(link, outlet.languages[0] if len(outlet.languages) == 1 else None):
                reason = "prefiltered"
            if reason:
                stats.inc_value(f"backfill/skipped/{reason}")
                continue
            counter["in_range"] += 1
            yield scrapy.Request(link.url, callback=self.parse_sitemap_article, errback=self.record_failure,
                                 meta={BACKFILL_META: {"source": "sitemap", "outlet": outlet.slug},
                                       PROVENANCE_META: {"capture_source": "sitemap"}, "discovery": link.as_meta()})

    async def parse_sitemap_article(self, response):
        info = response.meta[BACKFILL_META]
        outlet = get_outlet(info["outlet"])
        async for item in self.parse_capture(response, outlet, info, "sitemap", None, None):
            yield item

    # --- one archived page -> one item -----------------------------------------------------------

    async def parse_capture(self, page, outlet: Outlet, info: dict, source: str, captured_at, archive_url):
        """The archived page extracted under its original URL, with its provenance."""
        original = info.get("original") or page.url
        if page.url != original:
            page = page.replace(url=original)
        counter = self.progress[(outlet.slug, "sitemaps" if source == "sitemap" else source)]
        counter["fetched"] += 1
        async for item in self.parse_article(page, outlet=outlet_for_url(original) or outlet):
            item["capture_source"] = source
            item["captured_at"] = iso(captured_at) if captured_at else item.get("fetched_at")
            item["archive_url"] = archive_url
            yield item

    def item_stored(self, item, response, spider=None, **kwargs):
        info = (response.meta.get(BACKFILL_META) if response is not None else None) or {}
        source = info.get("source")
        if not source:
            return
        self.progress[(info["outlet"], "sitemaps" if source == "sitemap" else source)]["stored"] += 1
        self.crawler.stats.inc_value(f"backfill/stored/{source}")
        if self.fetch_state is not None and info.get("digest"):
            self.fetch_state.record(stored_key(info["original"], info["digest"]), status=200, etag=None, last_modified=None)

    # --- progress ---------------------------------------------------------------------------------

    def log_progress(self):
        for (outlet, source), counts in sorted(self.progress.items()):
            self.logger.info("Backfill progress %s/%s: %s", outlet, source,
                             " / ".join(f"{counts[f]} {f}" for f in PROGRESS_FIELDS))

    def closed(self, reason):
        loop = getattr(self, "progress_loop", None)
        if loop is not None and loop.running:
            loop.stop()
        self.log_progress()
        for (outlet, source), counts in self.progress.items():
            for field in PROGRESS_FIELDS:
                self.crawler.stats.set_value(f"backfill/{field}/{outlet}/{source}", counts[field])
