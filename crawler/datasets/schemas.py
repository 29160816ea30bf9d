"""The Arrow schemas of the Parquet datasets: the one place where columns and types are declared.

Four datasets live under ``<OUTPUT_DIR>/parquet/<name>/``:

- ``articles``  one row per article *version* (key ``version_id``)
- ``claims``    one row per attributed claim (key ``claim_id``)
- ``captures``  one row per HTTP exchange written to the WARC (key ``warc_record_id``)
- ``crawls``    one row per crawl run (key ``crawl_id``)

Evolution rule (SCHEMA_VERSION is stored in every file's metadata):
- add a column: append it as *nullable* at the end and bump the minor version
  ("1.1"); old files simply read as null for it;
- never change a column's type or meaning in place and never reuse a name: add
  a new column (``published_v2``) and deprecate the old one in docs/datasets.md, then
  bump the major version ("2.0") when one is removed.
Readers opening a mix of files use these schemas (``crawler.datasets.read``),
so files written under an older minor version unify without surprises.

Partition columns (hive style, ``name=value`` folders) are declared in the
schema like any column but are not stored inside the files: every reader
rebuilds them from the path. The partition of articles, claims and captures is
``month`` alone, which is never null (a null-only partition breaks pyarrow's
and pandas' default reads), and rows are sorted by outlet inside each file:
an outlet x month layout gave thousands of tiny files (docs/datasets-reading.md).

2.0 (from 1.0): partition ``month`` replaces ``outlet``/``published_month``
folders (both are now plain columns); ``paragraphs`` is gone (the text is
stored once, in ``body``); ``provenance`` and ``settings`` maps became the
JSON text columns ``provenance_json`` and ``settings_json``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SCHEMA_VERSION = "2.0"
# Key under which the version (and the dataset name) is stored in each file's metadata.
METADATA_VERSION_KEY = b"cairo_talks.schema_version"
METADATA_DATASET_KEY = b"cairo_talks.dataset"

# Value of a partition column when the row has none (no publication date):
# the hive convention, which pyarrow and DuckDB both read back as NULL.
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"

UTC_TS = pa.timestamp("us", tz="UTC")
# Few distinct values, repeated on every row: dictionary-encoded in memory and on disk.
DICT_STRING = pa.dictionary(pa.int32(), pa.string())
STRINGS = pa.list_(pa.string())


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={b"doc": doc.encode("utf-8")})


# The partition folder of articles and claims: a row's month, never null.
MONTH_PARTITION = _f("month", pa.string(), "YYYY-MM of published, else of fetched_at (partition)", False)

ARTICLES = pa.schema([
    # identity (crawler.ids)
    _f("article_id", pa.string(), "sha1-derived id of the canonical URL's identity (crawler.ids.article_id)", False),
    _f("version_id", pa.string(), "id of this text version: article_id + content_hash (crawler.ids.version_id)", False),
    _f("url", pa.string(), "URL fetched, after redirects", False),
    _f("canonical_url", pa.string(), "rel=canonical / og:url on the same site, else the normalized URL"),
    _f("outlet", DICT_STRING, "outlet slug (files are sorted by it)"),
    _f("language", DICT_STRING, "ISO 639-1 code"),
    # what the page says
    _f("headline", pa.string(), "headline"),
    _f("description", pa.string(), "standfirst / meta description"),
    _f("authors", STRINGS, "author names as written"),
    _f("published", UTC_TS, "publication time, UTC"),
    _f("published_date", pa.date32(), "publication date in UTC (for per-day counts)"),
    _f("modified", UTC_TS, "last modification time, UTC"),
    _f("section", pa.string(), "outlet section"),
    _f("tags", STRINGS, "outlet tags / keywords"),
    _f("body", pa.string(), "the text, stored once: paragraphs joined by newlines (split on them to get the paragraphs)"),
    _f("word_count", pa.int32(), "words in body"),
    _f("fetched_at", UTC_TS, "when the response arrived"),
    _f("status", pa.int16(), "HTTP status of the article response"),
    _f("provenance_json", pa.string(), "JSON object: field -> where its value came from (jsonld, meta, ...)"),
    # relevance (issue 3)
    _f("topic_score", pa.float64(), "relevance score to the Cairo talks"),
    _f("on_topic", pa.bool_(), "judged to be about the negotiations"),
    # deduplication and versions (issue 6)
    _f("content_hash", pa.string(), "hash of the normalized body text"),
    _f("dedup_decision", DICT_STRING, "new | new_version | refetch | exact_duplicate | near_duplicate | no_text"),
    _f("duplicate_of", pa.string(), "version_id of the earliest copy of this story, if this is a copy"),
    _f("near_duplicate_cluster", pa.string(), "story id shared by all copies and versions (count stories by it)"),
    _f("similarity", pa.float64(), "word-shingle Jaccard to the matched copy / previous version"),
    _f("containment", pa.float64(), "share of the smaller text's shingles found in the other"),
    _f("version", pa.int32(), "1 for the first text seen at this canonical URL, then 2, 3..."),
    _f("previous_version", pa.string(), "version_id of the previous version"),
    _f("change_summary", pa.string(), "JSON: what changed since the previous version (added, removed, changed...)"),
    # where the response lies in the WARC (issue 4)
    _f("warc_filename", pa.string(), "WARC file holding the article's response record"),
    _f("warc_offset", pa.int64(), "byte offset of that record in the file"),
    _f("warc_length", pa.int64(), "compressed length of that record"),
    _f("warc_record_id", pa.string(), "WARC-Record-ID of the response record (joins captures)"),
    # bookkeeping
    _f("claim_count", pa.int32(), "claims extracted from this version (null: claims not run)"),
    _f("crawl_id", pa.string(), "run that wrote the row (joins crawls)", False),
    # provenance (issue 14): where this copy came from
    _f("capture_source", DICT_STRING, "live | wayback | commoncrawl | sitemap"),
    _f("captured_at", UTC_TS, "when the archive captured the page (live: the fetch time)"),
    _f("archive_url", pa.string(), "the archive URL fetched (null for live captures)"),
    _f("published_month", pa.string(), "YYYY-MM of published (null when the page gives no date)"),
    MONTH_PARTITION,
])

TIME_EXPRESSION = pa.struct([
    pa.field("text", pa.string()),  # as written ("أمس", "on Sunday")
    pa.field("resolved", pa.string()),  # ISO 8601 date/time it resolves to, against published
])

CLAIMS = pa.schema([
    _f("claim_id", pa.string(), "id from version_id + paragraph + char span (crawler.ids.claim_id)", False),
    _f("cluster_id", pa.string(), "shared by the same claim carried by several outlets"),
    _f("article_id", pa.string(), "article the claim is in", False),
    _f("version_id", pa.string(), "article version the claim is in (joins articles)", False),
    _f("outlet", DICT_STRING, "outlet slug"),
    _f("language", DICT_STRING, "ISO 639-1 code"),
    _f("published", UTC_TS, "publication time of the article, UTC"),
    _f("url", pa.string(), "article URL"),
    _f("paragraph", pa.int32(), "paragraph index, 0 = headline"),
    _f("sentence_index", pa.int32(), "sentence index within the paragraph"),
    _f("char_start", pa.int32(), "start offset of the claim in the body"),
    _f("char_end", pa.int32(), "end offset of the claim in the body"),
    _f("speaker", pa.string(), "speaker mention as written (null when implicit)"),
    _f("speaker_kind", DICT_STRING, "person | anonymous_source | organization | government | media"),
    _f("actor", DICT_STRING, "canonical actor id (hamas, egypt, israel, ...)"),
    _f("anonymous", pa.bool_(), "unnamed source or official"),
    _f("cue", pa.string(), "reporting expression as written"),
    _f("content", pa.string(), "what is claimed"),
    _f("content_continuation", pa.string(), "second half of a direct quote split around the cue"),
    _f("quote", DICT_STRING, "direct | indirect"),
    _f("via", STRINGS, "channel mentions the claim came through"),
    _f("quantities", STRINGS, "numeric expressions in the claim, as written"),
    _f("polarity", DICT_STRING, "assertion | denial"),
    _f("hedged", pa.bool_(), "the claim is hedged (reportedly, may, ...)"),
    _f("time_expressions", pa.list_(TIME_EXPRESSION), "time expressions and their resolved dates"),
    _f("rule", pa.string(), "extraction rule that fired"),
    _f("confidence", pa.float64(), "extractor confidence, 0..1"),
    _f("note", pa.string(), "free-text note"),
    _f("crawl_id", pa.string(), "run that wrote the row", False),
    _f("published_month", pa.string(), "YYYY-MM of published (null when the article gives no date)"),
    MONTH_PARTITION,
])

CAPTURES = pa.schema([
    _f("warc_record_id", pa.string(), "WARC-Record-ID of the response/revisit record (key)", False),
    _f("url", pa.string(), "URL requested", False),
    _f("status", pa.int16(), "HTTP status; null when the fetch failed"),
    _f("content_type", pa.string(), "Content-Type header"),
    _f("fetched_at", UTC_TS, "when the response arrived", False),
    _f("payload_digest", pa.string(), "WARC-Payload-Digest (sha1:BASE32)"),
    _f("warc_filename", pa.string(), "WARC file name (under OUTPUT_DIR/warc)"),
    _f("warc_offset", pa.int64(), "byte offset of the record"),
    _f("warc_length", pa.int64(), "compressed length of the record"),
    _f("record_type", DICT_STRING, "response | revisit | ..."),
    _f("request_record_id", pa.string(), "WARC-Record-ID of the matching request record"),
    _f("ip_address", pa.string(), "server IP address"),
    _f("error", pa.string(), "why the fetch failed (status is null then)"),
    _f("crawl_id", pa.string(), "run that made the exchange", False),
    # provenance (issue 14): where this copy came from
    _f("capture_source", DICT_STRING, "live | wayback | commoncrawl | sitemap"),
    _f("captured_at", UTC_TS, "when the archive captured the page (live: the fetch time)"),
    _f("archive_url", pa.string(), "the archive URL fetched (null for live captures)"),
    _f("fetch_date", pa.date32(), "UTC date of fetched_at"),
    _f("month", pa.string(), "YYYY-MM of fetched_at (partition)", False),
])

CRAWLS = pa.schema([
    _f("crawl_id", pa.string(), "run id (key)", False),
    _f("spiders", STRINGS, "spider name(s) of the run"),
    _f("started_at", UTC_TS, "start of the run"),
    _f("finished_at", UTC_TS, "end of the run"),
    _f("duration_s", pa.float64(), "elapsed seconds"),
    _f("finish_reason", pa.string(), "Scrapy's finish reason (finished, shutdown, closespider_*...)"),
    _f("outcome", DICT_STRING, "ok | partial (some fetches or extractions failed) | failed"),
    _f("requests", pa.int64(), "requests sent"),
    _f("responses", pa.int64(), "responses received"),
    _f("items", pa.int64(), "items scraped"),
    _f("fetch_failures", pa.int64(), "requests that ended without a response (fetch/failed/*)"),
    _f("extraction_failures", pa.int64(), "pages that were not articles (extraction/failed/*)"),
    _f("errors", pa.int64(), "ERROR log lines"),
    _f("articles_written", pa.int64(), "rows written to articles"),
    _f("claims_written", pa.int64(), "rows written to claims"),
    _f("captures_written", pa.int64(), "rows written to captures"),
    _f("settings_json", pa.string(), "JSON object: the settings that shape the result (see RECORDED_SETTINGS)"),
    _f("stats_json", pa.string(), "all Scrapy stats of the run as a JSON object"),
    _f("hostname", pa.string(), "machine that ran the crawl"),
    _f("scrapy_version", pa.string(), "Scrapy version"),
    _f("schema_version", pa.string(), "SCHEMA_VERSION of the writer"),
])


@dataclass(frozen=True)
class DatasetSpec:
    """How one dataset is laid out: its schema, its row key and its partition columns."""

    name: str
    schema: pa.Schema
    key: str  # unique per row; a re-run never writes a row whose key is already there
    partitions: tuple[str, ...]  # hive folders, outermost first
    sort_by: tuple[str, ...] = ()  # order inside a file (helps min/max pruning)

    @property
    def file_schema(self) -> pa.Schema:
        """Columns stored inside a file: all but the partition columns."""
        return pa.schema([f for f in self.schema if f.name not in self.partitions],
                         metadata={METADATA_VERSION_KEY: SCHEMA_VERSION.encode(),
                                   METADATA_DATASET_KEY: self.name.encode()})

    def in_file_order(self, table: pa.Table) -> pa.Table:
        """``table`` reduced to the file columns, sorted by ``sort_by``, carrying the schema metadata.

        Arrow cannot sort on a dictionary column (``outlet``): the order is
        computed on the decoded values and the encoded column is kept.
        """
        table = table.select(self.file_schema.names)
        keys = [c for c in self.sort_by if c in table.column_names]
        if keys and table.num_rows > 1:
            decoded = pa.table({c: table.column(c).cast(pa.string()) if pa.types.is_dictionary(table.schema.field(c).type)
                                else table.column(c) for c in keys})
            order = pc.sort_indices(decoded, [(c, "ascending") for c in keys])
            if (np.diff(order.to_numpy().astype(np.int64)) != 1).any():  # in order already (the writer's rows): no copy
                table = table.take(order)
        return table.replace_schema_metadata(self.file_schema.metadata)

    @property
    def partition_schema(self) -> pa.Schema:
        return pa.schema([self.schema.field(name) for name in self.partitions])


# One partition level, the month: coverage over time prunes by folder, and a
# month of every outlet together keeps files large (outlet x month gave ~40 KiB
# files, see bench/datasets_files.py). Sorting by outlet inside a file lets
# readers skip row groups of other outlets by their min/max statistics.
DATASETS: dict[str, DatasetSpec] = {
    "articles": DatasetSpec("articles", ARTICLES, "version_id", ("month",), ("outlet", "published", "article_id")),
    "claims": DatasetSpec("claims", CLAIMS, "claim_id", ("month",), ("outlet", "published", "claim_id")),
    "captures": DatasetSpec("captures", CAPTURES, "warc_record_id", ("month",), ("fetched_at",)),
    "crawls": DatasetSpec("crawls", CRAWLS, "crawl_id", (), ("started_at",)),
}

# Settings copied into crawls.settings: the ones that change what a run collects.
RECORDED_SETTINGS = (
    "CRAWL_ID", "BOT_NAME", "USER_AGENT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "DOWNLOAD_TIMEOUT",
    "RETRY_TIMES", "DEPTH_LIMIT", "CLOSESPIDER_TIMEOUT", "CLOSESPIDER_ITEMCOUNT", "HTTPCACHE_ENABLED",
    "OUTPUT_DIR", "MIN_BODY_WORDS", "WARC_ENABLED", "REPLAY_WARC_FILES", "DISCOVERY_SINCE",
    "DISCOVERY_PREFILTER_ENABLED", "DISCOVERY_PREFILTER_MIN_SCORE", "DEDUP_EXACT_DUPLICATES",
    "DEDUP_REFETCHES", "DEDUP_SIMILARITY_THRESHOLD", "CLAIMS_ALL_ARTICLES", "DATASETS_BATCH_ROWS", "DATASETS_BATCH_BYTES",
)
