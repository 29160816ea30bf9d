"""English claim patterns over tokens of a paragraph (no parser: a cue lexicon + word classes).

Constructions: "X said (that) ...", "..., X said", quotes split around the cue
('"A," X said, "B."' and '"A," X said. "B."'), "X told Reuters ...", "according to X",
"X, citing Y, said ...", "X, speaking to AFP on condition of anonymity, said ...",
"X denied ...", conjoined cues ("confirmed ... and said ..., adding that ...",
"... and that ..."), "..., which said ...", headlines ("Hamas says ...", "..., sources say").
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.claims.found import Found
from crawler.claims.lexicon import Cue, cues, markers
from crawler.claims.actors import find_names
from crawler.claims.text import QUOTE_CHARS, Token, has_quote, may_contain, sentence_spans, tokenize

_AUX = {"has", "have", "had", "also", "later", "then", "again", "previously", "separately", "reportedly", "would",
        "will", "did", "does", "earlier", "repeatedly", "publicly", "privately"}
_PARENTHETICAL_STARTS = {"speaking", "citing", "quoting", "who", "which", "for", "in", "according", "asked", "when",
                         "writing", "meanwhile", "however", "too", "said", "meeting", "responding", "briefing"}
_LISTENER_CUES = {"told", "tell", "tells"}
# Verbs of a second act by the same subject ("said ... and vowed to ..."): the content stops there.
_SPEECH_ACTS = {"threatened", "vowed", "called", "urged", "pledged", "promised", "demanded", "asked", "appealed",
                "praised", "criticised", "criticized", "condemned", "welcomed", "thanked", "blamed", "described",
                "expressed", "announced", "refused", "declined", "dismissed", "rejected", "denied", "accused",
                "warned", "stressed", "noted", "added", "insisted", "argued", "confirmed", "said", "told"}


def _cue(toks: list[Token], i: int) -> Cue | None:
    table = cues("en")
    t = toks[i]
    if t.norm == "according" and i + 1 < len(toks) and toks[i + 1].norm == "to":
        return table["according to"]
    if t.norm in ("called", "calls", "calling") and i + 1 < len(toks) and toks[i + 1].norm in ("for", "on"):
        return _CALL_FOR[t.norm]  # "called for a ceasefire", "called on Israel to ..." (not "a body called X")
    return table.get(t.norm)


_CALL_FOR = {"called": Cue("called", "SAY", "verb"), "calls": Cue("calls", "SAY", "verb"),
             "calling": Cue("calling", "SAY", "participle")}


def _inside_quotes(text: str, s0: int, pos: int) -> bool:
    segment = text[s0:pos]
    straight = segment.count('"') % 2 == 1
    opened = sum(segment.count(c) for c in "“«") - sum(segment.count(c) for c in "”»")
    return straight or opened > 0


def _quote_after(t: Token) -> bool:
    return any(c in QUOTE_CHARS for c in t.after)


def _capitalized(t: Token) -> bool:
    return t.text[:1].isupper() or t.text[:1].isdigit()


def _speaker_before(toks: list[Token], i: int):
    """Backward scan for the subject of the cue at i: (start, end) token range, via spans, cited speaker."""
    m = markers()
    j = i - 1
    while j >= 0 and not toks[j].comma:
        if toks[j].norm in _AUX or toks[j].text.islower() and toks[j].norm.endswith("ly"):
            j -= 1  # "has urgently appealed", "also expressed": adverbs are not the subject
        elif j >= 1 and toks[j].norm in m["en_time_words"] and toks[j - 1].norm in ("on", "last", "this", "late",
                                                                                    "early") and not toks[j - 1].comma:
            j -= 2  # "X on Saturday expressed"
        else:
            break
    vias, cited = [], None
    if j >= 0 and _quote_after(toks[j]):
        return None  # '"...," said X': the speaker follows the cue
    if j >= 0 and toks[j].comma:
        # a parenthetical or an appositive before the cue
        c = j - 1
        while c >= 0 and not toks[c].comma:
            c -= 1
        par = toks[c + 1:j + 1]
        if par and par[0].norm in _PARENTHETICAL_STARTS or (par and par[0].text[:1].islower() and par[0].norm not in ("al", "el")):
            if par and par[0].norm in ("citing", "quoting"):
                cited = (c + 2, j + 1)
            elif par and par[0].norm == "in" and any(x.norm in _CHANNEL_NOUNS for x in par):
                # "X, in a televised speech, said": the channel is the noun with its adjective
                noun = next(n for n, x in enumerate(par) if x.norm in _CHANNEL_NOUNS)
                first = noun - 1 if noun > 1 and par[noun - 1].norm not in _DETERMINERS else noun
                vias.append((par[first].start, par[noun].end))
            elif par and par[0].norm in ("quoted", "cited") and len(par) > 2 and par[1].norm == "by":
                vias.append((par[2].start, par[-1].end))  # "Israeli officials, quoted by Channel 12, said"
            elif par and par[0].norm == "speaking" and len(par) > 2 and par[1].norm in ("to", "with"):
                k = 2
                while k < len(par) and (_capitalized(par[k]) or par[k].norm in ("the", "of")):
                    k += 1
                if k > 2:
                    vias.append((par[2].start, par[k - 1].end))
            j = c  # the subject proper ends before the parenthetical's opening comma
            if j < 0 or not toks[j].comma:
                return None
            k = j
            while k >= 0 and not (k < j and toks[k].comma) and toks[k].norm not in m["en_clause_stops"]:
                k -= 1
            start = k + 1
            if start > j:
                return None
            return (start, j + 1), vias, cited
        if par and all(_capitalized(t) or t.norm in ("al", "bin", "de") for t in par) and len(par) <= 5:
            return (c + 1, j + 1), vias, cited  # appositive name: "minister, Itamar Ben-Gvir, said"
        return None
    k = j
    while k >= 0 and k > j - 12:
        t = toks[k]
        if t.norm in m["en_clause_stops"] and not t.text.isupper() or (k < j and (t.comma or _quote_after(t) or t.colon)):
            break  # ("WHO" is an acronym, not the relative pronoun)
        if k < j and t.after.strip().endswith((".", ";")) and not re.fullmatch(r"[A-Z](?:\.[A-Z])*", t.text):
            break
        acronym = k == j and t.before.endswith("(")  # "Anadolu Agency (AA) reported": the acronym repeats the name
        if not t.norm or t.after.endswith(")") and not acronym or t.text in ("—", "–", "-"):
            break
        k -= 1
    start = k + 1
    if start > j:
        return None
    if k >= 1 and toks[k].norm == "and" and not toks[k - 1].comma:
        c = k - 1
        while c >= 0 and not toks[c].comma and toks[c].norm not in m["en_clause_stops"]:
            c -= 1
        left = toks[c + 1:k]
        if 0 < len(left) <= 6 and c < 0 or (c >= 0 and toks[c].comma):
            if left and all(_capitalized(t) or t.norm in ("of", "the", "'s") for t in left):
                start = c + 1
    return (start, j + 1), vias, cited


def _skip_adverbials(toks: list[Token], k: int, text: str):
    """Skip listener, time and place adverbials after a cue; return (index, via spans, listener span)."""
    m = markers()
    vias = []
    while k < len(toks):
        t = toks[k]
        if t.norm in ("on", "in", "via", "through") and k + 2 < len(toks) and toks[k + 1].norm in _DETERMINERS | {"its",
                                                                                                        "their"}:
            # "in a news release", "in a televised address", "on his X account", "on its official website"
            e = k + 2
            while e < len(toks) and e < k + 5 and not toks[e - 1].comma and toks[e].norm not in _CHANNEL_NOUNS \
                    and toks[e].norm not in ("that", "about", "over", "to", "on"):
                e += 1
            if e < len(toks) and toks[e].norm in _CHANNEL_NOUNS:
                vias.append((toks[k + 1].start, toks[e].end))
                k = e + 1
                continue
            if toks[k + 1].norm in ("his", "her", "its", "their") and _capitalized(toks[k + 2]) and \
                    toks[k + 2].norm not in m["en_time_words"]:
                vias.append((toks[k + 1].start, toks[k + 2].end))  # "on his X"
                k += 3
                continue
        if t.norm in ("on", "in", "at", "during", "from", "late", "early", "last", "this") and k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt.norm in ("a", "an") and k + 2 < len(toks) and toks[k + 2].norm in ("statement", "interview", "post",
                                                                                    "speech", "briefing", "video"):
                e = k + 3
                if e < len(toks) and toks[e].norm in ("with", "on", "to") and e + 1 < len(toks) and _capitalized(toks[e + 1]):
                    e2 = e + 1
                    while e2 < len(toks) and (_capitalized(toks[e2]) or toks[e2].norm == "of") and not toks[e2 - 1].comma:
                        e2 += 1
                    vias.append((toks[e + 1].start, toks[e2 - 1].end))
                    k = e2
                else:
                    vias.append((toks[k + 2].start, toks[k + 2].end))
                    k = k + 3
                continue
            if nxt.norm in m["en_time_words"] or _capitalized(nxt) or nxt.norm == "the":
                e = k + 1
                if nxt.norm == "the":
                    e += 1
                while e < len(toks) and (_capitalized(toks[e]) or toks[e].norm in m["en_time_words"]) and \
                        not toks[e - 1].comma and not toks[e - 1].colon:
                    e += 1
                if e == k + 1:
                    break
                if t.norm == "on" and _capitalized(toks[k + 1]) and toks[k + 1].norm not in m["en_time_words"]:
                    vias.append((toks[k + 1].start, toks[e - 1].end))  # said on X / Truth Social
                k = e
                continue
            break
        if t.norm in m["en_time_words"] and t.norm not in ("on", "this", "last"):
            k += 1
            continue
        break
    return k, vias


_DETERMINERS = {"a", "an", "the", "his", "her", "its", "their"}
_CLAIM_NOUNS = {"claim", "allegation", "charge", "accusation", "assertion", "report", "figure", "account", "version"}
_CHANNEL_NOUNS = {"statement", "interview", "post", "speech", "briefing", "video", "address", "tweet", "letter",
                  "message", "broadcast", "podcast", "op-ed", "column", "release", "website", "account", "communique"}
_FINITE_BE = {"is", "are", "was", "were", "will", "would", "have", "had"}
# "expressed concern over X": the emotion noun and its preposition come before the content
_EMOTION_NOUNS = {"concern", "concerns", "alarm", "regret", "dismay", "outrage", "anger", "frustration", "optimism",
                  "support", "satisfaction", "surprise", "worry", "fears", "fear"}


def _frame_channel(toks: list[Token], limit: int) -> list:
    """A channel fronted before the subject: "In an interview with CBS, X said", "Speaking to AFP, X said"."""
    for q in range(0, max(0, limit - 1)):
        t = toks[q]
        if t.norm == "in" and q + 3 < limit and toks[q + 1].norm in _DETERMINERS and \
                toks[q + 2].norm not in _CHANNEL_NOUNS and toks[q + 3].norm in _CHANNEL_NOUNS:
            return [(toks[q + 2].start, toks[q + 3].end)]  # "In a televised speech, X said"
        if t.norm == "in" and q + 2 < limit and toks[q + 1].norm in ("a", "an", "his", "her", "its", "their", "the") \
                and toks[q + 2].norm in _CHANNEL_NOUNS:
            e = q + 3
            if e + 1 < limit and toks[e].norm in ("with", "to", "on") and _capitalized(toks[e + 1]):
                f = e + 1
                while f < limit and (_capitalized(toks[f]) or toks[f].norm == "of") and not toks[f - 1].comma:
                    f += 1
                return [(toks[e + 1].start, toks[f - 1].end)]
            return [(toks[q + 2].start, toks[q + 2].end)]
        if t.norm in ("speaking", "writing", "posting") and q + 2 < limit and toks[q + 1].norm in ("to", "with", "on") \
                and (_capitalized(toks[q + 2]) or toks[q + 2].norm == "the"):
            f = q + 2
            while f < limit and (_capitalized(toks[f]) or toks[f].norm in ("the", "of")) and not toks[f - 1].comma:
                f += 1
            words = [x.norm for x in toks[q + 2:f]]
            names = find_names(words)
            if (names and names[0][2].kind == "media") or any(w in markers()["en_media_words"] for w in words) \
                    or t.norm in ("writing", "posting"):
                return [(toks[q + 2].start, toks[f - 1].end)]
    return []


def _content_end(toks: list[Token], j: int, headline: bool) -> tuple[int, int | None]:
    """End of the forward content from j, and the index of a second 'that' clause if any."""
    words = _cue_words()
    n = len(toks)
    for k in range(j + 1, n):
        t = toks[k]
        prev = toks[k - 1]
        comma = prev.comma
        c = _cue(toks, k) if t.norm in words else None
        if c:
            if c.type == "participle" and comma:
                return k, None
            if c.type == "verb" and prev.norm in ("and", "but") and t.norm not in ("report", "reports"):
                return k - 1, None
            if c.type == "verb" and prev.norm in ("he", "she", "they", "it") and k >= j + 2 and \
                    toks[k - 2].norm in ("and", "but"):
                return k - 2, None  # "..., but he cautioned that ...": a new claim
            if c.type == "prep" and comma:
                return k, None
            if headline and c.type == "verb" and comma:
                return k, None  # "X rejects Y, vows to ...": the headline's second verb
        if t.norm == "that" and prev.norm in ("and", "but"):
            return k - 1, k + 1
        if headline and t.norm == "as":
            return k, None
        if comma and t.norm in ("while", "whereas", "but", "and", "as", "although") and any(
                (c2 := _cue(toks, q)) and c2.type == "verb" for q in range(k + 1, min(k + 9, n))):
            return k, None  # "..., while an Israeli official said ...": a second attribution
        if t.norm == "which" and comma:
            return k, None  # a non-restrictive relative clause is the outlet's gloss
        if prev.norm == "and" and t.norm in _SPEECH_ACTS:
            return k - 1, None  # "said A and threatened to ...": the speaker's next act
    return max(j, n), None


def _span_text(toks: list[Token], a: int, b: int, text: str) -> tuple[tuple[int, int], bool]:
    s, e = toks[a].start, toks[b - 1].end
    opened = any(c in QUOTE_CHARS for c in toks[a].before)
    closed = any(c in QUOTE_CHARS for c in toks[b - 1].after)
    inner = text[s:e]
    direct = opened and closed and not has_quote(inner)
    if not direct:
        if opened:
            s -= 1
        if closed and (opened or has_quote(inner)):
            after = toks[b - 1].after
            e += 1 + min(after.find(c) for c in QUOTE_CHARS if c in after)
    return (s, e), direct


@lru_cache(maxsize=None)
def _cue_words() -> frozenset:
    """Every folded word _cue can accept: a cue form, or the first word of a multi-word one ("according")."""
    return frozenset(cues("en")) | {form.split()[0] for form in cues("en")} | {"reportedly", "quoted"} | set(_CALL_FOR)


def extract_paragraph(text: str, headline_like: bool) -> list[Found]:
    out: list[Found] = []
    if "(@" in text and (post := _embedded_post(text)):
        return [post]
    # Every rule starts at a cue or at a colon: text with neither is skipped before the costly
    # sentence splitting and tokenizing.
    dash = headline_like and any(d in text for d in (" - ", " – ", " — "))  # "Name - ..." headlines
    if not dash and not may_contain(text, 0, len(text), _cue_words()):
        return out
    spans = sentence_spans(text)
    consumed = set()
    for s_index, (s0, s1) in enumerate(spans):
        if s_index in consumed or not dash and not may_contain(text, s0, s1, _cue_words()):
            continue
        toks = tokenize(text, s0, s1)
        if not toks:
            continue
        found = _sentence(text, toks, (s0, s1), s_index, headline_like)
        # '"A," the official said. "B."': the next sentence, wholly quoted, continues the quote
        for f in found:
            if f.direct and f.continuation is None and s_index + 1 < len(spans) and f.rule == "en.quote_first":
                n0, n1 = spans[s_index + 1]
                nxt = text[n0:n1]
                if nxt[:1] in QUOTE_CHARS and nxt.rstrip(".")[-1:] in QUOTE_CHARS and \
                        not any(c in QUOTE_CHARS for c in nxt[1:].rstrip(".")[:-1]):
                    body = nxt[1:].rstrip().rstrip("".join(QUOTE_CHARS)).rstrip(".!?,").rstrip()
                    f.continuation = (n0 + 1, n0 + 1 + len(body))
                    f.note.append("direct quote split around the cue")
                    consumed.add(s_index + 1)
        for f in found:
            if f.via:
                f.via = [v for v in f.via if not _MEETING_RE.search(text[v[0]:v[1]])]
        out += found
    return out


# Press conferences, briefings, meetings, calls and summits are where words were said, not a channel
# that carried them (gold/README "Relayed statements"); interviews, speeches and statements are.
_MEETING_RE = re.compile(r"\b(?:(?:press|news) conference|conference|briefing|meeting|summit|phone call|call)s?\b",
                         re.IGNORECASE)


def _sentence(text: str, toks: list[Token], sent, s_index: int, headline: bool) -> list[Found]:
    m = markers()
    out: list[Found] = []
    s0 = sent[0]
    # colon headline: "Hamas: ..."
    for k, t in enumerate(toks[:5]):
        # "Rashwan: ..." or "Hamas official - talks stalled" (a dash, in a headline)
        dash = k + 2 < len(toks) and toks[k + 1].text in ("-", "–", "—") and not t.colon and \
            all(_capitalized(x) or x.norm in ("official", "source", "sources", "spokesman", "minister")
                for x in toks[:k + 1]) and not any(_cue(toks, q) for q in range(k + 2, min(k + 5, len(toks))))
        if (t.colon or dash) and headline and not any(_cue(toks, q) for q in range(k + 1)) and \
                not all(x.text.isupper() for x in toks[:k + 1]):  # an all-caps dateline is not a speaker
            body = k + 2 if dash else k + 1
            if body < len(toks):
                end, _ = _content_end(toks, body, headline)
                content, direct = _span_text(toks, body, end, text)
                first = any(x.norm in ("we", "our", "us", "i", "my") for x in toks[body:end])
                out.append(Found(sent, s_index, content, None, (toks[0].start, toks[k].end), None,
                                 "en.dash_headline" if dash else "en.colon_headline", 0.75, direct=direct or first,
                                 note=["headline attribution by " + ("dash" if dash else "colon")]))
            break
    consumed_until = owner = _trailing_owner(toks, text, s0)
    i = 0
    while i < len(toks):
        cue = _cue(toks, i)
        if toks[i].norm == "reportedly" and i + 1 < len(toks) and i >= consumed_until and \
                not _inside_quotes(text, s0, toks[i].start) and (result := _reportedly(text, toks, i + 1, sent, s_index)):
            out += result[0]
            consumed_until = i = result[1]
            continue
        if toks[i].norm == "quoted" and i >= consumed_until and not _inside_quotes(text, s0, toks[i].start) and \
                (result := _quoted_as_saying(text, toks, i, sent, s_index)):
            out += result[0]
            consumed_until = i = result[1]
            continue
        if not cue or i < consumed_until or _inside_quotes(text, s0, toks[i].start):
            i += 1
            continue
        result = None
        if cue.type == "prep" and cue.form == "according to":
            result = _according(text, toks, i, sent, s_index, out)
        elif cue.type == "participle":
            if i > 0 and (toks[i - 1].comma or toks[i - 1].norm in _CHANNEL_NOUNS):
                result = _participle(text, toks, i, cue, sent, s_index, out, headline)
        elif cue.type == "verb":
            result = _verb(text, toks, i, cue, sent, s_index, out, headline)
        if result:
            for f in result[0]:
                out.append(f)
            consumed_until = result[1]
            i = max(i + 1, min(result[1], len(toks)))
        else:
            i += 1
    if owner and len(out) == 1 and out[0].rule == "en.trailing_attribution":
        out = _inner_claims(text, toks, sent, s_index, headline, out[0]) + out
    return out


def _inner_claims(text, toks, sent, s_index, headline, outer: Found) -> list[Found]:
    """"Egypt demanded X, Egyptian sources said": the reported clause has its own frame. A source
    outside gives two claims (gold/README); a medium outside is the inner claim's channel."""
    subject = next((q for q, t in enumerate(toks) if t.start >= outer.speaker[0]), 0)
    inner = [f for f in _sentence(text, toks[:subject], sent, s_index, headline) if f.speaker and f.cue
             and len(text[f.content[0]:f.content[1]].split()) >= 4]  # "Israel rejected the draft": an act, not a report
    words = [t.norm for t in toks[subject:] if t.start < outer.speaker[1]]
    names = find_names(words)
    if inner and (any(n[2].kind == "media" for n in names) or any(w in markers()["en_media_words"] for w in words)):
        for f in inner:
            f.via = [outer.speaker] + f.via
        outer.content = (outer.content[0], outer.content[0])  # dropped by the driver: the channel is in via
    return inner


