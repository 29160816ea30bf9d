"""The small crawl docs/analysis.ipynb runs on: gold dev articles served on loopback, three runs.

1. outlet youm7: four stories, one of them (the Ahram Online story of 27 Feb 2025) in its
   first version;
2. outlet youm7 again: the same URL now serves the updated version of that story
   (gold dev09 is the update of dev08), so the articles dataset holds version 2;
3. outlet cairo24: three more stories, among them a syndicated copy of a youm7 story
   (dev05 / dev06), so claims are carried by two outlets, one first.

Every stage is the project's own (extraction, relevance, dedup, claims, WARC, Parquet).
"""

from __future__ import annotations

from pathlib import Path

from tests.support.crawl import run_scrapy
from tests.support.datasets_site import article_page, gold_articles
from tests.support.servers import LocalSite

FIRST_RUN = ("dev01", "dev03", "dev05", "dev08")
THIRD_RUN = ("dev02", "dev06", "dev10")
UPDATED = ("dev08", "dev09")  # first version, updated version (same URL)


def crawl_for_analysis(out: Path) -> Path:
    articles = {a["id"].split("_")[0]: a for a in gold_articles()}
    first, updated = articles[UPDATED[0]], dict(articles[UPDATED[1]])
    updated["published"] = first["published"]  # an update keeps its publication time
    with LocalSite() as site:
        url = {key: site.add(f"news/{key}.html", article_page(articles[key])) for key in FIRST_RUN + THIRD_RUN}
        runs = [("youm7", [url[k] for k in FIRST_RUN]), ("youm7", [url[UPDATED[0]]]),
                ("cairo24", [url[k] for k in THIRD_RUN])]
        for n, (outlet, urls) in enumerate(runs):
            if n == 1:
                site.add(f"news/{UPDATED[0]}.html", article_page(updated))
            url_file = out / f"urls{n}.txt"
            url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
            proc = run_scrapy(["crawl", "urls", "-a", f"urls={url_file}", "-a", f"outlet={outlet}"],
                              settings={"OUTPUT_DIR": str(out), "INCREMENTAL_FORCE": "True"}, check=False)
            assert "Spider closed (finished)" in proc.stderr, proc.stderr[-5000:]
    return out
