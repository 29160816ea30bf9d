"""What a history backfill costs: rate per source on loopback, requests per stored article,
what the slug prefilter keeps, and an estimate for the full 21-outlet backfill.

1. Rate: N talks articles (half Youm7 with Arabic slugs, half Reuters) are captured
   once each by a pywb "Wayback" collection and by a pywb "Common Crawl" crawl
   (tests/support/web_archives.py). `scrapy crawl backfill` runs once per source
   with every delay at 0 (the archives' cost, not politeness), then once with
   the default 1 s politeness on a smaller set, and the script prints articles
   stored per second and requests per stored article.
2. Prefilter: the slug prefilter (crawler/discovery/prefilter.py) judges a list of
   Arabic article URLs written for this bench (talks coverage vs. other news).
3. Estimate: CDX pages + capture fetches for 21 outlets over 2023-11..2025-10 at
   one request per second per archive host, from the assumptions printed.

    python bench/backfill_rate.py [--articles 80]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.backfill.cdx import url_prefixes  # noqa: E402
from crawler.discovery import LinkPrefilter  # noqa: E402
from crawler.discovery.links import DiscoveredLink  # noqa: E402
from crawler.outlets import all_outlets  # noqa: E402
from tests.support.crawl import crawl_stats, run_scrapy  # noqa: E402
from tests.support.talks_pages import AR_PARAGRAPHS, EN_PARAGRAPHS, article_html  # noqa: E402
from tests.support.web_archives import ArchivedPage, CommonCrawlHost, Pywb, write_warc  # noqa: E402

SINCE, UNTIL = date(2023, 11, 1), date(2025, 10, 31)

# Written for this bench in the style of Egyptian and Gulf Arabic news URLs: (slug, about the talks?).
ARABIC_SLUGS = [
    ("وفد-حماس-يصل-القاهرة-لبحث-مقترح-التهدئة", True),
    ("مصادر-مصرية-تقدم-في-مفاوضات-تبادل-الأسرى", True),
    ("الوسطاء-يسلمون-الاحتلال-ردا-مكتوبا-على-ورقة-الاتفاق", True),
    ("رئيس-المخابرات-يستقبل-وفدا-إسرائيليا-بشأن-الهدنة", True),
    ("قطر-ومصر-تدعوان-لاستئناف-المحادثات-دون-شروط", True),
    ("نتنياهو-يرسل-فريق-التفاوض-إلى-الدوحة", True),
    ("انطلاق-جولة-جديدة-من-محادثات-وقف-إطلاق-النار-في-غزة", True),
    ("الرئاسة-ترحب-بالتوصل-إلى-اتفاق-المرحلة-الأولى", True),
    ("فتح-معبر-رفح-لدخول-المساعدات-ضمن-بنود-التهدئة", True),
    ("الإفراج-عن-دفعة-جديدة-من-المحتجزين-مقابل-أسرى-فلسطينيين", True),
    ("ويتكوف-يلتقي-الوسطاء-في-شرم-الشيخ", True),
    ("خلافات-حول-محور-فيلادلفيا-تعطل-الصفقة", True),
    ("حماس-تسلم-ردها-على-المقترح-الأمريكي", True),
    ("وزير-الخارجية-يبحث-مع-نظيره-القطري-جهود-التهدئة", True),
    ("قمة-شرم-الشيخ-للسلام-بمشاركة-قادة-العالم", True),
    ("البيت-الأبيض-الاتفاق-بات-قريبا-أكثر-من-أي-وقت", True),
    ("الأهلي-يفوز-على-الزمالك-في-قمة-الدوري", False),
    ("ارتفاع-أسعار-الذهب-في-الأسواق-المحلية-اليوم", False),
    ("الأرصاد-طقس-حار-نهارا-على-أغلب-الأنحاء", False),
    ("وزير-التعليم-يعلن-موعد-امتحانات-الثانوية-العامة", False),
    ("البنك-المركزي-يثبت-أسعار-الفائدة", False),
    ("محمد-صلاح-يقود-ليفربول-للفوز", False),
    ("افتتاح-معرض-القاهرة-الدولي-للكتاب", False),
    ("وفاة-فنان-قدير-بعد-صراع-مع-المرض", False),
    ("طرح-شقق-الإسكان-الاجتماعي-بالتقسيط", False),
    ("تراجع-سعر-الدولار-أمام-الجنيه-في-البنوك", False),
    ("حريق-في-مخزن-بمنطقة-شبرا-دون-إصابات", False),
    ("منتخب-مصر-يستعد-لمواجهة-إثيوبيا", False),
    ("نصائح-للحفاظ-على-صحة-القلب-في-الصيف", False),
    ("إطلاق-هاتف-ذكي-جديد-بمواصفات-متطورة", False),
    ("مهرجان-الجونة-السينمائي-يعلن-أفلام-دورته", False),
    ("السيطرة-على-تسرب-مياه-بمحطة-صرف", False),
    ("زيادة-صادرات-الموالح-إلى-الأسواق-الأوروبية", False),
    ("وزيرة-التضامن-تتابع-صرف-معاشات-الشهر", False),
    ("انتخابات-مجلس-النواب-فتح-باب-الترشح", False),
    ("قطار-جديد-يربط-القاهرة-بالإسكندرية", False),  # mentions Cairo, not the talks
    ("مصر-تستضيف-بطولة-العالم-للاسكواش", False),  # mentions Egypt, not the talks
    ("أسعار-الأسماك-في-سوق-العبور", False),
    ("ضبط-عصابة-للاتجار-في-المخدرات", False),
    ("الجامعة-العربية-تحتفل-بيوم-اللغة-العربية", False),
]


def talks_page(i: int, arabic: bool) -> bytes:
    paragraphs = AR_PARAGRAPHS if arabic else EN_PARAGRAPHS
    # Each article its own text (a number in every paragraph), so none is a duplicate of another.
    text = [f"{p} ({i}-{n})" for n, p in enumerate(paragraphs)]
    return article_html(f"{'جولة' if arabic else 'Round'} {i}", text, lang="ar" if arabic else "en").encode()


def article_url(i: int, day: date) -> str:
    if i % 2:
        slug = quote(f"جولة-مفاوضات-الهدنة-رقم-{i}")
        return f"https://www.youm7.com/story/{day.year}/{day.month}/{day.day}/{slug}/{6600000 + i}"
    return f"https://www.reuters.com/world/middle-east/ceasefire-talks-round-{i}-{day.isoformat()}/"


def build(root: Path, articles: int):
    """Each article once in the Wayback collection and once (other URL) in a Common Crawl crawl."""
    wayback, cc = [], []
    for i in range(articles):
        day = SINCE + timedelta(days=(i * 7) % 700)
        when = datetime(day.year, day.month, day.day, 9, tzinfo=timezone.utc)
        number = 2 * i + (i % 2)  # odd: Youm7 (Arabic), even: Reuters
        wayback.append(ArchivedPage(article_url(number, day), when, talks_page(number, i % 2 == 1)))
        cc.append(ArchivedPage(article_url(number + 100000, day), when, talks_page(number + 100000, i % 2 == 1)))
    return write_warc(root / "wayback.warc.gz", wayback), write_warc(root / "CC-MAIN-2024-42-00000.warc.gz", cc)


def stat(stats: str, name: str) -> float:
    for line in stats.splitlines():
        if line.strip().startswith(f"'{name}':"):
            return float(line.split(":", 1)[1].strip().rstrip(",}"))
    return 0.0


def run_source(settings: dict, source: str, output: Path, delays: str) -> dict:
    started = time.perf_counter()
    proc = run_scrapy(["crawl", "backfill", "-a", "outlets=youm7,reuters", "-a", f"since={SINCE}", "-a", f"until={UNTIL}",
                       "-a", f"sources={source}", "-a", "prefilter=0"],
                      settings={**settings, "OUTPUT_DIR": str(output), "BACKFILL_WAYBACK_DELAY": delays,
                                "BACKFILL_CC_INDEX_DELAY": delays, "BACKFILL_CC_DATA_DELAY": delays,
                                "LOG_LEVEL": "INFO"}, timeout=3600)
    wall = time.perf_counter() - started
    stats = crawl_stats(proc.stderr)
    stored = stat(stats, f"backfill/stored/{source}")
    crawl_seconds = stat(stats, "elapsed_time_seconds")
    requests = stat(stats, "downloader/request_count")
    return {"source": source, "delay": delays, "stored": int(stored), "requests": int(requests),
            "crawl_s": crawl_seconds, "wall_s": wall, "per_s": stored / crawl_seconds if crawl_seconds else 0,
            "requests_per_article": requests / stored if stored else float("nan")}


def measure_rate(articles: int, polite_articles: int) -> list[dict]:
    results = []
    for count, delay in ((articles, "0"), (polite_articles, "1.0")):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            wayback_warc, cc_warc = build(root / "build", count)
            crawl = {"id": "CC-MAIN-2024-42", "from": "2023-11-01T00:00:00", "to": "2025-10-31T00:00:00"}
            with Pywb(root / "wayback", {"web": [wayback_warc]}) as wayback, \
                    Pywb(root / "cc", {"CC-MAIN-2024-42": [cc_warc]}, config="cdx_api_endpoint: -index\n") as index, \
                    CommonCrawlHost(index, [crawl]) as cc:
                settings = {"BACKFILL_WAYBACK_CDX": wayback.url("web/cdx"), "BACKFILL_WAYBACK_REPLAY": wayback.url("web/"),
                            "BACKFILL_CC_INDEX": cc.url(""), "BACKFILL_CC_DATA": cc.url("")}
                for source in ("wayback", "commoncrawl"):
                    results.append(run_source(settings, source, root / f"out-{source}", delay))
    return results


def prefilter_on_slugs() -> dict:
    prefilter = LinkPrefilter(enabled=True)
    kept = {True: 0, False: 0}
    lost, let_through = [], []
    for n, (slug, about_talks) in enumerate(ARABIC_SLUGS):
        url = f"https://www.youm7.com/story/2024/5/{n % 28 + 1}/{quote(slug)}/{6500000 + n}"
        keep = prefilter.keep(DiscoveredLink(url, source="backfill"), "ar")
        kept[about_talks] += keep
        if about_talks and not keep:
            lost.append(slug)
        if not about_talks and keep:
            let_through.append(slug)
    talks = sum(1 for _, t in ARABIC_SLUGS if t)
    return {"judge": prefilter.name, "talks": talks, "talks_kept": kept[True], "other": len(ARABIC_SLUGS) - talks,
            "other_kept": kept[False], "lost": lost, "let_through": let_through}


# --- the full backfill, estimated ------------------------------------------------------------
# Article URLs a year per outlet (assumptions, stated in docs/backfill.md): the big Egyptian
# dailies publish on the order of 1,000 items a day, pan-Arab sites a few hundred, English
# outlets a few hundred (world + business) of which the archives hold most.
URLS_PER_YEAR = {"youm7": 350_000, "almasryalyoum": 150_000, "elbalad": 250_000, "cairo24": 150_000,
                 "akhbarelyom": 150_000, "ahram": 120_000, "alqaheranews": 60_000, "aljazeera-arabic": 60_000,
                 "skynewsarabia": 50_000, "aawsat": 50_000, "cnn-arabic": 20_000}
ENGLISH_URLS_PER_YEAR = 40_000
CAPTURES_PER_URL = 1.3  # distinct digests per article URL in an archive (edits, re-renders)
CDX_LINES_PER_PAGE = 5000
CC_CRAWLS_IN_RANGE = 22  # roughly one crawl a month (collinfo.json lists ~11 a year)
TALKS_SHARE = 0.03  # share of an Arabic outlet's articles about the talks (Gaza ceasefire negotiations)
CC_COVERAGE = 0.3  # share of an outlet's article URLs a Common Crawl crawl holds (a sample, not a mirror)


def estimate(prefilter_keep: float, delay: float = 1.0) -> dict:
    years = ((UNTIL - SINCE).days + 1) / 365.25
    outlets = all_outlets()
    wayback_cdx = wayback_fetch = cc_index = cc_fetch = 0.0
    for slug, outlet in outlets.items():
        urls = URLS_PER_YEAR.get(slug, ENGLISH_URLS_PER_YEAR if "en" in outlet.languages else 30_000) * years
        captures = urls * CAPTURES_PER_URL
        queries = len(url_prefixes(outlet, SINCE, UNTIL))
        # Each query is at least one page; the lines a domain query lists include non-articles (x2).
        listed = captures * (1 if queries > len(outlet.domains) else 2)
        wayback_cdx += max(queries, listed / CDX_LINES_PER_PAGE)
        keep = prefilter_keep if "ar" in outlet.languages else 1.0
        wayback_fetch += captures * keep
        cc_index += CC_CRAWLS_IN_RANGE * max(queries, listed * CC_COVERAGE / CC_CRAWLS_IN_RANGE / 15000)
        cc_fetch += urls * CC_COVERAGE * keep
    wayback = wayback_cdx + wayback_fetch
    per_day = 86400 / delay
    return {"years": years, "wayback_cdx": wayback_cdx, "wayback_fetch": wayback_fetch, "cc_index": cc_index,
            "cc_fetch": cc_fetch, "wayback_days": wayback / per_day, "cc_index_days": cc_index / per_day,
            "cc_data_days": cc_fetch / per_day}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=80, help="articles per archive for the rate (delays 0)")
    parser.add_argument("--polite-articles", type=int, default=10, help="articles per archive at 1 s politeness")
    args = parser.parse_args()

    print("== Rate on loopback (pywb stand-ins), per source ==")
    print(f"{'source':12} {'delay':>5} {'stored':>6} {'requests':>8} {'req/article':>11} {'crawl s':>8} {'articles/s':>10}")
    for r in measure_rate(args.articles, args.polite_articles):
        print(f"{r['source']:12} {r['delay']:>5} {r['stored']:>6} {r['requests']:>8} {r['requests_per_article']:>11.2f} "
              f"{r['crawl_s']:>8.1f} {r['per_s']:>10.2f}")

    print("\n== Slug prefilter on Arabic article URLs ==")
    p = prefilter_on_slugs()
    print(f"judge: {p['judge']}")
    print(f"talks coverage kept: {p['talks_kept']}/{p['talks']}; other news kept: {p['other_kept']}/{p['other']}")
    print("talks slugs dropped:", *p["lost"], sep="\n  ")
    print("other slugs kept:", *p["let_through"], sep="\n  ")
    # An outlet's whole output: a few percent is talks coverage (assumed TALKS_SHARE), the rest other news.
    keep_share = TALKS_SHARE * p["talks_kept"] / p["talks"] + (1 - TALKS_SHARE) * p["other_kept"] / p["other"]
    print(f"share of an Arabic outlet's URLs fetched with the prefilter on ({TALKS_SHARE:.0%} talks): {keep_share:.1%}")

    print("\n== Full backfill estimate: 21 outlets, 2023-11-01..2025-10-31, 1 request/s per archive host ==")
    for label, share in (("prefilter=0", 1.0), (f"prefilter on ({keep_share:.1%} of Arabic URLs)", keep_share)):
        e = estimate(share)
        print(f"{label}: Wayback {e['wayback_cdx']:,.0f} CDX pages + {e['wayback_fetch']:,.0f} captures "
              f"= {e['wayback_days']:.1f} days; Common Crawl {e['cc_index']:,.0f} index pages "
              f"({e['cc_index_days']:.1f} days) + {e['cc_fetch']:,.0f} records ({e['cc_data_days']:.1f} days, "
              "in parallel: other hosts)")


if __name__ == "__main__":
    main()
