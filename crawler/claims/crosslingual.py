"""One statement in several languages: a Hebrew leak re-quoted by Arabic and English outlets.

Word overlap cannot see that "23 חטופים בחיים" and "23 hostages alive" are one claim, so claims
in different languages are linked on language-free evidence: the same actor (a named side, not
"unidentified"), the same numbers (digits, and number words of the three languages), the same
named entities (gazetteer actors and talk places mentioned in the content), dates at most
``MAX_DAYS`` apart, and a via chain naming the other claim's outlet ("القناة 12 العبرية" quoting
Channel 12). A wrong merge is worse than a missed one: numbers that disagree forbid a merge, and
a merge needs the same numbers or such a chain, and ``MIN_EVIDENCE`` points of agreement beyond
the actor. "one"/"two" and duals are too common to count as numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from crawler.claims.lexicon import actor_index
from crawler.claims.text import fold, fold_word

MAX_DAYS = 3
MIN_EVIDENCE = 3
NUMBER_POINTS, ENTITY_POINTS, CHAIN_POINTS = 2, 1, 2

# Outlet slugs (crawler/outlets) -> the actor id the gazetteer gives the same medium.
OUTLET_ACTORS = {
    "n12-mako": "channel_12", "kan-news": "kan", "ynet": "yedioth_ahronoth", "haaretz-hebrew": "haaretz",
    "israelhayom": "israel_hayom", "maariv": "maariv", "walla-news": "walla", "timesofisrael": "times_of_israel",
    "alqaheranews": "al_qahera_news", "aljazeera-arabic": "al_jazeera", "aljazeera-english": "al_jazeera",
    "skynewsarabia": "sky_news_arabia", "aawsat": "asharq_al_awsat", "ahram": "ahram", "ahram-online": "ahram",
    "reuters": "reuters", "apnews": "ap", "cnn-arabic": "cnn",
}

# Small numbers written as words (and duals: يومين, יומיים, "two-day").
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "اثنين": 2, "اثنان": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "يومين": 2,
    "اسبوعين": 2, "شهرين": 2, "مرحلتين": 2,
    "שניים": 2, "שתיים": 2, "שני": 2, "שתי": 2, "שלושה": 3, "שלוש": 3, "ארבעה": 4, "ארבע": 4, "חמישה": 5, "חמש": 5,
    "שישה": 6, "שש": 6, "שבעה": 7, "שבע": 7, "שמונה": 8, "תשעה": 9, "תשע": 9, "עשרה": 10, "עשר": 10, "יומיים": 2,
    "שבועיים": 2, "חודשיים": 2,
}
# Places and terms of the talks, language-free ids for their spellings.
_PLACES = {
    "rafah": ("rafah", "رفح", "רפיח"), "philadelphi": ("philadelphi", "فيلادلفيا", "פילדלפי"),
    "netzarim": ("netzarim", "نتساريم", "נצרים"), "sharm": ("sharm", "شرم", "שארם"),
    "khan_younis": ("khan younis", "خان يونس", "חאן יונס"), "doha": ("doha", "الدوحه", "בדוחה"),
    "cairo": ("cairo", "القاهره", "קהיר"), "phase_two": ("second phase", "phase two", "المرحله الثانيه", "השלב השני", "שלב השני", "שלב ב"),
    "phase_one": ("first phase", "phase one", "المرحله الاولي", "השלב הראשון", "שלב הראשון", "שלב א"),
}
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d{3})*")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_PREFIXES = ("", "ו", "ב", "ל", "מ", "ש", "וב", "ול", "ומ", "ال", "و", "ب", "ل", "بال", "وال", "لل")
# One compiled pattern per place (its spellings as alternatives, each with an optional clitic):
# a regex per spelling built for every claim was a tenth of a crawl's CPU.
_PLACE_RES = {place: re.compile(rf"(?<!\w)(?:{'|'.join(_PREFIXES[1:])})?(?:{'|'.join(map(re.escape, spellings))})(?!\w)")
              for place, spellings in _PLACES.items()}
# A pattern can only match where one of its spellings occurs: a substring test (C) first.
_PLACE_TESTS = tuple((place, spellings, _PLACE_RES[place]) for place, spellings in _PLACES.items())
_WORD_RE = re.compile(r"\w+")
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@dataclass(frozen=True)
class Signature:
    actor: str | None
    numbers: frozenset
    entities: frozenset
    via: frozenset  # actor ids of the via mentions
    outlet: str | None  # actor id of the claim's own outlet
    day: date | None
    language: str | None

    def to_json(self) -> dict:
        return {"actor": self.actor, "numbers": sorted(self.numbers), "entities": sorted(self.entities),
                "via": sorted(self.via), "outlet": self.outlet, "day": self.day.isoformat() if self.day else None,
                "language": self.language}

    @classmethod
    def from_json(cls, row: dict) -> "Signature":
        day = row.get("day")
        return cls(row.get("actor"), frozenset(row.get("numbers", ())), frozenset(row.get("entities", ())),
                   frozenset(row.get("via", ())), row.get("outlet"), date.fromisoformat(day) if day else None,
                   row.get("language"))


@lru_cache(maxsize=1 << 12)  # syndicated copies carry the same contents
def _numbers(text: str) -> frozenset:
    folded = fold(text).translate(_EASTERN_DIGITS)
    found = {d.replace(",", "").replace(".", "") for d in _DIGITS_RE.findall(folded)}
    found = {d for d in found if not _YEAR_RE.fullmatch(d)}
    for word in _WORD_RE.findall(folded):
        number = _word_number(word)
        if number:
            found.add(number)
    return frozenset(found)


@lru_cache(maxsize=1 << 14)
def _word_number(word: str) -> str | None:
    """The number a word spells (its first clitic reading), above two; else None."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and word[len(prefix):] in _NUMBER_WORDS:
            value = _NUMBER_WORDS[word[len(prefix):]]
            return str(value) if value > 2 else None
    return None


