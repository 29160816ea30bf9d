"""Dedup with its stateless half computed elsewhere (crawler/dedup/prepared.py: in a worker process
when WORKER_PROCESSES > 0) decides exactly as when it computes everything itself: on copies,
shortened copies, re-fetches, new versions and slug edits of the real corpus articles."""

from __future__ import annotations

import pickle
import random

from crawler.dedup import ArticleInput, DedupConfig, Deduplicator, SQLiteDedupStore
from crawler.dedup.prepared import prepare_text
from tests.test_dedup_speed_equivalence import corpus  # noqa: F401 - the fixture


def _stream(docs) -> list[ArticleInput]:
    rng = random.Random(7)
    articles = []
    for i, doc in enumerate(docs):
        paragraphs = list(doc["paragraphs"])
        first = f"https://a.example/news/{700000 + i}/first-slug"
        for round_, url in enumerate((first, f"https://b.example/{i}", first, first,
                                      f"https://c.example/{i}", f"https://a.example/news/{700000 + i}/edited-slug")):
            body = list(paragraphs)
            if round_ == 3:
                body = body + ["A paragraph added in an update of the story."]
            if round_ == 4:
                rng.shuffle(body)
                body = body[:max(1, len(body) - 2)]
            articles.append(ArticleInput(url=url, paragraphs=[doc["headline"] or ""] + body, headline=doc["headline"],
                                         published=doc["published"], seen_at="2026-12-07T10:00:00+00:00"))
    articles.append(ArticleInput(url="https://d.example/empty", paragraphs=["", "  "], headline="Only a headline"))
    return articles


def test_decisions_with_prepared_text_are_unchanged(tmp_path, corpus):  # noqa: F811
    articles = _stream(corpus)
    size = DedupConfig().shingle_size
    inline = Deduplicator(SQLiteDedupStore(tmp_path / "inline"))
    prepared = Deduplicator(SQLiteDedupStore(tmp_path / "prepared"))
    kinds = set()
    for article in articles:
        expected = inline.decide(article).fields()
        # As a worker sends it back: pickled, computed by another interpreter's code path.
        text = pickle.loads(pickle.dumps(prepare_text(article.paragraphs, article.headline, size)))
        assert prepared.decide(article, text).fields() == expected, article.url
        kinds.add(expected["dedup_decision"])
    assert {"new", "exact_duplicate", "refetch", "new_version", "near_duplicate", "no_text"} <= kinds, kinds
