"""Turn one HTML page into an article item, recording where each field came from.

Order of evidence per field: the outlet's own rule, then JSON-LD, then
OpenGraph/meta tags, then page heuristics (h1, <time>, the printed date, bylines);
the body comes from JSON-LD articleBody, else the page's prose container
(body.py), with trafilatura as the fallback. ``provenance`` on the item names the
source that won ("outlet", "jsonld:headline", "meta:og:title", "html:container",
"trafilatura"...); docs/extraction.md "Order of evidence and provenance values" lists them all.

The page is parsed once (``ArticlePage.tree``); every field reads that tree.

The same function serves spiders (``extract_from_response``), the
``scrapy extract`` command and ``scrapy shell`` (``extract(response)``).
"""

from __future__ import annotations

import codecs
from contextlib import contextmanager
from functools import cached_property
import logging
import re
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html
from parsel import Selector

from crawler.outlets import Outlet, outlet_for_url

from . import structured
from .authors import byline_names, edge_byline_names, is_agency_credit, normalize_names
from .body import (
    MIN_CONTAINER_CHARS,
    MIN_CONTAINER_SHARE,
    align_with_page,
    dom_body,
    find_standfirst,
    holds_more_than,
    is_complete_body,
    paragraphs_in,
    split_article_body,
    trafilatura_paragraphs,
)
from .dates import (
    date_order,
    is_relative_date,
    localize_to_day,
    parse_date_iso,
    parse_datetime,
    parse_iso,
    url_date,
)
from .hebrew import hebrew_share
from .text import clean_text, ignorecase_search, text_direction_ratio, western_digits


logger = logging.getLogger(__name__)


