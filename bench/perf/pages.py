"""A synthetic news mirror: Arabic and English article pages built from our own templates.

Real news pages are mostly not the article: inline CSS and JavaScript, a large
navigation menu, related links, figures, trackers. Each page here carries a unique
article (JSON-LD or meta data, a byline, a date, 400-1,200 words with attributed
statements about the talks, some off-topic) inside 100-600 KB of such markup,
laid out by one of four site templates so no single layout decides the result.

The mirror is written once per (size, seed) as gzip files, the way a news server
sends them. A page names its own path (canonical, og:url, JSON-LD @id); the server
rewrites it when it serves a page under another URL (the 20k run reuses the 2k
pages), so such a copy is a syndicated duplicate, not a re-fetch of the original.
"""

from __future__ import annotations

import gzip
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

LINKS_PER_LISTING = 50
MIRROR_VERSION = 2  # bump when the templates change: a mirror built by older ones is rebuilt
MIN_PAGE_BYTES, MAX_PAGE_BYTES = 100_000, 600_000

EN = {
    "speakers": ["Egyptian Foreign Minister Sameh Shoukry", "a senior Hamas official", "Israeli Prime Minister Benjamin Netanyahu",
                 "Qatari mediator Majed al-Ansari", "US Secretary of State Antony Blinken", "a diplomat briefed on the talks",
                 "White House spokesman John Kirby", "an Egyptian security source", "Hamas leader Ismail Haniyeh",
                 "an Israeli official who declined to be named", "the head of Egypt's intelligence service"],
    "verbs": ["said", "told reporters", "said in a statement", "told Reuters", "warned", "insisted", "added", "confirmed"],
    "claims": ["the delegations had made real progress on the first phase", "a deal could be reached within days",
               "the proposal does not meet the movement's demands", "the release of hostages remains the priority",
               "the sides had agreed on the number of prisoners to be exchanged", "the gaps remain wide on a permanent ceasefire",
               "talks in Cairo would resume on Sunday", "humanitarian aid must enter Gaza without conditions",
               "the Rafah crossing would reopen once the truce takes effect", "no agreement had been reached on the withdrawal of troops",
               "mediators were working on a new draft", "the six-week pause would allow displaced families to return north"],
    "qualifiers": ["after a meeting with the Egyptian intelligence chief", "according to the latest draft seen by the delegations",
                   "despite overnight strikes on Rafah", "before the start of Ramadan", "as Qatar pressed both sides to compromise",
                   "while families of the captives protested outside the parliament", "in a phone call with his Qatari counterpart",
                   "following a visit by the CIA director to the Egyptian capital", "once the technical teams finish their work",
                   "amid reports of a new American bridging proposal", "unless the army halts its offensive in Khan Younis",
                   "during a press conference at the foreign ministry", "hours after the security cabinet convened in Tel Aviv",
                   "in remarks carried by the state news agency", "on the sidelines of a summit in the Gulf"],
    "places": ["Cairo", "Doha", "Rafah", "Khan Younis", "Jerusalem", "Washington", "Paris", "Beirut", "Amman", "Gaza City"],
    "filler": ["Negotiators met for a second day in the Egyptian capital.", "The talks are mediated by Egypt, Qatar and the United States.",
               "Families of hostages held protests in Tel Aviv on Saturday night.", "Aid trucks lined up at the Rafah crossing.",
               "The war has displaced most of Gaza's 2.3 million people.", "A previous truce in November lasted one week.",
               "Delegations from both sides shuttled between hotels in Cairo.", "The draft includes three phases of forty-two days each."],
    "offtopic": ["The central bank kept interest rates unchanged on Thursday.", "Football fans packed the stadium for the derby.",
                 "The museum reopened after a two-year renovation.", "Wheat prices rose for a third consecutive week.",
                 "The festival drew thousands of visitors from across the region.", "A new metro line will open next year."],
    "headlines": ["Cairo talks on Gaza truce enter {n}th day as mediators push new draft", "Hamas delegation in Cairo for hostage deal talks, round {n}",
                  "Israel weighs Egyptian proposal for ceasefire and hostage release ({n})", "Mediators see progress in Cairo ceasefire talks, day {n}"],
    "offtopic_headlines": ["Markets close higher as rates hold, session {n}", "City marathon draws record field in edition {n}"],
    "authors": ["Sarah Mitchell", "Omar Haddad", "James Porter", "Leila Nasser", "Daniel Cohen", "Nadia Farouk"],
    "nav": ["World", "Middle East", "Politics", "Business", "Opinion", "Sport", "Culture", "Science", "Video", "Podcasts"],
    "read_more": "Read more:", "by": "By", "lang": "en", "dir": "ltr",
}
AR = {
    "speakers": ["وزير الخارجية المصري سامح شكري", "مصدر مصري مطلع", "قيادي في حركة حماس", "رئيس الوزراء الإسرائيلي بنيامين نتنياهو",
                 "المتحدث باسم الخارجية القطرية ماجد الأنصاري", "وزير الخارجية الأمريكي أنتوني بلينكن", "مصدر أمني مصري",
                 "رئيس المكتب السياسي لحركة حماس إسماعيل هنية", "مسؤول إسرائيلي رفض الكشف عن اسمه", "دبلوماسي غربي مطلع على المفاوضات"],
    "verbs": ["قال", "أكد", "صرح", "أوضح", "أعلن", "شدد"],
    "claims": ["الوفود أحرزت تقدما حقيقيا في المرحلة الأولى", "الاتفاق قد يتم خلال أيام", "المقترح لا يلبي مطالب الحركة",
               "الإفراج عن المحتجزين يبقى الأولوية", "الطرفين اتفقا على عدد الأسرى الذين سيتم الإفراج عنهم",
               "الفجوات ما زالت واسعة بشأن وقف دائم لإطلاق النار", "المفاوضات في القاهرة ستستأنف يوم الأحد",
               "المساعدات الإنسانية يجب أن تدخل غزة دون شروط", "معبر رفح سيعاد فتحه فور سريان الهدنة",
               "لم يتم التوصل إلى اتفاق بشأن انسحاب القوات", "الوسطاء يعملون على مسودة جديدة"],
    "qualifiers": ["بعد لقاء مع رئيس المخابرات المصرية", "وفقا لأحدث مسودة اطلعت عليها الوفود", "رغم الغارات الليلية على رفح",
                   "قبل حلول شهر رمضان", "بينما تضغط قطر على الطرفين لتقديم تنازلات", "في حين تظاهرت عائلات الأسرى أمام البرلمان",
                   "في اتصال هاتفي مع نظيره القطري", "عقب زيارة مدير المخابرات الأمريكية إلى القاهرة", "فور انتهاء الفرق الفنية من عملها",
                   "وسط أنباء عن مقترح أمريكي جديد لتقريب المواقف", "ما لم يوقف الجيش هجومه على خان يونس",
                   "خلال مؤتمر صحفي بمقر وزارة الخارجية", "بعد ساعات من اجتماع المجلس الوزاري المصغر في تل أبيب",
                   "في تصريحات نقلتها وكالة الأنباء الرسمية", "على هامش قمة في الخليج"],
    "places": ["القاهرة", "الدوحة", "رفح", "خان يونس", "القدس", "واشنطن", "باريس", "بيروت", "عمان", "مدينة غزة"],
    "filler": ["واجتمع المفاوضون لليوم الثاني في العاصمة المصرية.", "وتتوسط مصر وقطر والولايات المتحدة في المفاوضات.",
               "وتظاهرت عائلات المحتجزين في تل أبيب مساء السبت.", "واصطفت شاحنات المساعدات عند معبر رفح.",
               "وأدت الحرب إلى نزوح معظم سكان قطاع غزة.", "واستمرت الهدنة السابقة في نوفمبر أسبوعا واحدا.",
               "وتنقلت الوفود بين فنادق القاهرة طوال اليوم.", "وتتضمن المسودة ثلاث مراحل مدة كل منها اثنان وأربعون يوما."],
    "offtopic": ["أبقى البنك المركزي أسعار الفائدة دون تغيير يوم الخميس.", "احتشد المشجعون في الاستاد لمتابعة مباراة القمة.",
                 "أعيد افتتاح المتحف بعد عامين من التجديد.", "ارتفعت أسعار القمح للأسبوع الثالث على التوالي.",
                 "اجتذب المهرجان آلاف الزوار من مختلف أنحاء المنطقة.", "سيتم افتتاح خط جديد للمترو العام المقبل."],
    "headlines": ["مفاوضات القاهرة بشأن الهدنة في غزة تدخل يومها {n} وسط مسودة جديدة", "وفد حماس في القاهرة لبحث صفقة الأسرى في الجولة {n}",
                  "إسرائيل تدرس المقترح المصري لوقف إطلاق النار وتبادل الأسرى ({n})", "الوسطاء يتحدثون عن تقدم في مفاوضات القاهرة، اليوم {n}"],
    "offtopic_headlines": ["البورصة تغلق على ارتفاع مع تثبيت الفائدة في الجلسة {n}", "ماراثون المدينة يسجل رقما قياسيا في نسخته {n}"],
    "authors": ["أحمد عبد الله", "منى السيد", "محمود حسن", "سارة إبراهيم", "خالد مصطفى", "هبة علي"],
    "nav": ["أخبار مصر", "عربي ودولي", "سياسة", "اقتصاد", "رياضة", "فن", "حوادث", "مقالات", "فيديو", "منوعات"],
    "read_more": "اقرأ أيضاً:", "by": "كتب", "lang": "ar", "dir": "rtl",
}
# Four layouts: container class, byline markup, whether JSON-LD carries articleBody.
TEMPLATES = [
    {"site": "Nile Daily", "body": "article-body", "byline": "byline", "structured": "jsonld-body"},
    {"site": "Delta News", "body": "story-content", "byline": "author-name", "structured": "jsonld"},
    {"site": "Sinai Post", "body": "entry-content", "byline": "writer", "structured": "jsonld-body"},
    {"site": "Red Sea Herald", "body": "content-text", "byline": "article-author", "structured": "meta"},
]


