"""Full disk (issue 10): OUTPUT_DIR on a small tmpfs (we are root in CI: `make test`).

The crawl stops with reason ``disk_full`` and an ERROR that names the folder
(crawler/disk_guard.py), and nothing written before is damaged: WARCs pass
`warcio check` (up to their last complete record), every visible Parquet file
reads whole, the dedup state opens. Two cases: the guard's margin
(DISK_MIN_FREE_BYTES) stops the crawl before the disk is full, and with no
margin the disk really fills (writes fail with ENOSPC) before it stops.
"""

from __future__ import annotations

import random
import subprocess

import pytest

from tests.support.crawl import crawl_stats, run_scrapy
from tests.support.kill_trials import dedup_state_opens, visible_parquet_readable, warc_damage
from tests.support.servers import LocalSite

PAGES = 60


def tmpfs(path, size: str):
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"the full-disk tests need root to mount a small tmpfs: {proc.stderr}"


def page(rng: random.Random, n: int) -> bytes:
    # Random words compress poorly, so the small disk fills after a few dozen pages.
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
             for _ in range(6000)]
    paras = "".join(f"<p>Cairo talks {n}: {' '.join(words[i:i + 60])}.</p>" for i in range(0, len(words), 60))
    return f"<html lang='en'><head><title>Cairo talks page {n}</title></head><body><h1>Cairo talks page {n}</h1>" \
           f"<article>{paras}</article></body></html>".encode()


@pytest.fixture(scope="module")
def site():
    rng = random.Random(10)
    with LocalSite() as served:
        urls = [served.add(f"/talks/{n}", page(rng, n)) for n in range(PAGES)]
        yield served, urls


def crawl_on_small_disk(tmp_path, site, size: str, min_free: int):
    served, urls = site
    mount = tmp_path / "disk"
    tmpfs(mount, size)
    try:
        url_file = tmp_path / "urls.txt"
        url_file.write_text("\n".join(urls) + "\n")
        proc = run_scrapy(["crawl", "urls", "-a", f"urls={url_file}"], check=False, timeout=120,
                          settings={"OUTPUT_DIR": mount / "out", "DISK_MIN_FREE_BYTES": str(min_free),
                                    "DISK_CHECK_SECONDS": "0", "DATASETS_BATCH_ROWS": "10",
                                    "CONCURRENT_REQUESTS": "2", "ROBOTSTXT_OBEY": "False"})
        (tmp_path / "crawl.log").write_text(proc.stderr)
        out = mount / "out"
        warcs = [w for w in sorted((out / "warc").glob("*.warc.gz*")) if not w.name.endswith(".cdxj")]
        result = {
            "proc": proc, "stats": crawl_stats(proc.stderr),
            "warc_failures": warc_damage(warcs, tmp_path / "scratch"), "warcs": warcs,
            "parquet_problems": visible_parquet_readable(out / "parquet"),
            "dedup": dedup_state_opens(out / "state"),
        }
        from crawler.datasets.read import open_dataset

        result["articles"] = open_dataset(out, "articles").to_table(columns=["url"]).num_rows
        return result
    finally:
        if subprocess.run(["umount", str(mount)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], check=False)  # never leave a mount behind


def test_crawl_stops_before_the_disk_is_full_and_closes_its_outputs(tmp_path, site):
    result = crawl_on_small_disk(tmp_path, site, "8m", 4 * 1024 * 1024)
    stats, proc = result["stats"], result["proc"]
    assert "'finish_reason': 'disk_full'" in stats, proc.stderr[-3000:]
    assert "Output disk full" in proc.stderr and "DISK_MIN_FREE_BYTES" in proc.stderr
    assert "'response_received_count': 60" not in stats  # it stopped early
    assert result["warc_failures"] == [] and result["warcs"]
    assert all(w.name.endswith(".warc.gz") for w in result["warcs"]), (result["warcs"], proc.stderr[-6000:])
    assert result["parquet_problems"] == []
    assert result["dedup"] == "ok"
    assert result["articles"] > 0  # what was crawled before the stop was flushed


def test_a_really_full_disk_stops_the_crawl_and_damages_nothing(tmp_path, site):
    result = crawl_on_small_disk(tmp_path, site, "1m", 0)
    stats, proc = result["stats"], result["proc"]
    assert "'finish_reason': 'disk_full'" in stats, proc.stderr[-3000:]
    assert "Output disk full" in proc.stderr
    assert "'response_received_count': 60" not in stats
    assert result["warc_failures"] == []
    assert result["parquet_problems"] == []
    assert result["dedup"] == "ok"
