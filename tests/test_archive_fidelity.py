"""An on-topic article replays as its readers saw it, checked in ReplayWeb.page itself.

One crawl with the project's default settings, exactly as a user runs it:
`scrapy crawl urls -a urls=FILE` against a loopback news site (an on-topic article and
an off-topic one, both with stylesheet, web font, photos, favicon, a script and a
tracking pixel), then `scrapy warc_pack -o FILE`. The site is stopped before the WACZ
is opened in ReplayWeb.page (npm package `replaywebpage`, `make setup-tools`), whose
ui.js and sw.js are served from loopback to Debian's Chromium.
"""

from __future__ import annotations

import asyncio
import functools
import io
import shutil
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.crawl import FAST_SETTINGS, crawl_stats, read_jsonl, run_scrapy
from tests.support.requisites_site import (HEADLINE_COLOUR, SEARCH_SENTENCE, TALKS_PARAGRAPHS, TALKS_TITLE,
                                          requisites_site)
from tests.support.warc_records import read_all

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REPLAYWEBPAGE = PROJECT_ROOT / ".venv-tools" / "replaywebpage" / "package"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The project's own values for everything (FAST_SETTINGS would change throttling and monitors).
DEFAULTS = {key: None for key in FAST_SETTINGS}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    out = tmp_path_factory.mktemp("fidelity")
    with requisites_site() as site:
        talks, ferries = site.url("talks.html"), site.url("ferries.html")
        (out / "urls.txt").write_text(f"{talks}\n{ferries}\n")
        crawl = run_scrapy(["crawl", "urls", "-a", f"urls={out / 'urls.txt'}"],
                           settings={**DEFAULTS, "OUTPUT_DIR": str(out)}, timeout=300)
        requested = [path for _, path, _ in site.requests]
    # The original site is gone from here on: everything below comes from the archive.
    web = out / "web"
    web.mkdir()
    run_scrapy(["warc_pack", "-o", str(web / "archive.wacz")], settings={**DEFAULTS, "OUTPUT_DIR": str(out)})
    yield {"out": out, "talks": talks, "ferries": ferries, "crawl": crawl, "requested": requested,
           "records": read_all(out / "warc"), "web": web, "site_root": talks.rsplit("/", 1)[0]}


def _responses(archive) -> dict[str, object]:
    return {r.headers["WARC-Target-URI"]: r for r in archive["records"] if r.type in ("response", "revisit")}


def test_on_topic_article_requisites_are_archived_through_scrapy(archive):
    root = archive["site_root"]
    archived = _responses(archive)
    expected = {"static/site.css", "static/print.css", "static/fonts/serif.woff2", "static/img/masthead.png",
                "static/img/photo-1600.png", "static/img/map.png", "static/favicon.png"}
    assert {f"{root}/{path}" for path in expected} <= set(archived)
    # The srcset candidate a desktop browser picks (800px slot -> 1600w), not every candidate;
    # no script without scripts=True in the outlet's plan; the tracking pixel never requested.
    requested = archive["requested"]
    assert "/static/img/photo-1600.png" in requested
    assert not {"/static/img/photo-320.png", "/static/img/photo-2400.png", "/static/app.js"} & set(requested)
    assert not any(path.startswith("/pixel.gif") for path in requested)
    # Each went through Scrapy's downloader: robots.txt asked once, a request record per fetch,
    # fetched one at a time like any page (each URL once).
    assert requested.count("/robots.txt") == 1
    assert len(requested) == len(set(requested))
    request_uris = {r.headers["WARC-Target-URI"] for r in archive["records"] if r.type == "request"}
    assert {f"{root}/{path}" for path in expected} <= request_uris
    stats = crawl_stats(archive["crawl"].stderr)
    assert "'requisites/skipped/blocked': 1" in stats


def test_off_topic_article_gets_no_requisites_by_default(archive):
    assert not any("ferry" in path for path in archive["requested"])
    assert not any("ferry" in uri for uri in _responses(archive))
    uris = {r.headers["WARC-Target-URI"] for r in archive["records"] if r.type == "resource"}
    assert not any(archive["ferries"] in uri for uri in uris)


