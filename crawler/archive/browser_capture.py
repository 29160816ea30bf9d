"""WARC records for a page rendered in the browser (crawler/rendering).

The Scrapy response of a rendered page is the DOM after scripts ran, not what the
server sent, so it is never a ``response`` record. Instead:

- each network response the browser kept (the main document, its redirect hops,
  and the subresources when the outlet asks for them) is a ``response`` record with
  its ``request`` record. Chromium hands over the body content-decoded and
  de-chunked, so ``Content-Encoding``, ``Transfer-Encoding`` and a mismatching
  ``Content-Length`` are kept as ``X-Crawler-*`` (Common Crawl's convention, also
  used by records.py) and ``Content-Length`` is set to the stored body: replay tools
  then read the payload as it is stored;
- the rendered DOM is a ``resource`` record at ``urn:rendered-dom:<page URL>``
  (Browsertrix naming; a ``urn:`` target is never served in place of the page),
  linked to the main document's response by ``WARC-Concurrent-To``: WARC 1.1
  allows that field on any record "created as part of the same capture event",
  which the DOM is, while ``WARC-Refers-To`` is meant for metadata, revisit and
  conversion records.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from io import BytesIO
from urllib.parse import urlsplit

from warcio.timeutils import datetime_to_iso_date

from crawler import signals as project_signals

from .records import CREDENTIAL_HEADERS, _http_block, reason_phrase, request_target
from .requisites import BROWSER_KINDS, Requisite

logger = logging.getLogger(__name__)

RENDERED_DOM_PREFIX = "urn:rendered-dom:"
# Header values that describe the bytes on the wire, which the browser has undone.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
_PROTOCOL = "HTTP/1.1"  # Playwright does not expose the HTTP version of a response


def _enc(text: str) -> bytes:
    # Header values reach us as str; latin-1 keeps the bytes Chromium received (it
    # decodes them as latin-1); anything outside is a UTF-8 value.
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")


def browser_response_headers(exchange):
    body_length = str(len(exchange.body))
    headers = []
    for name, value in exchange.headers:
        lower = name.lower()
        if lower in _WIRE_HEADERS:
            if lower == "content-length" and value.strip() == body_length:
                continue  # still true of the stored body: written once below
            name = "X-Crawler-" + name
        headers.append((_enc(name), _enc(value)))
    headers.append((b"Content-Length", body_length.encode()))
    status = f"{exchange.status} {exchange.status_text or reason_phrase(exchange.status)}"
    return _http_block(f"{_PROTOCOL} {status}".encode("latin-1", "replace"), headers, _PROTOCOL, status)


def browser_request_headers(exchange, store_credentials: bool = False):
    """The request as Chromium sent it; Cookie/Authorization only with WARC_STORE_CREDENTIALS
    (the browser replays the cookies a page set, so every subresource request carries them)."""
    headers = [(_enc(k), _enc(v)) for k, v in exchange.request_headers]
    if not store_credentials:
        headers = [(k, v) for k, v in headers if k.lower() not in CREDENTIAL_HEADERS]
    if not any(k.lower() == b"host" for k, _ in headers):
        headers.insert(0, (b"Host", urlsplit(exchange.url).netloc.encode("utf-8")))
    target = request_target(exchange.url)
    first = f"{exchange.method} {target} {_PROTOCOL}".encode("latin-1", "replace")
    return _http_block(first, headers, _PROTOCOL, f"{exchange.method} {target}")


def _warc_headers(warc_date: str, ip: str | None, **extra) -> dict:
    headers = {"WARC-Date": warc_date, **{k: v for k, v in extra.items() if v}}
    if ip:
        headers["WARC-IP-Address"] = ip
    return headers


def exchange_records(factory, exchange, warc_date: str, original: dict | None = None):
    """Response (or, for a payload archived before under ``original``, revisit) + request."""
    if original is not None:
        response = factory.create_revisit_record(
            exchange.url, original["digest"], original["url"], original["date"],
            http_headers=browser_response_headers(exchange),
            warc_headers_dict=_warc_headers(warc_date, exchange.ip_address,
                                            **{"WARC-Refers-To": original.get("record_id")}))
    else:
        response = factory.create_warc_record(
            exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
            http_headers=browser_response_headers(exchange),
            warc_headers_dict=_warc_headers(warc_date, exchange.ip_address))
    request = factory.create_warc_record(
        exchange.url, "request", payload=BytesIO(exchange.request_body), length=len(exchange.request_body),
        http_headers=browser_request_headers(exchange, getattr(factory, "store_credentials", False)),
        warc_headers_dict=_warc_headers(warc_date, exchange.ip_address,
                                        **{"WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")}))
    return response, request


def rendered_dom_record(factory, page_url: str, dom: bytes, content_type: str, warc_date: str,
                        concurrent_to: str | None):
    return factory.create_warc_record(
        RENDERED_DOM_PREFIX + page_url, "resource", payload=BytesIO(dom), length=len(dom),
        warc_content_type=content_type,
        warc_headers_dict=_warc_headers(warc_date, None, **{"WARC-Concurrent-To": concurrent_to}))


def main_exchange(exchanges, page_url: str):
    """The main document's final response: the last main-frame navigation to the page's URL."""
    documents = [e for e in exchanges if e.is_document]
    for exchange in reversed(documents):
        if exchange.url == page_url:
            return exchange
    non_redirects = [e for e in documents if not 300 <= e.status < 400]
    return non_redirects[-1] if non_redirects else None


def write_rendered_page(archive, request, response, exchanges) -> dict | None:
    """Write a rendered page's records; return the capture of its main document (or None).

    Sends ``capture_written`` for every response record and for the DOM record.
    """
    fetched_at = datetime.now(timezone.utc)
    warc_date = datetime_to_iso_date(fetched_at.replace(tzinfo=None), use_micros=True)
    stats = archive.stats
    main = main_exchange(exchanges or [], response.url)
    main_capture = None
    policy, budget = archive.requisites, archive.requisites.budget()
    for exchange in exchanges or []:
        if exchange.error:
            stats.inc_value("warc/browser/body_unavailable")
        original = None
        if not exchange.is_document:
            # Subresources are page requisites: the same filter, caps and dedup as fetched ones.
            kind = BROWSER_KINDS.get(exchange.resource_type)
            if kind is None:
                stats.inc_value(f"requisites/skipped/not_requisite/{exchange.resource_type}")
                continue
            if not policy.admit(response.url, Requisite(exchange.url, kind), budget, len(exchange.body)):
                continue
            budget.spend(len(exchange.body))
            original = policy.revisit_of(exchange.url, exchange.body)
        records = exchange_records(archive.factory, exchange, warc_date, original)
        extra = ()
        if exchange is main:
            content_type = _content_type(response)
            extra = (rendered_dom_record(archive.factory, response.url, response.body, content_type, warc_date,
                                         records[0].rec_headers.get_header("WARC-Record-ID")),)
        locations = archive.writer.write(*records, *extra)
        kind = "document" if exchange.is_document else "subresource"
        stats.inc_value(f"warc/browser/{kind}")
        stats.inc_value(f"warc/records/{locations[0].record_type}")
        stats.inc_value("warc/records/request")
        stats.inc_value("warc/bytes", sum(loc.warc_length for loc in locations))
        capture = _capture(archive, exchange.url, request.method if exchange is main else exchange.method,
                           exchange.status, _header(exchange.headers, "content-type"), locations[0],
                           locations[1].warc_record_id, exchange.ip_address, fetched_at, len(exchange.body))
        archive.crawler.signals.send_catch_log(project_signals.capture_written, capture=capture,
                                               request=request, response=response if exchange is main else None)
        if not exchange.is_document:
            policy.archived_as(exchange.url, capture)
            if original is None and 200 <= exchange.status < 300:
                archive.payloads.remember(exchange.url, locations[0].payload_digest, locations[0].warc_date,
                                          locations[0].warc_record_id)
        if exchange is main:
            main_capture = capture
            dom = locations[2]
            stats.inc_value("warc/records/resource")
            dom_capture = _capture(archive, response.url, request.method, response.status, content_type, dom,
                                   None, None, fetched_at, len(response.body))
            dom_capture["refers_to_record_id"] = locations[0].warc_record_id
            archive.crawler.signals.send_catch_log(project_signals.capture_written, capture=dom_capture,
                                                   request=request, response=response)
    if main is None:
        # No network response to link to (the browser served it from a cache, or a plain
        # scrapy-playwright handler sent no capture): keep the DOM, unlinked, and say so.
        stats.inc_value("warc/browser/no_network_capture")
        logger.warning("No network capture of %s: only its rendered DOM is archived", response.url)
        content_type = _content_type(response)
        dom = archive.writer.write(rendered_dom_record(archive.factory, response.url, response.body,
                                                       content_type, warc_date, None))[0]
        stats.inc_value("warc/records/resource")
        archive.crawler.signals.send_catch_log(
            project_signals.capture_written, request=request, response=response,
            capture=_capture(archive, response.url, request.method, response.status, content_type, dom,
                             None, None, fetched_at, len(response.body)))
    return main_capture


def _content_type(response) -> str:
    # page.content() is a str that scrapy-playwright encodes with the response's encoding.
    return f"text/html; charset={getattr(response, 'encoding', None) or 'utf-8'}"


def _header(pairs, name: str) -> str | None:
    for key, value in pairs:
        if key.lower() == name:
            return value
    return None


def _capture(archive, url, method, status, content_type, location, request_record_id, ip, fetched_at,
             payload_length) -> dict:
    return {
        "url": url, "method": method, "status": status, "content_type": content_type,
        "content_encoding": None, "payload_length": payload_length,
        "payload_digest": location.payload_digest, "warc_filename": location.warc_filename,
        "warc_offset": location.warc_offset, "warc_length": location.warc_length,
        "warc_record_id": location.warc_record_id, "warc_date": location.warc_date,
        "record_type": location.record_type, "refers_to_record_id": None,
        "request_record_id": request_record_id, "ip_address": ip, "crawl_id": archive.crawl_id,
        "error": None, "fetched_at": fetched_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
    }