class ExtractionError(ValueError):
    """The page cannot be read as an article (empty, not HTML...). ``reason`` goes to stats."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason

    def __reduce__(self):  # travels back from a worker process (crawler/worker_pool.py)
        return type(self), (self.reason, str(self))


# Every element is a plain HtmlElement, chosen in C. lxml.html's default lookup asks a Python
# method for every element proxy, to give <form>/<input>/<label> their own classes, which
# nothing here uses; that call was 6% of the extractor's time (and of trafilatura's fallback,
# which walks copies of this tree).
_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity)


def parse_html(text: str, utf8: bytes | None = None):
    """The page's lxml tree: what ``parsel.Selector(text=text, type="html").root`` gives
    (same input clean-up, same parser), built without libxml2's table of ``id``
    attributes, which only the XPath ``id()`` function reads and nothing here calls;
    that table costs about 6% of the parse on large pages. ``utf8``: ``text`` as UTF-8
    bytes where the caller has them (the page as fetched), so as not to encode it again."""
    stripped = text.strip()  # the same object when there is nothing to strip
    if utf8 is not None and stripped is not text:
        # Most pages end in a newline: their bytes are stripped rather than the text encoded
        # again, when str.strip() took only the ASCII spaces bytes.strip() takes (anything more,
        # a trailing NBSP say, makes the two lengths differ).
        candidate = utf8.strip()
        utf8 = candidate if len(utf8) - len(candidate) == len(text) - len(stripped) else None
    if utf8 is None:
        utf8 = stripped.encode("utf-8")
    # NULs dropped from the UTF-8 bytes (where only U+0000 makes a zero byte), not from the
    # str: bytes.replace finds nothing in a few microseconds, str.replace scans for 0.1 ms.
    body = utf8.replace(b"\x00", b"") or b"<html/>"
    parser = lxml_html.HTMLParser(recover=True, encoding="utf-8", huge_tree=True, collect_ids=False)
    parser.set_element_class_lookup(_ELEMENT_CLASSES)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        root = etree.fromstring(b"<html/>", parser=parser)
    return root


# Compiled once; plain strings (not lxml's "smart" ones that keep their node alive),
# as parsel's ``.get()``/``.getall()`` returned them.
def _xpath(path: str) -> etree.XPath:
    return etree.XPath(path, smart_strings=False)


_JSONLD_TEXT_XPATH = _xpath('//script[contains(@type, "ld+json")]/text()')
_TITLE_TEXT_XPATH = _xpath("//title/text()")
_H1_XPATH = _xpath("//h1")
_TEXT_NODES_XPATH = _xpath(".//text()")
_TIME_DATETIME_XPATH = _xpath("(//article//time/@datetime | //time/@datetime)[1]")
_CANONICAL_XPATH = _xpath('//link[@rel="canonical"]/@href')
_HTML_LANG_XPATH = _xpath("/html/@lang")
# The first 50 <p> only: "//p//text()" makes libxml2 merge one node set per <p>,
# quadratic on a page of 100 000 paragraphs (minutes for 20 MB).
_SAMPLE_TEXT_XPATH = _xpath("(//p)[position() <= 50]//text()")


def h1_candidates(tree, every_h1: list | None = None) -> tuple[list, list, list]:
    """The <h1>s inside <article>, those inside <main>, and all, each in page order: what
    "//article//h1", "//main//h1" and "//h1" give, from one walk over the page (none when
    ``every_h1``, the page's <h1>s, is given)."""
    if every_h1 is None:
        every_h1 = _H1_XPATH(tree)
    in_article = [e for e in every_h1 if next(e.iterancestors("article"), None) is not None]
    in_main = [e for e in every_h1 if next(e.iterancestors("main"), None) is not None]
    return in_article, in_main, every_h1


_UNREAD = object()


def _first(values: list):
    return values[0] if values else None


# The elements several fields read, collected in one walk over the page: an XPath each
# ("//script[...]", "//link[...]", "//h1", "//time/@datetime", "//body") walked every element again,
# about 1 ms a page together.
_INDEXED_TAGS = ("script", "meta", "link", "h1", "time", "body")
_TEXT_CHILDREN_XPATH = _xpath("text()")


def elements_by_tag(tree) -> dict[str, list] | None:
    """The page's <script>, <meta>, <link>, <h1>, <time> and <body> elements, by tag, in page order;
    None when libxml2 put elements beside the root (markup after ``</html>`` opens a second
    <html>), which the document-wide XPaths read and a walk from the root does not."""
    for sibling in (*tree.itersiblings(preceding=True), *tree.itersiblings()):
        if isinstance(sibling.tag, str):
            return None
    found: dict[str, list] = {tag: [] for tag in _INDEXED_TAGS}
    for element in tree.iter(*_INDEXED_TAGS):
        found[element.tag].append(element)
    return found


def jsonld_texts(tree, elements: dict[str, list] | None) -> list[str]:
    """What ``_JSONLD_TEXT_XPATH`` gives: the text nodes of the JSON-LD <script>s."""
    if elements is None:
        return _JSONLD_TEXT_XPATH(tree)
    return [text for script in elements["script"] if "ld+json" in (script.get("type") or "")
            for text in _TEXT_CHILDREN_XPATH(script)]


def canonical_href(tree, elements: dict[str, list] | None) -> str | None:
    """What ``_CANONICAL_XPATH`` gives first: the first <link rel="canonical">'s href."""
    if elements is None:
        return _first(_CANONICAL_XPATH(tree))
    return next((link.get("href") for link in elements["link"]
                 if link.get("rel") == "canonical" and link.get("href") is not None), None)


def first_time_datetime(tree, elements: dict[str, list] | None) -> str | None:
    """What ``_TIME_DATETIME_XPATH`` gives: the first <time>'s datetime in page order (the
    ones inside <article> are among them, so the union's first is the page's first)."""
    if elements is None:
        return _first(_TIME_DATETIME_XPATH(tree))
    return next((value for value in (time.get("datetime") for time in elements["time"]) if value is not None), None)


class ArticlePage:
    """A parsed page plus the structured data found in it; fields are computed lazily."""

    def __init__(self, html: str | bytes, url: str, outlet: Outlet | None = None,
                 reference: datetime | None = None):
        utf8 = None  # the page's own bytes, when they are its text in UTF-8 already
        if isinstance(html, bytes):
            if b"\x00" in html[:4096]:
                raise ExtractionError("binary_body", f"{url}: binary content, not an HTML page")
            html, utf8 = _decode(html)
        elif "\x00" in html[:4096]:
            raise ExtractionError("binary_body", f"{url}: binary content, not an HTML page")
        if not html or not html.strip():
            raise ExtractionError("empty_body", f"{url}: empty page")
        self.html = html
        self.url = url
        self.outlet = outlet
        # When the page was fetched: relative dates ("منذ ساعتين") count back from it,
        # and dates after it are refused as implausible.
        self.reference = reference
        self._h1_text: Any = _UNREAD
        self._language: tuple[str | None, str | None] | None = None
        self.tree = parse_html(html, utf8)
        if self.tree is None or not isinstance(getattr(self.tree, "tag", None), str):
            raise ExtractionError("not_html", f"{url}: not an HTML document")
        # For outlet rules written as CSS selectors; wraps the same tree, no second parse.
        self.selector = Selector(root=self.tree, type="html")
        self.elements = elements_by_tag(self.tree)
        self.jsonld_objects, self.jsonld_errors = structured.parse_jsonld_scripts(jsonld_texts(self.tree, self.elements))
        self.jsonld = structured.find_article(self.jsonld_objects, url) or {}
        self.jsonld_page = structured.find_page(self.jsonld_objects) or {}
        self.meta = structured.meta_values(self.tree.iter("meta") if self.elements is None else self.elements["meta"])

    # -- small helpers -------------------------------------------------
    def meta_first(self, *keys: str) -> tuple[str | None, str | None]:
        for key in keys:
            for value in self.meta.get(key, []):
                value = clean_text(value)
                if value:
                    return value, f"meta:{key}"
        return None, None

    def css_text(self, css: str) -> str | None:
        texts = [clean_text(" ".join(e.xpath(".//text()").getall())) for e in self.selector.css(css)]
        texts = [t for t in texts if t]
        return texts[0] if texts else None

    # The page's site names and their keys are read by several fields: worked out once.
    @cached_property
    def site_names(self) -> list[str]:
        names = [v for v in self.meta.get("og:site_name", []) if v]
        publisher = structured.text_value(self.jsonld.get("publisher"))
        if publisher:
            names.append(publisher)
        if self.outlet:
            names.append(self.outlet.name)
        return [clean_text(n) for n in names if clean_text(n)]

    @cached_property
    def _site_name_keys(self) -> set[str]:
        return {_key(n) for n in self.site_names}

    @cached_property
    def _site_and_host_keys(self) -> set[str]:
        """The site names' keys and the host's first label's ("bbc" of bbc.co.uk)."""
        return self._site_name_keys | {_key(_site_key(self.url).split(".")[0])}

    # -- outlet rules --------------------------------------------------
    def outlet_rule(self, field: str) -> Any:
        if not self.outlet or field not in self.outlet.field_rules:
            return None
        rule = self.outlet.field_rules[field]
        if callable(rule):
            return rule(self)
        values = [clean_text(" ".join(e.xpath(".//text()").getall())) for e in self.selector.css(rule)]
        values = [v for v in values if v]
        if field in ("authors", "tags", "paragraphs"):
            return values
        return values[0] if values else None

    def outlet_body(self) -> list[str] | None:
        """Paragraphs under the outlet's ``body`` rule: a container selector or a function."""
        if not self.outlet or "body" not in self.outlet.field_rules:
            return None
        rule = self.outlet.field_rules["body"]
        if callable(rule):
            return rule(self)
        containers = self.tree.cssselect(rule)
        return [p for c in containers for p in paragraphs_in(c)] or None

    # -- fields --------------------------------------------------------
    def headline(self) -> tuple[str | None, str | None]:
        """JSON-LD article headline → JSON-LD WebPage name → og/twitter/meta title → <h1> → <title>.

        Structured data is what the outlet declares as the headline; <h1> is only a
        fallback because pages also use <h1> for the site logo or a live-blog entry.
        """
        meta_titles = [(v, s) for v, s in (self.meta_first(k) for k in ("og:title", "twitter:title", "dc.title",
                                                                        "title", "sailthru.title", "parsely-title")) if v]
        for obj, keys, prefix in ((self.jsonld, ("headline", "name", "alternativeHeadline"), "jsonld"),
                                  (self.jsonld_page, ("headline", "name"), "jsonld:page")):
            for key in keys:
                raw = structured.text_value(obj.get(key))
                value = strip_site_suffix(raw, self.site_names, _site_key(self.url)) if raw else ""
                # The site's name, or a paragraph pasted into the field, is not a headline.
                if not value or len(value) > 300 or _key(value) in self._site_name_keys:
                    continue
                return self._prefer_fuller(value, f"{prefix}:{key}", obj.get(key), meta_titles)
        h1 = self._h1()
        site_keys = self._site_and_host_keys
        for value, source in meta_titles:
            value = strip_site_suffix(value, self.site_names, _site_key(self.url))
            if not value or _key(value) in site_keys:
                continue  # the site's name is not a headline
            # og:title often adds a tagline or a site name the suffix rules do not know
            # ("Headline » Tagline", "Headline | DW"); the <h1> it starts with is the text both
            # sources agree on. (A kicker before it, "Asia-Pacific - Headline", is the outlet's
            # own headline form and stays.)
            if h1 and len(h1) >= _MIN_AGREED_HEADLINE and _key(h1) != _key(value) \
                    and _key(value).startswith(_key(h1)):
                return h1, f"html:h1+{source}"
            return value, source
        if h1:
            return h1, "html:h1"
        title = clean_text(_first(_TITLE_TEXT_XPATH(self.tree)))
        if title:
            return strip_site_suffix(title, self.site_names, _site_key(self.url)), "html:title"
        return None, None

    def _prefer_fuller(self, value: str, source: str, raw: Any, meta_titles) -> tuple[str, str]:
        """Repair two common JSON-LD headline defects from the page's other titles: a
        headline cut off with an ellipsis, and a double-escaped one ("&amp;quot;") whose
        punctuation the CMS mangled while og:title kept the clean form."""
        others = [(strip_site_suffix(v, self.site_names, _site_key(self.url)), s) for v, s in meta_titles]
        h1 = self._h1()
        if h1:
            others.append((h1, "html:h1"))
        stem = re.sub(r"\s*(?:\.\.\.|…)$", "", value)
        if stem != value:
            for text, other in others:
                if len(text) > len(stem) and _key(text).startswith(_key(stem)):
                    return text, other
        if isinstance(raw, str) and re.search(r"&(?:[a-z]+|#\d+);", raw):
            for text, other in others:
                if other.startswith("meta:") and _key(text) == _key(value):
                    return text, other
        return value, source

    def _h1(self) -> str | None:
        """The article's <h1> text (asked by the headline and its repair: read once)."""
        if self._h1_text is _UNREAD:
            self._h1_text = self._read_h1()
        return self._h1_text

    def _read_h1(self) -> str | None:
        site_keys = {k for k in self._site_name_keys if k}
        for candidates in h1_candidates(self.tree, None if self.elements is None else self.elements["h1"]):
            for element in candidates:
                text = clean_text(" ".join(_TEXT_NODES_XPATH(element)))
                # A logo <h1> ("France 24 - International news") names the site.
                if 3 <= len(text) <= 300 and not any(k in _key(text) for k in site_keys):
                    return text
        return None

    def _date_reading(self) -> dict[str, Any]:
        """How this page's human dates read: the languages to try, the day/month order of
        its locale (``<html lang>``, og:locale, else the language with the URL's country
        domain), and the fetch time relative dates count back from."""
        language = self.language()[0]
        locale = next((v for v in (_first(_HTML_LANG_XPATH(self.tree)), self.meta_first("og:locale")[0])
                       if v and re.search(r"[-_][A-Za-z]{2}$", v.strip())), None)
        if locale is None and language:
            tld = _site_key(self.url).rsplit(".", 1)[-1]
            locale = f"{language}-{tld}" if len(tld) == 2 else language
        return {"languages": [language, "en"] if language and language != "en" else ["en"],
                "order": date_order(locale), "reference": self.reference,
                "default_tz": self.outlet.timezone if self.outlet else None}

    def dates(self) -> dict[str, tuple[str | None, str | None]]:
        reading = self._date_reading()
        out = {}
        specs = {
            "published": (
                ("datePublished", "dateCreated", "uploadDate"),
                ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                 "publish-date", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued",
                 "dcterms.created", "sailthru.date", "parsely-pub-date", "og:published_time", "article.published"),
            ),
            "modified": (
                ("dateModified",),
                ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified",
                 "og:article:modified_time", "article.updated"),
            ),
        }
        # JSON-LD dates only of the page's own article, not of one item in a list of several.
        ld_objects = [o for o in (self.jsonld, self.jsonld_page) if o and structured.is_own_article(
            o, self.jsonld_objects, self.url)]
        for field, (ld_keys, meta_keys) in specs.items():
            value = source = None
            for obj in ld_objects:
                for key in ld_keys:
                    value = parse_date_iso(structured.text_value(obj.get(key)), **reading)
                    if value:
                        source = f"jsonld:{key}"
                        break
                if value:
                    break
            if not value:
                for key in meta_keys:
                    for raw in self.meta.get(key, []):
                        value = parse_date_iso(raw, **reading)
                        if value:
                            source = f"meta:{key}"
                            break
                    if value:
                        break
            if not value and field == "published":
                value, source = self._page_date(reading)
            out[field] = (value, source)
        value, source = out["published"]
        if value and source and source.startswith(("jsonld", "meta")) and _is_utc_time(value):
            local_day = self._local_day(value, reading)
            shifted = localize_to_day(value, local_day) if local_day else None
            if shifted:
                out["published"] = (shifted, source + "+local-day")
        return out

    def _page_date(self, reading: dict) -> tuple[str | None, str | None]:
        """The publication date from the page itself when no structured data gives one.
        Candidates: the first <time datetime>, the date printed near the headline, and
        htmldate's reading of the page. A day two of them agree on wins; else the one with
        the best measured precision (docs/extraction-evaluation.md). (htmldate's extensive
        search finds a few more, but its dateparser pass costs 0.1-9 s a page: more than
        the whole extractor is allowed.)"""
        time_value = parse_date_iso(first_time_datetime(self.tree, self.elements), **reading)
        printed = self._visible_date(reading)
        if time_value and printed and time_value[:10] == printed[:10]:
            return time_value, "html:time+html:date-text"  # agreed: htmldate (the slowest) not needed
        candidates = [(time_value, "html:time"), (self._htmldate(), "htmldate"), (printed, "html:date-text")]
        candidates = [(value, source) for value, source in candidates if value]
        # htmldate reads numeric dates without the page's locale: where it has day and month
        # the other way round from a reading in the page's order, the latter is right.
        candidates = [(value, source) for value, source in candidates
                      if not any(_swapped_day_month(value, other) for other, s in candidates
                                 if source == "htmldate" and s != "htmldate")]
        for i, (value, source) in enumerate(candidates):
            agreeing = [(v, other) for v, other in candidates[i + 1:] if v[:10] == value[:10]]
            if agreeing:
                # the same day: a reading with a time of day ("פורסם: 06.05.24, 21:15") says more
                timed = next((v for v in [value] + [v for v, _ in agreeing] if not v.endswith("T00:00:00+00:00")), value)
                return timed, "+".join([source] + [other for _, other in agreeing])
        return candidates[0] if candidates else (None, None)

    def _visible_date(self, reading: dict) -> str | None:
        """The date printed for readers near the headline: a short element whose class or
        id names a date ("article_created", "post-date", "tarih"...), outside comments,
        related stories, sidebars and footers. Arabic month names, Eastern digits and labels
        such as "تم نشره" are handled by the date parser."""
        h1 = next(iter(self.tree.iter("h1") if self.elements is None else self.elements["h1"]), None)
        before, after = [], []
        seen_h1 = h1 is None
        for element in _named_elements(self._names_and_h1s, _date_class_search):
            if element is h1:
                seen_h1 = True
            if element.tag in ("script", "style", "time", "head", "meta"):
                continue
            names = (element.get("class") or "") + " " + (element.get("id") or "")
            if _date_class_search(names):
                (after if seen_h1 else before).append(element)
        # The article's own date follows its headline; teasers' dates come later.
        for element in (after + before)[:12]:
            if _UPDATED_CLASS_RE.search((element.get("class") or "") + " " + (element.get("id") or "")):
                continue
            if _outside_article(element):
                continue
            text = clean_text(element.text_content())
            if not 6 <= len(text) <= 100 or not (re.search(r"\d", western_digits(text)) or is_relative_date(text)):
                continue
            if _COPYRIGHT_RE.search(text):
                continue
            value = parse_date_iso(text, **reading)
            if value:
                return value
        return None

    @cached_property
    def _names_and_h1s(self) -> list:
        """``_NAMES_OR_H1_XPATH`` of the page, read by the printed-date finder and by htmldate's
        clearing of the furniture, one walk for both."""
        return _NAMES_OR_H1_XPATH(self.tree)

    def _local_day(self, iso: str, reading: dict):
        """The calendar day the page shows readers for a published time: a date in the
        URL, else the visible text of the <time> element carrying that instant. (The date
        printed near the headline would find a few more, at a cost the speed goal cannot
        afford on every page with a UTC time.)"""
        day = url_date(self.url)
        if day:
            return day
        instant = parse_iso(iso)
        for element in self.tree.iter("time") if self.elements is None else self.elements["time"]:
            if not element.get("datetime") or parse_iso(element.get("datetime")) != instant:
                continue
            text = clean_text(element.text_content())
            if text and len(text) <= 60 and re.search(r"\d", western_digits(text)):
                shown = parse_datetime(text, languages=reading["languages"], order=reading["order"],
                                       reference=self.reference)
                if shown:
                    return shown.date()
        return None

    def _htmldate(self) -> str | None:
        from htmldate import find_date

        options = {"url": self.url, "original_date": True, "outputformat": "%Y-%m-%d", "extensive_search": False}
        try:
            # htmldate answers from a date in the URL before it reads the page: asked with an
            # empty page first, the page is only cleared of its comments, sidebars and
            # footers (half of htmldate's cost) when the URL has no date.
            found = find_date(_EMPTY_PAGE, **options)
            if not found:
                with _article_only(self.tree, self._names_and_h1s) as article:
                    found = find_date(article, **options)
        except Exception:  # htmldate raises on odd trees; a missing date is not fatal
            found = None
        tz = self.outlet.timezone if self.outlet else None
        return parse_date_iso(found, default_tz=tz, reference=self.reference) if found else None

    def authors(self) -> tuple[list[str], str | None]:
        """JSON-LD Person authors → meta author → the page's byline → an organisation
        credited as author in JSON-LD ("BBC News") when no person is named anywhere."""
        raw = self.jsonld.get("author") or self.jsonld.get("creator")
        people, organizations = _people_and_organizations(raw)
        names = self._without_site_name(normalize_names(people, structured=True))
        if names:
            return names, "jsonld:author"
        for key in ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"):
            values = [v for v in self.meta.get(key, []) if not v.startswith(("http://", "https://"))]
            names = self._without_site_name(normalize_names(values))
            if names:
                return names, f"meta:{key}"
        names = self._without_site_name(byline_names(self.tree, self.elements))
        if names:
            return names, "html:byline"
        names = normalize_names(organizations, structured=True)
        if names:
            return names, "jsonld:author:organization"
        return [], None

    def _without_site_name(self, names: list[str]) -> list[str]:
        """"Rob Picheta, CNN", "Jane Doe, Reuters": the outlet's own name or a news agency
        beside a person is a credit, not an author. Alone, it is kept."""
        if not names:
            return names
        site_keys = self._site_and_host_keys
        people = [n for n in names if _key(n) not in site_keys and not is_agency_credit(n)]
        return people or names

    def body(self) -> tuple[list[str], str | None]:
        """The page's prose container when it is a safe guess, else JSON-LD articleBody,
        else trafilatura: the order of their measured precision (docs/extraction-evaluation.md).
        articleBody is often a shortened or stale copy of the article, the container the
        text readers see."""
        paragraphs, share, container = dom_body(self.tree)
        # Trust the container only when it holds nearly all of the page's prose and is
        # long enough to be an article; live blogs and pages written in <div>s and <br>s go further down.
        if share >= MIN_CONTAINER_SHARE and sum(map(len, paragraphs)) >= MIN_CONTAINER_CHARS:
            descriptions = [structured.text_value(self.jsonld.get("description"))] + [
                v for key in ("og:description", "description", "twitter:description") for v in self.meta.get(key, [])]
            standfirst = find_standfirst(self.tree, container, descriptions)
            if standfirst:  # also when the container finder took it for the lead already
                return ([] if standfirst in paragraphs else [standfirst]) + paragraphs, "html:standfirst+container"
            return paragraphs, "html:container"
        article_body = structured.text_value(self.jsonld.get("articleBody"))
        if is_complete_body(article_body):
            aligned = align_with_page(article_body, self.tree)
            if aligned:
                return aligned, "jsonld:articleBody+html"
            return split_article_body(article_body), "jsonld:articleBody"
        found = trafilatura_paragraphs(self.tree, self.url)
        if found and holds_more_than(paragraphs, found):
            # trafilatura read nothing the (untrusted) container does not hold, and the
            # container holds more: the two agree, and the fuller reading is the body.
            return paragraphs, "html:container+trafilatura"
        return found, "trafilatura" if found else None

    def canonical_url(self) -> tuple[str, str]:
        site = _site_key(self.url)
        for value, source in (
            (canonical_href(self.tree, self.elements), "html:canonical"),
            (self.meta_first("og:url")[0], "meta:og:url"),
        ):
            if value:
                absolute = urljoin(self.url, value.strip())
                if _site_key(absolute) == site:
                    return absolute, source
        return self.url, "url"

    def language(self) -> tuple[str | None, str | None]:
        """The page's language (asked by the field and by the date reading: worked out once)."""
        if self._language is None:
            self._language = self._read_language()
        return self._language

    def _read_language(self) -> tuple[str | None, str | None]:
        if self.outlet and len(self.outlet.languages) == 1:
            return self.outlet.languages[0], "outlet"
        for value, source in (
            (structured.text_value(self.jsonld.get("inLanguage")), "jsonld:inLanguage"),
            (_first(_HTML_LANG_XPATH(self.tree)), "html:lang"),
            (self.meta_first("og:locale")[0], "meta:og:locale"),
            (self.meta_first("content-language", "language")[0], "meta:content-language"),
        ):
            code = _language_code(value)
            if code:
                return code, source
        sample = " ".join(_SAMPLE_TEXT_XPATH(self.tree)[:50])
        if text_direction_ratio(sample) > 0.5:
            return "ar", "script"
        return ("he" if hebrew_share(sample) > 0.5 else "en"), "script"

    def section(self) -> tuple[str | None, str | None]:
        value = structured.text_value(self.jsonld.get("articleSection"))
        if value:
            return clean_text(value), "jsonld:articleSection"
        return self.meta_first("article:section", "section", "parsely-section")

    def tags(self) -> tuple[list[str], str | None]:
        keywords = self.jsonld.get("keywords")
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        values = [clean_text(v) for v in structured.list_value(keywords)]
        if any(values):
            return [v for v in values if v], "jsonld:keywords"
        values = self.meta.get("article:tag", []) or [k for v in self.meta.get("keywords", []) for k in v.split(",")]
        values = [clean_text(v) for v in values if clean_text(v)]
        return values, ("meta" if values else None)

    def description(self) -> tuple[str | None, str | None]:
        value = structured.text_value(self.jsonld.get("description"))
        if value and clean_text(value):
            return clean_text(value), "jsonld:description"
        return self.meta_first("og:description", "description", "twitter:description")


