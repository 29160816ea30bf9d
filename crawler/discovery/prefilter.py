"""Skip links that are obviously not about the talks, before fetching them.

Judged on what a listing shows: the headline, keywords and summary it gives,
and the words in the URL's slug. A link with nothing to judge is kept: the
page itself will be scored after fetching (and kept, on or off topic). The
judge is ``crawler.relevance.should_fetch(text, language)`` (the project's topic
model, permissive on purpose); without that package a broad keyword check stands in.

Settings: DISCOVERY_PREFILTER_ENABLED (True), DISCOVERY_PREFILTER_MIN_SCORE.
"""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import unquote, urlsplit

from .links import DiscoveredLink

# Broad on purpose: a false "keep" costs one fetch, a false "skip" loses an article.
FALLBACK_KEYWORDS = {
    "en": ("gaza", "hamas", "hostage", "ceasefire", "cease-fire", "truce", "captive", "prisoner",
           "cairo", "egypt", "qatar", "doha", "mediat", "negotiat", "talks", "israel", "rafah",
           "netanyahu", "sinwar", "witkoff", "sharm", "deal", "palestin"),
    "ar": ("غزة", "حماس", "هدنة", "الهدنة", "وقف إطلاق النار", "وقف اطلاق النار", "الأسرى", "الاسرى",
           "المحتجزين", "الرهائن", "الأسير", "مفاوضات", "المفاوضات", "الوساطة", "الوسطاء", "القاهرة",
           "مصر", "قطر", "الدوحة", "إسرائيل", "اسرائيل", "الاحتلال", "رفح", "نتنياهو", "تبادل",
           "صفقة", "وفد", "الفلسطيني", "فلسطين", "شرم الشيخ"),
    "he": ("עזה", "חמאס", "חטופים", "החטופים", "עסקה", "עסקת", "הפסקת אש", "מו\"מ", "מו״מ", "משא ומתן",
           "משלחת", "קהיר", "מצרים", "קטאר", "אסירים", "רפיח", "סינוואר", "ויטקוף", "שארם"),
}


# A slug shorter than this ("/news/articles/clymn8zyrp9o") says nothing about the topic.
MIN_SLUG_WORDS = 3


def url_words(url: str) -> str:
    """The words of a URL's path: slugs often carry the headline."""
    path = unquote(urlsplit(url).path)
    words = re.split(r"[/\-_.+,]+", path)
    # Ids ("4943459", "clymn8zyrp9o") and extensions are not words.
    return " ".join(w for w in words if w and not any(c.isdigit() for c in w)
                    and w.lower() not in ("html", "htm", "aspx", "php", "amp"))


def keyword_score(text: str, language: str | None) -> float:
    folded = text.casefold()
    languages = [language] if language in FALLBACK_KEYWORDS else list(FALLBACK_KEYWORDS)
    hits = sum(1 for lang in languages for word in FALLBACK_KEYWORDS[lang] if word in folded)
    return min(1.0, hits / 2)


def keyword_should_fetch(text: str, language: str | None = None, min_score: float | None = None) -> bool:
    return keyword_score(text, language) >= (0.05 if min_score is None else min_score)


def _relevance_filter() -> tuple[Callable[..., bool], str]:
    """crawler.relevance.should_fetch (the project's topic model) when present, else keywords."""
    try:
        from crawler.relevance import should_fetch
    except ImportError:
        return keyword_should_fetch, "keywords"
    return should_fetch, "crawler.relevance.should_fetch"


class LinkPrefilter:
    """``keep(link, language)``: fetch this link? ``decide(text, language, min_score)`` judges the text."""

    def __init__(self, enabled: bool = True, min_score: float | None = None,
                 decide: Callable[..., bool] | None = None):
        self.enabled = enabled
        self.min_score = min_score  # None: the scorer's own pre-fetch threshold
        if decide is None:
            decide, self.name = _relevance_filter()
        else:
            self.name = getattr(decide, "__name__", "custom")
        self.decide = decide

    @classmethod
    def from_settings(cls, settings) -> "LinkPrefilter":
        raw = settings.get("DISCOVERY_PREFILTER_MIN_SCORE")
        return cls(enabled=settings.getbool("DISCOVERY_PREFILTER_ENABLED", True),
                   min_score=None if raw in (None, "") else float(raw))

    def keep(self, link: DiscoveredLink, language: str | None = None) -> bool:
        if not self.enabled:
            return True
        slug = url_words(link.url)
        if not link.visible_text().strip() and len(slug.split()) < MIN_SLUG_WORDS:
            return True  # nothing to judge on (an id-only URL): the page itself is scored later
        text = " ".join(part for part in (link.visible_text(), slug) if part)
        return bool(self.decide(text, language, min_score=self.min_score))
