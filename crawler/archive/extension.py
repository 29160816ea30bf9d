"""The Scrapy extension that archives every HTTP exchange the crawl makes.

It listens to ``response_downloaded``: the signal fires for every response the
downloader receives (articles, listings, feeds, robots.txt, each redirect hop and
each retried attempt) before any middleware decodes the body, so the archive
holds what the server sent. For each exchange it writes a ``response`` (or a
``revisit`` when the same URL returned the same payload before) and its
``request``, then

- puts the record's location in ``request.meta["warc_capture"]`` (the callback
  sees the same meta, and ``CaptureLinkMiddleware`` copies it onto items), and
- sends ``crawler.signals.capture_written`` for the captures dataset.

The records are serialized on the reactor thread, deflated on one thread beside it
(WARC_GZIP_THREAD; zlib releases the GIL) and written back on the reactor thread,
so a record's offset is still the file's position when it is written.
``ArchiveWriteWait`` (a downloader middleware ahead of all others) holds the
response until then: nothing sees it before its capture is in its meta.

A page rendered in the browser (``"playwright"`` in the response flags) is written
by browser_capture.py instead: the browser's network responses as ``response``
records, the rendered DOM as a ``resource`` record, never the DOM as a response.

A failure to archive one exchange is logged and counted under
``warc/errors/<reason>``; the crawl goes on.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Awaitable, Callable

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.reactor import is_reactor_installed
from twisted.internet.defer import Deferred, DeferredList
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool
from warcio.timeutils import datetime_to_iso_date

from crawler import signals as project_signals
from crawler.backfill.records import capture_provenance
from crawler.items import item_as_dict
from crawler.rendering.plans import BROWSER_CAPTURE_META_KEY

from .browser_capture import write_rendered_page
from .indexing import write_cdxj
from .records import RecordFactory
from .requisites import REQUISITE_META_KEY, RequisitePolicy
from .revisits import PayloadIndex
from .writer import OPEN_SUFFIX, RecordLocation, RotatingWarcWriter, close_left_open, writer_is_gone

logger = logging.getLogger(__name__)

CAPTURE_META_KEY = "warc_capture"
# Set on a request whose response the spider archives itself (crawler/backfill/records.py).
SELF_ARCHIVED_META = "warc_self_archived"
ITEM_LOCATION_FIELDS = ("warc_filename", "warc_offset", "warc_length", "warc_record_id")


def archive_of(crawler) -> "WarcArchive | None":
    """The running archive extension of a crawler (for the middlewares and the pipeline)."""
    extensions = getattr(crawler, "extensions", None)
    for ext in getattr(extensions, "middlewares", ()):
        if isinstance(ext, WarcArchive):
            return ext
    return None


def warc_dir(settings) -> Path:
    configured = settings.get("WARC_DIR")
    return Path(configured) if configured else Path(settings.get("OUTPUT_DIR") or "output") / "warc"


def _iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _header(headers, name: bytes) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None


class ArchiveComponent:
    """A Scrapy component of the archive: not loaded when WARC_ENABLED is off."""

    def __init__(self, crawler):
        if not crawler.settings.getbool("WARC_ENABLED"):
            raise NotConfigured("WARC_ENABLED is off")
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)


@dataclass(frozen=True)
class Exchange:
    """One HTTP exchange's records, built when the response arrives, and what their capture needs."""

    request: object
    response: object
    fetched_at: datetime
    warc_date: str
    ip: str | None
    digest: str | None
    original: dict | None  # the earlier capture a revisit refers to
    records: tuple  # (response or revisit, request)


