"""Speaker mention -> canonical actor id, speaker kind and anonymity, from the gazetteer.

Rules are about the *shape* of a mention, not about particular sentences:
a named person maps to the side in the gazetteer; an unnamed official or source
takes the side of its nationality adjective ("مصدر مصري", "an Israeli official")
or of the organisation it belongs to ("مسؤول في حماس"); a medium speaking in its
own name is ``media``. Unknown speakers keep actor None (their surface form stays).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawler.claims.lexicon import ActorName, actor_index, markers
from crawler.claims.text import fold_word


@dataclass(frozen=True)
class SpeakerInfo:
    actor: str | None
    kind: str
    anonymous: bool
    named: bool  # a personal name or a named body (not "the official", "المصدر")
    media: bool


def _variants(token: str) -> list[str]:
    """A folded Arabic token with its proclitics (و ف ب ل, لل=ل+ال) peeled off."""
    out = [token]
    if token.startswith("لل") and len(token) > 3:
        out.append("ال" + token[2:])
    if len(token) > 3 and token[0] in "وفبل":
        out.append(token[1:])
        if token[1:].startswith("لل"):
            out.append("ال" + token[3:])
    if token.endswith("'s") or token.endswith("’s"):
        out.append(token[:-2])
    elif token.endswith("'"):
        out.append(token[:-1])
    return out


def find_names(words: list[str]) -> list[tuple[int, int, ActorName]]:
    """Non-overlapping gazetteer names in a list of folded words: (start, end, name)."""
    index = actor_index()
    found: list[tuple[int, int, ActorName]] = []
    i = 0
    while i < len(words):
        best = None
        for variant in _variants(words[i]):
            for name in index.get(variant, ()):
                n = len(name.tokens)
                if i + n <= len(words) and all(
                        name.tokens[k] in _variants(words[i + k]) or (k == 0) for k in range(n)):
                    if best is None or n > len(best.tokens) or (n == len(best.tokens) and best.kind == "nisba"):
                        best = name
        if best:
            found.append((i, i + len(best.tokens), best))
            i += len(best.tokens)
        else:
            i += 1
    return found


_CAPITALIZED_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+|(?:al|el|bin|ben|abu|abdel|de|van)-[\w'’-]+)$")


# Speakers and channels repeat within an article and across outlets; SpeakerInfo is immutable.
@lru_cache(maxsize=1 << 12)
def resolve(speaker: str | None, language: str) -> SpeakerInfo:
    if not speaker:
        return SpeakerInfo(None, "person", False, False, False)
    m = markers()
    raw_words = speaker.split()
    words = [fold_word(w) for w in raw_words]
    words = [w for w in words if w]
    names = find_names(words)
    # a place the speaker is in ("a Western diplomat in Doha", "مسؤول في القاهرة") is not their side
    names = [n for n in names if not (n[0] > 0 and words[n[0] - 1] in ("in", "في") and n[2].kind == "government"
                                      and len(n[2].tokens) == 1)]
    persons = [n for n in names if n[2].kind == "person"]
    media = [n for n in names if n[2].kind == "media"]
    bodies = [n for n in names if n[2].kind in ("organization", "government")]
    nisbas = [n for n in names if n[2].kind == "nisba"]
    wordset = set(words)
    if language == "ar":
        head = words[0] if words else ""
        source_word = bool(wordset & m["ar_source_heads"])
        anon_word = bool(wordset & m["ar_anonymous_heads"])
        person_role = bool(wordset & m["ar_person_heads"])
        gov_head = head in m["ar_government_heads"]
        media_head = head in m["ar_media_heads"] or (media and media[0][0] == 0) or head in _UNNAMED_MEDIA
        trailing_name = False
    else:
        head = _english_head(words)
        source_word = bool(wordset & m["en_source_words"])
        anon_word = bool(wordset & m["en_anonymous_words"])
        person_role = bool(wordset & m["en_person_words"])
        gov_head = head in m["en_government_words"]
        media_head = bool(media) and media[-1][1] >= len(words) - 1 or head in _UNNAMED_MEDIA
        trailing_name = bool(person_role and raw_words and words[-1] not in m["en_pronouns"]
                             and (len(words) < 2 or words[-2] not in _POSTMODIFIERS)
                             and words[-1] not in m["en_person_words"] and words[-1] not in m["en_anonymous_words"] and _CAPITALIZED_NAME.match(raw_words[-1].strip(",.'’"))
                             and fold_word(raw_words[-1]) not in {n.lower() for n in ("US", "U.S.")})
    if language == "en" and not trailing_name:
        # a personal name anywhere: two capitalised words that are not titles, sides or bodies
        known = {w for n in names for w in n[2].tokens}
        plain = [bool(_CAPITALIZED_NAME.match(w.strip(",.'’"))) and fold_word(w) not in known
                 and fold_word(w) not in m["en_person_words"] and fold_word(w) not in m["en_government_words"]
                 and fold_word(w) not in m["en_anonymous_words"] and fold_word(w) not in ("the", "a", "an")
                 for w in raw_words]
        trailing_name = any(plain[q] and plain[q + 1] for q in range(len(plain) - 1)) and person_role
    named_person = bool(persons) or trailing_name
    # actor: a person's side, else the medium, else the body, else the nationality
    actor = None
    for group in (persons, media if media_head else [], bodies, media, nisbas):
        if group:
            actor = group[0][2].actor
            break
    if actor in _SIDE_MEDIA and wordset & _UNNAMED_MEDIA and not media:
        actor = _SIDE_MEDIA[actor]  # "تقارير إعلامية إسرائيلية", "Israeli media": the side's media
    anonymous = (anon_word and not named_person and not (bodies and not source_word and not person_role)
                 and not media_head)
    if anonymous and actor is None:
        actor = "unidentified"
    if media_head and not anon_word:
        kind = "media"
    elif source_word or (anonymous and not person_role):
        kind = "anonymous_source"
    elif bodies and not persons and any(head in n[2].tokens or ("ال" + head) in n[2].tokens for n in bodies):
        kind = bodies[0][2].kind  # the gazetteer knows what this body is (Gaza's Health Ministry: organization)
    elif gov_head:
        kind = "government"
    elif named_person or person_role:
        kind = "person"
    elif bodies:
        kind = bodies[0][2].kind
    elif language == "en" and head in m["en_pronouns"]:
        kind = "person"
    elif language == "ar":
        # unknown Arabic speakers: organisations announce themselves by their head noun (المرصد، منظمة، حركة ...)
        kind = "organization" if words and (words[0] in m["ar_org_heads"] or words[0][1:] in m["ar_org_heads"]) \
            else "person"
    else:
        name_like = 1 < len(raw_words) <= 3 and all(_CAPITALIZED_NAME.match(w.strip(",.'’")) for w in raw_words)
        kind = "person" if name_like and not (wordset & m["en_org_words"]) else "organization"
    named = named_person or bool(bodies or media) and not anonymous
    return SpeakerInfo(actor, kind, anonymous, named, kind == "media")


# Unnamed reports are media speakers (gold/README: "reports", "it was reported", "أفادت تقارير").
_UNNAMED_MEDIA = {"تقارير", "التقارير", "reports", "media"}
_SIDE_MEDIA = {"israel": "israeli_media", "egypt": "egyptian_media"}
_POSTMODIFIERS = {"of", "in", "from", "close", "familiar", "involved", "with", "who", "at", "for", "on", "briefed",
                  "speaking", "based", "within", "inside", "to"}


def _english_head(words: list[str]) -> str:
    """The noun a phrase is about: the last word before its first post-modifier."""
    head = ""
    for w in words:
        if w in _POSTMODIFIERS and head:
            break
        head = w
    return head.removesuffix("'s").removesuffix("’s")
