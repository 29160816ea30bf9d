"""Weighted term lists (lexicons/<language>.json) compiled into one matcher per language.

A lexicon has term groups (talks, gaza, mediators, israel, other_conflicts);
each term carries evidence points per mention. The matcher finds mentions in a
normalized text, longest term first, without overlaps ("ceasefire talks" counts
once, not also as "ceasefire" and "talks").

The reading is defined by one regex per group (an alternation, longest term
first). Languages written with spaces are matched word by word through an index
of first words instead, which gives the same matches (tests/test_relevance_lexicon_index.py
checks this against the regex on real texts) at a fraction of the cost: a regex
tries every alternative at every word, the index looks each word up once.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import normalize

GROUPS = ("talks", "gaza", "mediators", "israel", "other_conflicts")
# Arabic clitics before a word: conjunction (و ف), preposition (ب ل ك), article (ال);
# ل + ال is written لل.
_AR_PREFIX_BEFORE_ARTICLE = "[وف]?(?:[بك]?ال|لل)"
_AR_PREFIX_OPTIONAL = "[وف]?[بلك]?(?:ال|ل)?"
# The same two clitic patterns spelled out as the finite sets of strings they match.
_AR_BEFORE_ARTICLE_STRINGS = frozenset(a + b for a in ("", "و", "ف") for b in ("ال", "بال", "كال", "لل"))
_AR_OPTIONAL_STRINGS = frozenset(a + b + c for a, b, c in itertools.product(("", "و", "ف"), ("", "ب", "ل", "ك"),
                                                                         ("", "ال", "ل")))
_NO_CLITICS = frozenset({""})
# Hebrew prefixes before a word: conjunction ו, relative ש / כש / מש, preposition ב ל מ כ, in
# that order ("ושבקהיר", "כשהמשלחת"). The article ה is never added: a term that takes it is
# written with it ("המשלחת"), so "העזה" (daring) is not "עזה" (Gaza). After ב ל כ the
# article's ה drops ("במשלחת" = ב + המשלחת): such terms also match without their ה there.
_HE_PREFIX_STRINGS = frozenset(a + b + c for a, b, c in itertools.product(("", "ו"), ("", "ש", "כש", "מש"),
                                                                        ("", "ב", "ל", "מ", "כ")))
_HE_MERGED_ARTICLE_STRINGS = frozenset(s for s in _HE_PREFIX_STRINGS if s.endswith(("ב", "ל", "כ")))


def _clitic_regex(strings: frozenset[str]) -> str:
    return "(?:" + "|".join(sorted(strings, key=len, reverse=True)) + ")"


def _hebrew_article_term(first_word: str) -> bool:
    """A Hebrew term written with the article ("המשלחת", "החטופים"): long enough to be more than it."""
    return first_word.startswith("ה") and len(first_word) > 3


@dataclass(frozen=True)
class Term:
    text: str
    group: str
    weight: float


def _article_attached(first_word: str) -> bool:
    """An Arabic term opening with ال (and long enough to be more than the article):
    clitics attach before its article (وبالهدنة), else before the bare word (ولحماس)."""
    return first_word.startswith("ال") and len(first_word) > 4


@dataclass(frozen=True)
class _IndexedTerm:
    """One term as the word index sees it: what its regex alternative would match."""

    rank: int  # position in the regex alternation: the lower rank wins at a word
    term: Term
    clitics: frozenset[str]  # strings allowed before the first word
    first: str  # the first word after those clitics
    rest: tuple[str, ...]  # the following words; the last one is a prefix when open_end
    open_end: bool

    def match_end(self, words: list[str], start: int) -> int | None:
        """Index after the match's last word, when the term matches at ``start`` (whose first word fits)."""
        end = start + 1 + len(self.rest)
        if end > len(words):
            return None
        if not self.rest:
            return end
        following = words[start + 1:end]
        if following[:-1] != list(self.rest[:-1]):
            return None
        last, wanted = following[-1], self.rest[-1]
        return end if last == wanted or (self.open_end and last.startswith(wanted)) else None


@dataclass
class Mentions:
    """Evidence points per group found in one text, and which terms gave them."""

    points: Counter
    terms: Counter

    def __getitem__(self, group: str) -> float:
        return self.points.get(group, 0.0)


