"""`scrapy check <outlet>`: contracts built from each outlet's sample URLs, run offline on replayed corpus captures.

With internet the same command fetches the live pages; here REPLAY_WARC_FILES
serves the corpus pages at their original URLs from a WARC this test writes.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from warcio.warcwriter import WARCWriter

from crawler.outlets import all_outlets
from crawler.spiders.outlets import CONTRACT_FIELDS
from tests.conftest import shared_path
from tests.support.crawl import run_scrapy
from tests.test_outlets_replay import corpus_pages_by_outlet, write_record


def corpus_by_url() -> dict[str, dict]:
    return {unquote(e["original_url"]): e for entries in corpus_pages_by_outlet().values() for e in entries}


def archive(path, pages: dict[str, bytes]) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html in pages.items():
            write_record(writer, url, "text/html; charset=utf-8", html)


def test_every_outlet_with_sample_urls_has_one_contract_per_sample():
    listed = run_scrapy(["check", "-l"]).stdout  # lists only: nothing is fetched or written
    for slug, outlet in all_outlets().items():
        methods = re.findall(rf"^{re.escape(slug)}\n((?:  \* \w+\n?)*)", listed, flags=re.M)
        count = methods[0].count("check_sample_") if methods else 0
        assert count == len(outlet.sample_urls), (slug, listed)


def test_contracts_pass_on_the_corpus_captures_of_the_sample_urls(tmp_path):
    corpus = corpus_by_url()
    # Outlets whose every sample URL is a corpus page (the others' samples are not archived here).
    covered = sorted(slug for slug, o in all_outlets().items()
                     if o.sample_urls and all(unquote(u) in corpus for u in o.sample_urls))
    assert len(covered) >= 5, covered
    pages = {e["original_url"]: shared_path("corpus", e["file"]).read_bytes() for e in corpus.values()}
    archive(tmp_path / "corpus.warc.gz", pages)
    proc = run_scrapy(["check", *covered], settings={"REPLAY_WARC_FILES": str(tmp_path / "corpus.warc.gz"),
                                                     "OUTPUT_DIR": str(tmp_path / "out")}, check=False, timeout=300)
    samples = sum(len(all_outlets()[slug].sample_urls) for slug in covered)
    assert proc.returncode == 0, proc.stderr[-4000:]
    # two contracts per sample: @returns and @extracts
    assert f"Ran {2 * samples} contracts" in proc.stderr and "OK" in proc.stderr, proc.stderr[-2000:]


def test_a_sample_page_missing_a_field_fails_its_contract(tmp_path):
    sample = all_outlets()["cbc"].sample_urls[0]  # its URL holds no date either
    undated = ("<html lang='en'><head><title>Hamas delegation arrives in Cairo</title></head><body><article>"
               "<h1>Hamas delegation arrives in Cairo</h1><p>" + "A Hamas delegation arrived in Cairo on Sunday to "
               "discuss the new truce proposal with Egyptian mediators. " * 6 + "</p></article></body></html>")
    archive(tmp_path / "broken.warc.gz", {sample: undated.encode("utf-8")})
    proc = run_scrapy(["check", "cbc"], settings={"REPLAY_WARC_FILES": str(tmp_path / "broken.warc.gz"),
                                                 "OUTPUT_DIR": str(tmp_path / "out")}, check=False, timeout=120)
    assert proc.returncode == 1
    assert "check_sample_1 (@extracts post-hook)" in proc.stderr and "no published" in proc.stderr, proc.stderr[-3000:]
    assert "published" in CONTRACT_FIELDS
