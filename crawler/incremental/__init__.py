"""Incremental fetching: a scheduled run fetches only what is new or may have changed.

- ``state``: the SQLite file ``<OUTPUT_DIR>/state/fetches.sqlite`` remembering each
  article URL's last fetch (fetched_at, ETag, Last-Modified) and the policy
  deciding what to do with a URL now.
- ``middlewares``: a spider middleware dropping requests for articles fetched
  recently (before they reach the scheduler), and a downloader middleware that
  makes the others conditional (If-None-Match / If-Modified-Since), turns a 304
  into "unchanged, no item" and records every article fetched.

Discovery code that knows a listing's ``lastmod`` asks ``should_fetch(crawler, url, lastmod)``
before requesting a link. ``-a force=true`` (or ``-s INCREMENTAL_FORCE=True``) fetches everything.
"""

from .state import Decision, FetchState, parse_listing_time, should_fetch

__all__ = ["Decision", "FetchState", "parse_listing_time", "should_fetch"]
