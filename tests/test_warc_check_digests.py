"""`scrapy warc_check` checks WARC digests with warcio's public reader: a record whose payload
no longer matches its WARC-Payload-Digest is reported, an intact one is not."""

from __future__ import annotations

from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.commands.warc_check import digest_problems

BODY = "وفد مصري في القاهرة لبحث التهدئة".encode()


def write_warc(path, body: bytes) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://example.org/story", "response",
                                           payload=BytesIO(body), http_headers=http)
        writer.write_record(record)


def test_intact_records_pass_and_a_changed_payload_is_reported(tmp_path):
    good, bad = tmp_path / "good.warc", tmp_path / "bad.warc"
    write_warc(good, BODY)
    write_warc(bad, BODY)
    # the same number of bytes, two letters swapped: the recorded digests no longer match
    bad.write_bytes(bad.read_bytes().replace("القاهرة".encode(), "القهارة".encode()))
    assert digest_problems([good]) == []
    problems = digest_problems([good, bad])
    assert problems and all(p.startswith(f"{bad}: offset 0 ") and "digest" in p for p in problems)


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path):
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"GET /story HTTP/1.1\r\nHost: example.org\r\n\r\n")  # a request dump, not a WARC
    (problem,) = digest_problems([junk])
    assert problem.startswith(f"{junk}: warcio cannot read it")
