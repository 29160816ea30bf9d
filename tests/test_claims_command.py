"""`scrapy claims <articles.jsonl>` end to end, and the pipeline in a real loopback crawl."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES
from tests.support.crawl import crawl_stats, feed_items, run_scrapy

ARTICLES = [
    {"id": "a1", "language": "en", "published": "2025-03-12",
     "text": "Talks resume in Cairo\n\nAn Egyptian official said on Sunday that the two delegations would meet again "
             "in Cairo next week to settle the prisoner lists.\n"},
    {"id": "a2", "language": "en", "published": "2025-03-12",
     "text": "Cairo round set\n\nThe two delegations would meet again in Cairo next week to settle the prisoner lists, "
             "an Egyptian official told AFP.\n"},
    {"id": "a3", "language": "ar", "published": "2025-03-12",
     "text": "عنوان الخبر\n\nوأكد مصدر مصري رفيع المستوى أمس أن وفد الحركة سيصل القاهرة خلال يومين.\n"},
]


def test_claims_command_prints_one_object_per_claim_with_shared_clusters(tmp_path):
    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    proc = run_scrapy(["claims", str(src)])
    claims = [json.loads(line) for line in proc.stdout.splitlines()]
    by_id = {c["id"]: c for c in claims}
    assert set(by_id) == {"a1", "a2", "a3"}
    a1, a2, a3 = by_id["a1"], by_id["a2"], by_id["a3"]
    assert a1["paragraph"] == 1 and a1["actor"] == "egypt" and a1["anonymous"] is True
    assert a1["time_expressions"][0] == {"text": "on Sunday", "resolved": "2025-03-09"}
    text = ARTICLES[0]["text"]
    assert a1["content"] in text[a1["char_start"]:a1["char_end"]]
    assert a2["via"] == ["AFP"]
    assert a1["cluster_id"] == a2["cluster_id"] == a1["claim_id"] != a2["claim_id"]
    assert a3["speaker"] == "مصدر مصري رفيع المستوى" and a3["time_expressions"][0]["resolved"] == "2025-03-11"
    assert a3["cluster_id"] != a1["cluster_id"]
    for key in ("speaker_kind", "cue", "quote", "quantities", "note", "polarity", "hedged", "sentence_index",
                "rule", "confidence"):
        assert key in a1


def test_claims_command_reports_bad_lines_and_goes_on(tmp_path):
    src = tmp_path / "articles.jsonl"
    src.write_text("{not json\n" + json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    proc = run_scrapy(["claims", str(src)], check=False)
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines[0]["reason"] == "bad_input_line" and lines[0]["line"] == 1
    assert any(line.get("id") == "a1" for line in lines[1:])


def test_crawl_writes_claims_into_the_feed(local_site, tmp_path):
    url = local_site.add_file("world/talks-en.html", FIXTURES / "site" / "talks-en.html")
    urls = tmp_path / "urls.txt"
    urls.write_text(url + "\n", encoding="utf-8")
    out = tmp_path / "out"
    pipelines = json.dumps({"pipelines.validate.ArticleValidationPipeline": 100, "pipelines.claims.ClaimsPipeline": 400})
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={"OUTPUT_DIR": out, "ITEM_PIPELINES": pipelines})
    [item] = feed_items(out)
    claims = item["claims"]
    speakers = {c["speaker"] for c in claims}
    assert "two Egyptian security sources" in speakers and "An Israeli official" in speakers
    body = "\n".join(item["paragraphs"])
    for c in claims:
        if c["paragraph"] > 0:
            assert c["content"] in body[c["char_start"]:c["char_end"]]
    stats = crawl_stats(proc.stderr)
    assert "'claims/articles': 1" in stats and "'claims/articles/on_topic_unknown': 1" in stats
    # clusters persist for the next run under OUTPUT_DIR/state
    stored = [json.loads(line) for line in (out / "state" / "claim_clusters.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {row["claim_id"] for row in stored} == {c["claim_id"] for c in claims}


def test_claims_command_joins_a_cluster_store(tmp_path):
    store = tmp_path / "claim_clusters.jsonl"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    second.write_text(json.dumps(ARTICLES[1]) + "\n", encoding="utf-8")
    a1 = json.loads(run_scrapy(["claims", str(first), "--clusters", str(store)]).stdout.splitlines()[0])
    a2 = json.loads(run_scrapy(["claims", str(second), "--clusters", str(store)]).stdout.splitlines()[0])
    assert a2["cluster_id"] == a1["claim_id"] != a2["claim_id"]
