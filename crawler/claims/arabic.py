"""Arabic claim patterns over tokens of a paragraph (no parser: a cue lexicon + word classes).

Constructions (see docs/claims.md): cue-first VSO (وقال مسؤول ... إن), subject-first
after كان ... قد or a complementizer (أن هنية ... أكد على), present-tense headlines
(حماس تبلغ ...), أن/إن/بأن/: complements, according-to preps (وفقاً لـ / بحسب / حسبما /
وفق ما أفاد / نقلاً عن), chains (نقلت X عن Y، أفادت X نقلاً عن Y), channels (في بيان،
عبر منصة، في تصريحات لـ...), participle continuations (مضيفاً، مشيراً إلى أن) and colon
headlines (حماس: ...).
"""

from __future__ import annotations

from functools import lru_cache

from crawler.claims.found import Found
from crawler.claims.lexicon import Cue, actor_index, cues, markers
from crawler.claims.actors import find_names
from crawler.claims.text import QUOTE_CHARS, Token, fold_word, has_quote, may_contain, sentence_spans, tokenize

_CLITICS = ("و", "ف")
_KANA = {"كان", "وكان", "كانت", "وكانت"}
_DASHES = ("-", "–", "—")
_ISSUED = {"صادر", "صدر", "الصادر", "الصادره", "صادره"}
# Words that open a subordinate clause: a reporting verb after them starts its own frame.
_SUBORDINATORS = {"بينما", "وبينما", "حيث", "وحيث", "فيما", "اذ", "عندما", "وقت", "حين", "بعدما", "حينما", "لما"}
# Calls and appeals (دعا X الحكومة إلى ...): the content starts at the addressee.
_ADDRESSEE_CUES = {"دعا", "دعت", "يدعو", "تدعو", "ناشد", "ناشدت", "طالب", "طالبت", "يطالب", "تطالب"}
_CLITIC_PREPS = ("وب", "فب")
_NO_CUE = Cue("", "", "")
_ADVERBIAL_PREPS = {"في", "علي", "من", "خلال", "حول", "بعد", "قبل", "امام", "اثناء", "عقب"}


def _subordinator(norm: str) -> bool:
    """بينما / وفيما / وحيث: the clause after it has its own subject (the و is a clitic)."""
    return norm in _SUBORDINATORS or norm[:1] in _CLITICS and norm[1:] in _SUBORDINATORS
# Verbs that carry someone else's words, with the preposition introducing that someone.
# علمت «الشرق الأوسط» من مصادر أن ...: the medium learned it from the sources (they speak, it relays).
_CHAIN_VERBS = {"نقل": "عن", "نقلت": "عن", "نسب": "الي", "نسبت": "الي", "علم": "من", "علمت": "من"}


def _cue(tok: Token, nxt: Token | None) -> Cue | None:
    if tok.norm not in _cue_words():
        return None  # most words: no cue under any of the forms below
    table = cues("ar")
    for form in (tok.norm, tok.norm[1:] if tok.norm[:1] in _CLITICS else None,
                 tok.norm[2:] if tok.norm[:2] in _CLITIC_PREPS else None):
        if form and form in table:
            cue = table[form]
            if cue.type == "prep":
                if form in ("وفقا", "طبقا") and not (nxt and nxt.norm.startswith("ل")):
                    return None
                if form == "نقلا" and not (nxt and nxt.norm == "عن"):
                    return None
                if form == "وفق" and not (nxt and (nxt.norm == "ما" or nxt.norm.startswith("ل")
                                                   or _speaker_like([nxt]) and nxt.norm not in ("الشروط",))):
                    return None  # "وفق الشروط ذاتها" is not an attribution; "وفق الهيئة" is
            if cue.type == "trailing" and not (nxt and nxt.norm.startswith(("قول", "تعبير", "وصف"))):
                return None  # only "على حد قوله / تعبيرها / وصفهم"
            if form in _EXPRESS and not (nxt and (nxt.norm == "عن" or _named_subject(nxt))):
                return None  # "عبر منصة إكس", "عبرت الشاحنات المعبر": the preposition, or crossing
            if form in ("جاء", "ورد") and not (nxt and (nxt.norm == "في" or form == "جاء" and nxt.norm == "علي")):
                return None  # only "وجاء / وورد في البيان أن ...": the channel reports, its author spoke last
            return cue
    return None


# عبّر عن ("expressed"), a verb that counts, spelled like the preposition عبر ("via") and the verb "crossed".
_EXPRESS = {"عبر", "عبرت", "عبروا"}


def _named_subject(tok: Token) -> bool:
    """A word that can open a speaker after a verb: a known name or a speaker head (الوزير، مصدر، حماس)."""
    m = markers()
    return bool(find_names([tok.norm])) or tok.norm in (m["ar_anonymous_heads"] | m["ar_person_heads"]
                                                       | m["ar_government_heads"] | m["ar_source_heads"])


def _reported_act(norm: str) -> bool:
    """A verbal noun of the تفعيل form with a possessive suffix: تأكيده، تشديدها، تحذيرهم — what the
    speaker before it said (نقل البيان عن السيسي تأكيده أن ...), not part of the speaker's name."""
    for suffix in ("هما", "هم", "ها", "ه"):
        stem = norm[: -len(suffix)] if norm.endswith(suffix) else ""
        if len(stem) == 5 and stem[0] == "ت" and stem[3] == "ي":
            return True
    return False


def _is_complementizer(tok: Token, cue: Cue | None) -> bool:
    m = markers()
    if tok.norm in m["ar_complementizers"]:
        return True
    return bool(cue and tok.norm in cue.complements)


def _media_at(toks: list[Token], j: int) -> int:
    """If a medium's name starts at toks[j] (possibly as لـ/ل + name), the index after it, else -1."""
    if j >= len(toks):
        return -1
    m = markers()
    k = j + 1 if toks[j].norm == "ل" else j
    if k >= len(toks):
        return -1
    words = [t.norm for t in toks[k:k + 6]]
    names = find_names(words)
    if names and names[0][0] == 0 and names[0][2].kind == "media":
        end = k + names[0][1]
        # a name followed by a parenthesised alias: هيئة البث (كان)
        if end < len(toks) and toks[end].before.startswith("("):
            end += 1
        return end
    first = toks[k].norm
    stripped = first[1:] if first.startswith("ل") else first
    if stripped in m["ar_media_heads"] or ("ال" + stripped[1:] if stripped.startswith("ل") else "") in m["ar_media_heads"]:
        end = k + 1
        while end < len(toks) and end < k + 4 and not toks[end - 1].comma and not _is_complementizer(toks[end], None):
            end += 1
        return end
    return -1


_TELL_CUES = {"ابلغ", "ابلغت", "اخبر", "اخبرت"}
_AUDIENCES = {"للصحفيين", "للصحافيين", "للصحفيات", "للاعلاميين", "للمراسلين", "للحضور", "للجمهور"}


def _quote_opens(toks: list[Token], k: int) -> bool:
    """A quotation (not a quoted name such as «الشرق الأوسط» or حركة "حماس") opens at k: its closing
    mark comes four or more words later, or not in this sentence."""
    if not (toks[k].before and toks[k].before[-1] in QUOTE_CHARS):
        return False
    for q in range(k, min(k + 3, len(toks))):
        if toks[q].after and toks[q].after[0] in QUOTE_CHARS:
            return False
    return len(toks) - k >= 4


def _listener_at(toks: list[Token], k: int) -> int:
    """After a verb of telling: the end of a medium named at k, bare (رويترز) or quoted («الشرق الأوسط»), else k."""
    end = _media_at(toks, k)
    if end > k:
        return end
    if toks[k].before and toks[k].before[-1] in QUOTE_CHARS:
        q = k
        while q < len(toks) and q < k + 5 and not (toks[q].after and toks[q].after[0] in QUOTE_CHARS):
            q += 1
        if q < len(toks) and q < k + 5 and q + 1 < len(toks) and _is_complementizer(toks[q + 1], None):
            return q + 1
    return k


def _np_end(toks: list[Token], j: int, limit: int = 12, cue: Cue | None = None) -> int:
    """End (exclusive) of the noun phrase starting at j."""
    m = markers()
    k = j
    while k < len(toks) and k - j < limit:
        t = toks[k]
        if cue and k > j and t.norm in cue.complements and t.norm not in ("علي",):
            break  # حذر الأمين العام من ...
        if _is_complementizer(t, None) or t.norm in m["ar_time_words"] or \
                t.norm in m["ar_np_stops"] and not (t.norm in ("عن", "من") and toks[k - 1].norm in _ISSUED):
            break
        if (t.norm in ("عن",) and toks[k - 1].norm not in _ISSUED) or t.norm.startswith("تحدث"):
            break  # ... but "بيان صادر عن الحركة" is one noun phrase
        if t.norm == "ل" or (k > j and t.norm.startswith("ل") and _media_at(toks, k) > 0):
            break
        if k > j and _quote_opens(toks, k):
            break  # وقال القيادي في الحركة «لن نقبل ...»: the quotation starts the content
        if k > j and t.norm in _AUDIENCES:
            break  # قال ترامب للصحفيين ...: the audience is not part of the speaker
        if k > j and cue and fold_word(cue.form) in _TELL_CUES and _listener_at(toks, k) > k:
            break  # أبلغت مصادر «الشرق الأوسط» بأن ...: the medium told is the object
        if t.norm in m["ar_channel_preps"] and k + 1 < len(toks):
            nxt = toks[k + 1].norm
            if nxt in m["ar_channel_heads"] or nxt in m["ar_media_heads"] or t.norm in ("عبر", "خلال") or \
                    _channel_head(nxt) or _meeting(nxt):
                break  # ... في إحاطته الأسبوعية / في جلسة حوارية: where it was said, not the speaker
            if t.norm == "علي" and not toks[k - 1].norm.startswith("مطلع"):
                break
        if t.norm == "علي" and not (k > j and toks[k - 1].norm.startswith("مطلع")):
            break
        if _cue(t, toks[k + 1] if k + 1 < len(toks) else None) and k > j:
            break
        k += 1
        abbreviation = len(t.norm) == 1 and t.after.startswith(".")  # د. فراس
        if t.comma or t.colon or (t.after.strip(")").strip().startswith((".", "؛")) and not abbreviation):
            break
    return k


