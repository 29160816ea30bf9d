"""`scrapy crawl backfill` against loopback stand-ins of the Wayback Machine and Common Crawl.

Both stand-ins are real archive software (pywb) serving WARC files of corpus
pages and talks articles at their original URLs (tests/support/backfill_scenario.py).
The command is exactly the documented one; the checks read the articles and
captures datasets and the WARC files, then replay those WARCs with the project's
own replay and with pywb.
"""

from __future__ import annotations

import json
import urllib.request
from io import BytesIO
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.support import backfill_scenario as scenario
from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.web_archives import Pywb

COMMAND = ["crawl", "backfill", "-a", "outlets=youm7,reuters", "-a", "since=2023-11-01", "-a", "until=2025-10-31",
           "-a", "sources=wayback,commoncrawl,sitemaps", "-a", "prefilter=0"]
NO_DELAYS = {"BACKFILL_WAYBACK_DELAY": "0", "BACKFILL_CC_INDEX_DELAY": "0", "BACKFILL_CC_DATA_DELAY": "0"}


class Backfill:
    def __init__(self, root: Path, settings: dict, proc, cc_host):
        self.root, self.settings, self.proc, self.cc_host = root, settings, proc, cc_host
        self.output = root / "out"
        self.stats = crawl_stats(proc.stderr)

    def stat(self, name: str) -> int:
        for line in self.stats.splitlines():
            if line.strip().startswith(f"'{name}':"):
                return int(line.split(":", 1)[1].strip().rstrip(",}"))
        return 0

    def table(self, name: str) -> list[dict]:
        return ds.dataset(self.output / "parquet" / name, format="parquet", partitioning="hive").to_table().to_pylist()

    def articles(self) -> list[dict]:
        return sorted(self.table("articles"), key=lambda r: (r["url"], r["captured_at"]))

    def warc_records(self):
        for path in sorted((self.output / "warc").glob("*.warc.gz")):
            with open(path, "rb") as fh:
                iterator = ArchiveIterator(fh)
                for record in iterator:
                    body = record.content_stream().read()  # before get_record_length(), which skips the rest
                    yield path, iterator.get_record_offset(), iterator.get_record_length(), record, body


@pytest.fixture(scope="module")
def backfill(tmp_path_factory):
    root = tmp_path_factory.mktemp("backfill")
    with scenario.archives(root) as (settings, cc_host):
        # Run health judged as in production (FAST_SETTINGS turn Spidermon off): the run must pass.
        # The sitemaps source reads the outlets' real sitemaps: offline, they fail without an ERROR.
        proc = run_scrapy(COMMAND, settings={**settings, **NO_DELAYS, "OUTPUT_DIR": str(root / "out"),
                                             "SPIDERMON_ENABLED": "True"}, timeout=600)
        yield Backfill(root, settings, proc, cc_host)


def test_articles_carry_original_url_outlet_and_provenance(backfill):
    rows = {(r["url"], r["version"]): r for r in backfill.articles()}
    tank = rows[(scenario.REUTERS_TANK, 1)]
    assert tank["outlet"] == "reuters" and tank["capture_source"] == "wayback"
    assert tank["captured_at"].isoformat() == "2024-03-08T06:00:00+00:00"
    assert tank["archive_url"] == f"{backfill.settings['BACKFILL_WAYBACK_REPLAY']}20240308060000id_/{scenario.REUTERS_TANK}"
    only_cc = rows[(scenario.REUTERS_CC_ONLY, 1)]
    assert only_cc["capture_source"] == "commoncrawl"
    assert only_cc["captured_at"].isoformat() == "2024-04-19T03:00:00+00:00"
    assert only_cc["archive_url"].startswith(backfill.settings["BACKFILL_CC_DATA"])
    assert {r["capture_source"] for r in rows.values()} == {"wayback", "commoncrawl"}


