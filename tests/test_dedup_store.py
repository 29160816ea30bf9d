"""Dedup state across runs and crashes (crawler/dedup/store.py, deduplicator.py)."""

from __future__ import annotations

import sqlite3

import pytest

from crawler import ids
from crawler.dedup import ArticleInput, DedupConfig, Deduplicator, SQLiteDedupStore
from crawler.dedup.deduplicator import EXACT_DUPLICATE, NEAR_DUPLICATE, NEW, NEW_VERSION, NO_TEXT, REFETCH

STORY = [
    "Egyptian mediators presented a revised proposal to both delegations in Cairo on Monday, two officials said.",
    "The plan would begin with a six-week pause in fighting and the release of women and elderly hostages.",
    "A Hamas official said the movement was studying the text and would reply within forty eight hours.",
    "Israeli officials said their team would stay in Cairo until the answer arrived, according to public radio.",
    "Qatar's foreign ministry spokesman said the gaps between the sides had narrowed during the weekend.",
]
OTHER = [
    "Aid trucks entered Gaza through the Kerem Shalom crossing on Tuesday after a two day closure.",
    "The United Nations said the convoy carried flour, medical supplies and fuel for hospitals in the south.",
    "Crossing officials said inspections had been slowed by a shortage of staff on both sides of the border.",
]


def open_dedup(path, **config):
    return Deduplicator(SQLiteDedupStore(path), DedupConfig(**config))


