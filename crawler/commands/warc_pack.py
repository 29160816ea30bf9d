"""`scrapy warc_pack -o crawl.wacz [PATH ...]`: package WARC files as a WACZ.

Uses the `wacz` package (py-wacz): the result opens in ReplayWeb.page and pywb,
and is validated (`wacz validate`) before the command returns. The pages list
holds one entry per archived article (from the metadata records) with its url, ts,
title and extracted text, so the viewer lists articles rather than every feed and
robots.txt, and its full-text search finds an article by a sentence of its body.
PATH is a file or folder; default <OUTPUT_DIR>/warc (closed files only).

``--since 2026-12-07`` packs only the WARCs opened on or after that UTC day;
``--since <crawl id>`` only that run's and later runs' (the id is in each file's
warcinfo ``isPartOf`` and in the crawls dataset).
"""

from __future__ import annotations

from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.archive.extension import warc_dir
from crawler.archive.indexing import files_since, package_wacz
from crawler.archive.validation import warc_files
from crawler.progress import CommandProgress


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "-o FILE.wacz [PATH ...]"

    def short_desc(self) -> str:
        return "Package WARC files as a WACZ for ReplayWeb.page"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--output", "-o", dest="output", required=True, help="the .wacz file to write")
        parser.add_argument("--title", dest="title", help="title shown by the viewer")
        parser.add_argument("--since", dest="since", metavar="DAY|CRAWL_ID",
                            help="only WARCs opened on or after this UTC day (YYYY-MM-DD) or since this run")

    def run(self, args: list[str], opts) -> None:
        try:
            files = warc_files(args or [warc_dir(self.settings)], include_open=False)
        except FileNotFoundError as exc:
            raise UsageError(str(exc))
        files = [f for f in files if not f.name.endswith(".open")]
        if opts.since:
            try:
                files = files_since(files, opts.since)
            except ValueError as exc:
                raise UsageError(str(exc))
        if not files:
            raise UsageError("no closed WARC files to package")
        with CommandProgress() as progress:
            print(package_wacz(files, Path(opts.output), title=opts.title, progress=progress))
