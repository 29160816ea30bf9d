"""Article-level driver: run the language's patterns paragraph by paragraph, then resolve
coreferent and implicit speakers, carry channels over, enrich and build the claim dicts."""

from __future__ import annotations

import re

from crawler.ids import claim_id
from crawler.claims import arabic, english, hebrew
from crawler.claims.actors import resolve
from crawler.claims.enrich import is_denial, is_hedged, parse_published, quantities, time_expressions
from crawler.claims.found import Found
from crawler.claims.lexicon import markers
from crawler.claims.text import fold_word, is_arabic

# How far back (in paragraphs) a coreferent speaker ("المصدر", "the official") looks.
COREF_WINDOW = 4
_MEDIA_COREF = {"القناه", "الوكاله", "الصحيفه", "الموقع", "الشبكه", "الهيئه", "the channel", "the agency", "the newspaper",
                "the broadcaster", "the network", "the outlet"}
_HE_COREF = {"הגורם", "המקור", "המקורות", "הגורמים", "הבכיר", "הוא", "היא", "הם", "הן", "הארגון", "התנועה",
             "השר", "הדובר", "הפקיד", "היועץ", "הערוץ", "הרשת", "העיתון", "הלשכה"}
_EN_COREF = {"he", "she", "they", "it", "which", "who", "the official", "the source", "the sources", "the officials",
             "the spokesman", "the spokeswoman", "the diplomat", "the minister", "the movement", "the group",
             "the ministry", "the office", "the president", "the envoy", "official"}


def _headline_like(text: str, index: int) -> bool:
    words = text.split()
    return index == 0 or (len(words) <= 16 and not text.rstrip().endswith((".", "。")))


def _is_coreferent(speaker: str, language: str) -> bool:
    words = [fold_word(w) for w in speaker.split()]
    if not words:
        return False
    if language == "ar":
        return words[0] in markers()["ar_coref_heads"] and not any(
            w.startswith(("مصري", "اسرائيل", "قطري", "امريك", "اميرك")) and w not in ("المصري",) for w in words[1:2]) \
            or words[0] in markers()["ar_coref_heads"] and len(words) <= 3
    if language == "he":
        return words[0] in _HE_COREF and len(words) <= 3
    return " ".join(words) in _EN_COREF or " ".join(words[:2]) in _EN_COREF and len(words) <= 2


def _script_language(text: str) -> str:
    if is_arabic(text):
        return "ar"
    return "he" if len(_HEBREW_LETTERS.findall(text)) > len(text) / 4 else "en"


_HEBREW_LETTERS = re.compile("[\u05d0-\u05ea]")


def extract_claims(paragraphs: list[str], language: str | None = None, published=None,
                   version_id: str | None = None, paragraph_offsets: list[int] | None = None) -> list[dict]:
    """Claims of one article. ``paragraphs[0]`` is the headline when the caller has one.
    ``paragraph_offsets`` are the paragraphs' character offsets in the text the offsets refer to
    (default: paragraphs joined by "\\n")."""
    if language and str(language).lower()[:2] not in ("ar", "en", "he"):
        return []  # no lexicon for this language (yet): nothing rather than noise
    language = str(language).lower()[:2] if language else _script_language(" ".join(paragraphs[:3]))
    published_date = parse_published(published)
    if paragraph_offsets is None:
        paragraph_offsets, pos = [], 0
        for p in paragraphs:
            paragraph_offsets.append(pos)
            pos += len(p) + 1
    patterns = {"ar": arabic, "he": hebrew}.get(language, english)
    claims: list[dict] = []
    for index, paragraph in enumerate(paragraphs):
        if not paragraph.strip():
            continue
        for found in patterns.extract_paragraph(paragraph, _headline_like(paragraph, index)):
            claim = _build(found, paragraph, index, language, claims, published_date)
            if claim is None:
                continue
            offset = paragraph_offsets[index]
            spans = [found.content] + [s for s in (found.speaker, found.cue, found.continuation) if s]
            claim["char_start"] = offset + min(s[0] for s in spans)
            claim["char_end"] = offset + max(s[1] for s in spans)
            claim["claim_id"] = claim_id(version_id or "", index, claim["char_start"], claim["char_end"])
            claim["cluster_id"] = claim["claim_id"]
            claims.append(claim)
    _headline_cataphora(claims)
    return claims


