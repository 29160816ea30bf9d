"""Is a text about the Cairo talks? A transparent, lexicon-based score in [0, 1].

What counts as on topic: the negotiations themselves (delegations, proposals,
truce phases, hostage-prisoner exchange terms, mediators' statements), not the
Gaza war in general. The score therefore needs *talks* vocabulary, a *Gaza*
anchor (Hamas, Gaza, hostages...) and little vocabulary of *other* conflicts
(Ukraine, Lebanon, Iran...) whose ceasefire talks use the same words. Where the
talks vocabulary sits matters as much as how often it occurs: a war report with
one background sentence on the talks is off topic, an article whose headline and
most paragraphs discuss them is on topic, whatever its length. Hence the
features: talks points per 100 words (headline > lead > rest), the share of
sentences that discuss the talks, and mediators, all scaled by the Gaza anchor
(0 without one), minus the share of other conflicts. Weights live in model.json.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote, urlsplit

from .lexicon import Lexicon, Mentions, available_languages, load_lexicon
from .normalize import detect_script, normalize, normalize_words

# Words in URLs that say nothing about the subject.
_URL_SCAFFOLDING = frozenset(
    "www com net org html htm php aspx amp story stories news article articles details detail "
    "post posts index category section world middle east live ar en".split())
_SCRIPT_OF = {"ar": "arabic", "he": "hebrew", "ja": "cjk", "zh": "cjk"}


@lru_cache(maxsize=None)
def model() -> dict:
    return json.loads(resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))


def default_threshold() -> float:
    return float(model()["threshold"])


@dataclass
class TopicJudgement:
    topic_score: float
    on_topic: bool
    language: str | None
    features: dict = field(default_factory=dict)
    terms: Counter = field(default_factory=Counter)  # which lexicon terms fired (for debugging)


def lexicons_for(language: str | None, sample: str) -> list[Lexicon]:
    """The article language's lexicon; when the language is unknown, has no
    lexicon or does not match the text's script, every lexicon of that script."""
    script = detect_script(sample)
    if language:
        code = language.split("-")[0].lower()
        lexicon = load_lexicon(code)
        # A wrong language tag (an Arabic page declaring lang="en") must not blind the scorer.
        if lexicon is not None and _SCRIPT_OF.get(code, "latin") == script:
            return [lexicon]
    chosen = [load_lexicon(code) for code in available_languages()
              if _SCRIPT_OF.get(code, "latin") == script]
    return [lex for lex in chosen if lex is not None]


def find(lexicons: list[Lexicon], normalized: str) -> Mentions:
    if len(lexicons) == 1:  # the usual case: the lexicon's own fresh counters, nothing to merge
        return lexicons[0].find(normalized)
    points: Counter = Counter()
    terms: Counter = Counter()
    for lexicon in lexicons:
        found = lexicon.find(normalized)
        points.update(found.points)
        terms.update(found.terms)
    return Mentions(points, terms)


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# --- Whole articles ------------------------------------------------------------

def text_units(paragraphs: list[str]) -> float:
    """Length in words; for scripts written without spaces, characters / 2.5."""
    text = " ".join(paragraphs)
    words = len(text.split())
    return max(words, len(text) / 2.5) if detect_script(text) == "cjk" else words


# Latin and Arabic sentences end with punctuation and a space; Japanese with 。 alone.
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+|(?<=\u3002)\s*|\n+")


def passages(paragraphs: list[str], size: int) -> list[str]:
    """The body as sentences (run-ons cut at ``size`` words); captions and crumbs dropped.

    Sentences, not paragraphs: the share of the text that discusses the talks
    must not depend on how an outlet (or the extractor) paragraphs a page.
    """
    out = []
    for sentence in _SENTENCE_END.split("\n".join(paragraphs)):
        words = sentence.split()
        if len(words) < 4 and not (len(sentence.strip()) >= 8 and detect_script(sentence) == "cjk"):
            continue  # "Advertisement", bylines, photo credits
        out += [" ".join(words[i:i + size]) for i in range(0, len(words), size)]
    return out or [p for p in paragraphs if p.strip()]