@lru_cache(maxsize=1 << 14)  # words repeat across claims; bounded like fold_word's cache
def _word_actors(word: str) -> tuple:
    """Gazetteer actors a folded word names on its own, with or without a clitic prefix."""
    index = actor_index()
    found = []
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            for name in index.get(word[len(prefix):], ()):
                if len(name.tokens) == 1 and name.kind != "nisba":
                    found.append(name.actor)
    return tuple(found)


@lru_cache(maxsize=1 << 14)
def _raw_word_actors(raw_word: str) -> tuple:
    """_word_actors of a word as the text spells it: one cache lookup per word, not two."""
    return _word_actors(fold_word(raw_word))


@lru_cache(maxsize=1 << 12)  # syndicated copies carry the same contents
def _entities(text: str, speaker_actor: str | None) -> frozenset:
    found = set()
    for w in text.split():
        found.update(_raw_word_actors(w))
    folded = " " + fold(text) + " "
    for place, spellings, pattern in _PLACE_TESTS:
        if any(spelling in folded for spelling in spellings) and pattern.search(folded):
            found.add(place)
    found.discard(speaker_actor)
    return frozenset(found)


def signature(claim: dict, language: str | None, published=None, outlet: str | None = None) -> Signature:
    from crawler.claims.actors import resolve

    text = claim.get("content", "") + " " + (claim.get("content_continuation") or "")
    numbers = _numbers(text + " " + " ".join(claim.get("quantities") or []))
    via = set()
    for mention in claim.get("via") or []:
        info = resolve(mention.lstrip("לب") if language in ("he", "ar") else mention, language or "en")
        if info.actor and info.actor != "unidentified":
            via.add(info.actor)
    day = None
    if published:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(published))
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    actor = claim.get("actor")
    return Signature(actor, numbers, _entities(text, actor), frozenset(via), OUTLET_ACTORS.get(outlet or "", outlet),
                     day, language)


def evidence(a: Signature, b: Signature) -> int:
    """Points of agreement between two claims in different languages; 0 when they must not merge."""
    if not a.language or not b.language or a.language == b.language:
        return 0
    if not a.actor or a.actor != b.actor or a.actor == "unidentified":
        return 0
    if a.day and b.day and abs((a.day - b.day).days) > MAX_DAYS:
        return 0
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return 0  # "23 hostages" is not "33 hostages"
    same_numbers = bool(a.numbers) and a.numbers == b.numbers
    chain = bool((a.outlet and a.outlet in b.via) or (b.outlet and b.outlet in a.via) or (a.via & b.via))
    if not (same_numbers or chain):
        return 0  # an actor and a place in common are what every claim of a talks round shares
    points = NUMBER_POINTS * same_numbers + CHAIN_POINTS * chain
    return points + ENTITY_POINTS * len(a.entities & b.entities)


class CrossLanguageIndex:
    """Recent signatures by actor; ``find`` returns the cluster of the best-supported match.

    Bounded like the clusters' window: at most ``window`` distinct (signature, cluster) pairs
    in all, the least recently seen forgotten first (``window // 2`` at a time). A repeated
    claim (syndicated copies, re-fetches) adds nothing: kept once per copy, the entries of
    a 20,000-article crawl took the crawl process past 500 MB, and ``find`` scanned them all.
    """

    def __init__(self, window: int):
        self.window = window
        # Per actor, in the order first seen (which decides ties in ``find``, as a list of
        # every copy did); when each pair was last seen, for forgetting.
        self._by_actor: dict[str, dict[tuple[Signature, str], None]] = {}
        self._last_seen: dict[tuple[Signature, str], int] = {}
        self._added = 0

    def add(self, sig: Signature, cluster_id: str) -> None:
        if not sig.actor or not sig.language:
            return
        key = (sig, cluster_id)
        if key not in self._last_seen:
            self._by_actor.setdefault(sig.actor, {})[key] = None
        self._added += 1
        self._last_seen[key] = self._added
        if len(self._last_seen) > self.window + self.window // 2:
            self._forget_oldest()

    def _forget_oldest(self) -> None:
        newest = sorted(self._last_seen, key=self._last_seen.__getitem__)[-self.window:]
        self._last_seen = {key: self._last_seen[key] for key in newest}
        for actor, entries in list(self._by_actor.items()):
            kept = {key: None for key in entries if key in self._last_seen}
            if kept:
                self._by_actor[actor] = kept
            else:
                del self._by_actor[actor]

    def find(self, sig: Signature) -> str | None:
        best, best_points = None, MIN_EVIDENCE - 1
        language = sig.language
        for other, cluster_id in self._by_actor.get(sig.actor or "", ()):
            if other.language == language:
                continue  # evidence() is 0 within one language; most entries share the claim's
            points = evidence(sig, other)
            if points > best_points:
                best, best_points = cluster_id, points
        return best
