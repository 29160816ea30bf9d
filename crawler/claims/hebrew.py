"""Hebrew claim patterns, speaker resolution and enrichment (same Found spans as arabic/english).

Constructions: "X אמר (ל-Y) כי ...", "אמר X כי ...", '"...", אמר X ל-Y. "..."', "X: "..."" in
headlines, "לפי X, ...", "על פי X, ...", "לדבריו, ...", "..., כך לפי X", "..., כך דיווח X",
passives with or without a source ("מהמוסד נמסר כי", "בחמאס טענו כי", "נמסר כי"), listeners
and channels as via ("ל-ynet", "לרשת אל-ג'זירה", "ששוחח עם פוליטיקו", "בהודעה"), and nested
chains ("לפי דיווח ברשת X, מקורות בחמאס אמרו ...": the inner speaker with X in via).

Hebrew glues clitics to words: ו (and), ש/כש (that/when), ב ל מ כ (prepositions). Cues and
speakers are matched without them and reported without them (gold/README.md: "ואמר" -> "אמר",
"שכהן" -> "כהן"); a via keeps an attached ל or ב. Acronyms typed with ASCII quotes (צה"ל,
מו"מ, ארה"ב) are masked before quote detection so they do not open a quotation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.claims.found import Found
from crawler.claims.lexicon import ActorName, actor_index, cues
from crawler.claims.text import Token, fold_word, sentence_spans, tokenize

HEB = "\u05d0-\u05ea"
_PREFIX_PAIRS = {"וה", "שה", "מה", "כש", "וב", "ול", "ומ", "וש", "שב", "של", "מש", "וכ", "לכ", "כה", "בה", "לה"}
_DOUBLE_QUOTES = '"“”„«»'
_CONJUNCTIONS = ("ו", "ש", "וש", "כש", "וכש")


# --- masking -----------------------------------------------------------------------------------
def mask(text: str) -> str:
    """The same text, same length, with acronym gershayim and geresh typed as ASCII turned into
    ״ and ׳: 'צה"ל' stays one word and never opens a quotation; ה"מחבלים" (prefix + quote) does.
    Quotation marks typed as gershayim (״...״, common on Israeli sites) or as single quotes ('...') become ASCII double quotes first, so every quote style reads alike."""
    text = _single_quotes_as_double(_low_high_quotes(text.replace("\u05f4", '"')))
    chars = list(text)
    for m in re.finditer(rf'(?<=[{HEB}])"(?=[{HEB}])', text):
        i = m.start()
        word_start = i
        while word_start > 0 and "\u05d0" <= text[word_start - 1] <= "\u05ea":
            word_start -= 1
        before = text[word_start:i]
        one_letter_after = not ("\u05d0" <= text[i + 2:i + 3] <= "\u05ea")  # כ"ץ, ש"ס (not ה"מחבלים")
        if (len(before) >= 2 and before not in _PREFIX_PAIRS) or one_letter_after:
            chars[i] = "\u05f4"
    single_quoted = [(m.start(), m.end() - 1) for m in re.finditer(rf"(?<![\w'])'[^'\n]{{1,40}}'(?![\w])", text)]
    protected = {i for pair in single_quoted for i in pair}
    for m in re.finditer("'", text):
        i = m.start()
        if i in protected or i == 0 or not ("\u05d0" <= text[i - 1] <= "\u05ea"):
            continue
        nxt = text[i + 1:i + 2]
        lone_letter = i < 2 or not text[i - 2].isalpha()
        if "\u05d0" <= nxt <= "\u05ea" or lone_letter or not nxt or nxt in " ,.:;)-":
            chars[i] = "\u05f3"
    return "".join(chars)


def _low_high_quotes(text: str) -> str:
    """„...“ (the low-high pair of Hebrew typography, whose closer “ elsewhere opens) -> "..."."""
    if "„" not in text:
        return text
    return re.sub("„([^„“”\n]*)[“”]", lambda m: '"' + m.group(1) + '"', text)


def _single_quotes_as_double(text: str) -> str:
    """'...' -> "...": an opening ' at a word start or after a clitic (a geresh never starts a word) up
    to the first ' that ends a word; a geresh after a lone abbreviation letter ("שלב ב'") is not the closer."""
    chars = list(text)
    # the opener may follow a clitic: "ב'כאן 11' דווח", "ל'וול סטריט ג'ורנל'" (never an abbreviation's geresh: "שלב ב' ")
    for m in re.finditer(rf"(?:(?<=^)|(?<=[\s(\[:]))(?:ו?[בלמהשכ])?['\u05f3](?=[{HEB}])", text):
        opener = m.end() - 1
        for close in re.finditer(rf"(?<=[{HEB}\d.!?,]){text[opener]}(?=[\s,.:;!?)\-–]|$)", text[opener + 1:]):
            c = opener + 1 + close.start()
            if "\n" in text[opener:c]:
                break
            if re.search(rf"(?:^|\s)[{HEB}]$", text[:c]):
                continue
            chars[opener] = chars[c] = '"'
            break
    return "".join(chars)


# --- word classes --------------------------------------------------------------------------------
_CONNECTORS = {"בתוך", "כך", "עם", "זאת", "מנגד", "בנוסף", "עוד", "גם", "במקביל", "אולם", "אך", "אבל", "ואילו", "כעת",
               "בינתיים", "מאוחר", "מוקדם", "יותר", "אתמול", "היום", "הבוקר", "הערב", "הלילה", "אמש", "לדוגמה",
               "ואולם", "ואכן", "אכן", "כמו", "כן", "בהמשך", "לאחר", "מכן", "בעקבות", "דבריו", "דבריה", "דבריהם",
               "תוך", "שהוא", "שהיא", "שהם", "כשהוא", "כשהיא", "כשהם", "בעודו", "בעודה", "בעודם"}
_CLAUSE_STOPS = {"הוא", "היא", "הם", "הן", "כי", "אשר", "מפי", "אך", "אבל", "אולם", "ואילו", "כאשר", "בעוד", "אחרי",
                 "לאחר", "כש", "אם", "על", "את", "זה", "זו", "אלה"}
_TIME_WORDS = {"בערב", "בבוקר", "בלילה", "בשבת", "מוקדם", "בשיחה", "מנגד", "מצידו", "מצידה", "מצידם", "בתגובה", "בינתיים", "הבוקר", "הערב", "הלילה", "אמש", "היום", "אתמול", "מוקדם", "יותר", "מאוחר", "בשבוע", "שעבר", "השבוע",
               "הקרוב", "גם", "עוד", "אף", "בין", "השאר", "היתר", "בפני", "כתבים", "במפורש", "בתגובה", "לכך",
               "בצהריים", "הלילה", "שלשום", "מחר", "כעת", "שוב", "בעבר", "לאחרונה", "בפומבי", "בחריפות", "לפני",
               "כשבוע", "כחודש", "כיומיים", "שבוע", "יומיים", "ימים", "שעות", "כמה", "בימים", "בשעות", "האחרונים",
               "האחרונות", "בשבועות", "בחודשים", "בסוף", "בתחילת", "ביום", "בליל", "במוצאי"}
_SPEAKER_HEADS = {"אחד", "אחת", "מומחה", "מומחים", "המומחים", "פרשנים", "אנליסטים", "השרים", "שרים", "גורם", "גורמים", "גורמי", "בכירי", "פקידי", "קציני", "מקורבי", "הדובר", "הדוברת", "מקור", "מקורות", "בכיר", "בכירים", "בכירה", "פקיד", "פקידים", "דובר", "דוברת",
                  "דוברי", "שר", "השר", "השרה", "ראש", "נשיא", "הנשיא", "שגריר", "יועץ", "היועץ", "יועצים", "כתבים",
                  "כתב", "פרשן", "דיווח", "הדיווח", "דיווחים", "הדיווחים", "אתר", "ערוץ", "רשת", "עיתון", "סוכנות",
                  "לשכת", "משרד", "הארגון", "התנועה", "הגורם", "המקור", "המקורות", "הגורמים", "דיפלומט", "דיפלומטים",
                  "מתווכים", "המתווכים", "נציג", "נציגי", "נציגים", "חבר", "חברי", "מפקד", "ח\"כ", "קצין", "קצינים",
                  "הוא", "היא", "הם", "הן", "הבכיר", "פקידים", "אנשי", "איש", "משפחות", "דוברות", "הרשות",
                  "אמו", "אמה", "אביו", "אביה", "אחיו", "אחיה", "אחותו", "אחותה", "אשתו", "בעלה", "בנו", "בתו",
                  "קרובי", "משפחת", "בני", "רעייתו", "רעייתה", "אחייניתו", "אחיינו", "העיתון", "הערוץ", "הרשת", "האתר",
                  "הסוכנות", "התאגיד", "היומון", "השבועון", "הכתב", "הכתבת", "הפרשן", "הפרשנית", "העיתונאי", "העיתונאית",
                  "עיתונאי", "עיתונאים", "יומון", "שבועון", "תאגיד", "הפורום", "פורום", "המטה", "מטה", "הלשכה", "המשרד",
                  "הוועד", "ועד", "העמותה", "המשפחה", "המשפחות", "משפחות", "ארגון", "תנועת", "ארגוני", "ועדת", "הוועדה",
                  "יו\"ר", "היו\"ר", "מזכ\"ל", "המזכ\"ל", "רמטכ\"ל", "הרמטכ\"ל", "מנכ\"ל", "המנכ\"ל", "מפכ\"ל",
                  "המפכ\"ל", "סגן", "סגנית", "שרת", "אלוף", "האלוף", "תא\"ל", "אל\"ם", "הרב", "רב", "נשיאת", "מתאם",
                  "המתאם", "שליח", "השליח", "יועצת", "חברת", "ראשת", "ראשי", "ח\"כ", "השגריר", "שגרירת"}
_SOURCE_WORDS = {"מקור", "מקורות", "המקור", "המקורות"}
_FAMILIAR = {"המעורה", "המעורים", "המעורב", "המעורבים", "המקורב", "המקורבים", "המעודכן", "המעורבת"}
_ANONYMOUS_WORDS = {"גורם", "גורמים", "גורמי", "בכירי", "פקידי", "קציני", "מקורבי", "מקור", "מקורות", "בכיר", "בכירים", "בכירה", "פקיד", "פקידים", "דיפלומט",
                    "דיפלומטים", "יועץ", "קצין", "קצינים", "הגורם", "המקור", "המקורות", "הגורמים", "הבכיר", "נציג",
                    "אנשי", "איש"}
_MEDIA_HEADS = {"אתר", "ערוץ", "רשת", "עיתון", "סוכנות", "כתבים", "כתב", "דיווח", "הדיווח", "דיווחים", "הדיווחים",
                "העיתון", "הערוץ", "הרשת", "האתר", "תחנת", "תקשורת", "התקשורת", "כלי", "פרסומים", "הפרסומים",
                "הסוכנות", "התאגיד", "היומון", "השבועון", "יומון", "שבועון", "תאגיד"}
_GOVERNMENT_HEADS = {"לשכת", "משרד", "ממשלת", "דובר", "דוברות", "הממשלה", "הקבינט", "צה\"ל", "צה״ל", "ישראל"}
_PRONOUNS = {"הוא", "היא", "הם", "הן"}
_TITLE_HEADS = {"ראש", "שר", "השר", "השרה", "שרת", "יו\"ר", "היו\"ר", "הרמטכ\"ל", "המפכ\"ל", "נשיא", "הנשיא", "מתאם",
                "רה\"מ", "סגן", "ראשת"}
_CHANNEL_NOUNS = {"סוכנות", "רשת", "ערוץ", "אתר", "עיתון", "כתבים", "כתבנו", "תחנת", "רדיו", "העיתון", "הרשת",
                  "הערוץ", "האתר", "כלי", "התקשורת"}
_STATEMENT_NOUNS = {"הודעה", "בהודעה", "הצהרה", "בהצהרה", "פוסט", "בפוסט", "ציוץ", "בציוץ", "ראיון", "בראיון", "נאום",
                    "בנאום", "מכתב", "במכתב", "בחשבון", "ברשת", "בשיחה", "בתדרוך", "תדרוך", "בהודעתו", "בהודעתה",
                    "בהודעת", "בראיונו"}
_WHEREIN = {"שבה", "ובה", "בה", "שבו", "ובו", "לפיה", "ולפיה", "שלפיה", "לפיו", "ולפיו", "שלפיו"}
# "בתגובה לדיווח", "בהתייחס לדברים": what is answered, not who is told
_NOT_LISTENERS = {"דיווח", "הדיווח", "דיווחים", "הדיווחים", "דברים", "הדברים", "דברי", "דבריו", "דבריה", "טענת", "שאלת", "טענות", "הטענות", "פרסום", "הפרסום",
                  "הודעה", "ההודעה", "שאלה", "השאלה", "שאלת", "שאלות", "השאלות"}
_LISTENER_VERBS = {"ששוחח", "שוחח", "שדיבר", "דיבר", "שהתראיין", "התראיין"}
# "לפי התוכנית", "על פי ההסכם": documents are background, not speakers.
_DOCUMENT_NOUNS = {"התוכנית", "התכנית", "ההסכם", "המתווה", "ההצעה", "ההחלטה", "החוק", "הנתונים", "הסקר", "ההערכות",
                   "ההערכה", "הערכות", "תוכנית", "הסכם", "מתווה", "הצעת", "החלטת", "נתוני", "ההסדר", "העסקה", "עסקת",
                   "התקציב", "החוק", "הצעת"}


def _peel(norm: str) -> list[tuple[str, str]]:
    """(clitic, rest) readings of a folded word: the word itself, then with ו ש כש ב ל מ peeled."""
    out = [("", norm)]
    for clitic in ("וכש", "וש", "כש", "ומ", "וב", "ול", "שב", "של", "שמ", "ו", "ש", "ב", "ל", "מ", "כ"):
        if norm.startswith(clitic) and len(norm) - len(clitic) >= 2:
            rest = norm[len(clitic):].lstrip("-")
            out.append((clitic, rest))
            if clitic[-1] in "בלכ":  # ב ל כ absorb the article: "בארגון" = ב + הארגון
                out.append((clitic, "ה" + rest))
    return out


