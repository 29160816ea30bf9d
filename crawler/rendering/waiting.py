"""Explicit wait rules run in the page after navigation: a selector, scrolls, "load more" clicks.

Each rule is bounded (a timeout or a count), so a page that keeps loading cannot hold
a browser page forever. ``RenderProgress.step`` says what was being waited for, so a
timeout error names it.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

# How long one scroll or click may take to change the page before we stop trying (ms).
GROWTH_WAIT_MS = 1500


@dataclass
class RenderProgress:
    step: str = "navigation"


async def _grew(page, script: str, before) -> bool:
    """Did the page change (``script`` returns something other than ``before``) within GROWTH_WAIT_MS?"""
    try:
        await page.wait_for_function(f"prev => ({script}) !== prev", arg=before, timeout=GROWTH_WAIT_MS)
        return True
    except PlaywrightTimeoutError:
        return False


async def apply_wait_rules(page, rules: dict, progress: RenderProgress, stats=None, timeout_s: float = 30) -> None:
    timeout_ms = max(timeout_s, 1) * 1000
    selector = rules.get("wait_for")
    if selector:
        progress.step = f"waiting for selector {selector!r}"
        # "attached": the body is in the DOM; visibility depends on CSS we block (fonts, images).
        await page.wait_for_selector(selector, state="attached", timeout=timeout_ms)
    height = "document.body ? document.body.scrollHeight : 0"
    for number in range(int(rules.get("scrolls") or 0)):
        progress.step = f"scroll {number + 1}"
        before = await page.evaluate(height)
        await page.evaluate("window.scrollTo(0, document.body ? document.body.scrollHeight : 0)")
        if stats:
            stats.inc_value("rendering/scrolls")
        if not await _grew(page, height, before):
            break  # nothing more to load
    button = rules.get("load_more")
    size = "document.documentElement.outerHTML.length"
    for number in range(int(rules.get("load_more_clicks") or 0) if button else 0):
        progress.step = f"load-more click {number + 1} on {button!r}"
        target = page.locator(button).first
        try:
            if not await target.is_visible():
                break  # no (more) button: everything is loaded
            before = await page.evaluate(size)
            await target.click(timeout=GROWTH_WAIT_MS)
        except (PlaywrightTimeoutError, PlaywrightError):
            break  # the button went away or cannot be clicked: keep what we have
        if stats:
            stats.inc_value("rendering/load_more_clicks")
        if not await _grew(page, size, before):
            break
    progress.step = "reading the DOM"
