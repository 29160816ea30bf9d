"""`scrapy report`: a self-contained HTML page, rendered in headless Chromium (Debian's `chromium`).

The screenshot is kept as a test artifact in ``$TEST_ARTIFACTS_DIR`` (default
``output/test-artifacts/``).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support.crawl import PROJECT_ROOT, run_scrapy
from tests.support.datasets_site import crawled  # noqa: F401

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR", PROJECT_ROOT / "output" / "test-artifacts"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_report_is_self_contained_and_renders_without_errors(crawled):
    out, items, *_ = crawled
    proc = run_scrapy(["report"], settings={"OUTPUT_DIR": str(out)})
    report = Path(proc.stdout.strip())
    assert report == out / "report.html" and report.is_file()  # the default target
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html.lower()  # no scripts at all, so no CDN either
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing fetched from a network

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for this test: apt-get install chromium", pytrace=False)
    problems, requests = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        charts = {sid: page.locator(f"section#{sid} svg").count()
                  for sid in ("coverage-volume", "claims-timeline", "extraction-health")}
        repeated_rows = page.locator("section#repeated-claims tbody tr").count()
        bars = page.locator("section#coverage-volume svg g[id^=patch]").count()
        box = page.locator("section#coverage-volume svg").bounding_box()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "datasets-report.png"), full_page=True)
        browser.close()
    assert problems == []
    assert requests == [report.as_uri()]  # the page asked for nothing else
    assert all(n == 1 for n in charts.values()), charts
    assert box and box["width"] > 400 and box["height"] > 150  # the chart is drawn at a readable size
    assert bars > 5
    assert repeated_rows > 0
    outlets = {i["outlet"] for i in items}
    for outlet in outlets:  # every outlet shows in the extraction health table
        assert f">{outlet}<" in html
    assert (ARTIFACTS / "datasets-report.png").stat().st_size > 10_000


def test_report_without_claims_says_so(tmp_path):
    from crawler.datasets import DATASETS, DatasetWriter
    from crawler.datasets.report import build_report
    from crawler.datasets.rows import RowProblems, article_row
    from tests.test_datasets_writer import make_item

    writer = DatasetWriter(tmp_path / "parquet", DATASETS["articles"], "r")
    for n in range(3):
        writer.add(article_row(make_item(n), "r", RowProblems()))
    writer.close()
    html = build_report(tmp_path).read_text(encoding="utf-8")
    assert html.count("<svg") == 2  # volume and extraction health
    assert "No claims yet." in html and "No claim carried by more than one outlet yet." in html
    assert '<div><b>3</b>articles</div>' in html
