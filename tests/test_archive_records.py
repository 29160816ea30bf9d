"""Unit tests: record building, the strict validator, file writing and rotation (no crawl)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from scrapy.http import HtmlResponse, Request
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.archive.records import RecordFactory, request_http_headers, response_http_headers
from crawler.archive.validation import check_warcs
from crawler.archive.writer import OPEN_SUFFIX, RotatingWarcWriter
from tests.support.warc_records import read_warc, sha1_b32


def make_response(body: bytes, headers: list[tuple[str, str]], status: int = 200, url="http://example.org/a?x=1"):
    response = HtmlResponse(url, status=status, body=body, request=Request(url), protocol="HTTP/1.1")
    for name, value in headers:
        response.headers.appendlist(name, value)
    return response


def test_response_headers_keep_every_value_and_match_the_payload():
    body = gzip.compress(b"<p>hello</p>", mtime=0)
    response = make_response(body, [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
                                    ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked"),
                                    ("Content-Disposition", "inline; filename=\"مقال.html\"")])
    raw = response_http_headers(response).raw
    assert raw.startswith(b"HTTP/1.1 200 OK\r\n")
    assert raw.count(b"Set-Cookie: ") == 2
    assert b"\r\nTransfer-Encoding" not in raw, "a de-chunked body must not claim chunking"
    assert b"X-Crawler-Transfer-Encoding: chunked\r\n" in raw
    assert raw.endswith(f"Content-Length: {len(body)}\r\n\r\n".encode())
    assert "مقال".encode("utf-8") in raw, "non-ASCII header bytes are kept, not %-encoded"


def test_wrong_content_length_from_a_handler_is_kept_aside():
    response = make_response(b"12345", [("Content-Length", "999")])
    raw = response_http_headers(response).raw
    assert b"X-Crawler-Content-Length: 999\r\n" in raw and b"\r\nContent-Length: 5\r\n" in raw


def test_request_line_keeps_the_query_and_host():
    request = Request("http://example.org:8080/news/item?id=5&lang=ar", headers={"Accept-Encoding": "gzip"})
    raw = request_http_headers(request).raw
    assert raw.startswith(b"GET /news/item?id=5&lang=ar HTTP/1.1\r\nHost: example.org:8080\r\n")


def _write(tmp_path: Path, records) -> Path:
    path = tmp_path / "t.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        for record in records:
            writer.write_record(record)
    return path


def test_strict_check_catches_what_warcio_check_lets_through(tmp_path):
    # A decoded body still labelled gzip, with a wrong Content-Length: digests are
    # consistent, so `warcio check` passes; our strict check must not.
    factory = RecordFactory()
    info = factory.warcinfo_record("t.warc.gz", {"software": "test"})
    http = StatusAndHeaders("200 OK", [("Content-Encoding", "gzip"), ("Content-Length", "9999")],
                            protocol="HTTP/1.1")
    body = b"<html>decoded already</html>"
    bad = factory.create_warc_record("http://example.org/", "response", payload=BytesIO(body),
                                     length=len(body), http_headers=http)
    path = _write(tmp_path, [info, bad])
    warcio = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", str(path)],
                            capture_output=True, text=True)
    assert warcio.returncode == 0, warcio.stdout
    messages = [p.message for p in check_warcs([path])]
    assert any("Content-Length 9999" in m for m in messages)
    assert any("does not decode" in m for m in messages)


def test_strict_check_accepts_a_faithful_record_and_flags_a_dangling_request(tmp_path):
    factory = RecordFactory()
    body = gzip.compress(b"<p>ok</p>", mtime=0)
    response = make_response(body, [("Content-Encoding", "gzip")])
    record = factory.response_record(response.url, response, factory.now(), "127.0.0.1")
    request = factory.request_record(response.url, response.request, "HTTP/1.1", factory.now(),
                                     record.rec_headers.get_header("WARC-Record-ID"), None)
    orphan = factory.request_record(response.url, response.request, "HTTP/1.1", factory.now(),
                                    "<urn:uuid:00000000-0000-0000-0000-000000000000>", None)
    good = _write(tmp_path, [factory.warcinfo_record("t.warc.gz", {"software": "t"}), record, request])
    assert check_warcs([good]) == []
    again = factory.response_record(response.url, response, factory.now(), "127.0.0.1")
    (problem,) = check_warcs([_write(tmp_path, [factory.warcinfo_record("t", {"a": "b"}), again, orphan])])
    assert "not found" in problem.message


def test_writer_rotates_by_size_and_never_splits_a_pair(tmp_path):
    factory = RecordFactory()
    closed = []
    writer = RotatingWarcWriter(tmp_path, prefix="TEST", max_size=3000, warcinfo={"software": "t"},
                                on_close=closed.append)
    response = make_response(os.urandom(1500), [("Content-Type", "application/octet-stream")])
    for _ in range(6):
        record = factory.response_record(response.url, response, factory.now(), None)
        request = factory.request_record(response.url, response.request, "HTTP/1.1", factory.now(),
                                         record.rec_headers.get_header("WARC-Record-ID"), None)
        response_at, request_at = writer.write(record, request)
        assert response_at.warc_filename == request_at.warc_filename
        assert request_at.warc_offset == response_at.warc_offset + response_at.warc_length
    writer.close()
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert len(files) >= 3 and files == sorted(closed)
    assert not list(tmp_path.glob("*" + OPEN_SUFFIX))
    serials = [int(f.name.split("-")[2]) for f in files]
    assert serials == list(range(len(files)))
    for path in files:
        records = read_warc(path)
        assert records[0].type == "warcinfo" and records[0].headers["WARC-Filename"] == path.name
        assert [r.type for r in records[1:]] in (["response", "request"] * n for n in (1, 2, 3))
        for r in records[1:]:
            assert r.headers["WARC-Payload-Digest"] == sha1_b32(r.payload)
    assert all(f.stat().st_size < 3000 + 4000 for f in files)


def test_writer_keeps_the_file_open_suffix_until_closed(tmp_path):
    writer = RotatingWarcWriter(tmp_path, prefix="TEST", max_size=10**9, warcinfo={"software": "t"})
    factory = RecordFactory()
    location = writer.write(factory.metadata_record("urn:x", {"a": 1}, None, factory.now()))[0]
    (open_file,) = tmp_path.glob("*.warc.gz" + OPEN_SUFFIX)
    assert open_file.name == location.warc_filename + OPEN_SUFFIX
    writer.close()
    assert (tmp_path / location.warc_filename).exists() and not open_file.exists()


def test_brotli_module_is_the_one_scrapy_and_the_checks_decode_with():
    # `brotlipy` (a pywb dependency, now kept in .venv-tools/pywb) ships a `brotli` module
    # that shadows Google's and lacks Decompressor.process(): if it ever lands in .venv
    # again, Scrapy's br decoding fails at runtime. This catches it.
    import brotli
    from scrapy import Request, Spider
    from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
    from scrapy.http import Response
    from scrapy.utils.test import get_crawler

    from crawler.archive.validation import decode_content

    text = "مفاوضات القاهرة".encode() * 50
    encoded = brotli.compress(text)
    middleware = HttpCompressionMiddleware.from_crawler(get_crawler(Spider))
    request = Request("https://example.org/")
    response = Response(request.url, body=encoded, headers={"Content-Encoding": "br"}, request=request)
    decoded = middleware.process_response(request, response)
    assert decoded.body == decode_content(encoded, "br") == text


def test_wacz_page_takes_the_date_of_its_response_not_of_the_later_metadata(tmp_path):
    # On a slow machine the metadata record lands a second after the response;
    # py-wacz matches pages by URL and second, so the page must carry the response's.
    from crawler.archive.indexing import article_pages

    factory = RecordFactory()
    response = make_response(b"<p>talks</p>", [("Content-Type", "text/html")])
    record = factory.response_record(response.url, response, "2024-02-01T10:00:00Z", "127.0.0.1")
    metadata = factory.metadata_record(f"urn:article:{response.url}", {"url": response.url, "headline": "Talks"},
                                       record.rec_headers.get_header("WARC-Record-ID"), "2024-02-01T10:00:01Z")
    orphan = factory.metadata_record("urn:article:http://example.org/b", {"url": "http://example.org/b"},
                                     None, "2024-02-01T10:00:02Z")
    path = _write(tmp_path, [factory.warcinfo_record("t.warc.gz", {"software": "t"}), record, metadata, orphan])
    assert article_pages([path]) == [
        {"url": response.url, "title": "Talks", "ts": "2024-02-01T10:00:00Z"},
        {"url": "http://example.org/b", "title": "http://example.org/b"},
    ]


def test_writer_compresses_each_record_at_the_configured_level(tmp_path):
    sizes = {}
    for level in (1, 9):
        writer = RotatingWarcWriter(tmp_path / str(level), prefix="TEST", max_size=10**9,
                                    warcinfo={"software": "t"}, gzip_level=level)
        body = b"".join(b"<p>Talks in Cairo, paragraph %d of the page.</p>" % n for n in range(3000))
        writer.write(RecordFactory().create_warc_record("http://example.org/", "resource", payload=BytesIO(body),
                                                        length=len(body), warc_content_type="text/html"))
        path = writer.close()
        assert [r.type for r in read_warc(path)] == ["warcinfo", "resource"]
        assert gzip.decompress(path.read_bytes()).count(b"WARC/1.1\r\n") == 2
        sizes[level] = path.stat().st_size
    assert sizes[9] < sizes[1]


FULL_DISK_SCRIPT = r"""
import os, resource, signal, sys
from pathlib import Path
from crawler.archive.records import RecordFactory
from crawler.archive.writer import RotatingWarcWriter
folder = Path(sys.argv[1])
factory = RecordFactory()
writer = RotatingWarcWriter(folder, prefix="TEST", max_size=10**9, warcinfo={"software": "t"})
def record(n, size):
    return factory.metadata_record(f"urn:r{n}", {"n": n, "noise": os.urandom(size).hex()}, None, factory.now())