def _cue_at(tok: Token):
    """(cue, clitic length) when the token is a reporting cue, possibly with ו/ש/כש attached."""
    return _cue_of(tok.norm)


@lru_cache(maxsize=1 << 14)
def _cue_of(norm: str):
    table = cues("he")
    if norm in table:
        return table[norm], 0
    for clitic in _CONJUNCTIONS:
        if norm.startswith(clitic) and norm[len(clitic):] in table:
            return table[norm[len(clitic):]], len(clitic)
    return None, 0


_REPORT_NOUNS = {"דיווח", "דיווחים", "פרסום", "פרסומים"}
_OPINION_PRONOUNS = {"לדעתו", "לדעתה", "לדעתם", "ולדעתו", "ולדעתה", "ולדעתם"}


# לדבריו, לדבריהם (never "לדברים": "to the words"); לטענתה, להערכתם
_PRONOUN_SUFFIXES = {"לדברי": {"ו", "ה", "הם", "הן", "נו", "ך", "כם"}, "לטענת": {"ו", "ה", "ם", "ן", "נו", "ך", "כם"},
                     "להערכת": {"ו", "ה", "ם", "ן", "נו", "ך", "כם"}}


def _pronoun_according(head: str) -> bool:
    """"לדבריו", "לטענתם", "להערכתו", "לדעתה": according to him/them (the previous speaker)."""
    stem = next((x for x in ("לדברי", "לטענת", "להערכת") if head.startswith(x)), None)
    return stem is not None and head[len(stem):] in _PRONOUN_SUFFIXES[stem] or head in _OPINION_PRONOUNS


def _is_according(toks: list[Token], i: int) -> int:
    """Tokens of an "according to" cue starting at i: לפי / על פי / כך לפי / לדברי(ו)."""
    n = toks[i].norm
    if n == "על" and i + 1 < len(toks) and toks[i + 1].norm == "פי":
        return 2
    if n in ("על-פי", "ועל-פי", 'ע"פ', 'עפ"י', 'וע"פ'):  # maqaf and abbreviated spellings of "על פי"
        return 1
    if n in ("כפי", "וכפי") and i + 1 < len(toks) and toks[i + 1].norm[:1] == "ש" \
            and getattr(_cue_at(toks[i + 1])[0], "cls", None) in ("REPORT", "SAY"):
        return 2  # "כפי שדווח בחדשות 12, ...", "כפי שאמר X, ..."
    bare = n.removeprefix("ו")
    if n in ("לפי", "ולפי", "ועל") or bare in ("לדברי", "לטענת", "להערכת") or _pronoun_according(bare) \
            or n in ("לדעת", "ולדעת") or n in _OPINION_PRONOUNS:
        return 1 if n != "ועל" else (2 if i + 1 < len(toks) and toks[i + 1].norm == "פי" else 0)
    return 0


@lru_cache(maxsize=1 << 12)
def names_in(words: tuple[str, ...]) -> tuple[tuple[int, int, ActorName, int], ...]:
    """Gazetteer names in folded Hebrew words: (start, end, name, clitic length of the first word)."""
    index = actor_index()
    found = []
    i = 0
    while i < len(words):
        best = None
        for clitic, rest in _peel(words[i]):
            for name in index.get(rest, ()):
                n = len(name.tokens)
                if i + n <= len(words) and all(name.tokens[k] == words[i + k] for k in range(1, n)):
                    if best is None or n > len(best[0].tokens):
                        best = (name, len(clitic))
        if best:
            found.append((i, i + len(best[0].tokens), best[0], best[1]))
            i += len(best[0].tokens)
        else:
            i += 1
    return tuple(found)


_SPEAKER_MODIFIERS = {"מדיני", "מדיניים", "בכיר", "בכירים", "בכירה", "רשמי", "רשמיים", "ביטחוני", "ביטחוניים", "המעורה",
                      "המעורים", "בפרטים", "המקורב", "המקורבים", "צבאי", "צבאיים", "אמריקני", "אמריקאי", "ערבי", "ערביים",
                      "מערבי", "מערביים", "זר", "זרים", "הממשלה", "הביטחון", "החוץ", "המדינה", "הצבא", "המוסד", "הכנסת",
                      "האופוזיציה", "הקואליציה", "המשטרה", "המודיעין", "המדינית", "הלשכה", "האוצר", "המשפטים", "הפנים",
                      "הבריאות", "הלאומי", "לביטחון", "לאומי", "העליון", "הראשי", "הצבאי", "הצבאית", "לשעבר", "המיוחד",
                      "המיוחדת", "ההגנה", "הפיקוד", "הדרום", "הצפון", "העורף", "האמריקני", "האמריקאי", "אחר", "אחרת",
                      "אחרים", "נוסף", "נוספת", "נוספים", "אחד", "אחת"}


def _speaker_like(words: list[str], strict: bool = False) -> bool:
    """Could these words be who speaks? ``strict`` (before a colon, after a verb): every word is part
    of a known name or a speaker's vocabulary, so "ראש המוסד שב לארץ:" is not a speaker."""
    if not words or len(words) > 9:
        return False
    names = names_in(tuple(words))
    if strict:
        covered = {k for s, e, _, _ in names for k in range(s, e)}
        vocabulary = _SPEAKER_HEADS | _SPEAKER_MODIFIERS | _ANONYMOUS_WORDS | _FAMILIAR
        if len(words) <= 5 and {r for _, r in _peel(words[0])} & (_MEDIA_HEADS | _CHANNEL_NOUNS) - {"דיווח", "הדיווח"}:
            return True  # "העיתון הסעודי א-שרק אל-אווסט": an outlet's name is open-ended
        return all(k in covered or {r for _, r in _peel(w)} & vocabulary for k, w in enumerate(words))
    if names:
        return True
    heads = {rest for w in words[:2] for _, rest in _peel(w)}
    if heads & (_SPEAKER_HEADS | _MEDIA_HEADS):
        return True
    return not strict and len(words) <= 2


# --- speaker resolution ----------------------------------------------------------------------------
def resolve(speaker: str):
    """SpeakerInfo for a Hebrew speaker mention (the Hebrew branch of actors.resolve)."""
    from crawler.claims.actors import SpeakerInfo

    words = [w for w in (fold_word(x) for x in speaker.split()) if w]
    if not words:
        return SpeakerInfo(None, "person", False, False, False)
    if words == ["כאן"]:  # 'ב"כאן" דווח': "here" is never a speaker by itself; the speaker "כאן" is Kan
        return SpeakerInfo("kan", "media", False, True, True)
    names = names_in(tuple(words))
    persons = [n for n in names if n[2].kind == "person"]
    media = [n for n in names if n[2].kind == "media"]
    bodies = [n for n in names if n[2].kind in ("organization", "government")]
    nisbas = [n for n in names if n[2].kind == "nisba"]
    head = words[0]
    wordset = set(words)
    anonymous_word = bool(wordset & _ANONYMOUS_WORDS) and not persons
    media_head = head in _MEDIA_HEADS or bool(media and media[0][0] == 0)
    actor = None
    for group in (persons, media if media_head else [], bodies, nisbas, media):
        if group:
            actor = group[0][2].actor
            break
    if not persons and bodies and any(x[0] == bodies[0][1] for x in nisbas):
        # "משרד החוץ הקטרי": the generic body ("משרד החוץ", Israel's by default) is the nisba's country's
        actor = next(x[2].actor for x in nisbas if x[0] == bodies[0][1])
    if media_head and not anonymous_word:
        return SpeakerInfo(actor or ("israeli_media" if "בישראל" in wordset else "unidentified"), "media", False,
                           bool(media), True)
    if anonymous_word:
        kind = "anonymous_source" if wordset & (_SOURCE_WORDS | _FAMILIAR) else "person"
        # In Israeli media "גורם מדיני" is an official of Israel's political echelon
        if actor is None and wordset & {"מדיני", "מדיניים", "המדיני", "ביטחון", "הביטחון", "ביטחוני", "ביטחוניים",
                                        "הביטחוני", "הביטחוניים"}:
            actor = "israel"
        return SpeakerInfo(actor or "unidentified", kind, True, False, False)
    if persons:
        return SpeakerInfo(actor, "person", False, True, False)
    if bodies:
        body = bodies[0][2]
        kind = body.kind if bodies[0][0] == 0 or head in _GOVERNMENT_HEADS else "person"
        if head in _TITLE_HEADS:
            kind = "person"  # "ראש הממשלה", "שר החוץ": an office names a person
        return SpeakerInfo(actor, "government" if head in _GOVERNMENT_HEADS else kind, False, True, False)
    if head in _PRONOUNS:
        return SpeakerInfo(None, "person", False, False, False)
    return SpeakerInfo(actor, "person", False, len(words) >= 2, False)


# --- the patterns -----------------------------------------------------------------------------------
def _span(toks: list[Token], a: int, b: int) -> tuple[int, int]:
    return toks[a].start, toks[b - 1].end


def _speaker_span(toks: list[Token], a: int, b: int) -> tuple[int, int]:
    """The speaker tokens a..b without a clitic glued to the first one ("ובמד"א" -> "מד"א")."""
    start, end = _span(toks, a, b)
    words = tuple(t.norm for t in toks[a:b])
    names = names_in(words)
    if names and names[0][0] == 0 and names[0][2].kind == "nisba" and b - a == names[0][1]:
        # "בחמאס איימו", "בישראל מכחישים": the impersonal subject is the place or body without ב/מ
        clitic = next((len(c) for c, rest in _peel(words[0]) if c and c[-1] in "בממ"
                       and any(x.kind != "nisba" and len(x.tokens) == 1 for x in actor_index().get(rest, ()))), 0)
        start += clitic
    elif names and names[0][0] == 0 and names[0][3]:
        start += names[0][3] + (1 if toks[a].text[names[0][3]:names[0][3] + 1] in "-־" else 0)
    elif toks[a].norm[:1] in "וש" and len(toks[a].norm) > 3 and toks[a].norm[1:] in _SPEAKER_HEADS:
        start += 1
    elif toks[a].norm[:1] in "במ" and toks[a].norm not in _BODY_HEADS and {r for c, r in _peel(toks[a].norm) if c in ("ב", "מ")} & _BODY_HEADS:
        start += 1  # "אמרו במפלגת הציונות הדתית": the impersonal subject is the body without ב
    return start, end


# Bodies that speak impersonally with ב/מ ("במפלגה אמרו", "מהמטה נמסר").
_BODY_HEADS = {"מפלגת", "המפלגה", "משרד", "המשרד", "לשכת", "הלשכה", "ארגון", "הארגון", "תנועת", "התנועה", "מטה",
               "המטה", "פורום", "הפורום", "הנהגת", "ההנהגה", "ממשלת", "הממשלה", "מערכת", "סיעת", "הסיעה", "הקואליציה",
               "האופוזיציה", "צבא", "הצבא", "מחנה", "המחנה", "ועד", "הוועד", "משפחת", "המשפחה", "משפחות", "המשפחות",
               "סביבת", "הסביבה", "חוגי", "החוגים", "צמרת", "הצמרת", "פיקוד", "הפיקוד", "ראשות", "הקבינט"}


def _content_span(text: str, toks: list[Token], a: int, b: int) -> tuple[tuple[int, int], bool] | None:
    """Content tokens a..b: without a leading complementizer ש- or the object marker, with the outer
    quotes off when they enclose it all (a direct quote)."""
    b = next((q for q in range(a + 1, b) if toks[q].text == "|"), b)  # "... | צפו": a headline's label
    if a >= b:
        return None
    first = toks[a]
    start, end = first.start, toks[b - 1].end
    if first.norm == "את" and a + 1 < b:
        start = toks[a + 1].start
    elif first.norm.startswith("ש") and len(first.norm) > 2 and not first.before and first.norm not in _NOT_CLITIC_S \
            and not (a > 0 and toks[a - 1].norm in ("כי", "וכי")):  # after כי the ש is the word's own ("כי שיגרו")
        start += 2 if text[start + 1:start + 2] in "-־" else 1  # "ש-90%"
    opened = any(c in _DOUBLE_QUOTES for c in first.before)
    closed = any(c in _DOUBLE_QUOTES for c in toks[b - 1].after)
    segment = text[start:end]
    inner_quotes = sum(segment.count(c) for c in _DOUBLE_QUOTES)
    runs_on = opened and not closed and not text[end:].strip(" .!?,")  # the quotation goes on in the next paragraph
    return (start, end), (opened and closed or runs_on) and inner_quotes == 0


_POSSESSIVES = {"של", "שלי", "שלך", "שלו", "שלה", "שלנו", "שלכם", "שלהם", "שלהן"}
_NOT_CLITIC_S = {"שר", "שרה", "שרי", "שלב", "שחרור", "שבוע", "שני", "שתי", "שלום", "שיחות", "שלושה", "שלוש", "שם",
                 "שעה", "שעות", "שטח", "שביתת", "שבויים", "שירות", "שליח", "שגריר", "שמונה", "שש", "שישה", "שבעה",
                 "שוב", "שלנו", "שלו", "שלה", "שלהם", "שאלה", "שאר", "שורה", "שינוי"}


def _quoted_prefix(toks: list[Token], upto: int) -> int | None:
    """When the sentence opens with a quotation that closes (followed by a comma) at token k < upto: k+1."""
    if not toks or not any(c in _DOUBLE_QUOTES for c in toks[0].before):
        return None
    for k in range(upto):
        if any(c in _DOUBLE_QUOTES for c in toks[k].after):
            return k + 1
    return None