# An <h1> this long, found inside the meta title, is taken over it (shorter ones are section names).
_MIN_AGREED_HEADLINE = 10
_DATE_CLASS_WORDS = ("date", "time", "created", "publish", "posted", "tarih", "datum", "fecha", "dateline")
_DATE_CLASS_RE = re.compile("|".join(_DATE_CLASS_WORDS), re.IGNORECASE)
_UPDATED_CLASS_RE = re.compile(r"updat|modif|edit", re.IGNORECASE)
# Where a page prints dates that are not its article's: comments, related stories, sidebars,
# footers, teasers and "most read" boxes.
_OUTSIDE_ARTICLE_TAGS = {"footer", "aside", "nav"}
_OUTSIDE_ARTICLE_RE = re.compile(
    r"comment|related|recommend|sidebar|footer|copyright|teaser|trending|most-?read|popular|widget|newsletter"
    r"|reply|replies|respon[sd]|discussion", re.IGNORECASE)
# What _visible_date and _is_outside_article can say yes to: elements with a class or id (and
# the <h1>s, where the article's own date starts). The names come as strings, each knowing its
# element (lxml's "smart" strings), in document order: the few that match a pattern are looked
# at as elements, instead of making a Python element of each of the thousands of named
# elements of a page (4/5 of the time).
_NAMES_OR_H1_XPATH = etree.XPath("descendant-or-self::*/@class | descendant-or-self::*/@id"
                                 " | descendant-or-self::h1")