def test_edited_article_gives_two_versions_in_capture_order(backfill):
    versions = [r for r in backfill.articles() if r["url"] == scenario.YOUM7_TALKS]  # Arabic %-encoded slug
    assert [(r["version"], r["captured_at"].date().isoformat()) for r in versions] == [(1, "2024-05-06"), (2, "2024-05-07")]
    assert versions[0]["outlet"] == "youm7"
    assert scenario.EDIT_NOTE not in versions[0]["body"] and scenario.EDIT_NOTE in versions[1]["body"]
    assert versions[1]["dedup_decision"] == "new_version"


def test_identical_captures_in_two_archives_are_stored_once(backfill):
    copies = [r for r in backfill.articles() if r["url"] == scenario.REUTERS_TALKS]
    assert len(copies) == 1
    # Two identical Wayback captures and an identical Common Crawl record: one fetched, two skipped.
    assert backfill.stat("backfill/skipped/same_digest") == 2
    # Whichever archive was asked first, the page was fetched once: one response record for it.
    fetched = [c for c in backfill.table("captures") if c["record_type"] == "response"
               and c["url"].endswith(scenario.REUTERS_TALKS)]
    assert len(fetched) == 1 and fetched[0]["capture_source"] == copies[0]["capture_source"]


def test_out_of_scope_captures_are_counted_not_fetched(backfill):
    urls = {r["url"] for r in backfill.articles()}
    assert urls == {scenario.REUTERS_TANK, scenario.REUTERS_CC_ONLY, scenario.REUTERS_TALKS, scenario.YOUM7_TALKS}
    assert scenario.REUTERS_FLYDUBAI not in urls  # captured 2023-05 (the CDX query's from/to leaves it out)
    assert backfill.stat("backfill/skipped/not_article") == 1  # /story/2024/5/6/latest
    assert backfill.stat("backfill/skipped/crawl_out_of_range") == 1  # CC-MAIN-2022-05
    assert not any("CC-MAIN-2022-05" in path for path, _ in backfill.cc_host.requests)
    requested = backfill.proc.stderr
    for never in (scenario.YOUM7_GONE, scenario.REUTERS_MOVED, scenario.YOUM7_SECTION):  # 404, 301, not an article
        assert f"id_/{never}" not in requested


def test_commoncrawl_records_are_read_with_one_range_request_each(backfill):
    reads = [(path, rng) for path, rng in backfill.cc_host.requests if path.endswith(".warc.gz")]
    from_cc = [r for r in backfill.articles() if r["capture_source"] == "commoncrawl"]
    assert len(reads) == len(from_cc) and all(rng and rng.startswith("bytes=") for _, rng in reads)
    queried = {path.split("-index")[0].strip("/") for path, _ in backfill.cc_host.requests if "-index" in path}
    assert queried == {"CC-MAIN-2024-18", "CC-MAIN-2024-42"}


def test_commoncrawl_record_is_archived_unchanged_with_its_origin(backfill):
    original_bytes = (backfill.root / "build" / "CC-MAIN-2024-18-00000.warc.gz").read_bytes()  # the file served
    records = list(backfill.warc_records())
    copied = [(p, off, length, r) for p, off, length, r, _ in records
              if r.rec_headers.get_header("WARC-Target-URI") == scenario.REUTERS_CC_ONLY and r.rec_type == "response"]
    assert len(copied) == 1
    path, offset, length, record = copied[0]
    member = path.read_bytes()[offset:offset + length]
    assert member in original_bytes  # the same gzip member, byte for byte
    served = next(ArchiveIterator(BytesIO(original_bytes)))
    assert record.rec_headers.get_header("WARC-Record-ID") == served.rec_headers.get_header("WARC-Record-ID")
    assert record.rec_headers.get_header("WARC-Date") == "2024-04-19T03:00:00Z"
    # Two metadata records refer to it: the article as extracted, and where the record came from.
    metadata = [json.loads(body) for _, _, _, r, body in records if r.rec_type == "metadata"
                and r.rec_headers.get_header("WARC-Refers-To") == served.rec_headers.get_header("WARC-Record-ID")
                and r.rec_headers.get_header("WARC-Target-URI").startswith(backfill.settings["BACKFILL_CC_DATA"])]
    assert len(metadata) == 1
    assert metadata[0]["crawl"] == "CC-MAIN-2024-18" and metadata[0]["filename"] == "CC-MAIN-2024-18-00000.warc.gz"
    assert original_bytes[metadata[0]["offset"]:metadata[0]["offset"] + metadata[0]["length"]] == member


