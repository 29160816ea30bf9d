"""Dedup state: what has been seen, kept between runs.

``DedupStore`` is the interface the deduplicator talks to; ``SQLiteDedupStore``
is the embedded default (one file under ``<OUTPUT_DIR>/state/``, WAL journal,
one transaction per article, so a crash loses at most the article in flight
and never leaves half an entry). A shared store for several crawl machines
(Redis, Postgres) implements the same methods.

The LSH index lives in the store as rows ``(band key -> version)``, looked up
through an index: a lookup reads a few index pages whatever the archive size,
and nothing is rebuilt at start-up.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Container, Iterator


@dataclass
class VersionRecord:
    version_id: str
    article_id: str
    version: int
    content_hash: str
    cluster_id: str
    url: str
    outlet: str | None = None
    published: str | None = None
    first_seen: str | None = None
    headline: str | None = None
    # Did an item with this version reach the outputs (item_scraped) or get a final decision?
    written: bool = False
    # Normalized paragraphs: the exact similarity check and change summaries need the text.
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ArticleRecord:
    """One canonical URL and the article it belongs to.

    ``url_id`` is ``ids.article_id(canonical_url)``; it equals ``article_id`` except
    for an address an article moved to (slug edit), which keeps its first id.
    """

    url_id: str
    article_id: str
    canonical_url: str
    url_key: str | None = None


@dataclass
class ClusterRecord:
    cluster_id: str
    earliest_version: str
    earliest_published: str | None
    size: int = 1


class DedupStore(ABC):
    """Persistence for the deduplicator. Every write happens inside ``transaction()``."""

    @abstractmethod
    def check_parameters(self, parameters: dict) -> None:
        """Record the hashing parameters on first use; refuse a store built with others."""

    _depth = 0  # nesting level of transaction(); only the outermost one commits

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._rollback()
            raise
        else:
            self._commit()
        finally:
            self._depth = 0
            self._end()

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    def _end(self) -> None:
        """Release what _begin took, after commit or rollback."""

    @abstractmethod
    def article(self, url_id: str) -> ArticleRecord | None:
        """The article at the canonical URL with this id."""

    @abstractmethod
    def article_by_key(self, url_key: str) -> ArticleRecord | None: ...

    @abstractmethod
    def versions_of(self, article_id: str) -> list[VersionRecord]:
        """All versions of an article, oldest first."""

    @abstractmethod
    def version_by_content_hash(self, content_hash: str) -> VersionRecord | None:
        """The first stored version with this exact text."""

    @abstractmethod
    def candidates(self, band_keys: list[int], limit: int, known_texts: Container[str] = ()) -> list[VersionRecord]:
        """Versions sharing at least one LSH band key, most shared bands first.

        A version whose content hash is in ``known_texts`` may come with ``paragraphs=None``:
        the caller already has what it needs from that text, and unpacking it is wasted.
        """

    @abstractmethod
    def cluster(self, cluster_id: str) -> ClusterRecord | None: ...

    @abstractmethod
    def put_article(self, article: ArticleRecord) -> None: ...

    @abstractmethod
    def put_version(self, version: VersionRecord, band_keys: list[int]) -> None: ...

    @abstractmethod
    def put_cluster(self, cluster: ClusterRecord) -> None: ...

    @abstractmethod
    def touch_version(self, version_id: str, seen_at: str) -> None:
        """An identical re-fetch: remember when it was last seen."""

    @abstractmethod
    def mark_written(self, version_id: str) -> None:
        """The item carrying this version reached the outputs (or was deliberately not written)."""

    def mark_all_written(self, version_ids) -> None:
        """mark_written for each; a store may do them as one write."""
        for version_id in version_ids:
            self.mark_written(version_id)

    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    def close(self) -> None:
        pass


_SCHEMA = """
CREATE TABLE IF NOT EXISTS parameters (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    url_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    url_key TEXT
);
CREATE INDEX IF NOT EXISTS articles_by_key ON articles (url_key) WHERE url_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    version_id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    url TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    first_seen TEXT,
    last_seen TEXT,
    headline TEXT,
    written INTEGER NOT NULL DEFAULT 0,
    paragraphs BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_article ON versions (article_id, version);
