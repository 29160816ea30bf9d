"""The Hebrew outlets: registered like the others (evidence, sample URLs, time zone), with
article patterns that give a CDX query a fixed start, and `scrapy crawlall --language he`
runs exactly them against local copies of their feeds."""

from __future__ import annotations

import json
import re

from crawler.outlets import all_outlets
from tests.conftest import FIXTURES
from tests.support.crawl import feed_items, run_scrapy

HEBREW = {slug: o for slug, o in all_outlets().items() if "he" in o.languages}
EXPECTED = {"kan-news", "ynet", "n12-mako", "haaretz-hebrew", "israelhayom", "maariv", "walla-news", "arutz7"}


def test_eight_hebrew_outlets_in_jerusalem_time():
    assert EXPECTED <= set(HEBREW)
    for outlet in HEBREW.values():
        assert outlet.timezone == "Asia/Jerusalem"
        assert len(outlet.sample_urls) >= 3 or outlet.slug == "n12-mako"


def test_patterns_have_a_fixed_start_for_cdx_queries():
    # "^/news/article/..." -> a CDX prefix query on <domain>/news/article/ instead of the whole site
    for outlet in HEBREW.values():
        fixed = re.match(r"(?:\(\?i\))?\^(/[\w-]+/?)", outlet.article_url_pattern)
        assert fixed, outlet.slug


def test_patterns_reject_section_pages():
    cases = {
        "ynet": ["https://www.ynet.co.il/news/category/184", "https://www.ynet.co.il/news"],
        "maariv": ["https://www.maariv.co.il/news/politics"],
        "n12-mako": ["https://www.mako.co.il/news-military", "https://www.mako.co.il/news-politics?partner=x"],
        "haaretz-hebrew": ["https://www.haaretz.co.il/news/politics"],
        "israelhayom": ["https://www.israelhayom.co.il/news/politics"],
        "walla-news": ["https://news.walla.co.il/category/1"],
        "kan-news": ["https://www.kan.org.il/content/kan-news/politic/"],
        "arutz7": ["https://www.inn.co.il/news/"],
    }
    for slug, urls in cases.items():
        for url in urls:
            assert not HEBREW[slug].is_article_url(url), (slug, url)


def test_crawlall_language_he_runs_the_hebrew_outlets(local_site, tmp_path):
    pages = {"ynet": ("/news/article/hkx7tq2cairo", "ynet_style.html"),
             "maariv": ("/news/politics/Article-1094412", "maariv_style.html")}
    endpoints = {}
    for slug in HEBREW:
        links = ""
        if slug in pages:
            path, name = pages[slug]
            local_site.add_file(path, FIXTURES / "pages" / "hebrew" / name)
            links = f"<item><title>עסקת החטופים: המשלחת לקהיר</title><link>{local_site.url(path)}</link></item>"
        local_site.add(f"/{slug}.xml", f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                                       f"<title>{slug}</title>{links}</channel></rss>")
        endpoints[slug] = {"feeds": [local_site.url(f"/{slug}.xml")]}
    endpoints_file = tmp_path / "endpoints.json"
    endpoints_file.write_text(json.dumps(endpoints))
    summary_file = tmp_path / "summary.json"
    run_scrapy(["crawlall", "--language", "he", "--endpoints", str(endpoints_file), "-a", "prefilter=0",
                "--summary", str(summary_file)], settings={"OUTPUT_DIR": str(tmp_path / "out")}, timeout=120)
    summary = json.loads(summary_file.read_text())
    assert set(summary) == set(HEBREW)
    items = {item["outlet"]: item for item in feed_items(tmp_path / "out")}
    assert set(items) == {"ynet", "maariv"}
    assert all(item["language"] == "he" for item in items.values())
    assert items["maariv"]["published"] == "2024-05-06T21:15:00+03:00"
    assert items["ynet"]["authors"] == ["איתי בן-דוד", "נעמה לוין"]