def _via_after(toks: list[Token], j: int, stop: int) -> tuple[int, list[tuple[int, int]]]:
    """Skip adverbials after a cue (time words, parentheses); collect a listener or channel
    ("ל-ynet", "לסוכנות הידיעות רויטרס", "בהודעה", "בראיון ל-X"). Returns (next index, via spans)."""
    vias = []
    while j < stop:
        t = toks[j]
        peeled = [rest for _, rest in _peel(t.norm)]
        if t.before.startswith("("):  # "(רביעי)", "(שבת)": skip the parenthesis
            while j < stop and ")" not in toks[j].after:
                j += 1
            j += 1
            continue
        if t.norm in ("ל", "ב") and j + 1 < stop and any(c in _DOUBLE_QUOTES for c in toks[j + 1].before):
            # 'ל"ישראל היום"': a quoted outlet name after a bare ל/ב
            k = next((q for q in range(j + 1, min(stop, j + 7)) if any(c in _DOUBLE_QUOTES for c in toks[q].after)), None)
            if k is not None:
                vias.append(_span(toks, j, k + 1))
                j = k + 1
                continue
        conversation = t.norm in _STATEMENT_NOUNS and j + 1 < stop and toks[j + 1].norm == "עם"  # "בשיחה עם ynet"
        if t.norm in _TIME_WORDS and not conversation:
            j += 1
            continue
        if (t.norm.startswith("ל") and len(t.norm) > 2 and (set(peeled) & _CHANNEL_NOUNS or _is_media(toks, j)
                                                          or t.norm.startswith("ל-"))) \
                or t.norm in _STATEMENT_NOUNS:
            k = j + 1
            while k < stop and not toks[k - 1].comma and not toks[k - 1].colon and toks[k].norm != "כי" \
                    and not _is_complementizer_word(toks[k]) and toks[k].norm not in _WHEREIN and k - j < 6 \
                    and not (k - 1 > j and any(c in _DOUBLE_QUOTES for c in toks[k - 1].after)) \
                    and not (toks[k - 1].norm not in ("ל", "ב", "עם") and any(c in _DOUBLE_QUOTES for c in toks[k].before)
                             and not {r for _, r in _peel(toks[k - 1].norm)} & _CHANNEL_NOUNS):  # "לרשת 'אל-ערבייה':"
                k += 1  # (a quoted name closes the phrase: 'בשיחה עם "מעריב" בכיר בליכוד'; a quotation after it too:
                # 'אמר לכאן 11 "..."')
            vias.append(_span(toks, j, k))
            j = k
            continue
        break
    return j, vias


def _is_media(toks: list[Token], j: int) -> bool:
    names = names_in(tuple(t.norm for t in toks[j:j + 4]))
    return bool(names and names[0][0] == 0 and names[0][2].kind == "media")


def _is_complementizer_word(t: Token) -> bool:
    return t.norm.startswith("ש") and len(t.norm) > 2 and t.norm not in _NOT_CLITIC_S and t.norm not in _POSSESSIVES


def _complement(toks: list[Token], j: int, stop: int) -> tuple[int, bool] | None:
    """Where the content starts after the cue's adverbials: "כי X", "ש-X", ": X" -> (index, colon)."""
    if j >= stop:
        return None
    t = toks[j]
    if t.norm in ("כי", "וכי", "לפיה", "ולפיה", "שלפיה", "לפיו", "ולפיו", "שלפיו"):  # "הודעה לפיה ...": a statement whereby
        return j + 1, False
    if j > 0 and toks[j - 1].colon:
        return j, True
    if _is_complementizer_word(t):
        return j, False
    if any(c in _DOUBLE_QUOTES for c in t.before):  # מסרו "..." : a quotation right after the verb
        return j, True
    return None


def extract_paragraph(text: str, headline_like: bool) -> list[Found]:
    masked = mask(text)
    found: list[Found] = []
    spans = sentence_spans(masked)
    previous_direct = None
    quoted = None  # the last quote-only sentence: [index, content span, what it became]
    for s_index, (s0, s1) in enumerate(spans):
        toks = tokenize(masked, s0, s1)
        if not toks:
            continue
        before = len(found)
        so_said = _so_said(toks, (s0, s1), s_index, quoted) if quoted and quoted[0] == s_index - 1 else None
        if so_said:  # '"...". כך אמר X.': the quotation before is X's, not a continuation of an earlier claim
            if quoted[2] is not None:
                if quoted[2] == "continuation":
                    found[-1].continuation = None
                else:
                    found.remove(quoted[2])
            found.append(so_said)
            quoted = None
            continue
        found += _sentence(masked, toks, (s0, s1), s_index, headline_like, found)
        quote_only = (len(found) == before and any(c in _DOUBLE_QUOTES for c in toks[0].before)
                      and any(c in _DOUBLE_QUOTES for c in toks[-1].after + masked[toks[-1].end:s1]))
        quoted = None
        if quote_only:
            span = _content_span(masked, toks, 0, len(toks))
            quoted = [s_index, span[0], None]
        if quote_only and found:
            last = found[-1]
            if last.direct and last.continuation is None and previous_direct == s_index - 1 and last.rule == "he.quote_first":
                last.continuation = span[0]  # '"A," X said. "B."'
                quoted[2] = "continuation"
            else:
                found.append(Found((s0, s1), s_index, span[0], None, None, None, "he.quote_continuation", 0.6,
                                   list(last.via), direct=True, coreferent=True, implicit=True, continues=True,
                                   note=["implicit speaker: quote-only continuation"]))
                quoted[2] = found[-1]
        if found and found[-1].sentence == (s0, s1) and found[-1].direct:
            previous_direct = s_index
    return found


_LEAD_PROBE = ' "א ב ג"'


def lead_in(paragraph: str) -> dict | None:
    """A paragraph that ends with an attribution and a colon ("ראש הממשלה אמר בפתח ישיבת הממשלה:") hands
    the quotation to the next paragraph: the side, kind and channel that paragraph's claim takes (its
    speaker is not written there, so it is implicit). Read as if a quotation followed the colon."""
    body = paragraph.rstrip()
    if not body.endswith(":"):
        return None
    probe = body + _LEAD_PROBE
    for found in extract_paragraph(probe, False):
        if found.content[0] >= len(body) and found.speaker is None and found.cue is not None:
            return {"actor": None, "speaker_kind": None, "anonymous": None, "via": None}  # "הוסיף:": the last speaker
        if found.content[0] >= len(body) and found.speaker is not None:
            from crawler.claims.actors import resolve as resolve_any

            mention = paragraph[found.speaker[0]:found.speaker[1]]
            info = resolve_any(mention, "he")
            pronoun = fold_word(mention.split()[0]) in _PRONOUNS  # "הוא הוסיף:": whoever spoke last
            return {"actor": info.actor or ("unidentified" if not info.named and not pronoun else None),
                    "speaker_kind": None if pronoun else info.kind,
                    "anonymous": bool(info.anonymous), "via": [paragraph[a:b] for a, b in found.via]}
    return None


def carried_quote(previous: str, paragraph: str) -> list[Found]:
    """A quotation opened in the paragraph before and closed in this one ('אמר: "... .' / '... ."'):
    this paragraph's part is a quote-only continuation (gold/README: its own direct claim, speaker implicit)."""
    before = mask(previous)
    if before.count('"') % 2 == 0 and sum(before.count(c) for c in "“„«") <= sum(before.count(c) for c in "”»"):
        return []
    here = mask(paragraph)
    close = next((m.start() for m in re.finditer('["”»]', here)), None)
    if close is None or close < 2 or '"' in here[:close].strip()[:1]:
        return []
    start = len(here) - len(here.lstrip())
    return [Found((start, len(paragraph)), 0, (start, close), None, None, None, "he.quote_continuation", 0.6,
                  direct=True, coreferent=True, implicit=True, continues=True,
                  note=["implicit speaker: quote-only continuation"])]


def _so_said(toks: list[Token], sent, s_index: int, quoted) -> Found | None:
    """"כך אמר הערב גורם מדיני בכיר." after a quotation: the speaker follows the cue, the content is
    the quotation of the sentence before."""
    so = 1 if toks and toks[0].norm in ("כך", "וכך") else 0
    if len(toks) < 2 + so or not so and any(t.norm in ("כי", "וכי") or t.colon or _is_complementizer_word(t) for t in toks):
        return None  # without כך: '"... נמשך." אמר הבכיר.' (the quotation closed after its own full stop)
    cue, clitic = _cue_at(toks[so])
    if cue is None or cue.type not in ("verb", "passive"):
        return None
    j, vias = _via_after(toks, so + 1, len(toks))
    k = _phrase_end(toks, j, limit=12)
    if k == j or not so and not _speaker_like([t.norm for t in toks[j:k]], strict=True):
        return None
    k2, more = _via_after(toks, k, len(toks))
    speaker = _speaker_span(toks, j, k)
    return Found(sent, s_index, quoted[1], (toks[so].start + clitic, toks[so].end), speaker, cue.cls, "he.so_said", 0.75,
                 vias + more, direct=True, note=["the quotation of the previous sentence"])


def _sentence(text: str, toks: list[Token], sent, s_index: int, headline_like: bool, earlier: list[Found]) -> list[Found]:
    """The sentence's claims. An attribution set between commas inside it ("ישראל הבהירה, כך דיווח ערוץ 12,
    כי ...", "המשלחת, כך נמסר, תחזור", "ישראל, לפי הדיווח, הסכימה") is read apart: the rest is read as if
    it were not there; a claim found there gets the parenthetical's source as via, else the
    parenthetical attributes the whole sentence."""
    paren = _parenthetical(text, toks, sent, s_index)
    if paren is None:
        return _clauses(text, toks, sent, s_index, headline_like)
    a, b, found = paren
    rest = toks[:a - 1] + [toks[a - 1]._replace(after=toks[a - 1].after.replace(",", "", 1))] + toks[b:]
    inner = _clauses(text, rest, sent, s_index, headline_like)
    if not inner:
        return [found]
    if found.speaker is not None:
        for f in inner:
            if f.speaker is not None and f.rule in ("he.verb", "he.verb_object", "he.quote_first", "he.passive"):
                f.via.append(found.speaker)
    return inner


def _parenthetical(text: str, toks: list[Token], sent, s_index: int) -> tuple[int, int, Found] | None:
    """(first token, token after it, the claim it makes alone) for an attribution between commas with
    words on both sides: ", כך דיווח X,", ", כך נמסר,", ", לפי X,", ", על פי X,", ", לדבריו,"."""
    n = len(toks)
    for a in range(1, n - 2):
        if not toks[a - 1].comma:
            continue
        head = toks[a].norm
        cue = None
        if head in ("כך", "וכך"):
            cue, clitic = _cue_at(toks[a + 1])
            if cue is None or cue.type not in ("verb", "passive"):
                if not _is_according(toks, a + 1):
                    continue
                j = a + 1 + _is_according(toks, a + 1)
                cue_span = (toks[a + 1].start, toks[j - 1].end)
            else:
                j = a + 2
                cue_span = (toks[a + 1].start + clitic, toks[a + 1].end)
        elif _is_according(toks, a) and not toks[a].norm.startswith("כפי"):
            j = a + _is_according(toks, a)
            cue_span = (toks[a].start, toks[j - 1].end)
        elif _cue_at(toks[a])[0] is not None and _cue_at(toks[a])[0].type == "verb" and not _cue_at(toks[a])[1] \
                and not any(c in _DOUBLE_QUOTES for c in toks[a - 1].after) \
                and not any(t.norm in ("כי", "וכי") or _is_complementizer_word(t) for t in toks[a + 1:a + 6]):
            cue, clitic = _cue_at(toks[a])  # "ישראל, אמר הבכיר, לא תוותר": the verb and its speaker between commas
            j = a + 1
            cue_span = (toks[a].start, toks[a].end)
        else:
            continue
        b = next((q for q in range(j - 1, min(n - 1, j + 8)) if toks[q].comma or toks[q].colon), None)
        if b is None or not toks[b].comma or any(c in _DOUBLE_QUOTES for c in toks[b].after):
            continue
        pronoun = _pronoun_according(head.removeprefix("ו"))
        k = j
        while k <= b and toks[k].norm in _TIME_WORDS:
            k += 1
        words = [t.norm for t in toks[k:b + 1]]
        if pronoun:
            if b != a:
                continue
            speaker = None
        elif words:
            if words[0] in _DOCUMENT_NOUNS or not _speaker_like(words):
                continue
            speaker = _speaker_span(toks, k, b + 1)
            if cue is not None and cue.type == "passive" and toks[k].norm[:1] in "מב" and speaker[0] == toks[k].start:
                speaker = (speaker[0] + 1 + (toks[k].text[1:2] in "-־"), speaker[1])
        elif cue is not None and (cue.type == "passive" or head not in ("כך", "וכך")):
            speaker = None  # ", כך נמסר,": no source named; "המגעים, הוסיף, יימשכו": the speaker before
        else:
            continue
        if head not in ("כך", "וכך") and cue is not None and speaker is not None \
                and not _speaker_like([t.norm for t in toks[k:b + 1]], strict=True):
            continue
        content = _content_span(text, toks, 0, n)
        if content is None:
            return None
        if cue is None:
            rule, cls = ("he.according_pronoun" if pronoun else "he.according"), "ACCORDING"
        else:
            rule, cls = ("he.trailing" if speaker else "he.passive"), cue.cls
        implicit = speaker is None
        pronoun = pronoun or implicit and cue is not None and cue.type == "verb"  # pro-drop: the previous speaker
        found = Found(sent, s_index, content[0], cue_span, speaker, cls, rule, 0.7 if speaker else 0.6,
                      direct=content[1], implicit=implicit, coreferent=pronoun, continues=pronoun,
                      note=["implicit speaker"] if pronoun else [])
        return a, b + 1, found
    return None


