"""The dedup shingle cache (crawler/dedup/deduplicator.py) changes no decision, is used for
LSH candidates, and stays within its bound over a long crawl."""

from __future__ import annotations

import random

from crawler.dedup import fingerprints
from crawler.dedup.deduplicator import ArticleInput, Deduplicator
from crawler.dedup.store import SQLiteDedupStore

WORDS = ("talks ceasefire Cairo delegation hostage exchange proposal mediators truce officials Gaza Rafah "
         "Doha draft phase prisoners aid crossing withdrawal guarantees envoy statement sources").split()


def articles(count: int, seed: int = 5) -> list[ArticleInput]:
    rng = random.Random(seed)
    stories = [[" ".join(rng.choice(WORDS) for _ in range(30)) for _ in range(6)] for _ in range(count // 3)]
    out = []
    for i in range(count):
        paragraphs = list(rng.choice(stories))
        if rng.random() < 0.5:  # a rewritten copy: one paragraph replaced
            paragraphs[rng.randrange(len(paragraphs))] = " ".join(rng.choice(WORDS) for _ in range(30))
        out.append(ArticleInput(url=f"https://outlet{i % 4}.example/news/{i}", paragraphs=paragraphs,
                                headline=f"Story {i}", published=f"2024-05-{1 + i % 28:02d}T10:00:00+00:00"))
    return out


def decisions(dedup: Deduplicator, items: list[ArticleInput]) -> list[tuple]:
    out = []
    for item in items:
        d = dedup.decide(item)
        out.append((d.decision, d.duplicate_of, d.near_duplicate_cluster, d.similarity, d.containment))
    return out


def test_cache_changes_no_decision_and_is_bounded(tmp_path, monkeypatch):
    items = articles(150)
    uncached = Deduplicator(SQLiteDedupStore(tmp_path / "a"))
    uncached.SHINGLE_CACHE_SIZE = 0  # every candidate re-shingled from its stored text, as before the cache
    cached = Deduplicator(SQLiteDedupStore(tmp_path / "b"))
    cached.SHINGLE_CACHE_SIZE = 40
    calls = []
    real = fingerprints.shingle_hashes
    monkeypatch.setattr(fingerprints, "shingle_hashes", lambda *a: calls.append(1) or real(*a))
    expected = decisions(uncached, items)
    uncached_calls, calls[:] = len(calls), []
    assert decisions(cached, items) == expected
    assert {d[0] for d in expected} >= {"new", "near_duplicate", "exact_duplicate"}  # the data exercises matching
    assert len(calls) < uncached_calls  # candidates met again come from the cache
    assert len(cached._shingle_cache) == 40  # bounded: the oldest texts were let go
    assert len(uncached._shingle_cache) == 0
