"""The WARC file writer: per-record gzip, size rotation, `.open` while being written.

File names follow Heritrix / WARC 1.1 Annex C:
``{prefix}-{17-digit UTC timestamp}-{serial:05d}-{pid}-{host}.warc.gz`` (only
letters, digits, ``.`` and ``-``: Heritrix's ``~`` makes WACZ packages invalid). A file
is created fresh (never appended to: a file left by a killed crawl may end in a
torn record), carries the ``.open`` suffix until closed, and starts with a
``warcinfo`` record. Each record is serialized in memory and written with one
unbuffered write, so a crash leaves at most the last record torn and every earlier
record readable; a write that fails (disk full) is cut off again.

Each record is its own gzip member, compressed here at ``gzip_level`` (setting
WARC_GZIP_LEVEL) rather than by warcio, which always uses level 9: most of a WARC
is response bodies that arrived gzip-compressed already, where level 9 costs a
fifth more time than 6 for 0.1% smaller files (bench mirror, 57 MB of records).
"""

from __future__ import annotations

import logging
import os
import re
import socket
import zlib
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import Callable

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from crawler.safe_names import file_slug

from .records import WARC_VERSION, RecordFactory

logger = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"


@dataclass(frozen=True)
class RecordLocation:
    """Where a written record lies: enough to seek to it and check it."""

    warc_filename: str  # base name of the closed file (without .open)
    warc_offset: int
    warc_length: int  # compressed length of the record's gzip member
    warc_record_id: str
    warc_date: str
    record_type: str
    payload_digest: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def warc_file_name(prefix: str, serial: int, when: datetime | None = None, host: str | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    stamp = when.strftime("%Y%m%d%H%M%S") + f"{when.microsecond // 1000:03d}"
    host = file_slug(host or socket.gethostname(), fallback="localhost", limit=64)
    return f"{file_slug(prefix, fallback='WARC', limit=64)}-{stamp}-{serial:05d}-{os.getpid()}-{host}.warc.gz"


_LEFT_OPEN = re.compile(r"-\d{17}-\d{5}-(?P<pid>\d+)-(?P<host>[A-Za-z0-9.-]+)\.warc\.gz" + re.escape(OPEN_SUFFIX) + "$")


def read_whole_records(path: Path) -> tuple[int, int, str | None]:
    """Read every record of ``path``: (records that read back whole from the start, offset
    where the last of them ends, the error that stopped the reading or None).

    warcio stops quietly at a gzip member cut short, so a caller compares the end offset
    with the file size: bytes left over are a torn or damaged record.
    """
    count, end = 0, 0
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream)
        try:
            for record in iterator:
                record.content_stream().read()
                iterator.read_to_end(record)
                offset, length = iterator.member_info  # this record's gzip member
                count, end = count + 1, offset + length
        except Exception as exc:  # noqa: BLE001 - the torn record a killed writer left
            return count, end, repr(exc)[:150]
    return count, end, None


