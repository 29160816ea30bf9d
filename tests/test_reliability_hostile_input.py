"""Hostile and broken input for the extractor, claims and dedup: properties (hypothesis) and nasty pages.

The promise: no crash (only ExtractionError, the extractor's documented "not an
article page" reason), text out is clean text, and dedup decisions stay consistent
whatever the bytes. The nasty pages are generated here, nothing large is committed.
"""

from __future__ import annotations

import json
import os
import string
import tempfile

import pytest

# Hypothesis caches Unicode tables under ./.hypothesis by default: keep the checkout clean.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "cairo-talks-hypothesis"))

from hypothesis import HealthCheck, example, given, settings, strategies as st  # noqa: E402

from crawler.claims.extractor import claims_for_text, extract_claims
from crawler.dedup import ArticleInput, DedupConfig, Deduplicator, SQLiteDedupStore
from crawler.dedup.deduplicator import NEW, NO_TEXT, REFETCH
from crawler.extraction import extract_article
from crawler.extraction.article import ExtractionError

PROPS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])

# Characters that break naive text handling: bidi controls, zero-width, BOM, NUL, surrogate-free oddities.
NASTY_CHARS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\x00\u00a0\u0640"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ةىءآأإؤئ٠١٢٣٤٥٦٧٨٩"
LETTERS = string.ascii_letters + ARABIC + " .,:\"'«»"
words = st.text(alphabet=st.sampled_from(LETTERS + NASTY_CHARS), max_size=80)
# Page text has no NUL: a NUL in the first 4 KB makes the page binary (refused before
# any property could be checked), generated apart in test_binary_bodies_are_refused_with_their_reason.
page_words = st.text(alphabet=st.sampled_from(LETTERS + NASTY_CHARS.replace("\x00", "")), max_size=80)
TAGS = ["div", "p", "article", "section", "span", "b", "i", "table", "tr", "td", "ul", "li", "h1", "h2",
        "script", "style", "time", "a", "br", "meta", "title", "head", "body", "html", "iframe", "noscript"]


