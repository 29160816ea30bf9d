"""Hostile responses for reliability/security crawl tests, generated in code (no large files committed)."""

from __future__ import annotations

import gzip
import json
import zlib


def gzip_bomb(inflated_bytes: int, member_bytes: int = 16 * 1024 * 1024) -> bytes:
    """A small gzip body that inflates to ``inflated_bytes`` of zeros.

    One member of ``member_bytes`` zeros compresses ~1000:1; gzip allows members to be
    concatenated, so repeating it reaches gigabytes with a few MB on the wire and no
    gigabyte ever held in the test's memory.
    """
    member = gzip.compress(b"\0" * member_bytes, compresslevel=9, mtime=0)
    return member * max(1, inflated_bytes // member_bytes)


def truncated_gzip(body: bytes) -> bytes:
    """A gzip stream cut in the middle of its deflate data (no trailer)."""
    data = gzip.compress(body, mtime=0)
    return data[: len(data) // 2]


def deflate_raw(body: bytes) -> bytes:
    return zlib.compress(body)


ARABIC_PARA = "قال مسؤول مصري إن جولة جديدة من مفاوضات الهدنة في غزة تبدأ في القاهرة الأسبوع المقبل بمشاركة الوسطاء."
ENGLISH_PARA = "Egyptian mediators said a new round of Gaza ceasefire talks would begin in Cairo next week with all delegations."


def _page(title: str, paragraphs: list[str], head: str = "", lang: str = "ar") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='{lang}'><head>{head}<title>{title}</title></head>"
            f"<body><h1>{title}</h1><article>{body}</article></body></html>")


def nasty_pages() -> dict[str, tuple[bytes, list[tuple[str, str]], str | None]]:
    """name -> (body, headers, expected failure reason or None when an article must come out).

    Each page is a real-world breakage: wrong or missing charsets, BOMs, mixed
    encodings, bidi and zero-width characters, broken or lying JSON-LD, absurd
    dates, no headline, deep nesting, malformed markup, empty and binary bodies.
    """
    html = [("Content-Type", "text/html")]
    ar = [ARABIC_PARA] * 1 + [ARABIC_PARA.replace("مصري", f"مصري {i}") for i in range(5)]
    en = [ENGLISH_PARA.replace("new", f"new {i}") for i in range(6)]
    lying = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                        "headline": "Totally different headline", "datePublished": "2999-01-01T00:00:00Z",
                        "author": {"@type": "Person", "name": 12345}, "articleBody": 7})
    pages = {
        # windows-1256 bytes, no charset in header or markup: must be guessed, never crash.
        "cp1256-undeclared": (_page("مفاوضات القاهرة", ar).encode("cp1256"), html, None),
        # ISO-8859-6 bytes declared as UTF-8 in the header: a lie.
        "iso88596-declared-utf8": (_page("مفاوضات الهدنة", ar).encode("iso-8859-6", "replace"),
                                   [("Content-Type", "text/html; charset=utf-8")], None),
        # UTF-8 with a BOM while the header says windows-1256: the BOM wins (WHATWG).
        "utf8-bom-header-cp1256": (b"\xef\xbb\xbf" + _page("وفد حماس في القاهرة", ar).encode("utf-8"),
                                   [("Content-Type", "text/html; charset=windows-1256")], None),
        # Half the page UTF-8, half windows-1256.
        "mixed-encodings": (_page("الهدنة", ar[:3]).encode("utf-8")[:-14] + "".join(
            f"<p>{p}</p>" for p in ar[3:]).encode("cp1256") + b"</article></body></html>", html, None),
        "bidi-zero-width": (_page("\u202eمفاوضات\u200b القاهرة\u200f", [
            "\u2067" + p.replace(" ", " \u200b\u200c") + "\u2069\ufeff" for p in ar]).encode("utf-8"), html, None),
        "invalid-jsonld": (_page("Ceasefire talks", en, lang="en",
                                 head='<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
                                      '"broken", "datePublished": </script>').encode(), html, None),
        "lying-jsonld-absurd-dates": (_page("Ceasefire talks resume", en, lang="en",
                                            head=f'<script type="application/ld+json">{lying}</script>'
                                                 '<meta property="article:published_time" content="0000-00-00">'
                                            ).encode(), html, None),
        "no-headline": (("<html><body>" + "".join(f"<div>{p}</div>" for p in en) + "</body></html>").encode(),
                        html, None),
        "malformed": (("<html><head><title>Talks</title><body><p>" + "<p><b><i>".join(en) +
                       "</div></span></table><<<>>>&&&;</p").encode(), html, None),
        "deeply-nested": (("<html><body>" + "<div>" * 50_000 + "<p>" + en[0] + "</p>" + "</div>" * 10).encode(),
                          html, None),
        "empty-body": (b"", html, "empty_body"),
        "whitespace-body": (b"   \n\t  ", html, "empty_body"),
        "binary-as-html": (bytes(range(256)) * 64, html, "binary_body"),
        "png-as-html": (b"\x89PNG\r\n\x1a\n" + bytes(4096), html, "binary_body"),
    }
    return pages


def twenty_mb_page() -> bytes:
    para = f"<p>{ENGLISH_PARA}</p>\n".encode()
    return b"<html><head><title>Huge page</title></head><body><article>" + para * (20_000_000 // len(para)) + \
        b"</article></body></html>"