written = [writer.write(record(0, 2000))[0]]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
resource.setrlimit(resource.RLIMIT_FSIZE, (written[0].warc_offset + written[0].warc_length + 3000, hard))
try:
    writer.write(record(1, 20000))
    sys.exit("the write past the size limit did not fail")
except OSError:
    pass
resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))  # space is back
written.append(writer.write(record(2, 2000))[0])
writer.close()
print(" ".join(f"{w.warc_offset}:{w.warc_length}" for w in written))
"""


def test_a_write_that_fails_is_cut_off_and_the_next_record_follows_the_last_whole_one(tmp_path):
    """A full disk mid-record (EFBIG past RLIMIT_FSIZE, in a child process) must not leave part
    of the record in the file: the next record starts where the last whole one ended, and
    every record of the closed file reads back."""
    proc = subprocess.run([sys.executable, "-c", FULL_DISK_SCRIPT, str(tmp_path)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parents[1], timeout=60)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (first, after), (path,) = ([tuple(map(int, w.split(":"))) for w in proc.stdout.split()],
                               list(tmp_path.glob("*.warc.gz")))
    assert after[0] == first[0] + first[1], "the failed record's bytes were left in the file"
    records = read_warc(path)
    assert [r.headers.get("WARC-Target-URI") for r in records] == [None, "urn:r0", "urn:r2"]
    assert path.stat().st_size == after[0] + after[1]


# The archive opened by hand on a spider, with gzip on its thread, writing under argv[1].
ARCHIVE_BY_HAND = r"""
import sys
from scrapy.http import HtmlResponse, Request
from scrapy.spiders import Spider
from scrapy.utils.test import get_crawler
from crawler import settings as project_settings
from crawler.archive.extension import WarcArchive
settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.startswith("WARC_")}
crawler = get_crawler(Spider, {**settings, "WARC_DIR": sys.argv[1], "WARC_CDXJ": False, "WARC_GZIP_THREAD": True})
crawler.stats.open_spider()
archive = WarcArchive(crawler)
spider = Spider("by-hand")
archive.spider_opened(spider)
"""

BY_HAND_SCRIPT = ARCHIVE_BY_HAND + r"""
from scrapy.utils.reactor import is_reactor_installed
request = Request("https://www.example-news.com/a")
response = HtmlResponse(request.url, body=b"<html><p>x</p></html>", encoding="utf-8", request=request)
archive.response_downloaded(response, request, spider)
print(is_reactor_installed(), archive.writer.close().name)
"""


def test_the_archive_driven_without_a_reactor_installs_none_and_writes_in_line(tmp_path):
    """Opened by hand (a test, a script), the archive must not install Twisted's default
    reactor to start its gzip thread: a later crawl in that process needs Scrapy's own."""
    proc = subprocess.run([sys.executable, "-c", BY_HAND_SCRIPT, str(tmp_path)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parents[1], timeout=60)
    assert proc.returncode == 0, proc.stderr[-3000:]
    installed, name = proc.stdout.split()
    assert installed == "False"
    targets = [r.headers.get("WARC-Target-URI") for r in read_warc(tmp_path / name)]
    assert targets.count("https://www.example-news.com/a") >= 1


COPIES_BEFORE_THE_WRITE_SCRIPT = r"""
from scrapy.utils.reactor import install_reactor
install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
""" + ARCHIVE_BY_HAND + r"""
from twisted.internet import defer, reactor
body = b"<html><p>The delegation returned to Cairo.</p></html>"
for _ in range(3):  # the same page three times before the reactor runs: no write has come back
    request = Request("https://www.example-news.com/a")
    archive.response_downloaded(HtmlResponse(request.url, body=body, encoding="utf-8", request=request), request, spider)

def done(_):
    print(archive.writer.close().name)
    reactor.stop()

reactor.callWhenRunning(lambda: defer.DeferredList(list(archive._writes)).addBoth(done))
reactor.run()
"""


def test_copies_that_arrive_before_the_original_is_written_are_revisits(tmp_path):
    """With gzip on its thread an original reaches the payload index only once written; a copy
    that arrives in between must still be a revisit of it, not a second full record."""
    proc = subprocess.run([sys.executable, "-c", COPIES_BEFORE_THE_WRITE_SCRIPT, str(tmp_path)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parents[1], timeout=60)
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = [r for r in read_warc(tmp_path / proc.stdout.split()[-1]) if r.type in ("response", "revisit")]
    assert [r.type for r in records] == ["response", "revisit", "revisit"]
    original_id = records[0].headers.get("WARC-Record-ID")
    assert {r.headers.get("WARC-Refers-To") for r in records[1:]} == {original_id}
