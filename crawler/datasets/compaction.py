"""Merge the small files of each partition into one, without losing or duplicating a row.

Scheduled crawls add a few files per partition per run; after a year that is
thousands of tiny files, slow to list and scan. Compaction, per partition:

1. takes the dataset lock exclusively (writers wait; see files.dataset_lock);
2. reads the small files, drops rows whose key repeats (keeping the first),
   sorts and writes ONE new file atomically (temp name, then rename);
3. before the rename, writes a journal naming the new file and the inputs;
   after it, deletes the inputs, then the journal.

A crash after the rename but before the deletes would leave rows twice; the
next ``compact`` (or a writer's start) reads the journal and finishes the
deletes, so the dataset converges to exactly one copy of each row.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from crawler.progress import CommandProgress

from .files import dataset_lock, parquet_files, sweep_stale_temp_files, write_parquet_atomically
from .schemas import DATASETS, DatasetSpec

JOURNAL = ".compaction-journal.json"


@dataclass
class PartitionResult:
    partition: str
    files_before: int
    files_after: int
    rows_before: int
    rows_after: int
    duplicate_rows_removed: int


@dataclass
class CompactionReport:
    dataset: str
    partitions: list[PartitionResult] = field(default_factory=list)

    @property
    def files_before(self) -> int:
        return sum(p.files_before for p in self.partitions)

    @property
    def files_after(self) -> int:
        return sum(p.files_after for p in self.partitions)


def recover(directory: Path) -> int:
    """Finish a compaction that crashed between renaming its output and deleting its inputs."""
    finished = 0
    for journal in directory.rglob(JOURNAL):
        entry = json.loads(journal.read_text(encoding="utf-8"))
        output = journal.parent / entry["output"]
        if output.exists():  # the merged file is in place: the inputs are redundant
            for name in entry["inputs"]:
                (journal.parent / name).unlink(missing_ok=True)
        journal.unlink(missing_ok=True)
        finished += 1
    return finished


def _partition_dirs(directory: Path) -> dict[Path, list[Path]]:
    groups: dict[Path, list[Path]] = {}
    for path in parquet_files(directory):
        groups.setdefault(path.parent, []).append(path)
    return groups


def compact_dataset(parquet_dir: Path, spec: DatasetSpec, *, small_file_bytes: int = 64 * 1024 * 1024,
                    row_group_rows: int = 100_000, min_files: int = 2,
                    progress: CommandProgress | None = None) -> CompactionReport:
    directory = Path(parquet_dir) / spec.name
    report = CompactionReport(spec.name)
    if not directory.is_dir():
        return report
    with dataset_lock(directory, exclusive=True):
        recover(directory)
        sweep_stale_temp_files(directory)
        partitions = sorted(_partition_dirs(directory).items())
        for folder, files in progress.track(partitions, f"compacting {spec.name}") if progress else partitions:
            small = [f for f in files if f.stat().st_size < small_file_bytes]
            if len(small) < min_files:
                continue
            report.partitions.append(_compact_partition(directory, folder, small, spec, row_group_rows))
    return report


def _compact_partition(directory: Path, folder: Path, files: list[Path], spec: DatasetSpec,
                       row_group_rows: int) -> PartitionResult:
    file_schema = spec.file_schema
    # Read each file with the current schema: older minor versions gain their new columns as nulls.
    tables = [_read_as(path, file_schema) for path in files]
    merged = pa.concat_tables(tables)
    rows_before = merged.num_rows
    merged = _drop_repeated_keys(merged, spec.key)
    merged = spec.in_file_order(merged)
    output = folder / f"compacted-{secrets.token_hex(6)}.parquet"
    journal = folder / JOURNAL
    journal.write_text(json.dumps({"output": output.name, "inputs": [f.name for f in files]}), encoding="utf-8")
    try:
        write_parquet_atomically(merged, output, row_group_rows)
    except BaseException:
        journal.unlink(missing_ok=True)  # nothing replaced: the inputs stay as they were
        raise
    for path in files:
        path.unlink()
    journal.unlink(missing_ok=True)
    return PartitionResult(str(folder.relative_to(directory)) or ".", len(files), 1, rows_before,
                           merged.num_rows, rows_before - merged.num_rows)


def _read_as(path: Path, schema: pa.Schema) -> pa.Table:
    table = pq.read_table(path)
    columns = []
    for f in schema:
        if f.name in table.column_names:
            columns.append(table.column(f.name).cast(f.type))
        else:
            columns.append(pa.nulls(table.num_rows, f.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _drop_repeated_keys(table: pa.Table, key: str) -> pa.Table:
    """Keep the first row of each key (only repeated keys from concurrent writers are removed)."""
    keys = table.column(key)
    if pc.count_distinct(keys).as_py() == table.num_rows:
        return table
    indices = table.append_column("__row", pa.array(range(table.num_rows))) \
        .group_by(key).aggregate([("__row", "min")]).column("__row_min")
    first_rows = pc.take(indices, pc.sort_indices(indices))  # original order of the kept rows
    return table.take(first_rows)


def compact_all(parquet_dir: Path, names: list[str] | None = None, **kwargs) -> list[CompactionReport]:
    return [compact_dataset(parquet_dir, DATASETS[name], **kwargs) for name in (names or list(DATASETS))]


def dataset_inventory(parquet_dir: Path, spec: DatasetSpec) -> tuple[int, int]:
    """(files, rows) of a dataset, from Parquet footers only."""
    files = parquet_files(Path(parquet_dir) / spec.name)
    return len(files), sum(pq.ParquetFile(f).metadata.num_rows for f in files)


