"""The pipeline speed benchmark (bench/pipeline_speed.py) at a CI size: it runs end to end
and reports every figure, for every contender (bare Scrapy, the obvious assembly, the
project with 0, 1 and cores - 1 worker processes, replay). Timings are never asserted
(a shared CI machine is noisy); what is asserted is that each side really did its
work on the same pages."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from warcio.archiveiterator import ArchiveIterator

from bench.perf.pages import MAX_PAGE_BYTES, MIN_PAGE_BYTES, MirrorBuilder
from bench.perf.stages import STAGES
from tests.support.crawl import PROJECT_ROOT

PAGES, BIG = 24, 48


def test_mirror_pages_look_like_news_pages(tmp_path):
    builder = MirrorBuilder(PAGES)
    builder.build(tmp_path)
    html = [gzip.decompress((tmp_path / f"{n}.html.gz").read_bytes()).decode() for n in range(PAGES)]
    sizes = [len(h.encode()) for h in html]
    assert min(sizes) >= MIN_PAGE_BYTES and max(sizes) <= MAX_PAGE_BYTES
    assert {'lang="ar"', 'lang="en"'} <= {h[h.find("lang="):h.find("lang=") + 9] for h in html}
    assert sum('application/ld+json' in h for h in html) >= PAGES // 2  # most, not all, carry JSON-LD
    assert all("<nav" in h and "<script>" in h and "<style>" in h for h in html)
    assert builder.article(3) == MirrorBuilder(PAGES).article(3)  # deterministic: runs compare


def test_benchmark_reports_every_figure(tmp_path):
    out = tmp_path / "result.json"
    proc = subprocess.run(
        [sys.executable, "bench/pipeline_speed.py", "--pages", str(PAGES), "--repeats", "1", "--big", str(BIG),
         "--mirror-dir", str(tmp_path / "mirror"), "--work-dir", str(tmp_path / "work"), "--json", str(out)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads(out.read_text())
    summary = result["summary"]
    counts = sorted({"0", "1", str(max(0, (os.cpu_count() or 1) - 1))})
    runs = {"bare": result["bare"][0], "obvious": result["obvious"][0], "full": result["full"][0],
            **{f"full with {n} workers": result["full_workers"][n][0] for n in counts},
            **{f"replay with {n} workers": result["replay"][n][0] for n in counts}}
    # Every contender fetched (or read back) every article of the same mirror.
    for kind, run in runs.items():
        assert run["articles"] == PAGES, (kind, run)
        assert run["pages_per_s"] > 0 and run["peak_rss_mb"] > 0, kind
        assert run["cpu_ms_per_article"] >= run["main_cpu_ms_per_article"] > 0, kind
    for kind, run in runs.items():
        if kind != "bare":  # each one extracted every article (the obvious assembly with trafilatura)
            assert run["extraction_ok"] == PAGES, (kind, run)
    for kind in ("full", *(f"full with {n} workers" for n in counts)):
        assert runs[kind]["items"] > 0, kind
    # The obvious assembly archived every page and wrote its one table.
    obvious_dir = Path(runs["obvious"]["log"]).parent
    assert len(pq.read_table(obvious_dir / "articles.parquet")) == PAGES
    with open(obvious_dir / "crawl.warc.gz", "rb") as stream:
        assert sum(r.rec_type == "response" for r in ArchiveIterator(stream)) == PAGES
    # The worker processes count in the crawl's footprint.
    assert runs["full with 1 workers"]["peak_tree_rss_mb"] > runs["full with 1 workers"]["peak_rss_mb"]
    assert result["big"]["articles"] == BIG and result["big"]["extraction_ok"] == BIG
    assert result["trafilatura"]["extracted"] == PAGES
    assert result["full"][0]["warc_bytes"] > 0 and summary["warc_bytes_per_s"] > 0
    assert result["claims"]["sentences"] > 0 and result["claims"]["claims"] > 0
    for key in ("bare_pages_per_s", "obvious_pages_per_s", "full_pages_per_s", "trafilatura_pages_per_s",
                "full_over_bare", "full_over_obvious", "full_over_trafilatura", "peak_rss_mb_full",
                "peak_rss_mb_full_big", "peak_tree_rss_mb_full", "claims_sentences_per_s"):
        assert summary[key] > 0, key
    for key in ("full_workers_pages_per_s", "replay_pages_per_s", "peak_tree_rss_mb_full_workers"):
        assert sorted(summary[key]) == counts and all(v > 0 for v in summary[key].values()), key
    stages = result["stages_s"]
    assert set(STAGES) <= set(stages)
    for stage in ("extraction", "relevance", "dedup", "claims", "WARC", "Parquet"):
        assert stages[stage] > 0, stage  # the profile saw each stage do work
    # Nothing counted twice: were a stage counted twice, "Scrapy itself" (the rest) would be squeezed to 0.
    assert stages["Scrapy itself (download, scheduling, imports)"] > 0
    assert sum(v for k, v in stages.items() if k != "total") <= stages["total"] * 1.01
    for label in ("bare Scrapy", "obvious assembly", "the project, defaults", "WORKER_PROCESSES=0",
                  "replay of the project's WARC", "x obvious", "per-stage profile"):
        assert label in proc.stdout, label
