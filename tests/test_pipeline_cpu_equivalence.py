"""The pipeline's CPU savings (issue 20, CPU part) change no output.

Each faster path is compared with the computation it replaced, on the 57 real corpus
pages and their extracted items: the outlet lookup cached per host, a response
extracted inline without the worker's rebuilt copy, relevance with a single lexicon,
Parquet string lists and the plain-dict copy of items. The cycle collector's freeze
is checked to happen once, after the first item, and to be switchable off.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest
from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.datasets.rows import _strings
from crawler.extraction import extract_from_response
from crawler.extraction.fetched_page import FetchedPage, extract_fetched_page
from crawler.garbage_collection import FreezeWarmObjects
from crawler.items import ArticleItem, item_as_dict
from crawler.outlets import _outlet_for_host, all_outlets, outlet_for_url
from crawler.relevance import normalize, scorer
from crawler.relevance.lexicon import load_lexicon
from tests.conftest import shared_path

FETCHED_AT = datetime(2024, 8, 8, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def corpus_responses():
    index = json.loads(shared_path("corpus", "index.json").read_text(encoding="utf-8"))
    responses = []
    for entry in index:
        body = shared_path("corpus", entry["file"]).read_bytes()
        request = Request(entry["original_url"], meta={"fetched_at": FETCHED_AT})
        responses.append(HtmlResponse(entry["original_url"], body=body, request=request,
                                      headers={"Content-Type": "text/html; charset=utf-8"}))
    return responses


@pytest.fixture(scope="module")
def corpus_items(corpus_responses):
    return [extract_from_response(r, outlet_for_url(r.url)) for r in corpus_responses]


def test_outlet_lookup_cached_per_host_answers_as_before(corpus_responses):
    urls = [r.url for r in corpus_responses] + [u for o in all_outlets().values() for u in o.sample_urls]
    urls += ["https://sub.arabic.cnn.com/x", "http://example.org/a", "not a url", "https://EXAMPLE.org./b"]
    for url in urls * 2:  # the second pass answers from the cache
        host = (urlsplit(url).hostname or "").lower()
        expected = _outlet_for_host.__wrapped__(host) if host else None  # the uncached computation
        assert outlet_for_url(url) is expected, url


def test_inline_extraction_of_the_response_equals_the_rebuilt_copy(corpus_responses, corpus_items):
    for response, item in zip(corpus_responses, corpus_items):
        _ = response.text  # Scrapy's middlewares decode it before the callback; the copy decodes again
        rebuilt = extract_fetched_page(FetchedPage.of(response), outlet_for_url(response.url))
        assert dict(item) == dict(rebuilt), response.url


def _merged_find(lexicons, normalized):
    """The multi-lexicon reading: every lexicon's mentions added into fresh counters."""
    points, terms = Counter(), Counter()
    for lexicon in lexicons:
        found = lexicon.find(normalized)
        points.update(found.points)
        terms.update(found.terms)
    return points, terms


def test_relevance_with_one_lexicon_finds_what_the_merge_found(corpus_items):
    checked = 0
    for item in corpus_items:
        lexicon = load_lexicon(item.get("language") or "en")
        if lexicon is None:
            continue
        for sentence in scorer.passages(item.get("paragraphs") or [], 60) + [item.get("headline") or ""]:
            text = normalize(sentence)
            found = scorer.find([lexicon], text)
            points, terms = _merged_find([lexicon], text)
            assert (list(found.points.items()), list(found.terms.items())) == \
                (list(points.items()), list(terms.items()))
            checked += 1
    assert checked > 1000


def test_relevance_normalize_removes_both_kinds_of_marks_in_one_pass(corpus_items):
    import importlib
    import re
    import unicodedata

    module = importlib.import_module("crawler.relevance.normalize")  # the package's name is the function

    arabic = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
    hebrew = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")

    def two_passes(text):  # the function before the marks were merged into one pattern
        text = unicodedata.normalize("NFKC", text or "")
        text = module._POSSESSIVE.sub("", module._INVISIBLE.sub("", text))
        text = hebrew.sub("", arabic.sub("", text)).translate(module._ARABIC_LETTERS).casefold()
        return module._SEPARATORS.sub(" ", text).strip()

    texts = [p for item in corpus_items for p in item.get("paragraphs") or []]
    texts += ["مُفَاوَضَات وفـــد", "שָׁלוֹם צה״ל", "Hamas\u064b's reply", "a\u05b0's b", ""]
    assert all(normalize(t) == two_passes(t) for t in texts)


def test_parquet_string_lists_equal_str_of_each_value():
    class Name(str):
        pass

    values = ["a", Name("b"), 3, None, 2.5, "", "نص"]
    out = _strings(values)
    assert out == [str(v) for v in values if v is not None]
    assert all(type(v) is str for v in out)
    assert _strings("one") == ["one"] and _strings(None) is None


def test_item_as_dict_equals_itemadapter_on_corpus_items(corpus_items):
    for item in corpus_items:
        article = ArticleItem(**item, claims=[{"speaker": "x", "via": ["Reuters", None], "n": 1,
                                               "nested": {"k": [1.5, {"deep": (1, 2)}]}}])
        assert item_as_dict(article) == ItemAdapter(article).asdict()


def test_warm_objects_frozen_once_after_the_first_item():
    crawler = get_crawler(settings_dict={})
    crawler.stats.open_spider()
    extension = FreezeWarmObjects.from_crawler(crawler)
    try:
        extension.item_scraped({}, None, None)
        frozen = gc.get_freeze_count()
        assert frozen > 0 and crawler.stats.get_value("gc/frozen_objects") == frozen
        extension.item_scraped({}, None, None)  # later items change nothing
        assert crawler.stats.get_value("gc/frozen_objects") == frozen
    finally:
        gc.unfreeze()
    with pytest.raises(NotConfigured):
        FreezeWarmObjects.from_crawler(get_crawler(settings_dict={"GC_FREEZE_WARM_OBJECTS": False}))