def _padding_pool(rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """Site-wide CSS, JS and widget markup (~20 KB each): the same on many pages, as on real sites."""
    css, js, widgets = [], [], []
    for b in range(24):
        rules = []
        while sum(map(len, rules)) < 20_000:
            cls = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz-") for _ in range(rng.randint(6, 18)))
            rules.append(f".{cls}-{b}{{margin:{rng.randint(0, 40)}px {rng.randint(0, 40)}px;color:#{rng.randrange(16**6):06x};"
                         f"font-size:{rng.randint(10, 32)}px;line-height:{rng.random():.2f}}}\n")
        css.append("".join(rules))
        parts = []
        while sum(map(len, parts)) < 20_000:
            name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 12)))
            parts.append(f"window.__{name}{b}=function(e,t){{var n=e&&e[{rng.randint(0, 9)}]||{rng.randint(0, 999)};"
                         f"if(t>{rng.randint(0, 99)})return n*{rng.randint(2, 9)};return '{name}'+n}};\n")
        js.append("".join(parts))
        cards = []  # "most read" / "more stories" widgets: many small elements, SVG icons, ad slots
        while sum(map(len, cards)) < 20_000:
            m = rng.randrange(100_000)
            cards.append(f'<div class="card card--{b}"><a href="/more/{m}" class="card__link"><div class="card__media">'
                         f'<img src="/img/t/{m}.jpg" srcset="/img/t/{m}-320.jpg 320w, /img/t/{m}-640.jpg 640w" loading="lazy" alt="">'
                         f'</div><div class="card__body"><span class="card__kicker">#{m % 97}</span><h3 class="card__title">'
                         f'Story {m}</h3><svg class="icon" viewBox="0 0 24 24"><path d="M{m % 24} 2L{m % 7} 12l5 {m % 9}z"/></svg>'
                         f'</div></a></div><div class="ad-slot" data-slot="{m}" id="ad-{m}"></div>\n')
        widgets.append(f'<section class="widget widget--{b}"><h2>More stories</h2>{"".join(cards)}</section>')
    return css, js, widgets


