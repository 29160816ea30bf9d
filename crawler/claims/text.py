"""Text helpers for claim extraction: folding for matching, tokens with offsets, sentences.

Patterns never run on a rewritten copy of the text: every string a claim reports
must be an exact substring of its paragraph (doubled spaces and NBSP included),
so tokens keep their character offsets and only their *folded* form is compared.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")
_ALEF_RE = re.compile("[إأآٱ]")
# Hebrew: niqqud/cantillation go; gershayim, geresh and maqaf become the ASCII marks outlets
# also type (צה״ל = צה"ל, ח׳ליל = ח'ליל, אל־חיה = אל-חיה).
_HEBREW_MARKS_RE = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
_HEBREW_PUNCTUATION = str.maketrans({"\u05f4": '"', "\u05f3": "'", "\u05be": "-"})
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
    value = _HEBREW_MARKS_RE.sub("", value).translate(_HEBREW_PUNCTUATION)
    value = _ALEF_RE.sub("ا", value).replace("ى", "ي").replace("ة", "ه")
    if quotes:
        value = _QUOTES_RE.sub(" ", value)
    return _SPACE_RE.sub(" ", value).strip().casefold()


# Bounded: the vocabulary of an archive keeps growing, the words of one article repeat a lot.
@lru_cache(maxsize=1 << 14)
def fold_word(value: str) -> str:
    """Fold one token for lexicon lookups: the punctuation and quote marks around it go,
    an apostrophe inside it stays ("cnn's" -> variant "cnn")."""
    folded = fold(value, quotes=False).replace("’", "'").translate(EASTERN_DIGITS)
    return folded.strip(".,،؛;:!?؟()[]{}-–—…/ " + QUOTE_CHARS)


_WORD_RE = re.compile(r"\w+")


def tokens_of(value: str) -> list[str]:
    """Scoring tokens: the \\w+ runs of the folded string."""
    return _WORD_RE.findall(fold(value))


class Token(NamedTuple):  # a tuple: a paragraph makes hundreds, a frozen dataclass is slow to build
    start: int  # offsets of the word itself (punctuation around it excluded)
    end: int
    text: str
    norm: str  # folded form
    before: str  # punctuation glued before the word ("«", "“")
    after: str  # punctuation glued after it (",", ":”", ".")

    @property
    def comma(self) -> bool:
        return "," in self.after or "،" in self.after

    @property
    def colon(self) -> bool:
        return ":" in self.after


_PIECE_RE = re.compile(r"[^\s\"“”«»]+|[\"“”«»]")
_EDGE = ".,،؛;:!?؟()[]{}…" + QUOTE_CHARS


@lru_cache(maxsize=1 << 14)
def _split_piece(raw: str) -> tuple[str, str, str, str]:
    """A piece's leading punctuation, its word (may be empty), the word's folded form, its trailing punctuation."""
    left = len(raw) - len(raw.lstrip(_EDGE))
    core = raw[left:].rstrip(_EDGE)
    return raw[:left], core, fold_word(core) if core else "", raw[left + len(core):]


_norm_of_piece = itemgetter(2)


def may_contain(text: str, start: int, end: int, words: frozenset) -> bool:
    """False only when tokenize(text, start, end) has no colon and no token whose norm is in words:
    the tokens' norms are exactly the folded words of these pieces, and a colon glued to a token
    is a ":" in the text. Lets the patterns skip text where no rule can start."""
    if ":" in text[start:end]:
        return True
    return not words.isdisjoint(map(_norm_of_piece, map(_split_piece, _PIECE_RE.findall(text, start, end))))


# Token(...) runs a Python-level __new__; the tuple constructor builds the same Token in C.
_new_token = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of text[start:end] with their offsets; punctuation and quote marks glued to a
    word (also inside it: لـ«الشرق) are split off into its before/after."""
    end = len(text) if end is None else end
    out: list[Token] = []
    append = out.append
    pending = ""  # punctuation waiting for the next word
    straight_open = False  # a straight quote opens when none is open, else it closes
    for m in _PIECE_RE.finditer(text, start, end):
        raw = m.group()
        lead, core, norm, tail = _split_piece(raw)
        if core:
            s = m.start() + len(lead)
            append(_new_token(Token, (s, s + len(core), core, norm, pending + lead, tail)))
            pending = ""
            continue
        # punctuation or a quote mark on its own: glued to the word before it or to the next one
        nxt = m.end() < end and not text[m.end()].isspace()
        if raw == '"':
            straight_open = not straight_open
            if straight_open and nxt:
                pending += raw
                continue
            if not straight_open and out:
                out[-1] = out[-1]._replace(after=out[-1].after + raw)
                continue
        prev_glued = out and m.start() > 0 and not text[m.start() - 1].isspace()
        if raw in "”»›" and out:
            out[-1] = out[-1]._replace(after=out[-1].after + raw)
        elif raw in OPEN_QUOTES or (nxt and not prev_glued):
            pending += raw
        elif out:
            out[-1] = out[-1]._replace(after=out[-1].after + raw)
        else:
            pending += raw
    return out


# --- sentences ------------------------------------------------------------------
# Split on . ! ? ؟ ; (and "..") outside quotes; never on ":" (the colon opens a
# quote), never after an abbreviation or an initial ("U.S.", "Oct. 7", "د.").
_ABBREVIATIONS = {
    "u.s", "u.n", "u.k", "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "st", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "sen", "rep",
    "gov", "vs", "etc", "inc", "co", "corp", "jr", "sr", "al", "e.g", "i.e", "د", "م", "أ",
}


# The only characters sentence_spans acts on; it jumps from one to the next.
_SENTENCE_MARK_RE = re.compile("[“«‹„\"”»›.!?؟;؛]")
_INITIAL_RE = re.compile(r"(?:\w\.)*\w")
_DOTTED_RE = re.compile(r"(?:[a-z]\.)+[a-z]")


def _last_word(text: str, start: int, end: int) -> str:
    """What re.search(r"(\S+)$", text[start:end]) captures ("" for no match), without the regex
    trying every position of a long sentence: the non-space run that ends the segment, or that
    ends just before its final newline ($ matches there too)."""
    stop = end - 1 if end > start and text[end - 1] == "\n" else end
    k = stop
    while k > start and not text[k - 1].isspace():
        k -= 1
    return text[k:stop]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start, depth_open, straight = 0, 0, False
    i, n = 0, len(text)
    while (mark := _SENTENCE_MARK_RE.search(text, i)) is not None:
        i = mark.start()
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
            prev = _last_word(text, start, i).lower().lstrip("(\"'“«")
            is_abbrev = ch == "." and (prev in _ABBREVIATIONS or _INITIAL_RE.fullmatch(prev or "-") and len(prev) <= 1
                                        or _DOTTED_RE.fullmatch(prev or "-"))
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
