"""Realistic input for the dataset tests: the gold dev articles served as news pages on loopback.

The pages are generated at test time from ``../shared/gold/dev`` (never copied
into the project). ``GoldClaimsStandIn`` plays the claims stage (issue 7) in
crawl tests: it replaces the item's claims by the gold claims (with cluster ids
that span outlets), so the datasets are tested on known claims whatever the
extractor finds.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import socket

import pytest
from itemadapter import ItemAdapter

from tests.conftest import shared_path
from tests.support.crawl import feed_items, run_scrapy
from tests.support.servers import LocalSite


def gold_articles() -> list[dict]:
    """Each dev article: its id, gold json, paragraphs (0 = headline) and a publication time."""
    out = []
    for i, path in enumerate(sorted(shared_path("gold", "dev").glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / (path.stem + ".txt")).read_text(encoding="utf-8")
        paragraphs = [line for line in text.splitlines() if line.strip()]
        # Distinct times on the gold day, so "who reported first" has an answer.
        published = f"{gold['published'][:10]}T{8 + i % 12:02d}:{(7 * i) % 60:02d}:00+03:00"
        out.append({"id": path.stem, "gold": gold, "paragraphs": paragraphs, "published": published})
    return out


def article_page(article: dict) -> str:
    gold, paras = article["gold"], article["paragraphs"]
    lang = gold["language"]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": paras[0],
          "datePublished": article["published"], "inLanguage": lang,
          "author": {"@type": "Person", "name": "Staff " + gold["outlet"]}}
    return (f'<!DOCTYPE html><html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><head>'
            f'<meta charset="utf-8"><title>{html.escape(paras[0])}</title>'
            f'<meta property="article:published_time" content="{article["published"]}">'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
            f'</head><body><article><h1>{html.escape(paras[0])}</h1>{body}</article></body></html>')


def serve_gold(site, articles: list[dict]) -> dict[str, dict]:
    """Add each article to the LocalSite; returns {url: article}."""
    return {site.add(f"dev/{a['id']}.html", article_page(a)): a for a in articles}


def _cluster(actor: str | None, content: str) -> str:
    tokens = re.findall(r"\w+", content.casefold())[:6]
    return hashlib.sha1(f"{actor}|{' '.join(tokens)}".encode("utf-8")).hexdigest()[:16]


class GoldClaimsStandIn:
    """Item pipeline after the claims stage: the gold claims for /dev/<id>.html pages."""

    def __init__(self):
        self.claims = {}
        for path in shared_path("gold", "dev").glob("*.json"):
            self.claims[path.stem] = json.loads(path.read_text(encoding="utf-8"))["claims"]

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        match = re.search(r"/dev/([^/]+)\.html$", adapter.get("url") or "")
        if not match or match.group(1) not in self.claims:
            return item
        body = adapter.get("body") or ""
        claims = []
        for n, gold in enumerate(self.claims[match.group(1)]):
            start = body.find(gold["content"])
            claims.append({**gold, "sentence_index": 0, "char_start": start if start >= 0 else n,
                           "char_end": start + len(gold["content"]) if start >= 0 else n + 1,
                           "polarity": "denial" if (gold.get("note") or "").startswith("denial") else "assertion",
                           "hedged": False, "rule": "gold-standin", "confidence": 1.0,
                           "cluster_id": _cluster(gold.get("actor"), gold["content"])})
        adapter["claims"] = claims
        return item


def _project_pipelines() -> dict:
    from crawler import settings as project_settings

    return {**project_settings.ITEM_PIPELINES, "tests.support.datasets_site.GoldClaimsStandIn": 450}


_CRAWLED: list = []


def DEAD_URL() -> str:
    """A loopback URL nobody listens on: the fetch fails (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone.html"


@pytest.fixture(scope="session")
def crawled(tmp_path_factory):
    # Imported by several test modules: each import is its own fixture, so memoize to crawl once.
    if not _CRAWLED:
        _CRAWLED.append(_crawl_twice(tmp_path_factory))
    return _CRAWLED[0]


def _crawl_twice(tmp_path_factory):
    """Two real crawls of the gold pages on loopback into one OUTPUT_DIR (run once per session).

    Run 1 (outlet youm7) fetches 6 pages and one dead URL (a failed capture); run 2 (outlet cairo24) re-fetches them
    with dedup told to keep re-fetches (and the incremental layer forced to fetch), so the datasets' own key check is what
    keeps rows unique, and adds the 6 others. dev05/dev06 (syndicated copy) and
    dev08/dev09 (update) fall on different outlets, so claim clusters span outlets.
    Yields (output_dir, feed items of both runs, items per run, {url: article}).
    """
    out = tmp_path_factory.mktemp("datasets-crawl")
    articles = gold_articles()
    first = [a for i, a in enumerate(articles) if i in (0, 1, 2, 3, 4, 7)]
    second = [a for a in articles if a not in first]
    with LocalSite() as site:
        urls = serve_gold(site, articles)
        by_id = {a["id"]: u for u, a in urls.items()}
        runs = []
        for n, (outlet, batch) in enumerate((("youm7", first), ("cairo24", first + second))):
            url_file = out / f"urls{n}.txt"
            lines = [by_id[a["id"]] for a in batch] + ([DEAD_URL()] if n == 0 else [])
            url_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
            # check=False: the dead URL's robots.txt failure logs an ERROR, so the run's
            # monitors (crawler/monitors) rightly exit non-zero; the run itself must finish.
            proc = run_scrapy(["crawl", "urls", "-a", f"urls={url_file}", "-a", f"outlet={outlet}"], check=False,
                       settings={"OUTPUT_DIR": str(out), "ITEM_PIPELINES": json.dumps(_project_pipelines()),
                                 "DEDUP_REFETCHES": "keep", "INCREMENTAL_FORCE": "True",
                                 "DATASETS_BATCH_ROWS": "4"})
            assert "Spider closed (finished)" in proc.stderr, proc.stderr[-5000:]
            runs.append(len(feed_items(out)))
    return out, feed_items(out), runs, urls