def article_path(n: int, published: datetime, language: str) -> str:
    return f"/{language}/news/{published:%Y/%m/%d}/story-{n}.html"


class MirrorBuilder:
    def __init__(self, pages: int, seed: int = 11):
        self.pages = pages
        self.seed = seed
        rng = random.Random(seed)
        self.css, self.js, self.widgets = _padding_pool(rng)
        self.start = datetime(2024, 1, 10, 8, 0, tzinfo=timezone(timedelta(hours=2)))

    def meta(self, n: int) -> dict:
        """URL path, language and date of article ``n`` (cheap: used for listings and the 20k copies)."""
        language = "ar" if n % 2 == 0 else "en"
        published = self.start + timedelta(minutes=37 * n)
        return {"n": n, "language": language, "published": published, "path": article_path(n, published, language)}

    def article(self, n: int) -> str:
        rng = random.Random(self.seed * 1_000_003 + n)
        meta = self.meta(n)
        lang = AR if meta["language"] == "ar" else EN
        template = TEMPLATES[(n // 2) % len(TEMPLATES)]
        on_topic = n % 5 != 4  # one in five is about something else, as on a section page
        headline = rng.choice(lang["headlines"] if on_topic else lang["offtopic_headlines"]).format(n=n + 2)
        author = rng.choice(lang["authors"])
        paragraphs = []
        for _ in range(rng.randint(12, 34)):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                if on_topic and rng.random() < 0.3:  # about a third of a talks story is attributed statements
                    speaker, verb = rng.choice(lang["speakers"]), rng.choice(lang["verbs"])
                    # Many distinct statements, a few repeated across stories, as in real coverage.
                    claim = f"{rng.choice(lang['claims'])} {rng.choice(lang['qualifiers'])}"
                    if lang is AR:
                        sentences.append(f"و{verb} {speaker} إن {claim}، مضيفا أن المشاورات مستمرة في {rng.choice(lang['places'])}."
                                         if rng.random() < 0.5 else f"{verb} {speaker}: «{claim}».")
                    else:
                        sentences.append(f"{claim[0].upper()}{claim[1:]}, {speaker} {verb} in {rng.choice(lang['places'])}."
                                         if rng.random() < 0.5 else f"\"{claim[0].upper()}{claim[1:]},\" {speaker} {verb}.")
                else:
                    pool = lang["filler"] if on_topic else lang["offtopic"]
                    sentences.append(f"{rng.choice(pool)[:-1]} ({rng.randint(1, 99999)}).")
            paragraphs.append(" ".join(sentences))
        description = paragraphs[0][:180]
        url = meta["path"]
        published = meta["published"].isoformat()
        structured = template["structured"]
        jsonld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline, "datePublished": published,
                  "dateModified": published, "author": [{"@type": "Person", "name": author}], "inLanguage": lang["lang"],
                  "mainEntityOfPage": {"@type": "WebPage", "@id": url}, "description": description,
                  "publisher": {"@type": "Organization", "name": template["site"]}, "articleSection": lang["nav"][1],
                  "keywords": ", ".join(lang["nav"][:3])}
        if structured == "jsonld-body":
            jsonld["articleBody"] = "\n".join(paragraphs)
        head = [f'<meta charset="utf-8"><title>{headline} | {template["site"]}</title>',
                f'<link rel="canonical" href="{url}"><meta property="og:url" content="{url}">',
                f'<meta property="og:title" content="{headline}"><meta property="og:type" content="article">',
                f'<meta name="description" content="{description}"><meta property="og:description" content="{description}">',
                f'<meta property="article:published_time" content="{published}">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">']
        if structured != "meta":
            head.append(f'<script type="application/ld+json">{json.dumps(jsonld, ensure_ascii=False)}</script>')
        else:
            head.append(f'<meta name="author" content="{author}">')
        target = rng.randint(MIN_PAGE_BYTES, MAX_PAGE_BYTES - 25_000)  # the last block may overshoot
        nav = "".join(f'<li><a href="/{lang["lang"]}/section/{k}/{i}">{name}</a></li>'
                      for i, name in enumerate(lang["nav"] * 6) for k in [i % 10])
        related = "".join(
            f'<li><a href="{self.meta(m)["path"]}">{rng.choice(lang["headlines"]).format(n=m)}</a></li>'
            for m in rng.sample(range(self.pages), k=min(12, self.pages)))
        body_html = []
        for i, paragraph in enumerate(paragraphs):
            body_html.append(f"<p>{paragraph}</p>")
            if i == 3:
                body_html.append(f'<figure><img src="/img/{n}.jpg" alt=""><figcaption>{lang["filler"][0]}</figcaption></figure>')
            if i == 6:
                m = rng.randrange(self.pages)
                body_html.append(f'<p class="read-more"><strong>{lang["read_more"]}</strong> '
                                 f'<a href="{self.meta(m)["path"]}">{rng.choice(lang["headlines"]).format(n=m)}</a></p>')
        page_open = (f'<!DOCTYPE html><html lang="{lang["lang"]}" dir="{lang["dir"]}"><head>{"".join(head)}')
        article = (f'</head><body class="page-article"><header class="site-header"><a class="logo" href="/">{template["site"]}</a>'
                   f'<nav class="main-menu"><ul>{nav}</ul></nav></header><main><article>'
                   f'<h1 class="headline">{headline}</h1><div class="{template["byline"]}">{lang["by"]} '
                   f'<a href="/author/{n % 6}" rel="author">{author}</a></div>'
                   f'<time datetime="{published}">{meta["published"]:%d %B %Y %H:%M}</time>'
                   f'<div class="{template["body"]}">{"".join(body_html)}</div></article>'
                   f'<aside class="related"><h2>{lang["read_more"]}</h2><ul>{related}</ul></aside></main>'
                   f'<footer class="site-footer"><ul>{nav}</ul><p>© {template["site"]}</p></footer>')
        padding, size = [], len(page_open) + len(article)
        k = rng.randrange(len(self.css))
        while size < target:  # site CSS in <head>, site JS at the end, until the page has its size
            kind = k % 3
            block = (f"<style>{self.css[k % len(self.css)]}</style>" if kind == 0 else
                     f"<script>{self.js[k % len(self.js)]}</script>" if kind == 1 else self.widgets[k % len(self.widgets)])
            padding.append(block)
            size += len(block.encode("utf-8"))
            k += 1
        styles = "".join(p for p in padding if p.startswith("<style>"))
        scripts = "".join(p for p in padding if p.startswith("<script>"))
        widgets = "".join(p for p in padding if p.startswith("<section"))
        return f"{page_open}{styles}{article.replace('</footer>', widgets + '</footer>')}{scripts}</body></html>"

    def listing(self, index: int, count: int) -> str:
        """Section page ``index`` of a mirror of ``count`` articles (count may exceed ``pages``: copies)."""
        links = "".join(f'<li><a class="story-link" href="{self.meta(m)["path"]}">story {m}</a></li>'
                        for m in range(index * LINKS_PER_LISTING, min(count, (index + 1) * LINKS_PER_LISTING)))
        return f'<!DOCTYPE html><html><head><title>Latest {index}</title></head><body><ul>{links}</ul></body></html>'

    def index(self, count: int) -> str:
        listings = (count + LINKS_PER_LISTING - 1) // LINKS_PER_LISTING
        links = "".join(f'<li><a class="listing-link" href="/list/{i}.html">page {i}</a></li>' for i in range(listings))
        return f'<!DOCTYPE html><html><head><title>Sections</title></head><body><ul>{links}</ul></body></html>'

    def build(self, folder: Path) -> Path:
        """Write the mirror's articles (gzip) into ``folder``, unless a complete one is there already."""
        done = folder / "complete.json"
        key = {"pages": self.pages, "seed": self.seed, "version": MIRROR_VERSION}
        if done.is_file() and json.loads(done.read_text()) == key:
            return folder
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(self.pages):
            (folder / f"{n}.html.gz").write_bytes(gzip.compress(self.article(n).encode("utf-8"), compresslevel=6, mtime=0))
        done.write_text(json.dumps(key))
        return folder
