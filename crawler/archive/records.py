"""Turning one Scrapy request/response exchange into WARC records, byte-faithfully.

Called with what Scrapy has at the ``response_downloaded`` signal: the body is
still content-encoded (gzip/deflate as the server sent it), Twisted has already
removed the transfer encoding and consumed the connection-level headers
(Content-Length, Transfer-Encoding, Connection, Keep-Alive). So the response
record gets every remaining header value as received (repeated Set-Cookie lines
included), a Content-Length equal to the stored payload, and never a
Transfer-Encoding over an un-chunked body.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from io import BytesIO
from urllib.parse import urlsplit

from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders

WARC_VERSION = "WARC/1.1"

# Headers whose value describes the bytes on the wire, not the stored payload.
# If a download handler ever passes them through (HTTP/2, a browser handler),
# they are kept under an X-Crawler- name (Common Crawl's convention) and the
# real values are written, so replay tools read the payload correctly.
_FRAMING_HEADERS = {b"transfer-encoding", b"content-length"}


class RawStatusAndHeaders(StatusAndHeaders):
    """warcio headers whose serialized form is the exact bytes we give.

    warcio re-serializes headers and %-encodes non-ASCII values; outlets send
    UTF-8 filenames and cookies, and the archive must keep those bytes.
    """

    def __init__(self, raw: bytes, statusline: str, headers: list[tuple[str, str]], protocol: str):
        super().__init__(statusline, headers, protocol=protocol)
        self.raw = raw

    def compute_headers_buffer(self, header_filter=None):
        self.headers_buff = self.raw


def _latin1(value: bytes) -> str:
    return value.decode("latin-1")


def _http_block(first_line: bytes, headers: list[tuple[bytes, bytes]], protocol: str,
                statusline: str) -> RawStatusAndHeaders:
    raw = first_line + b"\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n"
    return RawStatusAndHeaders(raw, statusline, [(_latin1(k), _latin1(v)) for k, v in headers], protocol)


def header_pairs(headers) -> list[tuple[bytes, bytes]]:
    """Every (name, value) pair of Scrapy Headers, repeated values kept in order.

    ``headers[name]`` would return only the last Set-Cookie; ``items()`` keeps all.
    """
    pairs = []
    for name, values in headers.items():
        for value in values:
            pairs.append((bytes(name), bytes(value)))
    return pairs


def reason_phrase(status: int) -> str:
    # Scrapy does not keep the server's reason phrase; the standard one is what
    # replay tools expect and what nearly every server sends.
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def response_http_headers(response) -> RawStatusAndHeaders:
    protocol = response.protocol or "HTTP/1.1"
    if not protocol.upper().startswith("HTTP/"):
        protocol = "HTTP/1.1"
    status = f"{response.status} {reason_phrase(response.status)}"
    body_length = str(len(response.body)).encode()
    headers = []
    for name, value in header_pairs(response.headers):
        lower = name.lower()
        if lower in _FRAMING_HEADERS:
            if lower == b"content-length" and value.strip() == body_length:
                continue  # identical to the one we write below
            name = b"X-Crawler-" + name
        headers.append((name, value))
    headers.append((b"Content-Length", body_length))
    return _http_block(f"{protocol} {status}".encode("latin-1"), headers, protocol, status)


def request_target(url: str) -> str:
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return target


# Request headers that carry a session or a secret: not archived unless WARC_STORE_CREDENTIALS.
CREDENTIAL_HEADERS = frozenset({b"cookie", b"authorization", b"proxy-authorization"})


def request_http_headers(request, protocol: str = "HTTP/1.1", store_credentials: bool = True) -> RawStatusAndHeaders:
    """The request as sent: method, full path with query, every header value.

    Twisted adds Host itself; it is written first, as on the wire. Without
    ``store_credentials`` the Cookie/Authorization lines are left out: a WARC is
    shared and replayed publicly, a session token must not travel with it.
    """
    parts = urlsplit(request.url)
    headers = header_pairs(request.headers)
    if not store_credentials:
        headers = [(k, v) for k, v in headers if k.lower() not in CREDENTIAL_HEADERS]
    if not any(k.lower() == b"host" for k, _ in headers):
        # Scrapy has already IDNA/percent-encoded the URL, so netloc is ASCII.
        headers.insert(0, (b"Host", parts.netloc.encode("utf-8")))
    if request.body and not any(k.lower() == b"content-length" for k, _ in headers):
        headers.append((b"Content-Length", str(len(request.body)).encode()))
    target = request_target(request.url)
    first = f"{request.method} {target} {protocol}".encode("latin-1", "replace")
    return _http_block(first, headers, protocol, f"{request.method} {target}")


class RecordFactory(RecordBuilder):
    """warcio's record builder, fixed to WARC/1.1 (microsecond WARC-Dates)."""

    def __init__(self, store_credentials: bool = False):
        super().__init__(warc_version=WARC_VERSION)
        self.store_credentials = store_credentials

    def response_record(self, url: str, response, warc_date: str, ip_address: str | None):
        headers = {"WARC-Date": warc_date}
        if ip_address:
            headers["WARC-IP-Address"] = ip_address
        body = response.body
        return self.create_warc_record(
            url, "response", payload=BytesIO(body), length=len(body),
            http_headers=response_http_headers(response), warc_headers_dict=headers)

    def request_record(self, url: str, request, protocol: str, warc_date: str, concurrent_to: str,
                       ip_address: str | None):
        headers = {"WARC-Date": warc_date, "WARC-Concurrent-To": concurrent_to}
        if ip_address:
            headers["WARC-IP-Address"] = ip_address
        body = request.body or b""
        return self.create_warc_record(
            url, "request", payload=BytesIO(body), length=len(body),
            http_headers=request_http_headers(request, protocol, self.store_credentials),
            warc_headers_dict=headers)

    def revisit_record(self, url: str, response, warc_date: str, ip_address: str | None,
                       payload_digest: str, original: dict):
        headers = {"WARC-Date": warc_date}
        if ip_address:
            headers["WARC-IP-Address"] = ip_address
        if original.get("record_id"):
            headers["WARC-Refers-To"] = original["record_id"]
        return self.create_revisit_record(
            url, payload_digest, original["url"], original["date"],
            http_headers=response_http_headers(response), warc_headers_dict=headers)

    def metadata_record(self, target_uri: str, document: dict, refers_to: str | None, warc_date: str):
        payload = json.dumps(document, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
        headers = {"WARC-Date": warc_date}
        if refers_to:
            headers["WARC-Refers-To"] = refers_to
        return self.create_warc_record(
            target_uri, "metadata", payload=BytesIO(payload), length=len(payload),
            warc_content_type="application/json", warc_headers_dict=headers)

    def warcinfo_record(self, filename: str, info: dict):
        return self.create_warcinfo_record(filename, info)

    def now(self) -> str:
        return self.curr_warc_date()
