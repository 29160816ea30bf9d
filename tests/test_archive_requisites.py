"""Page requisites: what counts as one, the filter, caps and dedup; and two crawls in one archive.

The crawls (module fixture, one loopback site, one OUTPUT_DIR):
1. ``ARCHIVE_PAGE_REQUISITES=all``, screenshots off: both articles share /static/site.css, and a
   third serves the same stylesheet bytes from /cdn/site.css;
2. a later run (a follow-up story with the same requisites), default selection, and no browser
   at the configured path.
"""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timezone

import pytest
from parsel import Selector
from scrapy.settings import Settings

from crawler import settings as project_settings
from crawler.archive.requisites import (FAVICON, FONT, IMAGE, SCRIPT, STYLESHEET, Requisite, RequisitePolicy,
                                        css_requisites, html_requisites, pick_srcset)
from crawler.archive.revisits import PayloadIndex
from tests.support.crawl import crawl_stats, run_scrapy
from tests.support.requisites_site import STYLESHEET as SITE_CSS
from tests.support.requisites_site import TALKS_PARAGRAPHS, TALKS_TITLE, requisite_article, requisites_site
from tests.support.warc_records import read_all

BASE = "https://www.example-news.com/2026/11/20/talks.html"


def test_srcset_candidate_is_the_one_a_desktop_browser_picks():
    srcset = "a-480.jpg 480w, a-960.jpg 960w, a-1920.jpg 1920w"
    assert pick_srcset(srcset) == "a-1920.jpg"  # no sizes: the slot is the 1280px viewport
    assert pick_srcset(srcset, "(max-width: 600px) 100vw, 700px") == "a-960.jpg"
    assert pick_srcset(srcset, "50vw") == "a-960.jpg"
    assert pick_srcset("small.jpg 300w, mid.jpg 600w", "900px") == "mid.jpg"  # all smaller: the widest
    assert pick_srcset("a.jpg, a@2x.jpg 2x") == "a.jpg"
    assert pick_srcset("https://cdn.example.com/i/w_800,h_450/p.jpg 800w, https://cdn.example.com/i/w_1600,h_900/p.jpg 1600w",
                       "800px") == "https://cdn.example.com/i/w_800,h_450/p.jpg"


def test_html_requisites_cover_styles_images_icons_preloads_and_scripts_on_request():
    html = """<html><head><link rel="stylesheet" href="/css/main.css"><link rel="alternate stylesheet" href="/alt.css">
    <link rel="shortcut icon" href="/fav.ico"><link rel="preload" as="font" href="/f.woff2">
    <link rel="preload" as="script" href="/lib.js"><script src="/app.js"></script>
    <style>@import "/css/extra.css"; .hero { background-image: url(/img/hero.jpg) }</style></head>
    <body><img src="/logo.png"><article><img src="/a.jpg" srcset="/a-600.jpg 600w, /a-1400.jpg 1400w">
    <img src="data:image/gif;base64,R0lG" data-src="https://cdn.example.org/lazy.jpg">
    <picture><source media="(max-width: 500px)" srcset="/small.webp"><img src="/pic.jpg"></picture>
    <div style="background: url('/bg.png')"></div></article></body></html>"""
    found = html_requisites(Selector(text=html), BASE)
    base = "https://www.example-news.com"
    assert found == [
        Requisite(f"{base}/css/main.css", STYLESHEET), Requisite(f"{base}/fav.ico", FAVICON),
        Requisite(f"{base}/f.woff2", FONT), Requisite(f"{base}/css/extra.css", STYLESHEET),
        Requisite(f"{base}/img/hero.jpg", IMAGE), Requisite(f"{base}/a-1400.jpg", IMAGE),
        Requisite("https://cdn.example.org/lazy.jpg", IMAGE), Requisite(f"{base}/pic.jpg", IMAGE),
        Requisite(f"{base}/bg.png", IMAGE)]
    with_scripts = {r.url for r in html_requisites(Selector(text=html), BASE, scripts=True) if r.kind == SCRIPT}
    assert with_scripts == {f"{base}/lib.js", f"{base}/app.js"}
    # No icon named: the browser's default /favicon.ico.
    assert Requisite(f"{base}/favicon.ico", FAVICON) in html_requisites(Selector(text="<p>x</p>"), BASE)


