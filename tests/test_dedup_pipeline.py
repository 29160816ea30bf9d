"""The Scrapy side of dedup (pipelines/dedup.py): fields, counters, keep/drop modes, failures."""

from __future__ import annotations

import pytest
from scrapy import Spider, signals
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from pipelines.dedup import DedupPipeline

PARAGRAPHS = [
    "Mediators in Cairo handed both sides a bridging text on Wednesday, an Egyptian official said.",
    "The text sets out a first phase of forty two days and an exchange of hostages for prisoners.",
    "Hamas said it would respond after consulting its leadership inside and outside Gaza.",
    "An Israeli official said the security cabinet would meet on Thursday to discuss the proposal.",
]


def make_pipeline(tmp_path, **settings):
    crawler = get_crawler(Spider, {"OUTPUT_DIR": str(tmp_path), **settings})
    pipeline = DedupPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return pipeline, crawler.stats


def scraped(pipeline, item):
    """What the engine does after the last pipeline: the item reached the feed and datasets."""
    pipeline.crawler.signals.send_catch_log(signals.item_scraped, item=item, response=None, spider=None)
    return item


def article(url, paragraphs=PARAGRAPHS, **fields):
    return ArticleItem(url=url, canonical_url=url, paragraphs=list(paragraphs), headline="Cairo talks",
                       outlet="generic", published="2024-05-08T10:00:00+00:00", provenance={"canonical_url": "url"},
                       **fields)


def test_fields_and_counters_with_default_modes(tmp_path):
    pipeline, stats = make_pipeline(tmp_path)
    first = scraped(pipeline, pipeline.process_item(article("https://www.site-a.example/news/777777?utm_source=tw")))
    assert first["canonical_url"] == "https://www.site-a.example/news/777777"
    assert (first["dedup_decision"], first["version"], first["duplicate_of"]) == ("new", 1, None)
    assert first["near_duplicate_cluster"] == first["version_id"] and first["content_hash"]
    copy = pipeline.process_item(article("https://site-b.example/copy"))  # exact copies are kept by default
    assert copy["dedup_decision"] == "exact_duplicate" and copy["duplicate_of"] == first["version_id"]
    with pytest.raises(DropItem, match="identical re-fetch"):
        pipeline.process_item(article("https://site-a.example/news/777777/"))
    assert stats.get_value("dedup/new") == 1
    assert stats.get_value("dedup/exact_duplicate") == 1
    assert stats.get_value("dedup/refetch") == 1
    pipeline.close_spider()
    assert stats.get_value("dedup/state/versions") == 2
    assert (tmp_path / "state" / "dedup.sqlite3").is_file()  # under OUTPUT_DIR by default


def test_exact_duplicates_only_counted_when_asked(tmp_path):
    pipeline, stats = make_pipeline(tmp_path, DEDUP_EXACT_DUPLICATES="drop", DEDUP_REFETCHES="keep")
    scraped(pipeline, pipeline.process_item(article("https://site-a.example/x")))
    with pytest.raises(DropItem, match="exact duplicate of"):
        pipeline.process_item(article("https://site-b.example/y"))
    kept = pipeline.process_item(article("https://site-a.example/x"))
    assert kept["dedup_decision"] == "refetch"
    assert stats.get_value("dedup/exact_duplicate") == 1
    pipeline.close_spider()


def test_refetch_of_a_version_that_never_reached_the_outputs_is_passed_on(tmp_path):
    # Run 1 died after dedup stored the article but before the feed wrote it.
    crashed, _ = make_pipeline(tmp_path)
    crashed.process_item(article("https://site-a.example/n/1"))
    crashed.store.close()
    # Run 2 fetches it again: it must be written this time, then later copies are dropped.
    pipeline, stats = make_pipeline(tmp_path)
    again = pipeline.process_item(article("https://site-a.example/n/1"))
    assert again["dedup_decision"] == "refetch"
    assert stats.get_value("dedup/refetch_unwritten") == 1
    scraped(pipeline, again)
    with pytest.raises(DropItem):
        pipeline.process_item(article("https://site-a.example/n/1"))
    pipeline.close_spider()


def test_declared_canonical_is_used_and_state_dir_setting_respected(tmp_path):
    state = tmp_path / "elsewhere"
    pipeline, _ = make_pipeline(tmp_path, DEDUP_STATE_DIR=str(state))
    item = article("https://m.site-a.example/amp/news/slug")
    item["canonical_url"] = "https://www.site-a.example/news/slug"
    item["provenance"] = {"canonical_url": "html:canonical"}
    assert pipeline.process_item(item)["canonical_url"] == "https://www.site-a.example/news/slug"
    pipeline.close_spider()
    assert (state / "dedup.sqlite3").is_file()


def test_bad_item_is_counted_and_passed_on(tmp_path):
    pipeline, stats = make_pipeline(tmp_path)
    item = ArticleItem(paragraphs=PARAGRAPHS)  # no url: cannot be deduplicated
    assert pipeline.process_item(item) is item
    assert "dedup_decision" not in item
    assert stats.get_value("dedup/failed/ValueError") == 1
    pipeline.close_spider()


def test_invalid_mode_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="DEDUP_EXACT_DUPLICATES"):
        make_pipeline(tmp_path, DEDUP_EXACT_DUPLICATES="sometimes")
