"""Reading web archives' CDX indexes: which captures of an outlet's articles exist.

Three answer formats are read, because archives differ:

- the Internet Archive's ``output=json``: an array of arrays whose first row
  names the fields; with ``showResumeKey=true`` an empty row and then
  ``[<resumeKey>]`` end a page that has more after it;
- JSON lines (pywb, Common Crawl's index server): one object per capture;
- plain text lines: the IA's default (``urlkey timestamp original mimetype
  statuscode digest length``, a blank line then the resume key) or pywb's CDXJ
  (``urlkey timestamp {json}``).

Queries are as narrow as the outlet's article URL pattern allows: its fixed
start, per month or per year when the pattern begins with the date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlencode

from crawler.outlets import Outlet

# Field names of the IA's plain-text default output, and the aliases pywb and CC use.
IA_TEXT_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
ALIASES = {"url": "original", "mime": "mimetype", "status": "statuscode"}
REGEX_SPECIALS = set("\\.[](){}*+?|^$")
# A pattern whose fixed start is followed by the publication date: /story/<yyyy>/<m>/...
YEAR_MONTH = re.compile(r"^\\d\{4\}/\\d\{(1,2|2)\}/")
YEAR = re.compile(r"^\\d\{4\}/")


@dataclass(frozen=True)
class Capture:
    """One CDX line: a capture of ``original`` at ``timestamp`` (14 digits, UTC)."""

    original: str
    timestamp: str
    statuscode: str | None = None
    mimetype: str | None = None
    digest: str | None = None
    length: int | None = None
    offset: int | None = None
    filename: str | None = None

    @property
    def captured_at(self) -> datetime:
        return wayback_datetime(self.timestamp)

    @classmethod
    def from_fields(cls, fields: dict) -> "Capture":
        named = {ALIASES.get(k, k): v for k, v in fields.items()}
        number = lambda key: int(named[key]) if str(named.get(key) or "").isdigit() else None  # noqa: E731
        return cls(original=named["original"], timestamp=str(named["timestamp"]),
                   statuscode=str(named["statuscode"]) if named.get("statuscode") not in (None, "-") else None,
                   mimetype=named.get("mimetype"), digest=named.get("digest"),
                   length=number("length"), offset=number("offset"), filename=named.get("filename"))


def wayback_datetime(timestamp: str) -> datetime:
    """'20240506071500' (or a shorter prefix) -> aware UTC datetime."""
    padded = (timestamp + "01010000000000"[len(timestamp) - 4:])[:14] if len(timestamp) < 14 else timestamp[:14]
    return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)


def wayback_timestamp(value: datetime | date, end_of_day: bool = False) -> str:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")
    return value.strftime("%Y%m%d") + ("235959" if end_of_day else "000000")


def parse_cdx(body: bytes) -> tuple[list[Capture], str | None]:
    """(captures, resume key or None) from one CDX answer in any of the three formats."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return [], None
    if text.startswith("["):
        return _parse_json_table(json.loads(text))
    captures, resume_key, blank_seen = [], None, False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            blank_seen = True
            continue
        if blank_seen:  # IA text output: the line after the blank one is the resume key
            resume_key = line
            continue
        if line.startswith("{"):
            captures.append(Capture.from_fields(json.loads(line)))
            continue
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[2].startswith("{"):  # CDXJ
            captures.append(Capture.from_fields({"urlkey": parts[0], "timestamp": parts[1], **json.loads(parts[2])}))
        elif len(line.split()) >= 3 and line.split()[1].isdigit():  # else not a CDX line (an error page...)
            captures.append(Capture.from_fields(dict(zip(IA_TEXT_FIELDS, line.split()))))
    return captures, resume_key


def _parse_json_table(rows: list) -> tuple[list[Capture], str | None]:
    if not rows:
        return [], None
    header, captures, resume_key = rows[0], [], None
    for position, row in enumerate(rows[1:], start=1):
        if not row:  # [] then [resumeKey]
            following = rows[position + 1:position + 2]
            resume_key = following[0][0] if following and following[0] else None
            break
        captures.append(Capture.from_fields(dict(zip(header, row))))
    return captures, resume_key


def parse_page_count(body: bytes) -> int | None:
    """Pages of a paged index (``showNumPages=true``): ``{"pages": N}`` or a bare number."""
    text = body.decode("utf-8", "replace").strip()
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if isinstance(value, dict) and isinstance(value.get("pages"), int):
        return value["pages"]
    return value if isinstance(value, int) else None


CRAWL_ID = re.compile(r"CC-MAIN-(\d{4})-(\d{2})$")


def crawl_period(crawl: dict) -> tuple[date, date] | None:
    """First and last day of a Common Crawl crawl: collinfo.json's ``from``/``to``; without
    them, the ISO week in its id (CC-MAIN-2024-42) padded by two weeks either side."""
    days = [_day(crawl.get(key)) for key in ("from", "to")]
    if all(days):
        return days[0], days[1]
    match = CRAWL_ID.search(str(crawl.get("id", "")))
    if not match:
        return None
    week = date.fromisocalendar(int(match.group(1)), max(1, min(52, int(match.group(2)))), 1)
    return week - timedelta(days=14), week + timedelta(days=20)


def _day(value) -> date | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date() if value else None
    except ValueError:
        return None


def fixed_prefix(pattern: str) -> tuple[str, str]:
    """(literal start of an anchored article URL pattern, the rest of the pattern).

    ``^/story/\\d{4}/...`` -> ("/story/", "\\d{4}/..."); an unanchored or
    case-insensitive pattern has no usable prefix: ("/", pattern).
    """
    if not pattern.startswith("^/") or "|" in pattern:
        return "/", pattern
    literal = []
    rest = pattern[1:]
    while rest and rest[0] not in REGEX_SPECIALS:
        literal.append(rest[0])
        rest = rest[1:]
    if rest[:1] in ("?", "*", "{") and literal:  # the last literal char is optional or repeated
        rest = literal.pop() + rest
    return "".join(literal) or "/", rest


def months(since: date, until: date):
    year, month = since.year, since.month
    while (year, month) <= (until.year, until.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def url_prefixes(outlet: Outlet, since: date, until: date) -> list[tuple[str, str]]:
    """(url, matchType) of the narrowest CDX queries that cover the outlet's articles."""
    prefix, rest = fixed_prefix(outlet.article_url_pattern or "")
    queries = []
    for domain in outlet.domains:
        if prefix == "/":
            queries.append((domain, "domain"))  # subdomains (www., arabic.) included
            continue
        date_form = YEAR_MONTH.match(rest)
        if date_form:
            padded = date_form.group(1) == "2"
            queries += [(f"{domain}{prefix}{y}/{m:02d}/" if padded else f"{domain}{prefix}{y}/{m}/", "prefix")
                        for y, m in months(since, until)]
        elif YEAR.match(rest):
            queries += [(f"{domain}{prefix}{y}/", "prefix") for y in range(since.year, until.year + 1)]
        else:
            queries.append((f"{domain}{prefix}", "prefix"))
    return queries


def cdx_query(endpoint: str, url: str, match_type: str, since: date, until: date, **extra) -> str:
    """A documented CDX API query: status-200 HTML captures of ``url`` within the days given."""
    params = [("url", url), ("matchType", match_type),
              ("from", wayback_timestamp(since)), ("to", wayback_timestamp(until, end_of_day=True)),
              ("filter", "statuscode:200"), ("filter", "mimetype:text/html"), ("output", "json")]
    params += [(k, v) for k, v in extra.items() if v is not None]
    return endpoint + ("&" if "?" in endpoint else "?") + urlencode(params)