def _span(toks: list[Token], a: int, b: int) -> tuple[int, int]:
    end = toks[b - 1].end
    if toks[b - 1].after.startswith(")"):
        end += 1
    start = toks[a].start
    if toks[a].before.endswith("("):
        start -= 1
    return start, end


def _quoted_span(toks: list[Token], a: int, b: int, text: str) -> tuple[int, int]:
    """A span including the quote marks glued around it (a quoted channel name keeps them)."""
    s, e = _span(toks, a, b)
    if toks[a].before and toks[a].before[-1] in QUOTE_CHARS:
        s -= 1
    if toks[b - 1].after and toks[b - 1].after[0] in QUOTE_CHARS:
        e += 1
    return s, e


def _channel(toks: list[Token], j: int, text: str) -> tuple[int, tuple[int, int] | None]:
    """A channel phrase at j: (end index, via span). Shapes: في بيان (لاحق)، في كلمة متلفزة،
    عبر منصة إكس، على منصته "تروث سوشيال"، في تصريحات (خاصة) لقناة X، في مداخلة هاتفية مع X، لقناة X."""
    m = markers()
    t = toks[j]
    media_end = _media_at(toks, j) if (t.norm == "ل" or t.norm.startswith("ل")) else -1
    if media_end > 0:
        return media_end, _quoted_span(toks, j, media_end, text)
    if t.norm == "ل" and j + 1 < len(toks) and toks[j + 1].before and toks[j + 1].before[-1] in QUOTE_CHARS:
        # لـ"العربي الجديد": a quoted name after لـ is a medium even when the gazetteer does not know it
        q = j + 1
        while q < len(toks) and q < j + 6 and not (toks[q].after and toks[q].after[0] in QUOTE_CHARS):
            q += 1
        if q < len(toks) and q < j + 6:
            return q + 1, _quoted_span(toks, j, q + 1, text)
    if t.norm not in m["ar_channel_preps"] or j + 1 >= len(toks):
        return j, None
    head = toks[j + 1].norm
    platform = head.startswith(("منص", "حساب", "صفح", "موقع"))
    if not (_channel_head(head) or platform):
        return j, None
    k = j + 1
    end = k + 1
    adjectives = 0
    while end < len(toks) and not toks[end - 1].comma and not toks[end - 1].colon:
        nxt = toks[end]
        if nxt.before and nxt.before[-1] in QUOTE_CHARS:  # a quoted name: على منصته "تروث سوشيال"
            q = end
            while q < len(toks) and q < end + 5 and not (toks[q].after and toks[q].after[0] in QUOTE_CHARS):
                q += 1
            if q < len(toks) and q < end + 5:
                # منصة "إكس" keeps its head noun; على منصته "تروث سوشيال" is the name
                return q + 1, _quoted_span(toks, k if toks[k].norm in ("منصه", "حساب") else end, q + 1, text)
            break
        if nxt.norm.startswith("ل") and _media_at(toks, end) > 0:
            sub = _media_at(toks, end)
            return sub, _quoted_span(toks, end, sub, text)
        if nxt.norm == "ل" and end + 1 < len(toks):  # في تصريح خاص لـ"اليوم السابع"
            q = end + 1
            while q < len(toks) and q < end + 5 and not (toks[q - 1].comma or toks[q - 1].colon) and \
                    not _is_complementizer(toks[q], None):
                q += 1
            return q, _quoted_span(toks, end, q, text)
        if nxt.norm == "مع" and _media_at(toks, end + 1) > 0:
            sub = _media_at(toks, end + 1)
            return sub, _quoted_span(toks, end + 1, sub, text)
        if nxt.norm[:1] in "بل" and _channel_head(nxt.norm[1:]) and end - k < 4:
            end += 1  # خلال لقائه ببرنامج "...": the programme is the channel's name
            continue
        if nxt.norm in m["ar_channel_adjectives"] and adjectives < 2:
            adjectives += 1
            end += 1
            continue
        if platform and end == k + 1 and nxt.norm in ("في", "علي") and end + 1 < len(toks) and \
                toks[end + 1].norm.startswith(("منص", "موقع")):
            return _channel(toks, end, text)  # حسابه في منصة "إكس": the platform is the channel
        if platform and end == k + 1 and not _is_complementizer(nxt, None) and nxt.norm not in m["ar_time_words"]:
            end += 1  # the platform's name: منصة إكس
            continue
        break
    return end, _span(toks, k, end)


