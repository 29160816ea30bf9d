"""SIGKILL trials: start a crawl as a subprocess, kill it at a chosen moment, inspect what it left.

The inspections read the outputs the way a later reader would, independently of
the code that wrote them: every record of every WARC (only the torn last record
of an ``.open`` file is allowed), then ``warcio check`` (the CLI) on it; pyarrow on
every visible Parquet file; SQLite on the dedup state.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pyarrow.parquet as pq

from crawler.archive.writer import read_whole_records
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


def is_torn_record(tail: bytes) -> bool:
    """True when ``tail`` is the beginning of one gzip member, cut short: what a kill mid-write leaves."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)  # 16: gzip framing
    try:
        inflater.decompress(tail)
    except zlib.error:
        return False
    return not inflater.eof


def warc_damage(paths: list[Path], scratch: Path) -> list[str]:
    """Every record of every WARC must read back whole, then pass `warcio check` (digests).

    The one exception: an ``.open`` file (its writer was killed) may end in one
    torn record, and may hold no whole record at all when the kill came before
    its warcinfo was written. A closed file must read to its last byte.
    """
    failures = []
    scratch.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(paths):
        data = path.read_bytes()
        count, end, error = read_whole_records(path)
        tail = data[end:]
        if path.name.endswith(".open"):
            if tail and not is_torn_record(tail):
                failures.append(f"{path.name}: damage after record {count} at offset {end}, "
                                f"not one torn last record ({error})")
        elif tail or not count:
            failures.append(f"{path.name}: closed file with {count} whole records, "
                            f"{len(tail)} bytes that do not read ({error})")
        if not count:
            continue
        copy = scratch / f"{i}.warc.gz"
        copy.write_bytes(data[:end])
        proc = subprocess.run([WARCIO, "check", str(copy)], capture_output=True, text=True)
        if proc.returncode != 0:
            failures.append(f"{path.name}: {proc.stdout[-500:]}{proc.stderr[-500:]}")
    return failures


def warc_paths(folder: Path) -> list[Path]:
    """The WARC files in ``folder``, closed and left open (not their indexes or temp files)."""
    return sorted([*folder.glob("*.warc.gz"), *folder.glob("*.warc.gz.open")]) if folder.exists() else []


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
