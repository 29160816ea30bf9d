"""Hebrew through the whole pipeline: two Hebrew outlets carry the near-duplicate pair of the
project's own articles (pages served on loopback), and the datasets, the DuckDB views and the
report show them like Arabic and English: language "he", Hebrew text intact, claims clustered
across the two outlets, table cells right-to-left (dir="auto")."""

from __future__ import annotations

import html
import json
import re

from crawler.datasets import analysis
from crawler.datasets.read import duckdb_connect
from tests.conftest import FIXTURES
from tests.support.crawl import run_scrapy
from tests.support.servers import LocalSite

PAIR = {"he05_haaretz_20251008": ("haaretz-hebrew", "2025-10-08T09:10:00+03:00"),
        "he06_israelhayom_20251008": ("israelhayom", "2025-10-08T11:40:00+03:00")}


def page(paragraphs: list[str], published: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": paragraphs[0],
          "datePublished": published, "inLanguage": "he"}
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    return (f'<!DOCTYPE html><html lang="he" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(paragraphs[0])}'
            f'</title><script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>'
            f"<body><article><h1>{html.escape(paragraphs[0])}</h1>{body}</article></body></html>")


def test_hebrew_articles_in_datasets_views_and_report(tmp_path):
    out = tmp_path / "out"
    with LocalSite() as site:
        for ident, (outlet, published) in PAIR.items():
            text = (FIXTURES / "hebrew" / "claims" / f"{ident}.txt").read_text(encoding="utf-8")
            url = site.add(f"he/{ident}.html", page([p for p in text.splitlines() if p.strip()], published))
            urls = tmp_path / f"{ident}.txt"
            urls.write_text(url + "\n", encoding="utf-8")
            run_scrapy(["crawl", "urls", "-a", f"urls={urls}", "-a", f"outlet={outlet}"],
                       settings={"OUTPUT_DIR": str(out)}, timeout=120)
    con = duckdb_connect(out)
    articles = con.execute("SELECT outlet, language, headline FROM articles ORDER BY outlet").fetchall()
    assert [(o, lang) for o, lang, _ in articles] == [("haaretz-hebrew", "he"), ("israelhayom", "he")]
    assert articles[1][2] == 'בכיר אמריקני: "קרובים יותר מאי פעם להסכם"'
    speakers = {row[0] for row in con.execute("SELECT speaker FROM claims").fetchall()}
    assert {"בכיר אמריקני", "גורם ישראלי", "מקורות מצריים"} <= speakers
    repeated = con.execute(f"SELECT first_outlet, outlets, content FROM ({analysis.FIRST_REPORTER_PER_CLAIM}) "
                           "WHERE outlets > 1").fetchall()
    assert repeated and all(first == "haaretz-hebrew" for first, _, _ in repeated)  # published first
    con.close()

    report = out / "report.html"
    run_scrapy(["report"], settings={"OUTPUT_DIR": str(out)})
    page_html = report.read_text(encoding="utf-8")
    # the repeated Hebrew claims are listed in cells the browser lays out right to left
    content = html.escape(repeated[0][2])
    assert re.search(rf'<td dir="auto">{re.escape(content)}</td>', page_html)
