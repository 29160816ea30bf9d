"""The pipeline speed benchmark (bench/pipeline_speed.py) at a CI size: it runs end to end
and reports every figure. Timings are never asserted (a shared CI machine is noisy);
what is asserted is that each side really did its work on the same pages."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

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
    # Every side fetched (or read back) every article of the same mirror.
    for kind in ("bare", "full", "full_worker", "replay"):
        run = result[kind][0]
        assert run["articles"] == PAGES, (kind, run)
        assert run["pages_per_s"] > 0 and run["peak_rss_mb"] > 0
    assert result["full"][0]["extraction_ok"] == PAGES and result["full"][0]["items"] > 0
    assert result["replay"][0]["extraction_ok"] == PAGES  # answered from the WARC
    assert result["full_worker"][0]["extraction_ok"] == PAGES and result["full_worker"][0]["items"] > 0
    # The worker process counts in the crawl's footprint.
    assert result["full_worker"][0]["peak_tree_rss_mb"] > result["full_worker"][0]["peak_rss_mb"]
    assert result["big"]["articles"] == BIG and result["big"]["extraction_ok"] == BIG
    assert result["trafilatura"]["extracted"] == PAGES
    assert result["full"][0]["warc_bytes"] > 0 and summary["warc_bytes_per_s"] > 0
    assert result["claims"]["sentences"] > 0 and result["claims"]["claims"] > 0
    for key in ("bare_pages_per_s", "full_pages_per_s", "replay_pages_per_s", "trafilatura_pages_per_s",
                "full_over_bare", "full_over_trafilatura", "peak_rss_mb_full", "peak_rss_mb_full_big",
                "full_worker_pages_per_s", "full_worker_over_bare", "peak_tree_rss_mb_full_worker",
                "claims_sentences_per_s"):
        assert summary[key] > 0, key
    stages = result["stages_s"]
    assert set(STAGES) <= set(stages)
    for stage in ("extraction", "relevance", "dedup", "claims", "WARC", "Parquet"):
        assert stages[stage] > 0, stage  # the profile saw each stage do work
    # Nothing counted twice: were a stage counted twice, "Scrapy itself" (the rest) would be squeezed to 0.
    assert stages["Scrapy itself (download, scheduling, imports)"] > 0
    assert sum(v for k, v in stages.items() if k != "total") <= stages["total"] * 1.01
    assert "full / bare" in proc.stdout and "per-stage profile" in proc.stdout
