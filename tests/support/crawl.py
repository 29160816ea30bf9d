"""Run the project's `scrapy` commands as a user would: a subprocess in the project folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCRAPY = [sys.executable, "-m", "scrapy"]

# Crawl tests talk to loopback only; these keep them quick and deterministic.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "RETRY_BACKOFF_BASE": "0.05",
    "LOG_LEVEL": "INFO",
    # Run-health monitors judge real crawls; tests of other features crawl a few odd
    # pages on purpose. The monitoring tests switch them back on.
    "SPIDERMON_ENABLED": "False",
    # A headless Chromium per crawl for the evidence screenshots of on-topic articles: only the
    # tests about them (test_archive_fidelity.py, test_archive_requisites.py) switch it back on.
    "ARCHIVE_SCREENSHOTS": "False",
}


def scrapy_command(args: list[str], settings: dict | None = None) -> list[str]:
    """`python -m scrapy ARGS` with FAST_SETTINGS and ``settings`` as -s options."""
    cmd = list(SCRAPY) + list(args)
    for key, value in {**FAST_SETTINGS, **(settings or {})}.items():
        if value is not None:  # None: leave the project's own value
            cmd += ["-s", f"{key}={value}"]
    return cmd


def scrapy_env() -> dict:
    return dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="", PYTHONPATH=str(PROJECT_ROOT))


def start_scrapy(args: list[str], settings: dict | None = None, **popen_kwargs) -> subprocess.Popen:
    """The same command started in the background (tests that signal or kill the crawl)."""
    return subprocess.Popen(scrapy_command(args, settings), cwd=PROJECT_ROOT, env=scrapy_env(), **popen_kwargs)


def run_scrapy(args: list[str], *, settings: dict | None = None, timeout: int = 120, check: bool = True,
               cwd: Path | None = None) -> subprocess.CompletedProcess:
    cmd = scrapy_command(args, settings)
    proc = subprocess.run(cmd, cwd=cwd or PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
                          env=scrapy_env())
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}")
    return proc


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def feed_items(output_dir: Path) -> list[dict]:
    items: list[dict] = []
    for feed in sorted((Path(output_dir) / "items").glob("*.jsonl")):
        items += read_jsonl(feed)
    return items


def crawl_stats(stderr: str) -> str:
    """The stats block Scrapy logs at the end of a crawl (for assertions on counters)."""
    start = stderr.rfind("Dumping Scrapy stats:")
    return stderr[start:] if start >= 0 else ""
