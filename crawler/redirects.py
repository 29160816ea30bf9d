"""Redirect guards (downloader middlewares): no redirect off an outlet's domains, no silent loops.

``OffsiteRedirectMiddleware``:

Scrapy's OffsiteMiddleware already filters article redirects, but it lets
through any request marked ``dont_filter`` or ``allow_offsite``, and a redirect
copies both from the request it answers. Listings carry both (they may live on
a feed or sitemap host of their own), so without this a listing on a CDN could
send the crawler to any site. A redirected request is followed only to the
spider's own domains (``spider.owns(url)`` or ``allowed_domains``) or to the host
the chain started on (http -> https, ``/feed`` -> ``/feed/``). Spiders without
allowed domains (the hand-picked ``urls`` spider) are not restricted.

``RedirectLoopMiddleware``: a redirect back to a URL of the same chain would be
dropped by the seen-request filter without a word; it is stopped here with a
reason instead (``fetch/ignored/RedirectLoop`` and a captures row).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from w3lib.url import safe_url_string

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.url import url_is_from_any_domain


class OffsiteRedirect(Exception):
    """Cause of the IgnoreRequest: counted as ``fetch/ignored/OffsiteRedirect`` by the spiders' errback."""


class OffsiteRedirectMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        chain = request.meta.get("redirect_urls")
        if not chain:
            return None
        spider = spider or self.crawler.spider
        if self.allowed(request.url, chain[0], spider):
            return None
        host = urlsplit(request.url).hostname
        self.stats.inc_value("offsite/redirect_refused")
        spider.logger.warning("Refused redirect off the outlet's domains: %s -> %s", chain[0], request.url)
        message = f"offsite redirect to {host!r} from {chain[0]}"
        raise IgnoreRequest(message) from OffsiteRedirect(message)

    @staticmethod
    def allowed(url: str, origin: str, spider) -> bool:
        domains = [d for d in (getattr(spider, "allowed_domains", None) or []) if d]
        owns = getattr(spider, "owns", None)
        if not domains and owns is None:
            return True
        if (urlsplit(url).hostname or "").lower() == (urlsplit(origin).hostname or "").lower():
            return True
        if owns is not None and owns(url):
            return True
        return bool(domains) and url_is_from_any_domain(url, domains)


class RedirectLoop(Exception):
    """Cause of the IgnoreRequest for a redirect chain that comes back on itself."""


class RedirectLoopMiddleware:
    """Sees 3xx responses before Scrapy's RedirectMiddleware (process_response runs from high to low)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        location = response.headers.get(b"Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = safe_url_string(urljoin(request.url, location.decode("latin-1")))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target not in chain:
            return response
        message = f"redirect loop: {' -> '.join(chain)} -> {target}"
        self.crawler.stats.inc_value("redirect/loops")
        exc = RedirectLoop(message)
        from crawler.archive.extension import archive_of  # the loop gets a captures row with its reason

        archive = archive_of(self.crawler)
        if archive is not None:
            archive.capture_failed(request, exc)
        raise IgnoreRequest(message) from exc
