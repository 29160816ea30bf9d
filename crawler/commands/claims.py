"""`scrapy claims <articles.jsonl>`: extract attributed claims from texts, without crawling.

Each input line is {"id", "language", "published", "text"} (optionally "outlet", a slug of
crawler/outlets, which lets claims in other languages that cite it join its clusters): paragraphs separated by
newlines, the first line the headline. Every text is processed (no relevance gate).
One JSON object is printed per claim: {"id", "paragraph", ...claim fields}; paragraph
counts the non-empty lines from 0 and char offsets are in the given text. Claims of
the same statement in several texts share a cluster_id. A bad line prints
{"line", "error", "reason"} and the command exits 1 at the end, after the other lines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.claims import claims_for_text
from crawler.claims.clusters import ClaimClusters


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "<articles.jsonl> [-o claims.jsonl] [--clusters STORE.jsonl]"

    def short_desc(self) -> str:
        return "Extract attributed claims (who said what, through whom) from texts in a JSON-lines file"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--output", "-o", dest="output", help="write JSON lines here instead of stdout")
        parser.add_argument("--clusters", dest="clusters",
                            help="claim cluster store to join and extend (e.g. output/state/claim_clusters.jsonl); "
                                 "default: clusters within this run only")

    def run(self, args: list[str], opts) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one articles file")
        source = Path(args[0])
        if not source.is_file():
            raise UsageError(f"articles file not found: {source}")
        clusters = ClaimClusters(self.settings.getfloat("CLAIM_CLUSTER_THRESHOLD", 0.5), opts.clusters)
        out = open(opts.output, "w", encoding="utf-8") if opts.output else sys.stdout
        failures = 0
        try:
            with source.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    if not line.strip():
                        continue
                    try:
                        article = json.loads(line)
                        text = article["text"]
                        if not isinstance(text, str):
                            raise TypeError("text must be a string")
                    except (ValueError, KeyError, TypeError) as exc:
                        failures += 1
                        out.write(json.dumps({"line": number, "error": f"bad input line: {exc}",
                                              "reason": "bad_input_line"}) + "\n")
                        continue
                    article_id = article.get("id")
                    try:
                        claims = claims_for_text(text, article.get("language"), article.get("published"),
                                                 str(article_id) if article_id is not None else None)
                    except Exception as exc:  # one text the patterns cannot handle must not stop the run
                        failures += 1
                        out.write(json.dumps({"line": number, "id": article_id, "error": repr(exc),
                                              "reason": "extraction_failed"}, ensure_ascii=False) + "\n")
                        continue
                    for claim in claims:
                        clusters.assign(claim, article.get("language"), article.get("published"), article.get("outlet"))
                        out.write(json.dumps({"id": article_id, **claim}, ensure_ascii=False) + "\n")
        finally:
            clusters.close()
            if out is not sys.stdout:
                out.close()
        if failures:
            print(f"{failures} line(s) could not be read", file=sys.stderr)
            self.exitcode = 1
