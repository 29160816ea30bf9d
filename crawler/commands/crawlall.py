"""`scrapy crawlall`: run every outlet spider in one process, then report per outlet.

    scrapy crawlall                              # all registered outlets
    scrapy crawlall --outlets youm7,reuters      # some of them
    scrapy crawlall --language ar -a since=2025-10-01
    scrapy crawlall --endpoints mirrors.json     # {"youm7": {"feeds": ["http://mirror/feed.xml"]}}
    scrapy crawlall --summary output/last-run.json

Every `-a NAME=VALUE` goes to every outlet spider (see crawler/spiders/outlets.py).
An outlet that cannot be reached (DNS failure, refused connection, timeouts) is
reported as such as soon as its listings fail; the others go on. The command
exits 1 when any outlet read none of its listings or failed its monitors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError

from crawler.monitors import run_failed
from crawler.outlets import all_outlets
from crawler.progress import CommandProgress
from crawler.spiders.outlets import ENDPOINT_KINDS, OUTLET_SPIDERS

# Outlet states; only "ok" and "partial" count as success.
OK, PARTIAL, UNREACHABLE, FAILED, NOT_STARTED = "ok", "partial", "unreachable", "failed", "not_started"


def outlet_summary(stats: dict) -> dict:
    """One outlet's result, from its crawl stats."""
    failures = {k.removeprefix("discovery/failed/"): v for k, v in stats.items() if k.startswith("discovery/failed/")}
    listings_ok = stats.get("discovery/listings_ok", 0)
    unreachable = stats.get("discovery/unreachable", 0)
    failed = sum(failures.values())
    if listings_ok and not failed:
        status = OK
    elif listings_ok:
        status = PARTIAL
    elif unreachable and unreachable >= failed:
        status = UNREACHABLE
    else:
        status = FAILED
    return {
        "status": status,
        "listings_ok": listings_ok,
        "listings_failed": failed,
        "listing_failures": failures,
        "articles_requested": stats.get("discovery/articles_requested", 0),
        "articles_extracted": stats.get("extraction/ok", 0),
        "article_failures": {k: v for k, v in stats.items()
                             if k.startswith(("extraction/failed/", "fetch/failed/"))},
        "links_skipped": {k.removeprefix("discovery/links/"): v for k, v in stats.items()
                          if k.startswith("discovery/links/") and k != "discovery/links/found"},
        "finish_reason": stats.get("finish_reason", ""),
    }


def crawl_stats(crawler) -> dict:
    """The crawler's stats, or {} before its crawl has started (Scrapy raises then)."""
    try:
        return crawler.stats.get_stats() if crawler.stats else {}
    except RuntimeError:
        return {}


def outlet_progress(slug: str, stats: dict) -> dict:
    """What the terminal shows for one running outlet: listings read, articles done of those requested."""
    row = outlet_summary(stats)
    done = row["articles_extracted"] + sum(row["article_failures"].values())
    return {"description": f"{slug}: {row['listings_ok']} listing(s) read, articles",
            "completed": done, "total": max(row["articles_requested"], done) or None}


def show_progress(progress: CommandProgress, crawlers: dict) -> None:
    """Refresh one bar per outlet from its stats twice a second, while the reactor runs."""
    from twisted.internet import task  # the crawler process has installed its reactor by now

    bars = {slug: progress.task(slug) for slug in crawlers}

    def refresh():
        for slug, crawler in crawlers.items():
            progress.update(bars[slug], **outlet_progress(slug, crawl_stats(crawler)))

    task.LoopingCall(refresh).start(0.5)


def format_summary(summary: dict[str, dict]) -> str:
    lines = [f"{'outlet':<20} {'status':<12} {'listings ok/failed':>18} {'articles req/ok':>16}  detail"]
    for slug, row in summary.items():
        detail = ", ".join(f"{k}={v}" for k, v in sorted(row.get("listing_failures", {}).items()))
        if row.get("error"):
            detail = row["error"]
        lines.append(f"{slug:<20} {row['status']:<12} "
                     f"{row.get('listings_ok', 0):>9}/{row.get('listings_failed', 0):<8} "
                     f"{row.get('articles_requested', 0):>7}/{row.get('articles_extracted', 0):<8}  {detail}")
    bad = [slug for slug, row in summary.items() if row["status"] not in (OK, PARTIAL)]
    lines.append(f"{len(summary) - len(bad)} of {len(summary)} outlet(s) read their listings"
                 + (f"; failed: {', '.join(bad)}" if bad else ""))
    return "\n".join(lines)


