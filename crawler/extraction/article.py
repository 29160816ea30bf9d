"""Turn one HTML page into an article item, recording where each field came from.

Order of evidence per field: the outlet's own rule, then JSON-LD, then
OpenGraph/meta tags, then page heuristics (h1, <time>, bylines), and for the
body trafilatura as the fallback. ``provenance`` on the item names the source
that won ("outlet", "jsonld", "meta:og:title", "html:h1", "trafilatura"...).

The same function serves spiders (``extract_from_response``), the
``scrapy extract`` command and ``scrapy shell`` (``extract(response)``).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from parsel import Selector

from crawler.loaders import ArticleLoader
from crawler.outlets import Outlet, outlet_for_url

from . import structured
from .authors import normalize_names
from .body import align_with_page, is_complete_body, paragraphs_in, split_article_body, trafilatura_paragraphs
from .dates import parse_date_iso
from .text import clean_text, text_direction_ratio


class ExtractionError(ValueError):
    """The page cannot be read as an article (empty, not HTML...). ``reason`` goes to stats."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


class ArticlePage:
    """A parsed page plus the structured data found in it; fields are computed lazily."""

    def __init__(self, html: str | bytes, url: str, outlet: Outlet | None = None):
        if isinstance(html, bytes):
            if b"\x00" in html[:4096]:
                raise ExtractionError("binary_body", f"{url}: binary content, not an HTML page")
            html = _decode(html)
        elif "\x00" in html[:4096]:
            raise ExtractionError("binary_body", f"{url}: binary content, not an HTML page")
        if not html or not html.strip():
            raise ExtractionError("empty_body", f"{url}: empty page")
        self.html = html
        self.url = url
        self.outlet = outlet
        self.selector = Selector(text=html, type="html")
        self.tree = self.selector.root
        if self.tree is None or not isinstance(getattr(self.tree, "tag", None), str):
            raise ExtractionError("not_html", f"{url}: not an HTML document")
        scripts = self.selector.xpath('//script[contains(@type, "ld+json")]/text()').getall()
        self.jsonld_objects, self.jsonld_errors = structured.parse_jsonld_scripts(scripts)
        self.jsonld = structured.find_article(self.jsonld_objects, url) or {}
        self.jsonld_page = structured.find_page(self.jsonld_objects) or {}
        self.meta = structured.meta_tags(self.tree)

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

    @property
    def site_names(self) -> list[str]:
        names = [v for v in self.meta.get("og:site_name", []) if v]
        publisher = structured.text_value(self.jsonld.get("publisher"))
        if publisher:
            names.append(publisher)
        if self.outlet:
            names.append(self.outlet.name)
        return [clean_text(n) for n in names if clean_text(n)]

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
        candidates: list[tuple[str, str]] = []
        for key in ("headline", "name", "alternativeHeadline"):
            value = structured.text_value(self.jsonld.get(key))
            if value and clean_text(value):
                candidates.append((clean_text(value), f"jsonld:{key}"))
                break
        for key in ("og:title", "twitter:title", "title", "dc.title", "sailthru.title"):
            value, source = self.meta_first(key)
            if value:
                candidates.append((value, source))
        h1 = self._h1()
        if h1:
            candidates.append((h1, "html:h1"))
        title = clean_text(self.selector.xpath("//title/text()").get())
        if title:
            candidates.append((title, "html:title"))
        if not candidates:
            return None, None
        cleaned = [(strip_site_suffix(text, self.site_names), source) for text, source in candidates]
        # An <h1> that another source confirms is the visible headline, and the
        # most reliable: meta titles are often shortened or carry a site name.
        if h1:
            h1_key = _key(h1)
            for text, source in cleaned:
                if source != "html:h1" and _key(text) == h1_key:
                    return h1, "html:h1"
        return cleaned[0]

    def _h1(self) -> str | None:
        for xpath in ("//article//h1", "//main//h1", "//h1"):
            for element in self.selector.xpath(xpath):
                text = clean_text(" ".join(element.xpath(".//text()").getall()))
                if 3 <= len(text) <= 300:
                    return text
        return None

    def dates(self) -> dict[str, tuple[str | None, str | None]]:
        tz = self.outlet.timezone if self.outlet else None
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
        for field, (ld_keys, meta_keys) in specs.items():
            value = source = None
            for obj in (self.jsonld, self.jsonld_page):
                for key in ld_keys:
                    value = parse_date_iso(structured.text_value(obj.get(key)), default_tz=tz)
                    if value:
                        source = f"jsonld:{key}"
                        break
                if value:
                    break
            if not value:
                for key in meta_keys:
                    for raw in self.meta.get(key, []):
                        value = parse_date_iso(raw, default_tz=tz)
                        if value:
                            source = f"meta:{key}"
                            break
                    if value:
                        break
            if not value:
                raw_time = self.selector.xpath("(//article//time/@datetime | //time/@datetime)[1]").get()
                value = parse_date_iso(raw_time, default_tz=tz) if field == "published" else None
                source = "html:time" if value else None
            out[field] = (value, source)
        if not out["published"][0]:
            out["published"] = self._htmldate()
        return out

    def _htmldate(self) -> tuple[str | None, str | None]:
        from htmldate import find_date

        try:
            found = find_date(self.tree, url=self.url, original_date=True, outputformat="%Y-%m-%d", extensive_search=True)
        except Exception:  # htmldate raises on odd trees; a missing date is not fatal
            found = None
        tz = self.outlet.timezone if self.outlet else None
        return (parse_date_iso(found, default_tz=tz), "htmldate") if found else (None, None)

    def authors(self) -> tuple[list[str], str | None]:
        raw = self.jsonld.get("author") or self.jsonld.get("creator")
        names = normalize_names(_person_names(raw))
        if names:
            return names, "jsonld:author"
        for key in ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"):
            values = [v for v in self.meta.get(key, []) if not v.startswith(("http://", "https://"))]
            names = normalize_names(values)
            if names:
                return names, f"meta:{key}"
        for css in ('[rel="author"]', '[itemprop="author"] [itemprop="name"]', '[itemprop="author"]',
                    ".byline__name", ".byline", ".author-name", ".author"):
            values = [clean_text(" ".join(e.xpath(".//text()").getall())) for e in self.selector.css(css)]
            names = normalize_names([v for v in values if v])
            if names:
                return names, f"html:{css}"
        return [], None

    def body(self) -> tuple[list[str], str | None]:
        article_body = structured.text_value(self.jsonld.get("articleBody"))
        if is_complete_body(article_body):
            aligned = align_with_page(article_body, self.tree)
            if aligned:
                return aligned, "jsonld:articleBody+html"
            return split_article_body(article_body), "jsonld:articleBody"
        paragraphs = trafilatura_paragraphs(self.html, self.url)
        return paragraphs, "trafilatura" if paragraphs else None

    def canonical_url(self) -> tuple[str, str]:
        site = _site_key(self.url)
        for value, source in (
            (self.selector.xpath('//link[@rel="canonical"]/@href').get(), "html:canonical"),
            (self.meta_first("og:url")[0], "meta:og:url"),
        ):
            if value:
                absolute = urljoin(self.url, value.strip())
                if _site_key(absolute) == site:
                    return absolute, source
        return self.url, "url"

    def language(self) -> tuple[str | None, str | None]:
        if self.outlet and len(self.outlet.languages) == 1:
            return self.outlet.languages[0], "outlet"
        for value, source in (
            (structured.text_value(self.jsonld.get("inLanguage")), "jsonld:inLanguage"),
            (self.selector.xpath("/html/@lang").get(), "html:lang"),
            (self.meta_first("og:locale")[0], "meta:og:locale"),
            (self.meta_first("content-language", "language")[0], "meta:content-language"),
        ):
            code = _language_code(value)
            if code:
                return code, source
        sample = " ".join(self.selector.xpath("//p//text()").getall()[:50])
        return ("ar" if text_direction_ratio(sample) > 0.5 else "en"), "script"

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


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


