"""How a capture fetched from a web archive is kept in the project's WARC files.

Wayback (and any Wayback-compatible archive, pywb included): the exchange with
the archive is archived as it happened, a ``response`` record whose target is
the ``id_`` URL that was fetched. Beside it goes a ``revisit`` record (profile
identical-payload-digest) whose target is the *original* URL and whose date is
the *original capture time*, pointing at that response with
WARC-Refers-To / -Target-URI / -Date. Replay tools (the project's
REPLAY_WARC_FILES, pywb) resolve a revisit to the payload of the record it refers
to, so the original URL at its capture date replays the bytes the archive served.

Common Crawl: the record read with a Range request is copied unchanged (its gzip
member, byte for byte: same WARC-Record-ID, WARC-Date, Target-URI, digests and
block), followed by a ``metadata`` record naming the crawl, file, offset and length.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import datetime, timezone
from io import BytesIO

from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import datetime_to_iso_date

from .cdx import wayback_datetime

# <replay prefix><14 digits><modifier>_/<original URL>
ARCHIVE_URL = re.compile(r"/(\d{4,14})(?:[a-z]{2}_)?/(https?:/?/?.+)$")
PROVENANCE_META = "capture_provenance"


def split_archive_url(url: str) -> tuple[datetime, str] | None:
    """(capture time, original URL) of a Wayback replay URL, or None."""
    match = ARCHIVE_URL.search(url)
    if not match:
        return None
    original = match.group(2)
    original = re.sub(r"^(https?):/(?!/)", r"\1://", original)  # some servers fold "//"
    return wayback_datetime(match.group(1)), original


def iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def capture_provenance(request, response_url: str, fetched_at: datetime) -> dict:
    """The three provenance columns of a captures row."""
    source = (request.meta.get(PROVENANCE_META) or {}).get("capture_source")
    if source == "wayback":
        split = split_archive_url(response_url)
        return {"capture_source": source, "captured_at": iso(split[0]) if split else iso(fetched_at),
                "archive_url": response_url}
    if source in ("commoncrawl", "sitemap"):
        return {"capture_source": source, "captured_at": iso(fetched_at),
                "archive_url": response_url if source == "commoncrawl" else None}
    return {"capture_source": "live", "captured_at": iso(fetched_at), "archive_url": None}


def original_url_revisit(factory, original_url: str, captured_at: datetime, capture: dict):
    """The revisit record that files the archive's response under the original URL and time."""
    headers = {"WARC-Date": datetime_to_iso_date(captured_at.astimezone(timezone.utc).replace(tzinfo=None)),
               "WARC-Refers-To": capture["warc_record_id"]}
    return factory.create_revisit_record(
        original_url, capture["payload_digest"], capture["url"], capture["warc_date"],
        http_headers=None, warc_headers_dict=headers)


def read_commoncrawl_member(member: bytes):
    """The WARC record in one gzip member read from Common Crawl (raises ValueError if it is not one)."""
    if not member.startswith(b"\x1f\x8b"):
        raise ValueError("not a gzip member")
    try:
        gzip.decompress(member)
    except (OSError, EOFError) as exc:
        raise ValueError(f"incomplete gzip member: {exc}") from exc
    record = next(iter(ArchiveIterator(BytesIO(member))), None)
    if record is None or record.rec_type != "response":
        raise ValueError("no WARC response record in the range read")
    return record


def commoncrawl_metadata(factory, cc_record_headers, crawl: str, filename: str, offset: int, length: int,
                         data_url: str):
    document = {"crawl": crawl, "filename": filename, "offset": offset, "length": length, "source": data_url}
    payload = json.dumps(document, sort_keys=True).encode("utf-8")
    headers = {"WARC-Date": factory.now(), "WARC-Refers-To": cc_record_headers.get_header("WARC-Record-ID"),
               "WARC-Refers-To-Target-URI": cc_record_headers.get_header("WARC-Target-URI"),
               "WARC-Refers-To-Date": cc_record_headers.get_header("WARC-Date")}
    return factory.create_warc_record(data_url, "metadata", payload=BytesIO(payload), length=len(payload),
                                      warc_content_type="application/json", warc_headers_dict=headers)
