"""How fast discovery reads listings and judges links (no network).

    python bench/discovery_speed.py

Builds a 50,000-entry news sitemap (the Google News sitemap maximum), a gzipped
copy, and a 2,000-item RSS feed in memory, and times parse_sitemap, parse_feed
and the pre-fetch prefilter over their links. Prints one line per measurement.
"""

from __future__ import annotations

import gzip
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.discovery import LinkPrefilter, parse_feed, parse_sitemap  # noqa: E402

TITLES = ["Hamas delegation arrives in Cairo for ceasefire talks", "وفد حماس يصل القاهرة لبحث الهدنة",
          "Oilers win the Stanley Cup final", "الأهلي يفوز على الزمالك في نهائي الكأس"]


def news_sitemap(n: int) -> bytes:
    rows = "".join(
        f"<url><loc>https://www.example.com/world/story-{i}-2024-05-06/</loc><news:news>"
        f"<news:publication_date>2024-05-06T10:00:00Z</news:publication_date>"
        f"<news:title>{TITLES[i % 4]}</news:title></news:news></url>" for i in range(n))
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}</urlset>').encode()


def feed(n: int) -> bytes:
    items = "".join(f"<item><title>{TITLES[i % 4]}</title><link>https://www.example.com/a/{i}</link>"
                    f"<description>Item {i}</description><pubDate>Mon, 06 May 2024 10:00:00 +0300</pubDate></item>"
                    for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def timed(label: str, fn, count: int):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    # Python-level peak in a second, traced run (tracemalloc slows the code it watches).
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"{label:<52} {elapsed * 1000:7.0f} ms {count / elapsed:9.0f}/s  peak {peak:5.1f} MiB")
    return result


def main() -> None:
    sitemap = news_sitemap(50_000)
    print(f"news sitemap: {len(sitemap) / 2**20:.1f} MiB, 50000 URLs")
    listing = timed("parse_sitemap (50k URLs, plain)", lambda: parse_sitemap(sitemap), 50_000)
    timed("parse_sitemap (50k URLs, gzipped)", lambda: parse_sitemap(gzip.compress(sitemap)), 50_000)
    body = feed(2_000)
    timed("parse_feed (2k RSS items)", lambda: parse_feed(body), 2_000)
    prefilter = LinkPrefilter()
    links = listing.links[:10_000]
    kept = timed(f"prefilter.keep ({prefilter.name}, 10k links)",
                 lambda: sum(prefilter.keep(link, None) for link in links), len(links))
    print(f"prefilter kept {kept} of {len(links)} (half the titles are on topic)")


if __name__ == "__main__":
    main()
