"""Open the datasets as analysts do: ``pyarrow.dataset`` with the declared schemas, or DuckDB views.

Both readers use the schemas from ``crawler.datasets.schemas`` rather than
guessing from whichever file comes first, so files of older minor schema
versions unify (missing columns read as null).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds

from .files import parquet_files
from .schemas import DATASETS


def dataset_dir(output_dir: Path | str, name: str) -> Path:
    return Path(output_dir) / "parquet" / name


def open_dataset(output_dir: Path | str, name: str) -> ds.Dataset:
    """The dataset ``name`` with its full schema (partition columns included, typed)."""
    spec = DATASETS[name]
    directory = dataset_dir(output_dir, name)
    files = parquet_files(directory)
    if not files:  # an empty dataset (claims before the claims stage runs) still has its columns
        return ds.dataset(spec.schema.empty_table())
    partitioning = ds.partitioning(spec.partition_schema, flavor="hive") if spec.partitions else None
    return ds.dataset([str(f) for f in files], schema=spec.schema, format="parquet",
                      partitioning=partitioning, partition_base_dir=str(directory))


def duckdb_connect(output_dir: Path | str, connection=None):
    """A DuckDB connection with one view per dataset: ``articles``, ``claims``, ``captures``, ``crawls``.

    The views read the Parquet files in place (hive partitions included); an
    empty dataset becomes an empty view with the right columns.
    """
    import duckdb

    con = connection or duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")  # days and weeks of timestamps are UTC days, as in the files
    for name, spec in DATASETS.items():
        directory = dataset_dir(output_dir, name)
        if parquet_files(directory):
            glob = str(directory / "**" / "*.parquet") if spec.partitions else str(directory / "*.parquet")
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet("
                        f"'{_sql_quote(glob)}', hive_partitioning = {str(bool(spec.partitions)).lower()}, "
                        f"union_by_name = true)")
        else:
            empty = spec.schema.empty_table()
            con.register(f"_{name}_empty", empty)
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM _{name}_empty")
    return con


def _sql_quote(text: str) -> str:
    return text.replace("'", "''")
