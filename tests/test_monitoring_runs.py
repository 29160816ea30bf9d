"""Run monitoring (crawler/monitors): real crawls of a loopback site judged by Spidermon.

A redesign that loses a field must fail the run (non-zero exit), name the outlet
and the field, and leave a JSON run report under <OUTPUT_DIR>/reports/.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from lxml import html

from tests.conftest import shared_path
from tests.support.crawl import crawl_stats, run_scrapy

YOUM7_PAGE = ("corpus", "raw", "youm7", "irrigation-minister-2020-08-24.html")


def redesigned(page: bytes) -> bytes:
    """The same article after a layout change: headline, metadata and scripts gone from the markup."""
    doc = html.fromstring(page)
    for element in doc.xpath("//script | //meta | //time | //title | //h1"):
        element.getparent().remove(element)
    return html.tostring(doc, encoding="utf-8")


def crawl(local_site, tmp_path, urls, *extra):
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    # Monitoring explicitly on: the test harness may turn it off for unrelated crawl tests.
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={url_file}", *extra],
                      settings={"OUTPUT_DIR": out, "SPIDERMON_ENABLED": "True"}, check=False)
    reports = sorted((out / "reports").glob("urls-*.json"))
    assert len(reports) == 1, proc.stderr[-3000:]
    return proc, json.loads(reports[0].read_text(encoding="utf-8"))


def test_healthy_outlet_run_passes_and_writes_a_report(local_site, tmp_path):
    page = shared_path(*YOUM7_PAGE).read_bytes()
    url = local_site.add("story/2020/8/24/irrigation/4943459", page)

    proc, report = crawl(local_site, tmp_path, [url], "-a", "outlet=youm7")

    assert proc.returncode == 0, proc.stderr[-3000:]
    assert report["passed"] is True and report["failures"] == []
    assert report["spider"] == "urls" and report["outlet"] == "youm7"
    assert report["finish_reason"] == "finished"
    assert report["outlets"]["youm7"] == {"items": 1, "coverage": {"headline": 1.0, "published": 1.0, "body": 1.0}}
    assert {m["monitor"] for m in report["monitors"]} >= {
        "Item floor", "Field coverage per outlet", "Error rate", "Retry rate", "Finish Reason Monitor"}
    assert "'monitoring/passed': True" in crawl_stats(proc.stderr)


def test_broken_layout_fails_the_run_naming_outlet_and_field(local_site, tmp_path):
    page = shared_path(*YOUM7_PAGE).read_bytes()
    good = local_site.add("story/2020/8/24/irrigation/4943459", page)
    broken = local_site.add("story/2020/8/25/redesign/4943460", redesigned(page))

    proc, report = crawl(local_site, tmp_path, [good, broken], "-a", "outlet=youm7")

    assert proc.returncode == 1
    assert report["passed"] is False
    [failure] = report["failures"]
    assert failure["monitor"] == "Field coverage per outlet"
    assert "outlet 'youm7'" in failure["message"] and "field 'headline'" in failure["message"]
    assert "1/2" in failure["message"]
    assert report["outlets"]["youm7"]["coverage"]["headline"] == 0.5
    # The operator sees it in the log too, and the crawls dataset reads the stats.
    assert "Monitor failed: outlet 'youm7': field 'headline'" in proc.stderr
    stats = crawl_stats(proc.stderr)
    assert "'monitoring/passed': False" in stats and "'monitoring/failures': 1" in stats
    # The run's row in the crawls dataset carries the outcome (monitors run before it is written).
    [row] = [r for f in sorted((tmp_path / "out").glob("**/crawls/**/*.parquet")) for r in pq.read_table(f).to_pylist()]
    crawl_stats_json = json.loads(row["stats_json"])
    assert crawl_stats_json["monitoring/passed"] is False
    assert crawl_stats_json["monitoring/report"].endswith(".json")


def test_a_run_that_fetches_nothing_fails_floor_and_error_rate(local_site, tmp_path):
    missing = [local_site.url("gone-1.html"), local_site.url("gone-2.html")]

    proc, report = crawl(local_site, tmp_path, missing)

    assert proc.returncode == 1
    messages = {f["monitor"]: f["message"] for f in report["failures"]}
    assert set(messages) == {"Item floor", "Error rate"}
    assert "0 items scraped" in messages["Item floor"]
    assert "2 of 3 requests failed" in messages["Error rate"]  # robots.txt is the third request
    assert report["stats"]["fetch/failed/http_404"] == 2


def test_outlet_spider_is_monitored_and_its_next_run_reads_only_the_feed(local_site, tmp_path):
    """`scrapy crawl youm7` from a loopback copy of its feed: same monitors, same incremental state."""
    page = shared_path(*YOUM7_PAGE).read_bytes()
    good = local_site.add("story/2020/8/24/irrigation/4943459", page)
    broken = local_site.add("story/2020/8/25/redesign/4943460", redesigned(page))
    items = "".join(f"<item><title>{n}</title><link>{url}</link></item>" for n, url in enumerate([good, broken]))
    feed = local_site.add("rss.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Youm7</title>'
                                     f"{items}</channel></rss>", headers=[("Content-Type", "application/rss+xml")])
    out = tmp_path / "out"
    crawl = ["crawl", "youm7", "-a", f"feeds={feed}", "-a", "prefilter=0"]
    settings = {"OUTPUT_DIR": out, "SPIDERMON_ENABLED": "True"}

    first = run_scrapy(crawl, settings=settings, check=False)
    assert first.returncode == 1
    [report] = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "reports").glob("youm7-*.json")]
    assert report["spider"] == "youm7" and report["outlet"] == "youm7"
    assert ["outlet 'youm7': field 'headline' filled in 1/2 items (50%), below 90%"] == [
        f["message"] for f in report["failures"]]

    mark = len(local_site.requests)
    second = run_scrapy(crawl, settings=settings, check=False)
    fetched = [path for _, path, _ in local_site.requests[mark:] if path != "/robots.txt"]
    assert fetched == ["/rss.xml"]  # the listing again, no article
    assert "'incremental/skipped/recent': 2" in crawl_stats(second.stderr)
    assert second.returncode == 0  # nothing new is not a failure