def _channel_head(word: str) -> bool:
    """بيان / تصريحاته / لقائه / قناتها: a channel noun, possibly with a possessive suffix."""
    m = markers()
    forms = {word, word.removeprefix("ال")}
    for suffix in ("هما", "هم", "ها", "ه"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms |= {stem, stem[:-1] + "ء" if stem.endswith("ئ") else stem, stem[:-1] + "ه" if stem.endswith("ت") else stem}
    return any(f in m["ar_channel_heads"] or f in m["ar_media_heads"] for f in forms)


def _skip_channels_and_times(toks: list[Token], k: int, text: str, vias: list) -> int:
    """Past channel phrases (collected into vias) and time words from k: where a direct object starts."""
    times = markers()["ar_time_words"]
    while k < len(toks):
        end, via = _channel(toks, k, text)
        if via:
            vias.append(via)
            k = end
        elif toks[k].norm in times or toks[k].norm[1:] in times:
            k += 1
        else:
            break
    return k


_BUT_PRONOUNS = {"لكنه", "لكنها", "ولكنه", "ولكنها", "لكنهم", "ولكنهم"}


def _content_end(toks: list[Token], j: int, text: str) -> int:
    """Index after the last token of the content that starts at j."""
    stops = markers()["ar_content_stops"]
    n = len(toks)
    k = j + 1
    # «... ، وذلك تمهيداً لـ ...»: inside an open quotation the words are still the speaker's
    quoted = any(c in QUOTE_CHARS for c in toks[j].before + (toks[j - 1].after if j else ""))
    while k < n:
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < n else None
        cue = _cue(t, nxt)
        if cue and cue.type == "participle":
            break  # مضيفاً / مشيراً ...: the next claim of the same speaker
        verb = cue is not None and cue.type in ("past", "present")
        if quoted and any(c in QUOTE_CHARS for c in toks[k - 1].after + t.before):
            quoted = False  # the quotation closed (or a new one opens): the usual clause stops apply again
        if toks[k - 1].comma:  # most words follow no comma: the checks below are for clause openings
            if cue and cue.type == "prep":
                break  # "...، وفق ما ذكر بيان صدر عنها": the source of the whole sentence, not its content
            if not quoted and (t.norm in stops or nxt is not None and f"{t.norm} {nxt.norm}" in stops):
                break
            if nxt is not None and k + 2 < n and _echo_cue(toks, k + 2):
                break  # "...، وهو ما أكده مسؤول قطري ...": another speaker agrees, a claim of its own
            if _subordinator(t.norm) and nxt is not None and \
                    _cue(nxt, toks[k + 2] if k + 2 < n else None):
                break  # "...، بينما تفيد التقارير بأن ...": a new frame
            if verb and (t.norm[:1] in _CLITICS or nxt is not None and not _is_complementizer(nxt, None)):
                break  # "...، قال مختصون لـ«اليوم» إن ...": a new reporting clause
            # "...، لكنه شدد على ..." / "...، إلا أنه أشار إلى ...": the same speaker's second claim
            q = k + 1 if t.norm in _BUT_PRONOUNS else k + 2 if t.norm in ("الا", "غير") and nxt is not None and \
                nxt.norm in markers()["ar_pronoun_complementizers"] else None
            if q is not None and q < n and (_cue(toks[q], toks[q + 1] if q + 1 < n else None) or _NO_CUE).type == "past":
                break
        if verb and t.norm[:1] == "و" and nxt is not None and \
                (cue.type == "present" or _is_complementizer(nxt, cue) or
                 cue.type == "past" and (_complement_soon(toks, k + 1, cue) or nxt.norm in markers()["ar_object_nouns"])):
            break  # "... أن الوفد سيصل ولفت إلى أن ...": a second reporting verb of the same speaker
        if t.norm in ("كما", "وكما") and nxt is not None and \
                (_cue(nxt, toks[k + 2] if k + 2 < n else None) or _NO_CUE).type == "past":
            break  # "... كما أكد أن ...": another claim
        k += 1
    return min(k, n)


def _content_span(toks: list[Token], a: int, b: int, text: str) -> tuple[tuple[int, int], bool]:
    """Span of toks[a:b] without outer quote marks and final punctuation; direct = wholly quoted.
    The opening mark may be glued to the complementizer before it (أن:” ...”)."""
    s, e = toks[a].start, toks[b - 1].end
    glued_before = toks[a].before + (toks[a - 1].after if a > 0 else "")
    opened = any(c in QUOTE_CHARS for c in glued_before)
    closed = any(c in QUOTE_CHARS for c in toks[b - 1].after)
    inner = text[s:e]
    direct = bool(opened and closed and not has_quote(inner))
    if not direct:
        # a quote around a fragment only (mixed quote) keeps its marks inside the content
        if toks[a].before and toks[a].before[-1] in QUOTE_CHARS:
            s -= 1
        if toks[b - 1].after and toks[b - 1].after[0] in QUOTE_CHARS and has_quote(text[s:e]):
            e += 1
    return (s, e), direct


def _complement_soon(toks: list[Token], j: int, cue: Cue, window: int = 7) -> bool:
    """A complementizer opens within a few words after j, with no clause break on the way."""
    for k in range(j, min(j + window, len(toks))):
        if _is_complementizer(toks[k], cue) or _quote_opens(toks, k):
            return True
        if toks[k].comma or _cue(toks[k], None):
            return False
    return False


def _speaker_like(toks: list[Token]) -> bool:
    """Before a headline colon: a speaker ("حماس", "مصدر مصري", "رشوان"), not a label ("حوار", "تحقيق رسمي")."""
    m = markers()
    words = [t.norm[1:] if t.norm[:1] == "و" and len(t.norm) > 3 else t.norm for t in toks]
    if not words or words[0] in m["ar_headline_labels"] or " ".join(words) in m["ar_headline_labels"]:
        return False
    if find_names(words) or set(words) & (m["ar_anonymous_heads"] | m["ar_person_heads"] | m["ar_government_heads"]
                                          | m["ar_media_heads"] | m["ar_source_heads"]):
        return True
    # an unknown name: short, with no case endings (labels are often indefinite nouns: تحقيقٌ رسمي)
    return len(words) <= 3 and not any(ch in "\u064b\u064c\u064d" for t in toks for ch in t.text)


def _is_dash(tok: Token) -> bool:
    """A dateline's dash ("غزة - قال ...", "القاهرة (أ ش أ) -")."""
    return tok.text in ("-", "–", "—") or tok.after.strip().endswith(("-", "–", "—"))


def _pronoun_frame(toks: list[Token]) -> bool:
    """إلا أنه / لكنه / غير أنها before the verb: the subject is dropped (the previous speaker)."""
    m = markers()
    last = toks[-1].norm
    return (last in m["ar_pronoun_complementizers"] or last in ("لكنه", "لكنها", "ولكنه", "ولكنها")) and \
        all(t.norm in ("الا", "غير", "لكن", "ولكن", "كما") or t.norm in m["ar_frame_words"] for t in toks[:-1])


def _frame_only(toks: list[Token]) -> bool:
    m = markers()
    return all(t.norm in m["ar_frame_words"] or t.norm in m["ar_time_words"] or t.norm[1:] in m["ar_time_words"]
               or t.norm in _NEGATIONS for t in toks)


_ECHO_PRONOUNS = {"وهو", "وهذا", "وهي", "هو", "هذا", "وذلك"}
# words between a verb and its subject: وأكد فيه، شدد عليه، وهو ما أشار إليه، أكده أيضاً
_AFTER_VERB = {"فيه", "فيها", "عليه", "عليها", "اليه", "اليها", "به", "بها", "ايضا"}


def _echo_cue(toks: list[Token], i: int) -> Cue | None:
    """The verb after "وهو ما", with its object pronoun (أكده، قاله، شددت عليه): a reporting cue."""
    if i < 2 or toks[i - 1].norm != "ما" or toks[i - 2].norm not in _ECHO_PRONOUNS:
        return None  # most tokens: one comparison
    norm = toks[i].norm
    for form in (norm, norm.removesuffix("ه"), norm.removesuffix("ته") + "ت" if norm.endswith("ته") else None):
        if form and form in cues("ar") and cues("ar")[form].type == "past":
            return cues("ar")[form]
    return None


def _echo_frame(pre: list[Token]) -> bool:
    """"وهو ما / وهذا ما" before a verb: "...، وهو ما أكده مسؤول قطري بقوله إن ...": the verb comes first, its
    subject follows."""
    return len(pre) == 2 and pre[0].norm in _ECHO_PRONOUNS and pre[1].norm == "ما"


_NEGATIONS = {"لم", "ولم", "لا", "ولا", "لن", "ولن"}  # ولم يستبعد المسؤول أن ...: still verb-first
# Prepositions that open a sentence-initial adverbial (وفي السياق ذاته، وعلى صعيد متصل، إلى ذلك، وفي غضون ذلك):
# no subject starts with one, so the reporting verb after such a phrase is verb-first.
_ADVERBIAL_OPENERS = {"في", "علي", "الي", "خلال", "عقب", "بعد", "قبل", "اثناء", "وسط", "اثر", "ازاء", "ضمن", "مع",
                      "حول", "بشان", "تعليقا", "ردا"}


def _adverbial_opening(pre: list[Token]) -> bool:
    """A short sentence-initial adverbial before the verb, without the comma that usually closes it."""
    first = pre[0].norm
    bare = first[1:] if first[:1] in _CLITICS and first[1:] in _ADVERBIAL_OPENERS else first
    return bare in _ADVERBIAL_OPENERS and len(pre) <= 6 and \
        not any(_is_complementizer(t, None) or t.norm in ("ان", "لكن", "ولكن") for t in pre)


@lru_cache(maxsize=None)
def _cue_words() -> frozenset:
    """Every folded word _cue can accept: a cue form, bare or behind the clitics it strips."""
    return frozenset(prefix + form for form in cues("ar") for prefix in ("",) + _CLITICS + _CLITIC_PREPS)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, except that the Arabic semicolon does not end one: outlets put it where a comma
    would stand, even between the speaker and the content (وقال المتحدث باسم الحركة؛ إن ...)."""
    spans = sentence_spans(text)
    if "؛" not in text:
        return spans
    merged: list[tuple[int, int]] = []
    for s0, s1 in spans:
        if merged and text[merged[-1][0]:merged[-1][1]].rstrip().endswith("؛"):
            merged[-1] = (merged[-1][0], s1)
        else:
            merged.append((s0, s1))
    return merged


def extract_paragraph(text: str, headline_like: bool) -> list[Found]:
    found: list[Found] = []
    # Every rule starts at a cue or at a colon: text with neither is skipped before the costly
    # sentence splitting and tokenizing.
    dash = headline_like and any(d in text for d in (" - ", " – ", " — "))  # "Name - ..." headlines
    if not dash and not may_contain(text, 0, len(text), _cue_words()):
        return found
    for s_index, (s0, s1) in enumerate(_clauses(text)):
        if not dash and not may_contain(text, s0, s1, _cue_words()):
            continue
        toks = tokenize(text, s0, s1)
        if not toks:
            continue
        found += _sentence(text, toks, (s0, s1), s_index, headline_like)
    return found


def _sentence(text: str, toks: list[Token], sent, s_index: int, headline_like: bool) -> list[Found]:
    m = markers()
    out: list[Found] = []
    used_until = -1
    # colon attribution: "حماس: ..." / "وإسرائيل: ..." (a short speaker before the first colon)
    label = next((q + 1 for q in range(min(3, len(toks))) if toks[q].text.endswith("|")), 0)  # "عاجل | مصدر: ..."
    for k, t in enumerate(toks[:9]):  # مصدر مصري رفيع المستوى لـ«القاهرة الإخبارية»: ...
        # "رشوان: ..." or, in a headline, "رشوان - ..."
        dash = headline_like and k + 2 < len(toks) and toks[k + 1].text in _DASHES and not t.colon
        if k >= label and (t.colon or dash):
            body = k + 2 if dash else k + 1
            if any(_cue(x, None) for x in toks[label:k + 1]) or body >= len(toks):
                break
            if not _speaker_like(toks[label:k + 1]) or dash and any(_cue(x, None) for x in toks[body:body + 3]):
                break
            a = label + (1 if toks[label].norm in ("و",) else 0)
            speaker = _span(toks, a, k + 1)
            vias = []
            for q in range(a + 1, k + 1):  # "مصدر لـ«فرانس برس»: ..." — the channel is not the speaker
                if toks[q].norm == "عن" and q + 1 <= k and _media_at(toks, a) == q:
                    # "القاهرة الإخبارية عن مصدر رفيع المستوى: ...": the medium relays the source
                    vias.append(_quoted_span(toks, a, q, text))
                    speaker = _span(toks, q + 1, k + 1)
                    break
                end_q, via = _channel(toks, q, text)
                if not via and toks[q].norm == "ل":
                    via = _quoted_span(toks, q, k + 1, text)
                if not via and toks[q].norm[:1] == "ل" and len(toks[q].norm) > 3 and \
                        any(stop == q - a for _, stop, _ in find_names([t.norm for t in toks[a:q]])):
                    speaker = _span(toks, a, q)  # "عبد العاطي لنظيره الأمريكي: ...": a listener, not the speaker
                    break
                if via:
                    speaker = _span(toks, a, q)
                    vias.append(via)
                    break
            if toks[a].norm[:1] == "و" and toks[a].norm[1:] and any(toks[a].norm[1:] == n.tokens[0] for n in actor_index().get(toks[a].norm[1:], [])):
                speaker = (toks[a].start + 1, speaker[1])
            end = _content_end(toks, body, text)
            content, direct = _content_span(toks, body, end, text)
            first_person = any(x.norm.endswith("نا") and len(x.norm) > 3 for x in toks[body:end]) or \
                toks[body].norm[:1] == "ن" and len(toks[body].norm) in (4, 5)
            out.append(Found(sent, s_index, content, None, speaker, None, "ar.dash_headline" if dash else
                             "ar.colon_headline", 0.8, via=vias, direct=direct or first_person,
                             note=["headline attribution by " + ("dash" if dash else "colon")]))
            used_until = end
            break
    words, n = _cue_words(), len(toks)
    i = max(used_until, 0)
    while i < n:
        t = toks[i]
        if t.norm not in words and (i < 2 or toks[i - 1].norm != "ما"):
            i += 1  # most tokens: no cue in any form (_cue would say so too), and no "وهو ما" before
            continue
        cue = _cue(t, toks[i + 1] if i + 1 < n else None) or _echo_cue(toks, i)
        if not cue or i < used_until:
            i += 1
            continue
        clause_start = i
        while clause_start > max(used_until, 0) and not (toks[clause_start - 1].comma or toks[clause_start - 1].colon
                                        or _is_dash(toks[clause_start - 1])
                                        or _subordinator(toks[clause_start - 1].norm)):
            clause_start -= 1
        pre = toks[clause_start:i]
        if not pre and clause_start > 0 and toks[clause_start - 1].comma:
            # وكان الناطق باسم الحركة حازم قاسم، قال ...: the subject of كان stands before the comma
            k0 = clause_start - 1
            while k0 > 0 and not (toks[k0 - 1].comma or toks[k0 - 1].colon):
                k0 -= 1
            if toks[k0].norm in _KANA and 2 <= clause_start - k0 <= 10:
                clause_start, pre = k0, toks[k0:i]
        result = None
        if cue.type in ("past", "present") and (not pre or [x.norm for x in pre] == ["قد"]):
            result = _apposed_subject(text, toks, i, cue, sent, s_index, clause_start)
        if result is not None:
            pass  # سليم العطار، المتحدث باسم الحركة، قال ...
        elif cue.type == "trailing":
            result = _trailing(text, toks, i, cue, sent, s_index, max(used_until, 0))
        elif cue.type == "participle":
            result = _participle(text, toks, i, cue, sent, s_index, out)
        elif cue.type == "prep":
            result = _prep(text, toks, i, cue, sent, s_index, pre, clause_start)
        elif not pre or _frame_only(pre) or _pronoun_frame(pre) or _adverbial_opening(pre) or _echo_frame(pre):
            result = _vso(text, toks, i, cue, sent, s_index)
            if result and _echo_frame(pre):
                result[0].rule = "ar.vso_echo"  # a second voice agreeing: the paragraph's speaker goes on after it
        else:
            result = _svo(text, toks, i, cue, sent, s_index, pre, clause_start, headline_like)
        if result and result[0].rule == "ar.according_to_first":
            # وحسب الوكالة، شدد عبد العاطي على ...: the medium carries a report that has its own speaker
            claim, end = result
            q = next((n for n, t_ in enumerate(toks) if t_.start >= claim.content[0]), None)
            inner = _cue(toks[q], toks[q + 1] if q is not None and q + 1 < len(toks) else None) if q is not None else None
            if inner and inner.type == "past":
                r = _vso(text, toks, q, inner, sent, s_index)
                if r and r[0].speaker:
                    r[0].via = [claim.speaker] + claim.via + r[0].via
                    r[0].rule = "ar.according_to_nested"
                    r[0].note.append("nested chain")
                    result = r
        if result:
            claim, end = result
            out.append(claim)
            nxt_cue = _cue(toks[end], toks[end + 1] if end + 1 < len(toks) else None) if end + 1 < len(toks) else None
            if claim.rule == "ar.svo_headline" and nxt_cue and nxt_cue.type == "present" and \
                    toks[end].norm[:1] == "و" and not _is_complementizer(toks[end + 1], None):
                # "نتنياهو يرفض الانسحاب ... ويتوعد بمواصلة الحرب": the headline's second verb, same subject
                stop = _content_end(toks, end + 1, text)
                content, direct = _content_span(toks, end + 1, stop, text)
                out.append(Found(sent, s_index, content, (toks[end].start + 1, toks[end].end), claim.speaker,
                                 nxt_cue.cls, "ar.svo_headline", 0.7, direct=direct))
                end = stop
            # a subject-first report inside the content (ذكرت القناة أن هنية ... أكد على ...)
            for q in range(i + 1, min(end, len(toks))):
                inner = _cue(toks[q], toks[q + 1] if q + 1 < len(toks) else None)
                if inner and inner.type == "past" and toks[q].start >= claim.content[0]:
                    cs = q
                    while cs > 0 and not (toks[cs - 1].comma or toks[cs - 1].colon):
                        cs -= 1
                    r = _svo(text, toks, q, inner, sent, s_index, toks[cs:q], cs, headline_like)
                    if r and r[0].rule == "ar.svo_after_complementizer":
                        out.append(r[0])
                        break
            used_until = end
            i = end
        else:
            i += 1
    out = _trailing_source_to_via(out, text)
    if out and "عنه" in text[sent[0]:sent[1]]:  # عنه، عنها، عنهم، عنهما
        _relayed_by_pronoun(out, toks)
    for f in out:
        if f.via:
            f.via = [v for v in f.via if not _meeting(text[v[0]:v[1]])]
    return _nest(out)


_ABOUT_HIM = {"عنه", "عنها", "عنهم", "عنهما"}


def _relayed_by_pronoun(found: list[Found], toks: list[Token]) -> None:
    """"...، كما نقلت عنه وكالة فرانس برس" / "حسبما نقلت عنها القناة": the medium after a relay verb
    whose source is a pronoun carried the claim just before it: that claim's channel."""
    for q in range(1, len(toks) - 2):
        if toks[q + 1].norm not in _ABOUT_HIM or _CHAIN_VERBS.get(toks[q].norm.removesuffix("ه")) != "عن":
            continue
        e = _np_end(toks, q + 2)
        before = [f for f in found if f.content[1] <= toks[q].start and not f.via]
        if e > q + 2 and before:
            before[-1].via = [_span(toks, q + 2, e)]


def _trailing_source_to_via(found: list[Found], text: str) -> list[Found]:
    """"أعلنت الحركة موافقتها ...، وفق ما ذكر بيان صدر عنها": a trailing according-to whose content is
    itself a report (its own verb) is no second claim; a statement or medium it names is that report's
    channel ("بحسب ما أبلغه المسؤولون" names who told the speaker: no channel)."""
    drop = set()
    for f in found:
        if f.rule != "ar.according_to_last" or not f.speaker:
            continue
        inner = next((o for o in found if o is not f and o.cue and f.content[0] <= o.cue[0] < f.content[1]), None)
        if inner is not None:
            if _channel_head(fold_word(text[f.speaker[0]:f.speaker[1]].split()[0])):
                inner.via = [f.speaker] + f.via + inner.via
            drop.add(id(f))
    return [f for f in found if id(f) not in drop] if drop else found


# Meetings, press conferences, calls and summits are where words were said, not the channel that carried
# them (gold/README "Relayed statements"): the phrase is skipped as an adverbial but is no via.
_MEETING_HEADS = {fold_word(w) for w in ("مؤتمر", "لقاء", "اتصال", "ندوة", "اجتماع", "قمة", "إحاطة", "جلسة",
                                         "مباحثات", "محادثات", "زيارة", "استقبال", "منتدى")}


@lru_cache(maxsize=4096)
def _meeting(via: str) -> bool:
    words = [fold_word(w) for w in via.split()]
    head = next((w for w in words if w and w not in ("في", "خلال", "عبر", "علي", "ل")), "")
    for suffix in ("هما", "هم", "ها", "ه"):  # لقائه، اجتماعها
        stem = head[: -len(suffix)]
        if head.endswith(suffix) and (stem.replace("ئ", "ء") in _MEETING_HEADS | {"لقاء"} or
                                      stem.endswith("ت") and stem[:-1] + "ه" in _MEETING_HEADS):  # إحاطته
            return True
    return head.removeprefix("ال") in _MEETING_HEADS


def _after_subject(text, toks, j, cue, max_loose: int = 5):
    """Skip channels, chains and parentheticals after the subject; return (content start, via spans,
    chain speaker span, chain cue span), or None when no complement opens."""
    vias, chain, chain_cue = [], None, None
    k = j
    loose = 0  # words skipped outside a comma-delimited parenthetical
    paren_open = j > 0 and toks[j - 1].comma
    while k < len(toks) and k - j < 24:
        t = toks[k]
        if _is_complementizer(t, None) or (_is_complementizer(t, cue) and not paren_open):
            return k, vias, chain, chain_cue
        if k > 0 and toks[k - 1].colon and k > j - 1:
            return k, vias, chain, chain_cue  # قال X خلال مؤتمر صحفي: "..."
        if _quote_opens(toks, k):
            return k, vias, chain, chain_cue  # وقال المصدر "الوفد سيعود ...": a quotation with no colon
        if _subordinator(t.norm) and k + 2 < len(toks) and (_cue(toks[k + 1], None) or _NO_CUE).type == "past" \
                and _is_complementizer(toks[k + 2], None):
            k += 2  # "... في تصريح لقناة الجزيرة، حيث قال إن ...": no new subject, the same report said again
            continue
        if _subordinator(t.norm) and k + 1 < len(toks) and _cue(toks[k + 1], None):
            return None  # "...، بينما تفيد تقارير بأن": the complementizer belongs to the next frame
        if t.norm in ("نقلا",) and k + 1 < len(toks) and toks[k + 1].norm == "عن":
            e = _np_end(toks, k + 2)
            if e > k + 2:
                chain, chain_cue = _span(toks, k + 2, e), (t.start, toks[k + 1].end)
                k = e
                continue
        end, via = _channel(toks, k, text)
        if via:
            vias.append(via)
            k = end
            if t.norm.startswith("ل") and cue.cls in ("SAY", "CONFIRM", "CONTINUE") and len(toks) - k >= 4 and loose == 0 and \
                    not toks[k - 1].comma and not _subordinator(toks[k].norm) and _bare_clause_at(toks, k):
                return k, vias, chain, chain_cue  # قال X لـ"الجزيرة نت" الحركة لم تتلق ...: no complementizer
            continue
        c = _cue(t, toks[k + 1] if k + 1 < len(toks) else None)
        if c and c.type != "prep" and (t.norm[:1] in _CLITICS and c.form != t.text or c.type == "participle"):
            return None  # a new reporting clause (وأضاف، مؤكداً ...) before any complementizer
        if not paren_open and t.norm not in markers()["ar_time_words"]:
            if loose == 0 and (t.norm in ("خلال", "اثناء", "في", "لدى", "عقب", "مع", "امام", "الذي", "التي", "الذين",
                                          "بعد", "اثر", "قبيل", "عند", "وسط")
                               or t.norm in _ISSUED and vias or j > 0 and toks[j - 1].norm in _ISSUED):
                # خلال اتصال هاتفي مع الرئيس الأمريكي على ... / المصدر الذي طلب عدم الكشف عن هويته أن ...:
                # an adverbial phrase or a relative clause before the complement
                max_loose = max(max_loose, 9)
            loose += 1
            if loose > max_loose:
                return None
        if t.comma:
            paren_open = not paren_open
        k += 1
    return None


_POSSESSIVE = ("ها", "هم", "هما")


def _possessive_object(toks: list[Token], j: int, e: int) -> int | None:
    """Where the object starts inside a subject span toks[j:e] read too far: a bare noun with a possessive
    suffix (موافقتها، رفضه، التزامهم) right after a definite word or a known name is the speaker's
    verbal noun, not part of its name (وزير خارجيتها follows an indefinite head and stays)."""
    for k in range(j + 1, min(e, j + 8)):
        word = fold_word(toks[k].text)
        raw = "".join(ch for ch in toks[k].text if not "\u064b" <= ch <= "\u0652")
        if word.startswith("ال") or len(word) < 5 or not (raw.endswith(_POSSESSIVE) or raw.endswith("ه")):
            continue
        before = toks[k - 1]
        if toks[k - 1].comma or not (before.norm.startswith(("ال", "وال")) or find_names([before.norm])):
            continue
        return k if len(toks) - k >= 2 else None
    return None


def _bare_clause_at(toks: list[Token], k: int) -> bool:
    """A clause without complementizer starts at k (after the listener): a definite subject and no
    preposition, time word, relative or complementizer that would continue the frame."""
    m = markers()
    t = toks[k]
    return t.norm not in m["ar_time_words"] and t.norm not in m["ar_np_stops"] and not _is_complementizer(t, None) and \
        t.norm not in _ADVERBIAL_PREPS | m["ar_channel_preps"] and t.norm[:1] not in "لب" and \
        t.norm not in ("الذي", "التي", "الذين") and not _cue(t, None) and not _channel_head(t.norm)


def _content_from(text, toks, k, cue):
    """Content starting at the complementizer toks[k] (skipped) or at k itself."""
    m = markers()
    start = k
    if start + 1 < len(toks) and toks[start + 1].norm == "بالقول":
        start += 1  # مختتماً حديثه بالقول إن ...: the talk is not the content
    if start < len(toks) and (_is_complementizer(toks[start], cue)):
        nxt = toks[start + 1].norm if start + 1 < len(toks) else ""
        start += 1
        opened_by_cue = toks[start - 1].norm in cue.complements
        if opened_by_cue and nxt in ("علي", "الي", "من") and len(toks[start - 1].norm) > 3:
            start += 1  # جدد التأكيد على أن / الدعوة إلى: a verbal noun object, then its preposition
            nxt = toks[start].norm if start < len(toks) else ""
        if (opened_by_cue or toks[start - 1].norm == "بالقول") and nxt in markers()["ar_complementizers"]:
            start += 1
    if start >= len(toks):
        return None
    end = _content_end(toks, start, text)
    if end <= start:
        return None
    span, direct = _content_span(toks, start, end, text)
    return span, direct, end


def _subject_after_adverbial(toks: list[Token], j: int) -> int | None:
    """Where a speaker's noun phrase starts after the short adverbial at j (في القاهرة مسؤول مصري،
    من جهته القيادي في حماس ...): a speaker head or a person's name, past the preposition's object."""
    m = markers()
    heads = m["ar_person_heads"] | m["ar_anonymous_heads"] | m["ar_government_heads"] | m["ar_source_heads"]
    for q in range(j + 2, min(j + 5, len(toks))):
        if _is_complementizer(toks[q], None) or toks[q - 1].comma or _cue(toks[q], None):
            return None
        names = find_names([t.norm for t in toks[q:q + 4]])
        if toks[q].norm in heads or names and names[0][0] == 0 and names[0][2].kind == "person":
            return q
    return None


# Adjectives of an unnamed source (besides nisbas: مصري، إسرائيلية): مصدر مطلع، مصادر أمنية رفيعة المستوى.
_SOURCE_ADJECTIVES = {fold_word(w) for w in (
    "مطلع", "مطلعة", "مطلعون", "مطلعين", "رفيع", "رفيعة", "رفيعو", "المستوى", "أمني", "أمنية", "أمنيون", "أمنيين",
    "دبلوماسي", "دبلوماسية", "دبلوماسيون", "سياسي", "سياسية", "عسكري", "عسكرية", "حكومي", "حكومية", "رسمي", "رسمية",
    "كبير", "كبيرة", "كبار", "بارز", "بارزة", "مسؤول", "مسؤولة", "قيادي", "قيادية", "مقرب", "مقربة", "مطلعان",
    "غربي", "غربية", "عربي", "عربية", "إقليمي", "إقليمية", "أخرى", "آخر", "مختلفة")}


def _anonymous_np_end(toks: list[Token], j: int, limit: int) -> int:
    """End of an unnamed source's noun phrase at j (مصدر مصري مطلع، مصادر في الحركة): the head, its adjectives
    (nisbas and the words of _SOURCE_ADJECTIVES) and one "في / من" + known side."""
    k = j + 1
    while k < limit:
        norm = toks[k].norm
        names = find_names([norm])
        if norm in _SOURCE_ADJECTIVES or names and names[0][2].kind == "nisba":
            k += 1
            continue
        if norm in ("في", "من", "داخل") and k + 1 < limit:
            inner = find_names([t.norm for t in toks[k + 1:k + 4]])
            if inner and inner[0][0] == 0:
                k += 1 + inner[0][1]
                continue
            if toks[k + 1].norm in markers()["ar_coref_heads"]:
                k += 2
                continue
        break
    return k


@lru_cache(maxsize=None)
def _speaker_heads() -> frozenset:
    m = markers()
    return m["ar_person_heads"] | m["ar_anonymous_heads"] | m["ar_government_heads"] | m["ar_source_heads"] | \
        m["ar_org_heads"]


def _speaker_start(toks: list[Token], q: int) -> bool:
    """A speaker's noun phrase opens at q: a speaker head (مصدر، مسؤول، المتحدث، وزارة) or a known name."""
    if toks[q].norm in _speaker_heads():
        return True
    names = find_names([t.norm for t in toks[q:q + 4]])
    return bool(names) and names[0][0] == 0 and names[0][2].kind != "nisba"


_MONTHS = {fold_word(w) for w in (
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
    "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "الثاني", "الأول",
    "الموافق")}


def _date_word(tok: Token) -> bool:
    """A word of a written date: 12 أكتوبر 2025، الأحد الموافق 5 مايو."""
    return tok.text.isdigit() or tok.norm in _MONTHS


def _past_interjection(toks: list[Token], e: int, prep: str) -> int:
    """Where a relay's preposition stands once a time or a parenthetical between the medium and it is
    passed: نقلت الوكالة، اليوم الثلاثاء، عن مصدر ...؛ نقلت الهيئة مساء أمس عن ...؛ نقلت الوكالة، في تقرير
    نشرته الأحد، عن مسؤولين ... (e: where the medium's noun phrase ended; unchanged when no preposition follows)."""
    times = markers()["ar_time_words"]
    k = e
    while k < len(toks) and k - e < 7 and (toks[k].norm in times or toks[k].norm[1:] in times or _date_word(toks[k])):
        k += 1
    if k < len(toks) and toks[k].norm == prep:
        return k
    if e > 0 and toks[e - 1].comma:  # a parenthetical closed by a comma, up to 8 words
        close = next((q for q in range(e, min(e + 8, len(toks))) if toks[q].comma or toks[q].colon), None)
        if close is not None and not toks[close].colon and close + 1 < len(toks) and toks[close + 1].norm == prep:
            return close + 1
    return e


def _relay_of_previous_speaker(text, toks, i, j, cue, sent, s_index):
    """ونقلت عنه وكالة الأنباء الرسمية قوله إن ...: the medium relays the speaker named before (the pronoun)."""
    e = _np_end(toks, j + 1)
    rest = _after_subject(text, toks, e, cue) if e > j + 1 else None
    c = _content_from(text, toks, rest[0], cue) if rest else None
    if not c:
        return None
    content, direct, end = c
    cue_span = (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0), toks[j].end)
    return Found(sent, s_index, content, cue_span, None, "REPORT", "ar.chain_pronoun", 0.75,
                 via=[_span(toks, j + 1, e)] + rest[1], direct=direct, coreferent=True, implicit=True,
                 note=["implicit speaker"]), end