def _clauses(text: str, toks: list[Token], sent, s_index: int, headline_like: bool) -> list[Found]:
    out: list[Found] = []
    n = len(toks)
    # colon attribution: "ביידן: "..."", "גורם מדיני: ..." (a short speaker before the first colon)
    start_at = 0
    for k, t in enumerate(toks[:6]):
        if t.colon and k + 1 < n:
            words = [x.norm for x in toks[:k + 1]]
            # "גורם ישראלי לחדשות 12:", "ראש הממשלה בשיחה עם המשפחות:": the listener or occasion is a via
            split = next((q for q in range(1, k + 1) if words[q] in _STATEMENT_NOUNS or words[q].startswith("ל")
                          and (_is_media(toks, q) or {r for _, r in _peel(words[q])} & _CHANNEL_NOUNS)), k + 1)
            if words[0] in _REPORT_NOUNS and headline_like and (k == 0 or toks[1].norm[:1] == "ב"):
                # "דיווח: ...", "דיווח בתקשורת הערבית: ...": an unnamed report, or the medium it ran in
                speaker = _span(toks, 0, 1) if k == 0 else \
                    (toks[1].start + 1 + (toks[1].text[1:2] in "-־"), toks[k].end)
                content = _content_span(text, toks, k + 1, n)
                if content and k < 5:
                    out.append(Found(sent, s_index, content[0], None, speaker, None, "he.colon", 0.65, direct=content[1],
                                     note=["headline attribution by colon"]))
                    start_at = k + 1
                break
            # "נתניהו על העסקה: ...": the topic after על is no part of the speaker
            about = next((q for q in range(1, k + 1) if words[q] == "על"), None)
            if about is not None and about < split:
                split = about
            named = _looks_like_a_name(toks, split) and _content_is_quote(text, toks, k + 1, n)
            if any(_cue_at(x)[0] for x in toks[:k + 1]) or not (_speaker_like(words[:split], strict=True) or named):
                break
            content = _content_span(text, toks, k + 1, n)
            if content and (content[1] or headline_like):
                vias = [_span(toks, split, k + 1)] if split <= k and split != about else []
                found = Found(sent, s_index, content[0], None, _speaker_span(toks, 0, split), None, "he.colon", 0.7,
                              vias, direct=content[1], note=["headline attribution by colon"])
                out.extend(_joint_speakers(text, found))
            break
    i = start_at
    pending_via = None
    while i < n:
        according = _is_according(toks, i)
        if according:
            claim = _according(text, toks, i, according, sent, s_index)
            if claim:
                _embedded_according(toks, i, claim, out)
                out.append(claim)
            i += according
            continue
        if toks[i].norm in ("עולה", "ועולה") and not _inside_quotes(text, sent[0], toks[i].start):
            claim = _emerges(text, toks, i, sent, s_index)
            if claim:
                out.append(claim)
                i += 1
                continue
        cue, clitic = _cue_at(toks[i])
        if cue is None or _inside_quotes(text, sent[0], toks[i].start):
            i += 1
            continue
        if cue.type == "cite":  # the cited speaker's own verb ("שאמר") makes the claim; the citer is its via
            start = _clause_start(toks, i)
            if start < i and _speaker_like([t.norm for t in toks[start:i]], strict=True):
                pending_via = _speaker_span(toks, start, i)
            i += 1
            continue
        claim = _verb(text, toks, i, cue, clitic, sent, s_index)
        if claim is None and clitic and toks[i].norm[0] == "ו" and i > 0 and toks[i - 1].comma and cue.type == "verb":
            for prev in out:  # "אמר כי A, ואיים ש...": A ends before the second verb even when it makes no claim
                if prev.content[0] < toks[i].start < prev.content[1] and not prev.direct:
                    prev.content = (prev.content[0], toks[i - 1].end)
        if claim and pending_via and claim.speaker:
            claim.via.append(pending_via)
            pending_via = None
        if claim:
            twins = _joint_speakers(text, claim)[1:]
            # a second verb of the same sentence ends the first claim's content there
            for prev in out:
                if prev.content[0] < toks[i].start < prev.content[1] and not prev.direct and prev.rule != "he.according":
                    cut = i if toks[i - 1].comma and toks[i].norm[:1] == "ו" else \
                        i - 1 if toks[i - 1].norm in ("ואף", "וגם", "ואז", "ואכן") else _clause_start(toks, i)
                    while cut > 0 and toks[cut - 1].norm in _CONNECTORS and not toks[cut - 1].comma:
                        cut -= 1  # "..., תוך שהוא מדגיש": the connectors open the second clause
                    prev.content = (prev.content[0], max(prev.content[0] + 1, toks[cut - 1].end if cut > 0 else prev.content[0]))
            out.append(claim)
            out.extend(twins)
        i += 1
    return _nest(out)


def _embedded_according(toks: list[Token], i: int, claim: Found, out: list[Found]) -> None:
    """An "according to" phrase inside an earlier claim's content: right after its complementizer
    ("דווח כי לפי גורם מצרי ...") the earlier one only reported it (one claim, its speaker in via); later
    ("אמר כי A, אבל לדברי בכיר מצרי "B"") the earlier content ends before it."""
    if claim.rule != "he.according" or claim.speaker is None:
        return
    for prev in list(out):
        if not prev.content[0] <= toks[i].start < prev.content[1] or prev.direct:
            continue
        if prev.content[0] == toks[i].start or prev.content[0] == toks[i].start + 1:
            out.remove(prev)
            if prev.speaker is not None:
                claim.via.append(prev.speaker)
            continue
        cut = i
        while cut > 0 and toks[cut - 1].norm in _CONNECTORS | {"אבל", "אך", "אולם", "ואילו", "ואולם"} and not toks[cut - 1].comma:
            cut -= 1
        if cut > 0 and toks[cut - 1].end > prev.content[0]:
            prev.content = (prev.content[0], toks[cut - 1].end)


def _report_source(toks: list[Token], a: int, b: int) -> tuple[int, int] | None:
    """The source in a מ-phrase toks[a:b] ("מדיווח בחדשות 13", "מדיווח של ynet", "מהדיווח", "מנתוני צה"ל")
    without the מ, and without "דיווח ב"/"דיווח של" when a medium is named."""
    if a >= b or toks[a].norm[:1] != "מ":
        return None
    rest = toks[a].norm[1:].lstrip("-")
    if rest in _REPORT_NOUNS or rest in ("הדיווח", "הפרסום", "הדיווחים", "הפרסומים"):
        if a + 1 < b and toks[a + 1].norm == "של":
            a += 2
        elif a + 1 < b and toks[a + 1].norm[:1] == "ב":
            return toks[a + 1].start + 1 + (toks[a + 1].text[1:2] in "-־"), toks[b - 1].end
        else:
            return toks[a].start + 1, toks[a].end  # "מהדיווח": an unnamed report
        if a >= b:
            return None
        return _span(toks, a, b)
    if not _speaker_like([rest] + [t.norm for t in toks[a + 1:b]], strict=True):
        return None
    return toks[a].start + 1 + (toks[a].text[1:2] in "-־"), toks[b - 1].end


def _emerges(text, toks, i, sent, s_index) -> Found | None:
    """"..., כך עולה מדיווח בחדשות 13" and "מדיווח בחדשות 13 עולה כי ..." (it emerges from a report): the
    report's medium speaks."""
    n = len(toks)
    cue_span = (toks[i].start + (toks[i].norm[:1] == "ו"), toks[i].end)
    if i >= 2 and toks[i - 1].norm == "כך" and toks[i - 2].comma:
        k = _phrase_end(toks, i + 1, limit=8)
        source = _report_source(toks, i + 1, k)
        content = _content_span(text, toks, 0, i - 1)
    else:
        start = _clause_start(toks, i)
        while start < i and toks[start].norm in ("עוד", "כן", "גם"):
            start += 1
        if start < i:  # "מדיווח בחדשות 13 עולה כי"
            source, k = _report_source(toks, start, i), i + 1
        else:  # "עוד עולה מהדיווח כי"
            k = _phrase_end(toks, i + 1, limit=8)
            source = _report_source(toks, i + 1, k)
        comp = _complement(toks, k, n) if source else None
        content = _content_span(text, toks, comp[0], n) if comp else None
    if source is None or content is None:
        return None
    return Found(sent, s_index, content[0], cue_span, source, "REPORT", "he.emerges", 0.65, direct=content[1])


_HEADLINE_LABELS = {"צפו", "תיעוד", "בלעדי", "חשיפה", "פרסום", "עדכון", "דרמה", "סערה", "מטלטל", "דיווח", "דיווחים",
                    "ראשון", "הערב", "היום", "עכשיו", "מבזק", "וידאו", "האזינו", "הקליטה", "ההקלטה", "הסרטון", "מדהים",
                    "מרגש", "קורע", "לב", "הכותרות", "סיכום", "ניתוח", "פרשנות", "דעה"}


def _looks_like_a_name(toks: list[Token], end: int) -> bool:
    """Two or three words before a colon that could be a person's name the gazetteer lacks ("עמוס הראל:"),
    or a name and its title after a comma ("יוסי כהן, ראש המוסד לשעבר:"); never a headline label ("צפו:")."""
    words = [t.norm for t in toks[:end]]
    comma = next((q for q in range(end) if toks[q].comma), None)
    name = words[:comma + 1] if comma is not None else words
    return 2 <= len(name) <= 3 and not set(words) & _HEADLINE_LABELS and all(w[:1] not in "בלמ" or len(w) > 4 for w in name) \
        and (comma is None or _speaker_like(words[comma + 1:], strict=True))


def _content_is_quote(text: str, toks: list[Token], a: int, b: int) -> bool:
    content = _content_span(text, toks, a, b)
    return bool(content and content[1])


def _joint_speakers(text: str, found: Found) -> list[Found]:
    """"מצרים וקטאר הודיעו": one claim per speaker, same content (the first is ``found`` itself)."""
    if found.speaker is None:
        return [found]
    start, end = found.speaker
    pieces = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    words = tuple(fold_word(text[a:b]) for a, b in pieces)
    names = names_in(words)
    titled = [q for q, w in enumerate(words) if q > 0 and w[:1] == "ו" and w[1:] in _SPEAKER_HEADS]
    if titled and _speaker_like(list(words[:titled[0]]), strict=True) \
            and _speaker_like([words[titled[0]][1:]] + list(words[titled[0] + 1:]), strict=True):
        q = titled[0]  # "ראש הממשלה נתניהו ושר הביטחון כ"ץ": two titled speakers
        found.speaker = (pieces[0][0], pieces[q - 1][1])
        twin = Found(found.sentence, found.sentence_index, found.content, found.cue, (pieces[q][0] + 1, end), found.cue_class,
                     found.rule, found.confidence, list(found.via), found.continuation, found.direct, note=list(found.note))
        return [found, twin]
    if len(names) != 2 or names[0][0] != 0 or names[1][1] != len(words) or names[0][1] != names[1][0] \
            or not words[names[1][0]].startswith("ו") or names[1][3] != 1:
        return [found]
    first = (pieces[0][0], pieces[names[0][1] - 1][1])
    second = (pieces[names[1][0]][0] + 1, end)
    found.speaker = first
    twin = Found(found.sentence, found.sentence_index, found.content, found.cue, second, found.cue_class, found.rule,
                 found.confidence, list(found.via), found.continuation, found.direct, note=list(found.note))
    return [found, twin]


def _inside_quotes(text: str, s0: int, pos: int) -> bool:
    segment = text[s0:pos]
    straight = segment.count('"') % 2 == 1
    opened = sum(segment.count(c) for c in "“«„") - sum(segment.count(c) for c in "”»")
    return straight or opened > 0


def _is_name(toks: list[Token], a: int, b: int) -> bool:
    """Tokens a..b-1 are one gazetteer name (possibly with a comma after its last word)."""
    names = names_in(tuple(t.norm for t in toks[a:b]))
    return len(names) == 1 and names[0][0] == 0 and names[0][1] == b - a and names[0][2].kind == "person"


def _fronted_adverbial(toks: list[Token], k: int) -> bool:
    """Does the comma at k close a fronted adverbial ("בתגובה להצהרת טראמפ, מסר חמאס") rather than a subject?"""
    m = k
    while m > 0 and k - m < 8 and not toks[m - 1].comma and not toks[m - 1].colon:
        m -= 1
    words = [t.norm for t in toks[m:k + 1]]
    if m > 0 and all(w in _CONNECTORS for w in words):
        return False  # "בחמאס, מנגד, טוענים": a connector set off inside the subject
    return words[0] in _TIME_WORDS or words[0] in _CONNECTORS or words[0] in _ADVERBIAL_OPENERS or words[0][:2] == "כש" \
        or words[0][:1] in "בל" and not _speaker_like(words, strict=True) and not names_in((words[0],))


_ADVERBIAL_OPENERS = {"במהלך", "בעקבות", "לאחר", "אחרי", "לפני", "בתגובה", "בשיחה", "בראיון", "במסגרת", "בניגוד",
                      "בהתאם", "בזמן", "בעת", "כאשר", "כשהוא", "למרות", "לנוכח", "לקראת", "עם", "בסוף", "בתום"}


def _set_off(toks: list[Token], k: int, i: int) -> bool:
    """Is toks[k+1:i] (ending in a comma before the cue at i) set off by commas inside the subject?
    "בחמאס, מנגד, טוענים" (only connectors); "דובר מחלקת המדינה, מתיו מילר, אמר" (a short name after a title)."""
    if not toks[i - 1].comma or k + 1 >= i:
        return False
    inner = [t.norm for t in toks[k + 1:i]]
    if all(w in _CONNECTORS or w in _TIME_WORDS for w in inner):
        return True
    if len(inner) > 3 or any(w in _CLAUSE_STOPS or _cue_at(t)[0] for w, t in zip(inner, toks[k + 1:i])):
        return False
    m = k
    while m > 0 and k - m < 8 and not toks[m - 1].comma and not toks[m - 1].colon:
        m -= 1
    title = [t.norm for t in toks[m:k + 1]]
    return _speaker_like(title, strict=True) or bool({r for _, r in _peel(title[0])} & _SPEAKER_HEADS) \
        and not _fronted_adverbial(toks, k)  # "הפרשן לענייני ערבים של חדשות 12, אהוד יערי, אמר"


