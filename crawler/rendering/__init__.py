"""Rendering JavaScript-only pages in headless Chromium (scrapy-playwright), opt-in per outlet.

- plans.py     ``RenderPlan`` (declared on an outlet: which page types, wait rules) -> request meta
- handler.py   the download handler: browser for ``meta["playwright"]``, plain HTTP for the rest
- waiting.py   the wait rules run in the page (selector, scrolls, "load more" clicks)
- capture.py   the page's network responses, read from the browser for the WARC archive

The archive side (raw response + rendered DOM records) is crawler/archive/browser_capture.py.
"""

from .plans import DEFAULT_PLAN, PAGE_TYPES, RENDER_META_KEY, RenderPlan, render_meta

__all__ = ["DEFAULT_PLAN", "PAGE_TYPES", "RENDER_META_KEY", "RenderPlan", "render_meta"]
