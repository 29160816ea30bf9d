"""The `urls` spider end to end: real crawls of a loopback site, as a user runs them."""

from __future__ import annotations

import json
import threading

from tests.conftest import FIXTURES, shared_path
from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.servers import Route

SITE = FIXTURES / "site"


def _write_urls(tmp_path, urls):
    path = tmp_path / "urls.txt"
    path.write_text("# hand-picked articles\n\n" + "\n".join(urls) + "\n", encoding="utf-8")
    return path


def test_crawls_each_url_once_and_extracts_articles(local_site, tmp_path):
    en = local_site.add_file("world/talks-en.html", SITE / "talks-en.html")
    # Served without a charset in Content-Type: the page's own <meta> must be honoured.
    ar = local_site.add_file("ar/talks-ar.html", SITE / "talks-ar.html", headers=[("Content-Type", "text/html")])
    real = local_site.add_file("real/cbc.html", shared_path("corpus/raw/cbc/gaza-after-sinwar-2024-08-08.html"))
    urls = _write_urls(tmp_path, [en, ar, real, en])  # a repeated line is fetched once

    out = tmp_path / "out"
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={"OUTPUT_DIR": out})

    items = {i["url"]: i for i in feed_items(out)}
    assert set(items) == {en, ar, real}
    # (on-topic articles also get their page requisites: stylesheets, icons, photos)
    article_gets = [p for m, p, _ in local_site.requests if m == "GET" and p.endswith(".html")]
    assert sorted(article_gets) == ["/ar/talks-ar.html", "/real/cbc.html", "/world/talks-en.html"]

    english = items[en]
    assert english["headline"] == "Hamas delegation arrives in Cairo for truce talks"
    assert english["authors"] == ["Nadia Farouk", "Tom Hale"]
    assert english["published"] == "2024-03-03T09:15:00+02:00"
    assert english["canonical_url"] == local_site.url("world/hamas-delegation-cairo-truce-talks")
    assert english["language"] == "en" and english["outlet"] == "generic" and english["status"] == 200
    assert any("six-week truce" in p for p in english["paragraphs"])
    assert not any(p.startswith("Read more") for p in english["paragraphs"])
    assert english["body"] == "\n".join(english["paragraphs"])
    assert english["word_count"] == len(english["body"].split())
    assert english["provenance"]["published"].startswith(("jsonld", "meta"))

    arabic = items[ar]
    assert arabic["headline"] == "وفد حماس يصل القاهرة لبحث الهدنة"
    assert arabic["language"] == "ar"
    assert arabic["authors"] == ["أحمد سامي"]
    assert arabic["published"].startswith("2024-03-03")
    assert not any("اقرأ أيضا" in p for p in arabic["paragraphs"])

    cbc = items[real]
    assert "Sinwar" in cbc["headline"] and cbc["published"].startswith("2024-08-08")

    stats = crawl_stats(proc.stderr)
    assert "'extraction/ok': 3" in stats
    assert "'articles/count': 3" in stats


def test_bad_pages_are_counted_and_the_crawl_goes_on(local_site, tmp_path):
    good = local_site.add_file("good.html", SITE / "talks-en.html")
    binary = local_site.add("binary.html", bytes(range(256)) * 64)
    empty = local_site.add("empty.html", b"")
    missing = local_site.url("missing.html")
    urls = _write_urls(tmp_path, [binary, empty, missing, good])

    out = tmp_path / "out"
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"],
                      settings={"OUTPUT_DIR": out, "SPIDERMON_ENABLED": "True"}, check=False)

    assert [i["url"] for i in feed_items(out)] == [good]
    # Three of four pages failed: the run is finished, but its monitors say it is unhealthy.
    assert proc.returncode == 1 and "Monitor failed" in proc.stderr
    stats = crawl_stats(proc.stderr)
    assert "'finish_reason': 'finished'" in stats
    assert "'extraction/failed/binary_body': 1" in stats
    assert "'extraction/failed/empty_body': 1" in stats
    assert "'fetch/failed/http_404': 1" in stats


