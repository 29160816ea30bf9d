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
from warcio.archiveiterator import ArchiveIterator

from crawler.datasets.read import open_dataset

from tests.support.crawl import crawl_stats, run_scrapy
from tests.support.kill_trials import dedup_state_opens, visible_parquet_readable, warc_damage, warc_paths
from tests.support.servers import LocalSite
from tests.support.warc_records import read_warc

PAGES = 60


def tmpfs(path, size: str):
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"the full-disk tests need root to mount a small tmpfs: {proc.stderr}"


def paragraphs(rng: random.Random, n: int) -> list[str]:
    # Random words compress poorly, so the small disk fills after a few dozen pages.
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
             for _ in range(6000)]
    return [f"Cairo talks {n}: {' '.join(words[i:i + 60])}." for i in range(0, len(words), 60)]


def page(n: int, paras: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"<html lang='en'><head><title>Cairo talks page {n}</title></head><body><h1>Cairo talks page {n}</h1>" \
           f"<article>{body}</article></body></html>".encode()


@pytest.fixture(scope="module")
def site():
    """(server, urls, url -> (page bytes, paragraphs))"""
    rng = random.Random(10)
    with LocalSite() as served:
        pages = {}
        for n in range(PAGES):
            paras = paragraphs(rng, n)
            pages[served.add(f"/talks/{n}", page(n, paras))] = (page(n, paras), paras)
        yield served, list(pages), pages


def crawl_on_small_disk(tmp_path, site, size: str, min_free: int):
    served, urls, _ = site
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
        warcs = warc_paths(out / "warc")
        result = {
            "proc": proc, "stats": crawl_stats(proc.stderr),
            "warc_failures": warc_damage(warcs, tmp_path / "scratch"), "warcs": warcs,
            "parquet_problems": visible_parquet_readable(out / "parquet"),
            "dedup": dedup_state_opens(out / "state"),
        }
        result["responses"] = [r for path in warcs for r in read_warc(path) if r.type == "response"]
        result["articles"] = open_dataset(out, "articles").to_table(
            columns=["url", "headline", "body", "warc_filename", "warc_offset"]).to_pylist()
        for row in result["articles"]:  # the record each row points to, read before the disk goes
            with open(out / "warc" / row["warc_filename"], "rb") as stream:
                stream.seek(row["warc_offset"])
                record = next(iter(ArchiveIterator(stream)))
                row["archived"] = (record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read())
        return result
    finally:
        if subprocess.run(["umount", str(mount)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], check=False)  # never leave a mount behind


def assert_what_was_written_is_whole(result, pages):
    """Some pages were archived before the stop, each with the very bytes served; every
    article row is a whole article whose WARC record reads back at its offset."""
    responses = result["responses"]
    assert responses, "nothing was archived before the disk filled"
    for record in responses:
        url = record.headers["WARC-Target-URI"]
        assert record.payload == pages[url][0], f"{url}: archived body differs from the page served"
    for row in result["articles"]:
        n = row["url"].rsplit("/", 1)[1]
        assert row["headline"] == f"Cairo talks page {n}" and row["body"].split("\n") == pages[row["url"]][1], row["url"]
        assert row["archived"] == (row["url"], pages[row["url"]][0]), f"{row['url']}: WARC record at its offset"


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
    assert result["articles"], "what was crawled before the stop was flushed"
    assert_what_was_written_is_whole(result, site[2])


def test_a_really_full_disk_stops_the_crawl_and_damages_nothing(tmp_path, site):
    result = crawl_on_small_disk(tmp_path, site, "1m", 0)
    stats, proc = result["stats"], result["proc"]
    assert "'finish_reason': 'disk_full'" in stats, proc.stderr[-3000:]
    assert "Output disk full" in proc.stderr
    assert "'response_received_count': 60" not in stats
    assert result["warc_failures"] == [] and result["warcs"]
    assert_what_was_written_is_whole(result, site[2])
    assert result["parquet_problems"] == []
    assert result["dedup"] == "ok"
