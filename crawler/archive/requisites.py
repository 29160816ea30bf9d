"""Page requisites: what an archived page needs to display, and which of it to archive.

One notion of "requisite", one cap and one dedup for both ways a page's resources
reach the archive: fetched through Scrapy for a selected article
(page_requisites.py), or captured by the browser for a rendered page with
``archive_subresources`` (browser_capture.py).

- ``html_requisites`` / ``css_requisites``: the stylesheets (and the fonts, images
  and imports they reference), the article's images (the ``srcset`` candidate a
  desktop browser picks, lazy-loading attributes), favicons, ``<link rel=preload>``;
  scripts only when the outlet's plan asks for them.
- ``RequisitePolicy``: refuses ad, analytics and tracking URLs (Brave's adblock engine
  over EasyList + EasyPrivacy as Debian ships them), enforces the per-page count and
  byte caps, and skips a URL already archived in this crawl or within
  ``ARCHIVE_REQUISITES_MAX_AGE``. Identical payloads under another URL become revisit
  records (extension.py asks ``PayloadIndex.lookup_any``).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import tinycss2

logger = logging.getLogger(__name__)

STYLESHEET, IMAGE, FONT, FAVICON, SCRIPT = "stylesheet", "image", "font", "favicon", "script"
SELECTIONS = ("on_topic", "all", "none")
# Request meta of a requisite fetch: {"page": page URL, "kind": kind}.
REQUISITE_META_KEY = "requisite"
# What a desktop browser lays out: srcset candidates are chosen for this viewport width (CSS px, DPR 1).
DESKTOP_VIEWPORT_WIDTH = 1280
# Lazy-loading attributes sites put the real image URL in (lazysizes, WordPress, jQuery lazyload).
LAZY_SRC_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-url", "data-full-src")
LAZY_SRCSET_ATTRIBUTES = ("data-srcset", "data-lazy-srcset")
# <link rel=preload as=...> -> our kind; "script" is kept only with scripts=True.
PRELOAD_KINDS = {"style": STYLESHEET, "image": IMAGE, "font": FONT, "script": SCRIPT}
# Playwright resource types -> our kind (rendering path). A plan archives a rendered page's
# subresources because the page only replays with its scripts, so scripts and the data they
# fetch (xhr, fetch) are its requisites; media, websockets, pings... never are.
BROWSER_KINDS = {"stylesheet": STYLESHEET, "image": IMAGE, "font": FONT, "script": SCRIPT,
                 "xhr": SCRIPT, "fetch": SCRIPT}
# adblock request types by kind (the filter lists' $image, $script, $stylesheet... options).
_FILTER_TYPES = {STYLESHEET: "stylesheet", IMAGE: "image", FONT: "font", FAVICON: "image", SCRIPT: "script"}


@dataclass(frozen=True)
class Requisite:
    url: str
    kind: str


def _http_url(base: str, ref: str | None) -> str | None:
    ref = (ref or "").strip()
    if not ref or ref.startswith(("data:", "blob:", "javascript:", "about:", "#")):
        return None
    url = urljoin(base, ref).split("#", 1)[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _srcset_candidates(srcset: str):
    """(url, descriptor) pairs as the HTML standard splits them: a URL runs to white space, so
    commas inside it (image CDNs' ``w_800,h_450``) stay; trailing commas end a bare URL."""
    position, length = 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        if not url:
            break
        if url.endswith(","):
            yield url.rstrip(","), None
            continue
        start = position
        while position < length and srcset[position] != ",":
            position += 1
        yield url, srcset[start:position].strip() or None


def pick_srcset(srcset: str, sizes: str | None = None, viewport: int = DESKTOP_VIEWPORT_WIDTH) -> str | None:
    """The candidate a desktop browser (DPR 1) loads from a ``srcset``.

    Width descriptors: the smallest candidate at least as wide as the slot (the last
    ``sizes`` entry in px, else the viewport), or the widest when all are smaller.
    Density descriptors: the 1x one (or the lowest density).
    """
    candidates = []
    for url, descriptor in _srcset_candidates(srcset):
        match = re.fullmatch(r"(\d+(?:\.\d+)?)([wx])", descriptor or "1x")
        if match:
            candidates.append((match.group(2), float(match.group(1)), url))
    if not candidates:
        return None
    widths = sorted((v, u) for k, v, u in candidates if k == "w")
    if widths:
        slot = viewport
        last = (sizes or "").split(",")[-1].strip()
        px = re.fullmatch(r"(\d+(?:\.\d+)?)px", last)
        if px:
            slot = float(px.group(1))
        vw = re.fullmatch(r"(\d+(?:\.\d+)?)vw", last)
        if vw:
            slot = viewport * float(vw.group(1)) / 100
        return next((u for v, u in widths if v >= slot), widths[-1][1])
    densities = sorted((v, u) for k, v, u in candidates if k == "x")
    return next((u for v, u in densities if v >= 1), densities[-1][1])


def css_requisites(css: str, base_url: str) -> list[Requisite]:
    """Imports, fonts and images a stylesheet (or a <style> block, a style attribute) references."""
    found: list[Requisite] = []
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            for token in rule.prelude:
                ref = _url_of(token, strings=True)
                if ref:
                    url = _http_url(base_url, ref)
                    if url:
                        found.append(Requisite(url, STYLESHEET))
                    break
            continue
        is_font_face = rule.type == "at-rule" and rule.lower_at_keyword == "font-face"
        for url in _urls_in(list(rule.prelude or []) + list(getattr(rule, "content", None) or []), base_url):
            found.append(Requisite(url, FONT if is_font_face else IMAGE))
    return found


def style_attribute_requisites(style: str, base_url: str) -> list[Requisite]:
    tokens = tinycss2.parse_component_value_list(style, skip_comments=True)
    return [Requisite(url, IMAGE) for url in _urls_in(tokens, base_url)]


def _url_of(token, strings: bool = False) -> str | None:
    if token.type == "url":
        return token.value
    if token.type == "function" and token.lower_name == "url":
        for arg in token.arguments:
            if arg.type == "string":
                return arg.value
    if strings and token.type == "string":
        return token.value
    return None


def _urls_in(tokens, base_url: str):
    for token in tokens:
        ref = _url_of(token)
        if ref:
            url = _http_url(base_url, ref)
            if url:
                yield url
        elif token.type in ("function", "() block", "[] block", "{} block"):
            inner = token.arguments if token.type == "function" else token.content
            yield from _urls_in(inner, base_url)
        elif token.type == "qualified-rule" or token.type == "at-rule":
            yield from _urls_in(list(token.prelude) + list(token.content or []), base_url)


def html_requisites(selector, base_url: str, scripts: bool = False) -> list[Requisite]:
    """The requisites of an HTML page (a parsel Selector over it), in document order, deduplicated."""
    base = selector.css("base::attr(href)").get()
    base_url = urljoin(base_url, base) if base else base_url
    found: list[Requisite] = []

    def add(ref, kind):
        url = _http_url(base_url, ref)
        if url:
            found.append(Requisite(url, kind))

    for link in selector.css("link[rel][href]"):
        rels = set((link.attrib.get("rel") or "").lower().split())
        href = link.attrib.get("href")
        if "stylesheet" in rels and "alternate" not in rels:
            add(href, STYLESHEET)
        elif rels & {"icon", "apple-touch-icon"}:
            add(href, FAVICON)
        elif "preload" in rels:
            kind = PRELOAD_KINDS.get((link.attrib.get("as") or "").lower())
            if kind and (kind != SCRIPT or scripts):
                add(href, kind)
    if not any(r.kind == FAVICON for r in found):
        add("/favicon.ico", FAVICON)  # what a browser asks for when the page names no icon
    for style in selector.css("style::text").getall():
        found += css_requisites(style, base_url)
    # The article's images: inside <article>/<main> when the page has them, else the whole body.
    scope = selector.css("article, main, [itemprop=articleBody]") or selector
    for img in scope.css("img, picture > source, [style*='url(']"):
        attrs = img.attrib
        if attrs.get("style"):
            found += style_attribute_requisites(attrs["style"], base_url)
        if img.root.tag == "source" and attrs.get("media"):
            continue  # art direction for other viewports; the <img> fallback is the desktop one
        srcset = next((attrs[a] for a in ("srcset",) + LAZY_SRCSET_ATTRIBUTES if attrs.get(a)), None)
        chosen = pick_srcset(srcset, attrs.get("sizes")) if srcset else None
        lazy = next((attrs[a] for a in LAZY_SRC_ATTRIBUTES if attrs.get(a)), None)
        add(chosen or lazy or attrs.get("src"), IMAGE)
    if scripts:
        for src in selector.css("script[src]::attr(src)").getall():
            add(src, SCRIPT)
    seen: set[str] = set()
    unique = []
    for requisite in found:
        if requisite.url not in seen:
            seen.add(requisite.url)
            unique.append(requisite)
    return unique


class AdFilter:
    """Ad, analytics and tracking URLs, by the EasyList/EasyPrivacy rules (Brave's adblock engine)."""

    def __init__(self, list_paths):
        self.engine = None
        self.missing = [str(p) for p in list_paths if not Path(p).is_file()]
        present = [Path(p) for p in list_paths if Path(p).is_file()]
        if present:
            import adblock

            rules = adblock.FilterSet()
            for path in present:
                rules.add_filter_list(path.read_text(encoding="utf-8", errors="replace"))
            self.engine = adblock.Engine(rules)

    def blocks(self, url: str, page_url: str, kind: str) -> bool:
        if self.engine is None:
            # No list to tell trackers apart: keep to the page's own site rather than risk them.
            return _site(url) != _site(page_url)
        return self.engine.check_network_urls(url, page_url, _FILTER_TYPES.get(kind, "other")).matched


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return ".".join(host.split(".")[-2:])


@dataclass
class PageBudget:
    """What one page may still add: ``count`` requisites, ``bytes`` of payload."""

    count: int
    bytes: int
    urls: list[str] = field(default_factory=list)

    def spend(self, size: int) -> None:
        self.bytes -= size


class RequisitePolicy:
    def __init__(self, settings, payloads, stats=None):
        self.selection = (settings.get("ARCHIVE_PAGE_REQUISITES") or "none").strip().lower()
        if self.selection not in SELECTIONS:
            raise ValueError(f"ARCHIVE_PAGE_REQUISITES={self.selection!r}; expected one of {', '.join(SELECTIONS)}")
        self.max_count = settings.getint("ARCHIVE_REQUISITES_MAX_PER_PAGE")
        self.max_bytes = settings.getint("ARCHIVE_REQUISITES_MAX_BYTES_PER_PAGE")
        self.max_age = timedelta(seconds=settings.getfloat("ARCHIVE_REQUISITES_MAX_AGE"))
        self.dedup = settings.getbool("ARCHIVE_REQUISITES_DEDUP")
        self.payloads = payloads
        self.stats = stats
        self._filter: AdFilter | None = None
        self._filter_lists = settings.getlist("ARCHIVE_REQUISITES_FILTER_LISTS")
        # URL -> capture of the requisite archived by this crawl (None while in flight).
        self.archived: dict[str, dict | None] = {}

    @property
    def ad_filter(self) -> AdFilter:
        if self._filter is None:  # ~0.4 s to compile: only for crawls that archive requisites
            self._filter = AdFilter(self._filter_lists)
            if self._filter.missing:
                logger.warning("Requisite filter list(s) missing: %s; only the page's own site is fetched",
                               ", ".join(self._filter.missing))
                self._count("filter_list_missing", len(self._filter.missing))
        return self._filter

    def selects(self, on_topic) -> bool:
        return self.selection == "all" or (self.selection == "on_topic" and bool(on_topic))

    def budget(self) -> PageBudget:
        return PageBudget(self.max_count, self.max_bytes)

    def admit(self, page_url: str, requisite: Requisite, budget: PageBudget, size: int = 0) -> bool:
        """May this requisite of ``page_url`` be archived? Counts the reason when not."""
        reason = self._refusal(page_url, requisite, budget, size)
        if reason:
            self._count(f"skipped/{reason}")
            return False
        budget.count -= 1
        budget.urls.append(requisite.url)
        if self.dedup:
            self.archived.setdefault(requisite.url, None)
        self._count(f"admitted/{requisite.kind}")
        return True

    def _refusal(self, page_url, requisite, budget, size) -> str | None:
        if self.ad_filter.blocks(requisite.url, page_url, requisite.kind):
            return "blocked"
        if self.dedup and requisite.url in self.archived:
            return "archived_in_crawl"
        if self.dedup and self._recently_archived(requisite.url):
            return "archived_recently"
        if budget.count <= 0:
            return "count_cap"
        if budget.bytes <= 0 or size > budget.bytes:
            return "bytes_cap"
        return None

    def _recently_archived(self, url: str) -> bool:
        date = self.payloads.last_archived(url)
        if not date:
            return False
        when = datetime.fromisoformat(date.replace("Z", "+00:00"))
        return datetime.now(timezone.utc) - when <= self.max_age

    def revisit_of(self, url: str, body: bytes) -> dict | None:
        """The earlier record with this payload (same or another URL), for a revisit record."""
        if not (self.dedup and body):
            return None
        digest = "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")
        original = self.payloads.lookup(url, digest) or self.payloads.lookup_any(digest)
        return {**original, "digest": digest} if original else None

    def archived_as(self, url: str, capture: dict) -> None:
        """The requisite's record (for replaying the page: screenshots)."""
        self.archived[url] = capture

    def _count(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"requisites/{key}", n)