def _named_elements(names_or_elements, search: Callable[[str], Any]) -> list:
    """The elements, in document order, that ``names_or_elements`` (the result of one of the
    XPaths above) gives either as themselves or as a class/id name ``search`` finds a match
    in. The patterns have no spaces: a match in "class id" is a match in one of the two."""
    found: list = []
    for item in names_or_elements:
        if isinstance(item, str):
            if not search(item):
                continue
            item = item.getparent()
        if not found or found[-1] is not item:  # an element named by both its class and id once
            found.append(item)
    return found
_date_class_search = ignorecase_search(_DATE_CLASS_RE)
_outside_article_search = ignorecase_search(_OUTSIDE_ARTICLE_RE)
_ARTICLE_TOKEN_RE = re.compile(r"(?:article|content|body|story|post|entry|main|text)(?:$|[-_])", re.IGNORECASE)
_COPYRIGHT_RE = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)


def _swapped_day_month(a: str, b: str) -> bool:
    """"2022-04-02" and "2022-02-04": one numeric date read in two orders."""
    return a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7] and a[5:7] != a[8:10]


def _is_outside_article(node) -> bool:
    """A comments/related/sidebar/footer element. Not <article> or <main>, nor an element
    that also names itself after the article ("article-content sticky-sidebar-relative")."""
    if node.tag in _OUTSIDE_ARTICLE_TAGS:
        return True
    if node.tag in ("article", "main", "body", "html"):
        return False
    names = f"{node.get('class') or ''} {node.get('id') or ''}"
    # The pattern has no spaces, so it matches in one token exactly when it matches in the
    # names: one search for the many elements named otherwise.
    if not _outside_article_search(names):
        return False
    tokens = names.split()
    return not any(_ARTICLE_TOKEN_RE.match(t) and not _outside_article_search(t) for t in tokens)


