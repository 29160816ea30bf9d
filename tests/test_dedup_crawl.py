"""Dedup in a real crawl: `scrapy crawl urls` against a loopback site, twice, one OUTPUT_DIR.

Run 1 serves story A at two URLs and once more behind tracking parameters, and
story B plus a syndicated, reordered copy of it on another path. Run 2 serves an
updated story B and A unchanged. The JSON-lines feed and the crawl stats must
show every decision; the state under OUTPUT_DIR/state carries run 1 into run 2.
"""

from __future__ import annotations

import json
from html import escape

from tests.support.crawl import crawl_stats, feed_items, run_scrapy

PIPELINES = json.dumps({"pipelines.validate.ArticleValidationPipeline": 100, "pipelines.dedup.DedupPipeline": 300})

STORY_A = (
    "Egypt hosts new round of Gaza truce talks",
    [
        "Egyptian and Qatari mediators opened a new round of talks in Cairo on Monday aimed at a truce in Gaza, "
        "two officials briefed on the meetings said.",
        "The officials said a Hamas delegation arrived in the morning and that an Israeli team was expected later "
        "in the week if the first sessions went well.",
        "Washington has pushed both sides to accept a phased plan that starts with a six week pause in fighting "
        "and the release of some hostages.",
        "A spokesman for the Egyptian foreign ministry said the mediators hoped to narrow the remaining gaps over "
        "the sequencing of the release of prisoners.",
    ],
)
STORY_B = (
    "Hamas studies revised proposal as mediators wait",
    [
        "Hamas said on Tuesday it was studying a revised ceasefire proposal delivered by Egyptian intelligence, "
        "and that its answer would depend on guarantees for a full withdrawal.",
        "A senior member of the movement's political bureau told reporters that the text contained positive "
        "points but left key questions open about the return of displaced people.",
        "Israeli officials declined to comment on the proposal, but public radio reported that the security "
        "cabinet would meet on Wednesday evening.",
        "Families of hostages held a vigil in Tel Aviv and urged the government to send negotiators back to "
        "Cairo without delay.",
    ],
)
B_UPDATE = ("Late on Tuesday a Hamas official said the movement had delivered its reply to the Egyptian mediators, "
            "and asked for clarifications on the timetable of the second phase.")


def page(headline: str, paragraphs: list[str], canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><title>{escape(headline)}</title>{link}</head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{escape(headline)}</h1>"
            f"<time datetime='2024-05-06T10:00:00+03:00'>6 May 2024</time>{body}</article>"
            f"<footer>All rights reserved</footer></body></html>")


def crawl(site, tmp_path, output, paths):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(site.url(p) for p in paths) + "\n", encoding="utf-8")
    # The incremental layer and resumable jobs would skip pages fetched in run 1;
    # here dedup itself must recognise the re-fetches.
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"],
                      settings={"OUTPUT_DIR": str(output), "ITEM_PIPELINES": PIPELINES,
                                "INCREMENTAL_ENABLED": "False", "RESUMABLE_JOBS": "False"})
    return proc, crawl_stats(proc.stderr)


def test_dedup_decisions_across_two_crawls(local_site, tmp_path):
    site = local_site
    output = tmp_path / "output"
    site.add("news/1001", page(*STORY_A))
    site.add("mirror/egypt-hosts-talks", page(*STORY_A))
    site.add("news/1001?utm_source=newsletter&fbclid=abc", page(*STORY_A))
    site.add("news/2002", page(*STORY_B))
    headline_b, paragraphs_b = STORY_B
    site.add("wire/copy-of-b", page("Mediators await Hamas answer", paragraphs_b[::-1] + ["(AFP)"]))

    _, stats1 = crawl(site, tmp_path, output, [
        "news/1001", "mirror/egypt-hosts-talks", "news/1001?utm_source=newsletter&fbclid=abc", "news/2002",
        "wire/copy-of-b"])
    run1 = feed_items(output)
    by_canonical = {item["canonical_url"]: item for item in run1}
    a_canonical = site.url("news/1001")
    b_canonical = site.url("news/2002")
    # The tracking-parameter fetch is the same article: one row, the other counted and dropped.
    assert len(run1) == 4, [i["url"] for i in run1]
    assert "'dedup/refetch': 1" in stats1
    assert "'dedup/new': 2" in stats1 and "'dedup/exact_duplicate': 1" in stats1
    assert "'dedup/near_duplicate': 1" in stats1

    # Story A at two URLs: one new, one exact duplicate pointing to it, one cluster.
    a = by_canonical[a_canonical]
    mirror = by_canonical[site.url("mirror/egypt-hosts-talks")]
    first, second = sorted([a, mirror], key=lambda i: i["dedup_decision"] != "new")
    assert (first["dedup_decision"], second["dedup_decision"]) == ("new", "exact_duplicate")
    assert second["duplicate_of"] == first["version_id"] and second["similarity"] == 1.0
    assert a["near_duplicate_cluster"] == mirror["near_duplicate_cluster"]
    assert a["content_hash"] == mirror["content_hash"]

    # Story B and its syndicated copy (new headline, reordered, agency credit added).
    b = by_canonical[b_canonical]
    copy = by_canonical[site.url("wire/copy-of-b")]
    assert {b["dedup_decision"], copy["dedup_decision"]} == {"new", "near_duplicate"}
    assert b["near_duplicate_cluster"] == copy["near_duplicate_cluster"] != a["near_duplicate_cluster"]
    assert copy["duplicate_of"] == b["version_id"] or b["duplicate_of"] == copy["version_id"]
    assert b["version"] == 1 and b["previous_version"] is None

    # Run 2: B was updated in place; A is unchanged.
    site.add("news/2002", page("Hamas delivers reply to mediators", paragraphs_b[:1] + [B_UPDATE] + paragraphs_b[1:]))
    for feed in (output / "items").glob("*.jsonl"):
        feed.rename(feed.with_suffix(".run1"))
    _, stats2 = crawl(site, tmp_path, output, ["news/2002", "news/1001"])
    run2 = feed_items(output)
    assert len(run2) == 1, run2
    updated = run2[0]
    assert updated["canonical_url"] == b_canonical and updated["article_id"] == b["article_id"]
    assert updated["dedup_decision"] == "new_version"
    assert updated["version"] == 2 and updated["previous_version"] == b["version_id"]
    assert updated["near_duplicate_cluster"] == b["near_duplicate_cluster"]
    summary = updated["change_summary"]
    assert (summary["added"], summary["removed"], summary["changed"]) == (1, 0, 0)
    assert summary["added_paragraphs"] == [1] and summary["headline_changed"] is True
    assert "'dedup/new_version': 1" in stats2 and "'dedup/refetch': 1" in stats2
    assert (output / "state" / "dedup.sqlite3").is_file()