_BASE_FORM_BLOCKERS = {"to", "will", "would", "could", "can", "should", "may", "might", "must", "not", "did", "does",
                       "do", "cannot", "n't", "never", "let", "help", "make"}
_NOT_CONTENT_START = {"about", "of", "so", "goodbye", "hello"}
# "said nothing about ...", "said little on ...": no claim; "said nothing has been agreed": a claim
_EMPTY_OBJECTS = {"nothing", "little", "anything", "something", "much"}
# "MEXICO CITY (AP) —", "CAIRO, March 5 (Reuters) -": the outlet's dateline, not the claim
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .'/-]+(?:,\s+[A-Z][A-Z .'/-]+)?(?:,\s+\w+\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[—–-]+\s*")


def _strip_dateline(text: str, span):
    m = _DATELINE_RE.match(text[span[0]:span[1]])
    return (span[0] + m.end(), span[1]) if m and m.end() < span[1] - span[0] else span


def _trim_speaker(toks: list[Token], a: int, b: int):
    """Drop time adverbials stuck to a subject: "On Monday night No 10", "the UN's counsel on Monday"."""
    m = markers()
    while a < b - 1 and (toks[a].norm in m["en_time_words"] or toks[a].norm in ("on", "in", "at")) and \
            any(toks[q].norm in m["en_time_words"] - {"on", "this", "last"} for q in range(a, min(a + 3, b))):
        a += 1
    while b > a + 1 and (toks[b - 1].norm in m["en_time_words"] - {"this"}) and toks[b - 2].norm in {"on", "late", "early", "last", "this"} | m["en_time_words"]:
        b -= 1
        if toks[b - 1].norm in ("on", "late", "early", "last", "this"):
            b -= 1
    return a, b


def _trailing_owner(toks: list[Token], text: str, s0: int) -> int:
    """Index of a sentence-final attribution ("..., a spokesman said on Monday.") when an earlier cue
    sits in its content ("Israel has rejected the proposal, ..."): start the scan there."""
    m = markers()
    words = _cue_words()
    cue_positions = [q for q, t in enumerate(toks) if t.norm in words and (c := _cue(toks, q)) and c.type == "verb"
                     and not _inside_quotes(text, s0, t.start)]
    if len(cue_positions) < 2:
        return 0
    last = cue_positions[-1]
    rest = toks[last + 1:]
    if any(not (t.norm in m["en_time_words"] or _capitalized(t) or t.norm in ("in", "at", "the", "a", "statement"))
           for t in rest) or any(_quote_after(t) for t in toks[:last]):
        return 0
    comma = next((q for q in range(last - 1, max(-1, last - 12), -1) if toks[q].comma), None)
    if comma is None or comma < cue_positions[-2]:
        return 0
    return last


def _verb(text, toks, i, cue, sent, s_index, previous, headline):
    m = markers()
    if not cue.form.endswith(("s", "ed")) and cue.form not in ("said", "told", "wrote", "insist") and i > 0 and \
            toks[i - 1].norm in _BASE_FORM_BLOCKERS:
        return None  # "to confirm", "will say": not a report
    if cue.form.endswith("ed") and i > 0 and (toks[i - 1].norm in _DETERMINERS or toks[i - 1].norm.endswith("est")) \
            and not toks[i - 1].comma:
        return None  # "the largest confirmed reserves": an adjective, not a report
    if i + 1 < len(toks) and not toks[i].comma and (toks[i + 1].norm == "by" or toks[i + 1].norm in _FINITE_BE):
        return None  # "an attack claimed by ...": a passive participle; "the demands were ...": a noun
    if i > 0 and toks[i - 1].text.endswith(("'s", "’s")) and not toks[i - 1].comma:
        return None  # "Israel's demand to keep troops": a noun after a possessive
    if i > 0 and toks[i - 1].norm == "reportedly":
        return _reportedly(text, toks, i, sent, s_index)
    if i > 1 and toks[i - 1].norm in ("was", "been", "is") and any(t.norm == "it" for t in toks[max(0, i - 3):i - 1]):
        return _passive_report(text, toks, i, sent, s_index)
    back = _speaker_before(toks, i)
    speaker = None
    vias: list = []
    cited = None
    rule = "en.svo"
    if back:
        (a, b), vias, cited = back
        a, b = _trim_speaker(toks, a, b)
        np_start = a
        if b - a > 2 and toks[a].norm in ("a", "an") and toks[a + 1].norm in _CLAIM_NOUNS:
            a += 2  # "..., a claim the military denies": the speaker is after the noun
        if all(not t.text[:1].isalpha() for t in toks[a:b]) or (b - a == 1 and toks[a].norm in ("the", "a", "an")):
            return None  # "58 told", "The reported": not a speaker
        speaker = (toks[a].start, toks[b - 1].end + (1 if toks[b - 1].before.endswith("(")
                                                    and toks[b - 1].after.startswith(")") else 0))
        if a < b and toks[a].norm in ("and", "but"):
            back = None
    # "... and vowed ...", or in a headline "X rejects Y, vows to ...": the same subject
    conjoined = i > 0 and (toks[i - 1].norm in ("and", "but") or headline and toks[i - 1].comma) and previous
    if conjoined:
        prev = previous[-1]
        speaker, vias, rule = prev.speaker, list(prev.via), "en.conjoined_cue"
    quote_first = False
    q_end = None
    if not conjoined and back and a > 0 and _quote_after(toks[a - 1]) and toks[0].before and toks[0].before[-1] in QUOTE_CHARS:
        quote_first = True
        q_end = a
    if speaker is None and not conjoined:
        # inverted: '"...," said the official'
        if i > 0 and _quote_after(toks[i - 1]) and toks[0].before:
            e = i + 1
            while e < len(toks) and not toks[e - 1].comma and not toks[e - 1].after.strip().startswith("."):
                e += 1
            if e > i + 1:
                speaker = (toks[i + 1].start, toks[e - 1].end)
                quote_first, q_end = True, i
                rule = "en.quote_first"
        if speaker is None and i > 1 and toks[i - 1].comma and cue.form in ("said", "says", "added", "told", "wrote"):
            e = i + 1
            while e < len(toks) and not toks[e - 1].after.strip().startswith((".", ";")):
                e += 1
            if i + 1 < e <= i + 12 and _capitalized(toks[i + 1]) or (e > i + 1 and toks[i + 1].norm in ("a", "an", "the")):
                speaker = (toks[i + 1].start, toks[e - 1].end)
                content, direct = _span_text(toks, 0, i, text)
                return [Found(sent, s_index, _strip_dateline(text, content), (toks[i].start, toks[i].end), speaker,
                              cue.cls, "en.inverted_attribution", 0.75, direct=direct)], e
        if speaker is None:
            return None
    k = i + 1
    if quote_first and rule == "en.quote_first":
        k = len(toks)
    listener = None
    if cue.form in _LISTENER_CUES and k < len(toks):
        e = k
        if toks[e].norm in ("reporters", "journalists", "lawmakers", "parliament", "supporters", "him", "her", "them"):
            e += 1
        else:
            while e < len(toks) and (_capitalized(toks[e]) or (toks[e].norm in ("of", "the") and e > k and e + 1 < len(toks)
                                                                 and _capitalized(toks[e + 1])) or (toks[e].norm == "the" and e == k)):
                e += 1
                if toks[e - 1].comma or toks[e - 1].colon:
                    break
            while k < e < len(toks) and not (toks[e - 1].comma or toks[e - 1].colon) and \
                    toks[e].norm in m["en_media_words"] and toks[e].text.islower():
                e += 1  # "told Xinhua news agency": the common noun after the name is the listener's too
        if e == k + 1 and toks[k].norm in _DETERMINERS:
            e = k  # "told the state-run ...": the listener is read up to "that" below
        if e > k:
            listener = (toks[k].start, toks[e - 1].end)
            words = [t.norm for t in toks[k:e]]
            names = find_names(words)
            if (names and names[0][2].kind == "media") or any(w in m["en_media_words"] for w in words):
                vias.append(listener)
            k = e
    if listener is None and k + 1 < len(toks) and toks[k].norm == "to" and _capitalized(toks[k + 1]):
        # "affirmed to Fox News that ...": a medium as the listener is the channel
        e = k + 1
        while e < len(toks) and _capitalized(toks[e]) and not toks[e - 1].comma:
            e += 1
        names = find_names([t.norm for t in toks[k + 1:e]])
        if names and names[0][2].kind == "media" or any(t.norm in m["en_media_words"] for t in toks[k + 1:e]):
            vias.append((toks[k + 1].start, toks[e - 1].end))
            k = e
    k, adv_vias = _skip_adverbials(toks, k, text)
    vias += adv_vias
    if cue.form.startswith("express") and k < len(toks) and toks[k].norm in _EMOTION_NOUNS:
        k, adv_vias = _skip_adverbials(toks, k + 1, text)
        vias += adv_vias
        if k < len(toks) and toks[k].norm in ("over", "about", "at", "regarding", "for", "with", "that"):
            k += 1
    if k < len(toks) and toks[k].norm in ("citing", "quoting") and toks[k - 1].comma and not cited:
        e = k + 1
        while e < len(toks) and not toks[e - 1].comma:
            e += 1
        if e > k + 1 and toks[e - 1].comma:
            cited = (k + 1, e)
            k = e
    if k < len(toks) and toks[k].norm != "that" and not toks[k - 1].comma:
        # "told his cabinet on Sunday that ...": whatever precedes a near "that" is listener/adverbial
        near = next((q for q in range(k, min(k + 7, len(toks))) if toks[q].norm == "that"), None)
        listener_like = cue.form in _LISTENER_CUES or toks[k].norm in ("in", "at", "on", "during", "to", "before",
                                                                      "after", "from", "late", "early", "earlier")
        if near is not None and listener_like and not any(x.comma or _quote_after(x) for x in toks[k:near]) and \
                not any(_cue(toks, q) for q in range(k, near)):
            words = [t.norm for t in toks[k:near]]
            names = find_names(words)
            if cue.form in _LISTENER_CUES and not vias and (any(n[2].kind == "media" for n in names)
                                                          or any(w in m["en_media_words"] for w in words)):
                vias.append((toks[k].start, toks[near - 1].end))  # "told the state-run Al Qahera News channel"
            k = near
    if cited:
        ca, cb = cited
        vias = [speaker] + vias
        speaker = (toks[ca].start, toks[cb - 1].end)
        rule = "en.citing"
    if not vias and back and a > 0:
        vias += _frame_channel(toks, a)
    cue_span = (toks[i].start, toks[i].end)
    if rule == "en.citing":
        cue_span = (toks[cited[0] - 1].start, toks[cited[0] - 1].end)
    if i > 0 and toks[i - 1].norm == "has" and toks[i - 1].end + 1 == toks[i].start:
        cue_span = (toks[i - 1].start, toks[i].end)
    if i > 0 and toks[i - 1].norm == "which" and toks[i - 1].end + 1 == toks[i].start:
        cue_span = (toks[i - 1].start, toks[i].end)
    trailing = k >= len(toks) or toks[k - 1].comma or toks[k - 1].after.strip().startswith((".", ";"))
    if k < len(toks) and toks[k - 1].colon and not quote_first:
        # 'X told The Associated Press: "..."'
        end, _ = _content_end(toks, k, headline)
        content, direct = _span_text(toks, k, end, text)
        return [Found(sent, s_index, content, cue_span, speaker, cue.cls, "en.colon_quote", 0.85, via=vias,
                      direct=direct)], end
    if quote_first:
        qa = 0
        content, direct = _span_text(toks, qa, q_end, text)
        f = Found(sent, s_index, content, cue_span, speaker, cue.cls, "en.quote_first", 0.9, via=vias, direct=True)
        # '"A," X said, "B."'
        rest = [t for t in toks[k:]]
        if rest and rest[0].before and rest[0].before[-1] in QUOTE_CHARS:
            f.continuation = _span_text(toks, k, len(toks), text)[0]
            f.note.append("direct quote split around the cue")
            return [f], len(toks)
        if k < len(toks) and toks[k - 1].comma and (_cue(toks, k) or Cue("", "", "")).type == "participle":
            return [f], k  # '"...," X told Fox News, adding that ...': the participle is a claim too
        after = next((q for q in range(i + 1, len(toks)) if toks[q].start >= speaker[1]), len(toks))
        if after < len(toks) and toks[after - 1].comma and (_cue(toks, after) or Cue("", "", "")).type == "participle":
            return [f], after  # '"...," said Ansari, adding that ...'
        return [f], len(toks)
    if trailing and not (k < len(toks) and toks[k].norm == "that"):
        if back is None or a == 0:
            return None  # "X said." with nothing before it: no content
        start, stop = 0, np_start
        while stop > 1 and not toks[stop - 1].norm:
            stop -= 1  # "... 12 people — a claim the military denies": the dash is not content
        content, direct = _span_text(toks, start, stop, text)
        content = _strip_dateline(text, content)
        found = Found(sent, s_index, content, cue_span, speaker, cue.cls, "en.trailing_attribution", 0.8,
                      via=vias, direct=direct)
        if k < len(toks) and toks[k - 1].comma and len(toks) - k >= 2 and toks[k].text[:1].islower() and \
                (_cue(toks, k) or Cue("", "", "")).type != "participle" and \
                toks[k].norm not in ("while", "as", "but", "and", "although", "though", "after", "before", "when",
                                     "days", "hours", "weeks", "which", "who", "where"):
            # "The deal, officials said, would be ...": the content goes on after the attribution
            end, _ = _content_end(toks, k, headline)
            found.continuation = _span_text(toks, k, end, text)[0]
            found.rule = "en.parenthetical_attribution"
            found.note.append("indirect content split around the attribution")
            return [found], end
        return [found], k
    if k < len(toks) and toks[k].norm == "that":
        k += 1
    if k >= len(toks) or toks[k].norm in _NOT_CONTENT_START:
        return None
    if toks[k].norm in _EMPTY_OBJECTS and not toks[k].before and (
            k + 1 >= len(toks) or toks[k + 1].norm in ("about", "on", "of", "to", "further", "more", "else", "new")):
        return None
    end, second = _content_end(toks, k, headline)
    if end <= k:
        return None
    content, direct = _span_text(toks, k, end, text)
    found = [Found(sent, s_index, content, cue_span, speaker, cue.cls, rule, 0.85, via=vias, direct=direct)]
    if second is not None and second < len(toks):
        end2, _ = _content_end(toks, second, headline)
        if end2 > second:
            c2, d2 = _span_text(toks, second, end2, text)
            found.append(Found(sent, s_index, c2, cue_span, speaker, cue.cls, "en.second_conjunct", 0.8, via=vias,
                               direct=d2, note=["second conjunct of the same reporting verb"]))
            end = end2
    return found, end


# An embedded post as pasted into articles: "<text> — Name (@handle) Month D, YYYY"
_EMBEDDED_POST_RE = re.compile(r"^(?P<content>.+?)\s*[—–-]+\s*(?P<speaker>[^—–()@]{2,80}?)\s*\((?P<via>@\w+)\)"
                               r"(?:\s+\w+\.?\s+\d{1,2},?\s+\d{4})?\s*$")


def _embedded_post(text: str) -> Found | None:
    m = _EMBEDDED_POST_RE.match(text)
    if not m:
        return None
    content = m.span("content")
    body = text[content[0]:content[1]]
    direct = body[:1] in QUOTE_CHARS and body[-1:] in QUOTE_CHARS
    if direct:
        content = (content[0] + 1, content[1] - 1)
    return Found((0, len(text)), 0, content, None, m.span("speaker"), "SAY", "en.embedded_post", 0.8,
                 via=[m.span("via")], direct=True, note=["embedded post"])


def _quoted_as_saying(text, toks, i, sent, s_index):
    """"M quoted X as saying (that) ...", '"...," M quoted X as saying (on Y).': X speaks, M (and Y) relay."""
    as_at = next((q for q in range(i + 2, min(i + 12, len(toks) - 1)) if toks[q].norm == "as"
                  and toks[q + 1].norm == "saying"), None)
    if as_at is None:
        return None
    speaker = (toks[i + 1].start, toks[as_at - 1].end)
    back = _speaker_before(toks, i)
    vias = []
    if back:
        (a, b), _, _ = back
        vias.append((toks[a].start, toks[b - 1].end + (1 if toks[b - 1].after.startswith(")") else 0)))
    k = as_at + 2
    k, adverbial = _skip_adverbials(toks, k, text)
    vias += adverbial
    cue_span = (toks[i].start, toks[i].end)
    if k < len(toks) and not (toks[k - 1].after.strip().startswith(".")):
        if toks[k].norm == "that":
            k += 1
        if k >= len(toks):
            return None
        end, _ = _content_end(toks, k, False)
        content, direct = _span_text(toks, k, end, text)
    elif back and back[0][0] > 0:
        end = len(toks)
        content, direct = _span_text(toks, 0, back[0][0], text)
    else:
        return None
    return [Found(sent, s_index, content, cue_span, speaker, "SAY", "en.quoted_as_saying", 0.8, via=vias,
                  direct=direct, note=["nested chain"])], end


def _clause_after(text, toks, i, headline):
    """The content right after the cue at i, past an optional "that": (span, direct, end) or None."""
    k = i + 1
    if k < len(toks) and toks[k].norm == "that":
        k += 1
    if k >= len(toks):
        return None
    end, _ = _content_end(toks, k, headline)
    content, direct = _span_text(toks, k, end, text)
    return content, direct, end


def _passive_report(text, toks, i, sent, s_index):
    """"It was reported / announced that ...": unnamed media, no speaker."""
    clause = _clause_after(text, toks, i, False)
    if clause is None:
        return None
    content, direct, end = clause
    return [Found(sent, s_index, content, (toks[i].start, toks[i].end), None, "REPORT", "en.passive_report", 0.6,
                  direct=direct, media=True)], end


def _reportedly(text, toks, i, sent, s_index):
    """"Israeli officials have reportedly rejected ...": unnamed media report the whole clause."""
    start = i - 1
    while start > 0 and not toks[start - 1].comma and toks[start - 1].norm not in markers()["en_clause_stops"]:
        start -= 1
    end, _ = _content_end(toks, i + 1, False)
    if end - start < 3:
        return None
    content, direct = _span_text(toks, start, end, text)
    rep = toks[i - 1]
    return [Found(sent, s_index, content, (rep.start, rep.end), None, "REPORT", "en.reportedly", 0.6, direct=direct,
                  media=True)], end


def _participle(text, toks, i, cue, sent, s_index, previous, headline):
    clause = _clause_after(text, toks, i, headline)
    if clause is None:
        return None
    content, direct, end = clause
    if previous:
        prev = previous[-1]
        speaker, vias = prev.speaker, list(prev.via)
    else:
        # "Egypt's foreign ministry condemned ..., saying ...": the clause's subject
        e = 0
        while e < min(i, 9) and not (toks[e].norm.endswith("ed") and e > 0) and toks[e].norm not in (
                "is", "was", "has", "have", "had", "will", "would") and not toks[e].comma:
            e += 1
        if e == 0 or e >= i:
            return None
        a, b = _trim_speaker(toks, 0, e)
        while b > a + 1 and toks[b - 1].norm in markers()["en_time_words"]:
            b -= 1  # "Hamas later issued ..."
        speaker, vias = (toks[a].start, toks[b - 1].end), []
        if toks[i - 1].norm in _CHANNEL_NOUNS:
            vias.append((toks[i - 1].start, toks[i - 1].end))
    return [Found(sent, s_index, content, (toks[i].start, toks[i].end), speaker, cue.cls, "en.participle", 0.75,
                  via=vias, direct=direct)], end


def _according(text, toks, i, sent, s_index, previous):
    j = i + 2
    e = j
    while e < len(toks) and not toks[e - 1].comma and not (e > j and toks[e].norm in ("since", "which")):
        if e > j and toks[e].norm == "and" and e + 1 < len(toks) and (toks[e + 1].text[:1].isdigit() or (
                toks[e + 1].text[:1].islower() and toks[e + 1].norm not in ("the", "a", "an", "other"))):
            break  # "according to the ministry and 22 thousand have been wounded"
        e += 1
    if e <= j:
        return None
    speaker = (toks[j].start, toks[e - 1].end)
    vias = []
    if e - j > 3 and toks[j].norm in ("a", "the") and toks[j + 1].norm in ("statement", "post", "report", "video") \
            and toks[j + 2].norm in ("from", "by", "of"):
        vias.append((toks[j + 1].start, toks[j + 1].end))
        speaker = (toks[j + 3].start, toks[e - 1].end)
    cue_span = (toks[i].start, toks[i + 1].end)
    if i == 0 or (i <= 2 and toks[i - 1].comma):
        k = e
        if k >= len(toks):
            return None
        end, _ = _content_end(toks, k, False)
        content, direct = _span_text(toks, k, end, text)
        found = [Found(sent, s_index, content, cue_span, speaker, "ACCORDING", "en.according_to_first", 0.85,
                       via=vias, direct=direct)]
        return found, end
    start = 0
    for prev in previous:  # a second "according to" in the sentence starts after the first one's source
        if prev.rule.startswith("en.according_to") and prev.speaker:
            start = next((n for n, t in enumerate(toks) if t.start >= prev.speaker[1]), 0)
    while start < i and toks[start].norm in ("since", "and", "but", "while", "as"):
        start += 1
    if i - start < 2:
        return None
    content, direct = _span_text(toks, start, i, text)
    content = _strip_dateline(text, content)
    found = [Found(sent, s_index, content, cue_span, speaker, "ACCORDING", "en.according_to_last", 0.8, via=vias,
                   direct=direct)]
    # "..., according to X, which said ..."
    if e < len(toks) and toks[e].norm == "which" and e + 1 < len(toks) and _cue(toks, e + 1):
        k = e + 2
        if k < len(toks) and toks[k].norm == "that":
            k += 1
        if k < len(toks):
            end, _ = _content_end(toks, k, False)
            c2, d2 = _span_text(toks, k, end, text)
            found.append(Found(sent, s_index, c2, (toks[e].start, toks[e + 1].end), speaker, "SAY", "en.relative_which",
                               0.75, direct=d2, note=["relative-clause speaker"]))
            return found, end
    return found, e
