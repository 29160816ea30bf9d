"""File-level safety for the datasets: atomic Parquet writes, temp-file sweeping and the dataset lock.

A file becomes visible only by ``os.replace`` of a finished, fsynced temporary
file, so a reader never sees a partial file. Temporary names start with a dot
and end in ``.tmp``: pyarrow ignores dot files and the ``*.parquet`` globs of
DuckDB do not match them. A crashed writer leaves at most such a temp file,
which the next writer or ``scrapy compact`` removes once its process is gone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

HOST = socket.gethostname()
ZSTD_LEVEL = 3


def parquet_files(directory: Path) -> list[Path]:
    """The visible data files under ``directory`` (temp and hidden files excluded), sorted."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*.parquet")
                  if not any(part.startswith((".", "_")) for part in p.relative_to(directory).parts))


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(final: Path) -> Path:
    return final.with_name(f".{final.name}~{HOST}~{os.getpid()}.tmp")


def write_parquet_atomically(table: pa.Table, final: Path, row_group_rows: int) -> int:
    """Write ``table`` to ``final`` via a temp file + rename; returns the file size."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(final)
    try:
        pq.write_table(table, tmp, compression="zstd", compression_level=ZSTD_LEVEL,
                       row_group_size=row_group_rows, write_statistics=True, use_dictionary=True,
                       write_page_index=True)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(final.parent)
    return final.stat().st_size


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_temp_files(directory: Path) -> list[Path]:
    """Remove temp files left by writers on this host whose process no longer runs."""
    removed = []
    if not directory.is_dir():
        return removed
    for tmp in directory.rglob(".*.tmp"):
        parts = tmp.name[: -len(".tmp")].rsplit("~", 2)  # .<final>~<host>~<pid>.tmp
        if len(parts) != 3 or parts[1] != HOST or not parts[2].isdigit():
            continue
        if not _pid_alive(int(parts[2])):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
                removed.append(tmp)
    return removed


@contextlib.contextmanager
def dataset_lock(directory: Path, exclusive: bool):
    """Writers hold the lock shared while they add files; ``scrapy compact`` holds it exclusive.

    So compaction never merges a partition while a crawl is adding to it, and
    several crawls can write the same dataset at once.
    """
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
