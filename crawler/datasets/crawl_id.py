"""Give every run one crawl id, shared by the WARC (warcinfo isPartOf, captures) and the datasets.

An add-on, because add-ons run before settings freeze: it fills the CRAWL_ID
setting when the user did not pass one (``-s CRAWL_ID=...``), so every
component reads the same value from settings instead of each inventing its own.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone


def new_crawl_id(now: datetime | None = None) -> str:
    """UTC start time plus a random suffix: sorts by time, unique across machines."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


class CrawlIdAddon:
    def update_settings(self, settings) -> None:
        if settings.get("CRAWL_ID"):
            return
        settings.set("CRAWL_ID", new_crawl_id(), priority=settings.getpriority("CRAWL_ID") or "addon")
