"""Loopback pages whose article exists only after scripts run (for the rendering tests and bench).

``/story/<n>`` is an empty shell served gzip + chunked with two Set-Cookie headers; its
script (``/static/app.js``) fetches ``/api/story/<n>.json`` and writes the headline,
paragraphs and an image into the page. ``/empty`` never writes its body;
``/hanging`` waits on a script the server never finishes sending.
"""

from __future__ import annotations

import json
import time

from tests.support.servers import LocalSite, Route
from tests.support.talks_pages import EN_PARAGRAPHS

PARAGRAPHS = EN_PARAGRAPHS  # the story the page's script renders
HEADLINE = "Cairo hosts new round of ceasefire talks"

SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loading…</title>
<meta property="article:published_time" content="2026-11-20T10:00:00+02:00">
<script src="/static/app.js" defer></script></head>
<body><main><article id="story" data-id="{n}"></article></main><noscript>Enable JavaScript</noscript></body></html>"""

APP_JS = """
document.addEventListener('DOMContentLoaded', async () => {
  const story = document.getElementById('story');
  const data = await (await fetch('/api/story/' + story.dataset.id + '.json')).json();
  document.title = data.headline;
  const h1 = document.createElement('h1'); h1.textContent = data.headline; story.appendChild(h1);
  const img = document.createElement('img'); img.src = '/img/photo.png'; story.appendChild(img);
  for (const text of data.paragraphs) {
    const p = document.createElement('p'); p.textContent = text; story.appendChild(p);
  }
});
"""

EMPTY = """<!doctype html><html><head><title>Never ready</title></head>
<body><article id="story"></article><script>setInterval(() => {}, 1000);</script></body></html>"""

HANGING = """<!doctype html><html><head><title>Hangs</title><script src="/static/never.js"></script></head>
<body><article id="story"><p>half</p></article></body></html>"""

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _hang(handler):
    time.sleep(20)  # longer than any render budget in the tests
    return Route(body=b"// too late", headers=[("Content-Type", "application/javascript")])


def add_story_pages(site: LocalSite, count: int = 1) -> list[str]:
    site.add("static/app.js", APP_JS, headers=[("Content-Type", "application/javascript")])
    site.add("img/photo.png", PNG, headers=[("Content-Type", "image/png")])
    urls = []
    for n in range(1, count + 1):
        story = {"headline": HEADLINE if n == 1 else f"{HEADLINE} ({n})", "paragraphs": PARAGRAPHS}
        site.add(f"api/story/{n}.json", json.dumps(story), headers=[("Content-Type", "application/json")])
        urls.append(site.add(f"story/{n}", SHELL.replace("{n}", str(n)), gzip=True, chunked=True,
                             headers=[("Set-Cookie", "session=abc; Path=/"), ("Set-Cookie", "region=eg; Path=/")]))
    return urls


def add_failing_pages(site: LocalSite) -> tuple[str, str]:
    site.add("static/never.js", dynamic=_hang)
    return site.add("empty", EMPTY), site.add("hanging", HANGING)
