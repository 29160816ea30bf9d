"""Text helpers for claim extraction: folding for matching, tokens with offsets, sentences.

Patterns never run on a rewritten copy of the text: every string a claim reports
must be an exact substring of its paragraph (doubled spaces and NBSP included),
so tokens keep their character offsets and only their *folded* form is compared.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")
_ALEF_RE = re.compile("[إأآٱ]")
QUOTE_CHARS = "\"'‘’“”„«»‹›"
OPEN_QUOTES = "“«‹„"
_QUOTES_RE = re.compile(f"[{re.escape(QUOTE_CHARS)}]")
_SPACE_RE = re.compile(r"\s+")
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


_REAL_QUOTE_RE = re.compile(r"[\"“”«»„‹›]|(?<!\w)['‘’]|['‘’](?!\w)")


def has_quote(value: str) -> bool:
    """Quote marks in value, not counting apostrophes inside words (It's, Sa'ar)."""
    return bool(_REAL_QUOTE_RE.search(value))


def fold(value: str, quotes: bool = True) -> str:
    """The gold README's comparison form: NFKC, no diacritics/tatweel/bidi marks,
    one alef, ى→ي, ة→ه, quote marks as spaces, one space, casefolded."""
    value = unicodedata.normalize("NFKC", value or "")
    value = _INVISIBLE_RE.sub("", value)
    value = _DIACRITICS_RE.sub("", value)
    value = _ALEF_RE.sub("ا", value).replace("ى", "ي").replace("ة", "ه")
    if quotes:
        value = _QUOTES_RE.sub(" ", value)
    return _SPACE_RE.sub(" ", value).strip().casefold()


def fold_word(value: str) -> str:
    """Fold one token for lexicon lookups: the punctuation and quote marks around it go,
    an apostrophe inside it stays ("cnn's" -> variant "cnn")."""
    folded = fold(value, quotes=False).replace("’", "'").translate(EASTERN_DIGITS)
    return folded.strip(".,،؛;:!?؟()[]{}-–—…/ " + QUOTE_CHARS)


def tokens_of(value: str) -> list[str]:
    """Scoring tokens: the \\w+ runs of the folded string."""
    return re.findall(r"\w+", fold(value))


@dataclass(frozen=True)
class Token:
    start: int  # offsets of the word itself (punctuation around it excluded)
    end: int
    text: str
    norm: str  # folded form
    before: str  # punctuation glued before the word ("«", "“")
    after: str  # punctuation glued after it (",", ":”", ".")

    @property
    def comma(self) -> bool:
        return any(c in self.after for c in ",،")

    @property
    def colon(self) -> bool:
        return ":" in self.after


_PIECE_RE = re.compile(r"[^\s\"“”«»]+|[\"“”«»]")
_EDGE = ".,،؛;:!?؟()[]{}…" + QUOTE_CHARS


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of text[start:end] with their offsets; punctuation and quote marks glued to a
    word (also inside it: لـ«الشرق) are split off into its before/after."""
    end = len(text) if end is None else end
    out: list[Token] = []
    pending = ""  # punctuation waiting for the next word
    straight_open = False  # a straight quote opens when none is open, else it closes
    for m in _PIECE_RE.finditer(text, start, end):
        raw = m.group()
        left = len(raw) - len(raw.lstrip(_EDGE))
        core = raw[left:].rstrip(_EDGE)
        if raw == '"':
            straight_open = not straight_open
            nxt = m.end() < end and not text[m.end()].isspace()
            if straight_open and nxt:
                pending += raw
                continue
            if not straight_open and out:
                prev = out[-1]
                out[-1] = Token(prev.start, prev.end, prev.text, prev.norm, prev.before, prev.after + raw)
                continue
        if not core:
            nxt = m.end() < end and not text[m.end()].isspace()
            prev_glued = out and m.start() > 0 and not text[m.start() - 1].isspace()
            if raw in "”»›" and out:
                prev = out[-1]
                out[-1] = Token(prev.start, prev.end, prev.text, prev.norm, prev.before, prev.after + raw)
            elif raw in OPEN_QUOTES or (nxt and not prev_glued):
                pending += raw
            elif out:
                prev = out[-1]
                out[-1] = Token(prev.start, prev.end, prev.text, prev.norm, prev.before, prev.after + raw)
            else:
                pending += raw
            continue
        s = m.start() + left
        out.append(Token(s, s + len(core), core, fold_word(core), pending + raw[:left], raw[left + len(core):]))
        pending = ""
    return out


# --- sentences ------------------------------------------------------------------
# Split on . ! ? ؟ ; (and "..") outside quotes; never on ":" (the colon opens a
# quote), never after an abbreviation or an initial ("U.S.", "Oct. 7", "د.").
_ABBREVIATIONS = {
    "u.s", "u.n", "u.k", "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "st", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "sen", "rep",
    "gov", "vs", "etc", "inc", "co", "corp", "jr", "sr", "al", "e.g", "i.e", "د", "م", "أ",
}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start, depth_open, straight = 0, 0, False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "“«‹„":
            depth_open += 1
        elif ch == '"' or (ch in "”»›" and depth_open):
            if ch == '"':
                straight = not straight
            else:
                depth_open -= 1
            closing = ch != '"' or not straight
            # a quote closed right after . ! ? ends the sentence too: '... out." He said'
            if closing and i > 0 and text[i - 1] in ".!?؟" and (i + 1 >= n or text[i + 1].isspace()) and not straight \
                    and depth_open == 0:
                spans.append((start, i + 1))
                start = i + 1
        elif ch in ".!?؟;؛" and not straight and depth_open == 0:
            j = i
            while j + 1 < n and text[j + 1] in ".!?؟;؛”\"»'’)":
                j += 1
                if text[j] == '"':
                    straight = not straight
            word = re.search(r"(\S+)$", text[start:i])
            prev = word.group(1).lower().lstrip("(\"'“«") if word else ""
            is_abbrev = ch == "." and (prev in _ABBREVIATIONS or re.fullmatch(r"(?:\w\.)*\w", prev or "-") and len(prev) <= 1
                                        or re.fullmatch(r"(?:[a-z]\.)+[a-z]", prev or "-"))
            nxt = text[j + 1:j + 2]
            if ch == "." and i + 1 < n and text[i + 1].isdigit():
                is_abbrev = True  # a decimal point
            if not is_abbrev and (nxt == "" or nxt.isspace()):
                spans.append((start, j + 1))
                start = j + 1
                i = j
        i += 1
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def is_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("\u0600" <= c <= "\u06ff" for c in letters) > len(letters) / 2
