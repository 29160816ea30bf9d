"""Reading WARC files in tests the plain way: every record's headers and stored bytes.

Independent of crawler.archive on purpose: tests check the archive with
warcio's reader and their own digest arithmetic, not with the code under test.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


@dataclass
class StoredRecord:
    file: str
    offset: int
    length: int
    type: str
    headers: dict  # WARC headers (last value wins; WARC headers do not repeat)
    http_head: bytes  # status line + HTTP headers as stored ("" for non-HTTP records)
    payload: bytes  # the bytes after the HTTP headers (or the whole block)

    @property
    def id(self) -> str:
        return self.headers["WARC-Record-ID"]

    def http_header_values(self, name: str) -> list[str]:
        values = []
        for line in self.http_head.decode("latin-1").split("\r\n")[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                if key.strip().lower() == name.lower():
                    values.append(value.strip())
        return values

    @property
    def status(self) -> int | None:
        if not self.http_head.startswith(b"HTTP/"):
            return None
        return int(self.http_head.split(b" ", 2)[1])


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def read_warc(path: Path) -> list[StoredRecord]:
    records = []
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, no_record_parse=True)
        for record in iterator:
            block = record.raw_stream.read()
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            head, payload = b"", block
            if "application/http" in (record.rec_headers.get_header("Content-Type") or ""):
                end = block.index(b"\r\n\r\n") + 4
                head, payload = block[:end], block[end:]
            records.append(StoredRecord(Path(path).name, offset, length, record.rec_type,
                                        dict(record.rec_headers.headers), head, payload))
    return records


def read_all(warc_dir: Path) -> list[StoredRecord]:
    records = []
    for path in sorted(Path(warc_dir).glob("*.warc.gz")):
        records += read_warc(path)
    return records
