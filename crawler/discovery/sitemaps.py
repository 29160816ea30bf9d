"""Sitemaps, sitemap indexes and Google News sitemaps.

Scrapy's own ``scrapy.utils.sitemap.Sitemap`` keeps only the direct children of
``<url>``, so the nested ``<news:news><news:title>`` that lets us judge a link
before fetching it would be lost; this reads the same files with the same
safe lxml options (no entities, recover from broken XML) and keeps them.
"""

from __future__ import annotations

import gzip
import struct
from io import BytesIO

import lxml.etree


from .links import DiscoveredLink, Listing


class NotASitemap(ValueError):
    """The body is neither a <urlset> nor a <sitemapindex>."""


class SitemapTooLarge(NotASitemap):
    """A gzipped sitemap that would unpack beyond DOWNLOAD_MAXSIZE (a gzip bomb, or a mistake)."""


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def sitemap_body(body: bytes, max_size: int = 0) -> bytes:
    """The XML of a sitemap, gunzipped when it came as a .xml.gz file."""
    if body[:3] == b"\x1f\x8b\x08":  # gzip magic number
        return _gunzip_capped(body, max_size)
    return body


def _gunzip_capped(body: bytes, max_size: int) -> bytes:
    """Gunzip at most ``max_size`` bytes (0: no cap), in chunks, so a gzip bomb never fills memory.

    Scrapy's ``scrapy.utils.gz.gunzip`` does the same, but signals the cap with a private
    exception class; this small copy uses only the standard library. Like Scrapy's, a
    truncated file gives what could be decompressed, and an error only when that is nothing.
    """
    out = bytearray()
    with gzip.GzipFile(fileobj=BytesIO(body)) as stream:
        while True:
            try:
                chunk = stream.read1(65536)
            except (OSError, EOFError, struct.error) as exc:  # struct.error: a cut-off header
                if out:
                    break
                raise NotASitemap(f"broken gzip: {exc}") from None
            if not chunk:
                break
            out += chunk
            if max_size and len(out) > max_size:
                raise SitemapTooLarge(f"gzipped sitemap unpacks to more than {max_size} bytes")
    return bytes(out)


def parse_sitemap(body: bytes, source: str = "", kind: str = "sitemap", max_size: int = 0) -> Listing:
    body = sitemap_body(body, max_size=max_size)
    events = lxml.etree.iterparse(
        BytesIO(body), events=("start", "end"), recover=True, resolve_entities=False,
        remove_comments=True, remove_pis=True, huge_tree=False, no_network=True,
    )
    try:
        _, root = next(events)
    except (StopIteration, lxml.etree.XMLSyntaxError) as exc:
        raise NotASitemap(f"not XML: {exc}") from None
    root_tag = _local(root.tag)
    if root_tag not in ("urlset", "sitemapindex"):
        raise NotASitemap(f"root element is <{root_tag}>, not <urlset> or <sitemapindex>")
    listing = Listing(kind=root_tag)
    try:
        for event, elem in events:
            if event != "end" or _local(elem.tag) not in ("url", "sitemap"):
                continue
            entry = _entry(elem)
            elem.clear()
            if not entry.get("loc"):
                continue
            if root_tag == "sitemapindex":
                listing.children.append((entry["loc"], entry.get("lastmod", "")))
            else:
                listing.links.append(DiscoveredLink(
                    url=entry["loc"], source=source, kind=kind,
                    title=entry.get("title", ""),
                    keywords=[k.strip() for k in entry.get("keywords", "").split(",") if k.strip()],
                    published=entry.get("publication_date") or entry.get("lastmod", ""),
                ))
    except lxml.etree.XMLSyntaxError:
        pass  # a truncated file still yields the entries read so far
    return listing


def _entry(elem) -> dict[str, str]:
    """loc/lastmod of one <url> or <sitemap>, and its <news:news> fields.

    Only the news block's title counts: an <image:title> names a picture, not the article.
    """
    entry: dict[str, str] = {}
    for child in elem:
        name = _local(child.tag)
        if name in ("loc", "lastmod"):
            entry.setdefault(name, (child.text or "").strip())
        elif name == "news":
            for field in child.iter():
                fname = _local(field.tag)
                if fname in ("title", "keywords", "publication_date"):
                    entry.setdefault(fname, (field.text or "").strip())
    return entry
