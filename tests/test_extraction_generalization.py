"""Rules that carry to pages no rule was written for (issue 15), on pages written for them:
dates never counted from the time of reading, day/month order from the page's locale,
dates outside the article ignored, JSON-LD dates only of the page's own article, the
whole article body (lead, code, tables of text, definition lists), and a meta title's
tagline left out of the headline."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from crawler.extraction import extract_article
from crawler.extraction.body import holds_more_than
from crawler.extraction.dates import date_order, parse_date_iso
from tests.support.crawl import run_scrapy

PROSE = ("Negotiators from both delegations met again on Tuesday afternoon and went through the "
         "remaining points of the draft, one by one, until late in the evening. ")


def page(head: str = "", body: str = "", lang: str = "en") -> bytes:
    return (f'<html lang="{lang}"><head><title>Page</title>{head}</head><body><main><article>'
            f"<h1>Delegations return to the table in Cairo</h1>{body}"
            f'<div class="article-body"><p>{PROSE * 3}</p><p>{PROSE * 2}</p></div>'
            f"</article></main></body></html>").encode()


def test_relative_and_year_less_dates_need_a_fetch_time():
    assert parse_date_iso("3 hours ago") is None
    assert parse_date_iso("منذ ساعتين") is None
    assert parse_date_iso("5 March") is None
    fetched = datetime(2021, 6, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_date_iso("3 hours ago", reference=fetched) == "2021-06-01T09:00:00+00:00"
    assert parse_date_iso("5 March", reference=fetched).startswith("2021-03-05")
    # a full date needs no fetch time
    assert parse_date_iso("5 March 2021").startswith("2021-03-05")


def test_scrapy_extract_counts_relative_dates_from_the_manifests_fetch_time(tmp_path):
    html = page(body='<span class="post-date">2 hours ago</span>')
    (tmp_path / "a.html").write_bytes(html)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        json.dumps({"url": "https://news.example/a", "path": "a.html", "fetched_at": "2020-03-02T10:00:00Z"}) + "\n"
        + json.dumps({"url": "https://news.example/a", "path": "a.html"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_scrapy(["extract", str(manifest), "-o", str(out)])
    with_fetch_time, without = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert with_fetch_time["published"] == "2020-03-02T08:00:00+00:00"
    assert without.get("published") is None  # never dated by the day the page is read


@pytest.mark.parametrize("locale, order", [
    ("en-US", "MDY"), ("en", "MDY"), ("en-GB", "DMY"), ("en_AU", "DMY"), ("de-DE", "DMY"), ("de", "DMY"),
    ("fr", "DMY"), ("ja", "YMD"), ("zh-CN", "YMD"), ("", None), ("x-klingon", None),
])
def test_day_and_month_order_follows_the_locale(locale, order):
    assert date_order(locale) == order


@pytest.mark.parametrize("lang, url, printed, expected", [
    ("de", "https://news.example/a", "04.02.2022", "2022-02-04"),
    ("en-GB", "https://news.example/a", "04/02/2022", "2022-02-04"),
    ("en-US", "https://news.example/a", "04/02/2022", "2022-04-02"),
    ("en", "https://news.example.co.uk/a", "04/02/2022", "2022-02-04"),  # the country domain decides
])
def test_printed_numeric_dates_read_in_the_pages_order(lang, url, printed, expected):
    item = extract_article(page(body=f'<div class="article-date">{printed}</div>', lang=lang), url)
    assert item["published"][:10] == expected


def test_dates_in_comments_sidebars_and_footers_are_not_the_articles():
    body = ('<aside><span class="date">12.01.2019</span></aside>'
            '<div class="comments"><span class="comment-date">13.01.2019</span></div>'
            '<div class="entry-date">14.02.2021</div>')
    item = extract_article(page(body=body, lang="de"), "https://news.example/a")
    assert item["published"][:10] == "2021-02-14"
    only_outside = '<div class="comments"><span class="comment-date">13.01.2019</span></div>'
    item = extract_article(page(body=only_outside + '<footer><p class="date">© 2019</p></footer>', lang="de"),
                           "https://news.example/a")
    assert not (item.get("published") or "").startswith("2019-01-13")


def test_jsonld_date_only_of_the_pages_own_article():
    items = [{"@type": "NewsArticle", "headline": f"Story {n}", "url": f"https://news.example/story-{n}",
              "datePublished": f"2023-0{n}-01T10:00:00Z"} for n in (1, 2, 3)]
    graph = f'<script type="application/ld+json">{json.dumps({"@graph": items})}</script>'
    meta = '<meta property="article:published_time" content="2024-05-07T08:00:00+00:00">'
    item = extract_article(page(head=graph + meta), "https://news.example/this-story")
    assert item["published"] == "2024-05-07T08:00:00+00:00"
    assert item["provenance"]["published"] == "meta:article:published_time"
    # the same list naming this page: that item's date is the page's
    items[1]["url"] = "https://news.example/this-story"
    graph = f'<script type="application/ld+json">{json.dumps({"@graph": items})}</script>'
    item = extract_article(page(head=graph + meta), "https://news.example/this-story")
    assert item["published"].startswith("2023-02-01") and item["provenance"]["published"] == "jsonld:datePublished"


def test_body_is_the_whole_article():
    html = f"""<html lang="en"><head><title>x</title></head><body>
      <nav><p>{PROSE}</p></nav>
      <article><header><h1>How the ceasefire draft is built</h1>
        <div class="byline">By Sam Writer</div>
        <p class="excerpt">The lead: a summary of the draft that the template prints in the header of the article.</p>
      </header>
      <div class="post-content">
        <p>{PROSE * 3}</p>
        <h2>The timetable</h2>
        <ul><li>Phase one lasts six weeks and covers the exchange of detainees.</li>
            <li>Phase two starts only after a review by the mediators.</li></ul>
        <pre>phase_one = review(draft, weeks=6)</pre>
        <table><tr><th>Phase</th><th>Length</th></tr><tr><td>One</td><td>Six weeks</td></tr></table>
        <dl><dt>Guarantor</dt><dd>Egypt and Qatar, with the United States.</dd></dl>
        <p>{PROSE * 2}</p>
        <figure><img src="x.jpg"><figcaption>Delegates arrive at the venue on Tuesday morning.</figcaption></figure>
        <div class="newsletter-signup"><p>Sign up for our newsletter to get every update on the talks by email.</p></div>
        <div class="related-stories"><p>{PROSE}</p></div>
      </div>
      <section class="comments"><p>A reader wrote a long comment about the talks and the mediators here.</p></section>
      </article></body></html>"""
    item = extract_article(html.encode(), "https://blog.example/draft")
    body = item["body"]
    assert item["paragraphs"][0].startswith("The lead: a summary")
    for text in ("The timetable", "Phase two starts only after a review", "phase_one = review(draft, weeks=6)",
                 "One | Six weeks", "Guarantor", "Egypt and Qatar"):
        assert text in body
    for text in ("Delegates arrive at the venue", "Sign up for our newsletter", "A reader wrote"):
        assert text not in body
    assert body.index("The lead") < body.index("The timetable") < body.index("phase_one") < body.index("Guarantor")


_ARTICLE_BODY = f'<p>{PROSE * 3}</p><p>{PROSE * 2}</p>'


@pytest.mark.parametrize("lead, html", [
    # written straight into a <div>, as sentences; a caption-like <div> beside it is not a lead
    ("Talks resume in Cairo after a week of pauses. Both delegations bring revised maps of the corridor.",
     '<body><article><h1>Delegations return to the table</h1><div class="post-excerpt">{lead}</div>'
     '<div class="photo-note">Delegates at the venue. Photo: Agency of the week of talks</div>'
     '<div class="post-content">{body}</div></article></body>'),
    # the only <h1> sits in the breadcrumb: the element the template names as the excerpt
    ("What employers must know when a child falls ill and a parent has to stay at home for days.",
     '<body><div class="breadcrumb"><ul><li><h1>Sick child</h1></li></ul></div><article>'
     '<div class="article-header"><p class="article-excerpt">{lead}</p></div>'
     '<div class="article-content">{body}</div></article></body>'),
    # ... or in the page's <main>, above the <article> that holds the body
    ("Constant tiredness without a visible cause can come from illnesses that are easy to test for.",
     '<body><div class="breadcrumb"><span><h1>Always tired</h1></span></div><main><header class="entry-header">'
     '<div class="lead"><p>{lead}</p></div></header><article><div class="entry-content">{body}</div></article>'
     '</main></body>'),
])
def test_the_lead_above_the_body_opens_it(lead, html):
    page_html = f"<html><head><title>x</title></head>{html.format(lead=lead, body=_ARTICLE_BODY)}</html>"
    item = extract_article(page_html.encode(), "https://magazine.example/lead")
    assert item["paragraphs"][0] == lead
    assert item["provenance"]["paragraphs"] == "html:container"
    assert "Delegates at the venue" not in item["body"]


def test_the_lead_is_read_below_the_articles_h1_not_the_site_logo():
    # The theme prints the site's name as the first <h1>, in the page's header; the article's
    # own <h1> and its lead sit in the <article>'s header, beside the body; an <h1> inside
    # the body (an embedded story) is not the article's.
    lead = "A lawyer explains what the ruling on search results changes, and how readers can ask for removal."
    html = ('<html><head><title>x</title></head><body>'
            '<header role="banner"><div class="mainhead"><hgroup><h1>Tech Daily</h1></hgroup></div></header>'
            '<div class="wrapper"><article class="post"><div>'
            f'<header><h1>Ruling on search results, explained</h1><p>{lead}</p>'
            '<span class="byline">by Dana Editor, 14 May</span></header>'
            f'<div class="story"><h1>Earlier: the court hearing</h1><p>{PROSE * 3}</p><p>{PROSE * 2}</p></div>'
            '</div></article></div></body></html>')
    item = extract_article(html.encode(), "https://techdaily.example/ruling")
    assert item["paragraphs"][0] == lead
    assert "Dana Editor" not in item["body"]


def test_a_body_split_into_blocks_of_one_class_is_read_whole():
    def widget(kind: str, text: str) -> str:
        return f'<div class="article-widget article-widget-{kind}"><div class="wrap"><p>{text}</p></div></div>'
    first = "Finance ministers of the mediating states allocated new funds to the monitoring mission on Monday."
    html = ('<html><head><title>x</title></head><body><article><h1>Monitoring mission gets funds</h1>'
            '<div class="article-widgets">' + widget("text", first)
            + widget("related_articles", "Earlier: the mission's first report on the crossings, read it here now.")
            + widget("text", PROSE * 5) + widget("text", PROSE * 3) + "</div></article></body></html>")
    item = extract_article(html.encode(), "https://news.example/funds")
    assert item["paragraphs"][0] == first
    assert item["body"].count(PROSE.strip()) == 8
    assert "first report on the crossings" not in item["body"]  # the related-articles block is furniture


def test_a_body_split_around_a_paywall_marker_is_read_whole():
    # The opening paragraph sits in its own block, the rest in the metered part beside it;
    # both are written with the template's one paragraph class. The teaser block beside the
    # article, with its own paragraph class, stays out.
    opening = ("When the delegations reached the hotel in Cairo on Sunday, the mediators had already "
               "circulated a new draft of the ceasefire text to both sides.")
    body = "".join(f'<p class="css-p1x">Part {n}. {PROSE * 2}</p>' for n in (1, 2, 3))
    html = ('<html><head><title>x</title></head><body><main><article><h1>Mediators circulate a new draft</h1>'
            f'<div class="article-content"><div class="css-a9"><p class="css-p1x">{opening}</p></div>'
            f'<div class="metered-content">{body}</div></div>'
            f'<div class="css-teaser"><p class="css-t7">{PROSE}</p></div></article></main></body></html>')
    item = extract_article(html.encode(), "https://news.example/draft")
    assert item["provenance"]["paragraphs"] == "html:container"
    assert item["paragraphs"][0] == opening
    assert item["body"].count(PROSE.strip()) == 6


def test_style_written_into_body_blocks_is_not_text():
    # CSS-in-JS templates put a <style> inside each styled element, headings included.
    css = ".css-h2x{font-weight:700;margin:0 0 4px 0;-webkit-hyphens:auto;hyphens:auto;}"
    html = ('<html><head><title>x</title></head><body><article><h1>Talks go on</h1><div class="story">'
            f'<p>{PROSE * 3}</p><h2 class="css-h2x"><style data-emotion="css h2x">{css}</style>'
            f'<span>The timetable</span></h2><p>{PROSE * 2}<script>window.adSlot = 3;</script></p>'
            '</div></article></body></html>')
    item = extract_article(html.encode(), "https://news.example/styled")
    assert "The timetable" in item["paragraphs"]
    assert "hyphens" not in item["body"] and "adSlot" not in item["body"]


def test_a_container_holding_its_article_is_trusted_with_much_prose_outside_it(monkeypatch):
    # A blog post followed by a long thread of readers' replies in plain <div>s: the post's
    # container holds only about 60% of the page's prose, but all of its <article>'s.
    replies = "".join(f'<div class="reply"><p>Reader {n} answers at length: {PROSE}</p></div>' for n in range(4))
    html = ('<html><head><title>x</title></head><body><main><article><h1>Notes from the talks</h1>'
            f'<div class="entry"><p>{PROSE * 3}</p><p>Second part. {PROSE * 2}</p><p>Third part. {PROSE * 2}</p></div>'
            f'</article></main><div class="thread">{replies}</div></body></html>')
    monkeypatch.setattr("crawler.extraction.article.trafilatura_paragraphs", lambda tree, url: ["not asked"])
    item = extract_article(html.encode(), "https://blog.example/notes")
    assert item["provenance"]["paragraphs"] == "html:container"
    assert "Third part" in item["body"] and "Reader 1" not in item["body"]
    # the same prose outside any <article> or <main> leaves the container untrusted
    item = extract_article(html.replace("article>", "section>").replace("main>", "div>").encode(),
                           "https://blog.example/notes")
    assert item["provenance"]["paragraphs"] == "trafilatura"


def test_holds_more_than_counts_words_with_repeats():
    assert holds_more_than(["a b c d", "e f"], ["a b", "c d"])
    assert not holds_more_than(["a b c d"], ["a b c d"])  # the same text: nothing more
    assert not holds_more_than(["a b c d e f"], ["a b x y"])  # half of it elsewhere
    assert not holds_more_than(["a b c d e f"], ["a a a"])  # one "a" is not three


def test_an_untrusted_container_that_holds_trafilaturas_body_and_more_is_the_body(monkeypatch):
    # The container holds under 80% of the page's prose (a second prose block beside it, and
    # no <article> to tell which is the article's), so trafilatura is asked; its reading lies
    # inside the container, which holds more.
    html = (f'<html><head><title>x</title></head><body><div class="post"><h1>Talks go on</h1><div class="story">'
            f'<p>{PROSE * 3}</p><p>Second paragraph of the story, with the timetable of the mediators for the week.</p>'
            f'</div></div><div class="box"><p>{PROSE * 2}</p></div></body></html>')
    monkeypatch.setattr("crawler.extraction.article.trafilatura_paragraphs", lambda tree, url: [PROSE.strip() * 3])
    item = extract_article(html.encode(), "https://news.example/untrusted")
    assert item["provenance"]["paragraphs"] == "html:container+trafilatura"
    assert "timetable of the mediators" in item["body"]
    # trafilatura's reading reaching outside the container is taken as it is
    monkeypatch.setattr("crawler.extraction.article.trafilatura_paragraphs", lambda tree, url: [PROSE * 5])
    item = extract_article(html.encode(), "https://news.example/untrusted")
    assert item["provenance"]["paragraphs"] == "trafilatura"


@pytest.mark.parametrize("og_title, expected, source", [
    ("Delegations return to the table in Cairo » All the news on the talks",
     "Delegations return to the table in Cairo", "html:h1+meta:og:title"),
    # a kicker before the headline is the outlet's own headline form
    ("Mideast - Delegations return to the table in Cairo", "Mideast - Delegations return to the table in Cairo",
     "meta:og:title"),
])
def test_a_meta_titles_tagline_is_not_part_of_the_headline(og_title, expected, source):
    item = extract_article(page(head=f'<meta property="og:title" content="{og_title}">'), "https://news.example/a")
    assert (item["headline"], item["provenance"]["headline"]) == (expected, source)


def _story(body: str, url: str = "https://news.example/story") -> dict:
    html = f'<html><head><title>x</title></head><body><div class="site">{body}</div></body></html>'
    return extract_article(html.encode(), url)


def test_the_lead_in_the_articles_own_header_when_the_container_is_the_whole_article():
    # The paragraphs sit straight in the <article>, so the container is the article itself; its
    # <header> (never read as body elsewhere: a page's header is furniture) prints the lead.
    lead = "Monitors will travel to the crossings next week, the first time since the truce began in spring."
    item = _story('<article class="story"><header class="story-header"><h1>Monitors head to the crossings</h1>'
                  f'<p class="story-subtitle">{lead}</p><div class="story-meta"><div class="bookmark-popover">'
                  '<p>Save this story by creating a free account, or sign in if you already have one.</p></div>'
                  f'<span>By Lina Reporter</span></div></header><p>{PROSE * 3}</p><p>{PROSE * 2}</p></article>')
    assert item["paragraphs"][0] == lead
    assert "Save this story" not in item["body"]  # a popover in the header is furniture


def test_a_form_inside_the_article_is_not_text_unless_it_wraps_the_page():
    follow = "Never miss a dispatch from the talks: enter your email address below to get every new post."
    item = _story(f'<article><h1>Talks go on</h1><div class="entry"><p>{PROSE * 3}</p><p>{PROSE * 2}</p>'
                  f'<form action="/follow" class="blog-follow"><p>{follow}</p><p><input type="email"></p></form>'
                  '</div></article>')
    assert item["provenance"]["paragraphs"] == "html:container" and follow not in item["body"]
    # an ASP.NET page is one <form>: the article inside it is still read
    item = _story(f'<form id="aspnetForm" action="/page.aspx"><article><h1>Talks go on</h1><div class="entry">'
                  f'<p>{PROSE * 3}</p><p>{PROSE * 2}</p></div></article></form>')
    assert item["body"].count(PROSE.strip()) == 5


def test_a_linked_sentence_is_text_a_linked_teaser_line_is_not():
    sentence = ('<a href="/2024/first-round">After the first round ended without a deal on Monday</a>, '
                'the mediators met again.')
    teaser = 'More from our correspondent: <a href="/2024/map">the map of the corridor, drawn by both sides</a>'
    item = _story(f'<article><h1>Talks go on</h1><div class="entry"><p>{PROSE * 3}</p><p>{sentence}</p>'
                  f'<p>{teaser}</p><p>{PROSE * 2}</p></div></article>')
    assert "After the first round ended without a deal on Monday, the mediators met again." in item["paragraphs"]
    assert "More from our correspondent" not in item["body"]


def test_embedded_teasers_media_players_and_disclosures_are_not_text():
    item = _story(f'<article><h1>Talks go on</h1><div class="entry"><p>{PROSE * 3}</p>'
                  '<div class="embed-article"><h4>From our archive</h4>'
                  '<p>The first draft of the ceasefire text, and what the mediators changed in it.</p></div>'
                  '<div class="audio-player"><h4>Listen to this article</h4></div>'
                  '<p class="disclosure-note">This page contains affiliate links; we may earn a commission.</p>'
                  f'<p>{PROSE * 2}</p></div></article>')
    assert item["body"].count(PROSE.strip()) == 5
    for text in ("From our archive", "first draft of the ceasefire", "Listen to this", "affiliate links"):
        assert text not in item["body"]


def test_without_a_usable_h1_the_prose_before_the_container_in_its_article_opens_the_body():
    # The only <h1> is the last step of the breadcrumb; the opening paragraph is printed apart
    # from the body block, inside the same <article>, with no class naming it a lead.
    lead = "Neuss · What can artificial intelligence do in a classroom, beyond helping pupils cheat at homework?"
    item = _story('<nav class="crumbs"><ol><li>Home</li><li><h1>AI at school</h1></li></ol></nav><main><article>'
                  f'<p class="text-50 px-4">{lead}</p><div class="copy"><p>{PROSE * 3}</p><p>{PROSE * 2}</p></div>'
                  '</article></main>')
    assert item["paragraphs"][0] == lead


def test_a_lead_is_read_without_the_css_written_into_it():
    lead = "Monitors will travel to the crossings next week, the first time since the truce began in spring."
    css = ".css-l1{font-size:1.2rem;line-height:1.5;-webkit-hyphens:auto;hyphens:auto;}"
    item = _story(f'<article><div class="head"><h1>Monitors head out</h1><p class="css-l1"><style>{css}</style>'
                  f'{lead}</p></div><div class="entry"><p>{PROSE * 3}</p><p>{PROSE * 2}</p></div></article>')
    assert item["paragraphs"][0] == lead