def _headline_cataphora(claims: list[dict]) -> None:
    """A headline's unnamed speaker ("official denies ...", "مصدر: ...") is usually the one the
    body introduces: borrow the side of the first body claim with the same head noun."""
    for claim in claims:
        if claim["paragraph"] != 0 or claim["actor"] not in (None, "unidentified") or not claim["speaker"]:
            continue
        heads = {fold_word(w).removeprefix("ال").rstrip("s") for w in claim["speaker"].split()}
        for body in claims:
            if body["paragraph"] > 0 and body["actor"] not in (None, "unidentified") and body["speaker"] and \
                    body["anonymous"] == claim["anonymous"] and \
                    heads & {fold_word(w).removeprefix("ال").rstrip("s") for w in body["speaker"].split()}:
                claim["actor"] = body["actor"]
                break


_PERSON_KINDS = {"person"}
_PERSONAL_COREF = {"he", "she", "official", "officials", "spokesman", "spokeswoman", "minister", "diplomat",
                   "envoy", "president", "مسؤول", "مسؤولون", "قيادي", "متحدث", "وزير", "دبلوماسي"}
_SOURCE_COREF = {"source", "sources", "مصدر", "مصادر"}


def _compatible(prev: dict, head: str | None) -> bool:
    """Can a claim's speaker be what a coreferent head refers back to?"""
    if head in _PERSONAL_COREF:
        return prev["speaker_kind"] in ("person", "anonymous_source")
    if head in _SOURCE_COREF:
        return prev["speaker_kind"] in ("anonymous_source", "person")
    return True


def _antecedent(claims: list[dict], index: int, media: bool, head: str | None = None, strict: bool = True) -> dict | None:
    for prev in reversed(claims):
        if index - prev["paragraph"] > COREF_WINDOW:
            return None
        if media:
            if prev["speaker_kind"] == "media":
                return prev
            if prev["_via_actor"]:
                return {**prev, "actor": prev["_via_actor"], "speaker_kind": "media", "anonymous": False, "via": []}
            continue
        if prev["speaker_kind"] == "media" or not _compatible(prev, head):
            continue
        if strict and head and head not in ("he", "she") and prev["speaker"] and head not in fold_word(prev["speaker"]):
            # prefer an antecedent with the same head noun ("المصدر" -> "مصدر مصري"), else the last compatible one
            continue
        return prev
    if strict:
        return _antecedent(claims, index, media, head, strict=False)
    return None


def _same_person(speaker: str | None, claims: list[dict], index: int) -> dict | None:
    """The previous named person this short mention repeats (its words are part of that speaker)."""
    if not speaker or len(speaker.split()) > 2:
        return None
    words = {fold_word(w) for w in speaker.split()} - {""}
    for prev in reversed(claims):
        if index - prev["paragraph"] > COREF_WINDOW:
            return None
        if prev["speaker"] and prev["speaker_kind"] == "person" and not prev["anonymous"] and prev["speaker"] != speaker \
                and words <= {fold_word(w) for w in prev["speaker"].split()}:
            return prev
    return None


