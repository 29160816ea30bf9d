"""`scrapy warc_index [PATH ...] [--force]`: (re)write the CDXJ index of closed WARC files.

The crawl indexes each WARC when it closes it (setting WARC_CDXJ); this command
catches up files written with indexing off, or copied in from elsewhere. Each
index is ``<file>.warc.gz.cdxj`` beside its WARC (cdxj-indexer, sorted). PATH is
a file or folder; default <OUTPUT_DIR>/warc. `.open` files are skipped: they are
still being written, or were torn by a crash.
"""

from __future__ import annotations

import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.archive.extension import warc_dir
from crawler.archive.indexing import cdxj_path, write_cdxj
from crawler.archive.validation import warc_files
from crawler.progress import CommandProgress


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[PATH ...] [--force]"

    def short_desc(self) -> str:
        return "Write a CDXJ index beside each closed WARC file"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--force", action="store_true", help="rewrite indexes that exist already")

    def run(self, args: list[str], opts) -> None:
        try:
            files = warc_files(args or [warc_dir(self.settings)], include_open=False)
        except FileNotFoundError as exc:
            raise UsageError(str(exc))
        written = 0
        with CommandProgress() as progress:
            for path in progress.track(files, "indexing WARCs (CDXJ)"):
                if path.name.endswith(".open") or (cdxj_path(path).exists() and not opts.force):
                    continue
                write_cdxj(path)
                written += 1
                print(cdxj_path(path))
        print(f"{written} index(es) written, {len(files) - written} skipped", file=sys.stderr)
