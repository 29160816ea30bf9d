"""Article-level driver: run the language's patterns paragraph by paragraph, then resolve
coreferent and implicit speakers, carry channels over, enrich and build the claim dicts."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from crawler.ids import claim_id
from crawler.claims import arabic, english, hebrew
from crawler.claims.actors import find_names, resolve
from crawler.claims.confidence import calibrated
from crawler.claims.enrich import is_denial, is_hedged, parse_published, quantities, time_expressions
from crawler.claims.found import Found
from crawler.claims.lexicon import markers
from crawler.claims.sources import is_background_source, split_joint, split_relay
from crawler.claims.text import OPEN_QUOTES, QUOTE_CHARS, fold_word, has_quote, is_arabic

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
    if " ".join(words) in _EN_COREF or " ".join(words[:2]) in _EN_COREF and len(words) <= 2:
        return True
    # "the prime minister", "the foreign minister": a definite title with no name and no side
    titles = markers()["en_person_words"]
    return words[0] == "the" and 2 <= len(words) <= 4 and words[-1] in titles and \
        resolve(speaker, language).actor in (None, "unidentified")


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
    sentence_times: dict[str, list[dict]] = {}
    for index, paragraph in enumerate(paragraphs):
        if not paragraph.strip():
            continue
        found_here = patterns.extract_paragraph(paragraph, _headline_like(paragraph, index))
        # "X said:" closing the paragraph before (Hebrew): this quotation is X's
        lead = getattr(patterns, "lead_in", None) and index and not found_here and patterns.lead_in(paragraphs[index - 1])
        if not found_here and claims and claims[-1]["paragraph"] == index - 1 and hasattr(patterns, "carried_quote"):
            found_here = patterns.carried_quote(paragraphs[index - 1], paragraph)  # a quotation running on
        if not found_here and (lead or claims and claims[-1]["paragraph"] == index - 1):
            found_here = _quote_continuation(paragraph)
        for found in [part for f in found_here for part in _joint(f, paragraph, language)]:
            claim = _build(found, paragraph, index, language, claims, published_date,
                           paragraphs[index - 1] if index else "", sentence_times)
            if claim is None:
                continue
            if lead:
                claim.update({k: v for k, v in lead.items() if v is not None})
                claim["note"] = "implicit speaker: introduced by the previous paragraph" + \
                    ("; via carried over from paragraph %d" % (index - 1) if lead.get("via") else "")
            offset = paragraph_offsets[index]
            spans = [found.content] + [s for s in (found.speaker, found.cue, found.continuation) if s]
            claim["char_start"] = offset + min(s[0] for s in spans)
            claim["char_end"] = offset + max(s[1] for s in spans)
            claim["claim_id"] = claim_id(version_id or "", index, claim["char_start"], claim["char_end"])
            claim["cluster_id"] = claim["claim_id"]
            claims.append(claim)
    _headline_cataphora(claims)
    return claims


def _joint(found: Found, paragraph: str, language: str) -> list[Found]:
    """A joint subject ("Qatar and Egypt said") gives the claim once per side."""
    spans = split_joint(paragraph, found.speaker, language)
    return [found] if len(spans) == 1 else [dataclasses.replace(found, speaker=s, via=list(found.via),
                                                                note=list(found.note)) for s in spans]


def _quote_continuation(paragraph: str) -> list[Found]:
    """A paragraph that is only a quotation, right after a claim, goes on quoting its speaker
    (gold/README: its own direct claim, speaker implicit, channel carried over)."""
    body = paragraph.strip()
    start = paragraph.index(body[:1]) if body else 0
    if not body or body[0] not in OPEN_QUOTES + '"':
        return []
    inner = body[1:].rstrip(".!?؟ ")
    end = start + 1 + len(inner)
    if inner[-1:] in QUOTE_CHARS:
        end -= 1
    if has_quote(paragraph[start + 1:end]):
        return []  # the quote closes inside: an attribution or another voice follows
    return [Found((start, len(paragraph)), 0, (start + 1, end), None, None, None, "quote_continuation", 0.6,
                  direct=True, coreferent=True, implicit=True, continues=True, note=["implicit speaker"])]


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
_HOPE_NOUNS = {"hope", "hopes", "امل", "امله", "املها", "املهم", "الامل", "تطلعه", "تطلعها"}
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


def _antecedent(claims: list[dict], index: int, media: bool, head: str | None = None, strict: bool = True,
                gender: str | None = None) -> dict | None:
    for prev in reversed(claims):
        if index - prev["paragraph"] > COREF_WINDOW:
            return None
        if media:
            if prev["speaker_kind"] == "media":
                return prev
            if prev["_via_actor"]:
                return {**prev, "actor": prev["_via_actor"], "speaker_kind": "media", "anonymous": False, "via": []}
            continue
        if head is None and prev["rule"] == "ar.vso_echo":
            continue  # "...، وهو ما أكده مسؤول قطري ..." then "وأضاف": the first speaker goes on
        if head is None and prev["rule"] == "ar.nested":
            # "وأشار إلى أن بايدن أكد ..." then "وأضاف": the name inside a claim's content is not who goes on
            # speaking; the claim's outer speaker (its first via) is, or whoever spoke before it
            prev = _outer_speaker(prev)
            if prev is None:
                continue
        if (prev["speaker_kind"] == "media" and head is not None) or not _compatible(prev, head):
            continue  # a pro-drop subject (no head at all) continues whoever spoke last, a medium too
        if gender and not _agrees(prev, gender):
            continue  # Arabic: وأضافت does not continue "المتحدث", وأضاف not "الحركة", وأضافا not "المصدر"
        if strict and head and head not in ("he", "she") and prev["speaker"] and head not in fold_word(prev["speaker"]):
            # prefer an antecedent with the same head noun ("المصدر" -> "مصدر مصري"), else the last compatible one
            continue
        return prev
    if strict:
        return _antecedent(claims, index, media, head, strict=False, gender=gender)
    if gender:
        return _antecedent(claims, index, media, head, strict=False)
    return None


def _outer_speaker(nested: dict) -> dict | None:
    """The speaker whose content held a nested claim, as an antecedent (None when it was itself implicit)."""
    if not nested["via"]:
        return None
    info = resolve(nested["via"][0], "ar")
    if info.media:
        return None  # a channel relaying the nested speaker is not who goes on speaking
    return {**nested, "speaker": nested["via"][0], "actor": info.actor, "speaker_kind": info.kind,
            "anonymous": info.anonymous, "via": nested["via"][1:], "_via_actor": None, "_gender": None}


def _agrees(prev: dict, verb: str) -> bool:
    """Can an earlier Arabic claim's speaker be the dropped subject of a verb of this agreement class?"""
    if prev["speaker"]:
        classes = arabic.speaker_agreement(prev["speaker"])
        if classes is None and verb in ("m", "f"):
            # an unknown head (الأمم المتحدة): its own verb told its gender (حذرت), if not its number
            own = arabic.verb_gender(prev["cue"])
            return own not in ("m", "f") or own == verb
        return classes is None or verb in classes
    return prev.get("_gender") in (None, verb)


