"""Rendering is opt-in per outlet and page type: the RenderPlan, its request meta, and an
outlet crawl (Al Qahera News renders listings only) whose section page shows its links
only after scripts run and a "load more" click, in a real headless Chromium."""

from __future__ import annotations

import pickle

import pytest

from crawler.archive.browser_capture import browser_response_headers, main_exchange
from crawler.outlets import all_outlets, get_outlet
from crawler.rendering import RenderPlan, render_meta
from crawler.rendering.capture import BrowserExchange
from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.rendering_site import PARAGRAPHS


def test_plan_renders_only_its_page_types_and_knows_live_blogs():
    plan = RenderPlan(page_types=("liveblog",), liveblog_url_pattern=r"^/live/", wait_for="#feed li")
    assert render_meta(plan, "https://x.example/news/1") == {}
    meta = render_meta(plan, "https://x.example/live/talks-day-3")
    assert meta["playwright"] is True
    assert meta["render"]["page_type"] == "liveblog" and meta["render"]["wait_for"] == "#feed li"
    assert render_meta(plan, "https://x.example/section", "listing") == {}
    # Meta is plain data: requests stay picklable for JOBDIR resumes.
    assert pickle.loads(pickle.dumps(meta)) == meta


def test_force_renders_any_url_and_no_plan_means_plain_http():
    assert render_meta(None, "https://x.example/a") == {}
    forced = render_meta(None, "https://x.example/a", force=True)
    assert forced["playwright"] is True and forced["render"]["wait_for"] is None
    listing_only = RenderPlan(page_types=("listing",), wait_for="main a")
    assert render_meta(listing_only, "https://x.example/a", force=True)["render"]["wait_for"] == "main a"


def test_unknown_page_type_is_refused():
    with pytest.raises(ValueError, match="unknown page type"):
        RenderPlan(page_types=("video",))


def test_outlets_declare_plans_not_flags():
    for outlet in all_outlets().values():
        assert outlet.render is None or isinstance(outlet.render, RenderPlan), outlet.slug
    qahera = get_outlet("alqaheranews").render
    assert qahera.renders("https://alqaheranews.net/category/x", "listing")
    assert not qahera.renders("https://alqaheranews.net/news/123", "article")


def _exchange(headers, body=b"<html></html>", url="https://x.example/a", status=200, document=True):
    return BrowserExchange(url=url, method="GET", status=status, status_text="", headers=headers, body=body,
                           request_headers=[], is_document=document)


def test_browser_headers_are_made_consistent_with_the_decoded_body():
    exchange = _exchange([("Content-Encoding", "br"), ("Content-Length", "7"), ("Set-Cookie", "a=1"),
                          ("Set-Cookie", "b=2"), ("X-Note", "ü")])
    raw = browser_response_headers(exchange).raw
    assert raw.startswith(b"HTTP/1.1 200 OK\r\n")  # reason phrase supplied when HTTP/2 gives none
    assert b"X-Crawler-Content-Encoding: br\r\n" in raw and b"X-Crawler-Content-Length: 7\r\n" in raw
    assert b"\r\nContent-Length: 13\r\n" in raw and b"\r\nContent-Encoding" not in raw
    assert raw.count(b"Set-Cookie") == 2 and "X-Note: ü".encode("latin-1") in raw


def test_main_exchange_is_the_final_document_not_a_redirect_or_subresource():
    hop = _exchange([("Location", "/b")], body=b"", status=301)
    final = _exchange([], url="https://x.example/b")
    script = _exchange([], url="https://x.example/app.js", document=False)
    assert main_exchange([hop, final, script], "https://x.example/b") is final
    assert main_exchange([script], "https://x.example/b") is None


LISTING = """<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>أخبار</title></head>
<body><main><ul id="list"></ul><button id="more" hidden>المزيد</button></main>
<script>
const list = document.getElementById('list'), more = document.getElementById('more');
function add(n) { const li = document.createElement('li'); const a = document.createElement('a');
  a.href = '/news/' + n + '/cairo-talks'; a.textContent = 'مفاوضات القاهرة ' + n; li.appendChild(a); list.appendChild(li); }
setTimeout(() => { add(101); add(102); more.hidden = false; }, 100);
more.addEventListener('click', () => { add(103); more.remove(); });
</script></body></html>"""

ARTICLE = """<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>مفاوضات القاهرة {n}</title>
<meta property="article:published_time" content="2026-11-20T10:00:00+02:00"></head>
<body><article><h1>مفاوضات القاهرة {n}</h1>{body}</article></body></html>"""


def test_outlet_renders_its_listing_in_the_browser_and_fetches_articles_over_http(local_site, tmp_path):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    listing = local_site.add("category/news", LISTING)
    for n in (101, 102, 103):
        local_site.add(f"news/{n}/cairo-talks", ARTICLE.format(n=n, body=body))
    proc = run_scrapy(["crawl", "alqaheranews", "-a", f"sections={listing}", "-a", "kinds=sections",
                       "-a", "prefilter=0"], settings={"OUTPUT_DIR": str(tmp_path)}, timeout=120)
    stats = crawl_stats(proc.stderr)
    # Only the listing went through the browser; the links it showed after scripts and
    # one "load more" click were fetched over plain HTTP.
    assert "'rendering/pages': 1" in stats and "'rendering/ok': 1" in stats
    assert "'rendering/load_more_clicks': 1" in stats
    assert "'discovery/articles_requested': 3" in stats
    urls = sorted(item["url"] for item in feed_items(tmp_path))
    assert urls == [local_site.url(f"news/{n}/cairo-talks") for n in (101, 102, 103)]
    browser_paths = [path for _, path, headers in local_site.requests if "Chromium" in headers.get("sec-ch-ua", "")]
    assert browser_paths == ["/category/news"]


def test_a_missing_browser_is_a_clear_counted_error_not_a_crash(local_site, tmp_path):
    from tests.support.rendering_site import add_story_pages

    url = add_story_pages(local_site, 1)[0]
    (tmp_path / "urls.txt").write_text(url + "\n")
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={tmp_path / 'urls.txt'}", "-a", "render=true"],
                      settings={"OUTPUT_DIR": str(tmp_path / "out"),
                                "PLAYWRIGHT_LAUNCH_OPTIONS": '{"executable_path": "/nonexistent/chromium"}'})
    assert f"{url}: browser unavailable (/nonexistent/chromium)" in proc.stderr
    stats = crawl_stats(proc.stderr)
    assert "'rendering/failed/browser_error': 1" in stats and "'fetch/failed/RenderError': 1" in stats
