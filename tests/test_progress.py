"""Progress: bars on a terminal (a real pseudo-terminal), nothing when stderr goes to a log."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess

from rich.console import Console

from crawler.commands.crawlall import outlet_progress
from crawler.progress import CommandProgress
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
    assert code == 0 and "compacting articles" in shown and "2/2" in shown, shown
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


def test_crawlall_bar_counts_listings_and_articles_done_of_requested():
    stats = {"discovery/listings_ok": 2, "discovery/articles_requested": 10, "extraction/ok": 6,
             "extraction/failed/no_text": 1, "fetch/failed/TimeoutError": 1}
    assert outlet_progress("youm7", stats) == {"description": "youm7: 2 listing(s) read, articles",
                                               "completed": 8, "total": 10}
    assert outlet_progress("bbc", {})["total"] is None  # nothing requested yet: an open-ended bar
