"""Project signals: components talk through these instead of importing each other.

capture_written
    Sent by the WARC archive (crawler.archive) after it wrote one HTTP exchange
    (or a revisit). Keyword arguments: ``capture`` (a dict with the keys of the
    ``captures`` dataset: url, status, content_type, fetched_at, payload_digest,
    warc_filename, warc_offset, warc_length, warc_record_id, record_type, ...)
    and ``request``/``response`` when there are any.

article_archived
    Sent by the WARC archive after it wrote an article's ``metadata`` record.
    Keyword arguments: ``item`` and ``record`` (warc_filename, warc_offset,
    warc_length, warc_record_id).

dataset_rows_written
    Sent by the Parquet datasets pipeline (pipelines/datasets.py) once rows are
    in a visible, fsynced file, and for rows found already stored by an earlier
    run. Keyword arguments: ``dataset`` (name) and ``keys`` (the rows' key
    column values, e.g. version_id for ``articles``). Deduplication marks a
    version "written" only on this signal, so a crash before a flush never makes
    the next run drop an article as an identical re-fetch.
"""

capture_written = object()
dataset_rows_written = object()
article_archived = object()
