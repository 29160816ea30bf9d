"""A loopback news site whose articles need requisites to display: stylesheet, font, photos, icon.

The stylesheet alone sets the headline's colour (rgb(128, 0, 32)) and the photo is a
real PNG, so a replay can prove both arrived. The tracking pixel matches EasyPrivacy.
"""

from __future__ import annotations

import struct
import zlib

from tests.support.servers import LocalSite

HEADLINE_COLOUR = "rgb(128, 0, 32)"
TALKS_PARAGRAPHS = [
    "Egyptian and Qatari mediators met a Hamas delegation in Cairo on Wednesday to press a revised proposal "
    "for a ceasefire in Gaza and the release of hostages held there, two Egyptian officials said.",
    "Under the draft, the first stage of the truce would last six weeks, with Israeli hostages freed in "
    "groups in exchange for Palestinian prisoners while talks on a permanent end to the war go on.",
    "An Israeli delegation is due in Cairo later in the week if the gaps narrow, one of the officials said, "
    "speaking on condition of anonymity because the negotiations are confidential.",
    "Hamas said it was studying the mediators' proposal and would give its answer after consulting the "
    "other Palestinian factions.",
]
TALKS_TITLE = "Hamas delegation in Cairo weighs a truce proposal for Gaza"
# A sentence of the body a reader would search for in the viewer.
SEARCH_SENTENCE = "consulting the other Palestinian factions"
OFF_TOPIC_PARAGRAPHS = [
    "The city council approved a new timetable for the river ferries on Monday, adding evening crossings.",
    "Ticket prices stay the same for the rest of the year, the transport authority said in a statement.",
    "Work on the new pier at the northern landing is expected to finish before the summer season.",
]


def png(width: int, height: int, rgb=(200, 120, 40)) -> bytes:
    """A valid solid-colour PNG (browsers decode it: naturalWidth == width)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


STYLESHEET = (
    '@import url("print.css") print;\n'
    '@font-face { font-family: "Headline Serif"; src: url("/static/fonts/serif.woff2") format("woff2"); }\n'
    f"article h1 {{ color: {HEADLINE_COLOUR}; font-family: 'Headline Serif', serif; }}\n"
    ".masthead { background: url('/static/img/masthead.png') no-repeat; height: 40px; }\n"
)


def requisite_article(title: str, paragraphs: list[str], photo: str = "photo") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}">'
        '<meta property="article:published_time" content="2026-11-20T10:00:00+02:00">'
        '<link rel="stylesheet" href="/static/site.css">'
        '<link rel="icon" href="/static/favicon.png">'
        '<link rel="preload" href="/static/fonts/serif.woff2" as="font" crossorigin>'
        '<script src="/static/app.js"></script></head>'
        '<body><div class="masthead"></div><article>'
        f"<h1>{title}</h1>"
        f'<img id="photo" alt="Delegations in Cairo" src="/static/img/{photo}-320.png" '
        f'srcset="/static/img/{photo}-320.png 320w, /static/img/{photo}-1600.png 1600w, '
        f'/static/img/{photo}-2400.png 2400w" sizes="(max-width: 600px) 100vw, 800px">'
        f"{body}"
        '<img class="lazy" alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/static/img/map.png">'
        '<img alt="" width="1" height="1" src="/pixel.gif?uid=42">'
        "</article></body></html>")


def requisites_site() -> LocalSite:
    site = LocalSite()
    site.add("robots.txt", "User-agent: *\nAllow: /\n", headers=[("Content-Type", "text/plain")])
    site.add("talks.html", requisite_article(TALKS_TITLE, TALKS_PARAGRAPHS))
    site.add("ferries.html", requisite_article("River ferries get evening crossings", OFF_TOPIC_PARAGRAPHS,
                                               photo="ferry"))
    site.add("static/site.css", STYLESHEET, headers=[("Content-Type", "text/css")])
    site.add("static/print.css", "body { color: black; }", headers=[("Content-Type", "text/css")])
    site.add("static/fonts/serif.woff2", b"wOF2" + bytes(2000), headers=[("Content-Type", "font/woff2")])
    site.add("static/favicon.png", png(16, 16), headers=[("Content-Type", "image/png")])
    site.add("static/app.js", "document.body.dataset.app = 1;", headers=[("Content-Type", "text/javascript")])
    for name, size in (("masthead", (600, 40)), ("map", (400, 300))):
        site.add(f"static/img/{name}.png", png(*size), headers=[("Content-Type", "image/png")])
    for photo in ("photo", "ferry"):
        for width in (320, 1600, 2400):
            site.add(f"static/img/{photo}-{width}.png", png(width, width * 9 // 16),
                     headers=[("Content-Type", "image/png")])
    site.add("pixel.gif", png(1, 1), headers=[("Content-Type", "image/gif")])
    return site
