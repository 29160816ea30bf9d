"""`scrapy warc_check [PATH ...]`: validate WARC files, strictly.

Checks every record's digests with warcio (what `warcio check` does, through its public
``ArchiveIterator(check_digests=True)``) and runs the project's strict checks
(crawler/archive/validation.py: Content-Encoding decodes, Content-Length matches,
no chunked Transfer-Encoding over a plain body, request/response links,
metadata links, warcinfo first). PATH is a WARC file or a folder; default:
<OUTPUT_DIR>/warc, including `.open` files left by a killed crawl. Prints one
line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

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
        digest_failures = digest_problems(files)
        with CommandProgress() as progress:
            problems = check_warcs(files, progress)
        for problem in digest_failures + problems:
            print(problem)
        print(f"{len(files)} file(s) checked: warcio {'FAILED' if digest_failures else 'ok'}, "
              f"{len(problems)} strict problem(s)", file=sys.stderr)
        if digest_failures or problems:
            self.exitcode = 1


def digest_problems(files: list[Path]) -> list[str]:
    """One line per record whose block or payload digest does not match, or file warcio cannot read."""
    problems = []
    for path in files:
        try:
            with open(path, "rb") as stream:
                records = ArchiveIterator(stream, check_digests=True)
                for record in records:
                    content = record.content_stream()
                    while content.read(1 << 20):  # digests are checked as the content is read
                        pass
                    if record.digest_checker.passed is False:
                        where = (f"{path}: offset {records.get_record_offset()} "
                                 f"{record.rec_headers.get_header('WARC-Record-ID')} {record.rec_type}")
                        problems.extend(f"{where}: {problem}" for problem in record.digest_checker.problems)
        except ArchiveLoadFailed as exc:
            problems.append(f"{path}: warcio cannot read it: {str(exc).strip()}")
    return problems
