"""SIGKILL trials: start a crawl as a subprocess, kill it at a chosen moment, inspect what it left.

The inspections read the outputs the way a later reader would, independently of
the code that wrote them: ``warcio check`` (the CLI) on every WARC cut at its last
complete record, pyarrow on every visible Parquet file, SQLite on the dedup state.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
from warcio.archiveiterator import ArchiveIterator

from tests.support.crawl import start_scrapy as start_scrapy_process

WARCIO = str(Path(sys.executable).with_name("warcio"))


def start_scrapy(args: list[str], settings: dict, log: Path) -> subprocess.Popen:
    handle = open(log, "ab")
    try:
        return start_scrapy_process(args, settings, stdout=handle, stderr=handle)
    finally:
        handle.close()  # the child keeps its own descriptor


def kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL ``proc`` after ``seconds``; False when it had already finished by then."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return True


def complete_prefix(path: Path) -> tuple[bytes, int]:
    """The bytes of ``path`` up to the end of its last record that reads back whole, and how many records."""
    data = path.read_bytes()
    end, count = 0, 0
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                record.content_stream().read()
                iterator.read_to_end(record)
                offset, length = iterator.member_info  # this record's gzip member
                end, count = offset + length, count + 1
        except Exception:  # the record being written when the process died
            pass
    return data[:end], count


def warcio_check(paths: list[Path], scratch: Path) -> list[str]:
    """Run `warcio check` on each WARC cut at its last complete record; returns the failures."""
    failures = []
    scratch.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(paths):
        prefix, count = complete_prefix(path)
        if not count:
            continue  # killed before its warcinfo was written
        copy = scratch / f"{i}.warc.gz"
        copy.write_bytes(prefix)
        proc = subprocess.run([WARCIO, "check", str(copy)], capture_output=True, text=True)
        if proc.returncode != 0:
            failures.append(f"{path.name}: {proc.stdout[-500:]}{proc.stderr[-500:]}")
    return failures


def visible_parquet_readable(parquet_dir: Path) -> list[str]:
    """Every visible (not hidden, not temp) Parquet file opens and reads whole."""
    problems = []
    for path in parquet_dir.rglob("*.parquet"):
        if any(part.startswith((".", "_")) for part in path.relative_to(parquet_dir).parts):
            continue
        try:
            pq.read_table(path)
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            problems.append(f"{path}: {exc!r}")
    return problems


def dedup_state_opens(state_dir: Path) -> str:
    db = sqlite3.connect(state_dir / "dedup.sqlite3")
    try:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
        db.execute("SELECT COUNT(*) FROM versions").fetchone()
        return result
    finally:
        db.close()
