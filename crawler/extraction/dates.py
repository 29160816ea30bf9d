"""Dates as outlets write them, to ISO 8601 with a UTC offset.

Handles machine dates (ISO 8601 in JSON-LD and meta tags) on a fast path and
human dates through dateparser after Arabic-specific normalization:
Eastern Arabic digits, Levantine/Iraqi month names (كانون الثاني...), which
dateparser does not know, Hijri dates written beside Gregorian ones, and
relative dates ("منذ ساعتين", "3 hours ago") resolved against a reference time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import dateparser

from .text import clean_text, western_digits

# Levantine (Syriac-derived) month names → the Egyptian/Gulf transliterations
# dateparser's Arabic locale understands. Longer names first: "كانون الثاني"
# must be replaced before "كانون".
_LEVANTINE_MONTHS = [
    ("كانون الثاني", "يناير"), ("كانون الأول", "ديسمبر"), ("كانون الاول", "ديسمبر"),
    ("تشرين الثاني", "نوفمبر"), ("تشرين الأول", "أكتوبر"), ("تشرين الاول", "أكتوبر"),
    ("شباط", "فبراير"), ("آذار", "مارس"), ("اذار", "مارس"), ("نيسان", "أبريل"),
    ("أيار", "مايو"), ("ايار", "مايو"), ("حزيران", "يونيو"), ("تموز", "يوليو"),
    ("آب", "أغسطس"), ("اب", "أغسطس"), ("أيلول", "سبتمبر"), ("ايلول", "سبتمبر"),
]
_LEVANTINE_RE = re.compile(
    r"(?<![\u0600-\u06ff])(" + "|".join(re.escape(a) for a, _ in _LEVANTINE_MONTHS) + r")(?![\u0600-\u06ff])"
)
_LEVANTINE_MAP = dict(_LEVANTINE_MONTHS)

# Also Maghrebi spellings dateparser misses.
_MAGHREBI = {"جانفي": "يناير", "فيفري": "فبراير", "أفريل": "أبريل", "ماي": "مايو",
             "جوان": "يونيو", "جويلية": "يوليو", "أوت": "أغسطس"}
_MAGHREBI_RE = re.compile(r"(?<![\u0600-\u06ff])(" + "|".join(_MAGHREBI) + r")(?![\u0600-\u06ff])")

_HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الاول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4,
    "جمادى الأولى": 5, "جمادى الاولى": 5, "جمادى الأول": 5, "جمادى الآخرة": 6, "جمادى الثانية": 6,
    "جمادى الآخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11,
    "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}
_HIJRI_NAMES = "|".join(sorted((re.escape(m) for m in _HIJRI_MONTHS), key=len, reverse=True))
# "12 شعبان 1445 هـ" (the هـ marker is optional when the month is Hijri).
_HIJRI_RE = re.compile(rf"(\d{{1,2}})\s+({_HIJRI_NAMES})\s+(1[34]\d\d)\s*(?:هـ|ه)?\.?")
# Connectives between a Hijri and a Gregorian date: "الموافق", dashes, slashes.
_CONNECTIVE_RE = re.compile(r"\b(?:الموافق|الموافق ل|م)\b|[-–—/|،,]+\s*$")

_RELATIVE_RE = re.compile(
    r"\b(?:ago|yesterday|today|just now|hours?|minutes?|mins?|seconds?)\b|منذ|قبل|أمس|امس|اليوم|ساع|دقيق|ثوان",
    re.IGNORECASE,
)
# What makes a duration a point in time: "ago", "منذ" (since), "قبل" (before), "yesterday"...
_RELATIVE_MARKER_RE = re.compile(r"\b(?:ago|yesterday|today|just now)\b|منذ|قبل|أمس|امس|اليوم", re.IGNORECASE)
# A time of day alone ("12:30") is not a date.
_BARE_TIME_RE = re.compile(r"^\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|ص|م|صباحا|مساء)?\s*$", re.IGNORECASE)
_DOUBLE_MONTH_RE = re.compile(r"([\u0600-\u06ff]{3,})\s*[/(\-]\s*\1(?:\s*\))?")

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_COMPACT_TZ_RE = re.compile(r"([+-]\d{2})(\d{2})$")

_PARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DATES_FROM": "past",
}


def _tz(name: str | tzinfo | None) -> tzinfo:
    if name is None:
        return timezone.utc
    if isinstance(name, tzinfo):
        return name
    return ZoneInfo(name)


def normalize_date_text(text: str) -> str:
    """Digits to ASCII, Levantine/Maghrebi months to dateparser's names, Hijri removed when a
    Gregorian date is also present."""
    text = western_digits(clean_text(text))
    text = _LEVANTINE_RE.sub(lambda m: _LEVANTINE_MAP[m.group(1)], text)
    text = _MAGHREBI_RE.sub(lambda m: _MAGHREBI[m.group(1)], text)
    hijri = _HIJRI_RE.search(text)
    if hijri:
        rest = clean_text(text[: hijri.start()] + " " + text[hijri.end():])
        rest = _CONNECTIVE_RE.sub(" ", rest)
        if re.search(r"\b(?:19|20)\d\d\b", rest):
            text = clean_text(rest)
    text = re.sub(r"\s+م\b\.?$", "", text)  # trailing "م" = Gregorian era marker
    # "نيسان / أبريل", "April (نيسان)": the same month written twice, in two calendars' names.
    text = _DOUBLE_MONTH_RE.sub(r"\1", text)
    return text


def _date_tail(text: str) -> str | None:
    """The text from its first digit on: drops labels such as "Published", "تم نشره"
    and weekday names that dateparser refuses, keeping "منذ 3 ساعات" intact."""
    match = re.search(r"(?:منذ\s+)?\d", text)
    return text[match.start():] if match and match.start() > 0 else None


def hijri_to_gregorian(text: str) -> date | None:
    """The first Hijri date in ``text`` as a Gregorian date (Umm al-Qura calendar)."""
    from hijridate import Hijri

    match = _HIJRI_RE.search(western_digits(text))
    if not match:
        return None
    day, month, year = int(match.group(1)), _HIJRI_MONTHS[match.group(2)], int(match.group(3))
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def to_iso(dt: datetime, default_tz: str | tzinfo | None = None) -> str:
    """ISO 8601 with an offset. A naive time is taken to be in ``default_tz`` (the outlet's
    zone, else UTC); an aware one keeps the offset the outlet wrote."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_tz(default_tz))
    return dt.isoformat(timespec="seconds")


