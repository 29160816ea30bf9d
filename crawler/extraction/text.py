"""Text cleaning shared by the extractor, the item loader and later pipelines.

Outlet HTML carries invisible characters (bidi marks in Arabic, zero-width
joiners, soft hyphens, NBSP) that break equality, hashing and search; every
string that leaves the extractor goes through ``clean_text``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable

# Bidi controls, zero-width characters, BOM, soft hyphen, Arabic letter mark,
# word joiner: invisible in a browser, harmful in data.
INVISIBLE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)
# ...and C0/C1 control characters (NUL from JSON-LD "\u0000", DEL): no text has them,
# and NUL breaks C-string consumers (PostgreSQL, XML). Whitespace controls are spaces below.
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS}\x00-\x08\x0e-\x1b\x7f-\x9f]")

# Hebrew cantillation and vowel points (niqqud): news prose is unpointed, and a pointed
# word ("שָׁלוֹם") must equal its plain spelling for search, dedup and claims.
_HEBREW_MARKS_RE = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")

EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def clean_text(value: str | None) -> str:
    """NFC-normalize, drop invisible characters and collapse whitespace."""
    if not value:
        return ""
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
        value = _INVISIBLE_RE.sub("", value)
        value = _HEBREW_MARKS_RE.sub("", value)
    elif not value.isprintable():  # ASCII text is NFC and has no invisible characters but controls
        value = _INVISIBLE_RE.sub("", value)
    # Every Unicode space (NBSP, thin space, ideographic space...) becomes one " ":
    # str.split() splits on exactly those, three times faster than a regex on long texts.
    return " ".join(value.split())


def western_digits(value: str) -> str:
    """Arabic-Indic and Persian digits to ASCII digits (dates, counts)."""
    return value.translate(EASTERN_DIGITS)


# Lines that are page furniture rather than article text, in Arabic, English and Hebrew.
# Anchored to the whole line so that a sentence merely mentioning them stays.
_BOILERPLATE_LINE_RE = re.compile(
    r"""^(?:
        (?:read|see)\s+(?:more|also)\b.{0,120}
      | related(?:\s+(?:articles?|stories|coverage))?:?.{0,120}
      | advertisement | scroll\s+to\s+continue(?:\s+with\s+content)?
      | share(?:\s+this(?:\s+(?:article|story))?)?(?:\s+on\s+\w+)?
      | (?:sign\s+up|subscribe)\b.{0,100}
      | (?:click|tap)\s+here\b.{0,100}
      | follow\s+us\b.{0,80}
      | (?:photo|image|video)\s*:.{0,80}
      | اقرأ\s+(?:أيضا|أيضاً|ايضا|المزيد).{0,150}
      | (?:طالع|شاهد|انظر|اقرأ)\s+(?:أيضا|أيضاً|ايضا|ايضاً)\s*:?.{0,150}
      | (?:مواضيع|أخبار)\s+(?:ذات\s+صلة|متعلقة).{0,80}
      | إعلان | تابعونا\b.{0,80} | شارك(?:\s+(?:الخبر|المقال))?
      | (?:קראו|קרא|קראי)\s+(?:עוד|גם|את\s+הכתבה\s+המלאה)\b.{0,150} | לכתבה\s+המלאה.{0,100}
      | (?:עוד|כתבות\s+נוספות)\s+(?:באותו|בנושא|בנושאים).{0,100} | (?:לחצו|הקליקו)\s+כאן.{0,100}
      | הצטרפו\s+(?:לערוץ|לקבוצת|לעמוד).{0,100} | פרסומת | שתפו(?:\s+(?:את\s+הכתבה|בוואטסאפ))?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_boilerplate_line(line: str) -> bool:
    return bool(_BOILERPLATE_LINE_RE.match(line.strip()))


def text_direction_ratio(text: str) -> float:
    """Share of letters that are Arabic script; used to guess the language."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
    return arabic / len(letters)


def ignorecase_search(pattern: re.Pattern) -> Callable[[str], Any]:
    """``pattern.search`` for an IGNORECASE pattern written in lower case: on ASCII text (nearly
    every class name) the text is lowered and searched case-sensitively, which CPython's
    ``re`` does four times faster; other text is searched with ``pattern`` itself."""
    if not pattern.flags & re.IGNORECASE or pattern.pattern != pattern.pattern.lower():
        raise ValueError(f"not a lower-case IGNORECASE pattern: {pattern.pattern!r}")
    exact = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE).search
    fallback = pattern.search
    return lambda text: exact(text.lower()) if text.isascii() else fallback(text)