_SUFFIX_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " :", " |")


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """Remove " | Outlet" / "Outlet - " around a title when the outlet's name is known,
    or a short trailing segment after " | "."""
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


def _person_names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [n for item in value for n in _person_names(item)]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, (list, dict)):
            return _person_names(name)
        if not name and (value.get("givenName") or value.get("familyName")):
            name = " ".join(filter(None, (value.get("givenName"), value.get("familyName"))))
        return [name] if isinstance(name, str) else []
    return [value] if isinstance(value, str) else []


def _decode(body: bytes) -> str:
    from w3lib.encoding import html_to_unicode

    _, text = html_to_unicode(None, body)
    return text


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
    page = ArticlePage(html, url, outlet)
    loader = ArticleLoader()
    provenance: dict[str, str] = {}

    def put(field: str, value: Any, source: str | None) -> None:
        if value in (None, "", []):
            return
        loader.add_value(field, value)
        if source:
            provenance[field] = source

    for field, method in _FIELDS.items():
        rule_value = page.outlet_body() if field == "paragraphs" else page.outlet_rule(field)
        if rule_value not in (None, "", []):
            value, source = rule_value, "outlet"
        else:
            value, source = method(page)
        put(field, value, source)
    for field, (value, source) in page.dates().items():
        rule_value = page.outlet_rule(field)
        if rule_value:
            value = parse_date_iso(rule_value, default_tz=outlet.timezone if outlet else None)
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
    return extract_article(
        response.text,
        response.url,
        outlet=outlet,
        status=response.status,
        fetched_at=fetched,
    )
