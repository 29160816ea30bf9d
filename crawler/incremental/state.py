"""What was fetched, when, with which validators; and what to do with a URL now.

Only pages that were read as articles are recorded (listing pages, feeds and
sitemaps change all the time and are always fetched). Keys are the crawler's one
URL identity (crawler.dedup.urls.url_key, a SURT), so a tracking parameter, a
fragment, ``www.`` or http do not make a new page.
"""

from __future__ import annotations

import enum
import sqlite3
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

from crawler.dedup.urls import url_key


SCHEMA = """
CREATE TABLE IF NOT EXISTS fetches (
    url TEXT PRIMARY KEY,            -- canonical URL
    first_fetched_at TEXT NOT NULL,  -- ISO 8601 UTC, first time it was read as an article
    fetched_at TEXT NOT NULL,        -- last time its content was confirmed (200, or 304)
    etag TEXT,
    last_modified TEXT,
    status INTEGER
);
-- Each run's fetches, moved into ``fetches`` only once that run closed cleanly:
-- after a crash the outputs (feeds, Parquet batches) may not hold these
-- articles, so they must be fetched again rather than remembered. Keyed by run,
-- because several spiders (``scrapy crawlall``) share the file at the same time.
CREATE TABLE IF NOT EXISTS pending_fetches (
    url TEXT NOT NULL,
    run TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    status INTEGER,
    PRIMARY KEY (url, run)
);
"""
# Pending rows of other runs older than this are from crashed runs: dropped at start.
STALE_PENDING = timedelta(days=2)


class Decision(enum.Enum):
    FETCH = "new"  # never fetched, or forced: a plain request
    CONDITIONAL = "conditional"  # known: ask with If-None-Match / If-Modified-Since
    SKIP_RECENT = "skipped/recent"  # fetched within INCREMENTAL_SKIP_HOURS
    SKIP_SETTLED = "skipped/settled"  # first fetched more than INCREMENTAL_RECHECK_DAYS ago
    SKIP_LASTMOD = "skipped/lastmod"  # the listing says it has not changed since our fetch

    @property
    def fetches(self) -> bool:
        return self in (Decision.FETCH, Decision.CONDITIONAL)


@dataclass(frozen=True)
class FetchRecord:
    url: str
    first_fetched_at: datetime
    fetched_at: datetime
    etag: str | None
    last_modified: str | None
    status: int | None


def utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def parse_listing_time(value) -> datetime | None:
    """A sitemap lastmod / feed date (ISO 8601 or RFC 822, or a datetime) as UTC; None if unreadable."""
    if isinstance(value, datetime):
        return utc(value)
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def truthy(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


class FetchState:
    """The fetch history of one OUTPUT_DIR (one SQLite file, WAL so readers never block)."""

    def __init__(self, path: Path, skip_window: timedelta, recheck_window: timedelta | None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit; any thread: `scrapy shell` runs the crawler outside the thread that built it.
        # All calls come from the reactor thread, one at a time.
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.run = uuid.uuid4().hex
        # Unconfirmed fetches of other runs: crashed ones, or spiders running beside this one.
        # Never read by ``decide`` (not trusted); old ones are cleared.
        self.unconfirmed_elsewhere = self.db.execute("SELECT COUNT(*) FROM pending_fetches").fetchone()[0]
        stale = (datetime.now(timezone.utc) - STALE_PENDING).isoformat()
        self.db.execute("DELETE FROM pending_fetches WHERE fetched_at < ?", (stale,))
        self.skip_window = skip_window
        self.recheck_window = recheck_window

    _by_crawler: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    @classmethod
    def for_crawler(cls, crawler) -> "FetchState":
        """The crawl's one state object, shared by the middlewares and ``should_fetch``."""
        state = cls._by_crawler.get(crawler)
        if state is None:
            settings = crawler.settings
            folder = settings.get("INCREMENTAL_STATE_DIR") or Path(settings["OUTPUT_DIR"]) / "state"
            recheck_days = settings.getfloat("INCREMENTAL_RECHECK_DAYS")
            state = cls(
                Path(folder) / "fetches.sqlite",
                skip_window=timedelta(hours=settings.getfloat("INCREMENTAL_SKIP_HOURS")),
                recheck_window=timedelta(days=recheck_days) if recheck_days > 0 else None,
            )
            cls._by_crawler[crawler] = state
        return state

    @staticmethod
    def key(url: str) -> str:
        return url_key(url)  # the crawler's one URL identity: a tracking variant is the same page

    def get(self, url: str) -> FetchRecord | None:
        row = self.db.execute(
            "SELECT url, first_fetched_at, fetched_at, etag, last_modified, status FROM fetches WHERE url = ?",
            (self.key(url),),
        ).fetchone()
        if row is None:
            return None
        return FetchRecord(row[0], datetime.fromisoformat(row[1]), datetime.fromisoformat(row[2]), *row[3:])

    def decide(self, url: str, now: datetime | None = None, lastmod=None, force: bool = False) -> Decision:
        if force:
            return Decision.FETCH
        record = self.get(url)
        if record is None:
            return Decision.FETCH
        now = utc(now or datetime.now(timezone.utc))
        changed_at = parse_listing_time(lastmod)
        if changed_at is not None:
            # The listing's date is the better evidence: trust it both ways.
            return Decision.CONDITIONAL if changed_at > record.fetched_at else Decision.SKIP_LASTMOD
        if now - record.fetched_at < self.skip_window:
            return Decision.SKIP_RECENT
        if self.recheck_window is not None and now - record.first_fetched_at > self.recheck_window:
            return Decision.SKIP_SETTLED
        return Decision.CONDITIONAL

    def record(self, url: str, *, status: int, etag: str | None, last_modified: str | None,
               when: datetime | None = None) -> None:
        """A fetch that gave an article (or a 304 confirming one), pending until ``commit``."""
        when = utc(when or datetime.now(timezone.utc)).isoformat()
        self.db.execute(
            "INSERT OR REPLACE INTO pending_fetches (url, run, fetched_at, etag, last_modified, status) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (self.key(url), self.run, when, etag, last_modified, status),
        )

    def commit(self) -> int:
        """The run closed cleanly (outputs flushed): remember its fetches. Returns how many."""
        with self.db:  # one transaction
            self.db.execute("BEGIN")
            moved = self.db.execute(
                """INSERT INTO fetches (url, first_fetched_at, fetched_at, etag, last_modified, status)
                   SELECT url, fetched_at, fetched_at, etag, last_modified, status FROM pending_fetches
                   WHERE run = ?
                   ON CONFLICT(url) DO UPDATE SET fetched_at = excluded.fetched_at,
                       etag = COALESCE(excluded.etag, fetches.etag),
                       last_modified = COALESCE(excluded.last_modified, fetches.last_modified),
                       status = excluded.status""",
                (self.run,),
            ).rowcount
            self.db.execute("DELETE FROM pending_fetches WHERE run = ?", (self.run,))
        return moved

    def pending(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM pending_fetches WHERE run = ?", (self.run,)).fetchone()[0]

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM fetches").fetchone()[0]

    def close(self) -> None:
        self.db.close()


def is_forced(crawler) -> bool:
    spider = getattr(crawler, "spider", None)
    return crawler.settings.getbool("INCREMENTAL_FORCE") or truthy(getattr(spider, "force", False))


def should_fetch(crawler, url: str, lastmod=None) -> bool:
    """For discovery code: is ``url`` worth requesting now, given the listing's ``lastmod``?

    Counts the decision under ``incremental/<decision>``. Requests that are still
    sent go through the middlewares as usual (a known URL is asked conditionally).
    Always True when incremental fetching is off or the run is forced.
    """
    if not crawler.settings.getbool("INCREMENTAL_ENABLED"):
        return True
    decision = FetchState.for_crawler(crawler).decide(url, lastmod=lastmod, force=is_forced(crawler))
    if not decision.fetches:
        crawler.stats.inc_value(f"incremental/{decision.value}")
    return decision.fetches
