"""Weighted term lists (lexicons/<language>.json) compiled into one matcher per language.

A lexicon has term groups (talks, gaza, mediators, israel, other_conflicts);
each term carries evidence points per mention. The matcher finds mentions in a
normalized text, longest term first, without overlaps ("ceasefire talks" counts
once, not also as "ceasefire" and "talks").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import normalize

GROUPS = ("talks", "gaza", "mediators", "israel", "other_conflicts")
# Arabic clitics before a word: conjunction (و ف), preposition (ب ل ك), article (ال);
# ل + ال is written لل.
_AR_PREFIX_BEFORE_ARTICLE = "[وف]?(?:[بك]?ال|لل)"
_AR_PREFIX_OPTIONAL = "[وف]?[بلك]?(?:ال|ل)?"


@dataclass(frozen=True)
class Term:
    text: str
    group: str
    weight: float


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

    def _pattern(self, raw: str) -> str:
        open_end = raw.endswith("*")
        words = normalize(raw.rstrip("*")).split()
        if not words:
            raise ValueError(f"lexicon {self.language}: empty term {raw!r}")
        body = r"\s".join(re.escape(w) for w in words)
        if self.match == "arabic":
            if words[0].startswith("ال") and len(words[0]) > 4:
                body = _AR_PREFIX_BEFORE_ARTICLE + body[2:]
            else:
                body = _AR_PREFIX_OPTIONAL + body
        if open_end and self.match != "substring":
            body += r"\S*"
        return body

    def find(self, normalized_text: str) -> Mentions:
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
