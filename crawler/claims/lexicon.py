"""The data the extractors run on, loaded once from ``data/`` (TSV and JSON, easy to extend).

- ``cues_ar.tsv`` / ``cues_en.tsv``: reporting expressions with their class and
  syntactic type (see the header of each file);
- ``actors.json``: the actors gazetteer (names of the talks' sides and media); ``actors_he.json``
  holds their Hebrew spellings;
- ``markers.json``: small closed word lists (anonymity, hedges, coreference heads,
  channels, time words) that the patterns consult.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from crawler.claims.text import fold, fold_word

# importlib.resources, not __file__: the project also runs from a zipped egg (Scrapyd).
DATA_DIR = resources.files("crawler.claims") / "data"


@dataclass(frozen=True)
class Cue:
    form: str
    cls: str  # SAY, CONFIRM, DENY, CLAIM, WARN, HEDGE, REPORT, CONTINUE, ACCORDING
    type: str  # past, present, participle, prep (ar); verb, participle, prep (en)
    complements: tuple[str, ...] = ()


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@lru_cache(maxsize=None)
def cues(language: str) -> dict[str, Cue]:
    """Folded cue form -> Cue (multi-word English cues keep their spaces)."""
    table: dict[str, Cue] = {}
    for row in _read_tsv(f"cues_{language}.tsv"):
        complements = tuple(fold_word(c) for c in row[3].split("|")) if len(row) > 3 and row[3] else ()
        table[fold(row[0])] = Cue(row[0], row[1], row[2], complements)
    if language == "ar":
        _add_arabic_plurals(table)
        _add_arabic_participle_forms(table)
    return table


# Feminine participles that are also common nouns (متابعة "follow-up", مطالبة "a demand").
_PARTICIPLE_NOUNS = {fold_word(w) for w in ("متابعة", "مطالبة", "مستدركة")}


def _add_arabic_participle_forms(table: dict[str, Cue]) -> None:
    """Feminine and plural of every masculine participle cue (مضيفاً -> مضيفةً، مضيفين): the gender and
    number follow the speaker, so the TSV lists the masculine only where the others are regular."""
    for form, cue in list(table.items()):
        if cue.type != "participle" or not form.endswith("ا") or len(form) < 4:
            continue
        for derived in (form[:-1] + "ه", form[:-1] + "ين"):
            if derived not in _PARTICIPLE_NOUNS:
                table.setdefault(derived, cue)


def _add_arabic_plurals(table: dict[str, Cue]) -> None:
    """Masculine plural of every past-tense cue (قالوا، أكدوا، نفوا، دعوا): a plural subject is
    dropped after it (the officials named before) or follows it. Derived from the masculine form
    (the one whose feminine +ت is listed, or a defective verb ending in ى/ا) so the TSV lists
    each verb once per gender only."""
    for form, cue in list(table.items()):
        if cue.type != "past" or len(form) < 3:
            continue
        if form[-1] in "يا":  # نفى -> نفوا، دعا -> دعوا، رأى -> رأوا
            plural = form[:-1] + "وا"
        elif form + "ت" in table:
            plural = form + "وا"
        else:
            continue
        table.setdefault(plural, Cue(cue.form, cue.cls, cue.type, cue.complements))


@lru_cache(maxsize=None)
def markers() -> dict:
    raw = json.loads((DATA_DIR / "markers.json").read_text(encoding="utf-8"))
    return {key: (frozenset(fold(v) for v in value) if isinstance(value, list) else value)
            for key, value in raw.items() if not key.startswith("_")}


@dataclass(frozen=True)
class ActorName:
    actor: str
    kind: str  # person, organization, government, media, nisba
    tokens: tuple[str, ...]  # folded tokens of the name


@lru_cache(maxsize=None)
def actor_names() -> tuple[ActorName, ...]:
    raw = json.loads((DATA_DIR / "actors.json").read_text(encoding="utf-8"))
    hebrew = json.loads((DATA_DIR / "actors_he.json").read_text(encoding="utf-8"))  # kept apart: one file per script
    names = []
    for entry in raw["entries"] + hebrew["entries"]:
        for lang in ("ar", "en", "he"):
            for name in entry.get(lang, []):
                toks = tuple(fold_word(t) for t in name.split() if fold_word(t))
                if toks:
                    names.append(ActorName(entry["actor"], entry["kind"], toks))
    # Longest names first, so "وكالة رويترز للأنباء" wins over "رويترز".
    return tuple(sorted(names, key=lambda n: -len(n.tokens)))


@lru_cache(maxsize=None)
def actor_index() -> dict[str, list[ActorName]]:
    """First folded token -> names starting with it."""
    index: dict[str, list[ActorName]] = {}
    for name in actor_names():
        index.setdefault(name.tokens[0], []).append(name)
    return index