def _outside_article(element) -> bool:
    return any(_is_outside_article(node) for node in (element, *element.iterancestors()))


_EMPTY_PAGE = parse_html("<html><body></body></html>")


def _outside_parts(tree, names_or_h1s: list | None = None) -> list:
    """The outermost comments, related stories, sidebars and footers below the page's <body>
    (else its root), with their parent and place there, as ``(parent, index, element)``.
    ``names_or_h1s``: ``_NAMES_OR_H1_XPATH`` of ``tree``, when the caller has it already."""
    body = next(tree.iter("body"), tree)
    if names_or_h1s is None:
        names_or_h1s = _NAMES_OR_H1_XPATH(tree)
    below_body = (lambda e: e is not tree) if body is tree else (lambda e: body in e.iterancestors())
    outside = dict.fromkeys(e for e in _named_elements(names_or_h1s, _outside_article_search)
                            if _is_outside_article(e) and below_body(e))
    outside.update(dict.fromkeys(body.iterdescendants(*_OUTSIDE_ARTICLE_TAGS)))
    return [(e.getparent(), e.getparent().index(e), e) for e in outside
            if not any(a in outside for a in e.iterancestors())]


@contextmanager
def _article_only(tree, names_or_h1s: list | None = None):
    """The page without comments, related stories, sidebars and footers, for readers of
    the whole page (htmldate) that would take their dates for the article's. Those parts
    are taken out of ``tree`` for the time of the ``with`` block and put back after it
    (htmldate copies the tree it is given: a copy made here as well cost 4 ms a page)."""
    removed = _outside_parts(tree, names_or_h1s)
    for parent, _, element in removed:
        parent.remove(element)
    try:
        yield tree
    finally:
        # put back by place: each parent gets its children back left to right, each index right again
        for parent, index, element in sorted(removed, key=lambda part: part[1]):
            parent.insert(index, element)