def score_article(article: Mapping, threshold: float | None = None) -> TopicJudgement:
    """Judge an article item (or any mapping with headline/description/paragraphs/body/tags/language)."""
    m = model()
    threshold = default_threshold() if threshold is None else threshold
    paragraphs = [p for p in (article.get("paragraphs") or []) if p and p.strip()]
    if not paragraphs and article.get("body"):
        paragraphs = [p for p in article["body"].split("\n") if p.strip()]
    tags = article.get("tags") or []
    headline = " ".join(filter(None, [article.get("headline"), article.get("description"),
                                      " ".join(tags) if isinstance(tags, list) else str(tags)]))
    language = article.get("language")
    lexicons = lexicons_for(language, headline + " " + " ".join(paragraphs[:5]))
    if not lexicons:
        return TopicJudgement(0.0, False, language, {"reason": "no lexicon for this language/script"})

    heading = find(lexicons, normalize(headline))
    terms = Counter(heading.terms)
    plain = Counter(heading.points)  # unweighted points over the whole article
    talks = m["zone_weights"]["headline"] * min(heading["talks"], m["headline_talks_cap"])
    sentences = passages(paragraphs, int(m["sentence_max_words"]))
    discussing, words_before = 0, 0
    for sentence in sentences:
        found = find(lexicons, normalize_words(sentence))  # = normalize(sentence)
        plain.update(found.points)
        terms.update(found.terms)
        if found["talks"] >= m["sentence_talks_min_points"]:
            discussing += 1
        # Capped per sentence: one sentence stuffed with talks vocabulary ("Egyptian-
        # Qatari mediation efforts for a ceasefire agreement") is still one mention.
        zone = "lead" if words_before < m["lead_words"] else "body"
        talks += m["zone_weights"][zone] * min(found["talks"], m["sentence_talks_cap"])
        words_before += len(sentence.split())
    share = discussing / len(sentences) if sentences else 0.0
    # Per 100 words (at least min_words_for_density): a long war report collects as
    # many talks mentions in passing as a short talks brief does on purpose, and a
    # 60-word brief must not look dense because of one sentence.
    density = talks / (max(text_units(paragraphs), m["min_words_for_density"]) / 100)
    headline_talks = min(heading["talks"], m["headline_talks_cap"])
    gaza, other = plain["gaza"], plain["other_conflicts"]
    other_share = other / (other + gaza) if other else 0.0

    # AND, not OR: talks vocabulary counts only next to a Gaza anchor. Egyptian
    # outlets print "phase two", "delegation" and "Cairo" about irrigation contracts.
    anchor = min(1.0, gaza / m["gaza_anchor_points"])
    evidence = (m["w_talks_density_log"] * math.log1p(density)
                + m["w_sentence_share"] * share
                + m["w_headline_talks"] * headline_talks
                + m["w_mediators_log"] * math.log1p(plain["mediators"]))
    z = m["intercept"] + anchor * evidence - m["w_other_share"] * other_share
    score = round(_logistic(z), 4)
    features = {
        "talks": round(talks, 2), "talks_per_100_words": round(density, 2), "sentence_share": round(share, 3), "headline_talks": headline_talks,
        "gaza": gaza, "mediators": plain["mediators"], "anchor": round(anchor, 3),
        "other_share": round(other_share, 3), "z": round(z, 3),
    }
    return TopicJudgement(score, score >= threshold, language, features, terms)


# --- Short texts seen before fetching (URL slugs, feed titles, news:keywords) ----

def url_words(url: str) -> str:
    """The words of a URL's path and query: slugs are often the headline."""
    parts = urlsplit(url)
    text = unquote(f"{parts.path} {parts.query}")
    words = [w for w in normalize(text).split()
             if w not in _URL_SCAFFOLDING and not w.isdigit() and len(w) > 1]
    return " ".join(words)


def _short_text(text: str) -> str:
    text = text.strip()
    if re.match(r"^https?://", text) and " " not in text:
        return url_words(text)
    return normalize(text)


def score_text(text: str, language: str | None = None) -> float:
    """Score of a short text: a URL (its slug is used), a feed or sitemap title, keywords.

    Returns ``unknown_score`` (0.5, see model.json) when the text holds no
    lexicon term and too few words to judge (a numeric URL says nothing).
    """
    s = model()["short_text"]
    normalized = _short_text(text or "")
    lexicons = lexicons_for(language, normalized)
    found = find(lexicons, normalized) if lexicons else Mentions(Counter(), Counter())
    if not found.points and len(normalized.split()) < s["min_words_to_judge"]:
        return float(s["unknown_score"])
    z = (s["intercept"]
         + s["w_talks"] * min(found["talks"], s["talks_cap"])
         + s["w_gaza"] * min(found["gaza"], s["gaza_cap"])
         + s["w_israel"] * min(found["israel"], s["israel_cap"])
         - s["w_other"] * min(found["other_conflicts"], s["other_cap"]))
    if found["talks"] or found["gaza"] or found["israel"]:
        # Egypt and Qatar are in most of their outlets' headlines: a mediator name
        # strengthens other evidence but is none by itself.
        z += s["w_mediators"] * min(found["mediators"], s["mediators_cap"])
    return round(_logistic(z), 4)


def should_fetch(text: str, language: str | None = None, min_score: float | None = None) -> bool:
    """Pre-fetch filter: False only for texts that are obviously not about the talks.

    Permissive on purpose: a Gaza-war headline is fetched (the article may
    discuss the talks); only texts without any related term, or about another
    conflict, are skipped. Texts too short to judge are fetched.
    """
    if min_score is None:
        min_score = model()["short_text"]["prefetch_min_score"]
    return score_text(text, language) >= min_score