def test_text_and_screenshot_records_link_to_the_response(archive):
    from PIL import Image

    talks = archive["talks"]
    response_id = _responses(archive)[talks].headers["WARC-Record-ID"]
    resources = {r.headers["WARC-Target-URI"]: r for r in archive["records"] if r.type == "resource"}
    text = resources["urn:text:" + talks]
    assert text.headers["Content-Type"].startswith("text/plain")
    assert text.headers["WARC-Refers-To"] == response_id
    assert TALKS_PARAGRAPHS[-1] in text.payload.decode("utf-8")
    shot = resources["urn:screenshot:" + talks]
    assert shot.headers["Content-Type"] == "image/png" and shot.headers["WARC-Refers-To"] == response_id
    image = Image.open(io.BytesIO(shot.payload)).convert("RGB")
    colours = set(image.getdata())
    # Replayed from the archive: the photo (its solid colour) and the stylesheet's headline colour show.
    assert (200, 120, 40) in colours
    assert (128, 0, 32) in colours


def test_pages_list_has_url_ts_title_and_text(archive):
    with zipfile.ZipFile(archive["web"] / "archive.wacz") as wacz:
        pages = [p for p in read_jsonl_bytes(wacz.read("pages/pages.jsonl")) if "url" in p]
    talks = next(p for p in pages if p["url"] == archive["talks"])
    assert talks["ts"] and talks["title"] == TALKS_TITLE
    assert SEARCH_SENTENCE in talks["text"]


def read_jsonl_bytes(data: bytes) -> list[dict]:
    import json

    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def viewer(archive):
    """ReplayWeb.page's app (index.html, ui.js, sw.js) and the WACZ, served from loopback."""
    assert (REPLAYWEBPAGE / "sw.js").is_file(), "run `make setup-tools` (installs replaywebpage from npm)"
    web = archive["web"]
    for name in ("index.html", "ui.js", "sw.js"):
        shutil.copy(REPLAYWEBPAGE / name, web / name)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(web)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    yield base + "index.html?source=" + quote(base + "archive.wacz")
    server.shutdown()
    server.server_close()


def _in_browser(check):
    from playwright.async_api import async_playwright

    async def run():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                return await check(await browser.new_page())
            finally:
                await browser.close()

    return asyncio.run(run())


def test_replaywebpage_shows_the_article_with_its_stylesheet_and_photo(archive, viewer):
    talks = archive["talks"]

    async def check(page):
        await page.goto(viewer + "#view=replay&url=" + quote(talks, safe=""))
        for _ in range(60):
            frame = next((f for f in page.frames if "mp_/" + talks in f.url), None)
            if frame is not None:
                try:
                    await frame.wait_for_function(
                        "() => { const p = document.getElementById('photo'); return p && p.complete; }",
                        timeout=20_000)
                    return await frame.evaluate(
                        "() => [getComputedStyle(document.querySelector('article h1')).color,"
                        " document.getElementById('photo').naturalWidth]")
                except Exception:  # the viewer may swap its frame while loading: look again
                    pass
            await page.wait_for_timeout(500)
        raise AssertionError(f"ReplayWeb.page never showed {talks}; frames: {[f.url for f in page.frames]}")

    colour, photo_width = _in_browser(check)
    assert colour == HEADLINE_COLOUR  # set by the archived stylesheet only
    assert photo_width > 0


def test_replaywebpage_full_text_search_finds_the_article_by_a_body_sentence(archive, viewer):
    async def check(page):
        await page.goto(viewer + "#view=pages&query=" + quote(SEARCH_SENTENCE))
        await page.locator("a", has_text=TALKS_TITLE).first.wait_for(timeout=30_000)
        return await page.locator("a", has_text="River ferries").count()

    assert _in_browser(check) == 0  # the search found the talks article, and only it