def test_css_requisites_follow_imports_fonts_and_images():
    found = css_requisites(SITE_CSS, "https://static.example-news.com/css/site.css")
    assert found == [Requisite("https://static.example-news.com/css/print.css", STYLESHEET),
                     Requisite("https://static.example-news.com/static/fonts/serif.woff2", FONT),
                     Requisite("https://static.example-news.com/static/img/masthead.png", IMAGE)]


def _policy(payloads=None, **overrides) -> RequisitePolicy:
    settings = Settings()
    settings.setmodule(project_settings)
    settings.setdict(overrides)
    return RequisitePolicy(settings, payloads or PayloadIndex())


def test_policy_blocks_trackers_caps_pages_and_deduplicates():
    policy = _policy(ARCHIVE_REQUISITES_MAX_PER_PAGE=2, ARCHIVE_REQUISITES_MAX_BYTES_PER_PAGE=1000)
    assert policy.selects(True) and not policy.selects(False) and not policy.selects(None)
    budget = policy.budget()
    assert not policy.admit(BASE, Requisite("https://www.google-analytics.com/analytics.js", SCRIPT), budget)
    assert not policy.admit(BASE, Requisite("https://securepubads.g.doubleclick.net/gampad/ads?x=1", IMAGE), budget)
    assert policy.admit(BASE, Requisite("https://cdn.example.org/site.css", STYLESHEET), budget)
    assert not policy.admit(BASE, Requisite("https://cdn.example.org/site.css", STYLESHEET), policy.budget())
    assert not policy.admit(BASE, Requisite("https://cdn.example.org/big.jpg", IMAGE), budget, size=5000)
    assert policy.admit(BASE, Requisite("https://cdn.example.org/a.jpg", IMAGE), budget)
    assert not policy.admit(BASE, Requisite("https://cdn.example.org/b.jpg", IMAGE), budget)  # count cap
    assert policy.budget().count == 2  # a new page starts with the full cap


def test_policy_skips_recent_urls_and_finds_payloads_under_other_urls():
    payloads = PayloadIndex()
    now = datetime.now(timezone.utc)
    payloads.remember("https://cdn.example.org/recent.css", "sha1:AAAA", now.isoformat(), "<urn:uuid:1>")
    payloads.remember("https://cdn.example.org/old.css", "sha1:BBBB", "2020-01-01T00:00:00Z", "<urn:uuid:2>")
    policy = _policy(payloads)
    assert not policy.admit(BASE, Requisite("https://cdn.example.org/recent.css", STYLESHEET), policy.budget())
    assert policy.admit(BASE, Requisite("https://cdn.example.org/old.css", STYLESHEET), policy.budget())
    assert payloads.lookup_any("sha1:AAAA")["url"] == "https://cdn.example.org/recent.css"
    no_dedup = _policy(payloads, ARCHIVE_REQUISITES_DEDUP=False)
    assert no_dedup.admit(BASE, Requisite("https://cdn.example.org/recent.css", STYLESHEET), no_dedup.budget())
    with pytest.raises(ValueError):
        _policy(ARCHIVE_PAGE_REQUISITES="some")


