"""Strict WARC checks: what `warcio check` and friends do not prove.

The standard validators only recompute digests; a record whose body was decoded
but still says ``Content-Encoding: gzip``, or whose HTTP Content-Length is wrong,
passes them and then replays wrongly. ``check_warcs`` also checks, per file and
record:

- the file starts with a ``warcinfo`` record and every record reads back;
- block and payload digests, recomputed;
- response records: status line with a reason phrase, the payload decodes with
  its declared Content-Encoding, HTTP Content-Length equals the stored payload,
  no Transfer-Encoding: chunked over a body that is not chunked;
- request records point (WARC-Concurrent-To) to a response/revisit record;
- revisit records carry the identical-payload-digest profile and what they refer to;
- metadata records hold JSON and refer to an existing record.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
from io import BytesIO
from dataclasses import dataclass
from pathlib import Path

import brotli
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeadersParser

from crawler.progress import CommandProgress

_HTTP_PARSER = StatusAndHeadersParser([], verify=False)
_CHUNK_LINE = re.compile(rb"^[0-9A-Fa-f]+(;[^\r\n]*)?\r\n")


@dataclass(frozen=True)
class Problem:
    file: str
    offset: int | None
    record_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}@{self.offset}" if self.offset is not None else self.file
        return f"{where} {self.record_id or ''}: {self.message}"


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _digest_of(data: bytes, declared: str) -> str:
    algorithm = declared.split(":", 1)[0].lower()
    if algorithm == "sha1":
        return sha1_b32(data)
    digest = hashlib.new(algorithm, data).digest()
    value = declared.split(":", 1)[1]
    # Base32 (the WARC convention) or hex (some crawlers): compare in the declared form.
    encoded = base64.b32encode(digest).decode() if len(value) != len(digest) * 2 else digest.hex()
    return f"{declared.split(':', 1)[0]}:{encoded}"


def decode_content(payload: bytes, encoding: str) -> bytes:
    """Undo a Content-Encoding (possibly a comma list, applied in order)."""
    for coding in reversed([c.strip().lower() for c in encoding.split(",") if c.strip()]):
        if coding in ("gzip", "x-gzip"):
            payload = zlib.decompress(payload, zlib.MAX_WBITS | 16)
        elif coding == "deflate":
            try:
                payload = zlib.decompress(payload)
            except zlib.error:  # raw deflate, as some servers send it
                payload = zlib.decompress(payload, -zlib.MAX_WBITS)
        elif coding == "br":
            payload = brotli.decompress(payload)
        elif coding != "identity":
            raise ValueError(f"unsupported Content-Encoding {coding!r}")
    return payload


def _looks_chunked(payload: bytes) -> bool:
    return bool(_CHUNK_LINE.match(payload)) and payload.endswith(b"\r\n")


def check_http_payload(http_headers, payload: bytes) -> list[str]:
    problems = []
    statusline = http_headers.statusline or ""
    if len(statusline.split(" ", 1)) < 2:
        problems.append(f"status line without reason phrase: {statusline!r}")
    lengths = http_headers.get_all("Content-Length") if hasattr(http_headers, "get_all") else \
        [v for k, v in http_headers.headers if k.lower() == "content-length"]
    for value in lengths:
        if value.strip() != str(len(payload)):
            problems.append(f"HTTP Content-Length {value.strip()} != stored payload {len(payload)}")
    te = http_headers.get_header("Transfer-Encoding")
    if te and "chunked" in te.lower() and not _looks_chunked(payload):
        problems.append("Transfer-Encoding: chunked over a body that is not chunked")
    ce = http_headers.get_header("Content-Encoding")
    if ce and payload:
        try:
            decode_content(payload, ce)
        except Exception as exc:
            problems.append(f"payload does not decode with Content-Encoding {ce!r}: {exc}")
    return problems


def check_warcs(paths: list[Path], progress: CommandProgress | None = None) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, str] = {}  # record id -> type, over all files (metadata may follow a rotation)
    refs: list[tuple] = []  # (file, offset, id, wanted id, rule, file the target should be in)
    for path in progress.track(paths, "checking WARCs") if progress else paths:
        name = Path(path).name
        first = True
        with open(path, "rb") as stream:
            # no_record_parse: read each block as stored (no de-chunking, no decoding).
            iterator = ArchiveIterator(stream, no_record_parse=True)
            try:
                for record in iterator:
                    block = record.raw_stream.read()
                    offset = iterator.get_record_offset()  # (consumes the record: read it first)
                    problems += _check_record(name, offset, record, block, first, ids, refs)
                    first = False
            except Exception as exc:
                problems.append(Problem(name, None, None, f"unreadable after last good record: {exc}"))
        if first:
            problems.append(Problem(name, 0, None, "no records"))
    checked = {Path(p).name.removesuffix(".open") for p in paths}
    for file, offset, rid, wanted, rule, target_file in refs:
        if target_file and target_file not in checked:
            continue
        if wanted not in ids:
            problems.append(Problem(file, offset, rid, f"{rule} {wanted} not found"))
        elif rule == "WARC-Concurrent-To" and ids[wanted] not in ("response", "revisit"):
            problems.append(Problem(file, offset, rid, f"request is concurrent to a {ids[wanted]} record"))
    return problems


def _check_record(name, offset, record, block, first, ids, refs) -> list[Problem]:
    headers = record.rec_headers
    rid = headers.get_header("WARC-Record-ID")
    out: list[Problem] = []

    def bad(message):
        out.append(Problem(name, offset, rid, message))

    if first and record.rec_type != "warcinfo":
        bad(f"file starts with a {record.rec_type} record, not warcinfo")
    ids[rid] = record.rec_type
    http_headers, http_block, payload = None, b"", block
    if "application/http" in (headers.get_header("Content-Type") or ""):
        end = block.find(b"\r\n\r\n")
        if end < 0:
            bad("HTTP block without the blank line ending its headers")
        else:
            http_block, payload = block[:end + 4], block[end + 4:]
            http_headers = _HTTP_PARSER.parse(BytesIO(http_block))
    block_digest = headers.get_header("WARC-Block-Digest")
    if block_digest and _digest_of(http_block + payload, block_digest) != block_digest:
        bad("WARC-Block-Digest does not match")
    payload_digest = headers.get_header("WARC-Payload-Digest")
    if record.rec_type in ("response", "request", "resource", "metadata"):
        if payload_digest and _digest_of(payload, payload_digest) != payload_digest:
            bad("WARC-Payload-Digest does not match")
    if record.rec_type == "response":
        if not payload_digest:
            bad("response without WARC-Payload-Digest")
        if http_headers is None:
            bad("response without HTTP headers")
        else:
            for message in check_http_payload(http_headers, payload):
                bad(message)
    elif record.rec_type == "request":
        concurrent = headers.get_header("WARC-Concurrent-To")
        if not concurrent:
            bad("request without WARC-Concurrent-To")
        else:
            refs.append((name, offset, rid, concurrent, "WARC-Concurrent-To", None))
    elif record.rec_type == "revisit":
        for needed in ("WARC-Profile", "WARC-Refers-To-Target-URI", "WARC-Refers-To-Date", "WARC-Payload-Digest"):
            if not headers.get_header(needed):
                bad(f"revisit without {needed}")
        if "identical-payload-digest" not in (headers.get_header("WARC-Profile") or ""):
            bad("revisit profile is not identical-payload-digest")
    elif record.rec_type == "metadata" and headers.get_header("Content-Type") == "application/json":
        try:
            document = json.loads(payload)
        except ValueError as exc:
            bad(f"metadata record is not JSON: {exc}")
            document = {}
        refers = headers.get_header("WARC-Refers-To")
        if refers:
            # An article re-extracted offline refers to a record in an older archive:
            # resolvable only if that file is among the files checked.
            target_file = document.get("warc_filename") if isinstance(document, dict) else None
            refs.append((name, offset, rid, refers, "WARC-Refers-To", target_file))
    return out


def warc_files(paths: list[Path], include_open: bool = True) -> list[Path]:
    """Files and folders -> WARC files, sorted (folders: ``*.warc.gz`` and, optionally, ``.open`` ones)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            patterns = ["*.warc.gz", "*.warc"] + (["*.warc.gz.open"] if include_open else [])
            for pattern in patterns:
                found += sorted(path.glob(pattern))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such WARC file or folder: {path}")
    return found
