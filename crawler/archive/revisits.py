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
from collections import OrderedDict
from pathlib import Path

from warcio.timeutils import timestamp_to_iso_date

logger = logging.getLogger(__name__)


class PayloadIndex:
    """Bounded: the ``max_entries`` most recently archived (or looked up) captures. Every
    capture of a crawl used to stay here for the whole run, and every capture of every
    earlier run (read from their CDXJ) too: ~700 bytes each, growing with the archive. An
    unchanged re-fetch of a URL beyond the window is stored in full again, a larger
    archive, never a wrong revisit; re-checked articles are the recent ones
    (INCREMENTAL_RECHECK_DAYS), which the window keeps.
    """

    def __init__(self, max_entries: int = 20_000):
        self.max_entries = max(1, max_entries)
        # (url, digest) -> (date, record id) of the first record with that payload under that URL.
        self._seen: OrderedDict[tuple[str, str], tuple[str, str | None]] = OrderedDict()
        # Page requisites dedup across URLs (a CDN serving one stylesheet under many URLs)
        # and skip URLs archived recently (requisites.py).
        self._by_digest: OrderedDict[str, tuple[str, str, str | None]] = OrderedDict()
        self._last_date: OrderedDict[str, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def _touch(self, entries: OrderedDict, key, value=None):
        """The entry for ``key`` (set to ``value`` when new), now the most recent; the oldest go."""
        found = entries.get(key)
        if found is None:
            if value is None:
                return None
            found = entries[key] = value
            while len(entries) > self.max_entries:
                entries.popitem(last=False)
        else:
            entries.move_to_end(key)
        return found

    def lookup(self, url: str, payload_digest: str | None) -> dict | None:
        if not payload_digest:
            return None
        found = self._touch(self._seen, (url, payload_digest))
        return {"url": url, "date": found[0], "record_id": found[1]} if found else None

    def lookup_any(self, payload_digest: str | None) -> dict | None:
        """The first archived record with this payload, under any URL."""
        found = self._touch(self._by_digest, payload_digest) if payload_digest else None
        return {"url": found[0], "date": found[1], "record_id": found[2]} if found else None

    def last_archived(self, url: str) -> str | None:
        """The WARC-Date of the latest full capture of ``url`` (ISO 8601), if any."""
        return self._last_date.get(url)

    def remember(self, url: str, payload_digest: str | None, date: str, record_id: str | None) -> None:
        if payload_digest:
            self._touch(self._seen, (url, payload_digest), (date, record_id))
            self._touch(self._by_digest, payload_digest, (url, date, record_id))
        self.archived_at(url, date)

    def archived_at(self, url: str, date: str | None) -> None:
        if date and date > self._last_date.get(url, ""):
            self._last_date[url] = date
        if url in self._last_date:
            self._last_date.move_to_end(url)
            while len(self._last_date) > self.max_entries:
                self._last_date.popitem(last=False)

    def load_cdxj_dir(self, directory: Path) -> int:
        """Read every ``*.cdxj`` under ``directory``; returns the number of payloads learnt."""
        before = len(self._seen)
        for path in sorted(Path(directory).glob("*.cdxj")):
            try:
                self._load_cdxj(path)
            except (OSError, ValueError) as exc:  # a damaged index costs revisits, not the crawl
                logger.warning("Ignoring unreadable CDXJ index %s: %s", path, exc)
        return len(self._seen) - before

    def _load_cdxj(self, path: Path) -> None:
        with open(path, encoding="utf-8") as lines:
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