def _build(found: Found, paragraph: str, index: int, language: str, claims: list[dict], published) -> dict | None:
    text = lambda span: paragraph[span[0]:span[1]] if span else None  # noqa: E731
    content = text(found.content).strip()
    if len(content.split()) < 2:
        return None
    speaker = text(found.speaker)
    info = resolve(speaker, language)
    actor, kind, anonymous = info.actor, info.kind, info.anonymous
    via = [text(v) for v in found.via if v]
    via_from = index
    notes = list(found.note)
    coref = found.coreferent or (speaker is not None and not info.named and _is_coreferent(speaker, language))
    antecedent = None
    same_person = _same_person(speaker, claims, index)
    if same_person is not None and not coref:
        # a surname repeating a named person ("وأشار بدران", "Qassem added"): same side, same channel
        actor, kind, anonymous = same_person["actor"], "person", False
    if coref:
        words = [fold_word(w) for w in (speaker or "").split()]
        media_coref = bool(words) and (words[0] in _MEDIA_COREF or " ".join(words[:2]) in _MEDIA_COREF)
        head = None
        if words and not media_coref:
            head = words[0].removeprefix("ال") if language == "ar" else words[0] if language == "he" else words[-1]
            if language == "en" and head in ("they", "it", "which", "who"):
                head = None
        antecedent = _antecedent(claims, index, media_coref, head)
        if antecedent:
            actor = antecedent["actor"]
            if speaker is None or not info.named:
                kind = antecedent["speaker_kind"] if not media_coref else "media"
                anonymous = antecedent["anonymous"]
    if not via:
        carrier = antecedent
        if carrier is None and (found.continues or found.rule == "ar.participle_clause_subject"):
            carrier = next((c for c in reversed(claims) if c["actor"] == actor and index - c["paragraph"] <= 2), None)
        if carrier is None and same_person is not None and index - same_person["paragraph"] <= 1:
            carrier = same_person
            found.continues = True
        if carrier and carrier["via"] and index - carrier["paragraph"] <= 2 and (coref or found.continues or found.implicit
                                           or found.rule == "ar.participle_clause_subject"):
            via = list(carrier["via"])
            origin = carrier.get("_via_from", carrier["paragraph"])
            if origin != index:
                notes.append(f"via carried over from paragraph {origin}")
                via_from = origin
    if actor is None and speaker and not info.named and not coref:
        actor = "unidentified"  # "mediators", "aid agencies", "مراقبون": unnamed, no side given
    cue = text(found.cue)
    polarity = "denial" if is_denial(found.cue_class, content) else "assertion"
    if polarity == "denial":
        notes.insert(0, "denial: the speaker rejects the content")
    via_actor = None
    for v in via:
        r = resolve(v.lstrip("ل") if language == "ar" else v, language)
        if r.media or r.actor:
            via_actor = r.actor
    sentence = paragraph[found.sentence[0]:found.sentence[1]]
    claim = {
        "paragraph": index,
        "speaker": speaker,
        "speaker_kind": kind,
        "actor": actor,
        "anonymous": bool(anonymous),
        "cue": cue,
        "content": content,
        "quote": "direct" if found.direct else "indirect",
        "via": via,
        "quantities": quantities(content, language) + (quantities(text(found.continuation), language)
                                                       if found.continuation else []),
        "note": "; ".join(dict.fromkeys(notes)) or None,
        "polarity": polarity,
        "hedged": is_hedged(found.cue_class, content),
        "sentence_index": found.sentence_index,
        "time_expressions": time_expressions(sentence, published, language),
        "rule": found.rule,
        "confidence": round(found.confidence * (0.9 if coref and antecedent is None else 1.0), 2),
        "_via_actor": via_actor,
        "_via_from": via_from,
    }
    if found.continuation:
        claim["content_continuation"] = text(found.continuation).strip()
    if language == "he":
        hebrew.finish(claim)
    return claim


def public(claim: dict) -> dict:
    """The claim without the driver's private working fields."""
    return {k: v for k, v in claim.items() if not k.startswith("_")}


def claims_for_text(text: str, language: str | None = None, published=None, article_id: str | None = None) -> list[dict]:
    """`scrapy claims` input: paragraphs are the non-empty lines (the first is the headline);
    offsets are in ``text`` itself."""
    paragraphs, offsets, pos = [], [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(line)
            offsets.append(pos)
        pos += len(line) + 1
    return [public(c) for c in extract_claims(paragraphs, language, published, article_id, offsets)]
