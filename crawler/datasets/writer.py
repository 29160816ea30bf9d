"""Buffered, partitioned, idempotent writer for one dataset.

- Rows are buffered and flushed every ``batch_rows`` rows, ``batch_bytes`` of
  text or ``flush_seconds``, whichever comes first, one file per touched
  partition per flush: memory holds one batch, however long the crawl. The byte
  budget is what keeps memory flat: article rows carry the whole body, so a
  minute of a fast crawl is tens of MB of rows.
- Each file is written atomically (crawler.datasets.files).
- A row whose key (``DatasetSpec.key``) is already in the dataset, or already
  written in this run, is skipped: re-running a crawl, or re-processing the
  same WARC, does not duplicate rows. Known keys are kept as a sorted array of
  64-bit hashes (8 bytes a row), loaded lazily from the key column alone.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from crawler.safe_names import file_slug, partition_value

from .compaction import JOURNAL, recover
from .files import dataset_lock, parquet_files, sweep_stale_temp_files, write_parquet_atomically
from .schemas import NULL_PARTITION, DatasetSpec


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class KeyIndex:
    """Which keys the dataset already holds: sorted uint64 hashes plus this batch's pending set."""

    def __init__(self):
        self.known = np.empty(0, dtype=np.uint64)
        self.pending: set[int] = set()

    def load(self, files: list[Path], column: str) -> None:
        chunks = [self.known]
        for path in files:
            keys = pq.read_table(path, columns=[column]).column(column).to_pylist()
            chunks.append(np.fromiter((key_hash(k) for k in keys if k is not None), dtype=np.uint64))
        self.known = np.unique(np.concatenate(chunks))

    def __contains__(self, h: int) -> bool:
        return h in self.pending or self.stored(h)

    def stored(self, h: int) -> bool:
        """In a flushed file (not merely buffered in this run)."""
        i = np.searchsorted(self.known, np.uint64(h))
        return bool(i < len(self.known) and self.known[i] == h)

    def add(self, h: int) -> None:
        self.pending.add(h)

    def commit(self) -> None:
        if self.pending:
            self.known = np.union1d(self.known, np.fromiter(self.pending, dtype=np.uint64))
            self.pending.clear()

    def discard_pending(self) -> None:
        self.pending.clear()

    def __len__(self) -> int:
        return len(self.known) + len(self.pending)


def text_size(row: dict) -> int:
    """Characters of text in a row (strings and lists of strings): its share of the batch budget."""
    size = 0
    for value in row.values():
        if type(value) is str:
            size += len(value)
        elif type(value) is list:
            size += sum(len(v) for v in value if type(v) is str)
    return size


