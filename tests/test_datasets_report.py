"""`scrapy report`: a self-contained HTML page, rendered in headless Chromium (Debian's `chromium`).

The screenshot is kept as a test artifact in ``$TEST_ARTIFACTS_DIR`` (default
``output/test-artifacts/``).
"""

from __future__ import annotations

import math
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
    assert not re.search(r"<script[^>]*\bsrc", html, flags=re.I)  # the one script is inline: no CDN
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
                  for sid in ("coverage-on-topic", "coverage-volume", "claims-timeline", "extraction-health")}
        # chart text is SVG <text>: an outlet's name in the legend can be selected and searched
        legend = page.locator("section#coverage-volume svg text", has_text="youm7")
        selected = legend.first.evaluate(
            "t => { const r = document.createRange(); r.selectNodeContents(t); const s = getSelection();"
            " s.removeAllRanges(); s.addRange(r); return s.toString(); }")
        # the claims table filters by actor, outlet and language, offline
        total_rows = page.locator("#claims-table tbody tr").count()
        actors = page.locator("#claims select[data-filter=actor] option").evaluate_all(
            "options => options.map(o => o.value).filter(v => v)")
        page.select_option("#claims select[data-filter=actor]", actors[0])
        visible_actors = page.locator("#claims-table tbody tr:visible").evaluate_all(
            "rows => rows.map(r => r.dataset.actor)")
        languages = page.locator("#claims select[data-filter=language] option").evaluate_all(
            "options => options.map(o => o.value).filter(v => v)")
        page.select_option("#claims select[data-filter=language]", languages[-1])
        both = page.locator("#claims-table tbody tr:visible").evaluate_all(
            "rows => rows.map(r => [r.dataset.actor, r.dataset.language])")
        page.select_option("#claims select[data-filter=actor]", "")
        page.select_option("#claims select[data-filter=language]", "")
        page.select_option("#claims select[data-filter=outlet]", "cairo24")
        outlets_shown = set(page.locator("#claims-table tbody tr:visible").evaluate_all(
            "rows => rows.map(r => r.dataset.outlet)"))
        count_text = page.locator("#claims .count").text_content()
        repeated_rows = page.locator("section#repeated-claims tbody tr").count()
        bars = page.locator("section#coverage-volume svg g[id^=patch]").count()
        box = page.locator("section#coverage-volume svg").bounding_box()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "datasets-report.png"), full_page=True)
        browser.close()
    assert problems == []
    assert selected == "youm7" and "<text" in html
    assert total_rows == sum(1 for i in {i["url"]: i for i in items}.values() for _ in i.get("claims") or [])
    assert 0 < len(visible_actors) < total_rows and set(visible_actors) == {actors[0]}
    assert all(a == actors[0] and lang == languages[-1] for a, lang in both) and len(both) <= len(visible_actors)
    assert outlets_shown == {"cairo24"} and count_text.endswith(f"of {total_rows} shown")
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
    assert html.count("<svg") == 2  # all crawled and extraction health; nothing judged on topic
    assert "No on-topic article with a publication date yet." in html
    assert "No claims yet." in html and "No claim carried by more than one outlet yet." in html
    assert '<div><b>3</b>articles</div>' in html and "<script" not in html  # no claims: no filter script


def test_on_topic_coverage_is_charted_apart_from_everything_crawled(tmp_path):
    from crawler.datasets import DATASETS, DatasetWriter
    from crawler.datasets.report import build_report
    from crawler.datasets.rows import RowProblems, article_row
    from tests.test_datasets_writer import make_item

    writer = DatasetWriter(tmp_path / "parquet", DATASETS["articles"], "r")
    for n in range(6):  # reuters carries only off-topic pages
        outlet = ("youm7", "bbc", "reuters")[n % 3]
        writer.add(article_row(make_item(n, outlet=outlet) | {"on_topic": outlet != "reuters"}, "r", RowProblems()))
    writer.close()
    html = build_report(tmp_path).read_text(encoding="utf-8")
    on_topic = html.split('id="coverage-on-topic"', 1)[1].split("</section>", 1)[0]
    crawled = html.split('id="coverage-volume"', 1)[1].split("</section>", 1)[0]
    assert ">reuters<" not in on_topic and ">youm7<" in on_topic and ">bbc<" in on_topic
    assert ">reuters<" in crawled and ">youm7<" in crawled
    assert "<div><b>4</b>on topic</div>" in html and "<div><b>6</b>articles</div>" in html


def lab_hue(rgb) -> float:
    """CIE L*a*b* hue angle (degrees) of an sRGB colour: how different two colours look in hue."""
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb[:3])
    x, y, z = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return math.degrees(math.atan2(200 * (f[1] - f[2]), 500 * (f[0] - f[1]))) % 360


def test_neighbouring_series_differ_in_hue():
    from crawler.datasets.report import PALETTE

    assert len(PALETTE) >= 18
    for i, colour in enumerate(PALETTE):  # wrapping round too: a 19th series follows the 18th
        following = PALETTE[(i + 1) % len(PALETTE)]
        difference = abs(lab_hue(colour) - lab_hue(following)) % 360
        assert min(difference, 360 - difference) >= 30, (i, colour, following)
