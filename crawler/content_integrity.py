"""Scrapy's decompression, refusing responses whose compressed body was cut off.

A gzip or deflate stream that ends before its end marker still inflates to a
prefix of the page, and Scrapy's HttpCompressionMiddleware passes that prefix on
as if it were the page: half an article would be stored as the article. This
middleware takes its place (590 in DOWNLOADER_MIDDLEWARES, Scrapy's set to None),
checks that the stream is complete and refuses a truncated one:
``fetch/ignored/TruncatedContent`` in stats and a captures row with the reason.
The raw bytes are archived anyway (the WARC extension records every response as
downloaded). Everything else is Scrapy's own code (stats, size limits, response class).

A gzip body is inflated once: the check's output is the decoded body. Anything
unusual (deflate, a damaged or oversized stream) takes the two-step path: the check,
then Scrapy's own inflate, so its errors and limits stay Scrapy's.

Inflating stops at DOWNLOAD_MAXSIZE: a decompression bomb is left to Scrapy's
code, which refuses it with its own reason. COMPRESSION_ENABLED = False turns off both
(as Scrapy's middleware alone): bodies then reach the spider still compressed.
"""

from __future__ import annotations

import zlib

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest

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
        inflater = zlib.decompressobj(wbits if encoding != b"deflate" else 15)
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


class CheckedDecompressionMiddleware(HttpCompressionMiddleware):
    def __init__(self, stats=None, *, crawler=None):
        super().__init__(stats, crawler=crawler)
        self.crawler = crawler
        self._inflated: tuple[bytes, bytes] | None = None  # (body, decoded) for _handle_encoding

    def process_response(self, request, response, spider=None):
        if request.method == "HEAD" or not response.body:
            return super().process_response(request, response)
        encodings = [e.strip().lower() for v in response.headers.getlist(b"Content-Encoding")
                     for e in v.split(b",") if e.strip()]
        if len(encodings) != 1 or encodings[0] not in WBITS:
            return super().process_response(request, response)
        limit = request.meta.get("download_maxsize", self._max_size)
        if encodings[0] != b"deflate":
            decoded = inflate_whole_gzip(response.body, limit)
            if decoded is not None:  # whole: Scrapy's code goes on with this output
                self._inflated = (response.body, decoded)
                try:
                    return super().process_response(request, response)
                finally:
                    self._inflated = None
        if stream_complete(response.body, encodings[0], limit):
            return super().process_response(request, response)
        message = (f"{encodings[0].decode()} body of {response.url} is truncated "
                   f"({len(response.body)} bytes received)")
        self.crawler.stats.inc_value(f"fetch/truncated_{encodings[0].decode()}")
        exc = TruncatedContent(message)
        from crawler.archive.extension import archive_of  # the captures row gets the reason

        archive = archive_of(self.crawler)
        if archive is not None:
            archive.capture_failed(request, exc)
        raise IgnoreRequest(message) from exc

    def _handle_encoding(self, body, content_encoding, max_size):
        if self._inflated is not None and self._inflated[0] is body:
            return self._inflated[1], []
        return super()._handle_encoding(body, content_encoding, max_size)