def _repeats_head(speaker: str | None, info, claims: list[dict], index: int) -> bool:
    """A bare unnamed head ("وأضاف مسؤول", "مصادر") right after a claim whose speaker has that head
    ("مسؤول في حماس لوكالة ..."): the same source again, so its side and channel carry over."""
    if not speaker or info.named or " " in speaker.strip() or not claims or not claims[-1]["speaker"] or \
            index - claims[-1]["paragraph"] > 2:
        return False
    return fold_word(speaker) == fold_word(claims[-1]["speaker"].split()[0])


def _same_person(speaker: str | None, claims: list[dict], index: int) -> dict | None:
    """The previous named person this short mention repeats (its words are part of that speaker)."""
    if not speaker or len(speaker.split()) > 2:
        return None
    words = {_skeleton(fold_word(w)) for w in speaker.split()} - {""}
    for prev in reversed(claims):
        if index - prev["paragraph"] > COREF_WINDOW:
            return None
        if prev["speaker"] and prev["speaker_kind"] == "person" and not prev["anonymous"] \
                and words <= {_skeleton(fold_word(w)) for w in prev["speaker"].split()}:
            return prev
    return None


_LONG_VOWELS = str.maketrans("", "", "اوي")


@lru_cache(maxsize=8192)
def _skeleton(word: str) -> str:
    """A transliterated Arabic name without its inner long vowels: one article spells a foreign name
    both ways (لازاريني / لازريني، غوتيريش / غوتيرش); short words keep theirs (قال، عاد)."""
    return word[0] + word[1:].translate(_LONG_VOWELS) if len(word) >= 6 and is_arabic(word) else word


def _side_before(claims: list[dict]) -> str | None:
    """The side of the last claim that has one: a name the gazetteer does not know, in an article
    quoting one side after another, most often belongs to the side just quoted (a spokesman or
    negotiator introduced by name only); without it the claim would say "unidentified", never right
    for a named person."""
    return next((c["actor"] for c in reversed(claims) if c["actor"] not in (None, "unidentified")), None)


def _last_medium(claims: list[dict], index: int) -> tuple[list[str], int]:
    """The medium a relay verb with a dropped subject continues (ذكرت الصحيفة ... ونقلت عن مصادر ...):
    the last medium that spoke, or relayed, within the coreference window; its paragraph."""
    for prev in reversed(claims):
        if index - prev["paragraph"] > COREF_WINDOW:
            break
        if prev["speaker_kind"] == "media" and prev["speaker"]:
            return [prev["speaker"]], prev["paragraph"]
        if prev["_via_actor"] and prev["via"]:
            return [prev["via"][0]], prev.get("_via_from", prev["paragraph"])
    return [], index


def _chain_unbroken(claims: list[dict], carrier: dict, actor: str | None) -> bool:
    """A channel stated once holds for the same speaker's next claims ("وأضاف", "He added", a repeated
    surname) until another side speaks in between."""
    for prev in reversed(claims):
        if prev is carrier:
            return True
        if prev["actor"] != actor and prev["speaker"] is not None:
            return False
    return True


