"""Scrapy add-ons: settings computed from other settings after `-s` overrides are applied."""

from __future__ import annotations


class CrawlIdentity:
    """Builds USER_AGENT as ``<product> (+<contact>; <operator>)`` unless USER_AGENT is set.

    Runs as an add-on so that ``-s CRAWL_CONTACT=...`` on the command line is
    reflected in the User-Agent header and in robots.txt matching alike.
    """

    def update_settings(self, settings) -> None:
        if settings.get("USER_AGENT"):
            return
        ua = (
            f"{settings.get('USER_AGENT_PRODUCT')} "
            f"(+{settings.get('CRAWL_CONTACT')}; {settings.get('CRAWL_OPERATOR')})"
        )
        settings.set("USER_AGENT", ua, priority=settings.getpriority("USER_AGENT"))
