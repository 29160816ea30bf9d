"""Switches a crawl to replay when ``REPLAY_WARC_FILES`` is set (see crawler.replay)."""

from __future__ import annotations

import glob
from pathlib import Path

from scrapy.settings import SETTINGS_PRIORITIES

from crawler.worker_pool import spare_cores

HANDLER = "crawler.replay.handler.ReplayDownloadHandler"
WARC_SUFFIXES = (".warc", ".warc.gz")


def resolve_warc_files(entries: list[str]) -> list[Path]:
    """Files, globs and folders -> WARC file paths, in the order given, without repeats.

    Raises ValueError naming the entry that matched nothing: replaying "nothing"
    would turn every URL into a miss and look like a broken spider.
    """
    found: list[Path] = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        path = Path(entry).expanduser()
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(WARC_SUFFIXES))
        elif glob.has_magic(entry):
            matches = sorted(Path(p) for p in glob.glob(str(path), recursive=True) if Path(p).is_file())
        else:
            matches = [path] if path.is_file() else []
        if not matches:
            raise ValueError(f"REPLAY_WARC_FILES: no WARC file found at {entry!r}")
        found += [m for m in matches if m not in found]
    return found


class ReplayAddon:
    """Installs the replay download handler for http/https and drops politeness delays."""

    def update_settings(self, settings) -> None:
        entries = settings.getlist("REPLAY_WARC_FILES")
        if not entries:
            return
        resolve_warc_files(entries)  # fail now, with the entry's name, not at the first request
        handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
        handlers.update({"http": HANDLER, "https": HANDLER})
        # At least the priority of whatever set the handlers (a spider's custom_settings
        # included): replay must never fall back to the network.
        priority = max(settings.getpriority("DOWNLOAD_HANDLERS") or 0, SETTINGS_PRIORITIES["addon"])
        settings.set("DOWNLOAD_HANDLERS", handlers, priority=priority)
        # Delays protect servers; there is none. Incremental skipping would hide
        # archived pages "fetched recently" and record replayed pages as fresh
        # fetches in the live crawler's state. Replay is CPU-bound: the other cores take
        # extraction, relevance and claims (crawler/worker_pool.py). An explicit -s still wins.
        overrides = (("DOWNLOAD_DELAY", 0), ("AUTOTHROTTLE_ENABLED", False), ("INCREMENTAL_ENABLED", False),
                     ("WORKER_PROCESSES", spare_cores()))
        for name, value in overrides:
            current = settings.getpriority(name) or 0
            if current < SETTINGS_PRIORITIES["cmdline"]:
                settings.set(name, value, priority=max(current, SETTINGS_PRIORITIES["addon"]))
