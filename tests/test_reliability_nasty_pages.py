"""A crawl of nasty pages through `scrapy crawl urls` on loopback (issue 10).

Every response is archived in the WARC as sent, whatever happens to it next;
each page either becomes an article or is counted under
``extraction/failed/<reason>``; the crawl finishes.
"""

from __future__ import annotations

import re

import pytest

from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.hostile_site import nasty_pages, twenty_mb_page
from tests.support.servers import LocalSite
from tests.support.warc_records import read_all


@pytest.fixture(scope="module")
def nasty_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nasty")
    pages = nasty_pages()
    with LocalSite() as site:
        urls = {name: site.add(f"/nasty/{name}", body, headers=headers) for name, (body, headers, _) in pages.items()}
        urls["twenty-mb"] = site.add("/nasty/twenty-mb", twenty_mb_page(), headers=[("Content-Type", "text/html")])
        url_file = tmp / "urls.txt"
        url_file.write_text("\n".join(urls.values()) + "\n")
        out = tmp / "out"
        # 20 MB is over the default DOWNLOAD_MAXSIZE (16 MB, test_security_bounds); raised here so the
        # extractor and the archive meet the page itself.
        proc = run_scrapy(["crawl", "urls", "-a", f"urls={url_file}"],
                          settings={"OUTPUT_DIR": out, "DOWNLOAD_MAXSIZE": str(64 * 1024 * 1024)}, timeout=180)
        sent = {path: body for path, body in site.sent}
    return {"pages": pages, "urls": urls, "out": out, "proc": proc, "stats": crawl_stats(proc.stderr), "sent": sent}


def test_crawl_finishes_without_crashing(nasty_crawl):
    stats = nasty_crawl["stats"]
    assert "'finish_reason': 'finished'" in stats
    assert "Traceback" not in nasty_crawl["proc"].stderr
    assert "extraction/failed/error_" not in stats  # no extractor crash, only named reasons


def test_every_response_is_archived_byte_for_byte(nasty_crawl):
    responses = {r.headers["WARC-Target-URI"]: r for r in read_all(nasty_crawl["out"] / "warc")
                 if r.type == "response"}
    for name, url in nasty_crawl["urls"].items():
        assert url in responses, f"{name} not archived"
        assert responses[url].payload == nasty_crawl["sent"][f"/nasty/{name}"], name


def test_each_failure_is_counted_with_its_reason_and_the_rest_are_articles(nasty_crawl):
    stats = nasty_crawl["stats"]
    expected: dict[str, int] = {}
    for _, (_, _, reason) in nasty_crawl["pages"].items():
        if reason:
            expected[reason] = expected.get(reason, 0) + 1
    for reason, count in expected.items():
        assert f"'extraction/failed/{reason}': {count}" in stats, (reason, stats)
    failed = sum(int(n) for n in re.findall(r"'extraction/failed/[^']+': (\d+)", stats))
    assert failed == sum(expected.values())
    items = {i["url"]: i for i in feed_items(nasty_crawl["out"])}
    should_extract = {name for name, (_, _, reason) in nasty_crawl["pages"].items() if not reason} | {"twenty-mb"}
    assert {nasty_crawl["urls"][n] for n in should_extract} == set(items)


def test_article_text_is_clean_and_lies_are_not_believed(nasty_crawl):
    items = {i["url"]: i for i in feed_items(nasty_crawl["out"])}
    urls = nasty_crawl["urls"]
    for item in items.values():
        for text in [item.get("headline") or "", item["body"]]:
            assert not re.search("[\u200b\u200c\u202a-\u202e\u2066-\u2069\ufeff\x00]", text), item["url"]
        assert "\ufffd" not in (item.get("headline") or ""), item["url"]
    # Arabic text survives the charset lies and the BOM.
    for name in ("cp1256-undeclared", "iso88596-declared-utf8", "utf8-bom-header-cp1256", "bidi-zero-width"):
        assert "القاهرة" in items[urls[name]]["body"] + (items[urls[name]].get("headline") or ""), name
        assert items[urls[name]]["language"] == "ar", name
    lying = items[urls["lying-jsonld-absurd-dates"]]
    assert not (lying.get("published") or "").startswith(("2999", "0000"))
    assert all(isinstance(a, str) for a in lying["authors"])
    assert items[urls["twenty-mb"]]["word_count"] > 0
