"""One URL identity (crawler.dedup.urls.url_key): a tracking-parameter variant of an article's
address is recognised as the same URL by the spider's link filter, the incremental state, the
replay index and dedup, and the identity is the key the CDXJ index gives the clean URL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crawler import ids
from crawler.archive.indexing import write_cdxj
from crawler.dedup import ArticleInput, Deduplicator, SQLiteDedupStore
from crawler.dedup.urls import url_key
from crawler.discovery import DiscoveredLink
from crawler.incremental import Decision, FetchState
from crawler.replay import WarcIndex
from tests.support.replay_warc import ArchiveBuilder
from tests.test_discovery_spider_rules import make_spider

CLEAN = "https://www.youm7.com/story/2024/5/6/وفد-حماس-يصل-القاهرة/6543210"
# Parameters the old spider filter (utm_*, fbclid...) let through: courlan's ref, AT Internet's xtor.
VARIANT = ("http://youm7.com/story/2024/5/6/%D9%88%D9%81%D8%AF-%D8%AD%D9%85%D8%A7%D8%B3-%D9%8A%D8%B5%D9%84-"
           "%D8%A7%D9%84%D9%82%D8%A7%D9%87%D8%B1%D8%A9/6543210?ref=twitter&xtor=RSS-1&utm_source=fb#comments")
OTHER = "https://www.youm7.com/story/2024/5/6/slug/6543211"
PARAGRAPHS = ["وصل وفد من حركة حماس إلى القاهرة مساء الأحد لبحث مقترح التهدئة الجديد مع الوسطاء المصريين",
              "وقال مصدر مصري إن جولة المباحثات ستتناول تبادل الأسرى وعودة النازحين إلى شمال القطاع"]


def test_the_identity_is_the_cdxj_key_of_the_clean_url(tmp_path):
    assert url_key(VARIANT) == url_key(CLEAN) != url_key(OTHER)
    with ArchiveBuilder(tmp_path / "a.warc.gz") as warc:
        warc.page(CLEAN, "<html><body><p>محادثات</p></body></html>")
    cdxj = write_cdxj(tmp_path / "a.warc.gz").read_text(encoding="utf-8")
    assert cdxj.split(" ", 1)[0] == url_key(VARIANT)


def test_the_spider_link_filter_requests_the_article_once():
    spider = make_spider("youm7", prefilter="0")
    first = spider.article_request(DiscoveredLink(url=VARIANT))
    assert first is not None and "ref=" not in first.url and "xtor" not in first.url and "#" not in first.url
    assert spider.article_request(DiscoveredLink(url=CLEAN)) is None
    assert spider.crawler.stats.get_value("discovery/links/same_url") == 1
    assert spider.article_request(DiscoveredLink(url=OTHER)) is not None


def test_the_incremental_state_knows_the_variant(tmp_path):
    state = FetchState(tmp_path / "fetches.sqlite", skip_window=timedelta(hours=6), recheck_window=None)
    now = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    state.record(CLEAN, status=200, etag=None, last_modified=None, when=now)
    state.commit()
    assert state.decide(VARIANT, now=now + timedelta(hours=1)) is Decision.SKIP_RECENT
    assert state.decide(OTHER, now=now + timedelta(hours=1)) is Decision.FETCH


def test_replay_serves_the_capture_for_the_variant(tmp_path):
    with ArchiveBuilder(tmp_path / "a.warc.gz") as warc:
        warc.page(CLEAN, "<html><body><p>محادثات</p></body></html>")
    for use_cdxj in (False, True):  # from the WARC itself, and from its CDXJ index
        if use_cdxj:
            write_cdxj(tmp_path / "a.warc.gz")
        index = WarcIndex([tmp_path / "a.warc.gz"], use_cdxj=use_cdxj)
        assert index.get(VARIANT) is not None and index.get(OTHER) is None


def test_dedup_gives_the_variant_the_same_article(tmp_path):
    dedup = Deduplicator(SQLiteDedupStore(tmp_path / "dedup.sqlite"))
    first = dedup.decide(ArticleInput(url=CLEAN, paragraphs=PARAGRAPHS, outlet="youm7"))
    again = dedup.decide(ArticleInput(url=VARIANT, paragraphs=PARAGRAPHS, outlet="youm7"))
    assert first.decision == "new" and again.decision != "new"
    assert again.article_id == first.article_id == ids.article_id(CLEAN) == ids.article_id(VARIANT)
