"""Server faults from the loopback site (issue 10): timeouts, resets mid-body, 429/503 with
Retry-After, 500s, redirect loops, truncated gzip.

One crawl through `scrapy crawl urls`: retries follow the server's signals (the
wait before a retry is at least Retry-After), and every failure has a reason both
in the crawl stats and in the ``captures`` dataset.
"""

from __future__ import annotations

import gzip
from email.utils import formatdate

import pytest

from crawler.datasets.read import open_dataset
from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.fault_site import Recorder, quiet_errors, reset_mid_body, slow, status_then_ok
from tests.support.hostile_site import truncated_gzip
from tests.support.servers import LocalSite


def article(title: str) -> bytes:
    paras = "".join(f"<p>{title}: Egyptian and Qatari mediators met both delegations in Cairo, "
                    f"paragraph {i} of the report.</p>" for i in range(6))
    return f"<html lang='en'><head><title>{title}</title></head><body><h1>{title}</h1>{paras}</body></html>".encode()


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    rec = {name: Recorder() for name in ("slow", "reset", "r503", "r429", "r500")}
    with LocalSite() as site:
        quiet_errors(site)
        urls = {
            "slow": site.add("/slow", dynamic=slow(4, article("Slow"), rec["slow"])),
            "reset": site.add("/reset", dynamic=reset_mid_body(50_000, article("Reset")[:300], rec["reset"])),
            "r503": site.add("/r503", dynamic=status_then_ok([(503, [("Retry-After", "2")])],
                                                             article("Busy 503"), rec["r503"])),
            # Retry-After as an HTTP date, 2 s ahead (rounded to whole seconds by the format).
            "r429": site.add("/r429", dynamic=lambda h: status_then_ok(
                [(429, [("Retry-After", formatdate(__import__("time").time() + 3, usegmt=True))])],
                article("Throttled 429"), rec["r429"])(h)),
            "r500": site.add("/r500", dynamic=status_then_ok([(500, [])] * 10, article("never"), rec["r500"])),
            "loop": site.add("/loop-a", b"", status=302, headers=[("Location", "/loop-b")]),
            "gzip": site.add("/truncated-gzip", truncated_gzip(article("Truncated") * 50),
                             headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")]),
            "ok": site.add("/ok", article("Fine")),
        }
        site.add("/loop-b", b"", status=302, headers=[("Location", "/loop-a")])
        url_file = tmp / "urls.txt"
        url_file.write_text("\n".join(urls.values()) + "\n")
        out = tmp / "out"
        proc = run_scrapy(["crawl", "urls", "-a", f"urls={url_file}"], timeout=120,
                          settings={"OUTPUT_DIR": out, "DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": "2",
                                    "RETRY_BACKOFF_BASE": "0.05", "CONCURRENT_REQUESTS_PER_DOMAIN": "8"})
    captures = open_dataset(out, "captures").to_table().to_pylist()
    return {"urls": urls, "rec": rec, "out": out, "proc": proc, "stats": crawl_stats(proc.stderr),
            "captures": captures}


def rows_for(faults, name):
    url = faults["urls"][name]
    return [c for c in faults["captures"] if c["url"] == url]


def test_retry_waits_for_retry_after_then_succeeds(faults):
    r503, r429 = faults["rec"]["r503"].times, faults["rec"]["r429"].times
    assert len(r503) == 2 and r503[1] - r503[0] >= 1.9, r503
    assert len(r429) == 2 and r429[1] - r429[0] >= 1.0, r429  # HTTP-date form, whole seconds
    urls = {i["url"] for i in feed_items(faults["out"])}
    assert {faults["urls"]["r503"], faults["urls"]["r429"], faults["urls"]["ok"]} <= urls
    # Both captures are in the dataset, in the order they happened, Retry-After apart.
    for name, refused, wait in (("r503", 503, 1.9), ("r429", 429, 1.0)):
        captures = sorted(rows_for(faults, name), key=lambda c: c["fetched_at"])
        assert [c["status"] for c in captures] == [refused, 200], captures
        assert (captures[1]["fetched_at"] - captures[0]["fetched_at"]).total_seconds() >= wait, captures


def test_500s_are_retried_then_given_up_with_a_reason(faults):
    assert len(faults["rec"]["r500"].times) == 3  # first try + RETRY_TIMES=2
    stats = faults["stats"]
    assert "'fetch/failed/http_500': 1" in stats
    assert "'retry/max_reached': " in stats
    assert [c["status"] for c in rows_for(faults, "r500")] == [500, 500, 500]


def test_timeouts_are_retried_and_recorded_with_their_reason(faults):
    assert len(faults["rec"]["slow"].times) == 3
    assert "'fetch/failed/DownloadTimeoutError': 1" in faults["stats"]
    rows = rows_for(faults, "slow")
    assert len(rows) == 3 and all(r["status"] is None and r["error"].startswith("DownloadTimeoutError")
                                  for r in rows), rows


def test_connection_reset_mid_body_is_recorded_with_its_reason(faults):
    rows = rows_for(faults, "reset")
    assert rows and all(r["status"] is None and r["error"] for r in rows), rows
    reason = rows[0]["error"].split(":")[0]
    assert f"'fetch/failed/{reason}': 1" in faults["stats"], (reason, faults["stats"])


def test_redirect_loop_ends_with_a_reason(faults):
    # Without a guard the seen-request filter drops the second /loop-a silently.
    stats = faults["stats"]
    assert "'fetch/ignored/RedirectLoop': 1" in stats and "'redirect/loops': 1" in stats, stats
    loop = [c for c in faults["captures"] if "/loop-" in c["url"]]
    assert sorted(c["status"] for c in loop if c["status"]) == [302, 302]  # both hops archived
    errors = [c["error"] for c in loop if c["error"]]
    assert len(errors) == 1 and errors[0].startswith("RedirectLoop: redirect loop"), loop


def test_truncated_gzip_is_a_named_failure_not_half_an_article(faults):
    url = faults["urls"]["gzip"]
    assert url not in {i["url"] for i in feed_items(faults["out"])}
    rows = rows_for(faults, "gzip")
    assert rows and rows[0]["warc_record_id"], "the bytes as sent are still archived"
    assert [r["error"].split(":")[0] for r in rows if r["error"]] == ["TruncatedContent"], rows
    assert "'fetch/ignored/TruncatedContent': 1" in faults["stats"]
    assert "'fetch/truncated_gzip': 1" in faults["stats"]


def test_crawl_finishes(faults):
    assert "'finish_reason': 'finished'" in faults["stats"]
    assert "Traceback" not in faults["proc"].stderr


def test_stream_completeness_check():
    import zlib

    from crawler.content_integrity import stream_complete
    from tests.support.hostile_site import gzip_bomb

    page = article("Whole") * 100
    full = gzip.compress(page)
    assert stream_complete(full, b"gzip", 10**8)
    assert stream_complete(full + gzip.compress(b"second member"), b"gzip", 10**8)
    assert not stream_complete(full[:-8], b"gzip", 10**8)  # trailer missing
    assert not stream_complete(full[: len(full) // 2], b"gzip", 10**8)
    assert not stream_complete(b"not gzip at all", b"gzip", 10**8)
    assert stream_complete(zlib.compress(page), b"deflate", 10**8)
    raw = zlib.compressobj(wbits=-15)
    raw_body = raw.compress(page) + raw.flush()
    assert stream_complete(raw_body, b"deflate", 10**8)
    assert not stream_complete(zlib.compress(page)[:40], b"deflate", 10**8)
    # A bomb is not this check's business: it stops inflating at the limit and lets it through.
    assert stream_complete(gzip_bomb(2 * 1024 ** 3), b"gzip", 16 * 1024 * 1024)