class Lexicon:
    def __init__(self, language: str, match: str, groups: dict[str, dict[str, float]]):
        self.language = language
        self.match = match
        # One matcher per group: a talks phrase ("وفد حماس") must not hide the
        # Gaza anchor inside it from the gaza group.
        self.matchers: dict[str, tuple[re.Pattern, list[Term]]] = {}
        # Word index over every group: first word -> terms starting with it (and,
        # for one-word terms with an open end, first-word prefix by length).
        self._by_first: dict[str, list[_IndexedTerm]] = defaultdict(list)
        self._by_open_first: dict[int, dict[str, list[_IndexedTerm]]] = defaultdict(lambda: defaultdict(list))
        self._clitics: frozenset[str] = _NO_CLITICS
        for group, entries in groups.items():
            if group not in GROUPS:
                raise ValueError(f"lexicon {language}: unknown group {group!r} (known: {', '.join(GROUPS)})")
            terms: dict[str, Term] = {}
            for raw, weight in entries.items():
                pattern = self._pattern(raw)
                # The same spelling twice (after normalization) keeps its strongest reading.
                if pattern not in terms or terms[pattern].weight < weight:
                    terms[pattern] = Term(raw, group, float(weight))
            ordered = sorted(terms.items(), key=lambda kv: len(kv[1].text.rstrip("*")), reverse=True)
            alternatives = "|".join(f"(?P<t{i}>{pattern})" for i, (pattern, _) in enumerate(ordered))
            if match == "substring":  # scripts without spaces between words (Japanese)
                regex = re.compile(f"(?:{alternatives})")
            else:
                regex = re.compile(f"(?<!\\S)(?:{alternatives})(?!\\S)")
            self.matchers[group] = (regex, [term for _, term in ordered])
            if match != "substring":
                for rank, (_, term) in enumerate(ordered):
                    self._index(rank, term)
        self._max_clitic = max(map(len, self._clitics))
        # Indexed terms whose first word (with its allowed clitics) can be a given word; cached
        # per word (bounded): news vocabulary repeats, and most words start no term.
        self._candidates = lru_cache(maxsize=1 << 16)(lambda word: tuple(self._lookup(word)))

    def _index(self, rank: int, term: Term) -> None:
        open_end = term.text.endswith("*")
        words = normalize(term.text.rstrip("*")).split()
        clitics, first = _NO_CLITICS, words[0]
        if self.match == "arabic":
            if _article_attached(first):
                clitics, first = _AR_BEFORE_ARTICLE_STRINGS, first[2:]
            else:
                clitics = _AR_OPTIONAL_STRINGS
        readings = [(clitics, first)]
        if self.match == "hebrew":
            readings = [(_HE_PREFIX_STRINGS, first)]
            if _hebrew_article_term(first):
                readings.append((_HE_MERGED_ARTICLE_STRINGS, first[1:]))
        for clitics, first in readings:
            self._clitics = self._clitics | clitics
            entry = _IndexedTerm(rank, term, clitics, first, tuple(words[1:]), open_end)
            if open_end and len(words) == 1:
                self._by_open_first[len(first)][first].append(entry)
            else:
                self._by_first[first].append(entry)

    def _pattern(self, raw: str) -> str:
        open_end = raw.endswith("*")
        words = normalize(raw.rstrip("*")).split()
        if not words:
            raise ValueError(f"lexicon {self.language}: empty term {raw!r}")
        body = r"\s".join(re.escape(w) for w in words)
        if self.match == "arabic":
            if _article_attached(words[0]):
                body = _AR_PREFIX_BEFORE_ARTICLE + body[2:]
            else:
                body = _AR_PREFIX_OPTIONAL + body
        elif self.match == "hebrew":
            rest = r"\s".join(re.escape(w) for w in [words[0][1:]] + words[1:])
            body = _clitic_regex(_HE_PREFIX_STRINGS - {""}) + "?" + body
            if _hebrew_article_term(words[0]):
                body = f"(?:{body}|{_clitic_regex(_HE_MERGED_ARTICLE_STRINGS)}{rest})"
        if open_end and self.match != "substring":
            body += r"\S*"
        return body

    def find(self, normalized_text: str) -> Mentions:
        if self.match == "substring":
            return self.find_with_regex(normalized_text)
        words = normalized_text.split()
        best: dict[int, dict[str, tuple[int, int, Term]]] = {}  # word -> group -> (rank, end, term)
        for start, word in enumerate(words):
            for entry in self._candidates(word):
                end = entry.match_end(words, start)
                if end is None:
                    continue
                at = best.setdefault(start, {})
                known = at.get(entry.term.group)
                if known is None or entry.rank < known[0]:
                    at[entry.term.group] = (entry.rank, end, entry.term)
        points: Counter = Counter()
        terms: Counter = Counter()
        starts = sorted(best)
        for group in self.matchers:  # group by group, left to right: the regex reading's order
            free_from = 0
            for start in starts:
                found = best[start].get(group) if start >= free_from else None
                if found:
                    _rank, free_from, term = found
                    points[group] += term.weight
                    terms[term.text] += 1
        return Mentions(points, terms)

    def _lookup(self, word: str):
        for cut in range(min(self._max_clitic, len(word) - 1) + 1):
            clitic = word[:cut]
            if clitic not in self._clitics:
                continue
            stem = word[cut:]
            for entry in self._by_first.get(stem, ()):
                if clitic in entry.clitics:
                    yield entry
            for length, firsts in self._by_open_first.items():
                if len(stem) < length:
                    continue
                for entry in firsts.get(stem[:length], ()):
                    if clitic in entry.clitics:
                        yield entry

    def find_with_regex(self, normalized_text: str) -> Mentions:
        """The defining reading: one regex per group. Used for scripts written without spaces."""
        points: Counter = Counter()
        terms: Counter = Counter()
        for group, (regex, group_terms) in self.matchers.items():
            for match in regex.finditer(normalized_text):
                term = group_terms[int(match.lastgroup[1:])]
                points[group] += term.weight
                terms[term.text] += 1
        return Mentions(points, terms)


@lru_cache(maxsize=None)
def load_lexicon(language: str) -> Lexicon | None:
    path = resources.files(__package__).joinpath("lexicons").joinpath(f"{language}.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Lexicon(data["language"], data.get("match", "words"), data["groups"])


@lru_cache(maxsize=None)
def available_languages() -> tuple[str, ...]:
    folder = resources.files(__package__).joinpath("lexicons")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))
