"""The Redis dedup store (crawler/dedup/redis_store.py) against a real redis-server:
same decisions as the SQLite store, one decision at a time across processes, no half entries."""

from __future__ import annotations

import json
import multiprocessing
import os
import uuid

import pytest
import redis

from crawler.dedup import ArticleInput, DedupConfig, Deduplicator, SQLiteDedupStore
from crawler.dedup.deduplicator import EXACT_DUPLICATE, NEW, REFETCH
from crawler.dedup.redis_store import RedisDedupStore
from tests.conftest import shared_path
from tests.support.redis_server import RedisServer


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture
def prefix():
    return f"test:{uuid.uuid4().hex[:8]}"


def redis_store(server, prefix) -> RedisDedupStore:
    return RedisDedupStore(redis.Redis.from_url(server.url), prefix=prefix, lock_timeout=10)


def gold_inputs() -> list[ArticleInput]:
    """Real articles, then what a crawl meets again: re-fetches, copies elsewhere, updates, reorders."""
    docs = []
    for txt in sorted(shared_path("gold", "dev").glob("*.txt")):
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        lines = [line for line in txt.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs.append((lines[0], lines[1:], meta))
    assert docs, "gold dev articles expected"
    inputs = []
    for headline, paragraphs, meta in docs:
        inputs.append(ArticleInput(url=meta["url"], paragraphs=paragraphs, headline=headline,
                                   published=meta.get("published"), outlet=meta.get("outlet")))
    for i, (headline, paragraphs, meta) in enumerate(docs):
        inputs.append(ArticleInput(url=meta["url"] + "?utm_source=x", paragraphs=paragraphs, headline=headline))
        inputs.append(ArticleInput(url=f"https://mirror.example/story/{i}", paragraphs=paragraphs[::-1],
                                   published="2020-01-01"))
        inputs.append(ArticleInput(url=meta["url"], paragraphs=paragraphs + ["A paragraph added in an update."],
                                   headline=headline))
        inputs.append(ArticleInput(url=f"https://copy.example/{i}", paragraphs=list(paragraphs)))
    return inputs


def test_redis_store_gives_the_same_decisions_as_sqlite(redis_server, prefix, tmp_path):
    sqlite = Deduplicator(SQLiteDedupStore(tmp_path / "state"))
    shared = Deduplicator(redis_store(redis_server, prefix))
    inputs = gold_inputs()
    for article in inputs:
        expected, got = sqlite.decide(article).fields(), shared.decide(article).fields()
        assert got == expected, article.url
    counts = shared.store.counts()
    assert counts == sqlite.store.counts()
    assert counts["versions"] > len(inputs) / 3 and counts["lsh_buckets"] > 0
    sqlite.store.close()
    shared.store.close()


def test_state_survives_a_new_connection_and_written_marks_are_kept(redis_server, prefix):
    first = Deduplicator(redis_store(redis_server, prefix))
    article = gold_inputs()[0]
    original = first.decide(article)
    first.store.mark_written(original.version_id)
    first.store.mark_written("no-such-version")  # ignored, creates nothing
    first.store.close()
    second = Deduplicator(redis_store(redis_server, prefix))
    again = second.decide(article)
    assert again.decision == REFETCH and again.version_id == original.version_id and again.matched_written
    assert not redis_server.client.exists(f"{prefix}:version:no-such-version")


def decide_copies(url: str, prefix: str, name: str, texts: list[list[str]], start, results) -> None:
    """One crawler process: its own connection, copies of the texts under its own URLs."""
    dedup = Deduplicator(RedisDedupStore(redis.Redis.from_url(url), prefix=prefix, lock_timeout=10))
    start.wait(timeout=30)
    decisions = [dedup.decide(ArticleInput(url=f"https://{name}.example/{i}", paragraphs=paragraphs)).decision
                 for i, paragraphs in enumerate(texts)]
    dedup.store.close()
    results.put((name, os.getpid(), decisions))


def test_concurrent_processes_never_both_take_a_text_for_new(redis_server, prefix):
    texts = [a.paragraphs for a in gold_inputs()[:6]]
    spawn = multiprocessing.get_context("spawn")  # fresh interpreters, as two crawler processes
    start, results = spawn.Barrier(2), spawn.Queue()
    processes = [spawn.Process(target=decide_copies, args=(redis_server.url, prefix, name, texts, start, results))
                 for name in ("a", "b")]
    for process in processes:
        process.start()
    outcome = {}
    for _ in processes:
        name, pid, decisions = results.get(timeout=120)
        outcome[name] = decisions
        assert pid != os.getpid()
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    # Whoever came first stored the text (new, or near duplicate of an earlier gold story);
    # the other one found it: exactly one exact duplicate per text, never two first copies.
    for i in range(len(texts)):
        pair = [outcome["a"][i], outcome["b"][i]]
        assert pair.count(EXACT_DUPLICATE) == 1, (i, pair)
    assert NEW in outcome["a"] + outcome["b"]


def test_a_failed_decision_leaves_no_partial_state(redis_server, prefix, monkeypatch):
    dedup = Deduplicator(redis_store(redis_server, prefix))
    article = gold_inputs()[0]
    before = dedup.store.counts()

    def broken(*args, **kwargs):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(dedup.store, "put_cluster", broken)  # after the article and version writes
    with pytest.raises(RuntimeError):
        dedup.decide(article)
    assert dedup.store.counts() == before
    assert not redis_server.client.keys(f"{prefix}:article:*")
    assert not redis_server.client.exists(f"{prefix}:lock"), "the lock is released"
    monkeypatch.undo()
    assert dedup.decide(article).decision == NEW


def test_store_refuses_other_hashing_parameters(redis_server, prefix):
    Deduplicator(redis_store(redis_server, prefix), DedupConfig(shingle_size=4)).store.close()
    with pytest.raises(ValueError, match="other hashing parameters"):
        Deduplicator(redis_store(redis_server, prefix), DedupConfig(shingle_size=5))


def test_from_settings_needs_a_url_and_a_reachable_server(redis_server):
    from scrapy.settings import Settings

    with pytest.raises(ValueError, match="DEDUP_REDIS_URL"):
        RedisDedupStore.from_settings(Settings({"DISTRIBUTED": "", "DEDUP_REDIS_URL": ""}))
    store = RedisDedupStore.from_settings(Settings({"DISTRIBUTED": redis_server.url, "DEDUP_REDIS_PREFIX": "p"}))
    assert store.prefix == "p" and "127.0.0.1" in str(store)
    store.close()