@st.composite
def html_trees(draw, depth=0):
    """Random, often malformed HTML: unclosed and mis-nested tags, stray attributes, nasty text."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 5))
        if kind == 0 or depth > 5:
            parts.append(draw(page_words))
        elif kind == 1:
            parts.append(f"<{draw(st.sampled_from(TAGS))} class='{draw(page_words)[:10]}'>")  # never closed
        elif kind == 2:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")  # closes nothing
        elif kind == 3:
            parts.append('<script type="application/ld+json">' + draw(jsonld()) + "</script>")
        else:
            tag = draw(st.sampled_from(TAGS))
            parts.append(f"<{tag}>{draw(html_trees(depth + 1))}</{tag}>")
    return "".join(parts)


@st.composite
def jsonld(draw):
    """JSON-LD that is valid, broken, or lies (wrong types, absurd dates, nested lists)."""
    value = st.one_of(page_words, st.integers(-10**12, 10**12), st.none(), st.lists(page_words, max_size=3),
                      st.sampled_from(["0000-00-00", "9999-12-31T99:99:99Z", "-2024-01-01", "2024-02-30",
                                       "1 BC", "tomorrow", "NaN", "1e309"]))
    doc = {"@type": draw(st.sampled_from(["NewsArticle", ["Article", "NewsArticle"], "Person", 7, None])),
           "headline": draw(value), "datePublished": draw(value), "author": draw(value),
           "articleBody": draw(value)}
    text = json.dumps(doc, ensure_ascii=False)
    cut = draw(st.integers(0, len(text)))
    return draw(st.sampled_from([text, text[:cut], text.replace('"', "'"), "[" * 200, text + ",}"]))


def check_item(item, url):
    assert item["url"] == url
    for key in ("headline", "body", "description"):
        value = item.get(key)
        assert value is None or isinstance(value, str)
        if value:
            assert "\x00" not in value and "\u200b" not in value and "\u202e" not in value
    assert item["body"] == "\n".join(item["paragraphs"])
    assert item["word_count"] == len(item["body"].split())
    if item.get("published"):
        year = int(item["published"][:4])
        assert 1990 <= year <= 2100


@PROPS
@given(html_trees(), st.sampled_from(["utf-8", "windows-1256", "iso-8859-6", "utf-8-sig", "latin-1"]),
       st.sampled_from(["", "<meta charset='utf-8'>", "<meta charset='windows-1256'>",
                        "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-6'>",
                        "<meta charset='no-such-charset'>"]))
# Found by hypothesis: a JSON-LD headline of "\u0000" came out as a NUL headline.
@example('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "\\u0000"}</script>', "utf-8", "")
def test_extractor_never_crashes_on_random_html_in_any_encoding(tree, encoding, declared):
    html = f"<html><head>{declared}</head><body>{tree}</body></html>"
    body = html.encode(encoding, errors="replace")
    url = "https://example.org/news/2024/05/07/story"
    # A text page always comes out as an item (maybe with no body): every property is checked on it.
    check_item(extract_article(body, url), url)


@PROPS
@given(html_trees(), st.integers(0, 4095), st.sampled_from(["utf-8", "utf-16-le", "windows-1256"]))
def test_binary_bodies_are_refused_with_their_reason(tree, where, encoding):
    html = f"<html><body>{tree}</body></html>".encode(encoding, errors="replace")
    where = min(where, len(html))
    body = html[:where] + b"\x00" + html[where:]
    with pytest.raises(ExtractionError) as refused:
        extract_article(body, "https://example.org/a")
    assert refused.value.reason == "binary_body"


@PROPS
@given(st.binary(max_size=4096))
def test_extractor_on_arbitrary_bytes(data):
    url = "https://example.org/a"
    try:
        item = extract_article(data, url)
    except ExtractionError:
        return
    check_item(item, url)


@PROPS
@given(st.lists(words, max_size=8), st.sampled_from([None, "ar", "en", "fr", "AR-eg", ""]),
       st.sampled_from([None, "2024-05-07T09:30:00+03:00", "not a date", "0001-01-01", 12345]))
def test_claims_never_crash_and_offsets_stay_inside_the_text(paragraphs, language, published):
    claims = extract_claims(paragraphs, language=language, published=published)
    assert isinstance(claims, list)
    text = "\n".join(paragraphs)
    for claim in claims:
        assert 0 <= claim["char_start"] <= claim["char_end"] <= len(text)
    claims_for_text(text, language=language)


@pytest.fixture
def dedup(tmp_path):
    store = SQLiteDedupStore(tmp_path / "state")
    yield Deduplicator(store, DedupConfig())
    store.close()


@PROPS
@given(st.lists(st.tuples(st.sampled_from(["https://a.example/news/1", "https://b.example/x?id=2&utm_source=z",
                                           "https://a.example/news/1/", "http://A.EXAMPLE/news/1#frag",
                                           "https://c.example/%D8%AE%D8%A8%D8%B1", "https://c.example/\u202e"]),
                          st.lists(words, max_size=6)), min_size=1, max_size=6))
def test_dedup_is_consistent_on_hostile_text(dedup, articles):
    for url, paragraphs in articles:
        first = dedup.decide(ArticleInput(url=url, paragraphs=paragraphs, headline=paragraphs[0] if paragraphs else None))
        again = dedup.decide(ArticleInput(url=url, paragraphs=paragraphs, headline=paragraphs[0] if paragraphs else None))
        if first.decision == NO_TEXT:
            assert again.decision == NO_TEXT
        else:
            # The same URL with the same text is always recognised the second time.
            assert again.decision == REFETCH, (first, again)
            assert again.version_id == first.version_id


def test_dedup_ignores_invisible_characters(dedup):
    text = ["The delegation arrived in Cairo on Tuesday for a new round of ceasefire talks with mediators."] * 1
    plain = dedup.decide(ArticleInput(url="https://a.example/n/1", paragraphs=text))
    marked = dedup.decide(ArticleInput(url="https://a.example/n/1",
                                       paragraphs=["\u200f" + p.replace(" ", " \u200b") + "\ufeff" for p in text]))
    assert plain.decision == NEW and marked.decision == REFETCH
