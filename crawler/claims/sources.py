"""Resolve a speaker span found by the patterns into the source proper and its relays.

The patterns find *where* the subject of a reporting frame is; real prose often puts the
channel in that slot: "A statement from Netanyahu's office said", "Hamas's statement said",
"قال بيان صادر عن حماس", "أكد مسؤول فلسطيني، للوكالة نفسها، أن". The gold rule keeps the
original speaker as ``speaker`` and the statement, outlet or listener in ``via``. These are
rules over the shape of the noun phrase (a channel head noun, the preposition that links
it to its author, a comma-set listener), not over particular names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.claims.actors import find_names
from crawler.claims.lexicon import markers
from crawler.claims.text import QUOTE_CHARS, fold_word

Span = tuple[int, int]

_EN_CHANNELS = ("statement", "statements", "post", "release", "video", "message", "letter", "tweet", "communique",
                "communiqué", "announcement", "readout", "memo", "note", "notice", "publication")
_EN_ADVERBS = {"further", "also", "later", "then", "again", "previously", "separately", "meanwhile", "however",
               "additionally", "moreover", "earlier", "too", "subsequently", "and", "but", "while", "yet"}
# "a (brief|joint) statement from X" / "the statement issued by X"
_EN_CHANNEL_OF = re.compile(
    r"^(?:(?:a|an|the|in\s+a)\s+)?(?P<via>(?:[\w-]+\s+){0,2}?(?:%s))\s+(?:(?:issued|released|published|posted)\s+)?"
    r"(?:from|by|of)\s+(?P<speaker>\S.*)$" % "|".join(_EN_CHANNELS), re.IGNORECASE)
# "Name Surname, the/a <title>": a capitalised name, then an appositive title
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|bin|ben|abu|de|van|der)(?:-[\w'’-]+)?)"
_EN_APPOSITIVE = re.compile(r"^(?P<speaker>(?:%s\s+){0,3}%s),\s+(?:the|a|an|his|her|its)\s+\S.*$" % (_NAME_WORD, _NAME_WORD))
_EN_RELATIVE = re.compile(r",?\s+(?:who|which|speaking|because)\s+\S|,?\s+on\s+condition\s+of\s+anonymity", re.IGNORECASE)
_EN_CITING = re.compile(r",?\s+(?:citing|quoting)\s+", re.IGNORECASE)
# "X's (joint) statement" / "X’s post"
_EN_POSSESSIVE = re.compile(r"^(?P<speaker>.+?)['’]s?\s+(?P<via>(?:[\w-]+\s+)?(?:%s))$" % "|".join(_EN_CHANNELS),
                            re.IGNORECASE)


@lru_cache(maxsize=None)
def _ar_channel_heads() -> frozenset:
    m = markers()
    return frozenset(m["ar_channel_heads"]) | {"ال" + w for w in m["ar_channel_heads"] if not w.startswith("ال")}


_AR_ISSUED = {"صادر", "صدر", "الصادر", "الصادره", "صادره", "منسوب", "المنسوب"}
_AR_FROM = {"عن", "من"}


def split_relay(paragraph: str, span: Span | None, language: str) -> tuple[Span | None, list[Span]]:
    """(speaker span, relay spans) for the speaker span the patterns found. The speaker is None when the
    span is only a channel ("The statement said", "قال البيان"): its author is the previous speaker."""
    if span is None:
        return span, []
    speaker, relays = _split(paragraph[span[0]:span[1]], language)
    moved = [(span[0] + a, span[0] + b) for a, b in relays]
    return (None if speaker is None else (span[0] + speaker[0], span[0] + speaker[1])), moved


# Speakers repeat within an article and across outlets: split each surface form once.
_EN_BARE_CHANNEL = re.compile(r"^(?:the|a|an|its|his|her|their)\s+(?:[\w-]+\s+)?(?P<via>%s)$" % "|".join(_EN_CHANNELS),
                              re.IGNORECASE)


@lru_cache(maxsize=1 << 12)
def _split(text: str, language: str) -> tuple[Span | None, tuple[Span, ...]]:
    whole = (0, len(text))
    bare = _EN_BARE_CHANNEL.match(text) if language == "en" else None
    if bare:
        return None, ((0, len(text)),)
    if language == "ar" and len(text.split()) <= 2 and fold_word(text.split()[0]) in _ar_channel_heads() and \
            fold_word(text.split()[0]).startswith("ال"):
        return None, ((0, len(text)),)  # وقال البيان / وأضاف البيان
    if language == "en":
        speaker, relays = _split_en(whole, text)
    elif language == "ar":
        speaker, relays = _split_ar(whole, text)
    else:
        speaker, relays = whole, []
    return speaker, tuple(relays)


def _trim(span: Span, text: str, start: int, end: int) -> Span:
    """The sub-span text[start:end] of span, without spaces, commas and quote marks at its edges."""
    edge = " ,،" + QUOTE_CHARS
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return span[0] + start, span[0] + end


def _split_en(span: Span, text: str) -> tuple[Span, list[Span]]:
    # adverbs glued to the subject: "However Israeli officials", "He further"
    words = list(re.finditer(r"\S+", text))
    a, b = 0, len(words)
    while a < b - 1 and fold_word(words[a].group()) in _EN_ADVERBS:
        a += 1
    while b > a + 1 and fold_word(words[b - 1].group()) in _EN_ADVERBS:
        b -= 1
    if (a, b) != (0, len(words)):
        span = _trim(span, text, words[a].start(), words[b - 1].end())
        text = text[words[a].start():words[b - 1].end()]
    m = _EN_RELATIVE.search(text)
    if m and m.start() > 0:
        # "a source close to the talks who asked not to be named": the relative clause describes the speaker
        span = _trim(span, text, 0, m.start())
        text = text[:m.start()].rstrip(" ,")
    m = _EN_CITING.search(text)
    if m and m.start() > 0 and len(text) - m.end() > 2:
        # "Al Qahera News TV, citing a high-level source" / "media reports citing unnamed officials": the source
        # speaks, the medium relays
        return _trim(span, text, m.end(), len(text)), [_trim(span, text, 0, m.start())]
    m = _EN_APPOSITIVE.match(text)
    if m:
        # "Majed al-Ansari, the Qatari foreign ministry spokesman": the name comes first, the speaker is the name
        return _trim(span, text, *m.span("speaker")), []
    m = _EN_CHANNEL_OF.match(text)
    if m and m.group("speaker")[:1].isupper() or m and m.group("speaker").split()[0].lower() in ("the", "a", "an", "its",
                                                                                              "his", "her", "their"):
        return _trim(span, text, m.start("speaker"), m.end("speaker")), [_trim(span, text, *m.span("via"))]
    m = _EN_POSSESSIVE.match(text)
    if m and m.group("speaker")[:1].isupper():
        return _trim(span, text, *m.span("speaker")), [_trim(span, text, *m.span("via"))]
    return span, []


def _split_ar(span: Span, text: str) -> tuple[Span, list[Span]]:
    words = list(re.finditer(r"\S+", text))
    folded = [fold_word(w.group()) for w in words]
    # بيان صادر عن حماس / البيان الصادر من "حماس": the statement is the channel, its author the speaker
    if len(words) >= 4 and folded[0] in _ar_channel_heads():
        k = 1
        while k < len(words) - 2 and folded[k] not in _AR_ISSUED and k < 3:
            k += 1
        if folded[k] in _AR_ISSUED and folded[k + 1] in _AR_FROM:
            return _trim(span, text, words[k + 2].start(), len(text)), [_trim(span, text, 0, words[k - 1].end())]
    # بيان حماس / بيان للخارجية القطرية / تصريح لوزير الخارجية: an indefinite channel noun in construct
    # with its author (the possessive channel of "Hamas's statement")
    if len(words) >= 2 and folded[0] in markers()["ar_channel_heads"] and not folded[0].startswith("ال"):
        author = folded[1]
        # لحماس -> حماس; للحركة stays whole (its article's alef is gone, "الحركة" is not in the text)
        cut = 1 if author.startswith("ل") and not author.startswith("لل") and len(author) > 3 else 0
        rest = ["ال" + author[2:] if author.startswith("لل") else author[cut:]] + folded[2:]
        names = find_names(rest[:4])
        heads = markers()["ar_person_heads"] | markers()["ar_government_heads"] | markers()["ar_org_heads"]
        if names and names[0][0] == 0 and names[0][2].kind != "nisba" or rest[0] in heads:
            return _trim(span, text, words[1].start() + cut, len(text)), [_trim(span, text, 0, words[0].end())]
    # مسؤول فلسطيني، للوكالة نفسها: a comma-set listener after the subject
    comma = max(text.rfind("،"), text.rfind(","))
    if comma > 0:
        tail = [fold_word(w) for w in text[comma + 1:].split()]
        if tail and tail[0][:1] == "ل" and len(tail) <= 4:
            head = tail[0][2:] if tail[0].startswith("لل") else tail[0][1:]
            if head in markers()["ar_media_heads"] or "ال" + head in markers()["ar_media_heads"]:
                return _trim(span, text, 0, comma), [_trim(span, text, comma + 1, len(text))]
    return span, []


# "According to the agreement / plan", "بحسب الاتفاق": a document the outlet paraphrases is
# background, not a speaker (gold/README conventions).
_DOCUMENT_NOUNS = {"agreement", "agreements", "deal", "plan", "proposal", "terms", "framework", "draft", "accord",
                   "roadmap", "truce", "ceasefire", "cease-fire", "resolution", "schedule", "timeline", "text",
                   "arrangement", "law", "constitution", "protocol", "map", "initiative",
                   "الاتفاق", "اتفاق", "الاتفاقيه", "اتفاقيه", "الخطه", "خطه", "المقترح", "مقترح", "الصفقه", "صفقه",
                   "الهدنه", "بنود", "الشروط", "المبادره", "مبادره", "الجدول", "القرار", "الورقه", "المسوده",
                   "التفاهمات", "الخريطه", "القانون"}
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her"}


@lru_cache(maxsize=1 << 12)
def is_background_source(speaker: str | None) -> bool:
    """The source of an according-to frame is a document ("the agreement", "الاتفاق"), not a speaker."""
    words = [fold_word(w) for w in (speaker or "").split()]
    words = [w for w in words if w and w not in _DETERMINERS]
    if not words:
        return False
    head = words[0]
    variants = {head, head.removeprefix("ل"), "ال" + head[2:] if head.startswith("لل") else head}
    return bool(variants & _DOCUMENT_NOUNS)


def split_joint(paragraph: str, span: Span | None, language: str) -> list[Span]:
    """"Qatar and Egypt said", "مصر وقطر تؤكدان": one speaker span per named side (gold: one claim per
    speaker, same content). A single speaker, or parts that are not all named sides, stay whole."""
    if span is None:
        return [span]
    parts = _joint_parts(paragraph[span[0]:span[1]], language)
    return [(span[0] + a, span[0] + b) for a, b in parts] if parts else [span]


@lru_cache(maxsize=1 << 12)
def _joint_parts(text: str, language: str) -> tuple[Span, ...]:
    from crawler.claims.actors import resolve  # actors imports lexicon only; resolve is cached

    if language == "en":
        cuts = [(m.start(), m.end()) for m in re.finditer(r",\s+(?:and\s+)?|\s+and\s+", text)]
    elif language == "ar":
        cuts = [(m.start(), m.start() + 2) for m in re.finditer(r"\sو(?=\S)", text)]
    else:
        return ()
    if not cuts or len(cuts) > 3:
        return ()
    parts, start = [], 0
    for a, b in cuts:
        parts.append((start, a))
        start = b
    parts.append((start, len(text)))
    for a, b in parts:
        info = resolve(text[a:b], language)
        if not text[a:b].strip() or len(text[a:b].split()) > 4 or not info.named or info.actor is None \
                or info.kind == "person" and language == "en" and not text[a:b][:1].isupper():
            return ()
    if len({resolve(text[a:b], language).actor for a, b in parts}) < len(parts):
        return ()  # "Hamas and its armed wing": one side
    return tuple(parts)
