"""One spider per registered outlet: `scrapy crawl <slug>` (see `scrapy list`).

An outlet spider reads the outlet's discovery endpoints (news sitemaps, sitemap
indexes, RSS/Atom feeds, section and search pages, declared in
crawler/outlets/<slug>.py), keeps the links that match the outlet's article URL
pattern and pass the pre-fetch relevance check, and parses each article with
``ArticleSpider.parse_article``. Nothing here is outlet-specific: the classes are
generated from the registry at import time.

Arguments (all optional):
  -a kinds=feeds,news_sitemaps   read only these endpoint kinds
                                 (news_sitemaps, sitemaps, feeds, sections, search_urls)
  -a feeds=URL[,URL]             read these listings instead of the declared ones (same for
  -a news_sitemaps=... -a sitemaps=... -a sections=... -a search_urls=...)
                                 a mirror or a local copy; their hosts count as the outlet's
  -a prefilter=0                 fetch every article link, do not judge them first
  -a since=YYYY-MM-DD            skip links (and child sitemaps) dated before this day
  -a until=YYYY-MM-DD            and after this day; with until, every child sitemap whose
                                 lastmod or name falls in since..until is read (a backfill),
                                 not only the DISCOVERY_MAX_CHILD_SITEMAPS newest
  -a max_articles=N              stop requesting articles after N

Stats: discovery/listings/<kind>, discovery/failed/<reason>, discovery/links/<fate>,
discovery/articles_requested, plus the article counters of ArticleSpider.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from urllib.parse import quote, urlsplit

import scrapy
from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError
from twisted.internet.error import ConnectError, ConnectionRefusedError, DNSLookupError, TimeoutError
from w3lib.url import safe_url_string

from crawler.discovery import LinkPrefilter, parse_feed, parse_listing_page, parse_sitemap
from crawler.discovery.feeds import NotAFeed
from crawler.discovery.links import DiscoveredLink
from crawler.discovery.ranges import DateRange, listing_date
from crawler.discovery.sitemaps import NotASitemap
from crawler.dedup.urls import url_key, without_tracking
from crawler.incremental.middlewares import LASTMOD_META
from crawler.outlets import Outlet, all_outlets
from crawler.rendering import render_meta

from .base import ArticleSpider

ENDPOINT_KINDS = ("news_sitemaps", "sitemaps", "feeds", "sections", "search_urls")
HTML_LISTING_KINDS = ("sections", "search_urls")
# Errors meaning "this host cannot be reached at all", as opposed to a page error.
UNREACHABLE_ERRORS = (CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError,
                      DNSLookupError, ConnectError, ConnectionRefusedError, TimeoutError)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class OutletSpider(ArticleSpider):
    """Base of the generated outlet spiders; ``outlet`` is set on each subclass."""

    outlet: Outlet

    def __init__(self, kinds: str | None = None, prefilter: str | None = None, since: str | None = None,
                 until: str | None = None, max_articles: str | None = None, **kwargs):
        overrides = {kind: _split(kwargs.pop(kind, None)) for kind in ENDPOINT_KINDS}
        super().__init__(**kwargs)
        unknown = set(_split(kinds)) - set(ENDPOINT_KINDS)
        if unknown:
            raise ValueError(f"unknown endpoint kind(s) {sorted(unknown)}; known: {', '.join(ENDPOINT_KINDS)}")
        self.kinds = _split(kinds) or list(ENDPOINT_KINDS)
        declared = self.outlet.endpoints()
        self.overridden = any(overrides.values())
        self.endpoints = {k: (overrides[k] if self.overridden else list(declared[k])) for k in ENDPOINT_KINDS}
        # Listings given on the command line may live on a mirror: their hosts count as the outlet's.
        self.extra_hosts = {urlsplit(u).hostname for urls in overrides.values() for u in urls} - {None}
        self.allowed_domains = list(self.outlet.domains) + sorted(self.extra_hosts)
        self.prefilter_arg = prefilter
        self.since_arg = since
        self.until = _parse_day(until)
        self.max_articles_arg = max_articles
        self.articles_requested = 0
        self.requested_keys: set[str] = set()  # url_key of every article requested in this run

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.prefilter = LinkPrefilter.from_settings(settings)
        if spider.prefilter_arg is not None:
            spider.prefilter.enabled = spider.prefilter_arg.lower() not in ("0", "false", "no", "off")
        spider.since = _parse_day(spider.since_arg or settings.get("DISCOVERY_SINCE"))
        spider.range = DateRange(spider.since, spider.until)
        spider.max_articles = int(spider.max_articles_arg or settings.getint("DISCOVERY_MAX_ARTICLES"))
        spider.listing_timeout = settings.getfloat("DISCOVERY_TIMEOUT")
        spider.listing_retries = settings.getint("DISCOVERY_RETRY_TIMES")
        spider.max_sitemap_depth = settings.getint("DISCOVERY_MAX_SITEMAP_DEPTH")
        spider.max_child_sitemaps = settings.getint("DISCOVERY_MAX_CHILD_SITEMAPS")
        spider.search_terms = settings.getdict("DISCOVERY_SEARCH_TERMS")
        return spider

    # --- what to read first ---------------------------------------------------------

    def listing_urls(self) -> list[tuple[str, str]]:
        """(kind, URL) of every listing this run starts from."""
        urls: list[tuple[str, str]] = []
        for kind in ENDPOINT_KINDS:
            if kind not in self.kinds:
                continue
            for url in self.endpoints[kind]:
                if kind == "search_urls" and "{query}" in url:
                    for language in self.outlet.languages:
                        for term in self.search_terms.get(language, []):
                            urls.append((kind, url.replace("{query}", quote(term))))
                else:
                    urls.append((kind, url))
        return urls

    async def start(self):
        listings = self.listing_urls()
        if not listings:
            self.logger.warning("Outlet %s has no discovery endpoint of kind(s) %s", self.outlet.slug, self.kinds)
            self.crawler.stats.inc_value("discovery/failed/no_endpoints")
        for kind, url in listings:
            yield self.listing_request(url, kind, depth=0)

    def listing_request(self, url: str, kind: str, depth: int) -> scrapy.Request:
        # Section and search pages are HTML a browser may have to fill in; feeds and sitemaps never are.
        rendering = render_meta(self.outlet.render, url, "listing") if kind in HTML_LISTING_KINDS else {}
        return scrapy.Request(
            url, callback=self.parse_listing, errback=self.listing_failed, dont_filter=depth == 0,
            # Listings fail fast: one slow endpoint must not hold up the outlet's report.
            meta={"discovery_kind": kind, "listing_depth": depth, "download_timeout": self.listing_timeout,
                  "max_retry_times": self.listing_retries,
                  # Listings may live on another host (feeds.bbci.co.uk, a sitemap CDN);
                  # only articles must be on the outlet's domains.
                  "allow_offsite": True, **rendering},
            priority=10,  # listings before articles, so a crawl learns early what there is
        )

    # --- reading listings -----------------------------------------------------------

    def parse_listing(self, response):
        kind = response.meta["discovery_kind"]
        stats = self.crawler.stats
        try:
            listing = self.read_listing(response, kind)
        except (NotASitemap, NotAFeed) as exc:
            stats.inc_value(f"discovery/failed/{type(exc).__name__}")
            self.logger.warning("Unreadable %s listing %s: %s", kind, response.url, exc)
            return
        except Exception as exc:  # a parser bug on one listing must not stop the outlet
            stats.inc_value(f"discovery/failed/error_{type(exc).__name__}")
            self.logger.exception("Listing parser crashed on %s", response.url)
            return
        stats.inc_value(f"discovery/listings/{kind}")
        stats.inc_value("discovery/listings_ok")
        yield from self.follow_children(listing.children, kind, response.meta["listing_depth"])
        for link in listing.links:
            request = self.article_request(link)
            if request is not None:
                yield request

    def read_listing(self, response, kind: str):
        if kind in ("news_sitemaps", "sitemaps"):
            return parse_sitemap(response.body, source=response.url, kind=kind,
                                 max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        if kind == "feeds":
            return parse_feed(response.body, source=response.url, kind=kind)
        if not isinstance(response, scrapy.http.TextResponse):
            raise NotAFeed(f"{kind} page is not HTML ({response.headers.get('Content-Type')})")
        return parse_listing_page(response, kind=kind)

    def follow_children(self, children, kind: str, depth: int):
        """A sitemap index: read its newest child sitemaps, within the depth and count limits."""
        if not children:
            return
        if depth + 1 > self.max_sitemap_depth:
            self.crawler.stats.inc_value("discovery/sitemaps_skipped/too_deep", len(children))
            return
        yield from (self.listing_request(url, kind, depth + 1)
                    for url in children_to_read(children, self.range, self.max_child_sitemaps, self.crawler.stats))

    def too_old(self, text: str) -> bool:
        """Dated outside since..until (the name is historical: until came with backfills)."""
        return not self.range.contains(listing_date(text))

    def owns(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return self.outlet.owns_host(host) or host in self.extra_hosts

    def article_request(self, link: DiscoveredLink) -> scrapy.Request | None:
        stats = self.crawler.stats
        stats.inc_value("discovery/links/found")
        url = without_tracking(link.url, self.outlet.article_url_params)
        key = url_key(url, self.outlet.article_url_params)
        fate = None
        if not url.startswith(("http://", "https://")) or not self.owns(url):
            fate = "offsite"
        elif key in self.requested_keys:  # the same article behind another link form (www, AMP, tracker)
            fate = "same_url"
        elif not self.outlet.is_article_url(url):
            fate = "not_article"
        elif self.too_old(link.published):
            fate = "too_old"
        elif not self.prefilter.keep(link, self.outlet.languages[0] if len(self.outlet.languages) == 1 else None):
            fate = "prefiltered"
        elif self.max_articles and self.articles_requested >= self.max_articles:
            fate = "over_limit"
        if fate:
            stats.inc_value(f"discovery/links/{fate}")
            return None
        self.articles_requested += 1
        self.requested_keys.add(key)
        stats.inc_value("discovery/articles_requested")
        meta = {"discovery": link.as_meta(), **render_meta(self.outlet.render, url, "article")}
        if link.published:
            # A listing date newer than our last fetch tells incremental runs to re-fetch.
            meta[LASTMOD_META] = link.published
        return scrapy.Request(url, callback=self.parse, errback=self.record_failure, meta=meta)

    async def parse(self, response):
        async for item in self.parse_article(response, outlet=self.outlet):
            yield item

    def listing_failed(self, failure):
        """Errback of listings: counted apart from articles, so a dead endpoint is visible."""
        error = failure.value
        reason = type(error).__name__
        status = getattr(getattr(error, "response", None), "status", None)
        if status:
            reason = f"http_{status}"
        stats = self.crawler.stats
        stats.inc_value(f"discovery/failed/{reason}")
        if failure.check(*UNREACHABLE_ERRORS):
            stats.inc_value("discovery/unreachable")
        self.logger.warning("Listing failed: %s (%s)", failure.request.url, failure.getErrorMessage())

    def closed(self, reason):
        stats = self.crawler.stats
        self.logger.info(
            "Outlet %s: %d listing(s) read, %d failed, %d article(s) requested, %d extracted (%s)",
            self.outlet.slug, stats.get_value("discovery/listings_ok", 0),
            sum(v for k, v in stats.get_stats().items() if k.startswith("discovery/failed/")),
            stats.get_value("discovery/articles_requested", 0), stats.get_value("extraction/ok", 0), reason)


def children_to_read(children, date_range: DateRange, limit: int, stats) -> list[str]:
    """The child sitemaps of an index to read: in range, newest first.

    A live run (no ``until``) reads at most ``limit`` of them; a backfill
    (``until`` given) reads every child whose lastmod or name meets the range.
    """
    if date_range.until:
        fresh = [(url, lastmod) for url, lastmod in children if date_range.child_in_range(url, lastmod)]
    else:
        fresh = [(url, lastmod) for url, lastmod in children if date_range.contains(listing_date(lastmod))]
    stats.inc_value("discovery/sitemaps_skipped/too_old", len(children) - len(fresh))
    # Newest first when dated; undated children keep their order after the dated ones.
    fresh.sort(key=lambda c: listing_date(c[1]) or date.min, reverse=True)
    if limit and not date_range.until and len(fresh) > limit:
        stats.inc_value("discovery/sitemaps_skipped/over_limit", len(fresh) - limit)
        fresh = fresh[:limit]
    return [url for url, _ in fresh]


# What every outlet's sample page must yield under `scrapy check`, besides the fields its own rules extract.
CONTRACT_FIELDS = ("url", "outlet", "language", "headline", "published", "body")


def _sample_contract(outlet: Outlet, number: int, url: str):
    """A callback whose docstring is a Scrapy contract: this sample URL gives one complete article."""

    async def check_sample(self, response):
        async for item in self.parse_article(response, outlet=self.outlet):
            yield item

    fields = CONTRACT_FIELDS + tuple(f for f in outlet.field_rules if f not in CONTRACT_FIELDS)
    check_sample.__name__ = check_sample.__qualname__ = f"check_sample_{number}"
    check_sample.__doc__ = (f"{outlet.name}, sample page {number}: one article with its fields.\n\n"
                            f"@url {safe_url_string(url)}\n@returns items 1 1\n@extracts {' '.join(fields)}\n")
    return check_sample


def _spider_class(outlet: Outlet) -> type[OutletSpider]:
    class_name = "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", outlet.slug)) + "Spider"
    contracts = {f"check_sample_{n}": _sample_contract(outlet, n, url) for n, url in enumerate(outlet.sample_urls, 1)}
    return type(class_name, (OutletSpider,), {
        "name": outlet.slug,
        "outlet": outlet,
        "__module__": __name__,
        "__doc__": f"Crawl {outlet.name} ({', '.join(outlet.languages)}) from its declared listings.",
        **contracts,
    })


# Scrapy's spider loader finds classes defined in this module: make one per outlet.
OUTLET_SPIDERS: dict[str, type[OutletSpider]] = {}
for _outlet in all_outlets().values():
    _cls = _spider_class(_outlet)
    OUTLET_SPIDERS[_outlet.slug] = _cls
    setattr(sys.modules[__name__], _cls.__name__, _cls)
del _outlet, _cls  # else the loop variable is one more module-level name for the last spider
