"""The fast paths of dedup (issue 11) give what the straightforward way gives, on real texts:
inline SHA-1 shingle hashing, numpy MinHash, the overlap count, the text folding, the one-statement
LSH candidate lookup that leaves known texts unread, and the shingle cache trimmed between articles."""

from __future__ import annotations

import json
import random
import unicodedata

import numpy as np
import pytest
from datasketch import MinHash
from datasketch.hashfunc import sha1_hash32

from crawler.dedup import ArticleInput, Deduplicator, SQLiteDedupStore, fingerprints, normalize
from crawler.dedup.normalize import normalize_text, normalized_paragraphs
from crawler.dedup.store import VersionRecord
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    """Real article bodies (Arabic and English) with the headline and date the corpus expects."""
    docs = []
    for path in sorted(shared_path("corpus", "raw").glob("*/*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [p for p in expected.get("body_paragraphs") or [] if p.strip()]
        if paragraphs:
            docs.append({"url": expected["url"], "headline": expected.get("headline"),
                         "published": expected.get("published"), "paragraphs": paragraphs})
    assert len(docs) >= 20
    return docs


def straightforward_shingles(paragraphs: list[str], size: int) -> np.ndarray:
    """One datasketch sha1_hash32 call per shingle, as the index was first built."""
    hashes = set()
    for paragraph in paragraphs:
        words = paragraph.split()
        if len(words) <= size:
            hashes.update([sha1_hash32(" ".join(words).encode("utf-8"))] if words else [])
        else:
            hashes.update(sha1_hash32(" ".join(words[i:i + size]).encode("utf-8"))
                          for i in range(len(words) - size + 1))
    return np.array(sorted(hashes), dtype=np.uint32)


def test_shingles_signature_and_overlap_match_datasketch(corpus):
    texts = [normalized_paragraphs(doc["paragraphs"]) for doc in corpus]
    texts += [["a"], ["", "b c", "b c"], [], ["unnormalized  text\twith\u00a0odd spaces and a repeated phrase " * 3]]
    for size in (3, 4, 5):
        for text in texts:
            fast = fingerprints.shingle_hashes(text, size)
            assert fast.dtype == np.uint32
            assert np.array_equal(fast, straightforward_shingles(text, size))
    shingle_sets = [fingerprints.shingle_hashes(text, 4) for text in texts]
    for shingles in shingle_sets:
        reference = MinHash(num_perm=128, seed=1, scheme=fingerprints.SCHEME, hashfunc=lambda value: value)
        reference.update_batch(shingles.tolist())
        signature = fingerprints.signature(shingles, 128, 1)
        assert signature.dtype == reference.hashvalues.dtype
        assert np.array_equal(signature, reference.hashvalues)
    for a in shingle_sets:
        for b in shingle_sets[:8]:
            common = len(np.intersect1d(a, b, assume_unique=True))
            expected = ((common / (len(a) + len(b) - common), common / min(len(a), len(b)))
                        if len(a) and len(b) else (0.0, 0.0))
            assert fingerprints.overlap(a, b) == expected


def test_text_folding_matches_translate(corpus):
    translate = str.maketrans(normalize._FOLD)
    assert not set(normalize._FOLD.values()) & set(normalize._FOLD)  # why one-by-one replace is safe

    def straightforward(text):
        text = normalize._DROP.sub("", unicodedata.normalize("NFKC", text))
        return normalize._NON_WORD.sub(" ", text.translate(translate).casefold()).strip()

    paragraphs = [p for doc in corpus for p in doc["paragraphs"]]
    paragraphs += ["أُعلنت هُدنة في غزة ١٢٣ ۴۵ — «قال» مسؤول؟ إنّ الاتفاق آتٍ", "Snake_case and CAPS, “quoted” (AP) — 42",
                   "ﻻ ﷲ ﬁne ①", "", "   ", "tab\tand\nnewline", "\u200fمرحبا\u200e"]
    assert any(p.isascii() for p in paragraphs) and any(not p.isascii() for p in paragraphs)
    for paragraph in paragraphs:
        assert normalize_text(paragraph) == straightforward(paragraph)


def fill_store(store, docs, dedup):
    for doc in docs:
        dedup.decide(ArticleInput(url=doc["url"], paragraphs=doc["paragraphs"], headline=doc["headline"],
                                  published=doc["published"], seen_at="2026-01-01T00:00:00+00:00"))


def straightforward_candidates(store, band_keys, limit, per_bucket=32) -> list[VersionRecord]:
    """One query per bucket, counted in Python, every text unpacked: the lookup before issue 11."""
    shared: dict[int, int] = {}
    for key in band_keys:
        for (vid,) in store.db.execute("SELECT version FROM lsh_buckets WHERE band_key = ? ORDER BY version DESC "
                                       "LIMIT ?", (key, per_bucket)):
            shared[vid] = shared.get(vid, 0) + 1
    best = sorted(shared, key=lambda vid: (-shared[vid], -vid))[:limit]
    out = []
    for vid in best:
        row = store.db.execute("SELECT version_id, article_id, version, content_hash, cluster_id, url, outlet, "
                               "published, first_seen, headline, written, paragraphs FROM versions WHERE id = ?",
                               (vid,)).fetchone()
        if row:
            out.append(store._version(row))
    return out


def test_candidate_lookup_matches_one_query_per_bucket(tmp_path, corpus):
    rng = random.Random(11)
    docs = list(corpus)
    for i, doc in enumerate(corpus):  # near copies so that buckets are shared
        paragraphs = list(doc["paragraphs"])
        rng.shuffle(paragraphs)
        docs.append({**doc, "url": f"https://copy.example/{i}/story-{1000 + i}", "paragraphs": paragraphs[:-1]})
    store = SQLiteDedupStore(tmp_path / "state")
    dedup = Deduplicator(store)
    fill_store(store, docs, dedup)
    all_keys = [key for (key,) in store.db.execute("SELECT DISTINCT band_key FROM lsh_buckets ORDER BY band_key")]
    assert len(all_keys) > 450
    probes = [dedup.bands.keys(fingerprints.signature(dedup.shingles(normalized_paragraphs(doc["paragraphs"])),
                                                      dedup.config.num_perm)) for doc in docs]
    # More buckets than one SQLite compound SELECT may hold, duplicate keys, unknown keys, tiny buckets.
    probes += [all_keys[:450], all_keys[:5] * 2, [1, 2, 3], []]
    known = {record.content_hash for record in straightforward_candidates(store, all_keys[:60], 50)[::2]}
    assert known
    for keys in probes:
        for limit, per_bucket in ((50, 32), (3, 1)):
            expected = straightforward_candidates(store, keys, limit, per_bucket)
            assert store.candidates(keys, limit, per_bucket=per_bucket) == expected
            partial = store.candidates(keys, limit, known_texts=known, per_bucket=per_bucket)
            assert [r.paragraphs is None for r in partial] == [r.content_hash in known for r in expected]
            for record, reference in zip(partial, expected):
                record.paragraphs = reference.paragraphs if record.paragraphs is None else record.paragraphs
            assert partial == expected
    store.close()


def test_small_shingle_cache_keeps_texts_it_skipped_until_the_article_is_decided(tmp_path, corpus):
    """A candidate read without its text (its shingles were cached) must not be evicted before it is
    compared, even when one article brings more candidates than the cache holds."""
    rng = random.Random(3)
    articles = []
    for i, doc in enumerate(corpus):  # copies of one story in a row: the cache holds the previous ones
        for round_ in range(5):
            paragraphs = list(doc["paragraphs"])
            rng.shuffle(paragraphs)
            articles.append(ArticleInput(url=f"https://o{round_}.example/news/{round_}-{i}",
                                         paragraphs=paragraphs[:max(1, len(paragraphs) - round_)],
                                         headline=doc["headline"], published=doc["published"]))

    def run(cache_size, path):
        dedup = Deduplicator(SQLiteDedupStore(path))
        dedup.SHINGLE_CACHE_SIZE = cache_size
        lookup, unread = dedup.store.candidates, []

        def candidates(*args, **kwargs):
            found = lookup(*args, **kwargs)
            unread.extend(record for record in found if record.paragraphs is None)
            return found

        dedup.store.candidates = candidates
        out = [dedup.decide(article).fields() for article in articles]
        assert len(dedup._shingle_cache) <= cache_size
        return out, dedup.candidates_checked, len(unread)

    reference, checked, unread = run(0, tmp_path / "none")
    assert checked > len(articles) and unread == 0  # articles meet several candidates, all read
    for size in (2, 5, 1, 4096):
        decisions, size_checked, unread = run(size, tmp_path / f"size{size}")
        assert (decisions, size_checked) == (reference, checked)
        assert unread > 0  # the cache spared reading texts: the case this test is about
