"""Structured data in a page: JSON-LD objects and meta tags (OpenGraph, Twitter, Dublin Core...).

JSON-LD on news sites is messy: objects nested in ``@graph``, lists of
objects, ``@type`` as a list, invalid JSON with comments or trailing commas,
and several article-like objects on one page (the article, a video, related
items). ``find_article`` picks the object that describes the page itself.
"""

from __future__ import annotations

import html
import json
from typing import Any, Iterable, Iterator

import jstyleson  # extruct's own tolerant JSON reader (comments, trailing commas)

ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "liveblogposting",
    "blogposting", "socialmediaposting", "scholarlyarticle", "techarticle", "report",
}
PAGE_TYPES = {"webpage", "itempage", "collectionpage"}
# Organisations that may stand in as an article's author ("BBC News").
ORGANIZATION_TYPES = {"organization", "newsmediaorganization", "corporation", "newsorganization"}


def is_article_type(types: set[str]) -> bool:
    """schema.org has many article subtypes (ReportageNewsArticle, AnalysisNewsArticle...);
    every one of them ends in "article" or "posting", so match the family, not a list."""
    return bool(types & ARTICLE_TYPES) or any(t.endswith(("article", "posting")) for t in types)


def parse_jsonld_scripts(scripts: Iterable[str]) -> tuple[list[dict], int]:
    """All JSON-LD objects of the page, flattened; and how many scripts were unreadable."""
    objects: list[dict] = []
    errors = 0
    for script in scripts:
        script = script.strip()
        if not script:
            continue
        data = _loads(script)
        if data is None:
            errors += 1
            continue
        objects.extend(_flatten(data))
    return objects, errors


def _loads(script: str) -> Any:
    for attempt in (script, _strip_comment_wrappers(script)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            pass
        try:
            return jstyleson.loads(attempt, strict=False)
        except Exception:  # jstyleson raises a variety of errors on garbage
            pass
    return None


def _strip_comment_wrappers(script: str) -> str:
    script = script.strip()
    for prefix, suffix in (("<!--", "-->"), ("/*<![CDATA[*/", "/*]]>*/"), ("//<![CDATA[", "//]]>")):
        if script.startswith(prefix) and script.endswith(suffix):
            script = script[len(prefix): -len(suffix)]
    return script.strip().rstrip(";")


def _flatten(data: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if graph is not None:
            yield from _flatten(graph, depth + 1)
        if "@type" in data:
            yield data
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _flatten(main, depth + 1)


def types_of(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if v}


def find_article(objects: list[dict], url: str | None = None) -> dict | None:
    """The JSON-LD object that describes this article, or None."""
    candidates = [o for o in objects if is_article_type(types_of(o))]
    if not candidates:
        return None

    def score(obj: dict) -> tuple:
        same_page = 0
        if url:
            ids = [obj.get("url"), obj.get("@id"), _id_of(obj.get("mainEntityOfPage"))]
            same_page = int(any(isinstance(i, str) and _same_path(i, url) for i in ids))
        return (
            same_page,
            int(bool(obj.get("articleBody"))),
            int(bool(obj.get("headline"))),
            int(bool(obj.get("datePublished"))),
            len(json.dumps(obj, default=str)),
        )

    return max(candidates, key=score)


def is_own_article(obj: dict, objects: list[dict], url: str | None) -> bool:
    """Whether ``obj`` (chosen by ``find_article``) surely describes this page: the only
    article object, one naming this page's URL, or one of several that all give the same
    publication date. A list of items, an ``@graph`` with several articles or a "related"
    block without one naming the page is not evidence of this page's date."""
    if not is_article_type(types_of(obj)):
        return True
    articles = [o for o in objects if is_article_type(types_of(o))]
    if len(articles) <= 1 or len({str(o.get("datePublished")) for o in articles}) == 1:
        return True
    ids = [obj.get("url"), obj.get("@id"), _id_of(obj.get("mainEntityOfPage"))]
    return bool(url) and any(isinstance(i, str) and _same_path(i, url) for i in ids)


def find_page(objects: list[dict]) -> dict | None:
    pages = [o for o in objects if types_of(o) & PAGE_TYPES]
    return pages[0] if pages else None


def _id_of(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None


def _same_path(a: str, b: str) -> bool:
    from urllib.parse import urlsplit

    pa, pb = urlsplit(a), urlsplit(b)
    return pa.path.rstrip("/") == pb.path.rstrip("/") and pa.path not in ("", "/")


def text_value(value: Any) -> str | None:
    """A JSON-LD value as one string: first item of a list, ``name`` of an object."""
    if isinstance(value, list):
        for item in value:
            text = text_value(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return text_value(value.get("name") or value.get("@value") or value.get("text"))
    if isinstance(value, str):
        # CMS templates often HTML-escape JSON-LD strings ("&quot;", "&#39;").
        return html.unescape(value) if "&" in value else value
    if isinstance(value, (int, float)):
        return str(value)
    return None


def list_value(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(list_value(item))
        return out
    if isinstance(value, dict):
        name = value.get("name") or value.get("@value")
        return list_value(name)
    if isinstance(value, str):
        return [html.unescape(value)]
    return []


def meta_tags(tree) -> dict[str, list[str]]:
    """``<meta>`` values keyed by lower-cased property/name/itemprop, in page order."""
    return meta_values(tree.iter("meta"))


def meta_values(metas: Iterable) -> dict[str, list[str]]:
    """``meta_tags`` of the page's ``<meta>`` elements, found already."""
    out: dict[str, list[str]] = {}
    for meta in metas:
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content is not None:
            out.setdefault(key.strip().lower(), []).append(content)
    return out
