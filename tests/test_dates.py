"""Dates as Arabic and English outlets write them, to ISO 8601 with an offset."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from crawler.extraction.dates import (
    hijri_to_gregorian,
    is_date_only,
    localize_to_day,
    normalize_date_text,
    parse_date_iso,
    url_date,
)

REFERENCE = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, expected", [
    # Eastern Arabic digits with an Egyptian month name
    ("١٥ مايو ٢٠٢٣", "2023-05-15"),
    # Levantine month names, with and without the Egyptian name beside them
    ("١٢ كانون الثاني ٢٠٢٤", "2024-01-12"),
    ("3 تشرين الأول 2023", "2023-10-03"),
    ("الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24"),
    ("12 آب 2023", "2023-08-12"),
    # Maghrebi month names
    ("5 جوان 2023", "2023-06-05"),
    # a label before the date, as printed next to bylines
    ("نشر في: 12 كانون الأول 2023 - 10:30", "2023-12-12"),
    ("Published: 7 May 2023", "2023-05-07"),
    # Hijri beside Gregorian: the Gregorian date wins
    ("الخميس 12 شعبان 1445 هـ الموافق 22 فبراير 2024", "2024-02-22"),
])
def test_human_dates(text, expected):
    value = parse_date_iso(text, reference=REFERENCE)
    assert value is not None and value[:10] == expected


def test_hijri_alone_is_converted_to_gregorian():
    assert hijri_to_gregorian("١ رمضان ١٤٤٥ هـ") == date(2024, 3, 11)
    value = parse_date_iso("1 رمضان 1445 هـ", reference=datetime(2024, 4, 1, tzinfo=timezone.utc))
    assert value is not None and value[:10] == "2024-03-11"


def test_levantine_names_are_rewritten_before_parsing():
    assert normalize_date_text("٣ آذار ٢٠٢٤") == "3 مارس 2024"
    # "آب" inside another word is not a month
    assert "أغسطس" not in normalize_date_text("كتاب 2024")


@pytest.mark.parametrize("text, expected", [
    ("منذ ساعتين", "2024-03-01T10:00:00+00:00"),
    ("منذ 3 ساعات", "2024-03-01T09:00:00+00:00"),
    ("منذ ٥ دقائق", "2024-03-01T11:55:00+00:00"),
    ("5 hours ago", "2024-03-01T07:00:00+00:00"),
])
def test_relative_dates_count_back_from_the_reference_instant(text, expected):
    # The outlet's zone must not be applied to a time counted from a UTC reference.
    assert parse_date_iso(text, reference=REFERENCE, default_tz="Africa/Cairo") == expected


def test_naive_times_take_the_outlet_zone_and_offsets_are_kept():
    assert parse_date_iso("2024-02-10T22:00:00", default_tz="Africa/Cairo") == "2024-02-10T22:00:00+02:00"
    assert parse_date_iso("2024-02-10T22:00:00") == "2024-02-10T22:00:00+00:00"
    assert parse_date_iso("2024-02-10T22:00:00+0300", default_tz="UTC") == "2024-02-10T22:00:00+03:00"
    assert parse_date_iso("2024-02-10T22:00:00Z", default_tz="Africa/Cairo") == "2024-02-10T22:00:00+00:00"


@pytest.mark.parametrize("text", ["2024-02-10", "10 فبراير 2024", "١٠ شباط ٢٠٢٤", "February 10, 2024"])
def test_a_date_without_time_keeps_its_day_whatever_the_zone(text):
    assert is_date_only(text)
    value = parse_date_iso(text, default_tz="Asia/Gaza", reference=REFERENCE)
    # Midnight UTC: converting the timestamp to UTC cannot move it to 9 February.
    assert value == "2024-02-10T00:00:00+00:00"
    assert datetime.fromisoformat(value).astimezone(timezone.utc).date() == date(2024, 2, 10)


def test_times_are_not_taken_for_plain_dates():
    assert not is_date_only("2024-02-10T10:00:00")
    assert not is_date_only("١٠ شباط ٢٠٢٤ - ١٠:٣٠")
    assert not is_date_only("منذ ساعتين")


@pytest.mark.parametrize("text", ["2091-01-01T00:00:00Z", "1970-01-01", "not a date", "", None])
def test_implausible_or_garbage_dates_are_refused(text):
    assert parse_date_iso(text, reference=REFERENCE) is None


def test_utc_time_is_moved_to_the_local_day_the_page_shows():
    # 23:01Z published by an outlet whose readers and URL say the 2nd: the smallest
    # whole-hour offset that lands on that day.
    assert localize_to_day("2023-11-01T23:01:00+00:00", date(2023, 11, 2)) == "2023-11-02T00:01:00+01:00"
    assert localize_to_day("2024-05-02T01:30:00+00:00", date(2024, 5, 1)) == "2024-05-01T23:30:00-02:00"
    # Same day, a gap of several days, or a non-UTC value: nothing to do.
    assert localize_to_day("2024-05-02T12:00:00+00:00", date(2024, 5, 2)) is None
    assert localize_to_day("2024-05-02T12:00:00+00:00", date(2024, 5, 5)) is None
    assert localize_to_day("2024-05-02T23:00:00+03:00", date(2024, 5, 3)) is None


@pytest.mark.parametrize("url, expected", [
    ("https://www.example.it/esteri/2023/11/02/diretta/story-419364605/", date(2023, 11, 2)),
    ("https://example.com/news/2024-05-07/cairo-talks", date(2024, 5, 7)),
    ("https://example.com/20240507/cairo-talks.html", date(2024, 5, 7)),
    ("https://example.com/news/123456789", None),
    ("https://example.com/2024/13/45/bad", None),
])
def test_dates_in_article_urls(url, expected):
    assert url_date(url) == expected


@pytest.mark.parametrize("text", ["Reading time: 3 minutes", "5 min read", "3 دقائق للقراءة", "12:30", "10:30 ص"])
def test_durations_and_bare_times_are_not_dates(text):
    # Elements named like dates often hold reading times or a clock time alone.
    assert parse_date_iso(text, reference=REFERENCE) is None


@pytest.mark.parametrize("text, expected", [
    ("قبل 5 دقائق", "2024-03-01T11:55:00+00:00"),
    ("منذ 3 أيام", "2024-02-27T12:00:00+00:00"),
    ("Updated 2 hours ago", "2024-03-01T10:00:00+00:00"),
])
def test_more_relative_forms(text, expected):
    assert parse_date_iso(text, reference=REFERENCE) == expected