def _vso(text, toks, i, cue, sent, s_index):
    m = markers()
    j = i + 1
    via: list = []
    chain_cue = None
    # نقلت X عن Y (قوله) إن ...: Y speaks through X
    chain_prep = _CHAIN_VERBS.get(fold_word(cue.form))
    # "على لسان X" (by the tongue of X): نقلت الوكالة على لسان مسؤول أن ...، وجاء على لسان المتحدث أن ...
    lisan = lambda q: q + 1 < len(toks) and toks[q].norm == "علي" and toks[q + 1].norm == "لسان"  # noqa: E731
    passive = toks[i].norm in ("نقل", "ونقل", "فنقل")
    if fold_word(cue.form) == "جاء" and j < len(toks) and toks[j].norm == "علي":
        if not lisan(j):
            return None  # "جاء على خلفية ...": no report
        chain_prep, passive = "علي", True
    if chain_prep == "عن" and j + 1 < len(toks) and toks[j].norm in _ABOUT_HIM:
        return _relay_of_previous_speaker(text, toks, i, j, cue, sent, s_index)
    if chain_prep:
        e = _np_end(toks, j)
        if chain_prep == "من":  # "من" also sits inside names (مصدر من الحركة): the first one within reach
            e = next((q for q in range(j + 1, min(j + 6, len(toks))) if toks[q].norm == "من"), len(toks))
        medium_end = e
        if chain_prep == "عن" and e > j:
            e = _past_interjection(toks, e, chain_prep)
        by_tongue = e < len(toks) and chain_prep in ("عن", "علي") and lisan(e)
        # ونُقل عن مسؤول قوله إن ...: the passive has no medium, the quoted one is the speaker
        # ونقلت عن مصادر ... after "ذكرت الصحيفة": the medium is the dropped subject, the sources speak
        dropped = e == j and not passive and chain_prep == "عن" and j < len(toks) and toks[j].norm == chain_prep
        if e < len(toks) and (toks[e].norm == chain_prep or by_tongue) and (e > j or passive or dropped):
            if e > j:
                via.append(_span(toks, j, medium_end))
            if by_tongue:
                e += 1  # the speaker follows "لسان"
            e2 = _np_end(toks, e + 1)
            e2 = next((q for q in range(e + 2, e2) if _reported_act(toks[q].norm)), e2)
            if e2 > e + 1:
                speaker = _span(toks, e + 1, e2)
                rest = _after_subject(text, toks, e2, cue)
                if rest is None:
                    return None
                k, vias, _, _ = rest
                c = _content_from(text, toks, k, cue)
                if not c:
                    return None
                content, direct, end = c
                cue_span = (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0), toks[i].end)
                return Found(sent, s_index, content, cue_span, speaker, "REPORT", "ar.chain_naqalat",
                             0.85, via=via + vias, direct=direct, note=["nested chain"], relayed=dropped), end
        return None
    while j < len(toks) and (toks[j].norm in m["ar_time_words"] or toks[j].norm in _AFTER_VERB):
        j += 1
    if j < len(toks) and (_cue(toks[j], None) or Cue("", "", "")).type == "participle":
        j += 1  # وتابع قائلاً إن ...: pro-drop
    if j + 1 < len(toks) and toks[j + 1].norm == "بالقول":
        j += 1  # واختتم حديثه بالقول: ...: pro-drop, the talk is no subject
    # a listener or channel fronted before the subject: وقال لـ«العربي الجديد» مصدر مصري إن ...
    fronted: list = []
    while j < len(toks) and not toks[j].colon:
        end_, v = _channel(toks, j, text)
        if not v or end_ >= len(toks) or toks[end_ - 1].colon or not _speaker_start(toks, end_):
            break
        fronted.append(v)
        j = end_
    if j >= len(toks):
        return None
    if toks[i].colon:  # وتابع: «...»
        c = _content_from(text, toks, i + 1, cue)
        if not c:
            return None
        content, direct, end = c
        return Found(sent, s_index, content, (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0), toks[i].end),
                     None, cue.cls, "ar.vso_colon", 0.8, direct=direct, coreferent=True, implicit=True,
                     continues=True), end
    if toks[j].before and toks[j].before[-1] in QUOTE_CHARS and cue.cls in ("CONTINUE", "SAY", "CONFIRM"):
        end = _content_end(toks, j, text)
        content, direct = _content_span(toks, j, end, text)
        return Found(sent, s_index, content, (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0), toks[i].end),
                     None, cue.cls, "ar.vso_quote", 0.8, direct=direct, coreferent=True, implicit=True,
                     continues=True), end
    if _is_complementizer(toks[j], cue):
        speaker = None
        e = j
    elif (toks[j].norm in m["ar_object_nouns"] or toks[j].norm.startswith("ال") and toks[j].norm[2:] in m["ar_object_nouns"]) \
            and cue.cls in ("CONFIRM", "DENY", "SAY", "WARN"):
        # وأكد عدم رصد ... / وشدد ضرورة ...: no subject, the object is the content
        end = _content_end(toks, j, text)
        content, direct = _content_span(toks, j, end, text)
        return Found(sent, s_index, content, (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0), toks[i].end),
                     None, cue.cls, "ar.vso_object", 0.65, direct=direct, coreferent=True, implicit=True), end
    else:
        # a preposition right after the verb opens an adverbial (وقال في هذا الصدد إن ...): the subject
        # is dropped, never "في ..."
        if toks[j].norm in _ADVERBIAL_PREPS:
            e = j
            q = _subject_after_adverbial(toks, j)
            if q is not None:  # وقال على هامش القمة وزير الخارجية السعودي إن ...
                j, e = q, _np_end(toks, q, cue=cue)
        else:
            e = _np_end(toks, j, cue=cue)
        # an appositive name between commas: عضو المكتب السياسي لحركة حماس، باسم نعيم، أن ...
        if e > j and toks[e - 1].comma:
            q = e
            while q < len(toks) and q < e + 3 and not toks[q].comma:
                q += 1
            if q < len(toks) - 1 and toks[q].comma and (_is_complementizer(toks[q + 1], cue) or
                                                         toks[q + 1].norm in m["ar_channel_preps"]) and \
                    toks[e].norm not in m["ar_np_stops"] | m["ar_channel_preps"] | m["ar_time_words"] and \
                    not toks[e].norm.startswith(("طلب", "فضل", "رفض", "الذي", "التي", "نقلا")):
                e = q + 1
        # "بيان حماس الصادر مساء الأحد": the issued-by participle closes the channel, it is not a name
        speaker = _span(toks, j, e - 1 if e - j > 1 and toks[e - 1].norm in _ISSUED else e) if e > j else None
    if fold_word(cue.form) in _ADDRESSEE_CUES and speaker and e < len(toks) and not _is_complementizer(toks[e], None):
        # ودعا X، حكومة الاحتلال إلى التوقف ...: the addressee and what it is called to do are the content
        k = e
        while k < len(toks) and (toks[k].norm in m["ar_time_words"] or toks[k].norm[1:] in m["ar_time_words"]):
            k += 1
        c = _content_from(text, toks, k, cue) if k < len(toks) else None
        if c:
            content, direct, end = c
            return Found(sent, s_index, content, (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0),
                                                  toks[i].end), speaker, cue.cls, "ar.vso_addressee", 0.75,
                         direct=direct), end
    told: list = []
    if speaker and e < len(toks) and fold_word(cue.form) in _TELL_CUES and _listener_at(toks, e) > e:
        told.append(_quoted_span(toks, e, _listener_at(toks, e), text))
        e = _listener_at(toks, e)
    rest = _after_subject(text, toks, e, cue)
    if rest is not None and told:
        rest = (rest[0], told + rest[1], rest[2], rest[3])
    confidence = 0.85
    clause_ends = e >= len(toks) or (toks[e - 1].comma and toks[e].norm[:1] in _CLITICS and _cue(toks[e], None)) or \
        (toks[e - 1].comma and (_subordinator(toks[e].norm) or (_cue(toks[e], None) or _NO_CUE).type == "participle"))
    telling = fold_word(cue.form) in _TELL_CUES
    cut = _possessive_object(toks, j, e) if rest is None and speaker and \
        (cue.cls in ("CONFIRM", "DENY", "CLAIM", "HEDGE", "WARN") or telling) else None
    speaker_end = cut
    if cut is not None and telling:  # أبلغت حركة حماس الوسطاء موافقتها: the told stand between teller and object
        names = find_names([t.norm for t in toks[j:cut]])
        speaker_end = j + names[0][1] if names and names[0][0] <= 2 and j + names[0][1] < cut else None
    if speaker_end is not None:
        # أعلنت الحركة موافقتها على ...، جددت مصر رفضها ...: a verbal noun with a possessive ends the subject
        end = _content_end(toks, cut, text)
        content, direct = _content_span(toks, cut, end, text)
        return Found(sent, s_index, content, (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0),
                                              toks[i].end), _span(toks, j, speaker_end), cue.cls,
                     "ar.vso_object_after_name", 0.6, direct=direct), end
    if rest is None and cue.cls in ("CONFIRM", "DENY", "CLAIM") and speaker and e - j >= 3 and \
            (not toks[e - 1].comma or clause_ends) and (e >= len(toks) or not _is_complementizer(toks[e], cue)):
        # نفت حركة حماس تلقيها أي عرض ...: the subject is the known name; what follows is the object
        names = [n for n in find_names([t.norm for t in toks[j:e]]) if n[2].kind != "nisba"]
        if not names:  # نفت مصادر في الحركة صحة ...: a known head (the movement, the sources) ends the subject
            names = [(q - j, q - j + 1, None) for q in range(j, min(j + 4, e)) if toks[q].norm in m["ar_coref_heads"]]
        for n, (start_rel, _, name) in enumerate(names[1:], 1):
            if name and names[n - 1][2] and start_rel == names[n - 1][1] and name.actor != names[n - 1][2].actor:
                names = names[:n]  # اتهمت حماس إسرائيل بـ...: a second side right after the first is the object
                break
        if names and names[0][0] <= 4:  # up to a few title words before the name
            cut = j + names[-1][1]  # after the last name: "مكتب رئيس الوزراء بنيامين نتنياهو"
            while cut < e and find_names([toks[cut].norm]) and find_names([toks[cut].norm])[0][2].kind == "nisba":
                cut += 1
            if cut < e and len(toks) - cut >= 2 and not toks[cut - 1].comma:
                e = cut
                speaker = _span(toks, j, e)
                k = e
                end = _content_end(toks, k, text)
                content, direct = _content_span(toks, k, end, text)
                return Found(sent, s_index, content, (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0),
                                                      toks[i].end), speaker, cue.cls, "ar.vso_object_after_name", 0.6,
                             direct=direct), end
    if rest is None and cue.cls in ("CONFIRM", "DENY", "CLAIM", "HEDGE") and speaker and e - j >= 3 and \
            not toks[e - 1].comma and toks[j].norm in m["ar_anonymous_heads"] | m["ar_source_heads"]:
        # رجحت مصادر مطلعة عودة الوفد ...: an unnamed source and its adjectives, then the object
        cut = _anonymous_np_end(toks, j, e)
        if j < cut < e and len(toks) - cut >= 2:
            end = _content_end(toks, cut, text)
            content, direct = _content_span(toks, cut, end, text)
            return Found(sent, s_index, content, (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0),
                                                  toks[i].end), _span(toks, j, cut), cue.cls,
                         "ar.vso_object_after_source", 0.6, direct=direct), end
    # "...، قال المصدر (لرويترز).": the attribution closes the sentence, the content is before it;
    # "هكذا" may stand before the verb ("«...»، هكذا قال القيادي")
    comma_at = i - 2 if i > 2 and toks[i - 1].norm in ("هكذا", "وهكذا") else i - 1
    trailing_vias: list = []
    if rest is None and speaker and comma_at > 0 and toks[comma_at].comma and \
            _skip_channels_and_times(toks, e, text, trailing_vias) >= len(toks):
        a = 0
        while a < comma_at and toks[a].norm in m["ar_frame_words"]:
            a += 1
        if comma_at + 1 - a >= 3:
            content, direct = _content_span(toks, a, comma_at + 1, text)
            return Found(sent, s_index, content, (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS else 0),
                                                  toks[i].end), speaker, cue.cls, "ar.trailing_attribution", 0.7,
                         via=trailing_vias, direct=direct), len(toks)
    if rest is None:
        if cue.cls in ("CONFIRM", "DENY", "CLAIM") and speaker and e < len(toks):
            # direct object content: أعلن X، في كلمة متلفزة، التوصل إلى اتفاق / نفت المصادر ما ...
            k = e
            vias = []
            # أكد X خلال اتصال هاتفي مع نظيره، ضرورة ... / أكد X، خلال لقائه نظيره، ضرورة ...: content after the comma
            if not toks[e - 1].comma or toks[e].norm in m["ar_channel_preps"] or toks[e].norm in ("اثناء", "لدى"):
                comma = next((q for q in range(e, min(e + 8, len(toks) - 1)) if toks[q].comma), None)
                if comma is not None:
                    end_, v = _channel(toks, e, text)
                    if v:
                        vias.append(v)
                    k = comma + 1
            k = _skip_channels_and_times(toks, k, text, vias)
            rest = (k, vias, None, None)
            confidence = 0.6
        else:
            return None
    k, vias, chain, chain_cue = rest
    vias = fronted + vias
    c = _content_from(text, toks, k, cue) if k < len(toks) else None
    if toks[k - 1].colon and not c:
        return None
    if not c:
        return None
    content, direct, end = c
    cue_span = (toks[i].start, toks[i].end)
    if toks[i].norm[:1] in _CLITICS and cue.form not in (toks[i].text,):
        cue_span = (toks[i].start + 1, toks[i].end)
    if chain:
        return Found(sent, s_index, content, chain_cue, chain, "REPORT", "ar.chain_naqlan_an", 0.85,
                     via=([speaker] if speaker else []) + vias, direct=direct, note=["nested chain"]), end
    if not vias:
        q = 0
        while q < i and not vias:
            if toks[q].norm in ("في", "وفي", "عبر", "وعبر", "خلال", "وخلال"):
                probe = Token(toks[q].start, toks[q].end, toks[q].text, toks[q].norm.removeprefix("و"), toks[q].before,
                              toks[q].after)
                end_, v = _channel(toks[:q] + [probe] + toks[q + 1:i], q, text)
                if v:
                    vias.append(v)
            q += 1
    found = Found(sent, s_index, content, cue_span, speaker, cue.cls, "ar.vso", confidence, via=vias, direct=direct,
                  continues=cue.cls == "CONTINUE")
    if speaker is None:
        found.coreferent = True
        found.implicit = True
    return found, end


