"""What rendering in headless Chromium costs: pages per second and peak memory, rendered vs plain.

Serves N script-built article pages on loopback (tests/support/rendering_site.py: a gzip +
chunked shell whose script fetches the article as JSON), then crawls them twice with
`scrapy crawl urls` as a user would: over plain HTTP, and with `-a render=true`. Memory is
the peak proportional set size (PSS) of the whole process tree (Scrapy plus the Playwright driver and
every Chromium process), sampled every 0.1 s. Pages per second use Scrapy's elapsed_time_seconds (spider open to
close: includes starting the browser, about 1-2 s); "wall s" adds process start-up.

    python bench/rendering_cost.py [--pages 60] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.crawl import FAST_SETTINGS, feed_items  # noqa: E402
from tests.support.rendering_site import PARAGRAPHS, add_story_pages  # noqa: E402
from tests.support.servers import LocalSite  # noqa: E402


def tree_memory(proc: psutil.Process) -> tuple[int, int]:
    """(PSS, RSS) of the process and its children. PSS splits shared pages between the
    Chromium processes that map them; summed RSS counts them once per process."""
    pss = rss = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            pss, rss = pss + info.pss, rss + info.rss
        except psutil.Error:
            pass
    return pss, rss


def crawl(urls: list[str], out: Path, render: bool, concurrency: int) -> dict:
    out.mkdir(parents=True)
    url_file = out / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n")
    settings = {**FAST_SETTINGS, "OUTPUT_DIR": str(out), "CONCURRENT_REQUESTS": concurrency,
                "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "ROBOTSTXT_OBEY": "False",
                "INCREMENTAL_ENABLED": "False", "LOG_LEVEL": "INFO"}
    cmd = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={url_file}"]
    if render:
        cmd += ["-a", "render=true", "-a", "wait_for=#story p"]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    env = dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="", PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watched, peak = psutil.Process(proc.pid), [0, 0]

    def sample():
        while proc.poll() is None:
            pss, rss = tree_memory(watched)
            peak[0], peak[1] = max(peak[0], pss), max(peak[1], rss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    log = proc.stderr.read()
    proc.wait()
    wall = time.perf_counter() - started
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}):\n{log[-3000:]}")
    items = feed_items(out)
    full = sum(1 for item in items if PARAGRAPHS[0] in (item.get("body") or ""))
    times = [float(t) for t in re.findall(r"'elapsed_time_seconds': ([\d.]+)", log)]
    return {"wall_s": wall, "crawl_s": times[0] if times else wall, "items": len(items), "full_articles": full,
            "peak_pss_mb": peak[0] / 2**20, "peak_rss_mb": peak[1] / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with LocalSite() as site, tempfile.TemporaryDirectory() as tmp:
        urls = add_story_pages(site, args.pages)
        results = {}
        for mode, render in (("plain", False), ("rendered", True)):
            results[mode] = crawl(urls, Path(tmp) / mode, render, args.concurrency)
    print(f"{args.pages} pages, CONCURRENT_REQUESTS={args.concurrency}, {os.cpu_count()} CPU(s), loopback")
    print(f"{'mode':<9} {'pages/s':>8} {'crawl s':>8} {'wall s':>7} {'peak PSS MB':>12} {'(sum RSS)':>10} "
          f"{'items':>6} {'with body':>10}")
    for mode, r in results.items():
        print(f"{mode:<9} {args.pages / r['crawl_s']:>8.1f} {r['crawl_s']:>8.1f} {r['wall_s']:>7.1f} "
              f"{r['peak_pss_mb']:>12.0f} {r['peak_rss_mb']:>10.0f} {r['items']:>6} {r['full_articles']:>10}")
    slow = results["plain"]["crawl_s"] and results["rendered"]["crawl_s"] / results["plain"]["crawl_s"]
    print(f"rendering is {slow:.1f}x slower per page and uses "
          f"{results['rendered']['peak_pss_mb'] - results['plain']['peak_pss_mb']:.0f} MB more (PSS) at peak")


if __name__ == "__main__":
    main()