CREATE INDEX IF NOT EXISTS versions_by_hash ON versions (content_hash, id);
CREATE TABLE IF NOT EXISTS lsh_buckets (
    band_key INTEGER NOT NULL,
    version INTEGER NOT NULL REFERENCES versions (id),
    PRIMARY KEY (band_key, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id TEXT PRIMARY KEY,
    earliest_version TEXT NOT NULL,
    earliest_published TEXT,
    size INTEGER NOT NULL
);
"""

_VERSION_COLUMNS_WITHOUT_TEXT = ("version_id, article_id, version, content_hash, cluster_id, url, outlet, published, "
                                 "first_seen, headline, written")
_VERSION_COLUMNS = _VERSION_COLUMNS_WITHOUT_TEXT + ", paragraphs"


# SQLite caps a compound SELECT at 500 terms: bigger unions are nested.
_TERMS_PER_UNION = 400


# The dedup store's SQLite page cache, KiB (see SQLiteDedupStore.__init__).
SQLITE_CACHE_KIB = 8 * 1024


@lru_cache(maxsize=16)
def _candidates_sql(bucket_count: int) -> str:
    """Versions in the newest entries of ``bucket_count`` buckets, most shared buckets first, then newest."""
    bucket = "SELECT version FROM (SELECT version FROM lsh_buckets WHERE band_key = ? ORDER BY version DESC LIMIT ?)"
    terms = [bucket] * bucket_count
    entries = " UNION ALL ".join(f"SELECT version FROM ({' UNION ALL '.join(terms[i:i + _TERMS_PER_UNION])})"
                                 for i in range(0, bucket_count, _TERMS_PER_UNION))
    return (f"SELECT {_VERSION_COLUMNS_WITHOUT_TEXT} FROM (SELECT version AS row_id, COUNT(*) AS shared "
            f"FROM ({entries}) GROUP BY row_id ORDER BY shared DESC, row_id DESC LIMIT ?) AS best "
            "JOIN versions ON versions.id = best.row_id ORDER BY best.shared DESC, best.row_id DESC")


def _pack(paragraphs: list[str]) -> bytes:
    return zlib.compress(json.dumps(paragraphs, ensure_ascii=False).encode("utf-8"), 6)


def _unpack(blob: bytes) -> list[str]:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


class SQLiteDedupStore(DedupStore):
    """The default store: one SQLite file (WAL), safe against crashes and concurrent readers."""

    FILENAME = "dedup.sqlite3"

    def __init__(self, path: str | Path):
        path = Path(path)
        if path.suffix == "" or path.is_dir():  # a state directory was given
            path.mkdir(parents=True, exist_ok=True)
            path = path / self.FILENAME
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL is crash-safe in WAL mode (a power cut may lose the last commits, never corrupt).
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=OFF")
        # A bounded page cache keeps the hot upper levels of the indexes in memory. It fills
        # as the file grows (~2.3 MB per 1,000 articles): at 32 MB it was most of a long
        # crawl's memory growth up to ~14,000 articles; 8 MB is full by ~3,500 and then flat
        # (docs/performance-yardstick.md). The OS page cache serves the rest.
        self.db.execute(f"PRAGMA cache_size={-SQLITE_CACHE_KIB}")
        self.db.executescript(_SCHEMA)

    @classmethod
    def from_settings(cls, settings) -> "SQLiteDedupStore":
        state_dir = settings.get("DEDUP_STATE_DIR") or Path(settings.get("OUTPUT_DIR") or "output") / "state"
        return cls(Path(state_dir))

    def check_parameters(self, parameters: dict) -> None:
        stored = dict(self.db.execute("SELECT name, value FROM parameters").fetchall())
        wanted = {k: json.dumps(v) for k, v in parameters.items()}
        if not stored:
            with self.transaction():
                self.db.executemany("INSERT INTO parameters VALUES (?, ?)", wanted.items())
            return
        differing = {k: (json.loads(stored[k]), parameters[k]) for k in wanted if k in stored and stored[k] != wanted[k]}
        if differing:
            raise ValueError(
                f"dedup store {self.path} was built with other hashing parameters {differing} "
                "(stored, requested); use another DEDUP_STATE_DIR or the stored values")

    def _begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.db.execute("COMMIT")

    def _rollback(self) -> None:
        self.db.execute("ROLLBACK")

    def _version(self, row) -> VersionRecord:
        *fields, written, blob = row
        return VersionRecord(*fields, written=bool(written), paragraphs=_unpack(blob))

    def article(self, url_id):
        row = self.db.execute("SELECT url_id, article_id, canonical_url, url_key FROM articles WHERE url_id = ?",
                              (url_id,)).fetchone()
        return ArticleRecord(*row) if row else None

    def article_by_key(self, url_key):
        row = self.db.execute("SELECT url_id, article_id, canonical_url, url_key FROM articles WHERE url_key = ? "
                              "LIMIT 1", (url_key,)).fetchone()
        return ArticleRecord(*row) if row else None

    def versions_of(self, article_id):
        rows = self.db.execute(f"SELECT {_VERSION_COLUMNS} FROM versions WHERE article_id = ? ORDER BY version",
                               (article_id,)).fetchall()
        return [self._version(r) for r in rows]

    def version_by_content_hash(self, content_hash):
        row = self.db.execute(f"SELECT {_VERSION_COLUMNS} FROM versions WHERE content_hash = ? ORDER BY id LIMIT 1",
                              (content_hash,)).fetchone()
        return self._version(row) if row else None

    def candidates(self, band_keys, limit, known_texts=(), per_bucket=32):
        # Each bucket is read through the primary key, newest entries first and at most
        # ``per_bucket`` of them: a bucket shared by thousands of texts (stock phrases)
        # then costs the same as any other, so a lookup does not slow down as the index grows.
        # One statement counts and ranks the entries and reads the versions without their
        # paragraphs; those are read afterwards, only for the texts the caller does not know.
        if not band_keys:
            return []
        records = [VersionRecord(*row[:-1], written=bool(row[-1]), paragraphs=None) for row in self.db.execute(
            _candidates_sql(len(band_keys)), [*(p for key in band_keys for p in (key, per_bucket)), limit])]
        unknown = {record.version_id: record for record in records if record.content_hash not in known_texts}
        if unknown:
            for version_id, blob in self.db.execute("SELECT version_id, paragraphs FROM versions WHERE version_id IN "
                                                    f"({','.join('?' * len(unknown))})", list(unknown)):
                unknown[version_id].paragraphs = _unpack(blob)
        return records

    def cluster(self, cluster_id):
        row = self.db.execute("SELECT cluster_id, earliest_version, earliest_published, size FROM clusters "
                              "WHERE cluster_id = ?", (cluster_id,)).fetchone()
        return ClusterRecord(*row) if row else None

    def put_article(self, article):
        self.db.execute("INSERT INTO articles VALUES (?, ?, ?, ?) ON CONFLICT (url_id) DO UPDATE SET "
                        "url_key = COALESCE(articles.url_key, excluded.url_key)",
                        (article.url_id, article.article_id, article.canonical_url, article.url_key))

    def put_version(self, version, band_keys):
        cursor = self.db.execute(
            "INSERT INTO versions (version_id, article_id, version, content_hash, cluster_id, url, outlet, published,"
            " first_seen, last_seen, headline, paragraphs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (version.version_id, version.article_id, version.version, version.content_hash, version.cluster_id,
             version.url, version.outlet, version.published, version.first_seen, version.first_seen,
             version.headline, _pack(version.paragraphs)))
        if band_keys:
            self.db.executemany("INSERT OR IGNORE INTO lsh_buckets VALUES (?, ?)",
                                [(key, cursor.lastrowid) for key in band_keys])

    def put_cluster(self, cluster):
        self.db.execute("INSERT OR REPLACE INTO clusters VALUES (?, ?, ?, ?)",
                        (cluster.cluster_id, cluster.earliest_version, cluster.earliest_published, cluster.size))

    def mark_written(self, version_id):
        self.mark_all_written((version_id,))

    def mark_all_written(self, version_ids):
        # One commit for a whole Parquet flush (5,000 rows), not one per row: if it fails or the
        # process dies, none of the flush is marked and the next run re-offers them all, as it
        # re-offered the rows not yet marked before.
        rows = [(version_id,) for version_id in version_ids]
        if rows:
            with self.transaction():
                self.db.executemany("UPDATE versions SET written = 1 WHERE version_id = ?", rows)

    def touch_version(self, version_id, seen_at):
        self.db.execute("UPDATE versions SET last_seen = ? WHERE version_id = ?", (seen_at, version_id))

    def counts(self):
        return {table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("articles", "versions", "clusters", "lsh_buckets")}

    def close(self):
        self.db.close()