def _ends_in_name(pre: list[Token]) -> bool:
    """A long subject before its verb that ends in a known person's name (title + full name:
    رئيس الوزراء القطري الشيخ محمد بن عبد الرحمن آل ثاني أكد ...)."""
    if len(pre) > 14:
        return False
    names = find_names([t.norm for t in pre])
    return bool(names) and names[-1][1] == len(pre) and names[-1][2].kind == "person"


def _apposed_subject(text, toks, i, cue, sent, s_index, clause_start):
    """Subject, apposition, verb: "سليم العطار، المتحدث باسم الحركة، أكد أن ..." (also "..., قد أكد"). The
    apposition between commas opens with a title; the speaker is the noun phrase before it, as written
    (gold/README: the name alone when the title follows it)."""
    b = clause_start  # the verb, or قد before it
    if b == 0 or not toks[b - 1].comma:
        return None
    k1 = b - 1
    while k1 > 0 and not (toks[k1 - 1].comma or toks[k1 - 1].colon):
        k1 -= 1
    heads = _speaker_heads()
    if k1 == 0 or not toks[k1 - 1].comma or not 2 <= b - k1 <= 10 or \
            not any(x.norm in heads or x.norm.removeprefix("و") in heads for x in toks[k1:k1 + 2]):
        return None
    a = k1 - 1
    while a > 0 and not (toks[a - 1].comma or toks[a - 1].colon):
        a -= 1
    m = markers()
    while a < k1 - 1 and (toks[a].norm in _KANA or toks[a].norm in m["ar_frame_words"]):
        a += 1
    subject = toks[a:k1]
    if not 1 <= len(subject) <= 6 or any(_cue(x, None) or x.norm in m["ar_np_stops"] for x in subject) or \
            not _speaker_like(subject):
        return None
    speaker = _span(toks, a, k1)
    if toks[a].norm.startswith("وال"):
        speaker = (speaker[0] + 1, speaker[1])
    rest = _after_subject(text, toks, i + 1, cue, max_loose=3)
    c = _content_from(text, toks, rest[0], cue) if rest else None
    if not c:
        return None
    content, direct, end = c
    return Found(sent, s_index, content, (toks[i].start, toks[i].end), speaker, cue.cls, "ar.svo_apposition", 0.75,
                 via=rest[1], direct=direct, continues=cue.cls == "CONTINUE", apposition=_span(toks, k1, b)), end


