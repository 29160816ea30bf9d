"""Reading CDX answers in the formats archives really send, and building the narrowest queries."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qs, urlsplit

from scrapy.http import TextResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler import settings as project
from crawler.backfill.cdx import cdx_query, crawl_period, fixed_prefix, parse_cdx, parse_page_count, url_prefixes
from crawler.backfill.politeness import archive_slots
from crawler.backfill.records import split_archive_url
from crawler.discovery.ranges import DateRange, name_period
from crawler.outlets import get_outlet
from crawler.spiders.backfill import BackfillSpider

ARABIC = "https://www.youm7.com/story/2024/5/6/%D9%85%D9%81%D8%A7%D9%88%D8%B6%D8%A7%D8%AA/6612345"
IA_JSON = json.dumps([
    ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
    ["com,youm7)/story/2024/5/6/x/6612345", "20240506080000", ARABIC, "text/html", "200", "AAAA", "9120"],
    ["com,youm7)/story/2024/5/6/x/6612345", "20240507080000", ARABIC, "text/html", "200", "BBBB", "9170"],
    [],
    ["com%2Cyoum7%29%2Fstory%2F2024%2F5%2F7 20240507090000"],
]).encode()
IA_TEXT = (f"com,youm7)/story/2024/5/6/x/6612345 20240506080000 {ARABIC} text/html 200 AAAA 9120\n"
           "com,youm7)/story/2024/5/8/y/6614000 20240509080000 https://www.youm7.com/story/2024/5/8/y/6614000 "
           "text/html 404 CCCC 512\n"
           "\ncom%2Cyoum7%29%2Fstory%2F2024%2F5%2F9 20240509000000\n").encode()
PYWB_JSON = (b'{"urlkey": "com,reuters)/world/x-2024-04-18", "timestamp": "20240419030000", '
             b'"url": "https://www.reuters.com/world/x-2024-04-18/", "mime": "text/html", "status": "200", '
             b'"digest": "DDDD", "length": "818", "offset": "0", "filename": "CC-MAIN-2024-18-00000.warc.gz"}\n')


def test_internet_archive_json_table_with_resume_key():
    captures, resume = parse_cdx(IA_JSON)
    assert [(c.original, c.timestamp, c.statuscode, c.digest) for c in captures] == [
        (ARABIC, "20240506080000", "200", "AAAA"), (ARABIC, "20240507080000", "200", "BBBB")]
    assert resume == "com%2Cyoum7%29%2Fstory%2F2024%2F5%2F7 20240507090000"


def test_internet_archive_plain_text_lines_with_resume_key():
    captures, resume = parse_cdx(IA_TEXT)
    assert [(c.timestamp, c.statuscode, c.length) for c in captures] == [("20240506080000", "200", 9120),
                                                                         ("20240509080000", "404", 512)]
    assert captures[0].original == ARABIC and resume.endswith("20240509000000")


def test_pywb_and_common_crawl_json_lines_carry_the_record_location():
    (capture,), resume = parse_cdx(PYWB_JSON)
    assert (capture.filename, capture.offset, capture.length, capture.mimetype) == \
        ("CC-MAIN-2024-18-00000.warc.gz", 0, 818, "text/html")
    assert resume is None
    assert parse_page_count(b'{"pages": 3, "pageSize": 5, "blocks": 12}') == 3
    assert parse_page_count(PYWB_JSON) is None
    assert parse_cdx(b"") == ([], None)
    assert parse_cdx(b"<html><body>\n<p>The service is unavailable</p>\n</body></html>") == ([], None)


def test_queries_use_the_fixed_start_of_the_article_pattern_per_month():
    prefixes = url_prefixes(get_outlet("youm7"), date(2023, 11, 1), date(2025, 10, 31))
    assert len(prefixes) == 24
    assert prefixes[0] == ("youm7.com/story/2023/11/", "prefix") and prefixes[-1] == ("youm7.com/story/2025/10/", "prefix")
    # Reuters: /<section>/.../<slug>-<yyyy>-<mm>-<dd>/: no fixed start, one domain query.
    assert url_prefixes(get_outlet("reuters"), date(2024, 1, 1), date(2024, 12, 31)) == [("reuters.com", "domain")]
    assert fixed_prefix(r"^/news/details/\d+/?$") == ("/news/details/", r"\d+/?$")
    assert fixed_prefix(r"(?i)^/News/\d+\.aspx$")[0] == "/"  # case-insensitive: no usable prefix


def test_query_has_the_documented_parameters():
    query = cdx_query("https://web.archive.org/cdx/search/cdx", "youm7.com/story/2024/5/", "prefix",
                      date(2024, 5, 1), date(2024, 5, 31), collapse="digest", showResumeKey="true")
    params = parse_qs(urlsplit(query).query)
    assert params["matchType"] == ["prefix"] and params["output"] == ["json"] and params["collapse"] == ["digest"]
    assert params["from"] == ["20240501000000"] and params["to"] == ["20240531235959"]
    assert params["filter"] == ["statuscode:200", "mimetype:text/html"]


def test_archive_urls_give_capture_time_and_original():
    when, original = split_archive_url(f"https://web.archive.org/web/20240507080000id_/{ARABIC}")
    assert when.isoformat() == "2024-05-07T08:00:00+00:00" and original == ARABIC
    assert split_archive_url("https://web.archive.org/cdx/search/cdx?url=x") is None


def test_child_sitemaps_in_range_by_lastmod_or_name():
    talks = DateRange(date(2023, 11, 1), date(2025, 10, 31))
    assert name_period("https://www.reuters.com/sitemap-2024-05.xml") == (date(2024, 5, 1), date(2024, 5, 31))
    assert name_period("https://x.com/sitemap.xml?yyyy=2023&mm=10&dd=30") == (date(2023, 10, 30), date(2023, 10, 30))
    assert talks.child_in_range("https://x.com/sitemap-2024-05.xml", "2026-12-01")  # regenerated later
    assert not talks.child_in_range("https://x.com/sitemap-2023-10.xml", "")
    assert not talks.child_in_range("https://x.com/sitemap-17.xml", "2022-01-01")
    assert talks.child_in_range("https://x.com/sitemap-17.xml", "")  # nothing to judge: read it


def test_archive_hosts_get_one_request_at_a_time_and_their_delay():
    settings = Settings({"BACKFILL_WAYBACK_CDX": "https://web.archive.org/cdx/search/cdx",
                         "BACKFILL_WAYBACK_REPLAY": "https://web.archive.org/web/",
                         "BACKFILL_CC_INDEX": "https://index.commoncrawl.org/",
                         "BACKFILL_CC_DATA": "https://data.commoncrawl.org/",
                         "BACKFILL_WAYBACK_DELAY": 1.5, "BACKFILL_CC_INDEX_DELAY": 1.0, "BACKFILL_CC_DATA_DELAY": 2.0})
    assert archive_slots(settings) == {
        "web.archive.org": {"concurrency": 1, "delay": 1.5, "jitter": 0},
        "index.commoncrawl.org": {"concurrency": 1, "delay": 1.0, "jitter": 0},
        "data.commoncrawl.org": {"concurrency": 1, "delay": 2.0, "jitter": 0},
    }


def test_an_unreadable_cdx_answer_is_counted_and_the_run_goes_on():
    crawler = get_crawler(BackfillSpider, {"INCREMENTAL_ENABLED": False, **{
        name: getattr(project, name) for name in dir(project) if name.startswith("BACKFILL_")}})
    spider = BackfillSpider.from_crawler(crawler, outlets="youm7", since="2024-05-01", until="2024-05-31")
    crawler.stats.open_spider(spider)
    broken = TextResponse("https://web.archive.org/cdx/search/cdx?url=youm7.com", body=b'[["urlkey", "timestamp"], [')
    assert spider.read_cdx(broken) == ([], None)
    assert crawler.stats.get_value("backfill/failed/cdx_unreadable") == 1


def test_crawl_periods_from_collinfo_or_the_crawl_id():
    assert crawl_period({"id": "CC-MAIN-2024-18", "from": "2024-04-12T04:35:22", "to": "2024-04-25T11:02:17"}) == \
        (date(2024, 4, 12), date(2024, 4, 25))
    first, last = crawl_period({"id": "CC-MAIN-2022-05"})  # no dates: week 5 of 2022, padded
    assert first <= date(2022, 1, 31) <= last and last < date(2022, 3, 1)
    assert crawl_period({"id": "CC-NEWS"}) is None
