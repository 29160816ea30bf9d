"""Item pipeline (slot 800): each article's `metadata` record in the WARC.

Runs after claims (400) so the record holds the item as the datasets will see
it; the archive alone can then rebuild them. The record refers to the article's
response record (WARC-Refers-To); its location is announced with the
``crawler.signals.article_archived`` signal.
"""

from __future__ import annotations

import logging

from crawler import signals as project_signals
from crawler.archive.extension import archive_of

logger = logging.getLogger(__name__)


class ArchiveMetadataPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        archive = archive_of(self.crawler)
        if archive is None or archive.writer is None:
            return item  # archive switched off (WARC_ENABLED=False)
        try:
            location = archive.write_metadata(item)
        except Exception as exc:  # the item still reaches the datasets
            self.crawler.stats.inc_value(f"warc/errors/metadata_{type(exc).__name__}")
            logger.exception("Could not write the metadata record of %s", item.get("url"))
            return item
        record = {k: v for k, v in location.as_dict().items()
                  if k in ("warc_filename", "warc_offset", "warc_length", "warc_record_id")}
        self.crawler.signals.send_catch_log(project_signals.article_archived, item=item, record=record)
        return item
