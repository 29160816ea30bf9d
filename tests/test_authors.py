"""Bylines by convention: English, Arabic, agency credits, roles, bylines in the page and in the body."""

from __future__ import annotations

import pytest
from lxml import html

from crawler.extraction import extract_article
from crawler.extraction.authors import body_byline, byline_names, normalize_names, split_byline


@pytest.mark.parametrize("byline, names", [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("By Jane Doe, John Roe and Sam Poe", ["Jane Doe", "John Roe", "Sam Poe"]),
    ("Jane Doe | Senior Correspondent", ["Jane Doe"]),
    ("Jane Doe, Middle East Correspondent", ["Jane Doe"]),
    ("Text by NEWS WIRES", ["NEWS WIRES"]),
    ("Von Anna Schmidt", ["Anna Schmidt"]),
    ("Elena Oberholzer (obe)", ["Elena Oberholzer"]),
    ("كتب: محمد عبد الله", ["محمد عبد الله"]),
    ("بقلم أحمد علي", ["أحمد علي"]),
    ("محمد علي وأحمد حسن", ["محمد علي", "أحمد حسن"]),
    # "و" that starts a name is not "and"
    ("وليد خالد", ["وليد خالد"]),
    ("Follow @janedoe", []),
    ("https://example.com/author/jane", []),
])
def test_split_byline(byline, names):
    assert split_byline(byline) == names


def test_structured_names_keep_role_like_wording():
    # A JSON-LD Person name is a name field, not prose: keep it as the outlet wrote it.
    assert normalize_names(["Guardian staff reporter"], structured=True) == ["Guardian staff reporter"]
    assert normalize_names(["Jane Doe", "jane doe"]) == ["Jane Doe"]


@pytest.mark.parametrize("line, names", [
    ("By Jane Doe", ["Jane Doe"]),
    ("كتب: محمد عبد الله", ["محمد عبد الله"]),
    ("By the end of the week, the delegations had left Cairo.", []),
    ("Bystanders said the convoy passed at noon.", []),
])
def test_body_byline_lines(line, names):
    assert body_byline(line) == names


def test_page_byline_is_the_one_under_the_headline_not_related_stories():
    tree = html.fromstring("""<html><body>
      <div class="teaser"><div class="byline">By Other Person</div></div>
      <h1>Cairo talks resume</h1>
      <div class="wrap-byline"><span class="byline">By <a href="/writers/jane-doe">Jane Doe</a></span>
        <span class="date">8 January 2020, 3:51 pm</span></div>
      <p>Body text.</p>
      <ul class="related"><li><div class="byline">By <a href="/writers/x">Someone Else</a></div></li></ul>
    </body></html>""")
    assert byline_names(tree) == ["Jane Doe"]


def test_several_author_links_in_one_byline():
    tree = html.fromstring("""<html><body><h1>T</h1>
      <p class="article-authors"><a rel="author" href="/a/1">Layla Hassan</a>, <a rel="author" href="/a/2">Omar Said</a></p>
    </body></html>""")
    assert byline_names(tree) == ["Layla Hassan", "Omar Said"]


def _page(jsonld: str, extra: str = "") -> bytes:
    return f"""<html><head><meta property="og:site_name" content="Nile Wire">
      <script type="application/ld+json">{jsonld}</script>{extra}</head>
      <body><h1>Headline of the story</h1><p>Text.</p></body></html>""".encode()


def test_jsonld_people_win_and_the_outlet_credit_is_dropped():
    item = extract_article(_page('{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Rob Jones"},'
                                 ' {"@type": "Organization", "name": "Nile Wire"}]}'), "https://nilewire.example/a")
    assert item["authors"] == ["Rob Jones"]
    assert item["provenance"]["authors"] == "jsonld:author"


def test_organization_author_is_the_last_resort():
    page = _page('{"@type": "NewsArticle", "author": {"@type": "NewsMediaOrganization", "name": "Nile Wire"}}')
    item = extract_article(page, "https://nilewire.example/a")
    assert item["authors"] == ["Nile Wire"]
    assert item["provenance"]["authors"] == "jsonld:author:organization"
    with_person = _page('{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Nile Wire"}}',
                        '<meta name="author" content="By Sara Ali, Cairo Correspondent">')
    item = extract_article(with_person, "https://nilewire.example/a")
    assert item["authors"] == ["Sara Ali"]
    assert item["provenance"]["authors"] == "meta:author"


def test_agency_credits_beside_reporters_are_not_authors():
    page = b"""<html><head><meta name="author" content="By Jane Doe and John Roe, Reuters"></head>
      <body><h1>Headline of the story</h1><p>Text.</p></body></html>"""
    assert extract_article(page, "https://example.com/a")["authors"] == ["Jane Doe", "John Roe"]
    agency_only = b"""<html><head><meta name="author" content="Reuters"></head>
      <body><h1>Headline of the story</h1><p>Text.</p></body></html>"""
    assert extract_article(agency_only, "https://example.com/a")["authors"] == ["Reuters"]
    arabic = "<html><body><h1>عنوان الخبر</h1><div class=\"byline\">كتب: أحمد علي، رويترز</div><p>نص.</p></body></html>"
    assert extract_article(arabic.encode(), "https://example.com/a")["authors"] == ["أحمد علي"]


def test_comment_authors_are_not_the_byline():
    tree = html.fromstring("""<html><body><h1>T</h1><p>Body.</p>
      <div class="comments"><span class="comment-author">Angry Reader</span></div></body></html>""")
    assert byline_names(tree) == []
