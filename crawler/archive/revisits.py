"""Which payloads the archive already holds, so an unchanged re-fetch becomes a `revisit`.

"Unchanged" means: same URL and same WARC-Payload-Digest, i.e. the same bytes
after transfer decoding and before content decoding (the identical-payload-
digest profile promises exactly that, and replay serves the original's bytes).
A server that gzips on the fly with a fresh gzip mtime therefore produces a new
full record even when the HTML is the same: the archive never claims two
different byte strings are one. Text-level duplicates are the dedup pipeline's
job, not the archive's.

Known payloads come from the CDXJ indexes beside earlier closed WARCs (the index
is the dedup database, as in warcprox's CDX dedup) plus what this run wrote.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from warcio.timeutils import timestamp_to_iso_date

logger = logging.getLogger(__name__)


class PayloadIndex:
    """Every capture this run archived and every capture the CDXJ of earlier runs list, in a
    private temporary SQLite database: on disk, so the crawl's memory does not grow with it.

    It was a dictionary in memory (~750 bytes a capture, growing with the crawl and the
    archive), then the 20,000 most recent captures; on disk it needs no bound, so an unchanged
    re-fetch of any archived URL is a revisit again. SQLite deletes the file when the index is
    closed or the process ends (a crash leaves nothing), and its page cache is bounded
    (``CACHE_KIB``). The database is this run's own: nothing survives into the next run that
    its WARCs and their CDXJ do not hold.
    """

    CACHE_KIB = 2048

    def __init__(self):
        # "": a temporary database on disk, deleted on close (sqlite.org/inmemorydb.html).
        self._db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self._db.execute(f"PRAGMA cache_size={-self.CACHE_KIB}")
        self._db.execute("PRAGMA journal_mode=OFF")  # a cache of the WARCs: nothing to roll back to
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript("""
            -- (url, digest) -> the first record with that payload under that URL
            CREATE TABLE seen (url TEXT, digest TEXT, date TEXT, record_id TEXT, PRIMARY KEY (url, digest)) WITHOUT ROWID;
            -- page requisites dedup across URLs (a CDN serving one stylesheet under many URLs)
            CREATE TABLE by_digest (digest TEXT PRIMARY KEY, url TEXT, date TEXT, record_id TEXT) WITHOUT ROWID;
            -- requisites skip URLs archived recently (requisites.py)
            CREATE TABLE last_date (url TEXT PRIMARY KEY, date TEXT) WITHOUT ROWID;
        """)

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM seen").fetchone()[0]

    def lookup(self, url: str, payload_digest: str | None) -> dict | None:
        if not payload_digest:
            return None
        found = self._db.execute("SELECT date, record_id FROM seen WHERE url = ? AND digest = ?",
                                 (url, payload_digest)).fetchone()
        return {"url": url, "date": found[0], "record_id": found[1]} if found else None

    def lookup_any(self, payload_digest: str | None) -> dict | None:
        """The first archived record with this payload, under any URL."""
        found = self._db.execute("SELECT url, date, record_id FROM by_digest WHERE digest = ?",
                                 (payload_digest,)).fetchone() if payload_digest else None
        return {"url": found[0], "date": found[1], "record_id": found[2]} if found else None

    def last_archived(self, url: str) -> str | None:
        """The WARC-Date of the latest full capture of ``url`` (ISO 8601), if any."""
        found = self._db.execute("SELECT date FROM last_date WHERE url = ?", (url,)).fetchone()
        return found[0] if found else None

    def remember(self, url: str, payload_digest: str | None, date: str, record_id: str | None) -> None:
        if payload_digest:  # the first record with a payload stays its original
            self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?, ?, ?)", (url, payload_digest, date, record_id))
            self._db.execute("INSERT OR IGNORE INTO by_digest VALUES (?, ?, ?, ?)", (payload_digest, url, date, record_id))
        self.archived_at(url, date)

    def archived_at(self, url: str, date: str | None) -> None:
        if date:
            self._db.execute("INSERT INTO last_date VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET date = excluded.date"
                             " WHERE excluded.date > last_date.date", (url, date))

    def load_cdxj_dir(self, directory: Path) -> int:
        """Read every ``*.cdxj`` under ``directory``; returns the number of payloads learnt."""
        before = len(self)
        for path in sorted(Path(directory).glob("*.cdxj")):
            try:
                self._load_cdxj(path)
            except (OSError, ValueError) as exc:  # a damaged index costs revisits, not the crawl
                logger.warning("Ignoring unreadable CDXJ index %s: %s", path, exc)
        return len(self) - before

    def _load_cdxj(self, path: Path) -> None:
        with open(path, encoding="utf-8") as lines, self._transaction():
            for line in lines:
                parts = line.rstrip("\n").split(" ", 2)
                if len(parts) != 3:
                    continue
                _, timestamp, fields = parts
                entry = json.loads(fields)
                if not str(entry.get("status", "")).startswith("2"):
                    continue
                date = entry.get("warc-date") or timestamp_to_iso_date(timestamp)
                if entry.get("mime") == "warc/revisit":
                    self.archived_at(entry.get("url", ""), date)  # replayable, but not an original
                    continue
                self.remember(entry.get("url", ""), entry.get("digest"), date, entry.get("warc-record-id"))

    @contextmanager
    def _transaction(self):
        """One transaction for a whole CDXJ file (a commit per capture would cost a write each)."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")
