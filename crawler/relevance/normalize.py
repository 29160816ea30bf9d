"""Text normalization shared by the lexicons and the texts they are matched against.

Both sides go through the same function, so lexicon authors write ordinary
spelling (أسرى, "cease-fire") and still match every variant outlets print.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic: diacritics (harakat, shadda, sukun, superscript alef, Quranic marks) and tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u064a",  # ئ -> ي
    "\u06cc": "\u064a", "\u06a9": "\u0643",  # Persian yeh / keheh as printed by some CMSs
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern Arabic-Indic digits
})
# English possessive: "Hamas's response" reads as "Hamas response" for the lexicon.
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")
# Hebrew cantillation and vowel points: "שָׁלוֹם" is "שלום". Geresh, gershayim and maqaf are
# punctuation, so they separate words like the ASCII quotes outlets type instead
# (צה"ל = צה״ל -> "צה ל", אל־חיה = אל-חיה -> "אל חיה").
_HEBREW_MARKS = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
# Both kinds of marks go after the possessive (a mark can stand between a letter and 's), in one pass.
_MARKS = re.compile(f"{_ARABIC_MARKS.pattern[:-1]}{_HEBREW_MARKS.pattern[1:]}")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Anything that is not a letter or digit separates words (hyphens included:
# "cease-fire" == "cease fire", URL slugs become words).
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Lower-case, diacritic-free, single-spaced words. Marks that carry no meaning go."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _MARKS.sub("", text)
    text = text.translate(_ARABIC_LETTERS).casefold()
    return _SEPARATORS.sub(" ", text).strip()


# Bounded: an archive's vocabulary keeps growing, the words of its sentences repeat a lot.
_normalized_word = lru_cache(maxsize=1 << 14)(normalize)


def normalize_words(text: str) -> str:
    """normalize(text), one whitespace-separated word at a time, each word's result cached.

    Equal to normalize(text): each of its steps acts inside a word (NFKC, marks, the
    possessive, whose lookbehind sees no word character across a space, letters, case)
    and whitespace is a separator either way. Article sentences are made of the same
    few thousand words; this spends one cache lookup on each instead of five passes.
    """
    return " ".join([word for word in map(_normalized_word, (text or "").split()) if word])


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_KANA_AND_CJK = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
_HEBREW_SCRIPT = re.compile("[\u05d0-\u05ea]")


def detect_script(text: str) -> str:
    """'arabic', 'cjk', 'hebrew' or 'latin': which lexicons can apply when the language is unknown.

    Counts characters of the Arabic blocks, of kana and CJK ideographs, Hebrew letters and other
    letters, in the first 4,000 characters (regexes count in C).
    """
    rest, arabic = _ARABIC_SCRIPT.subn("", text[:4000])
    rest, cjk = _KANA_AND_CJK.subn("", rest)
    rest, hebrew = _HEBREW_SCRIPT.subn("", rest)
    latin = sum(map(str.isalpha, rest))
    best = max((arabic, "arabic"), (cjk, "cjk"), (hebrew, "hebrew"), (latin, "latin"))
    return best[1]
