"""Two years of talks coverage as the archives would hold it, for the backfill tests and bench.

The Wayback stand-in (pywb collection ``web``) and the Common Crawl stand-in
(pywb collections named like crawls + ``CommonCrawlHost``) hold corpus pages at
their original URLs and talks articles written for these tests:

- Reuters corpus article of 2024-03-07, captured the next day (in range);
- Reuters corpus article of 2023-04-25, captured 2023-05-17 (out of range);
- a Youm7 talks article with an Arabic percent-encoded slug, edited between two
  captures (two versions, numbered in capture order);
- a Reuters talks article captured twice identically (one version), and once more
  identically by Common Crawl (stored once);
- a 404 and a 301 capture of article URLs; a non-article Youm7 URL;
- a Reuters talks article only Common Crawl has; a crawl outside the range.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from .talks_pages import AR_PARAGRAPHS, EN_PARAGRAPHS, article_html
from .web_archives import ArchivedPage, CommonCrawlHost, Pywb, write_warc

SHARED_DIR = Path(os.environ.get("CAIRO_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
CORPUS = SHARED_DIR / "corpus" / "raw"

REUTERS_TANK = ("https://www.reuters.com/world/middle-east/"
                "israeli-tank-likely-scenario-fired-machine-gun-reporters-after-deadly-shelling-2024-03-07/")
REUTERS_FLYDUBAI = ("https://www.reuters.com/business/aerospace-defense/"
                    "nepal-says-no-proof-flydubai-plane-suffered-bird-strike-2023-04-25/")
YOUM7_SLUG = "وفد-مصري-يستضيف-جولة-جديدة-من-مفاوضات-الهدنة-في-القاهرة"
YOUM7_TALKS = f"https://www.youm7.com/story/2024/5/6/{quote(YOUM7_SLUG)}/6612345"
YOUM7_GONE = f"https://www.youm7.com/story/2024/5/8/{quote('الوسطاء-يواصلون-الاتصالات')}/6614000"
YOUM7_SECTION = "https://www.youm7.com/story/2024/5/6/latest"
REUTERS_TALKS = "https://www.reuters.com/world/middle-east/egypt-hosts-new-round-of-gaza-ceasefire-talks-2024-10-02/"
REUTERS_MOVED = "https://www.reuters.com/world/middle-east/mediators-press-on-with-truce-proposal-2024-06-11/"
REUTERS_CC_ONLY = "https://www.reuters.com/world/middle-east/hostage-deal-talks-resume-in-cairo-2024-04-18/"

EDIT_NOTE = ("وفي وقت لاحق أعلنت الرئاسة المصرية أن الوفود اتفقت على استئناف المحادثات الأسبوع المقبل "
             "بعد تقدم في بند تبادل الأسرى.")


def _utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def _talks_page(title: str, paragraphs: list[str], lang: str, published: str) -> bytes:
    return article_html(title, paragraphs, lang=lang).replace("2026-11-20T10:00:00+02:00", published).encode()


YOUM7_V1 = _talks_page("وفد مصري يستضيف جولة جديدة من مفاوضات الهدنة في القاهرة", AR_PARAGRAPHS, "ar",
                       "2024-05-06T09:30:00+03:00")
YOUM7_V2 = _talks_page("وفد مصري يستضيف جولة جديدة من مفاوضات الهدنة في القاهرة", AR_PARAGRAPHS + [EDIT_NOTE],
                       "ar", "2024-05-06T09:30:00+03:00")
REUTERS_TALKS_PAGE = _talks_page("Egypt hosts new round of Gaza ceasefire talks", EN_PARAGRAPHS, "en",
                                 "2024-10-02T08:00:00+00:00")
CC_ONLY_PAGE = _talks_page("Hostage deal talks resume in Cairo", list(reversed(EN_PARAGRAPHS)) + [
    "Qatari and Egyptian officials said the delegations would meet again after consultations with their leaders."],
    "en", "2024-04-18T12:00:00+00:00")


def wayback_pages() -> list[ArchivedPage]:
    return [
        ArchivedPage(REUTERS_TANK, _utc(2024, 3, 8, 6, 0), (CORPUS / "reuters/tank-fired-reporters-2024-03-07.html").read_bytes()),
        ArchivedPage(REUTERS_FLYDUBAI, _utc(2023, 5, 17, 1, 0),
                     (CORPUS / "reuters/flydubai-bird-strike-2023-05-16.html").read_bytes()),
        ArchivedPage(YOUM7_TALKS, _utc(2024, 5, 6, 8, 0), YOUM7_V1),
        ArchivedPage(YOUM7_TALKS, _utc(2024, 5, 7, 8, 0), YOUM7_V2),
        ArchivedPage(REUTERS_TALKS, _utc(2024, 10, 2, 9, 0), REUTERS_TALKS_PAGE),
        ArchivedPage(REUTERS_TALKS, _utc(2024, 10, 3, 9, 0), REUTERS_TALKS_PAGE),
        ArchivedPage(YOUM7_GONE, _utc(2024, 5, 9, 8, 0), b"<html><body>not found</body></html>", status="404 Not Found"),
        ArchivedPage(REUTERS_MOVED, _utc(2024, 6, 12, 8, 0), b"", status="301 Moved Permanently",
                     headers=[("Location", REUTERS_TALKS), ("Content-Type", "text/html")]),
        ArchivedPage(YOUM7_SECTION, _utc(2024, 5, 6, 12, 0), b"<html><body><a href='/story'>x</a></body></html>"),
    ]


CRAWLS = [
    {"id": "CC-MAIN-2024-18", "name": "April 2024 Index", "from": "2024-04-12T00:00:00", "to": "2024-04-25T00:00:00"},
    {"id": "CC-MAIN-2024-42", "name": "October 2024 Index", "from": "2024-10-01T00:00:00", "to": "2024-10-15T00:00:00"},
    {"id": "CC-MAIN-2022-05", "name": "January 2022 Index", "from": "2022-01-16T00:00:00", "to": "2022-01-29T00:00:00"},
]


def commoncrawl_pages() -> dict[str, list[ArchivedPage]]:
    return {
        "CC-MAIN-2024-18": [ArchivedPage(REUTERS_CC_ONLY, _utc(2024, 4, 19, 3, 0), CC_ONLY_PAGE)],
        "CC-MAIN-2024-42": [ArchivedPage(REUTERS_TALKS, _utc(2024, 10, 4, 2, 0), REUTERS_TALKS_PAGE)],
        "CC-MAIN-2022-05": [ArchivedPage(REUTERS_TANK, _utc(2022, 1, 20, 2, 0), b"<html>older</html>")],
    }


@contextmanager
def archives(root: Path):
    """Both stand-ins running; yields the BACKFILL_* settings that point at them."""
    wayback_warc = write_warc(root / "build" / "wayback-talks.warc.gz", wayback_pages())
    cc_warcs = {crawl: [write_warc(root / "build" / f"{crawl}-00000.warc.gz", pages)]
                for crawl, pages in commoncrawl_pages().items()}
    with Pywb(root / "wayback", {"web": [wayback_warc]}) as wayback, \
            Pywb(root / "commoncrawl", cc_warcs, config="cdx_api_endpoint: -index\n") as cc_index, \
            CommonCrawlHost(cc_index, CRAWLS) as cc_host:
        yield {
            "BACKFILL_WAYBACK_CDX": wayback.url("web/cdx"),
            "BACKFILL_WAYBACK_REPLAY": wayback.url("web/"),
            "BACKFILL_CC_INDEX": cc_host.url(""),
            "BACKFILL_CC_DATA": cc_host.url(""),
        }, cc_host
