"""Outlet registry: one module per outlet in this package, each defining ``OUTLET``.

``outlet_for_url`` picks the outlet whose domains own a URL's host; unknown
sites get ``None`` and go through the generic extractor.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from urllib.parse import urlsplit

from .base import Outlet

__all__ = ["Outlet", "all_outlets", "get_outlet", "outlet_for_url"]


@lru_cache(maxsize=1)
def all_outlets() -> dict[str, Outlet]:
    outlets: dict[str, Outlet] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        outlet = getattr(module, "OUTLET", None)
        if isinstance(outlet, Outlet):
            if outlet.slug in outlets:
                raise ValueError(f"two outlet modules declare slug {outlet.slug!r}")
            outlets[outlet.slug] = outlet
    return dict(sorted(outlets.items()))


def get_outlet(slug: str) -> Outlet:
    try:
        return all_outlets()[slug]
    except KeyError:
        raise KeyError(f"unknown outlet {slug!r}; known: {', '.join(all_outlets())}") from None


def outlet_for_url(url: str) -> Outlet | None:
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    return _outlet_for_host(host)


@lru_cache(maxsize=4096)
def _outlet_for_host(host: str) -> Outlet | None:
    """Cached per host: every page of a site asks the same question of every outlet's domains."""
    matches = [o for o in all_outlets().values() if o.owns_host(host)]
    # The most specific domain wins (arabic.cnn.com over cnn.com).
    return max(matches, key=lambda o: max(len(d) for d in o.domains if o.owns_host(host)), default=None)