def test_without_filter_lists_only_the_page_site_is_fetched():
    policy = _policy(ARCHIVE_REQUISITES_FILTER_LISTS=["/nonexistent/easylist.txt"])
    assert policy.admit(BASE, Requisite("https://static.example-news.com/a.css", STYLESHEET), policy.budget())
    assert not policy.admit(BASE, Requisite("https://cdn.other.org/a.css", STYLESHEET), policy.budget())


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    out = tmp_path_factory.mktemp("requisites")
    with requisites_site() as site:
        site.add("cdn/site.css", SITE_CSS, headers=[("Content-Type", "text/css")])
        site.add("mirror.html", requisite_article(TALKS_TITLE, TALKS_PARAGRAPHS[:2]).replace(
            "/static/site.css", "/cdn/site.css"))
        urls = out / "urls.txt"
        urls.write_text("\n".join(site.url(p) for p in ("talks.html", "ferries.html", "mirror.html")) + "\n")
        first = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], timeout=240, settings={
            "OUTPUT_DIR": str(out), "CRAWL_ID": "run-one", "ARCHIVE_PAGE_REQUISITES": "all",
            "ARCHIVE_SCREENSHOTS": "False"})
        first_requests = [path for _, path, _ in site.requests]
        site.requests.clear()
        # A follow-up story on the same site: the same stylesheet, font, icon and photos.
        site.add("followup.html", requisite_article("Mediators await the Hamas reply in Cairo", TALKS_PARAGRAPHS[1:]))
        (out / "followup.txt").write_text(site.url("followup.html") + "\n")
        second = run_scrapy(["crawl", "urls", "-a", f"urls={out / 'followup.txt'}"], timeout=240, settings={
            "OUTPUT_DIR": str(out), "CRAWL_ID": "run-two", "ARCHIVE_SCREENSHOTS": None,
            "PLAYWRIGHT_LAUNCH_OPTIONS": json.dumps({"executable_path": "/nonexistent/chromium"})})
        yield {"out": out, "site": site, "first": first, "first_requests": first_requests, "second": second,
               "second_requests": [path for _, path, _ in site.requests], "records": read_all(out / "warc")}


def test_shared_requisites_are_fetched_once_and_copies_become_revisits(two_runs):
    requests = two_runs["first_requests"]
    assert requests.count("/static/site.css") == 1  # used by two pages
    assert "/static/img/ferry-1600.png" in requests  # "all" selects the off-topic page too
    site = two_runs["site"]
    copies = {site.url(p) for p in ("cdn/site.css", "static/site.css")}
    records = [r for r in two_runs["records"] if r.headers.get("WARC-Target-URI") in copies and r.type != "request"]
    # Whichever arrived second is a revisit of the first: the bytes are stored once.
    assert sorted(r.type for r in records) == ["response", "revisit"]
    first, second = sorted(records, key=lambda r: r.type)
    assert second.headers["WARC-Refers-To-Target-URI"] == first.headers["WARC-Target-URI"]
    assert second.headers["WARC-Refers-To"] == first.id and not second.payload
    stats = crawl_stats(two_runs["first"].stderr)
    assert "'requisites/skipped/archived_in_crawl'" in stats
    assert "evidence/screenshot" not in stats  # switched off
    assert "'evidence/text': 2" in stats  # the two on-topic articles


def test_next_run_skips_recent_requisites_and_survives_a_missing_browser(two_runs):
    assert two_runs["second_requests"] == ["/robots.txt", "/followup.html"]
    stats = crawl_stats(two_runs["second"].stderr)
    assert "'requisites/skipped/archived_recently': 5" in stats, stats
    assert "'evidence/screenshot_skipped/no_browser': 1" in stats
    assert "'finish_reason': 'finished'" in stats


def test_warc_pack_since_a_run_packs_only_that_run(two_runs, tmp_path):
    out = two_runs["out"]
    run_scrapy(["warc_pack", "-o", str(tmp_path / "two.wacz"), "--since", "run-two"], settings={"OUTPUT_DIR": str(out)})
    run_scrapy(["warc_pack", "-o", str(tmp_path / "day.wacz"), "--since", datetime.now(timezone.utc).strftime("%Y-%m-%d")],
               settings={"OUTPUT_DIR": str(out)})
    with zipfile.ZipFile(tmp_path / "two.wacz") as two, zipfile.ZipFile(tmp_path / "day.wacz") as day:
        assert len([n for n in two.namelist() if n.startswith("archive/")]) == 1
        assert len([n for n in day.namelist() if n.startswith("archive/")]) == 2
    missing = run_scrapy(["warc_pack", "-o", str(tmp_path / "x.wacz"), "--since", "no-such-run"],
                         settings={"OUTPUT_DIR": str(out)}, check=False)
    assert missing.returncode != 0 and "no-such-run" in missing.stderr
