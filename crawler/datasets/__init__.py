"""The Parquet datasets analysts open: schemas, safe writing, compaction, reading and the report.

Where things are: ``schemas`` (columns and types), ``rows`` (item -> row),
``files`` (atomic writes, locking), ``writer`` (buffered partitioned writer),
``compaction`` (``scrapy compact``), ``read`` (pyarrow / DuckDB access),
``report`` (``scrapy report``).
"""

from .schemas import DATASETS, SCHEMA_VERSION, DatasetSpec
from .writer import DatasetWriter

__all__ = ["DATASETS", "SCHEMA_VERSION", "DatasetSpec", "DatasetWriter"]
