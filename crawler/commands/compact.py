"""`scrapy compact`: merge the small Parquet files of each partition (see crawler/datasets/compaction.py).

  scrapy compact                      # every dataset under <OUTPUT_DIR>/parquet
  scrapy compact articles captures    # only these
  scrapy compact -s OUTPUT_DIR=/data/cairo --min-files 4

Prints, per dataset, files and rows before and after; rows never change
unless a key was written twice (then the repeats are removed and counted).
Run it from a scheduler after crawls; it waits for running writers (lock).
"""

from __future__ import annotations

from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.datasets.compaction import compact_dataset, dataset_inventory
from crawler.datasets.schemas import DATASETS
from crawler.progress import CommandProgress


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[dataset ...] [--min-files N]"

    def short_desc(self) -> str:
        return "Merge small Parquet files per partition (no row lost or duplicated)"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--min-files", dest="min_files", type=int, default=2,
                            help="compact a partition only when it has at least this many small files")

    def run(self, args: list[str], opts) -> None:
        unknown = [a for a in args if a not in DATASETS]
        if unknown:
            raise UsageError(f"unknown dataset(s) {unknown}; choose from {sorted(DATASETS)}")
        settings = self.settings
        parquet_dir = Path(settings.get("OUTPUT_DIR") or "output") / "parquet"
        for name in args or list(DATASETS):
            spec = DATASETS[name]
            files_before, rows_before = dataset_inventory(parquet_dir, spec)
            with CommandProgress() as progress:
                report = compact_dataset(
                    parquet_dir, spec, min_files=opts.min_files, progress=progress,
                    small_file_bytes=settings.getint("DATASETS_COMPACT_SMALL_FILE_BYTES", 64 * 1024 * 1024),
                    row_group_rows=settings.getint("DATASETS_ROW_GROUP_ROWS", 100_000))
            files_after, rows_after = dataset_inventory(parquet_dir, spec)
            removed = sum(p.duplicate_rows_removed for p in report.partitions)
            print(f"{name}: {len(report.partitions)} partition(s) compacted; files {files_before} -> "
                  f"{files_after}; rows {rows_before} -> {rows_after}"
                  + (f" ({removed} repeated key(s) removed)" if removed else ""))
            if rows_after != rows_before - removed:  # never expected: say so loudly
                print(f"{name}: ROW COUNT MISMATCH")
                self.exitcode = 1
