"""What page requisites cost: extra requests, bytes and crawl time per on-topic article.

The corpus pages (../shared/corpus, real articles of 50 outlets) are served on loopback at
their original paths under /_ext/<host>/, with every absolute URL in them rewritten to the
same loopback scheme, so a stylesheet or logo shared by an outlet's pages is shared here
too. No real requisite bytes exist offline, so each requisite URL answers with a body of
an approximated size by kind (SIZES below); a stylesheet also references two web fonts
and a background image of its host, as real ones do.

Crawls (`scrapy crawl urls` as a user runs it, no download delay, 8 concurrent requests):
  none       ARCHIVE_PAGE_REQUISITES=none (the baseline)
  dedup      requisites for every article (see RUNS), with requisites dedup (the default)
  no-dedup   the same with ARCHIVE_REQUISITES_DEDUP=False
  shots      dedup plus ARCHIVE_SCREENSHOTS (a replay screenshot per on-topic article)
Each row gives the difference from the baseline per article whose requisites were fetched;
the shots row also gives the extra crawl time per screenshot over the dedup run.

    python bench/requisites_cost.py [--runs none,dedup,no-dedup,shots]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.crawl import FAST_SETTINGS, feed_items  # noqa: E402
from tests.support.servers import LocalSite, Route  # noqa: E402

SHARED = Path(os.environ.get("CAIRO_SHARED_DIR") or ROOT.parent / "shared")
# Approximate transfer sizes by kind (bytes). News sites ship large CSS bundles; a chosen srcset
# candidate of an article photo is a ~1000-1600 px JPEG; logos and icons are small.
SIZES = {"css": 70_000, "font": 40_000, "photo": 150_000, "image": 15_000, "icon": 5_000, "other": 20_000}
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".svg")
# "all": only 2 corpus pages are about the talks, so every article is selected to get a sample
# of 50+ pages; the cost of one selected article is the same whatever selected it.
RUNS = {
    "none": {"ARCHIVE_PAGE_REQUISITES": "none"},
    "dedup": {"ARCHIVE_PAGE_REQUISITES": "all"},
    "no-dedup": {"ARCHIVE_PAGE_REQUISITES": "all", "ARCHIVE_REQUISITES_DEDUP": "False"},
    "shots": {"ARCHIVE_PAGE_REQUISITES": "all", "ARCHIVE_SCREENSHOTS": "True"},
}
ABSOLUTE_URL = re.compile(r"""(?<=["'(\s,=])(?:https?:)?//([a-z0-9.-]+\.[a-z]{2,})(?=[/"'\s)?])""", re.I)


def kind_of(path: str) -> str:
    lower = path.lower().split("?", 1)[0]
    if lower.endswith(".css"):
        return "css"
    if lower.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "font"
    if lower.endswith(".ico") or "favicon" in lower or "apple-touch" in lower:
        return "icon"
    if lower.endswith(IMAGE_EXTENSIONS):
        # Article photos are the big ones: wide renditions, or paths under image/photo/media folders.
        big = re.search(r"(\d{3,4})(?:x\d+|w|px)?[/._-]", lower)
        return "photo" if (big and int(big.group(1)) >= 600) or re.search(r"/(photo|image|media|upload)", lower) else "image"
    return "other"


class CorpusSite(LocalSite):
    """Corpus pages at /_ext/<host>/<path>; any other /_ext/ URL is a synthetic requisite."""

    def resolve(self, path: str) -> Route | None:
        route = super().resolve(path)
        if route is not None or not path.startswith("/_ext/"):
            return route
        kind = kind_of(path)
        if kind == "css":
            host = path.split("/")[2]
            refs = (f"@font-face{{font-family:a;src:url(/_ext/{host}/fonts/text.woff2)}}"
                    f"@font-face{{font-family:b;src:url(/_ext/{host}/fonts/head.woff2)}}"
                    f".masthead{{background:url(/_ext/{host}/img/masthead-bg.png)}}")
            body = (refs + "/*" + "x" * (SIZES["css"] - len(refs) - 4) + "*/").encode()
            return Route(body=body, headers=[("Content-Type", "text/css")])
        content_type = {"font": "font/woff2", "other": "application/octet-stream"}.get(kind, "image/jpeg")
        return Route(body=os.urandom(SIZES[kind]), headers=[("Content-Type", content_type)])


def add_corpus(site: LocalSite) -> list[str]:
    urls = []
    prefix = f"http://127.0.0.1:{site.port}/_ext/"
    for entry in json.loads((SHARED / "corpus" / "index.json").read_text(encoding="utf-8")):
        original = urlsplit(entry["original_url"])
        html = (SHARED / "corpus" / entry["file"]).read_text(encoding="utf-8", errors="replace")
        html = ABSOLUTE_URL.sub(lambda m: prefix + m.group(1).lower(), html)
        path = f"/_ext/{original.hostname}{original.path or '/'}"
        if original.query:
            path += "?" + original.query
        site.routes[path] = Route(body=html.encode("utf-8"))
        url = site.url(path)
        urls.append(url)
    return urls


def stat(stats: str, key: str) -> float:
    match = re.search(rf"'{re.escape(key)}': ([0-9.]+)", stats)
    return float(match.group(1)) if match else 0.0


def crawl(urls: list[str], out: Path, extra: dict) -> dict:
    out.mkdir(parents=True)
    (out / "urls.txt").write_text("\n".join(urls) + "\n")
    settings = {**FAST_SETTINGS, "OUTPUT_DIR": str(out), "CONCURRENT_REQUESTS": 8,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "INCREMENTAL_ENABLED": "False", **extra}
    cmd = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={out / 'urls.txt'}"]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800,
                          env=dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="", PYTHONPATH=str(ROOT)))
    wall = time.monotonic() - started
    if proc.returncode:
        raise SystemExit(proc.stderr[-3000:])
    stats = proc.stderr[proc.stderr.rfind("Dumping Scrapy stats:"):]
    items = feed_items(out)
    return {"requests": stat(stats, "downloader/request_count"),
            "bytes": stat(stats, "downloader/response_bytes"),
            "warc_bytes": stat(stats, "warc/bytes"),
            "seconds": stat(stats, "elapsed_time_seconds"), "wall": wall,
            "on_topic": sum(1 for item in items if item.get("on_topic")), "articles": len(items),
            "screenshots": stat(stats, "evidence/screenshot")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", default="none,dedup,no-dedup,shots")
    args = parser.parse_args()
    names = args.runs.split(",")
    results = {}
    with CorpusSite() as site, tempfile.TemporaryDirectory() as tmp:
        urls = add_corpus(site)
        for name in names:
            results[name] = crawl(urls, Path(tmp) / name, RUNS[name])
    base = results.get("none")
    print(f"{len(urls)} corpus pages; per article with requisites, difference from ARCHIVE_PAGE_REQUISITES=none")
    print(f"{'run':10} {'articles':>8} {'on-topic':>8} {'requests':>9} {'KB fetched':>11} {'KB WARC':>8} "
          f"{'crawl s':>8} {'+req/art':>9} {'+KB/art':>8} {'+KB WARC/art':>12} {'+s/art':>7}")
    for name, r in results.items():
        row = f"{name:10} {r['articles']:8d} {r['on_topic']:8d} {r['requests']:9.0f} {r['bytes'] / 1e3:11.0f} " \
              f"{r['warc_bytes'] / 1e3:8.0f} {r['seconds']:8.1f}"
        if base and name != "none" and r["articles"]:
            n = r["articles"]
            row += (f" {(r['requests'] - base['requests']) / n:9.1f} {(r['bytes'] - base['bytes']) / 1e3 / n:8.0f}"
                    f" {(r['warc_bytes'] - base['warc_bytes']) / 1e3 / n:12.0f} {(r['seconds'] - base['seconds']) / n:7.2f}")
        if name == "shots" and r["screenshots"] and "dedup" in results:
            row += f"  ({(r['seconds'] - results['dedup']['seconds']) / r['screenshots']:.2f} s per screenshot," \
                   f" {r['screenshots']:.0f} taken)"
        print(row)


if __name__ == "__main__":
    main()
