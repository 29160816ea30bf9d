"""What a claim carries besides its words: quantities, time expressions, polarity, hedging.

Time expressions are resolved against the article's publication date with plain
calendar arithmetic (weekday names mean the latest such day on or before
publication unless marked "next"/"المقبل"; "أمس"/"yesterday" = one day before).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from crawler.claims import hebrew
from crawler.claims.lexicon import markers
from crawler.claims.text import fold

# --- quantities -------------------------------------------------------------------
_AR_NUMBER_WORDS = ("واحد|اثنين|اثنان|ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمانية|تسع|تسعة|عشر|عشرة|"
                    "عشرات|مئات|آلاف|ملايين|مئة|مائة|ألف|مليون")
_AR_COMPARATORS = r"(?:أكثر من|أقل من|نحو|حوالي|حوالى|قرابة|ما يقارب|ما لا يقل عن|زهاء|أكثر|قرابة)\s+"
_AR_QUANTITY_RE = re.compile(
    rf"(?<!\w)(?:{_AR_COMPARATORS})?[0-9٠-٩][0-9٠-٩,.٫]*\s*(?:في المئة|في المائة|بالمئة|%)"
    rf"|(?<!\w)(?:{_AR_COMPARATORS})?(?:[0-9٠-٩][0-9٠-٩,.٫]*|(?:{_AR_NUMBER_WORDS}))"
    rf"\s+[\u0621-\u064a][\u0621-\u065f]*(?:\s+(?:[\u0621-\u064a]+(?:ين|ات|ية|يين|اء)[\u064b-\u065f]*))?(?!\w)"
    rf"|(?<!\w)[لب]?[\u0621-\u064a]{{2,}}(?:تين|تان|ين)\s+(?:إضافيين|آخرين|إضافيتين|أخريين|متتاليين)(?!\w)"
    rf"|(?<!\w)(?:دفعتين|مرحلتين|يومين|ساعتين|أسبوعين|شهرين)(?!\w)"
)
# What every Arabic quantity contains (a digit, a number word, a dual of time or rounds, "additional"):
# most contents have none, and this plain search is much cheaper than the full pattern.
_AR_QUANTITY_HINT_RE = re.compile(
    rf"[0-9٠-٩]|(?<!\w)(?:{_AR_NUMBER_WORDS})\s"
    rf"|إضافيين|آخرين|إضافيتين|أخريين|متتاليين|دفعتين|مرحلتين|يومين|ساعتين|أسبوعين|شهرين")
_AR_DIGIT_ONLY_UNIT = re.compile(r"^(?:[0-9٠-٩][0-9٠-٩,.٫]*)\s+(?:في المئة|في المائة)$")

_EN_NUMBER_WORDS = ("hundreds|thousands|millions|dozens|a million|a dozen|one|two|three|four|five|six|seven|eight|"
                    "nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen|million|several")
_EN_QUANTITY_RE = re.compile(
    rf"\b(?:(?:[Mm]ore than|[Ff]ewer than|[Ll]ess than|[Aa]t least|[Uu]p to|[Aa]bout|[Aa]round|[Nn]early|[Aa]lmost|"
    rf"[Rr]oughly|[Oo]ver|[Aa]pproximately)\s+)?(?:\d[\d,.]*(?:-(?:day|week|month|hour|year|phase))?|(?:{_EN_NUMBER_WORDS}))\b"
    rf"(?:\s+(?:of\s+)?(?:[A-Z][a-z]+\s+)?[a-z][\w-]*)?",
)
_EN_NOT_UNIT = {"of", "the", "and", "to", "in", "on", "a", "an", "that", "which", "who", "was", "were", "is", "are",
                "percent"}


def quantities(content: str, language: str) -> list[str]:
    if language == "he":
        return hebrew.quantities(content)
    found: list[str] = []
    if language == "ar":
        if not _AR_QUANTITY_HINT_RE.search(content):
            return []
        for m in _AR_QUANTITY_RE.finditer(content):
            found.append(m.group().strip())
    else:
        for m in _EN_QUANTITY_RE.finditer(content):
            text = m.group().strip()
            words = text.split()
            if re.fullmatch(r"\d{4}", words[-1]) or re.fullmatch(r"(?:19|20)\d\d", words[0]) or \
                    (len(words) == 1 and re.fullmatch(r"\d{1,2}", text)):
                continue  # a year or a bare day number
            if words[-1].lower() in _EN_NOT_UNIT:
                text = " ".join(words[:-1])
                if re.fullmatch(r"\d{1,2}", text):
                    continue
            if any(ch.isdigit() for ch in text) or len(text.split()) > 1:
                found.append(text)
    return [q for q in dict.fromkeys(found) if q]


# --- time expressions ---------------------------------------------------------------
_WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS_AR = ["الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"]
_AR_TIME_RE = re.compile(
    r"(?<!\w)(?:(?:و|ف)?(?:أمس|امس|غداً|غدا|اليوم|الليلة)(?:\s+(?:الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد))?"
    r"|(?:(?:مساء|صباح|ظهر|ليل|فجر)\s+)?(?:يوم\s+)?(?:الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد)"
    r"(?:\s+(?:الماضي|المقبل|القادم))?"
    r"|(?:الأسبوع|الشهر)\s+(?:الماضي|المقبل|القادم))(?!\w)")
_EN_TIME_RE = re.compile(
    r"\b(?:(?:on|last|next|this|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|evening|night|afternoon))?\b|\b(?:yesterday|today|tomorrow|tonight)\b"
    r"|\b(?:last|next|this)\s+(?:week|month)\b", re.IGNORECASE)


def _resolve(text: str, published: date, language: str) -> str | None:
    folded = fold(text)
    if language == "ar":
        if re.search(r"امس", folded):
            return (published - timedelta(days=1)).isoformat()
        if re.search(r"غدا", folded):
            return (published + timedelta(days=1)).isoformat()
        if re.search(r"اليوم|الليله", folded):
            return published.isoformat()
        names = [fold(n) for n in _WEEKDAYS_AR]
        future = bool(re.search(r"المقبل|القادم", folded))
        past_week = "الماضي" in folded
        for idx, name in enumerate(names):
            if name in folded:
                return _weekday(published, idx, future, strict_past=past_week)
        if "الاسبوع" in folded:
            return (published + timedelta(days=7 if future else -7)).isoformat()
        return None
    low = folded
    if "yesterday" in low:
        return (published - timedelta(days=1)).isoformat()
    if "tomorrow" in low:
        return (published + timedelta(days=1)).isoformat()
    if "today" in low or "tonight" in low:
        return published.isoformat()
    for idx, name in enumerate(_WEEKDAYS_EN):
        if name in low:
            return _weekday(published, idx, low.startswith("next"), strict_past=low.startswith("last"))
    if "week" in low:
        return (published + timedelta(days=7 if low.startswith("next") else -7 if low.startswith("last") else 0)).isoformat()
    return None


def _weekday(published: date, weekday: int, future: bool, strict_past: bool = False) -> str:
    if future:
        delta = (weekday - published.weekday()) % 7 or 7
        return (published + timedelta(days=delta)).isoformat()
    delta = (published.weekday() - weekday) % 7
    if strict_past and delta == 0:
        delta = 7
    return (published - timedelta(days=delta)).isoformat()


def time_expressions(text: str, published: date | None, language: str) -> list[dict]:
    if language == "he":
        return hebrew.time_expressions(text, published)
    pattern = _AR_TIME_RE if language == "ar" else _EN_TIME_RE
    out = []
    for m in pattern.finditer(text):
        out.append({"text": m.group(), "resolved": _resolve(m.group(), published, language) if published else None})
    return out


def parse_published(value) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


# --- polarity and hedging ---------------------------------------------------------------
# is_denial and is_hedged fold the same content one after the other.
_fold_content = lru_cache(maxsize=256)(fold)


def _alternatives(phrases: frozenset, around: str = "") -> str:
    """A regex matching any of the phrases, each between `around`s: searching it finds a match
    exactly when one of them, so wrapped, is a substring (never, for no phrases)."""
    return "|".join(around + re.escape(p) + around for p in sorted(phrases)) or "(?!)"


@lru_cache(maxsize=None)
def _denial_res() -> tuple[re.Pattern, re.Pattern]:
    phrases = _alternatives(markers()["denial_phrases"])
    return re.compile(phrases), re.compile(f" (?:{phrases})")


@lru_cache(maxsize=None)
def _hedge_re() -> re.Pattern:
    return re.compile(_alternatives(markers()["hedges"], " "))


def is_denial(cue_class: str | None, content: str) -> bool:
    if cue_class == "DENY":
        return True
    folded = _fold_content(content)
    opening, inside = _denial_res()
    # a denial phrase opens the content, or follows a space in its first 40 characters
    return bool(opening.match(folded) or inside.search(folded, 0, 40))


def is_hedged(cue_class: str | None, content: str) -> bool:
    if cue_class == "HEDGE":
        return True
    words = _fold_content(content)
    padded = " " + re.sub(r"[^\w ]", " ", words) + " "
    return bool(_hedge_re().search(padded))
