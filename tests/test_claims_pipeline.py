"""The relevance gate of the claims pipeline (slot 400) and its failure accounting."""

from __future__ import annotations

import asyncio
from collections import Counter

from crawler.items import ArticleItem
from pipelines.claims import ClaimsPipeline


class Stats:
    def __init__(self):
        self.values = Counter()

    def inc_value(self, key, count=1):
        self.values[key] += count


def processed(pipeline, item):
    return asyncio.run(pipeline.process_item(item))


def _item(**extra):
    return ArticleItem(url="https://example.org/a", canonical_url="https://example.org/a", language="en",
                       headline="Hamas says it is studying the offer", published="2025-03-12",
                       paragraphs=["An Egyptian official said the talks would resume on Sunday."], **extra)


def test_off_topic_articles_get_no_claims_unless_extended():
    stats = Stats()
    gated = ClaimsPipeline(stats, all_articles=False, threshold=0.5)
    assert processed(gated, _item(on_topic=False))["claims"] == []
    assert stats.values["claims/articles/skipped_off_topic"] == 1
    item = processed(gated, _item(on_topic=True))
    assert {c["paragraph"] for c in item["claims"]} == {0, 1}
    extended = ClaimsPipeline(Stats(), all_articles=True, threshold=0.5)
    assert processed(extended, _item(on_topic=False))["claims"]


def test_claim_ids_follow_the_version_id_and_failures_are_counted():
    stats = Stats()
    pipe = ClaimsPipeline(stats, all_articles=False, threshold=0.5)
    a = processed(pipe, _item(on_topic=True, version_id="v1"))["claims"]
    b = processed(ClaimsPipeline(Stats(), False, 0.5), _item(on_topic=True, version_id="v2"))["claims"]
    assert a[0]["claim_id"] != b[0]["claim_id"]
    broken = _item(on_topic=True)
    broken["paragraphs"] = [None, 42]  # not text: counted, the item goes on
    assert processed(pipe, broken)["claims"] == []
    assert sum(v for k, v in stats.values.items() if k.startswith("claims/errors/")) == 1


def test_clusters_persist_across_runs_in_the_store(tmp_path):
    store = tmp_path / "state" / "claim_clusters.jsonl"
    first_run = ClaimsPipeline(Stats(), False, 0.5, store)
    first = processed(first_run, _item(on_topic=True, version_id="outlet-a"))["claims"]
    first_run.close_spider()
    store.write_text(store.read_text(encoding="utf-8") + "{damaged line\n", encoding="utf-8")
    second_run = ClaimsPipeline(Stats(), False, 0.5, store)  # a later crawl, another outlet, same statement
    other = _item(on_topic=True, version_id="outlet-b")
    other["paragraphs"] = ["The talks would resume on Sunday, an Egyptian official said."]
    second = processed(second_run, other)["claims"]
    second_run.close_spider()
    body_first = [c for c in first if c["paragraph"] == 1][0]
    body_second = [c for c in second if c["paragraph"] == 1][0]
    assert body_second["claim_id"] != body_first["claim_id"]
    assert body_second["cluster_id"] == body_first["cluster_id"] == body_first["claim_id"]