def _clause_start(toks: list[Token], i: int, limit: int = 9) -> int:
    k = i - 1
    while k >= 0 and i - k <= limit:
        t = toks[k]
        # "אתר החדשות פוקס ניוז, דיווח"; "ראש ממשלת קטאר, מוחמד בן עבדולרחמן, הודיע": a name in commas
        appositive_comma = t.comma and (k == i - 1 and not _fronted_adverbial(toks, k) or _is_name(toks, k + 1, i)
                                        or _set_off(toks, k, i))
        if (t.comma and not appositive_comma) or t.colon or any(c in _DOUBLE_QUOTES for c in t.after) \
                or t.norm in _CLAUSE_STOPS or t.after.strip().endswith(("-", "–", "—")) \
                or getattr(_cue_at(t)[0], "type", None) == "cite":  # "ערוץ 12 ציטט | גורם ישראלי שאמר"
            break
        joint_title = t.norm[:1] == "ו" and t.norm[1:] in _SPEAKER_HEADS and k > 0 and not toks[k - 1].comma \
            and _speaker_like([x.norm for x in toks[max(0, k - 4):k]], strict=True)  # "נתניהו ושר הביטחון כ"ץ אמרו"
        if not joint_title and (t.norm[:1] == "ו" and len(t.norm) > 2 and k < i - 1 or k < i - 1 and t.after.strip().endswith(")")):
            k -= 1 if t.norm[:1] == "ו" else 0  # a conjoined clause starts at its "ו" word ("ובמד"א מסרו")
            break
        k -= 1
    start = k + 1
    while start < i and toks[start].norm in _CONNECTORS:
        start += 1
    return start


_ANTECEDENT_STOPS = {"עם", "את", "אל", "על", "מול", "כך", "גם", "לפי"}


def _relative_antecedent(toks: list[Token], i: int, clitic: int, cue) -> int | None:
    """Where the speaker of ", שאמר/שציין כי" starts: the phrase right before the comma, back to a
    preposition, an earlier cue or the clause's start ("נפגש עם ויטקוף, שאמר לו", "כך דיווח העיתון X,
    שהוסיף כי"), when it can be a speaker."""
    if clitic != 1 or toks[i].norm[0] != "ש" or cue.type != "verb" or i < 2 or not toks[i - 1].comma:
        return None
    a = i - 1
    while a > 0 and i - a < 7 and not toks[a - 1].comma and not toks[a - 1].colon and toks[a - 1].norm not in _ANTECEDENT_STOPS \
            and not _cue_at(toks[a - 1])[0] and not any(c in _DOUBLE_QUOTES for c in toks[a - 1].after):
        a -= 1
    return a if _speaker_like([t.norm for t in toks[a:i]], strict=True) else None


def _verb(text, toks, i, cue, clitic, sent, s_index) -> Found | None:
    n = len(toks)
    passive = cue.type == "passive"
    cue_span = (toks[i].start + clitic, toks[i].end)
    # '"...", אמר X (ל-Y).' — the quotation opens the sentence
    closed_at = _quoted_prefix(toks, i)
    # '"..." - אמר השר', '"..." – כך אמר השר': a dash after the quotation stands for the comma
    lead = i - 1 if i > 0 and toks[i - 1].norm == "כך" else i
    dashed = closed_at is not None and closed_at == lead - 1 and toks[lead - 1].text in ("-", "–", "—")
    if dashed:
        closed_at = lead - 1
    if closed_at is not None and closed_at == i - 1 and toks[i - 1].norm in _PRONOUNS and toks[i - 2].comma:
        # '"...", הוא אמר.': the pronoun is the (coreferent) speaker
        content = _content_span(text, toks, 0, closed_at)
        j, vias = _via_after(toks, i + 1, n)
        return content and Found(sent, s_index, content[0], cue_span, _span(toks, i - 1, i), cue.cls, "he.quote_first",
                                 0.7, vias, direct=content[1])
    bare = closed_at == i and not toks[i - 1].comma and any(c in _DOUBLE_QUOTES for c in toks[i - 1].after) \
        and cue.type == "verb" and i + 1 < n and _speaker_like([t.norm for t in toks[i + 1:i + 4]][:2], strict=True)
    if closed_at is not None and closed_at == i and toks[i - 1].comma or (closed_at == i and passive) or dashed or bare:
        j, vias = i + 1, []
        while j < n - 1 and (toks[j].norm in _TIME_WORDS and toks[j].norm not in _STATEMENT_NOUNS
                             or toks[j].norm in ("לנו", "לי")) and not toks[j].comma:
            j += 1  # "כך אמר הערב בכיר", "אמר לנו בכיר": the time word or "us" is no part of the speaker
        if j < n - 1 and toks[j].norm in _STATEMENT_NOUNS and not passive:  # 'אמר בשיחה עם "מעריב" בכיר'
            j2, occasion = _via_after(toks, j, n)
            if occasion and j2 < n and _speaker_like([toks[j2].norm], strict=True):
                j, vias = j2, occasion
        def listener(q: int) -> bool:
            return toks[q].norm.startswith("ל") and q > j and (_is_media(toks, q) or bool({r for _, r in _peel(toks[q].norm)} & _CHANNEL_NOUNS))

        k = j
        while k < n and not toks[k].comma and not listener(k):
            k += 1
        if k < n and toks[k].comma and not listener(k) and _speaker_like([t.norm for t in toks[j:k + 1]], strict=True):
            # '"...", אמר חבר הלשכה המדינית של חמאס, באסם נעים, לרשת אל-ג'זירה': title, then the name in commas
            m = k + 1
            while m < n and m - k <= 3 and not toks[m].comma and not listener(m):
                m += 1
            k = m + 1 if m < n and m - k <= 3 and toks[m].comma else k + 1
        medium = next((q for q in range(j + 1, k) if toks[q].norm in _STATEMENT_NOUNS), None)
        if medium is not None and not passive:  # '"...", כתב טראמפ ברשת החברתית שלו': the medium is a via
            vias, k = vias + [_span(toks, medium, k)], medium
        if not passive:  # "אמר השר בכנס בירושלים": the speaker ends before a ב-adverbial
            words = [t.norm for t in toks[j:k]]
            k = next((m for m in range(j + 1, k) if words[m - j][:1] == "ב" and _speaker_like(words[:m - j], strict=True)
                      and not _speaker_like(words[:m - j + 1], strict=True) and not toks[m - 1].comma
                      and words[m - j - 1] not in _ANONYMOUS_WORDS), k)  # "בכיר בליכוד": an affiliation stays
        occasion = passive and k > j and bool({r for _, r in _peel(toks[j].norm)} & _STATEMENT_HEADS)
        if occasion:  # '"...", נכתב בהודעה': the statement is the via, its author spoke before
            vias, k = vias + [_span(toks, j, k)], j
        speaker = _speaker_span(toks, j, k) if k > j else None
        if speaker and passive and toks[j].norm[:1] in "מב" and len(toks[j].norm) > 2 and speaker[0] == toks[j].start:
            speaker = (speaker[0] + 1, speaker[1])  # '"...", נמסר מהלשכה': the source without מ
        after = k
        if k < n and not occasion:
            after, more = _via_after(toks, k, n)
            vias = list(dict.fromkeys(vias + more))
        content = _content_span(text, toks, 0, closed_at)
        continuation = None
        if after < n and toks[after - 1].comma and any(c in _DOUBLE_QUOTES for c in toks[after].before):
            rest = _content_span(text, toks, after, n)  # '"A", אמר הבכיר, "B".': B continues the quotation
            continuation = rest[0] if rest and rest[1] else None
        return Found(sent, s_index, content[0], cue_span, speaker, cue.cls, "he.quote_first", 0.8 if speaker else 0.6,
                     vias, continuation, direct=content[1], implicit=speaker is None,
                     coreferent=speaker is None and (not passive or occasion), continues=speaker is None and (not passive or occasion))
    if i >= 2 and toks[i - 1].norm == "כך" and (toks[i - 2].comma or any(c in _DOUBLE_QUOTES for c in toks[i - 2].after)):
        return _trailing(text, toks, i, cue, cue_span, sent, s_index)  # '..., כך דיווח X', '"..." כך אמר X'
    if i >= 2 and toks[i - 1].comma and not clitic and cue.type == "verb" and n - i <= 7 \
            and not any(t.comma or t.colon or t.norm in ("כי", "וכי") or _is_complementizer_word(t) for t in toks[i + 1:n - 1]) \
            and not any(_cue_at(t)[0] for t in toks[:i - 1]):
        if i == n - 1:  # "המשלחת תצא מחר, הוסיף.": the previous speaker
            content = _content_span(text, toks, 0, i)
            return content and Found(sent, s_index, content[0], cue_span, None, cue.cls, "he.trailing", 0.6,
                                     direct=content[1], coreferent=True, implicit=True, continues=True)
        if _speaker_like([t.norm for t in toks[i + 1:n]][:2], strict=True):
            return _trailing(text, toks, i, cue, cue_span, sent, s_index, bare=True)  # "המגעים מתקדמים, אמר הבכיר."
    if i + 1 < n and toks[i + 1].norm == "בשם":
        return _in_the_name_of(text, toks, i, cue, clitic, sent, s_index)
    start = _clause_start(toks, i)
    continued = bool(clitic) and toks[i].norm[0] == "ו" and i > 0 and toks[i - 1].comma
    if continued:
        start = i  # "X אמר כי ..., והוסיף כי ...": the same speaker, unnamed
    while start < i and (toks[start].norm in _TIME_WORDS and toks[start].norm not in _SPEAKER_HEADS | _STATEMENT_NOUNS
                         or toks[start].before.startswith("(")):
        start += 1  # "בתגובה מסרו בחמאס", "הערב (שני) אמר נתניהו": time and occasion, not a speaker
    if start == i and i > 0 and toks[i - 1].norm in _PRONOUNS and not toks[i - 1].comma:
        start = i - 1  # "הוא הוסיף כי": the pronoun is the (coreferent) speaker
    antecedent = _relative_antecedent(toks, i, clitic, cue)
    if antecedent is not None:
        start = antecedent  # "כך דיווח העיתון X, שציין כי": the relative clause's antecedent speaks
    speaker = None
    fronted = False
    vias: list[tuple[int, int]] = []
    subject_end = i
    if 0 < start < i and toks[start - 1].comma and toks[i - 1].comma and _is_complementizer_word(toks[start]):
        # "בכיר ישראלי, שביקש להישאר בעילום שם, אמר": the speaker is before the relative clause
        start, subject_end = _clause_start(toks, start), start
    elif toks[i - 1].comma and i - start > 2:
        relative = next((q for q in range(start + 1, i - 1) if toks[q - 1].comma and _is_complementizer_word(toks[q])), None)
        if relative is not None:  # "קטאר, שתיווכה בין הצדדים, הודיעה"
            subject_end = relative
    if clitic and toks[i].norm[0] == "ו" and not passive and not continued:
        start, subject_end = _conjoined_subject(toks, i, start)
    elif i > 1 and toks[i - 1].norm in ("ואף", "וגם", "ואז", "ואכן") and not passive:
        if any(_cue_at(t)[0] for t in toks[:i - 1]):
            start = subject_end = i  # "הבכיר ציין כי ... ואף הוסיף ש...": the same speaker, unnamed
        else:
            start, subject_end = _conjoined_subject(toks, i - 1, start)
    while subject_end - 1 > start and toks[subject_end - 1].norm in _CONNECTORS and toks[subject_end - 1].comma:
        subject_end -= 1  # "בחמאס, מנגד, טוענים": the connector between commas is no part of the speaker
    words = [t.norm for t in toks[start:subject_end]]
    statement = _statement_author(toks, start, i) if passive and start < i else None
    if statement:  # "בהודעה שפרסמה לשכת ראש הממשלה נאמר כי": the author speaks, the statement is the via
        speaker, via = statement
        vias.append(via)
        start, words = i, []
    occasion_at = next((q for q in range(start + 1, subject_end) if toks[q].norm in _STATEMENT_NOUNS), None)
    if occasion_at is not None and _speaker_like([t.norm for t in toks[start:occasion_at]], strict=True):
        vias.append(_span(toks, occasion_at, subject_end))  # "טראמפ ברשת החברתית שלו כתב": the medium is a via
        words = words[:occasion_at - start]
        subject_end = occasion_at
    network = toks[start].norm == "ברשת" and start + 1 < i and (_is_media(toks, start + 1) or any(
        s == 0 and e > 1 for s, e, _, _ in names_in(tuple(["רשת"] + [t.norm for t in toks[start + 1:i]]))))  # "ברשת ב' דווח"
    if start < i and toks[start].norm in _STATEMENT_NOUNS and not (passive and network):
        # "בראיון לרשת CNN אמר X כי": the occasion is a via
        vias.append(_span(toks, start, i))
        start, words = i, []
    if start < i:
        # "יועץ ישראלי ששוחח עם פוליטיקו טען": the listener is a channel, not part of the speaker
        for q in range(start, i):
            if toks[q].norm in _LISTENER_VERBS and q + 1 < i and toks[q + 1].norm == "עם":
                vias.append(_span(toks, q + 2, i))
                words = words[:q - start]
                break
        if passive:
            # "מהמוסד נמסר", "בחמאס טענו": a source in a מ/ב phrase; anything else ("בתום המפגש") is not one
            source = words[-2:] if words else []
            medium = next((q for q in range(max(start, i - 4), i) if toks[q].norm[:1] in "בממ"
                           and {r for c, r in _peel(toks[q].norm) if c in ("ב", "מ")} & (_MEDIA_HEADS | _BODY_HEADS)), None)
            if words and start > 0 and toks[start - 1].norm == "מפי" and _speaker_like(words, strict=True):
                speaker = _speaker_span(toks, start, i)  # "מפי גורם מדיני בכיר נמסר": the source after מפי
            elif source and source[0][:1] in "מבו" and names_in(tuple(source)):
                speaker = _speaker_span(toks, i - len(source), i)
            elif medium is not None and medium == start:  # "בתקשורת הערבית דווח", "במטה המשפחות נמסר"
                speaker = (toks[medium].start + 1, toks[i - 1].end)
            elif 2 <= len(words) <= 5 and words[0][:1] in "במ" and any(
                    s == 0 and (e == len(words) or e == len(words) - 1 and words[-1].isdigit()) for s, e, _, _ in names_in(tuple([words[0][1:].lstrip("-")] + words[1:]))):
                speaker = (toks[start].start + 1 + (toks[start].text[1:2] in "-־"), toks[i - 1].end)  # "בחדשות כאן 11 דווח"
            words = []
        elif not _speaker_like(words):
            if not (words[0][:1] in "בל" and i - start <= 4 and not toks[i - 1].comma):
                return None
            words, fronted = [], True  # "בהמשך דבריו אמר נתניהו כי": an adverbial, the speaker follows the verb
        if words:
            speaker = _speaker_span(toks, start, start + len(words))
    if (passive or cue.type == "verb") and speaker is None and start == i and i >= 2 \
            and any(c in _DOUBLE_QUOTES for c in toks[i - 1].after):
        # 'ב"וול סטריט ג'ורנל" פורסם', 'ב"כאן 11" דיווחו': a quoted name after a bare ב
        q = next((q for q in range(i - 1, max(0, i - 6), -1) if any(c in _DOUBLE_QUOTES for c in toks[q].before)), None)
        if q and toks[q - 1].norm in ("ב", "מ"):
            speaker = _span(toks, q, i)
    j, after_vias = _via_after(toks, i + 1, n)
    vias += after_vias
    if speaker is None and cue.form == "נודע" and after_vias and after_vias[0][0] == toks[i + 1].start:
        # "נודע ל-ynet כי": what the outlet learned, it reports (the outlet speaks, as in "המידע שהגיע ל-X")
        a, b = vias.pop(vias.index(after_vias[0]))
        a += 1
        while a < b and text[a] in "-־\"":
            a += 1
        speaker = (a, b)
    if speaker is None:
        # verb first: "אמר ראש הממשלה נתניהו כי", "נמסר מלשכת ראש הממשלה כי"; else pro-drop
        if j < n and toks[j].norm == "מפי":
            j += 1
        k = j
        while k < n and k - j < 10 and not toks[k].colon and toks[k].norm not in ("כי", "וכי") \
                and not _is_complementizer_word(toks[k]) and not (toks[k].comma and not _is_name(toks, k + 1, k + 3)
                                                                  and not (k > j and toks[k - 1].comma)) \
                and not (k > j and toks[k - 1].norm not in ("ל", "ב") and any(c in _DOUBLE_QUOTES for c in toks[k].before)):
            k += 1  # "אמר ראש הלשכה, איסמעיל הנייה, כי": an appositive name between commas stays; 'אמר X "..."' ends it
        if k < n and any(c in _DOUBLE_QUOTES for c in toks[k].before):  # 'אמר הבכיר לחדשות 12 "..."': the listener
            k = next((m for m in range(j + 1, k) if toks[m].norm[:1] == "ל" and (_is_media(toks, m) or {
                r for _, r in _peel(toks[m].norm)} & _CHANNEL_NOUNS)), k)
        opened = [q for q in range(j, k) if toks[q].comma]
        if k < n and toks[k].comma and k + 1 < n and toks[k + 1].norm in ("כי", "וכי"):
            k += 1
        elif k < n and toks[k].comma and opened and k - opened[-1] <= 3:
            k += 1  # "הודיע ראש המוסד, דדי ברנע, לראשי המתווכים ש...": the name set off by commas stays
        elif k < n and toks[k].colon and k > j:
            k += 1  # "בתגובה מסר משרד ראש הממשלה: ...": the colon closes the speaker
        if k > j and k < n and not passive and not _speaker_like([t.norm for t in toks[j:k]], strict=True):
            # "אמר שר החוץ המצרי בדר עבד אל-עאטי במסיבת עיתונאים כי": the speaker, then a ב/ל adverbial
            subject = next((m for m in range(k - 1, j, -1) if toks[m].norm[:1] in "בל"
                            and _speaker_like([t.norm for t in toks[j:m]], strict=True)), None)
            if subject is not None:
                k = subject
        in_name = next((q for q in range(j + 1, k - 1) if toks[q].norm == "בשם"), None)
        if in_name is not None and not passive and _speaker_like([t.norm for t in toks[j:in_name]], strict=True):
            vias.append(_span(toks, j, in_name))  # "דיווחה רשת CNN בשם פקיד אמריקני כי": the official speaks
            j = in_name + 1
        if k > j and k < n and _speaker_like([t.norm for t in toks[j:k]], strict=True):
            speaker = _speaker_span(toks, j, k)
            if passive and toks[j].norm[:1] in "מב" and speaker[0] == toks[j].start:  # not stripped as a clitic yet
                speaker = (speaker[0] + (1 if toks[j].norm[1:2] != "-" else 2), speaker[1])
            j, more = _via_after(toks, k, n) if k < n else (k, [])
            vias += more
    if fronted and speaker is None:
        return None
    comp = _complement(toks, j, n)
    if comp and comp[1] and cue.form in _CALL_VERBS and j == i + 1 and not toks[i].colon:
        comp = None  # 'המפגינים קראו "עסקה עכשיו"': a chant, not a statement
    rule = "he.passive" if passive else "he.verb"
    if comp is None and speaker is not None and j < n:
        # "אמר בפתח ישיבת הממשלה כי", "הבהיר בפני השרים כי" (the adverbial may open with a skipped word),
        # "עדכן את הקבינט כי" (a verb whose object is the one told)
        opener = toks[j - 1] if j - 1 > i and toks[j - 1].norm in _TIME_WORDS else toks[j]
        if opener.norm == "את" and cue.form not in _ADDRESSEE_VERBS:
            opener = toks[i]  # no preposition: not an adverbial
        comp, more = _adverbial_then_that(toks, j, n, opener if opener.norm != "את" else toks[j]._replace(norm="ב"))
        vias += more
    if comp is None:
        relative = clitic and toks[i].norm[0] == "ש" and i > 0 and toks[i - 1].comma
        if cue.cls in ("DENY", "CONFIRM", "SAY", "CLAIM") and j < n and not passive and cue.type == "verb" and not relative \
                and toks[i].norm[len(toks[i].norm) - len(cue.form):] in _OBJECT_VERBS:
            if speaker is None and toks[j].norm != "את":
                return None  # "אישרה הממשלה את ...": a verb-first subject, not an object
            obj = next((q + 1 for q in range(j, min(n - 1, j + 4)) if toks[q].norm == "את"), j)
            if cue.cls == "CONFIRM" and obj < n and (_DOCUMENT_NOUNS | _ACTION_NOUNS) & (
                    {r for _, r in _peel(toks[obj].norm)} | {toks[obj].norm}):
                return None  # "הממשלה אישרה (ברוב קולות) את מתווה העסקה": approving a plan is a decision
            if toks[j].norm in _WISHES:
                return None  # "הביעו תקווה", "הביע תודה": a wish or thanks, not a claim (gold/README)
            comp = (j, False)
            rule = "he.verb_object"
        elif cue.form in _ABOUT_VERBS and not relative and j + 2 < n and toks[j].norm in ("על", "מפני") and not passive:
            # "הודיע על הקמת צוות", "הזהיר מפני עסקה", "הודיע על כך ש...": what is announced or warned of
            comp = (j + 2, False) if toks[j + 1].norm == "כך" and _is_complementizer_word(toks[j + 2]) else (j + 1, False)
            rule = "he.verb_object"
        elif cue.form in _VOW_VERBS and not relative and j + 1 < n and toks[j].norm[:1] == "ל" and not _is_media(toks, j) \
                and not {r for _, r in _peel(toks[j].norm)} & _CHANNEL_NOUNS:
            comp = (j, False)  # "איים לפרוש מהממשלה", "התחייב להחזיר את כולם": a threat or a vow (gold/README)
            rule = "he.verb_object"
        elif cue.form in _CALL_VERBS and not relative and j + 2 < n and toks[j].norm[:1] == "ל" \
                and toks[j].norm not in ("לכך", "לו", "לה", "להם", "לזה", "לאחר"):
            comp = (j, False)  # "קרא לשני הצדדים להפגין גמישות": a call (gold/README: "call for" counts)
            rule = "he.verb_object"
        elif passive and j < n and toks[j].norm == "על" and cue.form == "דווח":
            comp = (j + 1, False)
        else:
            return None
    a = comp[0]
    end = n
    # "..., כך לפי X" / ", כך דיווח X" at the end belongs to another attribution
    for k in range(a, n):
        if toks[k].norm == "כך" and k > a and toks[k - 1].comma:
            end = k
            break
    if rule == "he.verb_object" and toks[a].norm in _CONCERNS and a + 2 < end \
            and (toks[a + 1].norm in ("על", "לגבי", "מפני") or toks[a + 1].norm[:1] == "מ" and len(toks[a + 1].norm) > 2):
        # "הביע דאגה מהמצב ההומניטרי": the content is what the concern is about (gold/README)
        a += 1 + (toks[a + 1].norm in ("על", "לגבי", "מפני"))
    content = _content_span(text, toks, a, end)
    if content and toks[a - 1].norm in _CONCERNS and toks[a].norm[:1] == "מ" and len(toks[a].norm) > 2:
        content = ((content[0][0] + 1 + (toks[a].text[1:2] in "-־"), content[0][1]), content[1])
    if content is None or (content[0][1] - content[0][0]) < 4:
        return None
    implicit = speaker is None
    # "עוד נמסר כי", "כמו כן נאמר בהודעה": a passive that goes on with the previous source
    further = passive and implicit and i > 0 and toks[i - 1].norm in ("עוד", "ועוד", "כן") and not toks[i - 1].comma
    return Found(sent, s_index, content[0], cue_span, speaker, cue.cls, rule,
                 0.75 if not implicit else 0.6, vias, direct=content[1], coreferent=implicit and (not passive or further),
                 implicit=implicit, continues=cue.cls == "CONTINUE" or (implicit and (not passive or further)))


