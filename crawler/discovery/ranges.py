"""A date range for listings: which sitemap entries and child sitemaps fall in since..until.

A child sitemap is judged by its ``lastmod`` or, when it has none, by the date
in its name (``sitemap-2024-05.xml``, ``?yyyy=2024&mm=05``, ``/2024/5/``): a name
that gives only a month is in range when that month overlaps the range.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

# year, then month (and day) separated by -, _, / or a query parameter; 2000-2099 only
NAME_DATE = re.compile(r"(?<!\d)(20\d{2})(?:[-_/]|&\w+=|)(0?[1-9]|1[0-2])(?!\d)(?:(?:[-_/]|&\w+=|)(0?[1-9]|[12]\d|3[01])(?!\d))?")


def listing_date(text: str) -> date | None:
    """The day a listing gives for an entry (ISO 8601 or RFC 822), or None when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo:
        parsed = parsed.astimezone(timezone.utc)
    return parsed.date()


def name_period(url: str) -> tuple[date, date] | None:
    """(first, last) day a sitemap's name covers, from the date in it; None if it has none."""
    match = NAME_DATE.search(url)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if match.group(3):
        day = date(year, month, min(int(match.group(3)), calendar.monthrange(year, month)[1]))
        return day, day
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class DateRange:
    since: date | None = None
    until: date | None = None

    def contains(self, day: date | None) -> bool:
        """Undated entries are kept: the page's own date is judged after fetching."""
        if day is None:
            return True
        return not ((self.since and day < self.since) or (self.until and day > self.until))

    def overlaps(self, first: date, last: date) -> bool:
        return not ((self.since and last < self.since) or (self.until and first > self.until))

    def child_in_range(self, url: str, lastmod: str) -> bool:
        """A child sitemap is read when its lastmod, else the period in its name, meets the range.

        A lastmod after ``until`` does not rule a child out: an archive sitemap of
        2024 may be regenerated today; its name decides then, when it has a date.
        """
        day = listing_date(lastmod)
        period = name_period(url)
        if period is not None:
            return self.overlaps(*period)
        if day is None:
            return True
        return not (self.since and day < self.since)