class WarcArchive(ArchiveComponent):
    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.directory = warc_dir(settings)
        self.prefix = settings.get("WARC_PREFIX")
        self.max_size = settings.getint("WARC_MAX_SIZE")
        self.revisits_enabled = settings.getbool("WARC_REVISITS")
        self.index_on_close = settings.getbool("WARC_CDXJ")
        self.fsync = settings.getbool("WARC_FSYNC")
        self.gzip_level = settings.getint("WARC_GZIP_LEVEL", 6)
        self.factory = RecordFactory(store_credentials=settings.getbool("WARC_STORE_CREDENTIALS"))
        self.payloads = PayloadIndex()
        # One policy (what a requisite is, caps, dedup) for fetched and browser-captured requisites.
        self.requisites = RequisitePolicy(settings, self.payloads, self.stats)
        self.writer: RotatingWarcWriter | None = None
        # Records are deflated on one thread beside the reactor (zlib lets go of the GIL):
        # one thread, so the writes come back in the order the responses arrived.
        self.gzip_pool: ThreadPool | None = None
        if settings.getbool("WARC_GZIP_THREAD", True):
            self.gzip_pool = ThreadPool(minthreads=1, maxthreads=1, name="warc-gzip")
        # request -> its records' write, until they are written (ArchiveWriteWait waits for it).
        self.in_flight: dict = {}
        # payload digest -> the original a record on its way to the gzip thread will be, so
        # a copy that arrives before that write comes back is a revisit of it too (the
        # payload index learns an original only once it is written).
        self._unwritten_originals: dict[str, dict] = {}
        self._writes: set[Deferred] = set()
        self._pending: set[asyncio.Future] = set()
        self._close_hooks: list[Callable[[], Awaitable]] = []
        self.close_wait = settings.getfloat("ARCHIVE_EVIDENCE_CLOSE_WAIT")
        self.crawl_id: str | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    # -- lifecycle ------------------------------------------------------------------------
    def spider_opened(self, spider):
        settings = self.crawler.settings
        started = datetime.now(timezone.utc)
        self.crawl_id = settings.get("CRAWL_ID") or f"{spider.name}-{started.strftime('%Y%m%dT%H%M%SZ')}"
        self.directory.mkdir(parents=True, exist_ok=True)
        leftovers = sorted(self.directory.glob("*" + OPEN_SUFFIX))
        if leftovers:
            # A killed run leaves its last file open, maybe ending in a torn record:
            # when its process is gone the file is cut after its last whole record
            # and closed (removed if nothing in it is whole); this run starts new files.
            closed = [close_left_open(p) for p in leftovers if writer_is_gone(p)]
            logger.warning("%d WARC file(s) left open by an earlier run; closed at their last whole record: %s",
                           len(leftovers), ", ".join(p.name for p in closed if p) or "none")
            self.stats.set_value("warc/open_files_left_by_earlier_runs", len(leftovers))
            self.stats.set_value("warc/open_files_closed", len(closed))
        if self.revisits_enabled:
            learnt = self.payloads.load_cdxj_dir(self.directory)
            self.stats.set_value("warc/known_payloads", learnt)
        if settings.getbool("HTTPCACHE_ENABLED"):
            logger.warning("HTTPCACHE_ENABLED: responses served from the HTTP cache are NOT archived "
                           "(counted under warc/not_archived/http_cache_hit)")
        if self.gzip_pool is not None and not is_reactor_installed():
            # Driven without a reactor (by hand, in a test): deflate in line rather than
            # install one here, which would be the wrong reactor for any later crawl.
            self.gzip_pool = None
        if self.gzip_pool is not None and not self.gzip_pool.started:
            from twisted.internet import reactor  # the one Scrapy installed; not at import time

            self.gzip_pool.start()
            # Its thread must not keep the process alive if the crawl ends without spider_closed.
            reactor.addSystemEventTrigger("during", "shutdown", self._stop_gzip_pool)
        self.writer = RotatingWarcWriter(
            self.directory, prefix=self.prefix, max_size=self.max_size, warcinfo=self.warcinfo(spider),
            factory=self.factory, fsync=self.fsync, gzip_level=self.gzip_level,
            on_close=self._file_closed)

    def track(self, task: asyncio.Future) -> None:
        """Work that writes records later (screenshots): the files close after it."""
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    def _stop_gzip_pool(self) -> None:
        if self.gzip_pool is not None and self.gzip_pool.started and not self.gzip_pool.joined:
            self.gzip_pool.stop()

    def on_close(self, hook: Callable[[], Awaitable]) -> None:
        self._close_hooks.append(hook)

    async def spider_closed(self, spider, reason):
        if self._writes:  # normally none: each response waited for its records
            await maybe_deferred_to_future(DeferredList(list(self._writes)))
        self._stop_gzip_pool()
        if self._pending:
            logger.info("Waiting for %d evidence record(s) before closing the WARC", len(self._pending))
            await asyncio.wait(set(self._pending), timeout=self.close_wait)
        for hook in self._close_hooks:
            try:
                await hook()
            except Exception:
                logger.exception("Archive close hook failed")
        if self.writer is not None:
            self.writer.close()

    def warcinfo(self, spider) -> dict:
        settings = self.crawler.settings
        return {
            "software": f"{settings.get('USER_AGENT_PRODUCT')} (Scrapy {version('scrapy')}; "
                        f"warcio {version('warcio')}; Python {platform.python_version()})",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": self.crawl_id,
            "description": f"Scrapy spider {spider.name!r}",
            "operator": settings.get("CRAWL_OPERATOR"),
            "http-header-from": settings.get("CRAWL_CONTACT"),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": settings.get("USER_AGENT"),
            "hostname": socket.gethostname(),
        }

    def _file_closed(self, path: Path) -> None:
        self.stats.inc_value("warc/files_closed")
        if not self.index_on_close:
            return
        try:
            write_cdxj(path)
        except Exception as exc:  # the WARC is safe; only its index is missing
            self.stats.inc_value(f"warc/errors/cdxj_{type(exc).__name__}")
            logger.exception("Could not index %s", path)

    # -- captures -------------------------------------------------------------------------
    def response_downloaded(self, response, request, spider):
        if "replay" in response.flags:
            # Served from an archive (crawler.replay): already archived. Items
            # re-extracted from it point back to the record they came from.
            source = request.meta.get("replay") or {}
            request.meta[CAPTURE_META_KEY] = {"url": response.url, "warc_length": None, **{
                k: source.get(k) for k in ("warc_filename", "warc_offset", "warc_length", "warc_record_id")
                if k in source}}
            self.stats.inc_value("warc/not_archived/replayed")
            return
        if request.meta.get(SELF_ARCHIVED_META):
            # The spider stores these bytes itself (a Common Crawl record, copied unchanged).
            self.stats.inc_value("warc/not_archived/self_archived")
            return
        if "playwright" in response.flags:
            # A browser-rendered DOM is not the HTTP payload: never store it as a response.
            # The browser's own network capture is (browser_capture.py); the DOM is a resource.
            self.archive_rendered_page(request, response)
            return
        fetched_at = datetime.now(timezone.utc)
        request.meta["fetched_at"] = fetched_at
        try:
            exchange = self.exchange_records(request, response, fetched_at)
            if self.gzip_pool is None:
                self.exchange_written(exchange, self.writer.write(*exchange.records))
                return
            # Serialized here (warcio is Python), deflated on the gzip thread, written back on
            # this thread in exchange_written: offsets are handed out at the write, as before.
            # ArchiveWriteWait holds the response until then, so its callback sees the capture.
            data = [self.writer.serialize(record) for record in exchange.records]
        except Exception as exc:
            self._archive_failed(response.url, exc)
            return
        from twisted.internet import reactor  # the one Scrapy installed; not at import time

        written = deferToThreadPool(reactor, self.gzip_pool, self._deflate, data)
        written.addCallback(self._write_deflated, exchange)
        written.addErrback(lambda failure: self._archive_failed(response.url, failure.value))
        self.in_flight[request] = written
        self._writes.add(written)
        unwritten = self._hold_original(exchange)
        written.addBoth(self._write_done, written, request, unwritten)

    def _hold_original(self, exchange: "Exchange") -> str | None:
        """An original on its way to the file: found by copies until it is written (the
        writes come back in order, so a revisit of it is written after it)."""
        if exchange.original is not None or not self.revisits_enabled or not exchange.digest \
                or not 200 <= exchange.response.status < 300 or not exchange.response.body \
                or exchange.digest in self._unwritten_originals:
            return None
        self._unwritten_originals[exchange.digest] = {
            "url": exchange.response.url, "date": exchange.warc_date,
            "record_id": exchange.records[0].rec_headers.get_header("WARC-Record-ID")}
        return exchange.digest

    def _deflate(self, data: list[bytes]) -> tuple[int, list[bytes]]:
        """On the gzip thread: the records' gzip members, and which thread made them."""
        return threading.get_ident(), [self.writer.compress(d) for d in data]

    def _write_deflated(self, deflated: tuple[int, list[bytes]], exchange: "Exchange") -> None:
        thread, members = deflated
        if thread != threading.get_ident():
            self.stats.inc_value("warc/records_deflated_off_reactor", len(members))
        self.exchange_written(exchange, self.writer.write_compressed(list(zip(members, exchange.records))))

    def _write_done(self, result, written: Deferred, request, unwritten_digest: str | None = None):
        self._writes.discard(written)
        self.in_flight.pop(request, None)  # written (or failed): nothing left to wait for
        if unwritten_digest is not None:  # in the payload index now, or not written at all
            self._unwritten_originals.pop(unwritten_digest, None)
        return result

    def _archive_failed(self, url: str, exc: BaseException) -> None:
        self.stats.inc_value(f"warc/errors/{type(exc).__name__}")
        logger.error("Could not archive %s", url, exc_info=(type(exc), exc, exc.__traceback__))

    def exchange_written(self, exchange: "Exchange", locations: list[RecordLocation]) -> None:
        """The exchange's records are in the file: the capture goes to the request's meta
        (for the callback and CaptureLinkMiddleware) and to the captures dataset."""
        request, response = exchange.request, exchange.response
        capture = self.capture_of(exchange, *locations)
        capture["fetched_at"] = _iso(exchange.fetched_at)
        capture.update(capture_provenance(request, response.url, exchange.fetched_at))
        request.meta[CAPTURE_META_KEY] = capture
        self.crawler.signals.send_catch_log(
            project_signals.capture_written, capture=capture, request=request, response=response)

    def archive_rendered_page(self, request, response) -> None:
        exchanges = request.meta.pop(BROWSER_CAPTURE_META_KEY, None)  # large bodies: not kept in meta
        try:
            capture = write_rendered_page(self, request, response, exchanges)
        except Exception as exc:
            self.stats.inc_value(f"warc/errors/browser_{type(exc).__name__}")
            logger.exception("Could not archive rendered page %s", response.url)
            return
        if capture is not None:
            request.meta["fetched_at"] = datetime.fromisoformat(capture["fetched_at"].replace("Z", "+00:00"))
            request.meta[CAPTURE_META_KEY] = capture

    def exchange_records(self, request, response, fetched_at: datetime) -> "Exchange":
        """The response (or revisit) record and its request record, not yet written."""
        url = response.url
        # One instant for WARC-Date, the capture's fetched_at and the item's fetched_at.
        warc_date = datetime_to_iso_date(fetched_at.replace(tzinfo=None), use_micros=True)
        ip = str(response.ip_address) if response.ip_address is not None else None
        record = self.factory.response_record(url, response, warc_date, ip)
        digest = record.rec_headers.get_header("WARC-Payload-Digest")
        original = None
        if self.revisits_enabled and 200 <= response.status < 300 and response.body:
            original = self.payloads.lookup(url, digest)
            unwritten = self._unwritten_originals.get(digest) if original is None else None
            if unwritten is not None and unwritten["url"] == url:
                original = unwritten  # the same URL's original, still on the gzip thread
            if original is None and REQUISITE_META_KEY in request.meta and self.requisites.dedup:
                original = self.payloads.lookup_any(digest) or unwritten  # the same file under another URL
            if original:
                record = self.factory.revisit_record(url, response, warc_date, ip, digest, original)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        request_record = self.factory.request_record(
            url, request, response.protocol or "HTTP/1.1", warc_date, record_id, ip)
        return Exchange(request, response, fetched_at, warc_date, ip, digest, original, (record, request_record))

    def capture_of(self, exchange: "Exchange", location: RecordLocation, request_location: RecordLocation) -> dict:
        """Once written: remember the payload (for revisits), count, and describe the capture."""
        response, original, digest, warc_date = exchange.response, exchange.original, exchange.digest, exchange.warc_date
        url = response.url
        if original is None and 200 <= response.status < 300:
            self.payloads.remember(url, digest, warc_date, location.warc_record_id)
        elif original is not None:
            self.payloads.archived_at(url, warc_date)
        self.stats.inc_value(f"warc/records/{location.record_type}")
        self.stats.inc_value("warc/records/request")
        self.stats.inc_value("warc/bytes", location.warc_length + request_location.warc_length)
        return {
            "url": url,
            "method": exchange.request.method,
            "status": response.status,
            "content_type": _header(response.headers, b"Content-Type"),
            "content_encoding": _header(response.headers, b"Content-Encoding"),
            "payload_length": len(response.body),
            "payload_digest": digest,
            "warc_filename": location.warc_filename,
            "warc_offset": location.warc_offset,
            "warc_length": location.warc_length,
            "warc_record_id": location.warc_record_id,
            "warc_date": warc_date,
            "record_type": location.record_type,
            "refers_to_record_id": original.get("record_id") if original else None,
            "request_record_id": request_location.warc_record_id,
            "ip_address": exchange.ip,
            "crawl_id": self.crawl_id,
            "error": None,
        }

    def capture_failed(self, request, exception) -> None:
        """A fetch that got no response (DNS, refused, timeout...): no WARC record,
        since there are no bytes to keep, but the captures dataset counts it."""
        reason = type(exception).__name__
        self.stats.inc_value(f"warc/fetch_failed/{reason}")
        capture = {
            "url": request.url, "method": request.method, "status": None, "content_type": None,
            "fetched_at": _iso(datetime.now(timezone.utc)), "payload_digest": None,
            "warc_filename": None, "warc_offset": None, "warc_length": None, "warc_record_id": None,
            "record_type": None, "request_record_id": None, "ip_address": None,
            "crawl_id": self.crawl_id, "error": f"{reason}: {exception}".strip(": "),
        }
        self.crawler.signals.send_catch_log(
            project_signals.capture_written, capture=capture, request=request, response=None)

    # -- articles -------------------------------------------------------------------------
    def write_metadata(self, item) -> RecordLocation:
        """The article as extracted (claims included once they exist), linked to its response.

        The target URI is ``urn:article:<url>``: replay tools index records by
        target URI, and the JSON must never be served in place of the page.
        """
        adapter = ItemAdapter(item)
        document = item_as_dict(item)
        location = self.writer.write(self.factory.metadata_record(
            f"urn:article:{adapter.get('url')}", document, adapter.get("warc_record_id"), self.factory.now()))[0]
        self.stats.inc_value("warc/records/metadata")
        return location
