"""Dedup decisions on the gold dev articles (../shared/gold/dev), their perturbations,
and different stories about the same event, through the real Deduplicator and SQLite store."""

from __future__ import annotations

import json
import random
import re
from itertools import combinations

import pytest

from crawler.dedup import ArticleInput, Deduplicator, SQLiteDedupStore
from crawler.dedup.deduplicator import EXACT_DUPLICATE, NEAR_DUPLICATE, NEW, NEW_VERSION
from crawler.dedup.fingerprints import overlap
from crawler.dedup.normalize import normalized_paragraphs
from tests.conftest import shared_path


def load_gold() -> dict[str, dict]:
    docs = {}
    for txt in sorted(shared_path("gold", "dev").glob("*.txt")):
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        lines = [line for line in txt.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs[txt.stem] = {"headline": lines[0], "paragraphs": lines[1:], **meta}
    assert len(docs) == 12, "expected the 12 gold dev articles"
    return docs


@pytest.fixture(scope="module")
def gold():
    return load_gold()


@pytest.fixture
def dedup(tmp_path):
    store = SQLiteDedupStore(tmp_path / "state")
    yield Deduplicator(store)
    store.close()


def as_input(doc: dict, url: str | None = None, **changes) -> ArticleInput:
    return ArticleInput(url=url or doc["url"], paragraphs=doc["paragraphs"], headline=doc["headline"],
                        published=doc["published"], outlet=doc["outlet"], **changes)


def test_gold_duplicate_and_version_pairs_are_found(gold, dedup):
    decisions = {doc_id: dedup.decide(as_input(doc)) for doc_id, doc in gold.items()}
    for doc_id, doc in gold.items():
        d = decisions[doc_id]
        if doc["duplicate_of"]:
            original = decisions[doc["duplicate_of"]]
            assert d.decision == NEAR_DUPLICATE, (doc_id, d)
            assert d.duplicate_of == original.version_id
            assert d.near_duplicate_cluster == original.near_duplicate_cluster
            assert d.similarity >= 0.4
        elif doc["version_of"]:
            previous = decisions[doc["version_of"]]
            assert d.decision == NEW_VERSION, (doc_id, d)
            assert (d.article_id, d.version, d.previous_version) == (previous.article_id, 2, previous.version_id)
            assert d.near_duplicate_cluster == previous.near_duplicate_cluster
            summary = d.change_summary
            # dev09: new headline and two added paragraphs, everything else unchanged.
            assert (summary["added"], summary["removed"], summary["changed"]) == (2, 0, 0)
            assert summary["headline_changed"] is True
            assert summary["unchanged"] == len(gold[doc["version_of"]]["paragraphs"])
        else:
            assert d.decision == NEW, (doc_id, d)
            assert d.duplicate_of is None and d.version == 1
    # Every other article is its own story: 12 articles, 10 stories.
    assert len({d.near_duplicate_cluster for d in decisions.values()}) == 10


def _reorder(doc):
    paragraphs = doc["paragraphs"][:]
    random.Random(3).shuffle(paragraphs)
    assert paragraphs != doc["paragraphs"]
    return {**doc, "paragraphs": paragraphs}


def _new_headline(doc):
    return {**doc, "headline": "A different headline written by the republishing outlet"}


def _new_dateline(doc):
    first = doc["paragraphs"][0]
    # Wire copies swap the dateline ("CAIRO, March 5 (Reuters) -" -> "GAZA (AFP) -"); others gain one.
    existing = re.match(r"^[A-Z][A-Z ]+(?:, [A-Z][a-z]+ \d+)? \((?:Reuters|AP)\) [-—] ", first)
    if existing:
        first = "GAZA (AFP) - " + first[existing.end():]
    else:
        first = ("القاهرة (أ ف ب) - " if doc["language"] == "ar" else "CAIRO (Reuters) - ") + first
    assert first != doc["paragraphs"][0]
    return {**doc, "paragraphs": [first] + doc["paragraphs"][1:]}


@pytest.mark.parametrize("perturb, expected", [
    (_reorder, NEAR_DUPLICATE),
    (_new_headline, EXACT_DUPLICATE),
    (_new_dateline, EXACT_DUPLICATE),
])
def test_perturbed_copies_on_another_site_are_found(gold, dedup, perturb, expected):
    originals = {doc_id: dedup.decide(as_input(doc)) for doc_id, doc in gold.items()}
    for doc_id, doc in gold.items():
        if doc["duplicate_of"] or doc["version_of"]:
            continue
        copy = dedup.decide(as_input(perturb(doc), url=f"https://copy.example.net/{doc_id}"))
        assert copy.decision == expected, (doc_id, copy)
        assert copy.duplicate_of == originals[doc_id].version_id
        assert copy.near_duplicate_cluster == originals[doc_id].near_duplicate_cluster
        if expected == NEAR_DUPLICATE:
            assert copy.similarity == 1.0  # shingles never cross paragraphs


def test_no_two_different_gold_stories_are_close(gold, dedup):
    # Many gold articles share names, places and days (the same talks); none may be merged.
    pairs = {frozenset((k, v["duplicate_of"] or v["version_of"])) for k, v in gold.items()
             if v["duplicate_of"] or v["version_of"]}
    for a, b in combinations(gold, 2):
        if frozenset((a, b)) in pairs:
            continue
        sa = dedup.shingles(normalized_paragraphs(gold[a]["paragraphs"]))
        sb = dedup.shingles(normalized_paragraphs(gold[b]["paragraphs"]))
        jaccard, containment = overlap(sa, sb)
        assert jaccard < 0.1 and containment < 0.2, (a, b, jaccard, containment)


# Two stories each about one day of talks, same people, same place, same date, different news
# (written for this test).
SAME_EVENT_EN = [
    ["Hamas negotiator Khalil al-Hayya arrived in Cairo on Sunday to meet Egyptian intelligence chief Abbas Kamel "
     "about the latest ceasefire proposal for Gaza.",
     "The delegation is expected to hand over the movement's written response to the three-phase plan drafted by "
     "Egypt and Qatar, two officials familiar with the visit said.",
     "Al-Hayya told reporters at the airport that the group wanted guarantees that the war would end for good.",
     "The visit follows a week of shuttle diplomacy between Doha, Cairo and Washington."],
    ["Israel's security cabinet met on Sunday night to discuss the talks in Cairo, where Khalil al-Hayya and "
     "Abbas Kamel were holding meetings on the Gaza ceasefire proposal.",
     "Ministers from the far-right parties threatened to quit the coalition if the prime minister accepted a "
     "permanent end to the fighting, according to Israeli media.",
     "The prime minister's office said in a brief statement that Israel would not send a team to Cairo before it "
     "received a list of living hostages.",
     "Families of the hostages protested outside the defence ministry in Tel Aviv, calling for a deal now."],
]
SAME_EVENT_AR = [
    ["وصل وفد حماس برئاسة خليل الحية إلى القاهرة اليوم الأحد للقاء رئيس المخابرات المصرية عباس كامل وبحث مقترح "
     "وقف إطلاق النار في غزة.",
     "ومن المنتظر أن يسلم الوفد رد الحركة المكتوب على الخطة التي أعدتها مصر وقطر على ثلاث مراحل، وفق مصدرين "
     "مطلعين على الزيارة.",
     "وقال الحية للصحفيين في المطار إن الحركة تريد ضمانات بانتهاء الحرب بشكل نهائي.",
     "وتأتي الزيارة بعد أسبوع من التحركات الدبلوماسية بين الدوحة والقاهرة وواشنطن."],
    ["عقد المجلس الوزاري الأمني الإسرائيلي اجتماعاً مساء الأحد لبحث محادثات القاهرة التي يجريها خليل الحية مع "
     "عباس كامل بشأن مقترح وقف إطلاق النار في غزة.",
     "وهدد وزراء من أحزاب اليمين المتطرف بالانسحاب من الائتلاف إذا وافق رئيس الوزراء على إنهاء القتال بشكل دائم، "
     "بحسب وسائل إعلام إسرائيلية.",
     "وقال مكتب رئيس الوزراء في بيان مقتضب إن إسرائيل لن ترسل وفداً إلى القاهرة قبل تسلم قائمة بأسماء "
     "المحتجزين الأحياء.",
     "وتظاهرت عائلات المحتجزين أمام مقر وزارة الدفاع في تل أبيب مطالبة بإبرام صفقة فوراً."],
]


@pytest.mark.parametrize("stories", [SAME_EVENT_EN, SAME_EVENT_AR], ids=["en", "ar"])
def test_different_stories_about_the_same_event_are_not_merged(dedup, stories):
    first = dedup.decide(ArticleInput(url="https://a.example/1", paragraphs=stories[0], published="2024-05-05"))
    second = dedup.decide(ArticleInput(url="https://b.example/2", paragraphs=stories[1], published="2024-05-05"))
    assert (first.decision, second.decision) == (NEW, NEW)
    assert first.near_duplicate_cluster != second.near_duplicate_cluster
    assert second.duplicate_of is None
    # The same story copied by a third site does join the first one.
    copy = dedup.decide(ArticleInput(url="https://c.example/3", paragraphs=stories[0][::-1] + ["Extra line."],
                                     published="2024-05-05"))
    assert copy.near_duplicate_cluster == first.near_duplicate_cluster