def _on_error(running, record) -> None:
    """Call record(message) if a crawl fails: a Deferred (CrawlerProcess) or a Task (AsyncCrawlerProcess)."""
    if hasattr(running, "addErrback"):
        running.addErrback(lambda failure: record(failure.getErrorMessage()))
        return

    def done(task):
        if not task.cancelled() and task.exception() is not None:
            record(f"{type(task.exception()).__name__}: {task.exception()}")

    running.add_done_callback(done)


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[--outlets SLUG,...] [--language LANG] [--endpoints FILE] [--summary FILE] [-a NAME=VALUE ...]"

    def short_desc(self) -> str:
        return "Run all outlet spiders in one process and report per outlet (exit 1 if any failed)"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--outlets", help="comma-separated outlet slugs (default: all)")
        parser.add_argument("--language", help="only outlets publishing in this language (ar, en)")
        parser.add_argument("--endpoints", help="JSON file {slug: {kind: [URL, ...]}} replacing declared listings")
        parser.add_argument("--summary", help="also write the per-outlet summary as JSON here")

    def selected_outlets(self, opts) -> list[str]:
        slugs = list(all_outlets())
        if opts.outlets:
            wanted = [s.strip() for s in opts.outlets.split(",") if s.strip()]
            unknown = [s for s in wanted if s not in OUTLET_SPIDERS]
            if unknown:
                raise UsageError(f"unknown outlet(s): {', '.join(unknown)}; known: {', '.join(slugs)}")
            slugs = wanted
        if opts.language:
            slugs = [s for s in slugs if opts.language in all_outlets()[s].languages]
        if not slugs:
            raise UsageError("no outlet matches --outlets/--language")
        return slugs

    @staticmethod
    def read_endpoints(path: str | None) -> dict[str, dict[str, str]]:
        if not path:
            return {}
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read endpoints file {path}: {exc}") from None
        spider_args: dict[str, dict[str, str]] = {}
        for slug, kinds in data.items():
            if slug not in OUTLET_SPIDERS:
                raise UsageError(f"endpoints file names unknown outlet {slug!r}")
            bad = set(kinds) - set(ENDPOINT_KINDS)
            if bad:
                raise UsageError(f"endpoints file: unknown kind(s) {sorted(bad)} for {slug}")
            spider_args[slug] = {kind: ",".join(urls) for kind, urls in kinds.items()}
        return spider_args

    def run(self, args: list[str], opts) -> None:
        if args:
            raise UsageError("crawlall takes no positional arguments (use --outlets)")
        slugs = self.selected_outlets(opts)
        endpoints = self.read_endpoints(opts.endpoints)
        process = self.crawler_process
        crawlers = {}
        errors: dict[str, str] = {}
        for slug in slugs:
            crawler = process.create_crawler(OUTLET_SPIDERS[slug])
            crawlers[slug] = crawler
            running = process.crawl(crawler, **{**opts.spargs, **endpoints.get(slug, {})})
            # A spider that cannot even start (bad argument) must not stop the others.
            _on_error(running, lambda message, slug=slug: errors.setdefault(slug, message))
        with CommandProgress() as progress:  # bars on a terminal only: a scheduled run's log stays clean
            if progress.enabled:
                show_progress(progress, crawlers)
            process.start()

        summary: dict[str, dict] = {}
        for slug, crawler in crawlers.items():
            stats = crawl_stats(crawler)
            if slug in errors:
                summary[slug] = {"status": NOT_STARTED, "error": errors[slug]}
            else:
                summary[slug] = outlet_summary(stats)
                # A failed monitor (a field's coverage collapsed, errors piled up) is how a
                # layout change shows: it fails the run like an unreachable outlet. The item
                # floor counts pages known unchanged, so a quiet outlet does not fail it.
                summary[slug]["monitors_failed"] = run_failed(crawler)
        print(format_summary(summary))
        if opts.summary:
            Path(opts.summary).parent.mkdir(parents=True, exist_ok=True)
            Path(opts.summary).write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=str),
                                          encoding="utf-8")
        if any(row["status"] not in (OK, PARTIAL) or row.get("monitors_failed") for row in summary.values()):
            self.exitcode = 1
        sys.stdout.flush()
