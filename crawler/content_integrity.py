"""Scrapy's decompression, refusing responses whose compressed body was cut off.

A gzip or deflate stream that ends before its end marker still inflates to a
prefix of the page, and Scrapy's HttpCompressionMiddleware passes that prefix on
as if it were the page: half an article would be stored as the article. This
middleware stands in front of it (595 in DOWNLOADER_MIDDLEWARES, Scrapy's at 590),
checks that the stream is complete and refuses a truncated one:
``fetch/ignored/TruncatedContent`` in stats and a captures row with the reason.
The raw bytes are archived anyway (the WARC extension records every response as
downloaded). Other encodings, size limits and damaged streams stay Scrapy's own code.

A gzip body is inflated once: the check's output is the decoded body, handed on
without its Content-Encoding, so Scrapy's middleware has nothing left to do. Anything
unusual (deflate, a damaged or oversized stream) takes the two-step path: the check,
then Scrapy's own inflate, so its errors and limits stay Scrapy's.

Inflating stops at DOWNLOAD_MAXSIZE: a decompression bomb is left to Scrapy's
code, which refuses it with its own reason. COMPRESSION_ENABLED = False turns off both
(as Scrapy's middleware alone): bodies then reach the spider still compressed.
"""

from __future__ import annotations

import logging
import zlib

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import TextResponse
from scrapy.responsetypes import responsetypes

logger = logging.getLogger(__name__)

CHUNK = 256 * 1024
WBITS = {b"gzip": 47, b"x-gzip": 47, b"deflate": 15}  # 47 = gzip or zlib header, auto-detected


class TruncatedContent(Exception):
    """Cause of the IgnoreRequest for a compressed body that ends before its stream does."""


def stream_complete(body: bytes, encoding: bytes, limit: int) -> bool:
    """True when every gzip member / the deflate stream in ``body`` reaches its end marker
    (or when inflating passes ``limit`` bytes: too big is not this check's business)."""
    wbits = WBITS[encoding]
    data, produced = body, 0
    while data:
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, CHUNK)
            produced += len(out)
            while inflater.unconsumed_tail and not inflater.eof:
                if limit and produced > limit:
                    return True
                out = inflater.decompress(inflater.unconsumed_tail, CHUNK)
                produced += len(out)
                if not out and inflater.unconsumed_tail:
                    break
            if not inflater.eof:
                out = inflater.flush()
        except zlib.error:
            if encoding == b"deflate":  # raw deflate without zlib header, as some servers send
                return _raw_deflate_complete(data)
            return False
        if not inflater.eof:
            return False
        data = inflater.unused_data.lstrip(b"\0")  # next gzip member, if any
        if limit and produced > limit:
            return True
    return True


def _raw_deflate_complete(data: bytes) -> bool:
    inflater = zlib.decompressobj(-15)
    try:
        inflater.decompress(data)
    except zlib.error:
        return False
    return inflater.eof


def inflate_whole_gzip(body: bytes, limit: int) -> bytes | None:
    """The decoded body when every gzip member in ``body`` is whole, valid (CRC, length) and
    within ``limit`` bytes in all: what Scrapy's gunzip returns for it. None otherwise."""
    parts, produced, data = [], 0, body
    while data:
        inflater = zlib.decompressobj(31)  # gzip framing only, as Scrapy's GzipFile reads it
        try:
            out = inflater.decompress(data, limit - produced + 1 if limit else 0)
        except zlib.error:
            return None
        produced += len(out)
        if not inflater.eof or (limit and produced > limit):
            return None
        parts.append(out)
        data = inflater.unused_data.lstrip(b"\0")  # the next member, after any zero padding
    return b"".join(parts)


class CheckedDecompressionMiddleware:
    """At 595, in front of Scrapy's HttpCompressionMiddleware (590), which sees the response after it."""

    def __init__(self, crawler):
        if not crawler.settings.getbool("COMPRESSION_ENABLED"):
            raise NotConfigured("COMPRESSION_ENABLED is off: bodies stay compressed")
        self.crawler = crawler
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.warn_size = crawler.settings.getint("DOWNLOAD_WARNSIZE")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if request.method == "HEAD" or not response.body:
            return response
        encodings = [e.strip().lower() for v in response.headers.getlist(b"Content-Encoding")
                     for e in v.split(b",") if e.strip()]
        if len(encodings) != 1 or encodings[0] not in WBITS:
            return response  # several or unknown encodings: Scrapy's middleware decides
        limit = request.meta.get("download_maxsize", self.max_size)
        if encodings[0] != b"deflate":
            decoded = inflate_whole_gzip(response.body, limit)
            if decoded is not None:  # whole: decoded here, Scrapy's middleware has nothing left to do
                return self._decoded(request, response, decoded)
        if stream_complete(response.body, encodings[0], limit):
            return response  # deflate, damaged or oversized but not cut off: Scrapy's own inflate
        message = (f"{encodings[0].decode()} body of {response.url} is truncated "
                   f"({len(response.body)} bytes received)")
        self.crawler.stats.inc_value(f"fetch/truncated_{encodings[0].decode()}")
        exc = TruncatedContent(message)
        from crawler.archive.extension import archive_of  # the captures row gets the reason

        archive = archive_of(self.crawler)
        if archive is not None:
            archive.capture_failed(request, exc)
        raise IgnoreRequest(message) from exc

    def _decoded(self, request, response, decoded: bytes):
        """The response Scrapy's middleware would have made of ``decoded``: same class, headers,
        stats and size warning."""
        warn_size = request.meta.get("download_warnsize", self.warn_size)
        if len(response.body) < warn_size <= len(decoded):
            logger.warning("%s body size after decompression (%d B) is larger than the "
                           "download warning size (%d B).", response, len(decoded), warn_size)
        self.crawler.stats.inc_value("httpcompression/response_bytes", len(decoded))
        self.crawler.stats.inc_value("httpcompression/response_count")
        headers = response.headers.copy()
        del headers["Content-Encoding"]
        respcls = responsetypes.from_args(headers=headers, url=response.url, body=decoded)
        kwargs = {"body": decoded, "headers": headers}
        if issubclass(respcls, TextResponse):
            kwargs["encoding"] = None  # recomputed from the decoded body, as Scrapy does
        return response.replace(cls=respcls, **kwargs)
