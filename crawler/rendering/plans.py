"""What an outlet renders in a browser, and how to tell the page is ready.

A ``RenderPlan`` is declared on an outlet (``Outlet(render=RenderPlan(...))``) and
turned into request meta by ``render_meta``. The meta is plain data (no callables)
so requests stay picklable for JOBDIR resumes; the download handler
(crawler/rendering/handler.py) reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# Page types a spider asks about. Feeds and sitemaps are XML: never rendered.
PAGE_TYPES = ("article", "liveblog", "listing")
RENDER_META_KEY = "render"
# Where the handler leaves the page's network exchanges for the WARC archive.
BROWSER_CAPTURE_META_KEY = "browser_capture"


@dataclass(frozen=True)
class RenderPlan:
    # Which page types go through the browser; every other request stays on plain HTTP.
    page_types: tuple[str, ...] = ("article",)
    # A live blog is an article whose URL path matches this regex (it gets page type "liveblog").
    liveblog_url_pattern: str | None = None
    # CSS selector that proves the body is there; rendering fails (timeout) if it never appears.
    wait_for: str | None = None
    # Scroll to the bottom this many times (lazy-loaded bodies, infinite listings).
    scrolls: int = 0
    # "Load more" button: clicked while it is visible, at most load_more_clicks times.
    load_more: str | None = None
    load_more_clicks: int = 0
    # Seconds for the whole render (navigation + waits); 0 = the RENDERING_PAGE_TIMEOUT setting.
    timeout: float = 0
    # Also archive every subresource the browser fetched (scripts, styles, XHR JSON),
    # for outlets whose pages only replay with them.
    archive_subresources: bool = False
    # Scripts count as page requisites (crawler/archive/requisites.py) for this outlet's pages,
    # fetched or browser-captured; without it they are left out.
    scripts: bool = False

    def __post_init__(self):
        unknown = set(self.page_types) - set(PAGE_TYPES)
        if unknown:
            raise ValueError(f"unknown page type(s) {sorted(unknown)}; known: {', '.join(PAGE_TYPES)}")
        if self.liveblog_url_pattern:
            re.compile(self.liveblog_url_pattern)

    def page_type(self, url: str, default: str = "article") -> str:
        """"liveblog" for an article URL matching ``liveblog_url_pattern``, else ``default``."""
        if default == "article" and self.liveblog_url_pattern:
            if re.search(self.liveblog_url_pattern, unquote(urlsplit(url).path or "/")):
                return "liveblog"
        return default

    def renders(self, url: str, page_type: str = "article") -> bool:
        return self.page_type(url, page_type) in self.page_types

    def rules(self) -> dict:
        """The wait rules as plain data for request meta."""
        return {"wait_for": self.wait_for, "scrolls": self.scrolls, "load_more": self.load_more,
                "load_more_clicks": self.load_more_clicks, "timeout": self.timeout,
                "archive_subresources": self.archive_subresources, "scripts": self.scripts}


# `scrapy crawl urls -a render=true` on a URL whose outlet declares no plan: render and
# take the DOM once the page has loaded.
DEFAULT_PLAN = RenderPlan(page_types=PAGE_TYPES)


def render_meta(plan: RenderPlan | None, url: str, page_type: str = "article", force: bool = False) -> dict:
    """Request meta that sends ``url`` through the browser, or {} for plain HTTP.

    ``force`` renders even when the plan does not list the page type (``-a render=true``);
    the plan's wait rules still apply.
    """
    if plan is None:
        if not force:
            return {}
        plan = DEFAULT_PLAN
    if not (force or plan.renders(url, page_type)):
        return {}
    return {"playwright": True, RENDER_META_KEY: {"page_type": plan.page_type(url, page_type), **plan.rules()}}