def _side_follows(toks: list[Token], q: int, b: int) -> bool:
    """"في / من" + a side inside a subject (قيادياً في حماس، مسؤولاً في الحركة الإسلامية، عضواً في المكتب
    السياسي للحركة): part of the noun phrase, not an adverbial."""
    if toks[q].norm not in ("في", "من") or q + 1 >= b:
        return False
    inner = find_names([t.norm for t in toks[q + 1:min(q + 4, b)]])
    nxt = toks[q + 1].norm
    return bool(inner and inner[0][0] == 0 and inner[0][2].kind != "nisba") or nxt in markers()["ar_coref_heads"] or \
        nxt in markers()["ar_org_heads"] or nxt in ("المكتب", "قياده", "صفوف")


def _svo(text, toks, i, cue, sent, s_index, pre, clause_start, headline_like):
    m = markers()
    norms = [t.norm for t in pre]
    subject = None
    rule = "ar.svo"
    if norms and norms[0] in _KANA and len(norms) >= 2 and norms[-1] != "قد" and \
            _speaker_like(pre[1:][:6]) and not any(x in m["ar_np_stops"] for x in norms[1:]):
        # وكان مصدر مطلع أفاد، في وقت سابق، ... بأن: كان + subject + verb, without قد
        subject = (clause_start + 1, clause_start + len(pre))
        rule = "ar.svo_kana"
    elif norms and norms[-1] == "قد" and cue.type == "past":  # قد + present is "may", never a report
        a = 1 if norms[0] in ("وكان", "كان", "وكانت", "كانت") else 0
        subject = (clause_start + a, clause_start + len(pre) - 1)
        rule = "ar.svo_kana_qad"
    else:
        comp = [n for n, x in enumerate(norms) if x in ("ان", "بان", "لكن", "ولكن")]
        if comp and len(pre) - comp[-1] - 1 <= 12 and len(pre) - comp[-1] - 1 > 0:
            a = clause_start + comp[-1] + 1
            b = clause_start + len(pre)
            for q in range(a + 1, b):  # the subject ends before an adverbial (في اتصال هاتفي ...)
                if toks[q].norm in ("في", "خلال", "عبر", "مع", "اثناء") and not _side_follows(toks, q, b):
                    b = q
                    break
            subject = (a, b)
            rule = "ar.svo_after_complementizer"
        elif cue.type == "present" and len(pre) <= 6 and (headline_like or s_index == 0):
            a = 1 if norms[0] == "و" else 0
            subject = (clause_start + a, clause_start + len(pre))
            rule = "ar.svo_headline"
        elif (len(pre) <= 8 or _ends_in_name(pre)) and i + 1 < len(toks) and _speaker_like(pre) and \
                _complement_soon(toks, i + 1, cue) and \
                not any(x in m["ar_np_stops"] for x in norms):
            # subject first in the body: "المتحدث باسم الحركة حازم قاسم قال إن ..."
            a = 0
            while a < len(pre) - 1 and (norms[a] in m["ar_frame_words"] or norms[a] in m["ar_time_words"]):
                a += 1
            subject = (clause_start + a, clause_start + len(pre))
            rule = "ar.svo"
    if not subject or subject[1] <= subject[0]:
        return None
    speaker = _span(toks, *subject)
    first = toks[subject[0]].norm
    if first[:1] == "و" and len(first) > 3 and (rule == "ar.svo_headline" or first.startswith("وال")):
        speaker = (speaker[0] + 1, speaker[1])  # the conjunction و is not part of the name
    if rule == "ar.svo_kana" and toks[subject[1] - 1].comma:
        speaker = (speaker[0], toks[subject[1] - 1].end)
    if rule == "ar.svo_headline":
        c = _content_from(text, toks, i + 1, cue)
        if not c:
            return None
        content, direct, end = c
        return Found(sent, s_index, content, (toks[i].start, toks[i].end), speaker, cue.cls, rule, 0.7,
                     direct=direct), end
    rest = _after_subject(text, toks, i + 1, cue, max_loose=6 if rule == "ar.svo" else 3)
    if rest is None and rule.startswith("ar.svo_kana") and cue.cls in ("CONFIRM", "DENY", "CLAIM"):
        # وكانت حماس قد أعلنت، مساء الاثنين، موافقتها على ...: a direct object after time words and channels
        vias = []
        k = _skip_channels_and_times(toks, i + 1, text, vias)
        if k < len(toks) and not _is_complementizer(toks[k], cue):
            end = _content_end(toks, k, text)
            content, direct = _content_span(toks, k, end, text)
            return Found(sent, s_index, content, (toks[i].start, toks[i].end), speaker, cue.cls, rule + "_object", 0.65,
                         via=vias, direct=direct), end
    if rest is None:
        return None
    k, vias, chain, chain_cue = rest
    c = _content_from(text, toks, k, cue)
    if not c:
        return None
    content, direct, end = c
    return Found(sent, s_index, content, (toks[i].start, toks[i].end), speaker, cue.cls, rule, 0.75,
                 via=vias, direct=direct, continues=cue.cls == "CONTINUE"), end


