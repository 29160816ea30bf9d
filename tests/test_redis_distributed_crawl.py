"""Two crawler processes, one frontier: the scrapy-redis profile (-s DISTRIBUTED=redis://...)
against a real redis-server and a loopback site. Each process has its own OUTPUT_DIR, as on
two machines; together they fetch every page once and archive every article once."""

from __future__ import annotations

import json
import random
import re
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.redis_server import RedisServer
from tests.support.servers import Route

WORDS = ("mediators delegation truce hostages prisoners Cairo Doha Gaza Rafah crossing aid convoy proposal "
         "guarantees phase withdrawal corridor ministers envoy statement briefing officials negotiators draft "
         "ceasefire exchange lists detainees families protest cabinet vote security council resolution "
         "humanitarian trucks fuel hospitals evacuation border monitors timetable clause amendment reply "
         "spokesman agency radio television newspaper sources diplomats intelligence chief meeting round "
         "talks stalled resumed optimism caution pressure deadline weekend morning evening sides gaps").split()
ARTICLES = 22
COPIES = {22: 0, 23: 1}  # article index -> the article whose text it republishes (syndication)


def article_html(i: int, text_of: int) -> str:
    rng = random.Random(text_of)  # distinct texts: word salads share no 4-word shingles
    paragraphs = [f"Egyptian mediators said talks on a Gaza ceasefire and hostage exchange continued in Cairo ({text_of})."]
    paragraphs += [" ".join(rng.choice(WORDS) for _ in range(40)) + "." for _ in range(5)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    headline = f"Cairo ceasefire talks: round {text_of} of hostage negotiations"
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                     "datePublished": f"2024-05-{1 + text_of:02d}T10:00:00+00:00",
                     "author": {"@type": "Person", "name": "Jane Doe"}, "inLanguage": "en"})
    return (f"<html lang='en'><head><title>{headline}</title><script type='application/ld+json'>{ld}</script>"
            f"</head><body><h1>{headline}</h1><article>{body}</article></body></html>")


def slow(body: str, seconds: float):
    # Pages take a moment, as real ones do: both processes get a share of the work.
    def respond(handler):
        time.sleep(seconds)
        return Route(body=body.encode())
    return Route(dynamic=respond)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


def article_path(i: int) -> str:
    return f"/news/world/cairo-ceasefire-talks-round-{'abcdefghijklmnopqrstuvwxyz'[i]}-1.73100{i:02d}"


def build_site(site, delay: float = 0.6) -> str:
    for i in range(ARTICLES + len(COPIES)):
        site.routes[article_path(i)] = slow(article_html(i, COPIES.get(i, i)), delay)
    links = "".join(f'<a href="{article_path(i)}">Cairo ceasefire talks round {i}</a>'
                    for i in range(ARTICLES + len(COPIES)))
    site.routes["/section.html"] = slow(f"<html><body>{links}<a href='/about'>About</a></body></html>", 2 * delay)
    return site.url("/section.html")


def warc_records(warc_dir: Path) -> list[tuple[str, str]]:
    """(record type, target URI) of every record in a process' WARC files."""
    records = []
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            records += [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(stream)]
    return records


