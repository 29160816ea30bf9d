"""The pipeline's CPU savings (issue 20, CPU part) change no output.

Each faster path is compared with the computation it replaced, on the 57 real corpus
pages and their extracted items: the outlet lookup cached per host, a response
extracted inline without the worker's rebuilt copy, relevance with a single lexicon,
Parquet string lists and the plain-dict copy of items. The cycle collector's freeze
is checked to happen once, after the first item, and to be switchable off.

Fourth round: the claim-cluster store written once per article (its rows equal the
one-line-per-claim JSON it wrote before, and what a crash can lose), the cross-language
index skipping same-language entries, the dedup versions of one flush marked
written in one transaction (all or none), and relevance normalizing sentences word by word.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from types import SimpleNamespace
from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest
from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.claims import claims_for_text, crosslingual
from crawler.claims.clusters import ClaimClusters, content_words
from crawler.datasets.rows import _strings
from crawler.dedup import ArticleInput, DedupConfig, Deduplicator, SQLiteDedupStore
from crawler.extraction import extract_from_response
from crawler.extraction.fetched_page import FetchedPage, extract_fetched_page
from crawler.garbage_collection import FreezeWarmObjects
from crawler.items import ArticleItem, item_as_dict
from crawler.outlets import _outlet_for_host, all_outlets, outlet_for_url
from crawler.relevance import normalize, scorer
from crawler.relevance.lexicon import load_lexicon
from tests.conftest import shared_path
from tests.test_crosslingual_speed_equivalence import _EveryCopyIndex

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


def _corpus_claims(corpus_items):
    """(claims, language, published, outlet) of each corpus article, headline first, as the pipeline sees them."""
    articles = []
    for item in corpus_items:
        text = "\n".join([item.get("headline") or ""] + list(item.get("paragraphs") or []))
        claims = claims_for_text(text, item.get("language"), item.get("published"), item.get("url"))
        if claims:
            articles.append((claims, item.get("language"), item.get("published"), item.get("outlet")))
    return articles


def _row_as_before(claim, language, published, outlet) -> str:
    """The store line assign wrote and flushed for each claim before (json.dumps per claim)."""
    row = {"cluster_id": claim["cluster_id"], "claim_id": claim.get("claim_id"), "actor": claim.get("actor"),
           "words": sorted(content_words(claim))}
    if language:
        row["crosslingual"] = crosslingual.signature(claim, language, published, outlet).to_json()
    return json.dumps(row, ensure_ascii=False) + "\n"


def test_cluster_store_written_per_article_holds_the_lines_written_per_claim(corpus_items, tmp_path):
    articles = _corpus_claims(corpus_items)
    store = tmp_path / "clusters.jsonl"
    clusters = ClaimClusters(0.5, store)
    expected = []
    for claims, language, published, outlet in articles:
        clusters.assign_all(claims, language, published, outlet)
        expected += [_row_as_before(c, language, published, outlet) for c in claims]
        # Flushed at the end of each article: another reader sees every row of it already.
        assert store.read_text(encoding="utf-8") == "".join(expected)
    clusters.close()
    assert sum(len(a[0]) for a in articles) > 300 and any(not line.isascii() for line in expected)
    # The same claims one call each (assign) get the same clusters and the same file.
    one_by_one = ClaimClusters(0.5, tmp_path / "one_by_one.jsonl")
    for claims, language, published, outlet in articles:
        for claim in [dict(c) for c in claims]:
            assert one_by_one.assign(claim, language, published, outlet) == claim["cluster_id"]
    one_by_one.close()
    assert (tmp_path / "one_by_one.jsonl").read_bytes() == store.read_bytes()


def test_cluster_store_after_a_crash_mid_article_keeps_every_earlier_article(corpus_items, tmp_path):
    """A crash loses at most the article being assigned: its rows go out in one write at its end,
    and a write torn by the crash is a damaged last line, skipped when the store is read again."""
    articles = _corpus_claims(corpus_items)[:6]
    store = tmp_path / "clusters.jsonl"
    clusters = ClaimClusters(0.5, store)
    for claims, language, published, outlet in articles[:5]:
        clusters.assign_all(claims, language, published, outlet)
    kept = store.read_bytes()
    last = articles[5][0]
    torn = "".join(_row_as_before(dict(c, cluster_id=c["claim_id"]), *articles[5][1:]) for c in last)
    store.write_bytes(kept + torn.encode("utf-8")[:len(torn.encode("utf-8")) // 2])  # the crash's half write
    reloaded = ClaimClusters(0.5, store)
    replay = ClaimClusters(0.5)
    for claims, language, published, outlet in articles[:5]:
        replay.assign_all([dict(c) for c in claims], language, published, outlet)
    # The reloaded index answers as the one that assigned the five whole articles.
    probe = [dict(c) for c in last]
    reloaded.assign_all(probe, *articles[5][1:])
    replay_probe = [dict(c) for c in last]
    replay.assign_all(replay_probe, *articles[5][1:])
    assert [c["cluster_id"] for c in probe] == [c["cluster_id"] for c in replay_probe]
    reloaded.close()


def test_cross_language_find_skipping_same_language_entries_answers_as_before(corpus_items):
    def find_as_before(index, sig):  # evidence() asked of every entry of the actor, as before
        return _EveryCopyIndex.find(SimpleNamespace(by_actor=index._by_actor), sig)

    index = crosslingual.CrossLanguageIndex(50_000)
    found = asked = 0
    for n, (claims, language, published, outlet) in enumerate(_corpus_claims(corpus_items) * 2):
        for claim in claims:
            # Every claim also as if in the two other languages: cross-language pairs with shared numbers.
            for lang in ("ar", "en", "he"):
                sig = crosslingual.signature(claim, lang, published, outlet)
                answer = index.find(sig)
                assert answer == find_as_before(index, sig)
                found += answer is not None
                asked += 1
                index.add(sig, f"{n}-{claim['claim_id']}-{lang}")
    assert asked > 1000 and found > 20  # the comparison saw matches, not only misses


def test_dedup_versions_of_one_flush_are_marked_written_together_or_not_at_all(tmp_path):
    store = SQLiteDedupStore(tmp_path)
    dedup = Deduplicator(store, DedupConfig())
    versions = [dedup.decide(ArticleInput(url=f"https://news.example/a/{n}",
                                          paragraphs=[f"Article {n} on the talks in Cairo, said officials {n * 7}."] * 3))
                .version_id for n in range(4)]

    def written():
        return {v: bool(store.db.execute("SELECT written FROM versions WHERE version_id = ?", (v,)).fetchone()[0])
                for v in versions}

    # A value SQLite cannot bind fails the batch part-way: the versions before it are not kept marked.
    with pytest.raises(Exception):
        store.mark_all_written([versions[0], versions[1], {"not": "an id"}])
    assert not any(written().values())
    store.mark_all_written(versions[:3])
    assert written() == {v: v in versions[:3] for v in versions}
    store.mark_all_written([])  # nothing to mark: no transaction
    store.close()


def test_relevance_normalize_word_by_word_equals_normalize(corpus_items):
    import random

    from crawler.relevance.normalize import normalize_words

    texts = [p for item in corpus_items for p in (item.get("paragraphs") or []) + [item.get("headline") or ""]]
    texts += [s for item in corpus_items for s in scorer.passages(item.get("paragraphs") or [], 60)]
    texts += ["Hamas's reply, Israel’s answer 's and 'S", "Hamas\u064b's x\u200b's", "cease-fire — talks", "",
              "\u2474 \ufdfa \u00a8x \u3000y \u2028z \u00a0w \u00bd", "צה״ל שָׁלוֹם אל־חיה", "أسرى ٱلهدنة ۱۲ ٣",
              "ﻻ ﷲ ﬁ Ⅻ ㍿", "x \u0301y \u200dz", "a_b __ _", "\x1c\x1dword\x1e"]
    alphabet = "aZ9_ '’s-.,\u00a0\u3000\u2028\u200b\u00ad\u0301\u064b\u0640أإآىةؤئ٣۴\u05b0\u05f4\u05be\ufdfa\u2474ﬁ\x1c"
    rng = random.Random(20)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        assert normalize_words(text) == normalize(text), repr(text)
    assert sum(len(t) for t in texts) > 100_000