class DatasetWriter:
    def __init__(self, parquet_dir: Path, spec: DatasetSpec, writer_id: str, *, batch_rows: int = 5000,
                 batch_bytes: int = 8_000_000, row_group_rows: int = 100_000, row_group_bytes: int = 4_000_000,
                 flush_seconds: float = 60.0,
                 on_flush: Callable[[str, int, int], None] | None = None,
                 on_reject: Callable[[str, dict, Exception], None] | None = None,
                 on_keys_written: Callable[[str, list[str]], None] | None = None):
        self.spec = spec
        self.directory = Path(parquet_dir) / spec.name
        self.writer_id = file_slug(writer_id)  # goes into file names: part-<writer_id>-<serial>.parquet
        self.batch_rows = batch_rows
        self.batch_bytes = batch_bytes
        self.buffered_bytes = 0
        self.row_group_rows = row_group_rows
        self.row_group_bytes = row_group_bytes  # Arrow bytes per row group: what the Parquet writer holds at once
        self.flush_seconds = flush_seconds
        self.on_flush = on_flush  # callback(dataset, rows, files) for stats
        self.on_reject = on_reject  # callback(dataset, row, exception): a row Arrow could not take
        # callback(dataset, keys): these rows are now in a visible, fsynced file (dedup trusts only this).
        self.on_keys_written = on_keys_written
        self.rows_rejected = 0
        self.buffer: list[dict] = []
        # Partitions a failed flush could not write: tables, or rows not yet built into one.
        self.unwritten: list[tuple[str, pa.Table | list[dict]]] = []
        self.keys: KeyIndex | None = None
        self.serial = 0
        self.rows_written = 0
        self.files_written = 0
        self.rows_skipped = 0
        self.last_flush = time.monotonic()
        self.directory.mkdir(parents=True, exist_ok=True)
        _refuse_other_layout(self.directory, spec)
        sweep_stale_temp_files(self.directory)
        if any(self.directory.rglob(JOURNAL)):  # a compaction crashed half-way: finish it first
            with dataset_lock(self.directory, exclusive=True):
                recover(self.directory)
        self._write_common_metadata()

    def _write_common_metadata(self) -> None:
        """``_common_metadata`` holds the full schema, so an empty dataset still has its columns."""
        target = self.directory / "_common_metadata"
        if not target.exists():
            tmp = self.directory / f".{target.name}.{time.time_ns()}.tmp"
            pq.write_metadata(self.spec.schema, tmp)
            tmp.replace(target)

    def _key_index(self) -> KeyIndex:
        if self.keys is None:
            self.keys = KeyIndex()
            self.keys.load(parquet_files(self.directory), self.spec.key)
        return self.keys

    def stored(self, key: str) -> bool:
        """True when ``key`` is in a file already written (not just buffered)."""
        return self._key_index().stored(key_hash(key))

    def add(self, row: dict) -> bool:
        """Buffer one row; False (and nothing buffered) when its key was already written."""
        key = row.get(self.spec.key)
        if key is None:
            raise ValueError(f"{self.spec.name} row without its key column {self.spec.key!r}")
        h = key_hash(key)
        index = self._key_index()
        if h in index:
            self.rows_skipped += 1
            return False
        index.add(h)
        self.buffer.append(row)
        self.buffered_bytes += text_size(row)
        if (len(self.buffer) >= self.batch_rows or self.buffered_bytes >= self.batch_bytes
                or time.monotonic() - self.last_flush >= self.flush_seconds):
            self.flush()
        return True

    def flush(self) -> int:
        """Write the buffer, one file per partition; returns the rows written.

        If writing fails (disk full...), the partitions not yet written are kept
        and retried first by the next flush, then the error is raised: nothing is
        dropped and nothing is written twice.

        Memory: the batch is split and ordered as Python rows, and each partition
        becomes Arrow only when its turn comes, already in file order (no filtered
        or sorted copies), and is written in row groups of about ``row_group_bytes``:
        the Parquet writer holds a whole row group while it encodes it.
        """
        self.last_flush = time.monotonic()
        parts: list[tuple[str, pa.Table | list[dict]]] = list(self.unwritten)
        if self.buffer:
            rows, self.buffer, self.buffered_bytes = self.buffer, [], 0
            parts += self._split_by_partition(rows)
            del rows
        self.unwritten = []
        rows = files = 0
        with dataset_lock(self.directory, exclusive=False):
            for i, (folder, part) in enumerate(parts):
                try:
                    if type(part) is list:
                        part = self._file_table(part)
                    if not part.num_rows:
                        continue
                    self.serial += 1
                    name = f"part-{self.writer_id}-{self.serial:05d}.parquet"
                    write_parquet_atomically(part, self.directory / folder / name, self._row_group_rows(part))
                except BaseException:
                    self.unwritten = [(folder, part)] + parts[i + 1:]  # rows stay rows until their turn
                    raise
                parts[i] = (folder, None)  # written: let it go before the next partition is built
                rows += part.num_rows
                files += 1
                if self.on_keys_written and self.spec.key in part.column_names:
                    self.on_keys_written(self.spec.name, part.column(self.spec.key).to_pylist())
                del part
        if not self.unwritten:
            self._key_index().commit()
        self.rows_written += rows
        self.files_written += files
        if self.on_flush and rows:
            self.on_flush(self.spec.name, rows, files)
        return rows

    def _row_group_rows(self, table: pa.Table) -> int:
        """Rows per row group: ``row_group_rows`` at most, fewer when rows are large (article bodies)."""
        per_group = table.num_rows * self.row_group_bytes // max(1, table.nbytes)
        return max(1, min(self.row_group_rows, per_group))

    def _file_table(self, rows: list[dict]) -> pa.Table:
        """One partition's rows as the table its file holds, in file order; the rows list is emptied."""
        keys = self.spec.sort_by
        try:  # sorted as Python rows (nulls last, as Arrow's sort), so Arrow finds them in order: no sorted copy
            rows.sort(key=lambda row: tuple((row.get(c) is None, row.get(c)) for c in keys))
        except TypeError:
            pass  # values of mixed types: Arrow sorts the table instead
        table = self.spec.in_file_order(self._to_table(rows))
        rows.clear()  # only once the table holds them: a failure before keeps them for the next flush
        return table

    def _to_table(self, rows: list[dict]) -> pa.Table:
        """Rows to a table; a row Arrow refuses is set aside (``rejected``), not the whole batch."""
        try:
            return pa.Table.from_pylist(rows, schema=self.spec.schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            good = []
            for row in rows:
                try:
                    pa.Table.from_pylist([row], schema=self.spec.schema)
                    good.append(row)
                except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
                    self._reject(row, exc)
            return pa.Table.from_pylist(good, schema=self.spec.schema)

    def _reject(self, row: dict, exc: Exception) -> None:
        self.rows_rejected += 1
        self._key_index().pending.discard(key_hash(row[self.spec.key]))
        if self.on_reject:
            self.on_reject(self.spec.name, row, exc)

    def _split_by_partition(self, rows: list[dict]) -> list[tuple[str, list[dict]]]:
        """(hive folder, rows) for each set of partition values, in order of first appearance."""
        if not self.spec.partitions:
            return [("", rows)]
        groups: dict[tuple, list[dict]] = {}
        for row in rows:
            values = tuple(_partition_label(row.get(c)) for c in self.spec.partitions)
            groups.setdefault(values, []).append(row)
        return [("/".join(f"{c}={_path_safe(v)}" for c, v in zip(self.spec.partitions, values)), group)
                for values, group in groups.items()]

    def close(self) -> None:
        self.flush()


class OtherLayoutError(RuntimeError):
    """The dataset folder holds partitions of another layout (an older major schema version)."""


def _refuse_other_layout(directory: Path, spec: DatasetSpec) -> None:
    """Adding files of this layout beside another one would leave a dataset no reader opens."""
    if not spec.partitions:
        return
    others = sorted(p.name.split("=", 1)[0] for p in directory.iterdir()
                    if p.is_dir() and "=" in p.name and not p.name.startswith(f"{spec.partitions[0]}="))
    if others:
        raise OtherLayoutError(
            f"{directory} has {sorted(set(others))} partition folders (schema 1.x); this writer partitions by "
            f"{spec.partitions[0]!r} (schema 2.0). Move the old dataset aside or re-derive it from the WARCs: "
            "see docs/datasets-reading.md, 'Upgrading from 1.0'.")


def _partition_label(value) -> str:
    """A partition value as text, as Arrow's cast to string gives it (partition columns are strings)."""
    return NULL_PARTITION if value is None else value if type(value) is str else str(value)


def _path_safe(value: str) -> str:
    """Hive folder values: one bounded path segment, whatever the item said (crawler/safe_names.py)."""
    return partition_value(value) or NULL_PARTITION