def _is_utc_time(iso: str) -> bool:
    """A UTC time of day; midnight UTC is how a date without a time is written, and a
    plain date is never moved to another day."""
    return len(iso) > 10 and iso.endswith(("+00:00", "Z")) and "T00:00:00" not in iso


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


_SUFFIX_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " :", " |")


# Subdomains that say nothing about the site's name (english.ahram.org.eg).
_GENERIC_HOST_LABELS = {"www", "m", "amp", "english", "arabic", "ar", "en", "news", "edition", "mobile", "web"}


def strip_site_suffix(title: str, site_names: list[str], host: str | None = None) -> str:
    """Remove " | Outlet" / "Outlet - " around a title when the outlet's name is known,
    a short trailing segment after " | ", or a short last segment naming ``host``."""
    title = clean_text(title)
    keys = {_key(n) for n in site_names if n}
    for sep in _SUFFIX_SEPARATORS:
        if sep not in title:
            continue
        parts = [p.strip() for p in title.split(sep)]
        if keys:
            kept = [p for p in parts if _key(p) not in keys and not any(k and k in _key(p) and len(_key(p)) - len(k) < 6 for k in keys)]
            if kept and len(kept) < len(parts):
                return sep.join(kept).strip()
    if " | " in title:
        head, _, tail = title.rpartition(" | ")
        if len(tail) <= 30 and len(head) > len(tail):
            return head.strip()
    if host:
        # "Title - Al-Ahram Online" on ahram.org.eg: a short last segment naming the host.
        labels = [part for part in host.split(".") if part not in _GENERIC_HOST_LABELS]
        label = _key(labels[0]) if labels else ""
        for sep in (" - ", " – ", " — ", " :: ", " · "):
            head, _, tail = title.rpartition(sep)
            if head and len(label) >= 3 and label in _key(tail) and len(tail.split()) <= 5 and len(head.split()) >= 3:
                return head.strip()
    return title


