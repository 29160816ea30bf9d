"""The WARC archive: every HTTP exchange of a crawl, byte-faithful, replayable, indexed.

- records.py      Scrapy request/response -> WARC request/response/revisit/metadata records
- writer.py       WARC files: per-record gzip, size rotation, ``.open`` until closed
- revisits.py     which payloads are already archived (unchanged re-fetch -> revisit)
- browser_capture.py  pages rendered in Chromium: the browser's network responses + the rendered DOM
- extension.py    the Scrapy extension: captures at ``response_downloaded``, sends signals
- middlewares.py  Accept-Encoding for archivable bodies, failed fetches, cache hits; item links
- indexing.py     CDXJ indexes (cdxj-indexer) and WACZ packages (py-wacz)
- validation.py   strict checks the standard validators skip (``scrapy warc_check``)

The metadata pipeline is pipelines/archive_metadata.py; commands are
``scrapy warc_check``, ``scrapy warc_index`` and ``scrapy warc_pack``.
"""