def _participle(text, toks, i, cue, sent, s_index, previous):
    k = i + 1
    c = _content_from(text, toks, k, cue)  # skips أن / إلى أن / على أن
    if not c:
        return None
    content, direct, end = c
    clitic = 1 if toks[i].norm[:1] in _CLITICS and toks[i].norm[1:] in cues("ar") else 0  # ومشيراً: the cue is مشيراً
    found = Found(sent, s_index, content, (toks[i].start + clitic, toks[i].end), None, cue.cls, "ar.participle", 0.75,
                  direct=direct, implicit=True, coreferent=True, note=["implicit speaker"])
    if not previous:
        # كما ثمن رئيس المكتب السياسي لحركة حماس دور مصر مؤكداً ...: the subject of the clause's verb
        a = 1 if toks[0].norm in ("كما", "و", "ثم") else 0
        names = find_names([t.norm for t in toks[a + 1:i]][:10])
        if names:
            end_rel = names[0][1]
            for start_rel, stop_rel, _ in names[1:]:
                if start_rel != end_rel:
                    break
                end_rel = stop_rel  # "القيادي في حماس محمود مرداوي": adjacent names extend the subject
            b = a + 1 + end_rel
            found.speaker = _span(toks, a + 1, b)
            found.note = ["speaker is the subject of the clause's verb"]
            found.rule = "ar.participle_clause_subject"
    return found, end


