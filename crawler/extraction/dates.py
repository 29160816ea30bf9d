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
    return text


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


def parse_datetime(
    value: str | None,
    *,
    default_tz: str | tzinfo | None = None,
    reference: datetime | None = None,
    languages: list[str] | None = None,
) -> datetime | None:
    """Parse a machine or human date; None when nothing plausible is found.

    ``reference`` resolves relative dates ("منذ ساعتين"); it defaults to now.
    Dates before 1990 or more than two days in the future are rejected: on news
    pages they are parse errors, not publication dates.
    """
    if not value:
        return None
    value = str(value)
    dt = parse_iso(value)
    if dt is None:
        text = normalize_date_text(value)
        if not text or len(text) > 120:
            return None
        ref = reference or datetime.now(timezone.utc)
        settings = dict(_PARSER_SETTINGS, RELATIVE_BASE=ref.replace(tzinfo=None) if ref.tzinfo else ref)
        try:
            dt = dateparser.parse(text, languages=languages or ["ar", "en"], settings=settings)
        except (ValueError, OverflowError, TypeError):
            dt = None
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


def parse_date_iso(value: str | None, **kwargs) -> str | None:
    default_tz = kwargs.get("default_tz")
    dt = parse_datetime(value, **kwargs)
    return to_iso(dt, default_tz) if dt else None
