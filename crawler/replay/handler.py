"""The download handler that answers http/https requests from WARC files.

Why a download handler and not a downloader middleware: the handler sits where
the network would be, below every downloader middleware. Scrapy's own
middlewares (robots.txt, redirects, decompression, retries, stats, and our WARC
writer's ``response_downloaded`` hook) then run exactly as in a live crawl, so a
spider cannot tell the difference; and since the real HTTP handler is not
installed at all, a forgotten code path cannot reach the network. A middleware
returning responses from ``process_request`` would skip part of that chain and
leave the live handler in place.
"""

from __future__ import annotations

import ipaddress
import logging
import weakref

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

from crawler.progress import CommandProgress

from .addon import resolve_warc_files
from .index import ArchivedResponse, RevisitOriginalMissing, WarcIndex

logger = logging.getLogger(__name__)

# One index per crawler, shared by the http and https handler instances.
_indexes: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class ReplayMiss(IgnoreRequest):
    """The archive has no capture of this URL (it was not fetched from the network)."""


class ReplayReadError(IgnoreRequest):
    """The archive has a capture of this URL but it cannot be read (damaged file)."""


def make_response(url: str, status: int, headers: Headers, body: bytes = b"", **kwargs):
    """A response of the class Scrapy's own HTTP handlers would build: chosen by the public
    ``responsetypes`` from the same headers, URL and body."""
    respcls = responsetypes.from_args(headers=headers, url=url, body=body)
    return respcls(url=url, status=status, headers=headers, body=body, **kwargs)


def crawler_index(crawler) -> WarcIndex:
    if crawler not in _indexes:
        paths = resolve_warc_files(crawler.settings.getlist("REPLAY_WARC_FILES"))
        with CommandProgress() as progress:  # a large archive takes a while: show it on a terminal
            index = WarcIndex(paths, prefer=crawler.settings.get("REPLAY_CAPTURE", "latest"),
                              use_cdxj=crawler.settings.getbool("REPLAY_USE_CDXJ", True), progress=progress)
        stats = crawler.stats
        stats.set_value("replay/index/files", len(paths))
        stats.set_value("replay/index/records", index.records)
        stats.set_value("replay/index/urls", len(index))
        stats.set_value("replay/index/files_from_cdxj", len(index.from_cdxj))
        if index.damaged:
            stats.set_value("replay/index/damaged_files", len(index.damaged))
        logger.info("Replay: %d URLs indexed from %d WARC file(s)", len(index), len(paths))
        _indexes[crawler] = index
    return _indexes[crawler]


class ReplayDownloadHandler:
    """http/https download handler serving archived captures; installed by ReplayAddon."""

    lazy = False  # index at start-up: a bad archive fails before any request

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.index = crawler_index(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def download_request(self, request):
        try:
            archived = self.index.get(request.url)
        except RevisitOriginalMissing as exc:
            self.stats.inc_value("replay/miss")
            self.stats.inc_value("replay/miss/revisit_original")
            logger.warning("Replay miss (not fetched): %s", exc)
            raise ReplayMiss(str(exc)) from exc
        except Exception as exc:  # a damaged record: this URL fails, the crawl goes on
            self.stats.inc_value(f"replay/read_error/{type(exc).__name__}")
            logger.error("Replay: cannot read the archived record of %s: %s", request.url, exc)
            raise ReplayReadError(f"unreadable archived record for {request.url}: {exc}") from exc
        if archived is None:
            if request.url.split("?", 1)[0].endswith("/robots.txt"):
                # An archive without robots.txt: answer like a site without one.
                self.stats.inc_value("replay/miss/robots_txt")
                return make_response(url=request.url, status=404, headers=Headers({}), flags=["replay"])
            self.stats.inc_value("replay/miss")
            logger.warning("Replay miss (not in the archive, not fetched): %s", request.url)
            raise ReplayMiss(f"not in the replay archive: {request.url}")
        self.stats.inc_value("replay/hit")
        if archived.from_revisit:
            self.stats.inc_value("replay/hit/revisit")
        request.meta["replay"] = {
            "warc_filename": archived.warc_filename,
            "warc_offset": archived.warc_offset,
            "warc_length": archived.warc_length,
            "warc_record_id": archived.warc_record_id,
            "warc_date": archived.warc_date.isoformat() if archived.warc_date else None,
        }
        if archived.warc_date is not None:
            request.meta["fetched_at"] = archived.warc_date
        return self._to_response(request, archived)

    def _to_response(self, request, archived: ArchivedResponse):
        headers = Headers()
        for name, value in archived.headers:
            headers.appendlist(name, value)
        body = self._repair_encoding(headers, archived.body, request.url)
        return make_response(
            url=request.url,
            status=archived.status,
            headers=headers,
            body=body,
            flags=["replay"],
            ip_address=_ip(archived.ip_address),
            protocol=archived.protocol,
        )

    def _repair_encoding(self, headers: Headers, body: bytes, url: str) -> bytes:
        """Some writers store the decoded body but keep ``Content-Encoding: gzip``.

        Served as is, decompression would fail and the page would be lost;
        the bytes are plainly not gzip, so drop the header and count it.
        """
        encodings = [e.strip().lower() for e in headers.getlist("Content-Encoding")]
        if encodings == [b"gzip"] and body and not body.startswith(b"\x1f\x8b"):
            del headers["Content-Encoding"]
            self.stats.inc_value("replay/content_encoding_mismatch")
            logger.warning("Replay: %s says gzip but holds plain bytes; served as is", url)
        return body

    async def close(self) -> None:
        _indexes.pop(self.crawler, None)


def _ip(value: str | None):
    try:
        return ipaddress.ip_address(value) if value else None
    except ValueError:
        return None
