"""Rendering in a real headless Chromium (Debian's `chromium`) against loopback pages whose
article exists only after scripts run; then what the WARC and the captures dataset hold.

Two crawls of the same site (module fixture): plain HTTP, and `-a render=true` with a wait
selector, a 4 s render budget and subresource archiving on. The site also has a page whose
body never appears and one whose script never finishes loading.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.rendering_site import HEADLINE, PARAGRAPHS, add_failing_pages, add_story_pages
from tests.support.servers import LocalSite
from tests.support.warc_records import read_all

RENDER_BUDGET = "4"


def _crawl(site_urls: list[str], out: Path, *extra: str, settings: dict | None = None):
    url_file = out / "urls.txt"
    out.mkdir(parents=True, exist_ok=True)
    url_file.write_text("\n".join(site_urls) + "\n")
    return run_scrapy(["crawl", "urls", "-a", f"urls={url_file}", *extra],
                      settings={"OUTPUT_DIR": str(out), **(settings or {})}, timeout=180)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    with LocalSite() as site:
        story = add_story_pages(site, 1)[0]
        empty, hanging = add_failing_pages(site)
        root = tmp_path_factory.mktemp("rendering")
        plain = _crawl([story], root / "plain")
        plain_requests = list(site.requests)
        rendered = _crawl([story, empty, hanging], root / "rendered", "-a", "render=true",
                          "-a", "wait_for=#story p",
                          settings={"RENDERING_PAGE_TIMEOUT": RENDER_BUDGET, "RENDERING_ARCHIVE_SUBRESOURCES": "True"})
        served_shell = gzip.decompress(next(body for path, body in site.sent if path == "/story/1"))
        yield {"site": site, "story": story, "empty": empty, "hanging": hanging, "root": root,
               "plain": plain, "plain_requests": plain_requests, "rendered": rendered,
               "served_shell": served_shell}


def _records(out: Path):
    return read_all(out / "warc")


def test_plain_http_gets_only_the_shell_and_never_starts_a_browser(crawls):
    items = feed_items(crawls["root"] / "plain")
    assert not any(PARAGRAPHS[0] in (item.get("body") or "") for item in items)
    stats = crawl_stats(crawls["plain"].stderr)
    assert "rendering/pages" not in stats and "playwright/browser_count" not in stats
    # Without a browser the script and the data it loads are never fetched.
    assert [path for _, path, _ in crawls["plain_requests"] if path.startswith("/story")] == ["/story/1"]
    assert not any(path.startswith(("/static", "/api")) for _, path, _ in crawls["plain_requests"])


def test_rendered_crawl_gets_the_full_article(crawls):
    items = {item["url"]: item for item in feed_items(crawls["root"] / "rendered")}
    item = items[crawls["story"]]
    assert item["headline"] == HEADLINE
    assert item["paragraphs"] == PARAGRAPHS
    assert "'rendering/ok': 1" in crawl_stats(crawls["rendered"].stderr)


def test_warc_holds_the_raw_response_as_served_and_the_rendered_dom(crawls):
    records = _records(crawls["root"] / "rendered")
    story = crawls["story"]
    responses = [r for r in records if r.type == "response" and r.headers.get("WARC-Target-URI") == story]
    assert len(responses) == 1
    raw = responses[0]
    # The HTML as the server sent it: the script tag, no article text.
    assert raw.payload == crawls["served_shell"]
    assert b"/static/app.js" in raw.payload and PARAGRAPHS[0].encode() not in raw.payload
    header = raw.http_header_values
    # Chromium decoded gzip and de-chunked: wire headers kept under X-Crawler-, length of what is stored.
    assert header("X-Crawler-Content-Encoding") == ["gzip"]
    assert header("X-Crawler-Transfer-Encoding") == ["chunked"]
    assert header("Content-Encoding") == [] and header("Transfer-Encoding") == []
    assert header("Content-Length") == [str(len(raw.payload))]
    assert header("Set-Cookie") == ["session=abc; Path=/", "region=eg; Path=/"]
    assert raw.http_head.startswith(b"HTTP/1.1 200 OK\r\n")
    raw_id = raw.headers.get("WARC-Record-ID")
    requests = [r for r in records if r.type == "request" and r.headers.get("WARC-Target-URI") == story]
    assert [r.headers.get("WARC-Concurrent-To") for r in requests] == [raw_id]
    assert requests[0].http_header_values("Accept-Encoding") == ["gzip, deflate"]
    # The browser sends the page's cookies with every subresource; they are not archived by default.
    browser_requests = [r for r in records if r.type == "request" and r.http_header_values("sec-ch-ua")]
    assert len(browser_requests) == 2  # app.js and the JSON (the document's request carries Scrapy's headers)
    assert not any(r.http_header_values("Cookie") for r in records if r.type == "request")

    doms = [r for r in records if r.type == "resource"]
    assert [r.headers.get("WARC-Target-URI") for r in doms] == ["urn:rendered-dom:" + story]
    dom = doms[0]
    assert dom.headers.get("WARC-Concurrent-To") == raw_id
    assert dom.headers.get("Content-Type").startswith("text/html")
    text = dom.payload.decode("utf-8")
    assert all(p in text for p in PARAGRAPHS) and f"<h1>{HEADLINE}</h1>" in text
    # The DOM is never passed off as what the server sent.
    assert not any(r.type == "response" and r.payload == dom.payload for r in records)


def test_article_item_and_metadata_point_to_the_raw_response(crawls):
    out = crawls["root"] / "rendered"
    records = _records(out)
    raw_id = next(r.headers.get("WARC-Record-ID") for r in records
                  if r.type == "response" and r.headers.get("WARC-Target-URI") == crawls["story"])
    item = next(i for i in feed_items(out) if i["url"] == crawls["story"])
    assert item["warc_record_id"] == raw_id
    metadata = [r for r in records if r.type == "metadata"]
    assert [m.headers.get("WARC-Refers-To") for m in metadata] == [raw_id]


def test_subresources_are_archived_when_asked_and_images_are_blocked(crawls):
    records = _records(crawls["root"] / "rendered")
    site = crawls["site"]
    uris = {r.headers.get("WARC-Target-URI") for r in records if r.type == "response"}
    assert {site.url("static/app.js"), site.url("api/story/1.json")} <= uris
    data = next(r for r in records if r.type == "response" and r.headers.get("WARC-Target-URI") == site.url("api/story/1.json"))
    assert PARAGRAPHS[0].encode() in data.payload
    # The script added an <img>; the browser never asked the server for it.
    assert not any(path == "/img/photo.png" for _, path, _ in site.requests)
    assert "'rendering/blocked/image': 1" in crawl_stats(crawls["rendered"].stderr)


def test_pages_that_never_finish_rendering_time_out_with_a_clear_error(crawls):
    proc = crawls["rendered"]
    log = proc.stderr
    assert (f"{crawls['empty']} did not finish rendering within {RENDER_BUDGET}s "
            "(waiting for selector '#story p')") in log
    assert f"{crawls['hanging']} did not finish rendering within {RENDER_BUDGET}s (navigation)" in log
    stats = crawl_stats(log)
    assert "'rendering/failed/timeout': 2" in stats
    assert "'fetch/failed/RenderTimeout': 2" in stats
    # Every page opened was closed, failures included; the crawl went on and finished.
    assert "'playwright/page_count': 3" in stats and "'playwright/page_count/closed': 3" in stats
    assert "'finish_reason': 'finished'" in stats


def test_captures_dataset_sees_the_browser_captures(crawls):
    out = crawls["root"] / "rendered"
    rows = ds.dataset(out / "parquet" / "captures", format="parquet", partitioning="hive").to_table().to_pylist()
    by_kind = {(row["url"], row["record_type"]) for row in rows}
    story = crawls["story"]
    assert {(story, "response"), (story, "resource"), (crawls["site"].url("static/app.js"), "response")} <= by_kind
    failed = {row["url"]: row["error"] for row in rows if row["status"] is None}
    assert set(failed) == {crawls["empty"], crawls["hanging"]}
    assert all(error.startswith("RenderTimeout") for error in failed.values())
    ids = {r.headers.get("WARC-Record-ID") for r in _records(out)}
    assert {row["warc_record_id"] for row in rows if row["status"] is not None} <= ids


def test_warcs_pass_warcio_check_and_the_strict_checker(crawls):
    files = [str(p) for p in sorted((crawls["root"] / "rendered" / "warc").glob("*.warc.gz"))]
    assert files
    warcio = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", "-v", *files], capture_output=True, text=True)
    assert warcio.returncode == 0, warcio.stdout + warcio.stderr
    strict = run_scrapy(["warc_check", *files], check=False)
    assert strict.returncode == 0, strict.stdout + strict.stderr
    assert "0 strict problem(s)" in strict.stdout + strict.stderr


def test_replay_serves_the_raw_response_without_a_browser(crawls, tmp_path):
    """REPLAY_WARC_FILES replaces the download handlers: a rendered request is answered from
    the archived network response (the HTML as served), never by a browser or from the DOM."""
    warcs = crawls["root"] / "rendered" / "warc"
    url_file = tmp_path / "urls.txt"
    url_file.write_text(crawls["story"] + "\n")
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={url_file}", "-a", "render=true"],
                      settings={"OUTPUT_DIR": str(tmp_path / "out"), "REPLAY_WARC_FILES": str(warcs)})
    stats = crawl_stats(proc.stderr)
    assert "rendering/pages" not in stats and "playwright/browser_count" not in stats
    assert "'warc/not_archived/replayed'" in stats
    assert not any(PARAGRAPHS[0] in (item.get("body") or "") for item in feed_items(tmp_path / "out"))