def _mentioned(text: str, personal: bool) -> tuple[str, str] | None:
    """(actor, kind) of the last named person (or, for "it"/pro-drop, any named side) in text:
    "He said" after "Qatar's prime minister spoke to reporters" with no claim of his own."""
    words = [fold_word(w) for w in text.split()]
    for start, stop, name in reversed(find_names([w for w in words if w])):
        if name.kind == "person" or (not personal and name.kind in ("organization", "government")):
            return name.actor, name.kind
    return None


def _build(found: Found, paragraph: str, index: int, language: str, claims: list[dict], published,
           previous: str = "", sentence_times: dict | None = None) -> dict | None:
    sentence_times = {} if sentence_times is None else sentence_times  # one article's sentences, each once
    text = lambda span: paragraph[span[0]:span[1]] if span else None  # noqa: E731
    content = text(found.content).strip()
    if len(content.split()) < 2 or fold_word(content.split()[0]) in _HOPE_NOUNS:
        return None  # "expressed hope ...", "معرباً عن أمله": a wish, not a claim (gold/README conventions)
    had_speaker = found.speaker is not None
    found.speaker, relays = split_relay(paragraph, found.speaker, language)
    if relays:
        found.via = relays + [v for v in found.via if v not in relays]
    if had_speaker and found.speaker is None:
        found.coreferent = found.implicit = True  # "The statement said": its author spoke before
    speaker = text(found.speaker)
    if is_background_source(speaker):
        return None  # "according to the agreement", "The plan calls for": a document, not a speaker
    info = resolve(speaker, language)
    actor, kind, anonymous = info.actor, info.kind, info.anonymous
    via = [text(v) for v in found.via if v]
    via_from = index
    notes = list(found.note)
    # Arabic pro-drop: the verb's gender (وأضاف / وأضافت) must agree with the antecedent's head noun
    gender = arabic.verb_gender(text(found.cue)) if language == "ar" and speaker is None else None
    coref = found.coreferent or (speaker is not None and not info.named and _is_coreferent(speaker, language)) \
        or language == "ar" and _repeats_head(speaker, info, claims, index)
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
        antecedent = _antecedent(claims, index, media_coref, head, gender=gender)
        if antecedent is None and not media_coref and (head is None or head in _PERSONAL_COREF) and \
                (speaker or "").lower() != "they":  # "they" after a list of sides: no single mention to take
            before = paragraph[:found.cue[0] if found.cue else found.content[0]]
            mention = _mentioned(previous + " " + before, personal=head is not None)
            if mention:
                antecedent = {"actor": mention[0], "speaker_kind": mention[1], "anonymous": False, "via": [],
                              "paragraph": index}
        if antecedent:
            actor = antecedent["actor"]
            if speaker is None or not info.named:
                kind = antecedent["speaker_kind"] if not media_coref else "media"
                anonymous = antecedent["anonymous"]
    if found.relayed and not via:
        via, via_from = _last_medium(claims, index)
        if via and via_from != index:
            notes.append(f"via carried over from paragraph {via_from}")
    if not via:
        carrier = antecedent
        if carrier is None and same_person is not None and index - same_person["paragraph"] <= COREF_WINDOW:
            # "وأضاف ترمب" after Axios relayed other US officials: Trump's own channel, not his side's
            carrier = same_person
            found.continues = True
            # his own pro-drop continuations since (وأضاف في حديثه لقناة ...) may have named a newer channel
            since = claims[next(n for n, c in enumerate(claims) if c is same_person) + 1:]
            carrier = next((c for c in reversed(since) if c["speaker"] is None and c["actor"] == actor and c["via"]),
                           carrier)
        if carrier is None and (found.continues or found.rule == "ar.participle_clause_subject"):
            carrier = next((c for c in reversed(claims) if c["actor"] == actor and index - c["paragraph"] <= 2), None)
        if carrier and carrier["via"] and index - carrier["paragraph"] <= COREF_WINDOW and \
                _chain_unbroken(claims, carrier, actor) and \
                (coref or found.continues or found.implicit or found.rule == "ar.participle_clause_subject"):
            via = list(carrier["via"])
            origin = carrier.get("_via_from", carrier["paragraph"])
            if origin != index:
                notes.append(f"via carried over from paragraph {origin}")
                via_from = origin
    if found.media and speaker is None:
        actor, kind, anonymous = "unidentified", "media", False
    if actor is None and found.apposition:
        actor = resolve(text(found.apposition), language).actor
    if actor is None and language == "ar" and not anonymous and kind in ("person", "government") and \
            arabic.is_name_like(speaker):
        actor = _side_before(claims)  # "وقال الحمايدة" after the movement spoke: a name the gazetteer lacks
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
    times = sentence_times.get(sentence)
    if times is None:
        times = sentence_times[sentence] = time_expressions(sentence, published, language)
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
        "time_expressions": [dict(t) for t in times],
        "rule": found.rule,
        "confidence": calibrated(found.rule, found.confidence, actor is not None, bool(coref and antecedent is None)),
        "_via_actor": via_actor,
        "_via_from": via_from,
        "_gender": gender,
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
