"""Progress: bars on a terminal (a real pseudo-terminal), nothing when stderr goes to a log."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess

from rich.console import Console

from crawler.commands.crawlall import outlet_progress
from crawler.progress import CommandProgress
from tests.conftest import shared_path
from tests.support.crawl import PROJECT_ROOT, run_scrapy, scrapy_command, scrapy_env
from tests.support.replay_warc import ArchiveBuilder
from tests.test_datasets_compact import scheduled_runs


def test_bars_are_drawn_on_a_terminal_and_nothing_otherwise():
    for terminal in (True, False):
        out = io.StringIO()
        with CommandProgress(Console(file=out, force_terminal=terminal, width=100)) as progress:
            assert progress.enabled is terminal
            assert list(progress.track(["a", "b", "c"], "checking WARCs")) == ["a", "b", "c"]
        if terminal:
            assert "checking WARCs" in out.getvalue() and "3/3" in out.getvalue()
        else:
            assert out.getvalue() == ""


def run_on_terminal(args: list[str], settings: dict) -> tuple[int, str, str]:
    """Run a scrapy command with stderr on a pseudo-terminal: (exit code, stdout, what the terminal showed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(scrapy_command(args, settings), cwd=PROJECT_ROOT, env=scrapy_env(),
                            stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the command exited and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    stdout = proc.stdout.read()
    code = proc.wait(timeout=60)
    os.close(leader)
    return code, stdout, shown.decode("utf-8", "replace")


def test_compact_shows_progress_on_a_terminal_and_stays_quiet_in_a_log(tmp_path):
    scheduled_runs(tmp_path / "one" / "parquet")
    scheduled_runs(tmp_path / "two" / "parquet")
    code, stdout, shown = run_on_terminal(["compact", "articles"], {"OUTPUT_DIR": str(tmp_path / "one")})
    assert code == 0 and "compacting articles" in shown and "2/2" in shown, shown[-3000:]
    assert "files" in stdout and "compacting" not in stdout  # the result stays on stdout, clean
    logged = run_scrapy(["compact", "articles"], settings={"OUTPUT_DIR": str(tmp_path / "two")})
    assert logged.stderr == "" and "compacting" not in logged.stdout


def test_warc_check_and_index_show_progress_per_file_on_a_terminal(tmp_path):
    for n in range(3):
        with ArchiveBuilder(tmp_path / f"a{n}.warc.gz") as warc:
            warc.page(f"https://example.org/{n}", "<html><body><p>talks</p></body></html>")
    code, _, shown = run_on_terminal(["warc_index", str(tmp_path)], {})
    assert code == 0 and "indexing WARCs" in shown and "3/3" in shown, shown
    logged = run_scrapy(["warc_index", "--force", str(tmp_path)])
    assert "indexing WARCs" not in logged.stderr
    _, _, shown = run_on_terminal(["warc_check", str(tmp_path)], {})
    assert "checking WARCs" in shown and "3/3" in shown, shown


def test_crawlall_shows_a_bar_per_outlet_on_a_terminal(local_site, tmp_path):
    article = "/news/world/gaza-israel-ceasefire-negotiations-sinwar-1.7287711"
    local_site.add_file(article, shared_path("corpus", "raw", "cbc", "gaza-after-sinwar-2024-08-08.html"))
    local_site.add("/feed.xml", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
      <item><title>Gaza ceasefire talks</title><link>{local_site.url(article)}</link></item></channel></rss>""")
    endpoints = tmp_path / "endpoints.json"
    endpoints.write_text(json.dumps({"cbc": {"feeds": [local_site.url("/feed.xml")]}}))
    code, stdout, shown = run_on_terminal(
        ["crawlall", "--outlets", "cbc", "--endpoints", str(endpoints), "-a", "prefilter=0"],
        {"OUTPUT_DIR": str(tmp_path / "out"), "LOG_ENABLED": "False"})
    assert code == 0, stdout + shown[-3000:]
    assert "cbc: 1 listing(s) read, articles" in shown and "1/1" in shown, shown[-3000:]
    assert "cbc: 1 listing" not in stdout  # the summary table is stdout's, the bars the terminal's


def test_crawlall_bar_counts_listings_and_articles_done_of_requested():
    stats = {"discovery/listings_ok": 2, "discovery/articles_requested": 10, "extraction/ok": 6,
             "extraction/failed/no_text": 1, "fetch/failed/TimeoutError": 1}
    assert outlet_progress("youm7", stats) == {"description": "youm7: 2 listing(s) read, articles",
                                               "completed": 8, "total": 10}
    assert outlet_progress("bbc", {})["total"] is None  # nothing requested yet: an open-ended bar