def _site_key(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def _language_code(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def _people_and_organizations(value: Any) -> tuple[list[str], list[str]]:
    """JSON-LD author names, split into people and organisations (by ``@type``)."""
    people: list[str] = []
    organizations: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            people.append(item)
        elif isinstance(item, dict):
            name = structured.text_value(item.get("name"))
            if not name and (item.get("givenName") or item.get("familyName")):
                name = " ".join(filter(None, (item.get("givenName"), item.get("familyName"))))
            if not isinstance(name, str) or not name:
                continue
            is_org = bool(structured.types_of(item) & structured.ORGANIZATION_TYPES)
            (organizations if is_org else people).append(name)
    return people, organizations


def _decode(body: bytes) -> tuple[str, bytes | None]:
    """The page's text, and its bytes again when they are that text in UTF-8."""
    from w3lib.encoding import html_to_unicode

    # Saved pages are often re-encoded as UTF-8 with their old <meta charset> kept. Bytes
    # that decode as UTF-8 and are not all ASCII are UTF-8: text in a single-byte or GB
    # charset almost never forms valid UTF-8 sequences by chance.
    if not body.isascii() and not body.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOMs
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return (text[1:], body[3:]) if text.startswith("\ufeff") else (text, body)
    _, text = html_to_unicode(None, body)
    return text, None


# Fields in the order they are extracted; each maps to an ArticlePage method.
_FIELDS: dict[str, Callable[[ArticlePage], tuple[Any, str | None]]] = {
    "canonical_url": ArticlePage.canonical_url,
    "language": ArticlePage.language,
    "headline": ArticlePage.headline,
    "description": ArticlePage.description,
    "authors": ArticlePage.authors,
    "section": ArticlePage.section,
    "tags": ArticlePage.tags,
    "paragraphs": ArticlePage.body,
}


def extract_article(
    html: str | bytes,
    url: str,
    *,
    outlet: Outlet | None = None,
    status: int | None = 200,
    fetched_at: datetime | None = None,
    use_outlet_lookup: bool = True,
):
    """Extract an ArticleItem from ``html`` fetched at ``url``.

    ``outlet`` defaults to the outlet owning ``url``'s host; unknown hosts use
    the generic rules. Raises ExtractionError when the page is not an HTML page.
    """
    if outlet is None and use_outlet_lookup:
        outlet = outlet_for_url(url)
    page = ArticlePage(html, url, outlet, reference=fetched_at)
    # Imported here: the loader's processors import this package's text helpers, so a
    # module-level import would make `import crawler.loaders` circular.
    from crawler.loaders import ArticleLoader

    loader = ArticleLoader()
    provenance: dict[str, str] = {}

    raw_paragraphs: list[str] = []

    def put(field: str, value: Any, source: str | None) -> None:
        if value in (None, "", []):
            return
        if field == "paragraphs":
            raw_paragraphs.extend(value)
        loader.add_value(field, value)
        if source:
            provenance[field] = source

    def guarded(field: str, compute: Callable[[], Any], default: Any) -> Any:
        # One field's rule or heuristic failing on an odd page must not cost the whole
        # article: the next evidence (or nothing) fills the field; provenance["errors"] says why.
        try:
            return compute()
        except Exception as exc:  # noqa: BLE001 - any bug in a heuristic, by design
            logger.warning("extraction of %s failed on %s: %r", field, url, exc)
            failure = f"{field}:{type(exc).__name__}"
            provenance["errors"] = f"{provenance['errors']},{failure}" if "errors" in provenance else failure
            return default

    for field, method in _FIELDS.items():
        rule_value = guarded(field, (lambda f=field: page.outlet_body() if f == "paragraphs" else page.outlet_rule(f)),
                             None)
        if rule_value not in (None, "", []):
            value, source = rule_value, "outlet"
        else:
            value, source = guarded(field, lambda m=method: m(page), (None, None))
        put(field, value, source)
    for field, (value, source) in guarded("dates", page.dates, {}).items():
        rule_value = guarded(field, lambda f=field: page.outlet_rule(f), None)
        if rule_value:
            value = parse_date_iso(rule_value, default_tz=outlet.timezone if outlet else None, reference=fetched_at)
            source = "outlet"
        put(field, value, source)

    loader.add_value("url", url)
    loader.add_value("outlet", outlet.slug if outlet else "generic")
    loader.add_value("status", status)
    loader.add_value("fetched_at", (fetched_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"))
    if page.jsonld_errors:
        provenance["jsonld_errors"] = str(page.jsonld_errors)
    item = loader.load_item()
    paragraphs = item.get("paragraphs") or []
    item["paragraphs"] = paragraphs
    if not item.get("authors"):
        # The loader dropped byline lines ("By Jane Doe", "كتب: فلان") from the body;
        # they name the authors when nothing better did.
        names = edge_byline_names([p for p in map(clean_text, raw_paragraphs) if p])
        if names:
            item["authors"] = names
            provenance["authors"] = "body:byline"
    item["body"] = "\n".join(paragraphs)
    item["word_count"] = len(item["body"].split())
    item.setdefault("authors", [])
    item.setdefault("tags", [])
    item["provenance"] = provenance
    return item


def extract_from_response(response, outlet: Outlet | None = None):
    """Run the matching extractor on a Scrapy response (spiders, ``scrapy shell``)."""
    from scrapy.http import TextResponse

    if not isinstance(response, TextResponse):
        raise ExtractionError("not_html", f"{response.url}: not a text response ({type(response).__name__})")
    fetched = response.meta.get("fetched_at") if response.request is not None else None
    text, guessed = _response_text(response)
    item = extract_article(
        text,
        response.url,
        outlet=outlet,
        status=response.status,
        fetched_at=fetched,
    )
    if guessed:
        item["provenance"]["encoding"] = f"guessed:{guessed}"
    return item


# The legacy charsets this archive meets: Arabic (Windows, ISO) first, then Western.
ARABIC_CHARSETS = ("cp1256", "iso8859_6")


def _legacy_charset(data: bytes) -> str:
    """The Arabic charset under which ``data`` reads as the most Arabic letters, else cp1252.

    Open-ended detectors guess Thai or Cyrillic from a few bytes, and cp1256 vs
    ISO-8859-6 is exactly what they confuse; counting letters of U+0621-U+064A settles it.
    """
    def arabic_share(charset: str) -> float:
        text = data.decode(charset, errors="replace")
        letters = sum(1 for c in text if "\u0621" <= c <= "\u064a")
        return letters / max(1, len(text))

    best = max(ARABIC_CHARSETS, key=arabic_share)
    return best if arabic_share(best) >= 0.5 else "cp1252"


def _response_text(response) -> tuple[str, str | None]:
    """The page as text; when it is said (or taken) to be UTF-8 but is not, the real charset.

    Arabic sites still serve windows-1256 / ISO-8859-6 under a UTF-8 header, or
    paste such text into a UTF-8 template; Scrapy trusts the header and those parts
    become U+FFFD. Only then: valid UTF-8 stays UTF-8, and the bytes that are not
    are decoded with the legacy charset they read best in (``_legacy_charset``).
    """
    text = response.text
    declared = (response.encoding or "").lower().replace("-", "").replace("_", "")
    # "ascii": what Scrapy settles on for a page with no charset anywhere that is not clean UTF-8.
    if "\ufffd" not in text or not (declared.startswith("utf8") or declared in ("ascii", "usascii")):
        return text, None
    body = response.body
    bad = bytearray()

    def collect(err):
        bad.extend(err.object[err.start:err.end])
        return "", err.end

    codecs.register_error("cairo-collect-invalid", collect)
    body.decode("utf-8", errors="cairo-collect-invalid")
    if not bad:
        return text, None  # the replacement characters are really in the page
    legacy = _legacy_charset(bytes(bad[:200_000]))

    def fallback(err):
        return err.object[err.start:err.end].decode(legacy, errors="replace"), err.end

    codecs.register_error(f"cairo-fallback-{legacy}", fallback)
    return body.decode("utf-8", errors=f"cairo-fallback-{legacy}"), legacy
