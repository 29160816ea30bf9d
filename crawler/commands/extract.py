"""`scrapy extract <manifest.jsonl>`: run the article extractor on saved pages, offline.

Each manifest line is {"url": original URL, "path": saved HTML file} and optionally
"fetched_at" (ISO 8601: when the page was saved); a relative path is read relative
to the manifest's folder. Relative dates on a page ("3 hours ago", "أمس") count back
from ``fetched_at``; without it they yield no date, never one counted from today. One article JSON object is
printed per line (the item's fields plus "path", "topic_score" and "on_topic"); a page that cannot be read
prints {"path", "url", "error", "reason"} instead and the command exits 1 at
the end, after every other page was processed.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.extraction import ExtractionError, extract_article
from crawler.outlets import get_outlet
from crawler.progress import CommandProgress
from crawler.relevance import score_article


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "<manifest.jsonl> [-o out.jsonl] [--outlet SLUG]"

    def short_desc(self) -> str:
        return "Extract articles from saved HTML pages listed in a JSON-lines manifest (no network)"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--output", "-o", dest="output", help="write JSON lines here instead of stdout")
        parser.add_argument("--outlet", dest="outlet", help="use this outlet's rules for every page")

    def run(self, args: list[str], opts) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one manifest file")
        manifest = Path(args[0])
        if not manifest.is_file():
            raise UsageError(f"manifest not found: {manifest}")
        outlet = get_outlet(opts.outlet) if opts.outlet else None
        out = open(opts.output, "w", encoding="utf-8") if opts.output else sys.stdout
        failures = 0
        threshold = self.settings.get("RELEVANCE_THRESHOLD")
        threshold = float(threshold) if threshold not in (None, "") else None
        lines = manifest.read_text(encoding="utf-8").splitlines()
        # With -o the terminal is free for a progress bar; without, it shows the JSON lines.
        progress = CommandProgress(enabled=None if opts.output else False)
        try:
            with progress:
                for number, line in enumerate(progress.track(lines, "extracting pages"), 1):
                    if not line.strip():
                        continue
                    record = self._extract_line(manifest, number, line, outlet)
                    if "error" not in record:
                        # Same judgement (and RELEVANCE_THRESHOLD) as the crawl's RelevancePipeline.
                        judgement = score_article(record, threshold=threshold)
                        record["topic_score"], record["on_topic"] = judgement.topic_score, judgement.on_topic
                    failures += "error" in record
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
        if failures:
            print(f"{failures} page(s) could not be extracted", file=sys.stderr)
            self.exitcode = 1

    @staticmethod
    def _extract_line(manifest: Path, number: int, line: str, outlet) -> dict:
        try:
            entry = json.loads(line)
            url, path = entry["url"], Path(entry["path"])
            fetched_at = parse_fetch_time(entry.get("fetched_at"))
        except (ValueError, KeyError, TypeError) as exc:
            return {"line": number, "error": f"bad manifest line: {exc}", "reason": "bad_manifest_line"}
        if not path.is_absolute():
            path = manifest.parent / path
        try:
            item = extract_article(path.read_bytes(), url, outlet=outlet, status=None, fetched_at=fetched_at)
        except OSError as exc:
            return {"path": str(path), "url": url, "error": str(exc), "reason": "unreadable_file"}
        except ExtractionError as exc:
            return {"path": str(path), "url": url, "error": str(exc), "reason": exc.reason}
        record = dict(item)
        record["path"] = str(path)
        return record


def parse_fetch_time(value) -> datetime | None:
    """The manifest's fetch time as an aware datetime (a naive one is taken as UTC)."""
    if value in (None, ""):
        return None
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
