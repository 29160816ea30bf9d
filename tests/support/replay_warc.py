"""Build small WARC files for replay tests, written with warcio as a crawler would.

    with ArchiveBuilder(tmp_path / "site.warc.gz") as warc:
        warc.page("https://www.youm7.com/story/1", html_bytes, gzip_body=True)
        warc.redirect("https://www.youm7.com/s/1", "https://www.youm7.com/story/1")
        warc.document("https://www.youm7.com/sitemap.xml", xml_bytes, "application/xml")

Every response gets a request record beside it, like a real crawl's WARC.
"""

from __future__ import annotations

import gzip
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from w3lib.url import safe_url_string
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 410: "Gone"}


def chunked(body: bytes, size: int = 1000) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


class ArchiveBuilder:
    def __init__(self, path: Path, gzip_records: bool = True):
        self.path = Path(path)
        self.gzip_records = gzip_records
        self._fh = None
        self.writer = None

    def __enter__(self):
        self._fh = open(self.path, "wb")
        self.writer = WARCWriter(self._fh, gzip=self.gzip_records, warc_version="1.1")
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def response(self, url: str, body: bytes, *, status: int = 200, headers: list[tuple[str, str]] | None = None,
                 gzip_body: bool = False, chunked_body: bool = False, date: datetime | None = None):
        """One HTTP exchange. ``body`` is the decoded document; encoding happens here."""
        headers = list(headers or [])
        payload = body
        if gzip_body:
            payload = gzip.compress(payload, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        if chunked_body:
            payload = chunked(payload)
            headers.append(("Transfer-Encoding", "chunked"))
        else:
            headers.append(("Content-Length", str(len(payload))))
        http = StatusAndHeaders(f"{status} {REASONS.get(status, 'OK')}", headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": _warc_date(date)}
        record = self.writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=http,
                                                warc_headers_dict=warc_headers)
        request = self.writer.create_warc_record(
            url, "request", payload=BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {_path_of(url)} HTTP/1.1", [("Host", url.split("/")[2])],
                                          is_http_request=True),
            warc_headers_dict=warc_headers)
        self.writer.write_request_response_pair(request, record)
        return record

    def page(self, url: str, html: bytes | str, **kwargs):
        if isinstance(html, str):
            html = html.encode("utf-8")
        return self.response(url, html, headers=[("Content-Type", "text/html; charset=utf-8")], **kwargs)

    def document(self, url: str, body: bytes | str, content_type: str, **kwargs):
        if isinstance(body, str):
            body = body.encode("utf-8")
        return self.response(url, body, headers=[("Content-Type", content_type)], **kwargs)

    def redirect(self, url: str, location: str, status: int = 301, **kwargs):
        return self.response(url, b"", status=status, headers=[("Location", safe_url_string(location))], **kwargs)

    def revisit(self, url: str, original, date: datetime | None = None, with_http_headers: bool = True):
        """A deduplicated capture of ``original`` (a record returned by response())."""
        digest = original.rec_headers.get_header("WARC-Payload-Digest")
        http = original.http_headers if with_http_headers else None
        record = self.writer.create_revisit_record(
            url, digest, original.rec_headers.get_header("WARC-Target-URI"),
            original.rec_headers.get_header("WARC-Date"), http_headers=http,
            warc_headers_dict={"WARC-Date": _warc_date(date)})
        self.writer.write_record(record)
        return record


def _warc_date(date: datetime | None) -> str:
    date = date or datetime(2024, 8, 8, 9, 30, tzinfo=timezone.utc)
    return date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _path_of(url: str) -> str:
    rest = safe_url_string(url).split("/", 3)
    return "/" + (rest[3] if len(rest) > 3 else "")