def test_obeys_robots_txt_and_identifies_itself(local_site, tmp_path):
    local_site.add("robots.txt", "User-agent: *\nDisallow: /private/\n", headers=[("Content-Type", "text/plain")])
    allowed = local_site.add_file("public/a.html", SITE / "talks-en.html")
    blocked = local_site.add_file("private/b.html", SITE / "talks-en.html")
    urls = _write_urls(tmp_path, [allowed, blocked])

    out = tmp_path / "out"
    proc = run_scrapy(
        ["crawl", "urls", "-a", f"urls={urls}"],
        settings={"OUTPUT_DIR": out, "CRAWL_CONTACT": "archive-team@example.org"},
    )

    assert [i["url"] for i in feed_items(out)] == [allowed]
    paths = [p for _, p, _ in local_site.requests]
    assert "/private/b.html" not in paths
    assert "'robotstxt/forbidden': 1" in crawl_stats(proc.stderr)
    agents = {h.get("User-Agent") for _, _, h in local_site.requests}
    assert agents and all("CairoTalksArchive/" in a and "archive-team@example.org" in a for a in agents)


def test_retries_follow_retry_after(local_site, tmp_path):
    calls = {"n": 0}
    lock = threading.Lock()
    page = (SITE / "talks-en.html").read_bytes()

    def flaky(handler):
        with lock:
            calls["n"] += 1
            first = calls["n"] == 1
        if first:
            return Route(body=b"busy", status=503, headers=[("Retry-After", "1"), ("Content-Type", "text/plain")])
        return Route(body=page)

    url = local_site.add("flaky.html", dynamic=flaky)
    urls = _write_urls(tmp_path, [url])
    out = tmp_path / "out"
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={"OUTPUT_DIR": out})

    assert [i["url"] for i in feed_items(out)] == [url]
    assert calls["n"] == 2
    stats = crawl_stats(proc.stderr)
    assert "'retry/count': 1" in stats
    # The server asked for 1 s, more than the test's 0.05 s backoff base: Retry-After won.
    assert "'retry/backoff_seconds': 1.0" in stats


def test_output_dir_setting_moves_everything(local_site, tmp_path):
    url = local_site.add_file("a.html", SITE / "talks-en.html")
    urls = _write_urls(tmp_path, [url])
    elsewhere = tmp_path / "some" / "where"
    run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={"OUTPUT_DIR": elsewhere})
    feeds = list((elsewhere / "items").glob("urls-*.jsonl"))
    assert len(feeds) == 1
    assert json.loads(feeds[0].read_text(encoding="utf-8").splitlines()[0])["url"] == url


def test_missing_url_list_is_a_clear_error(tmp_path):
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={tmp_path / 'nope.txt'}"],
                      settings={"OUTPUT_DIR": tmp_path / "out"}, check=False)
    assert proc.returncode != 0
    assert "URL list not found" in proc.stderr


def test_download_size_limit_refuses_huge_pages(local_site, tmp_path):
    big = local_site.add("big.html", b"<html><body>" + b"<p>x</p>" * 20000 + b"</body></html>")
    small = local_site.add_file("small.html", SITE / "talks-en.html")
    urls = _write_urls(tmp_path, [big, small])
    out = tmp_path / "out"
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"],
                      settings={"OUTPUT_DIR": out, "DOWNLOAD_MAXSIZE": 50_000})
    assert [i["url"] for i in feed_items(out)] == [small]
    stats = crawl_stats(proc.stderr)
    assert "fetch/failed/" in stats and "'extraction/ok': 1" in stats


def test_project_settings_are_polite():
    from scrapy.utils.project import get_project_settings

    s = get_project_settings()
    assert s.getbool("ROBOTSTXT_OBEY") and s.getbool("AUTOTHROTTLE_ENABLED")
    assert 1 <= s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert s.getint("DOWNLOAD_MAXSIZE") <= 64 * 1024 * 1024
    assert s.getdict("DOWNLOADER_MIDDLEWARES")["crawler.middlewares.BackoffRetryMiddleware"]
    assert s.getdict("DOWNLOADER_MIDDLEWARES")["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
