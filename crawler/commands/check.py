"""`scrapy check [outlet ...]`: Scrapy's own command, look-only (see crawler/commands/__init__.py).

Runs the contracts each outlet spider carries for its sample URLs
(crawler/contracts.py); add ``-s REPLAY_WARC_FILES=...`` to run them on archived captures.
"""

from scrapy.commands.check import Command as Base

from crawler.commands import apply_look_only_settings


class Command(Base):
    def process_options(self, args, opts):
        super().process_options(args, opts)
        apply_look_only_settings(self.settings)