def test_two_processes_share_one_frontier_fetch_once_and_archive_once(redis_server, local_site, tmp_path):
    section = build_site(local_site)
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    outputs = [tmp_path / "machine-a", tmp_path / "machine-b"]

    def crawl(output: Path):
        return run_scrapy(["crawl", "cbc", "-a", f"sections={section}", "-a", "prefilter=0"], timeout=150,
                          settings={"OUTPUT_DIR": str(output), "DISTRIBUTED": redis_server.url,
                                    "DISTRIBUTED_KEY_PREFIX": prefix, "DISTRIBUTED_HEARTBEAT_SECONDS": "0.5",
                                    # A process takes as many requests from the queue as it may download
                                    # at once: 2 each, so the other one finds some left (an idle worker
                                    # re-checks the queue every heartbeat while the other is busy).
                                    "CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
                                    # Only pages count here; requisites have their own tests.
                                    "ARCHIVE_PAGE_REQUISITES": "none"})

    with ThreadPoolExecutor(2) as pool:
        procs = list(pool.map(crawl, outputs))

    articles = {local_site.url(article_path(i)) for i in range(ARTICLES + len(COPIES))}
    # Every page fetched once by one of the two processes (robots.txt: once per process).
    fetched = Counter(path for method, path, _ in local_site.requests if path != "/robots.txt")
    assert fetched == Counter({"/section.html": 1, **{article_path(i): 1 for i in range(ARTICLES + len(COPIES))}})

    # Every article archived once across both processes' WARC files, and the work was shared.
    per_process = [warc_records(output / "warc") for output in outputs]
    responses = Counter(uri for records in per_process for kind, uri in records if kind == "response")
    metadata = Counter(uri for records in per_process for kind, uri in records if kind == "metadata")
    assert {uri: n for uri, n in responses.items() if uri in articles} == dict.fromkeys(articles, 1)
    assert metadata == Counter({f"urn:article:{url}": 1 for url in articles})  # the article JSON records
    shares = [sum(1 for kind, uri in records if kind == "response" and uri in articles) for records in per_process]
    assert all(share > 0 for share in shares), f"one process did all the work: {shares}\n" + "\n".join(
        p.stderr[-5000:] for p in procs)

    # One item per article; the dedup state is shared: each syndicated copy is found whichever process saw it.
    items = feed_items(outputs[0]) + feed_items(outputs[1])
    assert sorted(item["url"] for item in items) == sorted(articles)
    decisions = {item["url"]: item["dedup_decision"] for item in items}
    for copy, original in COPIES.items():
        pair = sorted([decisions[local_site.url(article_path(copy))], decisions[local_site.url(article_path(original))]])
        assert pair == ["exact_duplicate", "new"]
    assert Counter(decisions.values()) == {"new": ARTICLES, "exact_duplicate": len(COPIES)}

    stats = [crawl_stats(proc.stderr) for proc in procs]
    assert all("'distributed/worker_id'" in s for s in stats)
    assert sum(int(m) for s in stats for m in re.findall(r"'distributed/start_requests_shared': (\d+)", s)) == 2
    assert any("'distributed/frontier_cleared': True" in s for s in stats), "the last worker clears the frontier"
    # Left in Redis: the dedup state only (frontier and worker registry are gone after a finished run).
    keys = {k.decode() for k in redis_server.client.keys(f"{prefix}:*")}
    assert not [k for k in keys if k.endswith((":requests", ":dupefilter", ":workers"))], keys
    assert f"{prefix}:dedup:params" in keys


def test_a_run_stopped_early_keeps_the_frontier_and_the_next_run_resumes_it(redis_server, local_site, tmp_path):
    section = build_site(local_site, delay=0.05)
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    settings = {"OUTPUT_DIR": str(tmp_path / "out"), "DISTRIBUTED": redis_server.url,
                "DISTRIBUTED_KEY_PREFIX": prefix, "CONCURRENT_REQUESTS": "2",
                "ARCHIVE_PAGE_REQUISITES": "none"}  # only pages count here; requisites have their own tests
    args = ["crawl", "cbc", "-a", f"sections={section}", "-a", "prefilter=0"]
    # Stopped after a few pages (as by Ctrl-C or a deadline): not "finished", so the frontier stays.
    first = run_scrapy(args, settings={**settings, "CLOSESPIDER_PAGECOUNT": "5"})
    assert "'finish_reason': 'closespider_pagecount'" in crawl_stats(first.stderr)
    left = redis_server.client.zcard(f"{prefix}:cbc:requests")
    assert 0 < left < ARTICLES + len(COPIES)
    assert "frontier kept for the next run" in first.stderr

    # A worker killed earlier left its entry, "busy": silent for longer than the timeout, it is not waited for.
    redis_server.client.hset(f"{prefix}:cbc:workers", "lost-machine:99:abcdef",
                             json.dumps({"busy": True, "at": time.time() - 3600, "host": "lost-machine", "pid": 99}))
    second = run_scrapy(args, settings=settings)
    stats = crawl_stats(second.stderr)
    assert "'distributed/dead_workers_removed': 1" in stats and "'distributed/idle_waits'" not in stats
    assert "'distributed/frontier_cleared': True" in stats
    fetched = Counter(path for method, path, _ in local_site.requests if path != "/robots.txt")
    # The listing was not fetched again (its links are in the frontier); no article twice, none lost.
    assert fetched == Counter({"/section.html": 1, **{article_path(i): 1 for i in range(ARTICLES + len(COPIES))}})
    assert not redis_server.client.exists(f"{prefix}:cbc:requests", f"{prefix}:cbc:dupefilter")
