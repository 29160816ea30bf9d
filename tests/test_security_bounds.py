"""Bounded resources and hostile input on the crawler side (issue 10).

Real crawls of a loopback site: a gzip bomb is refused while decompressing, no
redirect leaves an outlet's domains, session cookies stay out of the WARC
unless WARC_STORE_CREDENTIALS says otherwise.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import shared_path
from tests.support.crawl import crawl_stats, feed_items, run_scrapy
from tests.support.hostile_site import gzip_bomb
from tests.support.warc_records import read_all

PAGE = """<html lang="en"><head><title>Ceasefire talks resume in Cairo</title></head><body>
<h1>Ceasefire talks resume in Cairo</h1><article>{paras}</article></body></html>"""


def page(words: str) -> str:
    return PAGE.format(paras="".join(f"<p>{words} Paragraph {i} of the report on the negotiations "
                                     f"between the delegations in Cairo.</p>" for i in range(8)))


@pytest.fixture(scope="module")
def bounded_crawl(tmp_path_factory):
    from tests.support.servers import LocalSite

    tmp = tmp_path_factory.mktemp("bounds")
    with LocalSite() as site:
        # 4 MB on the wire (under DOWNLOAD_MAXSIZE), 4 GB once inflated.
        bomb = site.add("/bomb", gzip_bomb(4 * 1024 ** 3),
                        headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        article = site.add("/article", page("Mediators said."))
        login = site.add("/login", b"", status=302,
                         headers=[("Location", article), ("Set-Cookie", "session=s3cr3t-token; Path=/")])
        urls = tmp / "urls.txt"
        urls.write_text(f"{bomb}\n{login}\n")
        out = tmp / "out"
        proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={"OUTPUT_DIR": out}, timeout=120)
        requests = list(site.requests)
    return {"out": out, "proc": proc, "stats": crawl_stats(proc.stderr), "bomb": bomb, "article": article,
            "requests": requests}


def test_gzip_bomb_is_refused_during_decompression_and_counted(bounded_crawl):
    stats, proc = bounded_crawl["stats"], bounded_crawl["proc"]
    assert "exceeded DOWNLOAD_MAXSIZE" in proc.stderr
    assert "'fetch/ignored/DecompressionMaxSizeExceeded': 1" in stats
    items = feed_items(bounded_crawl["out"])
    assert [i["url"] for i in items] == [bounded_crawl["article"]]


def test_session_cookies_are_not_archived_by_default(bounded_crawl):
    records = read_all(bounded_crawl["out"] / "warc")
    # The cookie really was sent on the redirected request...
    sent = [h for m, p, h in bounded_crawl["requests"] if p == "/article"]
    assert sent and "session=s3cr3t-token" in sent[0].get("Cookie", "")
    # ...but no request record stores it.
    requests = [r for r in records if r.type == "request"]
    assert requests
    for record in requests:
        assert not record.http_header_values("Cookie"), record.http_head
        assert b"s3cr3t" not in record.http_head
    # The server's Set-Cookie is part of the response and is kept as sent.
    assert any("session=s3cr3t-token; Path=/" in r.http_header_values("Set-Cookie")
               for r in records if r.type == "response")


def test_credentials_archived_only_when_the_setting_says_so(local_site, tmp_path):
    article = local_site.add("/article", page("Officials said."))
    login = local_site.add("/login", b"", status=302,
                           headers=[("Location", article), ("Set-Cookie", "session=kept-on-purpose; Path=/")])
    urls = tmp_path / "urls.txt"
    urls.write_text(login + "\n")
    run_scrapy(["crawl", "urls", "-a", f"urls={urls}"],
               settings={"OUTPUT_DIR": tmp_path / "out", "WARC_STORE_CREDENTIALS": "True"})
    cookies = [v for r in read_all(tmp_path / "out" / "warc") if r.type == "request"
               for v in r.http_header_values("Cookie")]
    assert cookies == ["session=kept-on-purpose"]


def test_authorization_header_is_left_out_of_request_records():
    from scrapy import Request

    from crawler.archive.records import request_http_headers

    request = Request("https://example.org/a?b=1", headers={"Authorization": "Bearer xyz",
                                                            "Proxy-Authorization": "Basic abc",
                                                            "Cookie": "a=1", "Accept": "text/html"})
    redacted = request_http_headers(request, store_credentials=False).raw
    assert b"Bearer" not in redacted and b"Basic abc" not in redacted and b"a=1" not in redacted
    assert b"Accept: text/html" in redacted
    kept = request_http_headers(request, store_credentials=True).raw
    assert b"Authorization: Bearer xyz" in kept


def test_outlet_crawl_never_leaves_the_outlets_domains(local_site, tmp_path):
    """127.0.0.1 is the outlet (its feed host); "localhost" is the same server under another name = off-site."""
    article_path = "/news/world/gaza-israel-ceasefire-negotiations-sinwar-1.7287711"
    article = local_site.add_file(article_path, shared_path("corpus", "raw", "cbc", "gaza-after-sinwar-2024-08-08.html"))
    offsite_root = f"http://localhost:{local_site.port}"
    # An article link on the outlet that redirects off-site, and a link that is off-site.
    local_site.add("/news/world/ceasefire-talks-moved-1.7000001", b"", status=301,
                   headers=[("Location", offsite_root + article_path + "?via=redirect")])
    # A listing (allow_offsite) whose redirect leaves the outlet too.
    local_site.add("/moved-feed.xml", b"", status=302, headers=[("Location", offsite_root + "/feed.xml")])
    local_site.add("/feed.xml", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
      <item><title>Gaza ceasefire talks</title><link>{article}</link></item>
      <item><title>Gaza ceasefire talks moved</title><link>{local_site.url('/news/world/ceasefire-talks-moved-1.7000001')}</link></item>
      <item><title>Gaza ceasefire talks elsewhere</title><link>{offsite_root}/news/world/gaza-ceasefire-elsewhere-1.7000002</link></item>
      </channel></rss>""")
    endpoints = tmp_path / "endpoints.json"
    endpoints.write_text(json.dumps({"cbc": {"feeds": [local_site.url("/feed.xml"), local_site.url("/moved-feed.xml")]}}))
    proc = run_scrapy(["crawlall", "--outlets", "cbc", "--endpoints", str(endpoints)],
                      # Requisites (third-party CDNs allowed by design) are not what this bound is about.
                      settings={"OUTPUT_DIR": tmp_path / "out", "DISCOVERY_PREFILTER_ENABLED": "False",
                                "ARCHIVE_PAGE_REQUISITES": "none"}, check=False)
    stats = crawl_stats(proc.stderr)
    hosts = {h.get("Host", "").split(":")[0] for _, _, h in local_site.requests}
    assert hosts == {"127.0.0.1"}, f"requests reached {hosts}"
    # The listing's redirect (allow_offsite, which Scrapy's OffsiteMiddleware trusts) is refused by ours...
    assert "'offsite/redirect_refused': 1" in stats, stats
    assert "'discovery/failed/IgnoreRequest': 1" in stats
    # ...the article's redirect by Scrapy's OffsiteMiddleware; neither reached "localhost".
    assert "'offsite/filtered': 1" in stats
    assert "'discovery/links/offsite': 1" in stats
    assert [i["url"] for i in feed_items(tmp_path / "out")] == [article]
