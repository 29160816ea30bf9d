"""Offline replay: run any spider, unchanged, against WARC files instead of the network.

Usage::

    scrapy crawl urls -a urls=list.txt -s REPLAY_WARC_FILES=old/crawl-1.warc.gz,old/more/
    scrapy crawl youm7 -s REPLAY_WARC_FILES='archive/*.warc.gz'

Settings (defaults in crawler/settings.py):

``REPLAY_WARC_FILES``
    WARC files to serve responses from: a list (or a comma-separated string on
    the command line) of files, glob patterns or folders (every ``*.warc`` /
    ``*.warc.gz`` inside, recursively). Empty (the default) = live crawling.
    An entry that matches no file stops the crawl at start-up with a clear error.
``REPLAY_CAPTURE``
    Which capture to serve when the archive holds a URL more than once:
    ``"latest"`` (default) or ``"earliest"`` by ``WARC-Date``.
``REPLAY_USE_CDXJ``
    True (default): a WARC with an up-to-date ``<file>.cdxj`` beside it (as
    crawler.archive writes them) is indexed from that file instead of being
    decompressed end to end; a missing, stale or unreadable CDXJ means a scan.

What happens when ``REPLAY_WARC_FILES`` is set (``ReplayAddon``, enabled in ADDONS):

* the ``http`` and ``https`` download handlers are replaced by
  ``ReplayDownloadHandler``: no DNS lookup, no socket, nothing leaves the machine;
* politeness delays are switched off (``DOWNLOAD_DELAY=0``, AutoThrottle off) and
  so is incremental skipping (``INCREMENTAL_ENABLED=False``: re-processing an
  archive means every page in it, and replayed pages are not new fetches),
  unless they were given on the command line.

The handler indexes the archives once at start-up (URL -> file and offset of
``response``, ``revisit`` and ``resource`` records; request/metadata records are
skipped) and reads each record lazily when its URL is requested. URLs are
matched after w3lib canonicalization (query order, escaping and fragments do not
matter); the scheme and host must match. The response it returns is what the
live HTTP handler would have returned: archived status, all headers and the
body still content-encoded (transfer chunking removed), so Scrapy's own
middlewares do the rest exactly as live: HttpCompressionMiddleware decodes
gzip/br/deflate, RedirectMiddleware follows archived 3xx records,
RobotsTxtMiddleware reads the archived robots.txt. ``revisit`` records are served
with the payload of the response record they refer to (by payload digest, else by
WARC-Refers-To-Target-URI).

* A URL that is not in the archive is a **miss**: the request fails with
  ``ReplayMiss`` (an ``IgnoreRequest``; errbacks receive it), it is logged at
  WARNING with the URL and counted under ``replay/miss``. It is never fetched.
* A robots.txt that is not in the archive is answered with an empty 404, which
  Scrapy reads as "everything allowed" (counted under ``replay/miss/robots_txt``).
* Replayed responses carry the flag ``"replay"``, and ``request.meta["replay"]``
  holds ``{"warc_filename", "warc_offset", "warc_length", "warc_record_id", "warc_date"}`` of the
  record served; ``request.meta["fetched_at"]`` is set to the record's WARC-Date
  (a datetime), so items say when the page was really fetched. A WARC writer
  should skip responses flagged ``"replay"`` (they are archived already).

Stats: ``replay/index/files``, ``replay/index/records``, ``replay/index/urls``,
``replay/index/files_from_cdxj``, ``replay/index/damaged_files`` (files read only up to their damage, logged as ERROR),
``replay/hit``, ``replay/hit/revisit``, ``replay/miss``,
``replay/miss/robots_txt``, ``replay/miss/revisit_original``,
``replay/read_error/<Exception>`` (a damaged record: that request fails with
``ReplayReadError``, the crawl goes on), ``replay/content_encoding_mismatch``
(a record that says gzip but holds plain bytes is served decoded, with the
header dropped, instead of failing).
"""

from .addon import ReplayAddon, resolve_warc_files
from .handler import ReplayDownloadHandler, ReplayMiss, ReplayReadError
from .index import ArchivedResponse, WarcIndex

__all__ = [
    "ArchivedResponse",
    "ReplayAddon",
    "ReplayDownloadHandler",
    "ReplayMiss",
    "ReplayReadError",
    "WarcIndex",
    "resolve_warc_files",
]
