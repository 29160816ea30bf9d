"""Turn items, claims, capture signals and crawl stats into rows that fit the schemas.

Values are coerced to the column types here (ISO strings to UTC datetimes,
dicts to JSON text, numbers from strings), so that a writer never fails on a
batch because one part of the crawler filled a field loosely. A value that
cannot be coerced becomes null and is reported through ``problems``: the
pipeline counts it in the stats instead of losing the row.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from typing import Any, Iterable

import pyarrow as pa
from dateutil import parser as dateutil_parser

from crawler import ids

from .schemas import ARTICLES, CAPTURES, CLAIMS


class RowProblems:
    """Collects (column, reason) pairs for values that had to be dropped."""

    def __init__(self):
        self.items: list[tuple[str, str]] = []

    def add(self, column: str, reason: str) -> None:
        self.items.append((column, reason))


def to_utc(value: Any, column: str = "", problems: RowProblems | None = None) -> datetime | None:
    """ISO 8601 string / datetime / date -> aware UTC datetime; naive values are taken as UTC."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, datetime):
            dt = value
        elif isinstance(value, date):
            dt = datetime(value.year, value.month, value.day)
        elif isinstance(value, (int, float)):
            return datetime.fromtimestamp(value, tz=timezone.utc)
        else:
            dt = dateutil_parser.isoparse(str(value).strip())
    except (ValueError, OverflowError, TypeError):
        if problems is not None:
            problems.add(column, "bad_timestamp")
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def month_of(dt: datetime | None) -> str | None:
    return dt.strftime("%Y-%m") if dt else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _strings(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    # Plain strings (nearly every value: paragraphs, names) are kept as they are, not re-made by str().
    return [v if type(v) is str else str(v) for v in value if v is not None]


def _int(value: Any, column: str, problems: RowProblems) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        problems.add(column, "bad_integer")
        return None


def _float(value: Any, column: str, problems: RowProblems) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        problems.add(column, "bad_float")
        return None


def _bool(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _date(value: Any, column: str, problems: RowProblems) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            problems.add(column, "bad_date")
            return None
    return value or None


def _converter(t: pa.DataType):
    """The function that coerces a raw value to column type ``t``: (value, column, problems) -> value."""
    if pa.types.is_timestamp(t):
        return to_utc
    if pa.types.is_date32(t):
        return _date
    if pa.types.is_integer(t):
        return _int
    if pa.types.is_floating(t):
        return _float
    if pa.types.is_boolean(t):
        return lambda v, c, p: _bool(v)
    if pa.types.is_list(t) and pa.types.is_struct(t.value_type):
        return lambda v, c, p: _time_expressions(v)
    if pa.types.is_list(t):
        return lambda v, c, p: _strings(v)
    return lambda v, c, p: _text(v)  # strings, dictionary strings


_PLANS: dict[int, list] = {}


def coerce(schema: pa.Schema, raw: dict, problems: RowProblems) -> dict:
    """Coerce ``raw`` to the column types of ``schema``; unknown keys are ignored."""
    plan = _PLANS.get(id(schema))
    if plan is None:  # schemas are module constants: build each plan once
        plan = _PLANS[id(schema)] = [(f.name, _converter(f.type)) for f in schema]
    return {name: convert(raw.get(name), name, problems) for name, convert in plan}


def _time_expressions(value: Any) -> list[dict] | None:
    if not value:
        return None
    out = []
    for entry in value:
        if isinstance(entry, dict):
            out.append({"text": _text(entry.get("text")), "resolved": _text(entry.get("resolved"))})
        else:
            out.append({"text": _text(entry), "resolved": None})
    return out


def fallback_content_hash(body: str | None) -> str:
    """Content hash used only when the dedup stage did not set one: sha1 of whitespace-collapsed text."""
    return hashlib.sha1(" ".join((body or "").split()).encode("utf-8")).hexdigest()


def body_text(paragraphs: Iterable[str] | None, body: str | None) -> str | None:
    """The text stored once: paragraphs joined by newlines, none of them holding one, so a split gives them back."""
    if not paragraphs:
        return body
    return "\n".join(" ".join(p.split("\n")) for p in paragraphs if p is not None)


def article_row(item: dict, crawl_id: str, problems: RowProblems) -> dict:
    """An article item (with or without the relevance/dedup/WARC fields) as an ``articles`` row.

    Ids come from crawler.ids; when the dedup stage has not set them they are
    derived here from the canonical URL and the text, so the row is joinable anyway.
    """
    raw = dict(item)
    canonical = raw.get("canonical_url") or raw.get("url")
    raw["canonical_url"] = canonical
    raw["body"] = body_text(raw.get("paragraphs"), raw.get("body"))
    raw["provenance_json"] = raw.get("provenance") or None
    if not raw.get("content_hash"):
        raw["content_hash"] = fallback_content_hash(raw["body"])
    if not raw.get("article_id"):
        raw["article_id"] = ids.article_id(canonical)
    if not raw.get("version_id"):
        raw["version_id"] = ids.version_id(raw["article_id"], raw["content_hash"])
    if "claims" in raw and raw["claims"] is not None:
        raw["claim_count"] = len(raw["claims"])
    raw["capture_source"] = raw.get("capture_source") or "live"
    raw["captured_at"] = raw.get("captured_at") or raw.get("fetched_at")
    raw["crawl_id"] = crawl_id
    row = coerce(ARTICLES, raw, problems)
    published = row["published"]
    row["published_date"] = published.date() if published else None
    row["published_month"] = month_of(published)
    # The partition is never null: an undated page files under the month it was fetched.
    row["month"] = row["published_month"] or month_of(row["fetched_at"] or datetime.now(timezone.utc))
    row["outlet"] = row["outlet"] or "generic"
    return row


def claim_rows(article: dict, claims: Iterable[dict], crawl_id: str, problems: RowProblems) -> list[dict]:
    """The claims of one article version, each carrying the article's ids, outlet and date."""
    rows = []
    for claim in claims or ():
        raw = dict(claim)
        for key in ("article_id", "version_id", "outlet", "language", "published", "url"):
            raw[key] = article[key]
        if not raw.get("claim_id"):
            raw["claim_id"] = ids.claim_id(article["version_id"], raw.get("paragraph"),
                                           raw.get("char_start"), raw.get("char_end"))
        raw["crawl_id"] = crawl_id
        row = coerce(CLAIMS, raw, problems)
        row["published_month"] = article["published_month"]
        row["month"] = article["month"]
        rows.append(row)
    return rows


def capture_row(capture: dict, crawl_id: str, problems: RowProblems) -> dict:
    """A ``capture_written`` payload as a ``captures`` row.

    A failed fetch may come without a WARC record: it still gets a stable key
    derived from URL, time and error, so it is written once.
    """
    raw = dict(capture)
    raw["fetched_at"] = raw.get("fetched_at") or datetime.now(timezone.utc)
    if not raw.get("warc_record_id"):
        raw["warc_record_id"] = "failed:" + hashlib.sha1(
            f"{raw.get('url')}\x1f{raw['fetched_at']}\x1f{raw.get('error')}".encode("utf-8")).hexdigest()[:16]
    raw["capture_source"] = raw.get("capture_source") or "live"
    raw["captured_at"] = raw.get("captured_at") or raw["fetched_at"]
    raw["crawl_id"] = crawl_id
    row = coerce(CAPTURES, raw, problems)
    row["fetched_at"] = row["fetched_at"] or datetime.now(timezone.utc)  # a bad value was counted in problems
    row["fetch_date"] = row["fetched_at"].date()
    row["month"] = month_of(row["fetched_at"])
    return row
