"""`scrapy fetch`: Scrapy's own command, look-only (see crawler/commands/__init__.py)."""

from scrapy.commands.fetch import Command as Base

from crawler.commands import apply_look_only_settings


class Command(Base):
    def process_options(self, args, opts):
        super().process_options(args, opts)
        apply_look_only_settings(self.settings)
