"""Text normalization for hashing and shingling (Arabic and English).

Two copies of one wire story differ in ways a reader does not see: diacritics,
tatweel, alef/hamza spellings, ى/ي and ة/ه, Eastern Arabic digits, invisible
bidi marks, quote styles, doubled or non-breaking spaces. Everything here folds
those away so that only wording counts. Nothing is stemmed: stemming merges
different stories (notes: "do not stem or strip clitics for dedup").

Datelines ("CAIRO (Reuters) -", "القاهرة (أ ف ب) -") and trailers ("Reporting
by ...", "اقرأ أيضاً ...") are outlet packaging, not the story; they are cut
from the paragraphs before hashing so a re-datelined copy is still the same text.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic harakat, Quranic marks, superscript alef; tatweel; zero-width and bidi controls; soft hyphen.
_DROP = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]"
)
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه",
    "ؤ": "و", "ئ": "ي",
    # Eastern Arabic and Persian digits.
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}
# Applied with str.replace, one letter at a time (str.translate looks every character
# up in a dict: ten times slower). Same result as long as no replacement is itself folded.
# Anything that is not a letter or digit (punctuation of both scripts, quote marks
# of every style, the Arabic comma ، and question mark ؟) separates words.
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# The same for ASCII text (equal there: Unicode \w agrees with ASCII \w on ASCII), twice as fast.
_NON_WORD_ASCII = re.compile(r"[\W_]+", re.ASCII)

# A dateline opens the first paragraph: an optional place (a few words, capitals
# in English), an optional date, an optional agency in parentheses, then a dash.
_DATELINE_EN = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'’\-]*(?:[ ,]+[A-Z][A-Za-z.'’\-]*){0,4}"  # GAZA CITY, Gaza Strip
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"  # , Feb 27
    r"(?:\((?:[A-Za-z .&-]{1,40})\)\s*)?"  # (Reuters) / (AP)
    r"[-–—]+\s+"
)
_DATELINE_AR = re.compile(
    r"^\s*(?:[\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+){0,2}\s*)?"  # القاهرة / غزة / رام الله
    r"(?:\(\s*[\u0600-\u06ffA-Za-z .]{1,25}\)\s*)?"  # (أ ف ب) / (رويترز)
    r"[-–—]+\s+"
)
# An agency credit in parentheses anywhere in the opening paragraph.
_AGENCY = re.compile(
    r"\(\s*(?:Reuters|AP|AFP|MENA|Anadolu|dpa|رويترز|أ\s*ف\s*ب|ا\s*ف\s*ب|أ\s*ش\s*أ|ا\s*ش\s*ا|الأناضول|د\s*ب\s*أ|وام|واس|قنا)\s*\)",
    re.IGNORECASE,
)
# Paragraphs that are packaging: credits, cross-links, follow-us prompts.
_TRAILER = re.compile(
    r"^\s*[\(\[]?\s*(?:(?:additional\s+)?reporting\s+by|writing\s+by|editing\s+by|compiled\s+by|"
    r"read\s+(?:more|also)|related\s*:|follow\s+(?:us|the\s+latest)|sign\s+up|subscribe|"
    r"اقرأ\s+(?:أيضا|أيضاً|ايضا|المزيد)|إقرأ\s+(?:أيضا|أيضاً)|اقرا\s+ايضا|للمزيد|تابعونا|تابعوا|شاهد\s+أيضا|"
    r"طالع\s+أيضا|مواضيع\s+ذات\s+صلة|اخبار\s+ذات\s+صلة|أخبار\s+ذات\s+صلة)",
    re.IGNORECASE,
)
TRAILER_MAX_WORDS = 30


def normalize_text(text: str | None) -> str:
    """Fold a text to the form that is hashed: no marks, unified letters and digits, words split by one space."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():  # nothing to drop or fold
        return _NON_WORD_ASCII.sub(" ", text.casefold()).strip()
    text = _DROP.sub("", text)
    for letter, folded in _FOLD.items():
        if letter in text:
            text = text.replace(letter, folded)
    return _NON_WORD.sub(" ", text.casefold()).strip()


def strip_packaging(paragraphs: list[str]) -> list[str]:
    """The paragraphs without dateline, agency credit and trailer paragraphs (order kept)."""
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if not paragraph or not paragraph.strip():
            continue
        text = unicodedata.normalize("NFKC", paragraph)
        if _TRAILER.match(text) and len(text.split()) <= TRAILER_MAX_WORDS:
            continue
        if not kept:  # the dateline sits on the first real paragraph
            text = _AGENCY.sub(" ", text)
            for pattern in (_DATELINE_EN, _DATELINE_AR):
                stripped = pattern.sub("", text, count=1)
                # Only a short prefix is a dateline; a dash deep in a sentence is not.
                if stripped != text and len(text) - len(stripped) <= 60:
                    text = stripped
                    break
        kept.append(text)
    return kept


def normalized_paragraphs(paragraphs: list[str] | None) -> list[str]:
    """Packaging stripped, each paragraph normalized, empty ones left out."""
    out = [normalize_text(p) for p in strip_packaging(list(paragraphs or []))]
    return [p for p in out if p]