_PUBLISH_VERBS = {"פרסם", "פרסמה", "פרסמו", "הוציא", "הוציאה", "הוציאו", "מסר", "מסרה", "מסרו", "הפיץ", "הפיצה",
                  "הפיצו", "שלח", "שלחה", "שלחו", "העביר", "העבירה", "העבירו", "שיגר", "שיגרה", "שיגרו"}
_STATEMENT_HEADS = {"הודעה", "הודעת", "הצהרה", "הצהרת", "תגובה", "תגובת", "מכתב", "פוסט", "ציוץ", "מסמך", "הודעתו",
                    "הודעתה", "הודעתם", "מסר", "מסרים", "איגרת", "מברק"}


def _statement_author(toks: list[Token], start: int, i: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(author, statement) before a passive that quotes a statement: "בהודעה שפרסמה לשכת ראש הממשלה נאמר",
    "בהודעת חמאס נמסר", "חמאס פרסם הודעה שבה נטען"."""
    def statement(t: Token) -> bool:
        return bool({rest for _, rest in _peel(t.norm)} & _STATEMENT_HEADS)

    def published(t: Token) -> bool:
        return t.norm[:1] in "וש" and t.norm[1:] in _PUBLISH_VERBS

    if statement(toks[start]):
        of = next((q for q in range(start + 1, min(i, start + 4)) if toks[q].norm in ("של", "מטעם")), None)
        if of is not None and of + 1 < i and _speaker_like([t.norm for t in toks[of + 1:i]], strict=True):
            return _speaker_span(toks, of + 1, i), _span(toks, start, of)  # "בהצהרה משותפת של מצרים וקטר"
        if start + 2 < i and published(toks[start + 1]) and _speaker_like([t.norm for t in toks[start + 2:i]], strict=True):
            return _speaker_span(toks, start + 2, i), _span(toks, start, start + 1)
        if toks[start].norm.endswith("ת") and start + 1 < i and _speaker_like([t.norm for t in toks[start + 1:i]], strict=True):
            return _speaker_span(toks, start + 1, i), _span(toks, start, start + 1)  # construct: "בהודעת חמאס"
    if i - start >= 4 and toks[i - 1].norm in ("שבה", "ובה", "בה", "שבו", "ובו", "בו") and statement(toks[i - 2]) \
            and toks[i - 3].norm in _PUBLISH_VERBS and _speaker_like([t.norm for t in toks[start:i - 3]], strict=True):
        return _speaker_span(toks, start, i - 3), _span(toks, i - 2, i - 1)
    return None


def _conjoined_subject(toks: list[Token], i: int, start: int) -> tuple[int, int]:
    """"שר האוצר סמוטריץ' תקף את העסקה ואמר כי": the second verb shares the subject of the first, the
    speaker-like words that open the clause; else the clause start up to the cue."""
    if _speaker_like([t.norm for t in toks[start:i]], strict=True) and not (start > 0 and toks[start - 1].norm == "את"):
        return start, i  # (after "את" those words are the first verb's object: "תקף את ראש הממשלה ואמר")
    k0 = i - 1
    while k0 > 0 and not toks[k0 - 1].comma and not toks[k0 - 1].colon and i - k0 < 16:
        k0 -= 1
    while k0 < i and toks[k0].norm in _CONNECTORS:
        k0 += 1
    # the first verb stands before its object ("את ...", "ל...")
    obj = next((q for q in range(k0 + 2, i) if toks[q].norm == "את" or toks[q].norm[:1] == "ל"), None)
    if obj is not None and _speaker_like([t.norm for t in toks[k0:obj - 1]]) \
            and (_cue_at(toks[obj - 1])[0] is None or _speaker_like([t.norm for t in toks[k0:obj - 1]], strict=True)):
        return k0, obj - 1  # "חמאס הגיב להודעת טראמפ ואמר": a first verb that reports nothing itself
    for m in range(min(i - 1, k0 + 9), k0, -1):
        if _speaker_like([t.norm for t in toks[k0:m]], strict=True):
            # the first verb is no cue, or a cue with nothing of its own ("גורם מדיני הגיב ואמר")
            return (k0, m) if _cue_at(toks[m])[0] is None or m == i - 1 else (start, i)
    if 0 < start < i and toks[start - 1].norm in ("על", "את", "עם", "אל"):
        return i, i  # "X נטלו אחריות על השיגור ואמרו": the words before the verb are an object, the subject unknown
    return start, i


# words that open an adverbial between the cue and כי: "אמר גם הוא כי", "הבהיר שוב ושוב כי", "אמר על כך כי",
# "אמר עוד קודם לכן כי", "אמר השבוע כי" (time words)
_ADVERBIAL_PARTICLES = {"אחרי", "עם", "אמש", "גם", "אף", "שוב", "עוד", "על"} | _TIME_WORDS


def _adverbial_then_that(toks: list[Token], j: int, stop: int, opener: Token, limit: int = 9):
    """A "כי" a few words after the cue, past an adverbial the word lists do not know ("בפני השרים",
    "במסיבת עיתונאים בדוחה", "לאחר מכן", a parenthetical between commas). Nothing when another
    cue, a quotation or a colon comes first. A listener ("ל'וול סטריט ג'ורנל'") or a conversation
    ("בשיחה עם ynet") among those words is a via."""
    that = next((q for q in range(j, min(stop, j + limit)) if toks[q].norm in ("כי", "וכי")), None)
    k = j
    while k < stop and k - j < limit:
        t = toks[k]
        if t.norm in ("כי", "וכי"):
            break
        if that is None and k > j and _is_complementizer_word(t) and not any(x.comma for x in toks[j:k]):
            if opener.norm[:1] not in "בל" or k - j > 4:
                return None, []
            return (k, False), _listener_vias(toks, j, k)  # "הודיע לראשי המתווכים שישראל מוכנה"
        if that is None and k > j and any(c in _DOUBLE_QUOTES for c in t.before) \
                and (opener.norm[:1] in "בל" or opener.norm in _TIME_WORDS or opener.norm == "על") and k - j <= 5 and toks[k - 1].norm not in ("ב", "ל") and not any(x.comma or x.colon or _cue_at(x)[0] for x in toks[j:k]):
            return (k, True), _listener_vias(toks, j, k)  # 'אמר לשרים "אין עסקה"': the quotation follows the adverbial
        answered = k > 0 and toks[k - 1].norm in ("בתגובה", "בהתייחס", "בניגוד", "בהמשך")  # "בתגובה לדברי לפיד"
        here = _cue_at(t)[0]
        if here is not None and not (answered and here.type == "prep") or _is_according(toks, k) and not answered \
                or any(c in _DOUBLE_QUOTES for c in t.before):
            return None, []
        if t.colon:  # "הבהיר בישיבת הקבינט: ...", "מזהיר את חמאס: ..."
            k += 1
            if k >= stop or opener.norm[:1] not in "בל":
                return None, []
            return (k, True), []
        k += 1
    else:
        return None, []
    commas = sum(t.comma for t in toks[j:k])
    set_off = j > 0 and toks[j - 1].comma and k > j and toks[k - 1].comma and commas == 1  # ", היוצא לאור בלונדון,"
    if k == j or k >= stop or opener.norm[:1] not in "בל" and opener.norm not in _ADVERBIAL_PARTICLES and not set_off \
            or commas % 2 == 1 and not toks[k - 1].comma:
        return None, []  # an adverbial opens with a preposition ("אמר דברים ... כי" is no report); commas pair up
    return (k + 1, False), _listener_vias(toks, j, k)


def _listener_vias(toks: list[Token], j: int, k: int) -> list[tuple[int, int]]:
    """A listener ("ל'וול סטריט ג'ורנל'") or a conversation ("בשיחה עם ynet") in the adverbial toks[j:k]."""
    for q in range(j, k):
        t = toks[q]
        if t.norm.startswith("ל") and len(t.norm) > 2 and (q == j or toks[q - 1].comma) and t.norm not in ("לאחר", "לפני", "לכך") \
                and not {r for _, r in _peel(t.norm)} & _NOT_LISTENERS:
            return [_span(toks, q, _phrase_end(toks, q, limit=k - q))]
        if t.norm in ("בשיחה", "בשיחת", "בראיון") and q + 1 < k and toks[q + 1].norm in ("עם", "ל"):
            return [_span(toks, q, _phrase_end(toks, q, limit=k - q))]
    return []


def _phrase_end(toks: list[Token], j: int, limit: int = 8) -> int:
    """Index after a noun phrase starting at j: it ends at a comma or colon glued to a word, before
    "כי" or a ש- complementizer, or after ``limit`` words."""
    k = j
    while k < len(toks) and k - j < limit:
        t = toks[k]
        if t.norm in ("כי", "וכי") or _is_complementizer_word(t):
            break
        k += 1
        if t.comma or t.colon:
            break
    return k


def _in_the_name_of(text, toks, i, cue, clitic, sent, s_index) -> Found | None:
    """"X מדווחים בשם Y כי ..." (X report in Y's name): Y speaks, X is the channel."""
    n = len(toks)
    j = i + 2
    k = _phrase_end(toks, j)
    if k == j or k >= n:
        return None
    comp = _complement(toks, k, n)
    if comp is None:
        return None
    start = _clause_start(toks, i)
    vias = [_speaker_span(toks, start, i)] if start < i else []
    content = _content_span(text, toks, comp[0], n)
    if content is None:
        return None
    return Found(sent, s_index, content[0], (toks[i].start + clitic, toks[i + 1].end), _speaker_span(toks, j, k),
                 cue.cls, "he.in_the_name_of", 0.7, vias, direct=content[1])


def _trailing(text, toks, i, cue, cue_span, sent, s_index, bare: bool = False) -> Found | None:
    """"..., כך דיווח ערוץ 12", "..., כך נמסר מלשכת ראש הממשלה": the attribution follows the content."""
    n = len(toks)
    j = i + 1
    while j < n and toks[j].norm in _TIME_WORDS:
        j += 1
    if j < n - 1 and toks[j].norm == "מפי":  # "..., כך נמסר מפי גורם מדיני": the source without מפי
        j += 1
    k = _phrase_end(toks, j, limit=12)
    if k == j and cue.type != "passive":
        return None
    # "..., כך אמר הבכיר לחדשות 12": the listener is a via
    listener = next((q for q in range(j + 1, k) if toks[q].norm.startswith("ל") and (
        _is_media(toks, q) or {r for _, r in _peel(toks[q].norm)} & _CHANNEL_NOUNS)), None)
    vias = [_span(toks, listener, k)] if listener is not None else []
    k = listener if listener is not None else k
    speaker = _speaker_span(toks, j, k) if k > j else None  # ", כך נמסר." names no source
    if speaker and speaker[0] == toks[j].start and cue.type == "passive" and toks[j].norm[:1] in "מב" and names_in(tuple(t.norm for t in toks[j:k])):
        speaker = (speaker[0] + 1 + (1 if toks[j].text[1:2] in "-־" else 0), speaker[1])
    content = _content_span(text, toks, 0, i - (0 if bare else 1))
    if content is None:
        return None
    return Found(sent, s_index, content[0], cue_span, speaker, cue.cls, "he.trailing", 0.75 if speaker else 0.6,
                 vias, direct=content[1], implicit=speaker is None)


# "הודיע על ...", "הזהיר מפני ...": the announcement or warning is the noun phrase after the preposition.
_ABOUT_VERBS = {"הודיע", "הודיעה", "הודיעו", "מודיע", "מודיעה", "מודיעים", "הכריז", "הכריזה", "הכריזו", "הזהיר",
                "הזהירה", "הזהירו", "מזהיר", "מזהירה", "מזהירים", "התריע", "התריעה", "התריעו", "מתריע", "מתריעים",
                "דיווח", "דיווחה", "דיווחו", "מדווח", "מדווחת", "מדווחים", "בישר", "בישרה", "בישרו"}
_VOW_VERBS = {"איים", "איימה", "איימו", "מאיים", "מאיימת", "מאיימים", "התחייב", "התחייבה", "התחייבו", "הבטיח", "הבטיחה",
              "הבטיחו", "מבטיח", "מבטיחה", "מבטיחים", "נשבע", "נשבעה", "נשבעו"}
# "קרא ל...": a call; its content starts with the ones called on.
_CALL_VERBS = {"קרא", "קראה", "קראו", "קורא", "קוראת", "קוראים", "קוראות"}
# Verbs whose object is the one told: "עדכן את הקבינט כי ...".
_ADDRESSEE_VERBS = {"עדכן", "עדכנה", "עדכנו", "מעדכן", "מעדכנת", "מעדכנים", "תדרך", "תדרכה", "תדרכו", "מתדרך",
                    "מתדרכים", "הזהיר", "הזהירה", "הזהירו", "מזהיר", "מזהירים", "בישר", "בישרה", "בישרו", "יידע",
                    "יידעה", "יידעו", "הרגיע", "הרגיעה", "הרגיעו", "שכנע", "עדכן"}
# What is approved rather than confirmed ("אישר את יציאת המשלחת").
_ACTION_NOUNS = {"יציאת", "שליחת", "הקמת", "הכנסת", "העברת", "מינוי", "הרחבת", "חידוש", "הארכת", "הפסקת", "תוכנית",
                 "מתווה", "הסכם", "ההסכם", "התקציב", "המינוי", "העסקה", "עסקת", "ההצעה", "הצעת", "המתווה"}
_CONCERNS = {"דאגה", "חשש", "חששות", "דאגתו", "דאגתה", "דאגתם", "חששו", "חששה", "חששם"}
_WISHES = {"תקווה", "תקוות", "תקוותו", "תקוותה", "תקוותם", "משאלה", "תודה", "תודתו", "תודתה", "תנחומים", "ברכה",
           "ברכות", "צער", "השתתפות", "שמחה", "אמון", "הערכה"}
# Verbs whose object can be the content itself ("הביע נכונות", "הכחיש את הדיווח").
_OBJECT_VERBS = {"הביע", "הביעה", "הביעו", "הכחיש", "הכחישה", "הכחישו", "דרש", "דרשה", "דרשו", "אישר", "אישרה",
                 "אישרו", "שלל", "שללה", "שללו", "דחה", "דחתה", "דחו", "ביקש", "ביקשה", "ביקשו", "מאשים", "מאשימה", "מאשימים", "האשים",
                 "האשימה", "האשימו", "מכחיש", "מכחישה", "מכחישים", "מאשר", "מאשרת", "מאשרים", "שולל", "שוללת",
                 "שוללים", "דורש", "דורשת", "דורשים", "מביע", "מביעה", "מביעים", "מבקש", "מבקשים"}


def _according(text, toks, i, width, sent, s_index) -> Found | None:
    """"לפי X, ...", "על פי X, ...", "לדברי X, ...", "לדבריו, ...", and trailing ", כך לפי X"."""
    n = len(toks)
    cue_span = (toks[i].start + (1 if toks[i].norm[:1] == "ו" else 0), toks[i + width - 1].end)
    head = toks[i].norm.removeprefix("ו")
    if head == "כפי":  # the cue is the verb, without "כפי ש"
        cue_span = (toks[i + 1].start + 1, toks[i + 1].end)
    trailing = i > 0 and toks[i - 1].norm == "כך" and i > 1 and toks[i - 2].comma
    # "המצב קשה מאוד, לדברי גורם מדיני.": a short "according to" phrase closing the sentence
    closing = i > 1 and toks[i - 1].comma and head != "כפי" and 0 < n - (i + width) <= 6 \
        and not any(t.comma or t.colon for t in toks[i + width:n - 1])
    if head in ("לדבריו", "לטענתו") and i + 1 < n and toks[i + 1].norm == "של":  # "לדבריו של X," = "לדברי X,"
        width += 1
        cue_span = (cue_span[0], toks[i + 1].end)
    elif _pronoun_according(head):  # לדבריו, להערכתו, לדעתו: the previous speaker
        last = i == n - 1 and i > 0 and toks[i - 1].comma  # "המצב קשה מאוד, לדבריו."
        if not toks[i].comma and not toks[i].colon and not last and (n - i < 3 or i > 0 and not toks[i - 1].comma):
            return None  # "לדבריו התנועה לא תוותר" opens a sentence without a comma too
        content = _content_span(text, toks, 0, i) if last else _content_span(text, toks, i + 1, n)
        return content and Found(sent, s_index, content[0], cue_span, None, "ACCORDING", "he.according_pronoun", 0.7,
                                 direct=content[1], coreferent=True, implicit=True, continues=True,
                                 note=["implicit speaker"])
    j = i + width
    k = j
    while k < n and k - j < 9:
        k += 1
        if toks[k - 1].comma or toks[k - 1].colon:
            break  # k: after the speaker phrase and its comma ("לדברי X: ..." too)
    if k == j or (not toks[k - 1].comma and not toks[k - 1].colon and not trailing and not (closing and k == n)):
        answered = i > 0 and toks[i - 1].norm in ("בתגובה", "בהתייחס", "בניגוד", "בהמשך")  # "בתגובה לדברי לפיד"
        k = None if answered else _speaker_without_comma(toks, j, n)
        if k is None:
            return None
    words = [t.norm for t in toks[j:k]]
    what = _what_was_said(toks, j, k)
    if what is not None:  # "לפי מה שנמסר, ...", "על פי מה שפורסם בתקשורת הערבית, ..."
        verb, source = what
        content = _content_span(text, toks, 0, i - 1) if trailing else _content_span(text, toks, k, n)
        if content is None:
            return None
        verb_cue = _cue_at(toks[verb])[0] or _cue_of(toks[verb].norm[1:])[0]  # "שפורסם" or "הפורסם"
        media = source is None and verb_cue.cls == "REPORT"
        return Found(sent, s_index, content[0], (cue_span[0], toks[verb].end), source, "ACCORDING", "he.according",
                     0.7 if source else 0.6, direct=content[1], implicit=source is None, media=media)
    if head == "כפי":  # "כפי שפורסם אתמול ב"ישראל היום",": the time word is no part of the medium
        while j < k - 1 and toks[j].norm in _TIME_WORDS:
            j += 1
        if toks[j].norm in _TIME_WORDS:
            return None  # "כפי שנחשף אתמול, ...": the outlet's own earlier report
        if toks[j].norm in ("ב", "מ") and j + 1 < k:
            j += 1  # a bare ב before a quoted name
        words = [t.norm for t in toks[j:k]]
    if k - j == 1 and words[0] in ("ההודעה", "ההצהרה", "המכתב", "הפוסט", "הציוץ", "התגובה", "ההודעות"):
        # "לפי ההודעה, ...": the statement is the via, its author spoke before
        content = _content_span(text, toks, k, n)
        return content and Found(sent, s_index, content[0], cue_span, None, "ACCORDING", "he.according_pronoun", 0.65,
                                 [_span(toks, j, k)], direct=content[1], coreferent=True, implicit=True,
                                 continues=True, note=["implicit speaker: the author of the statement"])
    if words[0] in ("דברי", "נתוני") and k - j > 1 and (words[0] == "דברי" or _speaker_like(words[1:], strict=True)):
        # "לפי דברי הבכיר" = "לדברי הבכיר"; "על פי נתוני משרד הבריאות": the body gives the figures
        j += 1
        words = words[1:]
    if words[0] in _DOCUMENT_NOUNS or not _speaker_like(words):
        return None
    vias: list[tuple[int, int]] = []
    # "לפי דיווח ברשת X": the report's medium is the speaker
    if words[0] in ("דיווח", "דיווחים", "פרסום", "פרסומים") and k - j > 1:
        speaker = _speaker_span(toks, j + 1 + (toks[j + 1].norm in ("ב", "מ")), k)  # without the ב of "ברשת", 'ב"כאן 11"'
        if speaker[0] == toks[j + 1].start and toks[j + 1].norm[:1] == "ב" and len(toks[j + 1].norm) > 2:
            speaker = (speaker[0] + 1 + (toks[j + 1].text[1:2] in "-־"), speaker[1])
    elif head == "כפי" and (words[0][:1] in "במ" or words[0][:1] == "ל" and toks[i + 1].norm.endswith("נודע")) \
            and len(words[0]) > 2:  # "כפי שפורסם ב-X", "כפי שנודע ל-X"
        speaker = _speaker_span(toks, j, k)
        speaker = (toks[j].start + 1 + (toks[j].text[1:2] in "-־"), speaker[1])
    else:
        speaker = _speaker_span(toks, j, k)
    if trailing or closing and k == n:  # "..., כך לפי X": the sentence before it (its own "את"/"על" are no clause stops)
        content = _content_span(text, toks, 0, i - (1 if trailing else 0))
    else:
        content = _content_span(text, toks, k, n)
    if content is None:
        return None
    return Found(sent, s_index, content[0], cue_span, speaker, "ACCORDING", "he.according", 0.7, vias,
                 direct=content[1])


def _speaker_without_comma(toks: list[Token], j: int, n: int) -> int | None:
    """The end of the speaker in "לדברי בכיר מצרי "..."" / "לפי גורם מצרי בכיר המגעים יחודשו" (no comma):
    at an opening quotation mark, or after the longest run of speaker words (a known name or speaker
    vocabulary) that still leaves a clause of three words or more."""
    quote = next((q for q in range(j + 1, min(n, j + 7)) if any(c in _DOUBLE_QUOTES for c in toks[q].before)), None)
    if quote is not None and _speaker_like([t.norm for t in toks[j:quote]], strict=True):
        return quote
    k = next((q for q in range(min(n - 2, j + 7), j, -1) if _speaker_like([t.norm for t in toks[j:q]], strict=True)), None)
    if k is not None and k - j > 1 and toks[k - 1].norm[:1] == "ה" \
            and (any(s == k - 1 - j and name.kind != "nisba" for s, _, name, _ in names_in(tuple(t.norm for t in toks[j:k])))
                 or toks[k - 1].norm in _BODY_HEADS and toks[k - 2].norm not in _TITLE_HEADS | _SPEAKER_HEADS):
        k -= 1  # "לדברי גורמים בחמאס התנועה תשיב": a name of its own opens the clause
    if k is None or toks[j].norm in _REPORT_NOUNS | _NOT_LISTENERS or _cue_at(toks[k])[0] or _is_according(toks, k) \
            or toks[k].norm in ("כי", "וכי") or _is_complementizer_word(toks[k]):
        return None
    return k


def _what_was_said(toks: list[Token], j: int, k: int) -> tuple[int, tuple[int, int] | None] | None:
    """"מה שנמסר", "הנמסר", "מה שפורסם בתקשורת הערבית" (what was said / published): no speaker but the
    passive's own source, if any ("המידע שהגיע ל-X": X). Returns (index of the verb, the source span
    without its ב/מ/ל)."""
    bare = toks[j].norm[1:] if toks[j].norm[:1] == "ה" else ""
    if bare and getattr(_cue_of(bare)[0], "type", None) == "passive" and not _cue_of(bare)[1]:
        verb = j  # "לפי הנמסר (מהלשכה)": the same as "לפי מה שנמסר"
    elif toks[j].norm in ("המידע", "מידע") and k - j >= 3 and toks[j + 1].norm in ("שהגיע", "שהתקבל", "שנמסר") \
            and toks[j + 2].norm[:1] == "ל" and _speaker_like([toks[j + 2].norm[1:]] + [t.norm for t in toks[j + 3:k]]):
        start = toks[j + 2].start + 1 + (toks[j + 2].text[1:2] in "-־")  # "לפי המידע שהגיע לכאן חדשות"
        return j + 1, (start, toks[k - 1].end)
    elif k - j < 2 or toks[j].norm != "מה":
        return None
    else:
        cue, clitic = _cue_at(toks[j + 1])
        if cue is None or clitic != 1 or cue.type != "passive" and cue.cls != "REPORT":
            return None
        verb = j + 1
    source = None
    learned = toks[verb].norm.endswith("נודע")  # "לפי מה שנודע ל"מעריב"": the outlet that learned it
    if k > verb + 1 and (toks[verb + 1].norm[:1] in "במ" or learned and toks[verb + 1].norm[:1] == "ל") \
            and _speaker_like([t.norm[1:] for t in toks[verb + 1:k]] if toks[verb + 1].norm not in ("ב", "מ", "ל")
                              else [t.norm for t in toks[verb + 2:k]]):
        start = toks[verb + 1].start + 1 + (toks[verb + 1].text[1:2] in "-־")
        source = (start, toks[k - 1].end)
    return verb, source


def _nest(found: list[Found]) -> list[Found]:
    """A report whose content holds another attributed claim ("לפי דיווח ברשת X, מקורות בחמאס אמרו ...",
    "מקורות אמרו ..., כך דיווח ערוץ 12") is one claim: the inner speaker, with the outer medium in via."""
    out = list(found)
    for outer in found:
        if outer.rule not in ("he.according", "he.trailing", "he.emerges") or outer.speaker is None:
            continue
        inner = [f for f in found if f is not outer and f.speaker and outer.content[0] <= f.content[0] <= outer.content[1]
                 and f.rule in ("he.verb", "he.verb_object", "he.quote_first")]
        if inner:
            for f in inner:
                f.via = f.via + [outer.speaker]
            out.remove(outer)
    return out


_PASSIVE_CUES = {"נמסר", "נמסרה", "נאמר", "נכתב", "הודגש", "צוין", "נטען", "דווח", "פורסם", "הובהר", "הובהרה", "הוסבר",
                 "נחשף", "נחשפה", "פורסמה", "הוערך"}
_HEDGES = re.compile(rf"(?<![{HEB}])(?:ייתכן|יתכן|ככל הנראה|כנראה|אולי|עשוי|עשויה|עשויים|עשויות|להערכת\S*)(?![{HEB}])")
_DENIALS = re.compile(rf"^(?:אין (?:שום )?(?:אמת|בסיס|יסוד)|(?:זה )?לא נכון|לא היו|אין כל)(?![{HEB}])")


def finish(claim: dict) -> None:
    """What the shared enrichment cannot read in Hebrew (hedges, denials in the content), and sides
    the patterns cannot see: a passive without a source ("נמסר כי", '"...", נמסר') relays an
    official Israeli statement in Israeli media; "דווח" without a source is unnamed media."""
    if _HEDGES.search(claim["content"]):
        claim["hedged"] = True
    if claim["polarity"] != "denial" and _DENIALS.search(claim["content"]):
        claim["polarity"] = "denial"
        claim["note"] = "; ".join(filter(None, ["denial: the speaker rejects the content", claim["note"]]))
    last = [w[1:] if w[:1] in "שה" and w[1:] in _PASSIVE_CUES else w for w in (claim["cue"] or "").split()[-1:]]
    passive = claim["cue"] in _PASSIVE_CUES or bool(last) and last[0] in _PASSIVE_CUES  # "לפי מה שנמסר", "לפי הנמסר"
    if claim["speaker"] is None and claim["actor"] is None and passive:
        if last[0] in ("דווח", "פורסם", "נחשף", "נחשפה", "פורסמה"):
            claim.update(actor="unidentified", speaker_kind="media", anonymous=False)
        else:
            claim.update(actor="israel", speaker_kind="government", anonymous=False)


# --- enrichment ------------------------------------------------------------------------------------
_HE_NUMBER_WORDS = ("שניים|שני|שתיים|שתי|שלושה|שלוש|ארבעה|ארבע|חמישה|חמש|שישה|שש|שבעה|שבע|שמונה|תשעה|תשע|עשרה|עשר|"
                    "עשרות|מאות|אלפי|אלפים|מאה|אלף|מיליון|כמה|מספר")
QUANTITY_RE = re.compile(
    rf"(?<![{HEB}\w])(?:(?:לפחות|כ-|כ־|כ|עד|יותר\s+מ-?|פחות\s+מ-?|מעל|כל)\s*)?"
    rf"(?:ה-|ה־)?(?:\d[\d,.]*|(?:{_HE_NUMBER_WORDS}))(?:%|\s+אחוזים)?"
    rf"(?:\s+(?:ה)?[{HEB}]{{2,}}(?:ים|ות|ת|י)?)?(?![{HEB}])"
)
_NOT_QUANTITY_UNITS = {"של", "את", "על", "עם", "כי", "לא", "גם", "עוד", "אם", "או", "הם", "הן", "ב", "ל"}


def quantities(content: str) -> list[str]:
    out = []
    for m in QUANTITY_RE.finditer(content):
        q = m.group().strip()
        words = q.split()
        if words and words[-1] in _NOT_QUANTITY_UNITS:
            q = " ".join(words[:-1])
        digits = re.sub(r"\D", "", q)
        if re.fullmatch(r"(?:19|20)\d\d", digits) and len(q.split()) == 1:
            continue  # a year
        if not digits and len(q.split()) < 2:
            continue
        if re.fullmatch(r"\d{1,2}", q):
            continue  # a bare day or time number
        out.append(q)
    return list(dict.fromkeys(out))


TIME_RE = re.compile(
    rf"(?<![{HEB}])(?:ו?(?:אתמול|היום|מחר|הבוקר|הערב|הלילה|אמש|שלשום)"
    rf"|(?:ב?יום\s+)(?:ראשון|שני|שלישי|רביעי|חמישי|שישי)(?:\s+(?:הבא|האחרון|שעבר))?|ב?שבת(?:\s+(?:הבאה|האחרונה))?"
    rf"|ב?שבוע\s+(?:הבא|שעבר|הקרוב)|ב?חודש\s+(?:הבא|שעבר))(?![{HEB}])"
)
_WEEKDAYS = ["שני", "שלישי", "רביעי", "חמישי", "שישי", "שבת", "ראשון"]  # Monday .. Sunday (date.weekday())


def resolve_time(expression: str, published):
    from datetime import timedelta

    if published is None:
        return None
    if re.search("שלשום", expression):
        return (published - timedelta(days=2)).isoformat()
    if re.search("אתמול|אמש", expression):
        return (published - timedelta(days=1)).isoformat()
    if "מחר" in expression:
        return (published + timedelta(days=1)).isoformat()
    if re.search("היום|הבוקר|הערב|הלילה", expression):
        return published.isoformat()
    for weekday, name in enumerate(_WEEKDAYS):
        if re.search(rf"(?<![{HEB}]){name}(?![{HEB}])", expression) and "שבוע" not in expression:
            future = bool(re.search("הבא", expression))
            delta = ((weekday - published.weekday()) % 7 or 7) if future else -((published.weekday() - weekday) % 7)
            return (published + timedelta(days=delta)).isoformat()
    if "שבוע" in expression:
        days = 7 if re.search("הבא|הקרוב", expression) else -7
        return (published + timedelta(days=days)).isoformat()
    return None


def time_expressions(text: str, published) -> list[dict]:
    return [{"text": m.group(), "resolved": resolve_time(m.group(), published)} for m in TIME_RE.finditer(text)]
