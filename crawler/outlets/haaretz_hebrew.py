"""Haaretz, Hebrew edition (haaretz.co.il)."""

from .base import Outlet

OUTLET = Outlet(
    name="Haaretz (Hebrew)",
    slug="haaretz-hebrew",
    languages=("he",),
    domains=("haaretz.co.il",),
    timezone="Asia/Jerusalem",
    feeds=("https://www.haaretz.co.il/srv/rss---feedly",),
    # Since ~2022: /news/<section>[/<sub>]/<YYYY-MM-DD>/ty-article[-live]/[.premium/]<uuid-like id>;
    # before: /news/<section>/[.premium-]1.<number>. Fixed CDX start: "/news/".
    article_url_pattern=(r"^/news/[a-z0-9-]+(/[a-z0-9-]+)?/(\d{4}-\d{2}-\d{2}/ty-article(-live)?/(\.premium/)?"
                         r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(\.premium-)?1\.\d{6,})/?$"),
    sample_urls=(
        "https://www.haaretz.co.il/news/politics/2026-05-04/ty-article/.premium/0000019d-ef3d-de32-a1df-ffffc3f60000",
        "https://www.haaretz.co.il/news/politics/war-2023/2025-06-18/ty-article-live/00000197-7fbd-d717-a1df-fffd1ca10000",
        "https://www.haaretz.co.il/news/politics/2026-07-01/ty-article/0000019f-1c24-d9e1-a7df-3fbde9f70000",
        "http://www.haaretz.co.il/news/politics/1.2708080",
        "https://www.haaretz.co.il/news/politics/.premium-1.6014424",
    ),
    evidence={
        "https://www.haaretz.co.il/srv/rss---feedly":
            "UNVERIFIED: feed URL in a third-party RSS reader in public GitHub code (beside Ynet and Walla "
            "feeds); Haaretz also answers on /cmlink/ feed ids in other readers; not fetched here",
        "article_url_pattern":
            "real article links in public GitHub code and docs (find_string 'haaretz.co.il/news/politics/'): "
            "2026-05-04/ty-article/.premium/0000019d-..., war-2023/2025-06-18/ty-article-live/..., 1.2708080, "
            ".premium-1.6014424",
    },
)