def _trailing(text, toks, i, cue, sent, s_index, start):
    """"...، على حد قوله.": the clause before the comma is the content of the pronoun's referent
    (the last speaker), like a trailing "he said"."""
    if i < 2 or toks[i - 1].norm != "علي" or not toks[i - 2].comma:
        return None
    a = start
    while a < i - 1 and toks[a].norm in markers()["ar_frame_words"]:
        a += 1
    if i - 1 - a < 3:
        return None
    content, direct = _content_span(toks, a, i - 1, text)
    end = min(i + 2, len(toks))
    return Found(sent, s_index, content, (toks[i - 1].start, toks[i + 1].end), None, cue.cls, "ar.trailing_pronoun", 0.7,
                 direct=direct, implicit=True, coreferent=True, note=["implicit speaker"]), end


def _prep(text, toks, i, cue, sent, s_index, pre, clause_start):
    m = markers()
    j = i + 1
    cue_end = i
    if toks[j - 1].norm.endswith("نقلا") or cue.form == "نقلا":
        j += 1  # عن
        cue_end = i + 1
    chain_via = None
    if j < len(toks) and toks[j].norm in ("ما", "لما"):
        # وفق ما أفاد X / بحسب ما أوردته X / حسبما ذكرت X / وفقاً لما نقلته X عن Y
        j += 2
        cue_end = j - 1
        verb = toks[j - 1].norm if j - 1 < len(toks) else ""
        if j < len(toks) and toks[j].norm in ("به", "بها"):
            j += 1  # بحسب ما أفادت به مصادر
        if verb.startswith(("نقل", "نسب")) and j < len(toks):
            # بحسب ما نقلته صحيفة معاريف عن مسؤولين إسرائيليين: the medium carries the officials' words
            e = _np_end(toks, j)
            if e < len(toks) and toks[e].norm in ("عن", "الي") and e > j:
                chain_via = _span(toks, j, e)
                j = e + 1
    elif cue.form == "حسبما":
        j += 1
        cue_end = j - 1
    if j < len(toks) and toks[j].norm == "ل":
        j += 1
    # بحسب تعبير المسؤول / بحسب بيان للرئاسة: the wording or the channel is not the speaker
    head_via = None
    if j + 1 < len(toks) and not toks[j].comma and cue_end == i and \
            (toks[j].norm in ("تعبير", "وصف", "روايه") or _channel_head(toks[j].norm) and
             toks[j].norm not in markers()["ar_media_heads"]):
        if toks[j].norm not in ("تعبير", "وصف", "روايه"):
            head_via = _span(toks, j, j + 1)
        j += 1
    if j >= len(toks):
        return None
    sp_start = toks[j].start
    if head_via and toks[j].norm.startswith("ل") and len(toks[j].norm) > 3:
        sp_start += 2 if toks[j].norm.startswith("لل") else 1  # بيان للرئاسة -> الرئاسة
    definite = False
    if toks[j].norm.startswith("ل") and cue.form in ("وفقا", "طبقا", "وفق") and toks[j].norm != "ل" and cue_end == i:
        # وفقاً لمصادر -> مصادر; طبقاً للمصادر -> مصادر (definite: the sources named before)
        definite = toks[j].norm.startswith("لل")
        sp_start += 2 if definite else 1
    e = _np_end(toks, j)
    if e <= j:
        return None
    speaker = (sp_start, _span(toks, j, e)[1])
    vias = [v for v in (chain_via, head_via) if v]
    k = e
    while k < len(toks) and not toks[k - 1].comma and k - e < 8:
        end_, v = _channel(toks, k, text)
        if v:
            vias.append(v)
            k = end_
        else:
            k += 1
    cue_span = (toks[i].start + (1 if toks[i].norm[:1] in _CLITICS and toks[i].norm[1:] in cues("ar") else 0),
                toks[cue_end].end)
    if i == 0 or _frame_only(toks[:i]):
        if k >= len(toks):
            return None
        start = k
        if toks[start].norm in ("فان", "فإن", "ان", "إن", "أن"):
            start += 1
        if start >= len(toks):
            return None
        end = _content_end(toks, start, text)
        content, direct = _content_span(toks, start, end, text)
        return Found(sent, s_index, content, cue_span, speaker, "ACCORDING", "ar.according_to_first", 0.8,
                     via=vias, direct=direct, coreferent=definite), end
    # content before the cue: "..., وفق ما أفاد مصدر ..."
    a = 0
    while a < i and toks[a].norm in m["ar_frame_words"]:
        a += 1
    if i - a < 3:
        return None
    content, direct = _content_span(toks, a, i, text)
    return Found(sent, s_index, content, cue_span, speaker, "ACCORDING", "ar.according_to_last", 0.75,
                 via=vias, direct=direct), k


def _nest(found: list[Found]) -> list[Found]:
    """A claim whose cue lies inside another claim's content is the inner speaker's claim,
    reached through the outer speaker: keep it once, with the outer speaker in via."""
    out = []
    for f in found:
        outer = next((o for o in found if o is not f and o.cue and f.cue and o.content[0] <= f.cue[0] < o.content[1]
                      and f.rule in ("ar.svo_after_complementizer",)), None)
        if outer is not None:
            f.via = ([outer.speaker] if outer.speaker else []) + outer.via + f.via
            f.note.append("nested chain")
            f.rule = "ar.nested"
    inner_of = {id(o) for o in found for f in found if f is not o and f.rule == "ar.nested" and f.cue and o.cue
                and o.content[0] <= f.cue[0] < o.content[1]}
    for f in found:
        if id(f) not in inner_of:
            out.append(f)
    return out


# --- agreement, for pro-drop continuations (وأضاف / وأضافت / مضيفةً): the verb's gender picks the antecedent
_FEMININE_PLURALS = {"مصادر", "اوساط", "دوائر", "وسائل", "تقارير", "جهات", "سلطات", "فصائل"}


@lru_cache(maxsize=4096)
def verb_gender(cue: str | None) -> str | None:
    """Agreement class of a reporting verb or participle as written: "m" / "f" singular (قال / قالت، تقول،
    مضيفاً / مضيفةً), "du" dual (قالا، أكدتا), "pl" plural (قالوا، مضيفين); None when it cannot tell."""
    words = fold_word(cue or "").split(" ")
    if len(words) == 2 and words[1] in _ABOUT_HIM:  # ونقلت عنه: the relayed speaker is the pronoun's referent
        return {"عنه": "m", "عنها": "f", "عنهم": "pl", "عنهما": "du"}[words[1]]
    word = words[0]
    if word[:1] in _CLITICS and word[1:] in cues("ar"):
        word = word[1:]
    entry = cues("ar").get(word)
    if entry is None:
        return None
    base = fold_word(entry.form)
    if word.endswith("وا") or entry.type == "participle" and word.endswith("ين"):
        return "pl"
    if entry.type == "past" and word in (base + "ا", base + "تا", base[:-1] + "تا"):
        return "du"
    if entry.type == "past":
        return "f" if word.endswith("ت") and base.endswith("ت") else "m"
    if entry.type == "present":
        return "f" if word.startswith("ت") else "m" if word.startswith("ي") else None
    if entry.type == "participle":
        return "f" if word.endswith("ه") else "m" if word.endswith("ا") else None
    return None


@lru_cache(maxsize=4096)
def speaker_agreement(speaker: str | None) -> frozenset | None:
    """The verb classes a speaker can be the dropped subject of: "المتحدث" {m}, "الحركة" / "مصر" {f},
    "مصادر" (non-human plural) {f, pl}, "مصدران" {du}, "مسؤولون" {pl}; None when unsure."""
    words = [fold_word(w) for w in (speaker or "").split()]
    words = [w for w in words if w]
    if not words:
        return None
    names = find_names(words[:4])
    if names and names[0][0] == 0:
        if names[0][2].kind == "person":
            return frozenset({"m"})  # named people here are nearly all men (أسامة حمدان too); a woman's verb is قالت
        if names[0][2].kind in ("government", "organization") and len(names[0][2].tokens) == 1:
            return frozenset({"f"})  # a bare country, city or movement name: قالت مصر، أعلنت حماس
    head = words[0][1:] if words[0][:1] in _CLITICS and len(words[0]) > 3 else words[0]
    bare = head.removeprefix("ال")
    if bare in _FEMININE_PLURALS:
        return frozenset({"f", "pl"})
    heads = _speaker_heads()
    known = head in heads or "ال" + bare in heads
    if bare.endswith("ان") and (known or bare[:-2] in heads or "ال" + bare[:-2] in heads):
        return frozenset({"du"})  # مصدران، مسؤولان
    if bare.endswith("ون") and known:
        return frozenset({"pl"})  # مسؤولون
    if bare.endswith("ين") and known:
        return frozenset({"pl", "du"})  # مسؤولين: plural or dual in the oblique case
    if bare.endswith("ه") and len(bare) > 3:
        return frozenset({"f"})
    if known:
        return frozenset({"m"})
    return None


_NOT_IN_NAMES = _ADVERBIAL_PREPS | {"عن", "الي", "ب", "ل", "مع", "هو", "هي", "هم", "ان", "التي", "الذي"}
# quantifiers and partitives open a description of people, never a name: كل، أحد المستخدمين، بعض المراقبين
_QUANTIFIERS = {fold_word(w) for w in ("كل", "أحد", "إحدى", "بعض", "عدد", "جميع", "معظم", "غالبية", "أغلب", "آخرون",
                                       "آخرين", "كثيرون", "كثير", "مراقبون", "محللون", "ناشطون", "مستخدمون")}


def is_name_like(speaker: str | None) -> bool:
    """A short speaker phrase that names someone (a personal name, a title before a name, a bare
    ministry) rather than describing a crowd or a document: no quantifier first, no preposition or
    pronoun inside, no definite plural (المستخدمين، المراقبون)."""
    words = [fold_word(w) for w in (speaker or "").split()]
    words = [w for w in words if w]
    return 0 < len(words) <= 4 and words[0].removeprefix("و") not in _QUANTIFIERS and \
        not any(w in _NOT_IN_NAMES or w in markers()["ar_np_stops"] or
                w.startswith("ال") and len(w) > 6 and w.endswith(("ين", "ون")) for w in words)
