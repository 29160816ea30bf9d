"""How long the extractor takes on very large pages (issue 10: 20 MB pages must not stall a crawl).

    python bench/large_pages.py            # 2, 6 and 20 MB pages of short paragraphs
    python bench/large_pages.py --mb 50

Pages are generated (many short <p>, the worst case for per-paragraph work);
prints seconds per page and MB/s. One warm-up extraction first, so imports are not timed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.extraction import extract_article  # noqa: E402

PARA = ("<p>Egyptian mediators said a new round of Gaza ceasefire talks would begin in Cairo next week "
        "with all delegations, paragraph {n}.</p>\n")


def page(megabytes: float) -> bytes:
    target = int(megabytes * 1_000_000)
    parts, size, n = [], 0, 0
    while size < target:
        p = PARA.format(n=n)
        parts.append(p)
        size += len(p)
        n += 1
    return ("<html><head><title>Huge page</title></head><body><article>" + "".join(parts)
            + "</article></body></html>").encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, nargs="*", default=[2, 6, 20])
    args = parser.parse_args()
    extract_article(page(0.01), "https://example.org/warm-up")
    print(f"{'MB':>6} {'paragraphs':>11} {'seconds':>8} {'MB/s':>6}")
    for mb in args.mb:
        body = page(mb)
        started = time.perf_counter()
        item = extract_article(body, "https://example.org/huge")
        elapsed = time.perf_counter() - started
        print(f"{len(body) / 1e6:6.1f} {len(item['paragraphs']):11d} {elapsed:8.2f} {len(body) / 1e6 / elapsed:6.2f}")


if __name__ == "__main__":
    main()