def test_wayback_exchange_is_archived_and_tied_to_the_original(backfill):
    records = list(backfill.warc_records())
    revisits = {r.rec_headers.get_header("WARC-Target-URI"): r for _, _, _, r, _ in records if r.rec_type == "revisit"}
    tank = revisits[scenario.REUTERS_TANK]
    assert tank.rec_headers.get_header("WARC-Date").startswith("2024-03-08T06:00:00")
    fetched = tank.rec_headers.get_header("WARC-Refers-To-Target-URI")
    assert fetched == f"{backfill.settings['BACKFILL_WAYBACK_REPLAY']}20240308060000id_/{scenario.REUTERS_TANK}"
    responses = {r.rec_headers.get_header("WARC-Target-URI"): body for _, _, _, r, body in records
                 if r.rec_type == "response"}
    corpus = (scenario.CORPUS / "reuters/tank-fired-reporters-2024-03-07.html").read_bytes()
    assert responses[fetched] == corpus


def test_project_replay_reextracts_backfilled_articles_under_original_urls(backfill, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([scenario.REUTERS_TANK, scenario.REUTERS_CC_ONLY, scenario.YOUM7_TALKS]) + "\n")
    run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={
        "REPLAY_WARC_FILES": str(backfill.output / "warc"), "OUTPUT_DIR": str(tmp_path / "replay"),
        "ROBOTSTXT_OBEY": "False"}, timeout=300)
    items = {i["url"]: i for i in feed_items(tmp_path / "replay")}
    assert set(items) == {scenario.REUTERS_TANK, scenario.REUTERS_CC_ONLY, scenario.YOUM7_TALKS}
    assert items[scenario.YOUM7_TALKS]["outlet"] == "youm7"
    assert scenario.EDIT_NOTE in items[scenario.YOUM7_TALKS]["body"]  # REPLAY_CAPTURE=latest: version 2
    original = {r["url"]: r for r in backfill.articles() if r["version"] == 1}
    assert items[scenario.REUTERS_TANK]["headline"] == original[scenario.REUTERS_TANK]["headline"]


def test_pywb_replays_backfilled_articles_at_original_url_and_date(backfill, tmp_path):
    with Pywb(tmp_path / "replay", {"talks": sorted((backfill.output / "warc").glob("*.warc.gz"))}) as pywb:
        def fetch(timestamp: str, url: str):
            with urllib.request.urlopen(pywb.url(f"talks/{timestamp}id_/{url}"), timeout=30) as reply:
                return reply.headers.get("Memento-Datetime"), reply.read()

        when, body = fetch("20240506080000", scenario.YOUM7_TALKS)
        assert when == "Mon, 06 May 2024 08:00:00 GMT" and body == scenario.YOUM7_V1
        when, body = fetch("20240507080000", scenario.YOUM7_TALKS)
        assert when == "Tue, 07 May 2024 08:00:00 GMT" and body == scenario.YOUM7_V2
        when, body = fetch("20240419030000", scenario.REUTERS_CC_ONLY)
        assert when == "Fri, 19 Apr 2024 03:00:00 GMT" and body == scenario.CC_ONLY_PAGE


def test_second_run_skips_stored_captures(backfill, tmp_path):
    # Same output folder, so the same incremental state: every stored capture is known.
    proc = run_scrapy(COMMAND, settings={**backfill.settings, **NO_DELAYS, "OUTPUT_DIR": str(backfill.output)},
                      timeout=600)
    again = Backfill(backfill.root, backfill.settings, proc, backfill.cc_host)
    # youm7 v1 + v2, the tank article, the CC-only article, and all three identical talks captures.
    assert again.stat("backfill/skipped/already_stored") == 7
    assert again.stat("item_scraped_count") == 0
