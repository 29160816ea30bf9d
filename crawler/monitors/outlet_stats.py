"""Per-outlet item and field counters, so coverage can be judged outlet by outlet.

One outlet's redesign must not hide behind another outlet's good pages, so the
counts are kept per ``outlet`` field of the item:
``monitoring/outlet/<slug>/items`` and ``monitoring/outlet/<slug>/field/<name>``
(items where that field is present and not empty).
"""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

PREFIX = "monitoring/outlet"


def items_stat(outlet: str) -> str:
    return f"{PREFIX}/{outlet}/items"


def field_stat(outlet: str, field: str) -> str:
    return f"{PREFIX}/{outlet}/field/{field}"


def outlets_in(stats: dict) -> list[str]:
    """Outlet slugs that produced at least one item in this run."""
    return sorted({key.split("/")[2] for key in stats if key.startswith(PREFIX + "/") and key.endswith("/items")})


def has_value(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return bool(value)
    return True


class OutletFieldStats:
    """Extension: counts each scraped item's outlet and which MONITOR_FIELD_COVERAGE fields it has."""

    def __init__(self, crawler):
        self.stats = crawler.stats
        self.fields = list(crawler.settings.getdict("MONITOR_FIELD_COVERAGE"))

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("SPIDERMON_ENABLED"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        return ext

    def item_scraped(self, item, response=None, spider=None):
        adapter = ItemAdapter(item)
        outlet = str(adapter.get("outlet") or "unknown")
        self.stats.inc_value(items_stat(outlet))
        for name in self.fields:
            if has_value(adapter.get(name)):
                self.stats.inc_value(field_stat(outlet, name))