def parse_iso(value: str) -> datetime | None:
    value = value.strip()
    if not _ISO_RE.match(value):
        return None
    value = value.replace("Z", "+00:00")
    value = _COMPACT_TZ_RE.sub(r"\1:\2", value)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


# Where day and month come in numeric dates ("04.02.2022", "02/04/2022"): the page's
# language and region decide. English is month-first only in the US (and where the region
# is not given); these languages write the year first; everyone else writes the day first.
_YEAR_FIRST_LANGUAGES = {"zh", "ja", "ko", "hu", "lt", "mn"}
_MONTH_FIRST_REGIONS = {"us", "ph", "fm", "pw", "mh"}


def date_order(locale: str | None) -> str | None:
    """"DMY", "MDY" or "YMD" for a BCP 47 tag or underscore locale ("en-GB", "de_DE"); None if unknown."""
    if not locale:
        return None
    parts = re.split(r"[-_]", locale.strip().lower())
    language, region = parts[0], (parts[1] if len(parts) > 1 and len(parts[1]) == 2 else None)
    if not re.fullmatch(r"[a-z]{2,3}", language):
        return None
    if language in _YEAR_FIRST_LANGUAGES:
        return "YMD"
    if language == "en":
        return "MDY" if region is None or region in _MONTH_FIRST_REGIONS else "DMY"
    return "DMY"


# A year written out ("2024", "1445 هـ") or as the last part of a numeric date ("04.02.22").
_HAS_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)|\d[./-]\d{1,2}[./-]\d{2}(?!\d)")


