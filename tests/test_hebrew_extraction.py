"""Hebrew pages through the generic extractor: pages written for this project in the layouts
of Israeli outlets (JSON-LD with UTC times and Person authors; a published/updated date
widget with the Hebrew-calendar date beside the Gregorian one and a "מאת: X ו-Y" byline;
a newsroom credited instead of a reporter with a relative date), plus the date, byline and
text-cleaning rules on their own."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from crawler.extraction import extract_article
from crawler.extraction.authors import is_agency_credit, split_byline
from crawler.extraction.dates import parse_date_iso
from crawler.extraction.hebrew import hebrew_to_gregorian
from crawler.extraction.text import clean_text, is_boilerplate_line
from tests.conftest import FIXTURES

FETCHED = datetime(2024, 5, 7, 10, 0, tzinfo=timezone.utc)


def extract(name: str, url: str):
    return extract_article((FIXTURES / "pages" / "hebrew" / name).read_bytes(), url, fetched_at=FETCHED)


def test_ynet_style_page_with_jsonld():
    item = extract("ynet_style.html", "https://www.ynet.co.il/news/article/hkx7tq2cairo")
    assert item["language"] == "he"
    assert item["headline"] == 'גורם מדיני בכיר: "המשלחת תצא לקהיר רק אם חמאס ירכך עמדות"'
    assert item["published"] == "2024-05-06T09:41:00+00:00"
    assert item["authors"] == ["איתי בן-דוד", "נעמה לוין"]
    assert "\u200f" not in item["body"]
    assert "קראו עוד" not in item["body"]  # a "read more" line is furniture
    assert "לפי דיווח ברשת אל-ג'זירה" in item["body"]


def test_maariv_style_page_date_widget_and_two_authors():
    item = extract("maariv_style.html", "https://www.maariv.co.il/news/politics/Article-1094412")
    # "פורסם: 06.05.24, 21:15 | עודכן: 07.05.24, 08:02" beside "כ"ח בניסן תשפ"ד": the published
    # Gregorian time, in the outlet's zone
    assert item["published"] == "2024-05-06T21:15:00+03:00"
    assert "html:date-text" in item["provenance"]["published"]
    assert item["authors"] == ["שירן לוי", "עומר כהן"]
    assert item["headline"] == "דיווח: ישראל תשלח צוות עבודה למו״מ בקהיר"
    assert "לכתבה המלאה" not in item["body"]


def test_n12_style_page_newsroom_credit_and_relative_date():
    item = extract("n12_style.html", "https://www.mako.co.il/news-military/2024_q2/Article-0a1b2c3d4e5f61026.htm")
    assert item["authors"] == ["חדשות 12"]  # no reporter named: the newsroom credit stays
    assert item["published"] == "2024-05-07T08:00:00+00:00"  # "לפני שעתיים" from the fetch time
    assert not any("טלגרם" in p for p in item["paragraphs"])


@pytest.mark.parametrize("text, expected", [
    ("7 בדצמבר 2025", "2025-12-07T00:00:00+00:00"),
    ("07.12.25, 14:32", "2025-12-07T14:32:00+02:00"),  # DD.MM.YY, winter time in Jerusalem
    ("19.3.24", "2024-03-19T00:00:00+00:00"),
    ("יום ראשון, ז׳ בכסלו תשפ״ו, 7 בדצמבר 2025", "2025-12-07T00:00:00+00:00"),  # Hebrew date dropped
    ('ז\' בכסלו תשפ"ו', "2025-11-27T00:00:00+00:00"),  # alone: converted
    ('כ"ז באדר ב\' תשפ"ד', "2024-04-06T00:00:00+00:00"),  # leap year, Adar II
    ("פורסם: 07.12.25, 14:32 | עודכן: 07.12.25, 18:05", "2025-12-07T14:32:00+02:00"),
    ("עודכן: 07.12.25, 18:05", None),  # an update time is not the publication date
    ("לפני שעתיים", "2025-12-07T11:00:00+00:00"),
    ("אתמול", "2025-12-06T13:00:00+00:00"),
    ("זמן קריאה: 3 דקות", None),  # a duration, not a date
])
def test_hebrew_dates(text, expected):
    fetched = datetime(2025, 12, 7, 13, 0, tzinfo=timezone.utc)
    assert parse_date_iso(text, default_tz="Asia/Jerusalem", reference=fetched, languages=["he", "en"]) == expected


def test_hebrew_calendar_conversion():
    assert str(hebrew_to_gregorian('ט"ו בשבט ה\'תשפ"ה')) == "2025-02-13"
    assert hebrew_to_gregorian("ז' בכסלו") is None  # no year: no date


@pytest.mark.parametrize("byline, names", [
    ("מאת: יוסי כהן ו-דנה לוי", ["יוסי כהן", "דנה לוי"]),
    ("מאת איתמר אייכנר", ["איתמר אייכנר"]),
    ("כתב/ת: רועי שרון, הכתב המדיני", ["רועי שרון"]),
    ("מאת: עמית סגל | פרשן פוליטי", ["עמית סגל"]),
    ("יוסי כהן ודנה לוי", ["יוסי כהן", "דנה לוי"]),
    ("ויקטוריה כהן", ["ויקטוריה כהן"]),  # a name starting with ו is not split
    ("כתבנו הצבאי", []),
])
def test_hebrew_bylines(byline, names):
    assert split_byline(byline) == names


def test_newsrooms_and_agencies_are_credits():
    assert all(is_agency_credit(n) for n in ("חדשות 12", "סוכנויות הידיעות", "רויטרס", "מערכת וואלה"))
    assert not is_agency_credit("יוסי כהן")


def test_hebrew_text_cleaning():
    # niqqud and cantillation go, bidi marks go, geresh/gershayim stay as written
    assert clean_text("\u200fשָׁלוֹם\u200e עוֹלָם֑ צה״ל") == "שלום עולם צה״ל"
    assert is_boilerplate_line("קראו עוד: נתניהו אישר את שליחת המשלחת")
    assert is_boilerplate_line("לכתבה המלאה")
    assert not is_boilerplate_line("המשלחת הגיעה לקהיר ונפגשה עם המתווכים כדי לקרוא עוד מסמכים")
