"""Discovery parsers: news sitemaps, sitemap indexes, RSS/Atom feeds, section pages, and
the pre-fetch relevance check."""

from __future__ import annotations

import gzip

import pytest
from scrapy.http import HtmlResponse

from crawler.discovery import DiscoveredLink, LinkPrefilter, parse_feed, parse_listing_page, parse_sitemap
from crawler.discovery.feeds import NotAFeed
from crawler.discovery.prefilter import keyword_should_fetch, url_words
from crawler.discovery.sitemaps import NotASitemap, SitemapTooLarge, sitemap_body

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://www.example.com/world/hamas-delegation-cairo-2024-05-06/</loc>
    <image:image><image:loc>https://img.example.com/a.jpg</image:loc><image:title>A photo</image:title></image:image>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-06T10:00:00+00:00</news:publication_date>
      <news:title>Hamas delegation arrives in Cairo for truce talks</news:title>
      <news:keywords>Gaza, ceasefire, Egypt</news:keywords>
    </news:news>
  </url>
  <url><loc>https://www.example.com/sport/final-2024-05-06/</loc><lastmod>2024-05-06</lastmod></url>
  <url><lastmod>2024-05-06</lastmod></url>
</urlset>"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.com/sitemap-2024-05.xml</loc><lastmod>2024-05-31</lastmod></sitemap>
  <sitemap><loc>https://www.example.com/sitemap-2019-01.xml</loc><lastmod>2019-01-31</lastmod></sitemap>
</sitemapindex>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار</title>
<item><title>وفد حماس يصل القاهرة لبحث الهدنة</title><link>https://www.example.com/story/2024/5/6/وفد/123</link>
<category>سياسة</category><pubDate>Mon, 06 May 2024 10:00:00 +0300</pubDate>
<description><![CDATA[<p>تفاصيل <b>المفاوضات</b></p>]]></description></item>
<item><title>No link here</title></item>
</channel></rss>""".encode("utf-8")

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>World</title>
<entry><title>Hostage deal talks resume</title><link rel="alternate" href="https://www.example.com/a-1.7287711"/>
<updated>2024-08-08T08:00:00Z</updated><category term="Middle East"/></entry>
</feed>"""


def test_news_sitemap_keeps_news_title_keywords_and_date_but_not_image_title():
    listing = parse_sitemap(NEWS_SITEMAP, source="s", kind="news_sitemaps")
    assert listing.kind == "urlset" and not listing.children
    assert [link.url for link in listing.links] == [
        "https://www.example.com/world/hamas-delegation-cairo-2024-05-06/",
        "https://www.example.com/sport/final-2024-05-06/",
    ]
    first, second = listing.links
    assert first.title == "Hamas delegation arrives in Cairo for truce talks"
    assert first.keywords == ["Gaza", "ceasefire", "Egypt"]
    assert first.published == "2024-05-06T10:00:00+00:00"
    assert (second.title, second.published) == ("", "2024-05-06")


def test_sitemap_index_lists_children_and_gzip_is_read():
    listing = parse_sitemap(gzip.compress(SITEMAP_INDEX), source="i")
    assert listing.kind == "sitemapindex" and not listing.links
    assert listing.children == [("https://www.example.com/sitemap-2024-05.xml", "2024-05-31"),
                                ("https://www.example.com/sitemap-2019-01.xml", "2019-01-31")]


@pytest.mark.parametrize("body", [b"<html><body>not a sitemap</body></html>", b"", b"\x00\x01garbage"])
def test_not_a_sitemap_is_a_clear_error(body):
    with pytest.raises(NotASitemap):
        parse_sitemap(body)


def test_gzip_bombs_and_broken_gzip_are_refused():
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(SitemapTooLarge):
        parse_sitemap(bomb, max_size=1_000_000)
    with pytest.raises(NotASitemap):
        parse_sitemap(gzip.compress(SITEMAP_INDEX)[:30])


def test_rss_feed_gives_titles_categories_and_plain_summaries():
    listing = parse_feed(RSS, source="f")
    assert len(listing.links) == 1  # the entry without a link is dropped
    link = listing.links[0]
    assert link.url == "https://www.example.com/story/2024/5/6/وفد/123"
    assert link.title == "وفد حماس يصل القاهرة لبحث الهدنة"
    assert link.keywords == ["سياسة"]
    assert link.summary == "تفاصيل المفاوضات"
    assert link.published.startswith("Mon, 06 May 2024")


def test_atom_feed_alternate_links():
    listing = parse_feed(ATOM)
    assert [(l.url, l.title, l.keywords) for l in listing.links] == [
        ("https://www.example.com/a-1.7287711", "Hostage deal talks resume", ["Middle East"])]


def test_html_is_not_a_feed():
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><head><title>x</head><body><p>oops</body>")


def test_section_page_links_with_headline_text():
    html = """<html><body>
      <a href="/news/world/gaza-talks-1.7000001"><img src="x.jpg"></a>
      <a href="/news/world/gaza-talks-1.7000001">Mediators push Gaza talks in Cairo</a>
      <a href="https://other.example.org/x">Elsewhere</a>
      <a href="javascript:void(0)">menu</a>
    </body></html>"""
    response = HtmlResponse("https://www.cbc.ca/news/world", body=html.encode(), encoding="utf-8")
    listing = parse_listing_page(response, kind="sections")
    by_url = {link.url: link for link in listing.links}
    assert by_url["https://www.cbc.ca/news/world/gaza-talks-1.7000001"].title == "Mediators push Gaza talks in Cairo"
    assert "https://other.example.org/x" in by_url
    assert not any(url.startswith("javascript") for url in by_url)


def test_prefilter_skips_obvious_off_topic_and_keeps_what_it_cannot_judge():
    prefilter = LinkPrefilter()
    assert prefilter.keep(DiscoveredLink(url="https://x.org/1", title="وفد حماس يصل القاهرة لبحث الهدنة"), "ar")
    assert prefilter.keep(DiscoveredLink(url="https://x.org/1", title="Hamas delegation in Cairo for truce talks"), "en")
    assert not prefilter.keep(DiscoveredLink(url="https://x.org/1", title="Oilers beat Panthers to win the Stanley Cup final"), "en")
    assert not prefilter.keep(DiscoveredLink(url="https://x.org/sport/football-cup-final-winners-2024-03-07/"), "en")
    # An id-only URL with no title says nothing: fetch it and judge the page.
    assert prefilter.keep(DiscoveredLink(url="https://www.cairo24.com/2320761"), "ar")
    assert LinkPrefilter(enabled=False).keep(DiscoveredLink(url="https://x.org/1", title="Stanley Cup final"), "en")


def test_keyword_fallback_and_url_words():
    assert url_words("https://www.bbc.com/news/articles/clymn8zyrp9o") == "news articles"
    assert "ceasefire" in url_words("https://x.org/world/gaza-ceasefire-talks-2024-03-07/")
    assert keyword_should_fetch("مفاوضات الهدنة في القاهرة", "ar")
    assert not keyword_should_fetch("Stanley Cup final", "en")


def test_a_truncated_gzip_sitemap_keeps_what_could_be_unpacked():
    whole = gzip.compress(SITEMAP_INDEX)
    assert sitemap_body(whole) == SITEMAP_INDEX
    partial = sitemap_body(whole[: len(whole) - 12])  # the trailer and some data missing
    assert partial and SITEMAP_INDEX.startswith(partial)
    assert sitemap_body(gzip.compress(b"x" * 1000), max_size=1000) == b"x" * 1000
