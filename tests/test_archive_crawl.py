"""End to end: a real crawl (`scrapy crawl urls`) of a loopback site, then its WARC.

One crawl (module fixture) covers gzip + chunked with two Set-Cookie headers,
plain, redirected, retried (503 then 200), windows-1256, binary and refused
fetches plus robots.txt; each test checks one property of what was archived.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zlib
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.crawl import crawl_stats, feed_items, read_jsonl, run_scrapy
from tests.support.servers import LocalSite, Route
from tests.support.talks_pages import AR_PARAGRAPHS, EN_PARAGRAPHS, article_html
from tests.support.warc_records import read_all, read_warc, sha1_b32


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class Crawl:
    """What one crawl left behind, plus what the server sent."""

    def __init__(self, site: LocalSite, out: Path, proc, urls: dict[str, str]):
        self.site, self.out, self.proc, self.urls = site, out, proc, urls
        self.warc_dir = out / "warc"
        self.records = read_all(self.warc_dir)
        self.items = feed_items(out)
        self.signals = read_jsonl(out / "signals.jsonl")
        self.stats = crawl_stats(proc.stderr)

    def responses(self, path: str) -> list:
        url = self.site.url(path)
        return [r for r in self.records if r.type == "response" and r.headers["WARC-Target-URI"] == url]

    def sent(self, path: str) -> list[bytes]:
        return [body for p, body in self.site.sent if p == "/" + path.lstrip("/")]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("archive_crawl")
    attempts = {"n": 0}

    def flaky(handler):
        attempts["n"] += 1
        if attempts["n"] == 1:
            return Route(body=b"busy", status=503, headers=[("Content-Type", "text/plain")])
        return Route(body=article_html("Retried talks page", EN_PARAGRAPHS).encode())

    with LocalSite() as site:
        site.add("robots.txt", "User-agent: *\nDisallow: /private/\n", headers=[("Content-Type", "text/plain")])
        site.add("gzip-chunked.html", article_html("Cairo talks resume", EN_PARAGRAPHS), gzip=True, chunked=True,
                 headers=[("Set-Cookie", "session=abc; Path=/"), ("Set-Cookie", "region=eg; Path=/")])
        site.add("plain.html", article_html("Plain page on the talks", EN_PARAGRAPHS))
        site.add("old-url", status=301, headers=[("Location", "/moved.html")], body=b"")
        site.add("moved.html", article_html("Moved article on the talks", EN_PARAGRAPHS), gzip=True)
        site.routes["/flaky.html"] = Route(dynamic=flaky)
        site.add("arabic.html", article_html("مفاوضات القاهرة", AR_PARAGRAPHS, "ar", "windows-1256")
                 .encode("cp1256"), headers=[("Content-Type", "text/html; charset=windows-1256")])
        site.add("logo.png", PNG, headers=[("Content-Type", "image/png")])
        urls = {
            "gzip": site.url("gzip-chunked.html?id=7&lang=en"),
            "plain": site.url("plain.html"),
            "redirect": site.url("old-url"),
            "flaky": site.url("flaky.html"),
            "arabic": site.url("arabic.html"),
            "binary": site.url("logo.png"),
            "refused": f"http://127.0.0.1:{closed_port()}/nothing-listens-here.html",
            "disallowed": site.url("private/secret.html"),
        }
        site.add("private/secret.html", article_html("Not for crawlers", EN_PARAGRAPHS))
        site.routes["/gzip-chunked.html?id=7&lang=en"] = site.routes.pop("/gzip-chunked.html")
        url_file = out / "urls.txt"
        url_file.write_text("\n".join(urls.values()) + "\n")
        proc = run_scrapy(["crawl", "urls", "-a", f"urls={url_file}"], settings={
            "OUTPUT_DIR": str(out),
            "SIGNAL_LOG_FILE": str(out / "signals.jsonl"),
            "EXTENSIONS": json.dumps({"crawler.archive.extension.WarcArchive": 500,
                                      "tests.support.signal_recorder.SignalRecorder": 900}),
            "RETRY_TIMES": "1",
            # Judged here: the archive, not crawl health or incremental skipping.
            "SPIDERMON_ENABLED": "False",
            "INCREMENTAL_ENABLED": "False",
        })
        yield Crawl(site, out, proc, urls)


def test_standard_validators_accept_every_warc(crawl):
    files = sorted(crawl.warc_dir.glob("*.warc.gz"))
    assert files, "the crawl wrote no closed WARC file"
    assert not list(crawl.warc_dir.glob("*.open")), "files must be renamed when closed"
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *map(str, files)],
                           capture_output=True, text=True)
    if check.returncode != 0:  # older warcio has no warcio.cli module entry point
        check = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", "-v", *map(str, files)],
                               capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout


def test_project_strict_check_passes(crawl):
    proc = run_scrapy(["warc_check", str(crawl.warc_dir)], check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 strict problem(s)" in proc.stderr


def test_each_file_starts_with_warcinfo_naming_operator_contact_and_robots(crawl):
    for path in crawl.warc_dir.glob("*.warc.gz"):
        first = read_warc(path)[0]
        assert first.type == "warcinfo"
        assert first.headers["WARC-Filename"] == path.name
        fields = dict(line.split(": ", 1) for line in first.payload.decode().splitlines() if ": " in line)
        assert fields["operator"] == "Cairo Talks Archive"
        assert fields["robots"] == "obey"
        assert "CairoTalksArchive" in fields["http-header-user-agent"]
        assert "Scrapy" in fields["software"]
        crawl_ids = {s["capture"]["crawl_id"] for s in crawl.signals if s["signal"] == "capture_written"}
        assert crawl_ids == {fields["isPartOf"]}, "warcinfo names the run its captures belong to"
        assert fields["http-header-from"]


def test_archived_bodies_are_the_bytes_the_server_sent(crawl):
    for path in ["gzip-chunked.html?id=7&lang=en", "plain.html", "moved.html", "arabic.html", "logo.png",
                 "robots.txt", "old-url"]:
        stored = [r.payload for r in crawl.responses(path)]
        assert stored == crawl.sent(path), path
    flaky = crawl.responses("flaky.html")
    assert [r.status for r in flaky] == [503, 200], "each retry attempt is its own capture"
    assert [r.payload for r in flaky] == crawl.sent("flaky.html")


def test_gzip_chunked_response_is_stored_encoded_with_consistent_headers(crawl):
    (record,) = crawl.responses("gzip-chunked.html?id=7&lang=en")
    assert record.http_head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert record.http_header_values("Content-Encoding") == ["gzip"]
    assert record.http_header_values("Set-Cookie") == ["session=abc; Path=/", "region=eg; Path=/"]
    assert record.http_header_values("Transfer-Encoding") == []
    assert record.http_header_values("Content-Length") == [str(len(record.payload))]
    html = gzip.decompress(record.payload).decode()
    assert "Cairo talks resume" in html


def test_every_response_has_headers_consistent_with_its_payload(crawl):
    responses = [r for r in crawl.records if r.type == "response"]
    assert len(responses) >= 8
    for record in responses:
        assert record.http_header_values("Content-Length") == [str(len(record.payload))], record.headers
        assert not record.http_header_values("Transfer-Encoding")
        assert record.http_head.split(b"\r\n", 1)[0].count(b" ") >= 2, "status line keeps a reason phrase"
        for encoding in record.http_header_values("Content-Encoding"):
            assert encoding in ("gzip", "deflate")
            zlib.decompress(record.payload, zlib.MAX_WBITS | 32)  # decodes with what it declares


def test_digests_recomputed_match(crawl):
    for record in crawl.records:
        assert record.headers["WARC-Block-Digest"] == sha1_b32(record.http_head + record.payload)
        if record.type in ("response", "request", "metadata"):
            assert record.headers["WARC-Payload-Digest"] == sha1_b32(record.payload)


def test_requests_are_linked_and_ask_only_for_replayable_encodings(crawl):
    by_id = {r.id: r for r in crawl.records}
    requests = [r for r in crawl.records if r.type == "request"]
    responses = [r for r in crawl.records if r.type == "response"]
    assert len(requests) == len(responses)
    for request in requests:
        response = by_id[request.headers["WARC-Concurrent-To"]]
        assert response.type == "response"
        assert response.headers["WARC-Target-URI"] == request.headers["WARC-Target-URI"]
        assert request.http_header_values("Accept-Encoding") == ["gzip, deflate"]
        assert response.headers["WARC-IP-Address"] == "127.0.0.1"
    (gzip_request,) = [r for r in requests if "gzip-chunked" in r.headers["WARC-Target-URI"]]
    assert gzip_request.http_head.startswith(b"GET /gzip-chunked.html?id=7&lang=en HTTP/1.1\r\n")
    assert gzip_request.http_header_values("Host") == [f"127.0.0.1:{crawl.site.port}"]


def test_redirects_and_robots_are_archived(crawl):
    (hop,) = crawl.responses("old-url")
    assert hop.status == 301 and hop.http_header_values("Location") == ["/moved.html"]
    assert len(crawl.responses("moved.html")) == 1
    assert len(crawl.responses("robots.txt")) == 1


def test_each_article_has_a_metadata_record_with_the_item(crawl):
    by_id = {r.id: r for r in crawl.records}
    metadata = {r.headers["WARC-Target-URI"]: r for r in crawl.records if r.type == "metadata"}
    assert len(crawl.items) >= 5
    assert len(metadata) == len(crawl.items)
    for item in crawl.items:
        record = metadata[f"urn:article:{item['url']}"]
        assert record.headers["Content-Type"] == "application/json"
        stored = json.loads(record.payload)
        assert {k: stored[k] for k in ("url", "headline", "body", "warc_record_id")} == \
               {k: item[k] for k in ("url", "headline", "body", "warc_record_id")}
        response = by_id[record.headers["WARC-Refers-To"]]
        assert response.type == "response" and response.headers["WARC-Target-URI"] == item["url"]


def test_items_point_to_their_response_record(crawl):
    for item in crawl.items:
        path = crawl.warc_dir / item["warc_filename"]
        with open(path, "rb") as stream:
            stream.seek(item["warc_offset"])
            member = stream.read(item["warc_length"])
        (record,) = read_warc_bytes(member, tmp=crawl.out / "member.warc.gz")
        assert record.id == item["warc_record_id"]
        assert record.headers["WARC-Target-URI"] == item["url"]
    arabic = next(i for i in crawl.items if i["url"].endswith("arabic.html"))
    assert "القاهرة" in arabic["body"]


def read_warc_bytes(data: bytes, tmp: Path):
    tmp.write_bytes(data)
    return read_warc(tmp)


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_capture_signals_describe_every_exchange_and_failure(crawl):
    captures = [s["capture"] for s in crawl.signals if s["signal"] == "capture_written"]
    by_record = {c["warc_record_id"]: c for c in captures if c["warc_record_id"]}
    responses = [r for r in crawl.records if r.type == "response"]
    assert set(by_record) == {r.id for r in responses}
    for record in responses:
        capture = by_record[record.id]
        assert capture["url"] == record.headers["WARC-Target-URI"]
        assert capture["status"] == record.status
        assert capture["payload_digest"] == record.headers["WARC-Payload-Digest"]
        assert (capture["warc_filename"], capture["warc_offset"], capture["warc_length"]) == \
               (record.file, record.offset, record.length)
        assert capture["record_type"] == "response" and capture["fetched_at"].endswith("Z")
        assert parse_utc(capture["fetched_at"]) == parse_utc(record.headers["WARC-Date"])
        request = next(r for r in crawl.records if r.id == capture["request_record_id"])
        assert request.headers["WARC-Concurrent-To"] == record.id
        assert capture["ip_address"] == "127.0.0.1"
    png = next(c for c in captures if c["url"].endswith("logo.png"))
    assert png["content_type"] == "image/png"
    # Nothing listens there: the first attempt (its robots.txt) fails, and is reported.
    refused_host = crawl.urls["refused"].rsplit("/", 1)[0] + "/"
    failed = [c for c in captures if c["url"].startswith(refused_host)]
    assert failed and all(c["status"] is None and "ConnectionRefused" in c["error"] for c in failed)
    assert all(c["warc_record_id"] is None for c in failed), "no WARC record for a fetch without bytes"
    assert not [c for c in captures if c["url"] == crawl.urls["disallowed"]], "robots.txt forbade it: no fetch"
    assert not crawl.sent("private/secret.html")
    archived = [s for s in crawl.signals if s["signal"] == "article_archived"]
    metadata_ids = {r.id for r in crawl.records if r.type == "metadata"}
    assert {a["record"]["warc_record_id"] for a in archived} == metadata_ids


def test_exchange_records_are_deflated_beside_the_reactor_thread(crawl):
    """WARC_GZIP_THREAD (the default): every response/revisit and request record of an
    exchange was compressed on the gzip thread, and still lies where its capture says
    (test_items_point_to_their_response_record, test_capture_signals_...)."""
    exchange_records = [r for r in crawl.records if r.type in ("response", "revisit", "request")]
    assert re.search(rf"'warc/records_deflated_off_reactor': {len(exchange_records)}\b", crawl.stats)


def test_closed_warc_has_a_cdxj_index(crawl):
    for path in crawl.warc_dir.glob("*.warc.gz"):
        index = Path(str(path) + ".cdxj").read_text().splitlines()
        urls = {json.loads(line.split(" ", 2)[2])["url"] for line in index}
        assert crawl.urls["plain"] in urls
        assert not any(u.startswith("urn:") for u in urls), "metadata records are not replayable captures"


def free_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# pywb is a tool with its own environment (requirements-tools.txt, `make setup-tools`):
# its pins (redis 2.x, brotlipy) cannot live in .venv beside scrapy-redis and brotli.
PYWB_BIN_DIR = Path(__file__).resolve().parent.parent / ".venv-tools" / "pywb" / "bin"


def pywb_bin_dir() -> Path:
    missing = [name for name in ("wb-manager", "wayback") if not (PYWB_BIN_DIR / name).is_file()]
    if missing:
        raise FileNotFoundError(f"pywb executables {missing} not found in {PYWB_BIN_DIR}: run `make setup-tools`")
    return PYWB_BIN_DIR


def test_pywb_replays_archived_articles_byte_for_byte(crawl, tmp_path):
    bin_dir = pywb_bin_dir()
    subprocess.run([str(bin_dir / "wb-manager"), "init", "talks"], cwd=tmp_path, check=True, capture_output=True)
    subprocess.run([str(bin_dir / "wb-manager"), "add", "talks", *map(str, crawl.warc_dir.glob("*.warc.gz"))],
                   cwd=tmp_path, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([str(bin_dir / "wayback"), "-b", "127.0.0.1", "-p", str(port)], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def fetch(url: str) -> bytes:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/talks/2030id_/{url}",
                                             headers={"Accept-Encoding": "gzip"})
            deadline = time.time() + 30
            while True:
                try:
                    with urllib.request.urlopen(request, timeout=10) as reply:
                        assert reply.status == 200
                        return reply.read()
                except (ConnectionError, urllib.error.URLError):
                    if time.time() > deadline:
                        raise
                    time.sleep(0.2)

        assert fetch(crawl.urls["gzip"]) == crawl.sent("gzip-chunked.html?id=7&lang=en")[0]
        assert fetch(crawl.urls["arabic"]) == crawl.sent("arabic.html")[0]
        assert fetch(crawl.site.url("moved.html")) == crawl.sent("moved.html")[0]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_no_archive_errors_were_counted(crawl):
    assert "warc/errors" not in crawl.stats
    assert "'warc/records/metadata': " in crawl.stats


def test_warc_pack_builds_a_valid_wacz_listing_the_articles(crawl, tmp_path):
    import zipfile

    wacz = tmp_path / "crawl.wacz"
    proc = run_scrapy(["warc_pack", "-o", str(wacz), str(crawl.warc_dir)])
    assert "Validation succeeded" in proc.stdout
    with zipfile.ZipFile(wacz) as archive:
        names = archive.namelist()
        pages = [json.loads(line) for line in archive.read("pages/pages.jsonl").decode().splitlines()[1:]]
    assert "datapackage.json" in names and any(n.startswith("indexes/") for n in names)
    assert {f"archive/{p.name}" for p in crawl.warc_dir.glob("*.warc.gz")} <= set(names)
    assert {p["url"] for p in pages} == {i["url"] for i in crawl.items}


def test_every_parquet_capture_row_points_to_a_record_whose_digest_matches(crawl):
    import pyarrow.dataset as ds

    rows = ds.dataset(crawl.out / "parquet" / "captures", format="parquet", partitioning="hive").to_table().to_pylist()
    archived = [r for r in rows if r["status"] is not None]
    assert len(archived) == len([r for r in crawl.records if r.type == "response"])
    for row in archived:
        with open(crawl.warc_dir / row["warc_filename"], "rb") as stream:
            stream.seek(row["warc_offset"])
            member = stream.read(row["warc_length"])
        (record,) = read_warc_bytes(member, tmp=crawl.out / "row.warc.gz")
        assert record.id == row["warc_record_id"] and record.headers["WARC-Target-URI"] == row["url"]
        assert sha1_b32(record.payload) == row["payload_digest"] == record.headers["WARC-Payload-Digest"]
    assert any(r["status"] is None and r["error"] for r in rows), "failed fetches are rows too"