def parse_datetime(
    value: str | None,
    *,
    default_tz: str | tzinfo | None = None,
    reference: datetime | None = None,
    languages: list[str] | None = None,
    order: str | None = None,
) -> datetime | None:
    """Parse a machine or human date; None when nothing plausible is found.

    ``reference`` (when the page was fetched) resolves relative dates ("منذ ساعتين",
    "3 hours ago") and dates without a year ("5 March"); without it they give None:
    a saved page read later must not be dated by the time of reading. ``order`` is the
    page's day/month order (``date_order``). Dates before 1990 or more than two days
    after the reference (or now) are rejected: on news pages they are parse errors.
    """
    if not value:
        return None
    value = str(value)
    dt = parse_iso(value)
    if dt is None:
        text = normalize_date_text(value)
        if not text or len(text) > 120 or _BARE_TIME_RE.match(text):
            return None
        if reference is None and not _HAS_YEAR_RE.search(text):
            return None  # relative or partial: nothing to count from
        ref = reference or datetime.now(timezone.utc)
        settings = dict(_PARSER_SETTINGS, RELATIVE_BASE=ref.replace(tzinfo=None) if ref.tzinfo else ref)
        if order:
            settings["DATE_ORDER"] = order
        dt = None
        for attempt in (text, _date_tail(text)):
            if not attempt:
                continue
            try:
                dt = dateparser.parse(attempt, languages=languages or ["ar", "en"], settings=settings)
            except (ValueError, OverflowError, TypeError):
                dt = None
            if dt is not None and _RELATIVE_RE.search(attempt) and not re.search(r"(?:19|20)\d\d", attempt):
                if not _RELATIVE_MARKER_RE.search(attempt):
                    dt = None  # "Reading time: 3 minutes" is a duration, not a date
                    continue
                if dt.tzinfo is None:
                    # Counted back from the reference instant, so it is in the reference's zone.
                    dt = dt.replace(tzinfo=ref.tzinfo or timezone.utc)
            if dt is not None:
                break
        if dt is None:
            greg = hijri_to_gregorian(value)
            if greg is None:
                return None
            dt = datetime(greg.year, greg.month, greg.day)
    return dt if _plausible(dt, reference) else None


def _plausible(dt: datetime, reference: datetime | None) -> bool:
    ref = reference or datetime.now(timezone.utc)
    aware = dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
    ref = ref if ref.tzinfo else ref.replace(tzinfo=timezone.utc)
    return datetime(1990, 1, 1, tzinfo=timezone.utc) <= aware <= ref + timedelta(days=2)


def is_relative_date(text: str) -> bool:
    """"منذ ساعتين", "3 hours ago", "أمس": a date counted back from the time of reading."""
    return bool(_RELATIVE_RE.search(text))


def is_date_only(value: str | None) -> bool:
    """True for a calendar date without a time of day ("2024-05-01", "1 May 2024")."""
    if not value:
        return False
    text = western_digits(clean_text(str(value)))
    if _ISO_RE.match(text):
        return len(text) == 10
    return not re.search(r"\d\s*[:h.]\s*\d\d(?!\d)|\b(?:ago|am|pm)\b|منذ|صباح|مساء", text, re.IGNORECASE) \
        and not re.search(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s+\d", text)


def parse_date_iso(value: str | None, **kwargs) -> str | None:
    """``value`` as ISO 8601 with an offset, or None.

    A date without a time becomes midnight UTC whatever the outlet's zone: midnight
    at +03:00 is the previous day in UTC, and a calendar date must not change its day
    when someone normalises the timestamp.
    """
    default_tz = kwargs.get("default_tz")
    dt = parse_datetime(value, **kwargs)
    if dt is None:
        return None
    if is_date_only(value) and dt.tzinfo is None:
        return to_iso(dt.replace(hour=0, minute=0, second=0, microsecond=0), timezone.utc)
    return to_iso(dt, default_tz)


# A date in an article URL (/2023/11/02/, /2023-11-02/, /20231102/) is the outlet's
# local calendar date of publication.
_URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def url_date(url: str) -> date | None:
    from urllib.parse import urlsplit

    match = _URL_DATE_RE.search(urlsplit(url).path)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def localize_to_day(iso: str, local_day: date) -> str | None:
    """Re-express a UTC timestamp in the smallest whole-hour offset whose calendar day is
    ``local_day`` (what the page shows its readers), or None if that takes over 14 hours.

    Outlets often publish machine times in UTC ("23:01Z") while their readers, URL and
    visible date say the next day; the day the outlet means is the local one.
    """
    dt = parse_iso(iso)
    if dt is None or dt.tzinfo is None or dt.utcoffset() != timedelta(0) or len(iso) <= 10:
        return None
    shift = (local_day - dt.date()).days
    if shift == 1:
        seconds_to_midnight = (24 * 3600) - (dt.hour * 3600 + dt.minute * 60 + dt.second)
        hours = -(-seconds_to_midnight // 3600)
    elif shift == -1:
        hours = -(dt.hour + 1)
    else:
        return None
    if not 1 <= abs(hours) <= 14:
        return None
    return dt.astimezone(timezone(timedelta(hours=hours))).isoformat(timespec="seconds")