def test_state_survives_reopening_the_store(tmp_path):
    state = tmp_path / "state"
    first = open_dedup(state)
    original = first.decide(ArticleInput(url="https://news.example/a/100001", paragraphs=STORY, published="2024-05-06"))
    first.store.close()

    second = open_dedup(state)  # a later run: nothing rebuilt, everything found
    again = second.decide(ArticleInput(url="https://news.example/a/100001?utm_source=x", paragraphs=STORY))
    assert again.decision == REFETCH and again.version_id == original.version_id
    copy = second.decide(ArticleInput(url="https://other.example/b", paragraphs=STORY[::-1]))
    assert copy.decision == NEAR_DUPLICATE and copy.duplicate_of == original.version_id
    updated = second.decide(ArticleInput(url="https://news.example/a/100001", paragraphs=STORY[:3] + ["A new paragraph about the reply."] + STORY[3:]))
    assert updated.decision == NEW_VERSION and updated.version == 2 and updated.previous_version == original.version_id
    assert updated.change_summary["added"] == 1 and updated.change_summary["added_paragraphs"] == [3]
    second.store.close()

    db = sqlite3.connect(state / SQLiteDedupStore.FILENAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 3  # the re-fetch was not stored again
    # The LSH index is stored as indexed rows: nothing to rebuild at start-up.
    plan = " ".join(r[-1] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT version FROM lsh_buckets WHERE band_key IN (1, 2, 3)"))
    assert "USING PRIMARY KEY" in plan or "USING INDEX" in plan


def test_ids_follow_crawler_ids(tmp_path):
    dedup = open_dedup(tmp_path)
    d = dedup.decide(ArticleInput(url="https://www.news.example/a/55555/?fbclid=1", paragraphs=STORY))
    assert d.canonical_url == "https://www.news.example/a/55555"
    assert d.article_id == ids.article_id(d.canonical_url)
    assert d.version_id == ids.version_id(d.article_id, d.content_hash)


def test_a_failed_decision_leaves_no_partial_state(tmp_path, monkeypatch):
    dedup = open_dedup(tmp_path)
    before = dedup.store.counts()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dedup.store, "put_cluster", broken)  # fails after the article and version rows
    with pytest.raises(RuntimeError):
        dedup.decide(ArticleInput(url="https://news.example/a/1", paragraphs=STORY))
    assert dedup.store.counts() == before
    monkeypatch.undo()
    assert dedup.decide(ArticleInput(url="https://news.example/a/1", paragraphs=STORY)).decision == NEW


def test_store_refuses_other_hashing_parameters(tmp_path):
    open_dedup(tmp_path).store.close()
    with pytest.raises(ValueError, match="other hashing parameters"):
        open_dedup(tmp_path, shingle_size=5)
    # Decision thresholds are not baked into the index and may change between runs.
    open_dedup(tmp_path, similarity_threshold=0.6).store.close()


def test_earliest_copy_is_the_earliest_published_even_when_found_later(tmp_path):
    dedup = open_dedup(tmp_path)
    late = dedup.decide(ArticleInput(url="https://a.example/1", paragraphs=STORY, published="2024-05-06T12:00:00+03:00"))
    early = dedup.decide(ArticleInput(url="https://b.example/2", paragraphs=STORY[::-1],
                                      published="2024-05-06T08:00:00+03:00"))
    assert early.decision == NEAR_DUPLICATE and early.duplicate_of is None  # it is the original
    later = dedup.decide(ArticleInput(url="https://c.example/3", paragraphs=STORY, published="2024-05-07"))
    assert later.decision == EXACT_DUPLICATE
    assert later.duplicate_of == early.version_id
    assert late.near_duplicate_cluster == early.near_duplicate_cluster == later.near_duplicate_cluster


def test_short_or_empty_texts_get_a_decision_too(tmp_path):
    dedup = open_dedup(tmp_path)
    assert dedup.decide(ArticleInput(url="https://a.example/empty", paragraphs=["", "  "])).decision == NO_TEXT
    brief = ["Talks resume in Cairo on Sunday."]
    assert dedup.decide(ArticleInput(url="https://a.example/brief", paragraphs=brief)).decision == NEW
    # Too short for shingle matching, but an identical brief elsewhere is still an exact copy.
    assert dedup.decide(ArticleInput(url="https://b.example/brief", paragraphs=brief)).decision == EXACT_DUPLICATE
    assert dedup.decide(ArticleInput(url="https://c.example/other", paragraphs=OTHER)).decision == NEW


def test_slug_edit_with_the_same_article_number_is_a_new_version(tmp_path):
    dedup = open_dedup(tmp_path)
    v1 = dedup.decide(ArticleInput(url="https://news.example/NewsContent/1/1234/541022/Old-slug.aspx", paragraphs=STORY,
                                   headline="Old headline"))
    v2 = dedup.decide(ArticleInput(url="https://news.example/NewsContent/1/1234/541022/New-slug.aspx",
                                   paragraphs=STORY + ["Late update: the reply was delivered."], headline="New headline"))
    assert v2.decision == NEW_VERSION and v2.article_id == v1.article_id and v2.previous_version == v1.version_id
    assert v2.canonical_url.endswith("New-slug.aspx")
    assert v2.change_summary["headline_changed"] is True
    # Both addresses now lead to the article: fetching either again is a re-fetch, not a new article.
    again = dedup.decide(ArticleInput(url="https://news.example/NewsContent/1/1234/541022/New-slug.aspx",
                                      paragraphs=STORY + ["Late update: the reply was delivered."]))
    assert again.decision == REFETCH and again.version_id == v2.version_id
    old = dedup.decide(ArticleInput(url="https://news.example/NewsContent/1/1234/541022/Old-slug.aspx", paragraphs=STORY))
    assert old.decision == REFETCH and old.version_id == v1.version_id
    v3 = dedup.decide(ArticleInput(url="https://news.example/NewsContent/1/1234/541023/Other.aspx", paragraphs=OTHER))
    assert v3.decision == NEW
    # The same number with an unrelated text is a section id, not this article.
    section = dedup.decide(ArticleInput(url="https://news.example/NewsContent/1/1234/541023/Aid-trucks.aspx",
                                        paragraphs=STORY[::-1][:2] + ["Something else entirely happened today in the region."]))
    assert section.decision != NEW_VERSION and section.article_id != v3.article_id
