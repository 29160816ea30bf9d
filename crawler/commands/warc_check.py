"""`scrapy warc_check [PATH ...]`: validate WARC files, strictly.

Runs warcio's own checker (digests) and the project's strict checks
(crawler/archive/validation.py: Content-Encoding decodes, Content-Length matches,
no chunked Transfer-Encoding over a plain body, request/response links,
metadata links, warcinfo first). PATH is a WARC file or a folder; default:
<OUTPUT_DIR>/warc, including `.open` files left by a killed crawl. Prints one
line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from warcio.checker import Checker

from crawler.archive.extension import warc_dir
from crawler.archive.validation import check_warcs, warc_files
from crawler.progress import CommandProgress


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[PATH ...]"

    def short_desc(self) -> str:
        return "Check WARC files: digests (warcio) plus strict HTTP payload and link checks"

    def run(self, args: list[str], opts) -> None:
        try:
            files = warc_files(args or [warc_dir(self.settings)])
        except FileNotFoundError as exc:
            raise UsageError(str(exc))
        if not files:
            raise UsageError("no WARC files found")
        checker = Checker(_WarcioArgs([str(f) for f in files]))
        warcio_exit = checker.process_all()
        with CommandProgress() as progress:
            problems = check_warcs(files, progress)
        for problem in problems:
            print(problem)
        print(f"{len(files)} file(s) checked: warcio {'ok' if not warcio_exit else 'FAILED'}, "
              f"{len(problems)} strict problem(s)", file=sys.stderr)
        if warcio_exit or problems:
            self.exitcode = 1


class _WarcioArgs:
    """The argparse namespace warcio's Checker expects."""

    def __init__(self, inputs: list[str]):
        self.inputs = inputs
        self.verbose = False
