"""CheckedDecompressionMiddleware (crawler/content_integrity.py) inflates a gzip body once and
gives what the two steps it replaced gave (the completeness check, then Scrapy's own
HttpCompressionMiddleware): the same response class, body, headers and encoding, or the same
refusal, for whole, multi-member, padded, cut-off, damaged, oversized and deflate bodies."""

from __future__ import annotations

import gzip
import zlib

import pytest
from scrapy import Request, Spider
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler import content_integrity
from crawler.content_integrity import CheckedDecompressionMiddleware, stream_complete
from tests.conftest import shared_path

PAGE = shared_path("corpus").joinpath("index.json").read_bytes()  # real bytes, not a pattern
HTML = b"<html><head><meta charset='utf-8'><title>t</title></head><body><p>" + \
    "مفاوضات القاهرة ".encode() * 4000 + b"</p></body></html>"


def _bad_crc(body: bytes) -> bytes:
    data = bytearray(gzip.compress(body))
    data[-8] ^= 0xFF
    return bytes(data)


BODIES = {
    "html": (gzip.compress(HTML), b"gzip"),
    "x-gzip": (gzip.compress(HTML), b"x-gzip"),
    "json": (gzip.compress(PAGE), b"gzip"),
    "two members, zero padding": (gzip.compress(HTML) + b"\0\0\0" + gzip.compress(PAGE), b"gzip"),
    "empty member": (gzip.compress(b""), b"gzip"),
    "trailer cut": (gzip.compress(HTML)[:-4], b"gzip"),
    "half": (gzip.compress(HTML)[:5000], b"gzip"),
    "trailing garbage": (gzip.compress(HTML) + b"garbage", b"gzip"),
    "bad crc": (_bad_crc(HTML), b"gzip"),
    "zlib under a gzip label": (zlib.compress(HTML), b"gzip"),
    "not compressed": (b"plain text, labelled gzip", b"gzip"),
    "deflate": (zlib.compress(HTML), b"deflate"),
    "deflate cut": (zlib.compress(HTML)[:300], b"deflate"),
}


def _outcome(middlewares, body: bytes, encoding: bytes, maxsize: int):
    """The response after ``middlewares`` in the order Scrapy calls their process_response."""
    request = Request("https://example.org/a.html", meta={"download_maxsize": maxsize})
    out = Response(request.url, body=body, request=request,
                   headers={"Content-Encoding": encoding, "Content-Type": "text/html"})
    try:
        for middleware in middlewares:
            out = middleware.process_response(request, out)
    except Exception as exc:  # noqa: BLE001 - the refusal is part of the outcome
        return type(exc).__name__, str(exc).split(" ")[0]
    return type(out), out.body, dict(out.headers), getattr(out, "encoding", None)


def _checked_then_scrapy(crawler):
    """The chain a crawl runs: this project's middleware (595), then Scrapy's (590)."""
    return [CheckedDecompressionMiddleware.from_crawler(crawler), HttpCompressionMiddleware.from_crawler(crawler)]


def _two_steps(crawler, body: bytes, encoding: bytes, maxsize: int):
    """The path before: the completeness check, then Scrapy's middleware."""
    if not stream_complete(body, encoding, maxsize):
        return "IgnoreRequest", f"{encoding.decode()}"
    return _outcome([HttpCompressionMiddleware.from_crawler(crawler)], body, encoding, maxsize)


@pytest.mark.parametrize("name", sorted(BODIES))
@pytest.mark.parametrize("maxsize", [0, 16 * 1024 * 1024, 40_000])
def test_same_outcome_as_check_then_scrapy(name, maxsize):
    body, encoding = BODIES[name]
    before, now = get_crawler(Spider), get_crawler(Spider)
    expected = _two_steps(before, body, encoding, maxsize)
    assert _outcome(_checked_then_scrapy(now), body, encoding, maxsize) == expected

    def compression_stats(crawler):
        return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("httpcompression/")}
    assert compression_stats(now) == compression_stats(before)


def test_a_whole_gzip_body_is_inflated_once(monkeypatch):
    calls = []
    monkeypatch.setattr("scrapy.downloadermiddlewares.httpcompression.gunzip",
                        lambda *a, **k: calls.append("scrapy") or b"")
    monkeypatch.setattr(content_integrity, "stream_complete", lambda *a, **k: calls.append("check") or True)
    body, encoding = BODIES["two members, zero padding"]
    outcome = _outcome(_checked_then_scrapy(get_crawler(Spider)), body, encoding, 0)
    assert calls == [] and outcome[1] == HTML + PAGE


def test_a_truncated_body_is_refused_with_its_reason():
    crawler = get_crawler(Spider)
    middleware = CheckedDecompressionMiddleware.from_crawler(crawler)
    request = Request("https://example.org/a.html")
    body = gzip.compress(HTML)[:-4]
    response = Response(request.url, body=body, request=request, headers={"Content-Encoding": "gzip"})
    with pytest.raises(IgnoreRequest) as refused:
        middleware.process_response(request, response)
    assert isinstance(refused.value.__cause__, content_integrity.TruncatedContent)
    assert crawler.stats.get_value("fetch/truncated_gzip") == 1


def test_compression_disabled_turns_the_check_off_with_scrapys_middleware():
    crawler = get_crawler(Spider, {"COMPRESSION_ENABLED": False})
    with pytest.raises(NotConfigured):
        CheckedDecompressionMiddleware.from_crawler(crawler)
