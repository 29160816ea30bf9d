"""Hebrew page text: the Hebrew calendar, the published/updated labels of date widgets,
and the marks that make one word look like two (niqqud, cantillation, geresh/gershayim).

Israeli outlets print "פורסם: 07.12.25, 14:32 | עודכן: 07.12.25, 18:05", sometimes a
Hebrew-calendar date beside the Gregorian one ("יום ראשון, ז' בכסלו תשפ"ו, 7 בדצמבר 2025"),
rarely the Hebrew date alone. dateparser reads the Gregorian forms in Hebrew (month names
with their ב prefix, DD.MM.YY, "לפני שעתיים", "אתמול"); this module removes what it cannot
read and converts a Hebrew date that stands alone (pyluach does the calendar arithmetic).
"""

from __future__ import annotations

import re
from datetime import date

HEBREW_LETTER = "\u05d0-\u05ea"
# Cantillation (te'amim) and vowel points (niqqud): meaningless for matching, and news
# prose is written without them; U+05BE (maqaf), U+05C0, U+05C3, U+05C6 are punctuation/letters.
HEBREW_MARKS_RE = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")

_GEMATRIA = {"א": 1, "ב": 2, "ג": 3, "ד": 4, "ה": 5, "ו": 6, "ז": 7, "ח": 8, "ט": 9, "י": 10, "כ": 20, "ך": 20,
             "ל": 30, "מ": 40, "ם": 40, "נ": 50, "ן": 50, "ס": 60, "ע": 70, "פ": 80, "ף": 80, "צ": 90, "ץ": 90,
             "ק": 100, "ר": 200, "ש": 300, "ת": 400}
# Month names as printed (with spelling variants) -> pyluach month number (1 = Nisan).
_HEBREW_MONTHS = {
    "תשרי": 7, "חשוון": 8, "חשון": 8, "מרחשוון": 8, "מרחשון": 8, "כסלו": 9, "כסליו": 9, "טבת": 10, "שבט": 11,
    "אדר א": 12, "אדר ב": 13, "אדר": 12, "ניסן": 1, "אייר": 2, "איר": 2, "סיוון": 3, "סיון": 3, "תמוז": 4,
    "מנחם אב": 5, "אב": 5, "אלול": 6,
}
_QUOTE = "\"'\u05f3\u05f4\u2019\u201d"
_NUMERAL = rf"[{HEBREW_LETTER}]{{1,3}}[{_QUOTE}][{HEBREW_LETTER}]?|[{HEBREW_LETTER}][{_QUOTE}]"
_MONTH_NAMES = "|".join(sorted((re.escape(m).replace("\\ ", r"\s") + (rf"[{_QUOTE}]?" if m.startswith("אדר ") else "")
                                for m in _HEBREW_MONTHS), key=len, reverse=True))
# "ז' בכסלו תשפ"ו", "ט"ו בשבט ה'תשפ"ה", "כ"ז באדר ב' תשפ"ד"
HEBREW_DATE_RE = re.compile(
    rf"(?<![{HEBREW_LETTER}])(?P<day>{_NUMERAL})\s+ב?(?P<month>{_MONTH_NAMES})(?![{HEBREW_LETTER}])"
    rf"\s*(?P<year>(?:ה[{_QUOTE}])?[{HEBREW_LETTER}]{{2,3}}[{_QUOTE}][{HEBREW_LETTER}])?"
)
# "פורסם: ... | עודכן: ...": the published part; an updated-only text is not a publication date.
_PUBLISHED_LABEL_RE = re.compile(r"(?:פורסם|פורסמה|פרסום|נכתב)\s*(?:ב|:)?\s*:?\s*")
_UPDATED_LABEL_RE = re.compile(r"(?:עודכן|עודכנה|עדכון(?:\s+אחרון)?)\s*(?:ב|:)?\s*:?")
_WEEKDAY_RE = re.compile(rf"(?<![{HEBREW_LETTER}])(?:יום\s+)?(?:ראשון|שני|שלישי|רביעי|חמישי|שישי|שבת)(?![{HEBREW_LETTER}])")


_HEBREW_LETTER_RE = re.compile(f"[{HEBREW_LETTER}]")


def has_hebrew(text: str) -> bool:
    return bool(_HEBREW_LETTER_RE.search(text))


def hebrew_share(text: str) -> float:
    """Share of letters that are Hebrew; used to guess the language of a page."""
    letters = sum(map(str.isalpha, text))
    return len(_HEBREW_LETTER_RE.findall(text)) / letters if letters else 0.0


def gematria(numeral: str) -> int:
    return sum(_GEMATRIA.get(ch, 0) for ch in numeral)


def _month_number(name: str) -> int:
    return _HEBREW_MONTHS.get(re.sub(rf"[{_QUOTE}\s]+", " ", name).strip(), 0)


def hebrew_to_gregorian(text: str) -> date | None:
    """The first Hebrew-calendar date in ``text`` (with a year) as a Gregorian date."""
    from pyluach.dates import HebrewDate

    match = HEBREW_DATE_RE.search(text)
    if not match or not match.group("year"):
        return None
    day = gematria(match.group("day"))
    # The thousands are implied (תשפ"ו = 786 -> 5786); "ה'" before them spells the 5 out.
    year = 5000 + gematria(re.sub(rf"^ה[{_QUOTE}]", "", match.group("year"))) % 1000
    month = _month_number(match.group("month"))
    try:
        return HebrewDate(year, month, day).to_pydate()
    except (ValueError, TypeError):
        return None


def normalize_date_text(text: str) -> str:
    """A date text dateparser can read: the published part of a published/updated widget
    ("" when the text only gives an update time), no weekday, the Hebrew-calendar date
    dropped beside a Gregorian one or converted (ISO) when it stands alone."""
    if not has_hebrew(text):
        return text
    published = _PUBLISHED_LABEL_RE.search(text)
    updated = _UPDATED_LABEL_RE.search(text)
    if published:
        end = updated.start() if updated and updated.start() > published.end() else len(text)
        text = text[published.end():end]
    elif updated and not text[:updated.start()].strip(" |,-–"):
        return ""  # only an update time
    elif updated:
        text = text[:updated.start()]
    hebrew = HEBREW_DATE_RE.search(text)
    if hebrew:
        rest = text[:hebrew.start()] + " " + text[hebrew.end():]
        if re.search(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:19|20)\d\d", rest):
            text = rest
        else:
            converted = hebrew_to_gregorian(text)
            clock = re.search(r"\b\d{1,2}:\d{2}\b", rest)
            text = converted.isoformat() + (" " + clock.group() if clock else "") if converted else rest
    text = _WEEKDAY_RE.sub("", text)
    text = re.sub(r"(?:\s*[,|]\s*)+", ", ", text)  # separators left around removed parts
    return " ".join(text.split()).strip(" ,-–")
