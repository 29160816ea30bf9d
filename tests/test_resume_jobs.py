"""Resumable runs (crawler/resumable_jobs.py): a crawl of a loopback site stopped
mid-run with Ctrl-C (SIGINT) is resumed by running the same command again."""

from __future__ import annotations

import signal
import subprocess
import time

from tests.conftest import FIXTURES
from tests.support.crawl import crawl_stats, feed_items, run_scrapy, start_scrapy
from tests.support.servers import Route

PAGES = 10
SLOW = {"CONCURRENT_REQUESTS": "1"}  # one page at a time, so the stop lands mid-run


def serve_slow_articles(site):
    template = (FIXTURES / "site" / "talks-en.html").read_text(encoding="utf-8")
    urls = []
    for n in range(PAGES):
        body = (template.replace("hamas-delegation-cairo-truce-talks", f"truce-talks-{n}")
                .replace("Hamas delegation arrives in Cairo", f"Hamas delegation {n} arrives in Cairo")
                .replace("six-week truce", f"six-week truce (report {n})")).encode("utf-8")

        def answer(handler, body=body):
            time.sleep(0.15)
            return Route(body=body)
        urls.append(site.add(f"news/{n}.html", dynamic=answer))
    return urls


def slow_crawl(site, tmp_path):
    """The slow site's article URLs, and the output folder, arguments and settings of the crawl."""
    urls = serve_slow_articles(site)
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    return urls, out, ["crawl", "urls", "-a", f"urls={url_file}"], {"OUTPUT_DIR": out, **SLOW}


def start_crawl(args, settings):
    return start_scrapy(args, settings, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_articles(site, count, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(1 for _, path, _ in site.requests if path.startswith("/news/")) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the crawl did not reach {count} articles in {timeout}s")


def test_interrupted_crawl_resumes_and_keeps_every_article_once(local_site, tmp_path):
    urls, out, args, settings = slow_crawl(local_site, tmp_path)

    proc = start_crawl(args, settings)
    wait_for_articles(local_site, 4)
    proc.send_signal(signal.SIGINT)  # what Ctrl-C or `systemctl stop` (SIGTERM) does
    _, stderr = proc.communicate(timeout=60)

    jobdir = out / "jobs" / "urls"
    assert "'finish_reason': 'shutdown'" in crawl_stats(stderr)
    assert (jobdir / "PAUSED").read_text().strip() == "shutdown"
    assert (jobdir / "requests.queue").is_dir() and (jobdir / "requests.seen").is_file()
    stopped_with = len(feed_items(out))
    assert 0 < stopped_with < PAGES

    resumed = run_scrapy(args, settings=settings)
    stats = crawl_stats(resumed.stderr)
    assert "'jobs/resumed': True" in stats
    assert "'scheduler/dequeued/disk'" in stats  # the rest came from the saved queue
    assert "'finish_reason': 'finished'" in stats

    items = feed_items(out)
    assert sorted(i["url"] for i in items) == sorted(urls)  # every article, once
    fetched = [path for _, path, _ in local_site.requests if path.startswith("/news/")]
    assert len(fetched) == len(set(fetched)) == PAGES  # and no page fetched twice
    assert not jobdir.exists()  # a finished run leaves no job: the next run starts fresh


def test_a_crashed_jobdir_is_set_aside_and_nothing_is_lost(local_site, tmp_path):
    urls, out, args, settings = slow_crawl(local_site, tmp_path)

    proc = start_crawl(args, settings)
    wait_for_articles(local_site, 5)  # a few articles parsed and recorded as pending
    proc.send_signal(signal.SIGKILL)  # a crash: no clean close, buffers lost
    proc.communicate(timeout=30)
    assert (out / "jobs" / "urls").is_dir() and not (out / "jobs" / "urls" / "PAUSED").exists()

    mark = len(local_site.requests)
    rerun = run_scrapy(args, settings=settings)
    stats = crawl_stats(rerun.stderr)
    assert "'jobs/crashed_set_aside'" in stats
    assert [p.name for p in (out / "jobs").iterdir() if p.name.startswith("urls.crashed-")]
    # The crashed run's fetches were never confirmed (its outputs may not hold them), so
    # every article is fetched and parsed again: the fetch state loses none.
    assert "'incremental/unconfirmed_elsewhere'" in stats
    refetched = {path for _, path, _ in local_site.requests[mark:] if path.startswith("/news/")}
    assert len(refetched) == PAGES
    assert f"'extraction/ok': {PAGES}" in stats
