"""Where each URL lives in a set of WARC files, and reading one capture back.

The index holds only locations (file, offset, date, digest), never payloads, so
an archive of any size costs a few hundred bytes per URL; a record is read from
disk when its URL is asked for.
"""

from __future__ import annotations

import json
import logging
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from crawler.dedup.urls import url_key as identity
from crawler.progress import CommandProgress

logger = logging.getLogger(__name__)

# Record types that answer a GET: an HTTP exchange, a deduplicated exchange, or
# a bare document (resource records written by tools like wget for files).
SERVED_TYPES = ("response", "revisit", "resource")


def url_key(url: str) -> str:
    """Lookup key: the crawler's one URL identity (SURT, as in the CDXJ keys), of a Target-URI maybe in <>."""
    return identity(url.strip().strip("<>"))


def parse_warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc)
    except ValueError:
        return None


def parse_cdx_timestamp(value: str) -> datetime | None:
    try:
        return datetime.strptime(value[:14], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _digest(value: str | None) -> str | None:
    """CDXJ digests may drop the algorithm prefix that WARC-Payload-Digest carries."""
    if value and ":" not in value:
        return f"sha1:{value}"
    return value


@dataclass(frozen=True, slots=True)  # one per archived URL: keep it small
class Location:
    path: Path
    offset: int
    length: int
    record_type: str
    record_id: str | None
    date: datetime | None
    payload_digest: str | None
    refers_to_uri: str | None
    order: int  # position in the whole archive set, breaks date ties


@dataclass
class ArchivedResponse:
    """One capture, as the live HTTP handler would have received it."""

    url: str
    status: int
    headers: list[tuple[str, str]]  # in archived order, duplicates kept
    body: bytes  # transfer chunking removed, Content-Encoding kept
    warc_filename: str
    warc_offset: int
    warc_length: int
    warc_record_id: str | None
    warc_date: datetime | None
    from_revisit: bool = False
    ip_address: str | None = None
    protocol: str | None = None
    notes: list[str] = field(default_factory=list)


class RevisitOriginalMissing(LookupError):
    """A revisit record whose original response is not in the archive set."""


class WarcIndex:
    """URL -> capture location over several WARC files (gzip per record, or plain)."""

    def __init__(self, paths: list[Path], prefer: str = "latest", use_cdxj: bool = True,
                 progress: CommandProgress | None = None):
        if prefer not in ("latest", "earliest"):
            raise ValueError(f"REPLAY_CAPTURE must be 'latest' or 'earliest', not {prefer!r}")
        self.paths = [Path(p) for p in paths]
        self.prefer = prefer
        self.by_url: dict[str, Location] = {}
        self.by_digest: dict[str, Location] = {}  # response records, for revisits
        self.records = 0
        self.damaged: list[tuple[Path, str]] = []  # (file, error) for files read only in part
        self.from_cdxj: list[Path] = []  # files indexed from their CDXJ instead of a scan
        for path in progress.track(self.paths, "indexing WARCs for replay") if progress else self.paths:
            if not (use_cdxj and self._index_cdxj(path)):
                self._index_file(path)

    def __len__(self) -> int:
        return len(self.by_url)

    def __contains__(self, url: str) -> bool:
        return url_key(url) in self.by_url

    def _index_cdxj(self, path: Path) -> bool:
        """Index ``path`` from the ``<file>.cdxj`` beside it (as crawler.archive writes
        them), instead of decompressing the whole WARC. False, and nothing
        added, when there is none, it is older than the WARC, or it cannot be read."""
        cdxj = Path(str(path) + ".cdxj")
        try:
            if not cdxj.is_file() or cdxj.stat().st_mtime < path.stat().st_mtime:
                return False
            entries = []
            with open(cdxj, encoding="utf-8") as lines:
                for line in lines:
                    if not line.strip():
                        continue
                    _, timestamp, fields = line.split(" ", 2)
                    entry = json.loads(fields)
                    if entry.get("filename") not in (None, path.name):
                        raise ValueError(f"indexes {entry['filename']}, not {path.name}")
                    if entry.get("method", "GET") != "GET" or entry.get("mime") == "warc/request":
                        continue  # POST/request entries (cdxj-indexer --post-append) answer no GET
                    entries.append((entry["url"], Location(
                        path=path,
                        offset=int(entry["offset"]),
                        length=int(entry["length"]),
                        record_type="revisit" if entry.get("mime") == "warc/revisit" else "response",
                        record_id=entry.get("warc-record-id"),
                        date=parse_warc_date(entry.get("warc-date")) or parse_cdx_timestamp(timestamp),
                        payload_digest=_digest(entry.get("digest")),
                        refers_to_uri=None,
                        order=self.records + len(entries) + 1,
                    )))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            logger.warning("Ignoring %s (%s: %s); scanning the WARC instead", cdxj, type(exc).__name__, exc)
            return False
        for uri, location in entries:
            self._add(url_key(uri), location)
        self.records += len(entries)
        self.from_cdxj.append(path)
        return True

    def _index_file(self, path: Path) -> None:
        with open(path, "rb") as fh:
            iterator = ArchiveIterator(fh)
            try:
                for record in iterator:
                    self.records += 1
                    if record.rec_type not in SERVED_TYPES:
                        continue
                    headers = record.rec_headers
                    uri = headers.get_header("WARC-Target-URI")
                    if not uri:
                        continue
                    location = Location(
                        path=path,
                        offset=iterator.get_record_offset(),
                        length=iterator.get_record_length(),
                        record_type=record.rec_type,
                        record_id=headers.get_header("WARC-Record-ID"),
                        date=parse_warc_date(headers.get_header("WARC-Date")),
                        payload_digest=headers.get_header("WARC-Payload-Digest"),
                        refers_to_uri=headers.get_header("WARC-Refers-To-Target-URI"),
                        order=self.records,
                    )
                    self._add(url_key(uri), location)
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, zlib.error) as exc:
                # Keep what was indexed before the damage; the rest of the file is
                # unreadable. (warcio raises AttributeError on a truncated header block.)
                self.damaged.append((path, f"{type(exc).__name__}: {exc}"))
                logger.error("WARC %s is damaged after record %d (%s: %s); the records before it are served",
                             path, self.records, type(exc).__name__, exc)

    def _add(self, key: str, location: Location) -> None:
        if location.record_type == "response" and location.payload_digest:
            self.by_digest.setdefault(location.payload_digest, location)
        current = self.by_url.get(key)
        if current is None or self._better(location, current):
            self.by_url[key] = location

    def _better(self, new: Location, old: Location) -> bool:
        epoch = datetime.min.replace(tzinfo=timezone.utc)
        new_rank = (new.date or epoch, new.order)
        old_rank = (old.date or epoch, old.order)
        return new_rank > old_rank if self.prefer == "latest" else new_rank < old_rank

    def locate(self, url: str) -> Location | None:
        return self.by_url.get(url_key(url))

    def get(self, url: str) -> ArchivedResponse | None:
        """The capture for ``url``, or None when the archive does not have it."""
        location = self.locate(url)
        if location is None:
            return None
        return self.read(location, url)

    def read(self, location: Location, url: str) -> ArchivedResponse:
        record_fields = self._read_record(location)
        if location.record_type != "revisit":
            return self._build(url, location, *record_fields)
        status, headers, _, ip, protocol = record_fields
        original = self._revisit_original(location)
        if original is None:
            raise RevisitOriginalMissing(
                f"revisit of {url} refers to {location.payload_digest or location.refers_to_uri}, "
                "which is not in the archive")
        o_status, o_headers, o_body, _, o_protocol = self._read_record(original)
        # The revisit's own HTTP headers (when written) describe this capture; the
        # body comes from the original, so its encoding header must come along too.
        if status is None:
            status, headers = o_status, o_headers
        else:
            headers = _with_encoding_of(headers, o_headers)
        response = self._build(url, location, status, headers, o_body, ip, protocol or o_protocol)
        response.from_revisit = True
        return response

    def _revisit_original(self, location: Location) -> Location | None:
        if location.payload_digest and location.payload_digest in self.by_digest:
            return self.by_digest[location.payload_digest]
        if location.refers_to_uri:
            candidate = self.by_url.get(url_key(location.refers_to_uri))
            if candidate is not None and candidate.record_type != "revisit":
                return candidate
        return None

    @staticmethod
    def _read_record(location: Location):
        with open(location.path, "rb") as fh:
            fh.seek(location.offset)
            record = next(iter(ArchiveIterator(fh)))
            found_id = record.rec_headers.get_header("WARC-Record-ID")
            if location.record_id and found_id != location.record_id:
                # warcio skips over some damaged bytes and would hand us a later record:
                # never serve another capture in place of the one indexed.
                raise ValueError(f"{location.path.name}@{location.offset}: found record {found_id}, "
                                 f"indexed {location.record_id}")
            ip = record.rec_headers.get_header("WARC-IP-Address")
            if record.http_headers is None and record.rec_type == "revisit":
                return None, [], b"", ip, None  # headers and body come from the original
            if record.http_headers is None:  # resource record: a bare document
                ctype = record.rec_headers.get_header("Content-Type") or "application/octet-stream"
                return 200, [("Content-Type", ctype)], record.raw_stream.read(), ip, None
            http = record.http_headers
            status = int(http.get_statuscode() or 200)
            headers = list(http.headers)
            protocol = http.protocol or None
            chunked = (http.get_header("Transfer-Encoding") or "").lower() == "chunked"
            # Live Scrapy hands middlewares the de-chunked but still content-encoded
            # body; warcio's content_stream() would also decompress, so undo only chunking.
            stream = ChunkedDataReader(record.raw_stream, decomp_type=None) if chunked else record.raw_stream
            body = stream.read() if record.rec_type != "revisit" else b""
        if chunked:
            headers = [(k, v) for k, v in headers if k.lower() != "transfer-encoding"]
        return status, headers, body, ip, protocol

    @staticmethod
    def _build(url, location, status, headers, body, ip, protocol) -> ArchivedResponse:
        return ArchivedResponse(
            url=url, status=status, headers=headers, body=body,
            warc_filename=location.path.name, warc_offset=location.offset, warc_length=location.length,
            warc_record_id=location.record_id, warc_date=location.date,
            ip_address=ip, protocol=protocol,
        )


def _with_encoding_of(headers: list[tuple[str, str]], original: list[tuple[str, str]]) -> list[tuple[str, str]]:
    encoding = [(k, v) for k, v in original if k.lower() == "content-encoding"]
    kept = [(k, v) for k, v in headers if k.lower() not in ("content-encoding", "content-length")]
    length = [(k, v) for k, v in original if k.lower() == "content-length"]
    return kept + encoding + length
