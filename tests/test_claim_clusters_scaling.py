"""Claim clustering with the prefix-filtered index (crawler/claims/clusters.py) decides exactly
as comparing every claim with every earlier one would, and no longer meets every earlier
claim that shares a common word (the cost that grew with the archive)."""

from __future__ import annotations

import random

import pytest

from crawler.claims.clusters import ClaimClusters, content_words

VOCABULARY = [f"word{i}" for i in range(60)] + ["the", "said", "talks", "الوسطاء", "المفاوضات", "قال"]


def random_claims(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(VOCABULARY))]  # Zipf-like: a few words everywhere
    claims = []
    for i in range(count):
        words = rng.choices(VOCABULARY, weights=weights, k=rng.randint(1, 14))
        actor = rng.choice([None, "hamas", "israel_gov", "egypt_gov", "unidentified"])
        claims.append({"claim_id": f"c{i}", "content": " ".join(words), "actor": actor})
    return claims


def brute_force(claims: list[dict], threshold: float) -> list[str]:
    """The definition: the best-scoring earlier claim (earliest on a tie) of a compatible actor."""
    seen: list[tuple[frozenset, str | None, str]] = []
    out = []
    for claim in claims:
        words, actor = content_words(claim), claim.get("actor")
        best, best_score = None, 0.0
        for other, other_actor, cluster in seen:
            if actor and other_actor and actor != other_actor and "unidentified" not in (actor, other_actor):
                continue
            if not words or not other:
                continue
            score = len(words & other) / len(words | other)
            if score > best_score:
                best, best_score = cluster, score
        cluster_id = best if best is not None and best_score >= threshold else claim["claim_id"]
        seen.append((words, actor, cluster_id))
        out.append(cluster_id)
    return out


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 1.0])
def test_same_clusters_as_comparing_every_pair(threshold):
    claims = random_claims(800, seed=int(threshold * 10))
    clusters = ClaimClusters(threshold)
    assert [clusters.assign(dict(c)) for c in claims] == brute_force(claims, threshold)
    assert len(set(brute_force(claims, threshold))) < len(claims)  # the data does form clusters


def test_clusters_survive_a_reload_with_the_same_decisions(tmp_path):
    claims = random_claims(600, seed=3)
    store = tmp_path / "clusters.jsonl"
    first = ClaimClusters(0.5, store)
    ids = [first.assign(dict(c)) for c in claims[:300]]
    first.close()
    second = ClaimClusters(0.5, store)  # the second run joins clusters the first one started
    ids += [second.assign(dict(c)) for c in claims[300:]]
    second.close()
    assert ids == brute_force(claims, 0.5)


def test_a_common_word_does_not_make_every_claim_a_candidate():
    clusters = ClaimClusters(0.5)
    for i in range(2000):  # each claim: "said" plus its own rare words
        clusters.assign({"claim_id": f"c{i}", "content": f"said alpha{i} beta{i} gamma{i} delta{i}", "actor": None})
    # "said" sorts after the rare words, so it is outside every prefix: not indexed at all.
    assert "said" not in clusters._index
    assert max(len(postings) for postings in clusters._index.values()) == 1


def test_memory_is_bounded_by_the_window_and_old_claims_are_forgotten(tmp_path):
    window = 100
    clusters = ClaimClusters(0.5, tmp_path / "clusters.jsonl", window=window)
    first = {"claim_id": "first", "actor": "egypt", "content": "Egyptian mediators received the Hamas response on Tuesday"}
    assert clusters.assign(dict(first)) == "first"
    copy = dict(first, claim_id="copy-soon")
    assert clusters.assign(copy) == "first"  # within the window: joins
    for claim in random_claims(1000, seed=11):
        clusters.assign(claim)
        assert len(clusters._claims) <= window + window // 2
    assert all(i < len(clusters._claims) for postings in clusters._index.values() for i in postings)
    late = dict(first, claim_id="copy-late")
    assert clusters.assign(late) == "copy-late"  # its twin fell out of the window: a new cluster
    clusters.close()
    reloaded = ClaimClusters(0.5, tmp_path / "clusters.jsonl", window=window)
    assert len(reloaded._claims) <= window + window // 2
    assert reloaded.assign(dict(first, claim_id="after-reload")) == "copy-late"  # the newest ones are kept