def writer_is_gone(path: Path) -> bool:
    """True when the file was left open by a process of this host that no longer runs.

    Files of other hosts or of live processes are never touched: in a distributed
    crawl several writers share the folder.
    """
    match = _LEFT_OPEN.search(path.name)
    if not match or match["host"] != file_slug(socket.gethostname(), fallback="localhost", limit=64):
        return False
    try:
        os.kill(int(match["pid"]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def close_left_open(path: Path) -> Path | None:
    """Close a file a killed crawl left open: cut it after its last whole record and drop
    the ``.open`` suffix; remove it when not even its warcinfo record is whole."""
    count, end, _error = read_whole_records(path)
    if not count:
        path.unlink()
        return None
    with open(path, "r+b") as stream:
        stream.truncate(end)
    final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
    os.replace(path, final)
    return final


class RotatingWarcWriter:
    def __init__(self, directory: Path, *, prefix: str, max_size: int, warcinfo: dict,
                 factory: RecordFactory | None = None, fsync: bool = False, gzip_level: int = 6,
                 on_close: Callable[[Path], None] | None = None):
        self.directory = Path(directory)
        self.prefix = prefix
        self.max_size = max_size
        self.warcinfo = warcinfo
        self.factory = factory or RecordFactory()
        self.fsync = fsync
        self.on_close = on_close
        self.serial = 0
        self.closed_files: list[Path] = []
        self._file = None
        self._name: str | None = None
        self._path: Path | None = None
        self.gzip_level = gzip_level
        self._serializer = WARCWriter(None, gzip=False, warc_version=WARC_VERSION)

    @property
    def current_name(self) -> str | None:
        return self._name

    def write(self, *records) -> list[RecordLocation]:
        """Write records together in the current file (a request/response pair
        never straddles two files); rotate afterwards if the file is full."""
        return self.write_compressed([(self.compress(self.serialize(record)), record) for record in records])

    def serialize(self, record) -> bytes:
        """The record as WARC bytes, uncompressed (reactor thread: warcio is Python code)."""
        buffer = BytesIO()
        self._serializer.out = buffer
        self._serializer.write_record(record)
        return buffer.getvalue()

    def compress(self, data: bytes) -> bytes:
        """One gzip member. Thread-safe: zlib releases the GIL while it deflates, so the
        archive extension runs this on its own thread (WARC_GZIP_THREAD)."""
        gzipper = zlib.compressobj(self.gzip_level, zlib.DEFLATED, zlib.MAX_WBITS | 16)  # 16: gzip framing
        return gzipper.compress(data) + gzipper.flush()

    def write_compressed(self, members: list[tuple[bytes, object]]) -> list[RecordLocation]:
        """Write already compressed records (``(gzip member, record)``) together, as ``write``.

        Only ever called on one thread: a record's offset is the file's position at the
        moment it is written, so offsets stay right whatever order compression ends in.
        """
        if self._file is None:
            self._open()
        locations = [self._write_data(data, record.rec_type, record.rec_headers) for data, record in members]
        if self._file.tell() >= self.max_size:
            self.close()
        return locations

    def close(self) -> Path | None:
        if self._file is None:
            return None
        self._file.close()
        final = self._path.with_name(self._name)
        os.replace(self._path, final)
        self._file = self._path = self._name = None
        self.closed_files.append(final)
        logger.info("Closed WARC %s", final)
        if self.on_close:
            self.on_close(final)
        return final

    # -- internals ---------------------------------------------------------------------
    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        while True:
            name = warc_file_name(self.prefix, self.serial)
            self.serial += 1
            path = self.directory / (name + OPEN_SUFFIX)
            try:
                self._file = open(path, "xb", buffering=0)  # "x": never append to or clobber a file
                break
            except FileExistsError:
                continue
        self._name, self._path = name, path
        self._append(self.factory.warcinfo_record(name, self.warcinfo))

    def _append(self, record) -> RecordLocation:
        return self._write_data(self.compress(self.serialize(record)), record.rec_type, record.rec_headers)

    def _write_data(self, data: bytes, record_type: str, headers) -> RecordLocation:
        offset = self._file.tell()
        try:
            view = memoryview(data)
            while view:  # unbuffered: a short write is finished here, nothing waits in a buffer
                view = view[self._file.write(view):]
        except OSError:
            # A full disk: cut the part written, so the file still ends at a whole record
            # (and a later write, once space is back, does not land after a torn one).
            self._file.truncate(offset)
            self._file.seek(offset)
            raise
        if self.fsync:
            os.fsync(self._file.fileno())
        return RecordLocation(
            warc_filename=self._name, warc_offset=offset, warc_length=len(data),
            warc_record_id=headers.get_header("WARC-Record-ID"), warc_date=headers.get_header("WARC-Date"),
            record_type=record_type, payload_digest=headers.get_header("WARC-Payload-Digest"))

    def write_member(self, member: bytes, record_type: str, rec_headers) -> RecordLocation:
        """Copy a record that is already one gzip member (read from another archive) unchanged."""
        if self._file is None:
            self._open()
        return self._write_data(member, record_type, rec_headers)
