"""Offline tools a user runs on saved pages: `scrapy extract`, `scrapy parse`, `scrapy shell`."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES, shared_path
from tests.support.crawl import run_scrapy

SITE = FIXTURES / "site"


def test_extract_prints_one_article_per_manifest_line(tmp_path):
    corpus_page = shared_path("corpus/raw/youm7/irrigation-minister-2020-08-24.html")
    manifest = tmp_path / "manifest.jsonl"
    lines = [
        {"url": "https://example.org/world/talks", "path": str(SITE / "talks-en.html")},
        {"url": "https://www.youm7.com/story/2020/8/24/x/4943459", "path": str(corpus_page)},
        {"url": "https://example.org/gone", "path": str(tmp_path / "missing.html")},
    ]
    manifest.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")

    proc = run_scrapy(["extract", str(manifest)], check=False)

    assert proc.returncode == 1  # some pages failed; the others were still printed
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 4
    talks, youm7, missing, bad = records
    assert talks["headline"] == "Hamas delegation arrives in Cairo for truce talks"
    assert talks["path"] == str(SITE / "talks-en.html")
    assert talks["url"] == "https://example.org/world/talks"
    assert talks["canonical_url"] == "https://example.org/world/hamas-delegation-cairo-truce-talks"
    assert youm7["language"] == "ar" and youm7["published"].startswith("2020-08-24")
    assert youm7["body"] and youm7["path"] == str(corpus_page)
    assert missing["reason"] == "unreadable_file"
    assert bad["reason"] == "bad_manifest_line"


def test_extract_resolves_paths_relative_to_the_manifest(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_bytes((SITE / "talks-ar.html").read_bytes())
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"url": "https://example.org/a", "path": "pages/a.html"}) + "\n")
    out = tmp_path / "out.jsonl"
    run_scrapy(["extract", str(manifest), "-o", str(out)])
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["headline"] == "وفد حماس يصل القاهرة لبحث الهدنة"


def test_scrapy_parse_prints_the_full_item_for_a_file_url():
    page = (SITE / "talks-en.html").resolve()
    proc = run_scrapy(["parse", "--spider", "urls", page.as_uri()])
    out = proc.stdout
    assert "Scraped Items" in out
    for field in ("'headline': 'Hamas delegation arrives in Cairo for truce talks'", "'authors': ['Nadia Farouk', 'Tom Hale']",
                  "'published': '2024-03-03T09:15:00+02:00'", "'provenance'", "'paragraphs'"):
        assert field in out


def test_scrapy_shell_runs_the_extractor_in_one_call():
    page = (SITE / "talks-ar.html").resolve()
    code = "__import__('crawler.extraction', fromlist=['extract']).extract(response)['headline']"
    proc = run_scrapy(["shell", page.as_uri(), "-c", code])
    assert proc.stdout.strip().splitlines()[-1] == "وفد حماس يصل القاهرة لبحث الهدنة"


def test_debugging_commands_look_only(local_site, tmp_path):
    """`scrapy parse` on a page the crawl archived minutes ago still fetches and prints it,
    and writes nothing a scheduled crawl relies on (archive, datasets, state, reports)."""
    url = local_site.add_file("world/talks.html", SITE / "talks-en.html")
    urls = tmp_path / "urls.txt"
    urls.write_text(url + "\n", encoding="utf-8")
    crawled = tmp_path / "crawled"
    run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={"OUTPUT_DIR": crawled})
    assert list((crawled / "warc").glob("*.warc.gz"))  # the crawl itself archives

    # Same OUTPUT_DIR: the fetch history says "archived recently", parse fetches anyway.
    before = sorted(p.relative_to(crawled) for p in crawled.rglob("*") if p.is_file())
    proc = run_scrapy(["parse", "--spider", "urls", "--pipelines", url],
                      settings={"OUTPUT_DIR": crawled, "SPIDERMON_ENABLED": None})
    assert "'headline': 'Hamas delegation arrives in Cairo for truce talks'" in proc.stdout
    assert "'topic_score'" in proc.stdout  # --pipelines: the annotating stages ran
    assert "[Spidermon]" not in proc.stderr  # the project enables monitors; parse does not run them
    after = sorted(p.relative_to(crawled) for p in crawled.rglob("*") if p.is_file())
    assert after == before
    assert sum(1 for _, path, _ in local_site.requests if path == "/world/talks.html") == 2
