"""The extractor's fast paths give the same answers as the straightforward code they replace,
on the real pages of ../shared/corpus and on the fixture pages.

- ``parse_html``: the tree parsel builds (``Selector(text=...).root``), without libxml2's id table;
  from a page's own UTF-8 bytes, the tree of its text decoded and encoded again.
- ``blocks_outside`` and the container finder's <p> XPath: walking up from every block to
  look for a skipped ancestor.
- The container finder's long-text XPath: the one that also returned text inside <script>.
- ``clean_text``: a whitespace regex instead of ``str.split()``, and every pass on ASCII text too.
- ``h1_candidates``: the XPaths "//article//h1", "//main//h1" and "//h1".
- ``is_byline_element`` and ``_is_outside_article``: one regex search for the substring and
  token-by-token tests; the printed-date finder's XPath: the walk over every element.
- ``byline_elements``: the XPath ``//body//*[...]`` byline test and the <h1>'s ``following::*``.
- ``ignorecase_search``: the IGNORECASE pattern's own search; the printed-date finder's and
  ``_article_only``'s walks over class/id strings: a walk over every element.
- ``ProseMap.in_furniture``, remembered along ancestor chains: the walk up from each element.
- htmldate asked with an empty page and the URL: its answer on the whole page, where the URL
  has a date.
- ``ProseMap``'s lengths credited once per parent and its remembered texts: the walk up from
  each paragraph and ``clean_text(text_content())`` of each element.
- ``_outside_parts`` (htmldate's page without its furniture), from the printed-date finder's names
  and the <footer>/<aside>/<nav> found by tag: the walk over every element below <body>; and the
  page put back as it was.
- ``elements_by_tag`` and what is read from it (JSON-LD texts, canonical href, first <time>
  datetime, <h1>s, <meta>s): the document-wide XPaths and ``meta_tags``.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest
from lxml import etree
from parsel import Selector

from crawler.extraction.article import (
    _ARTICLE_TOKEN_RE,
    _DATE_CLASS_RE,
    _EMPTY_PAGE,
    _NAMES_OR_H1_XPATH,
    _OUTSIDE_ARTICLE_RE,
    _article_only,
    _date_class_search,
    _decode,
    _is_outside_article,
    _named_elements,
    _outside_article_search,
    _outside_parts,
    canonical_href,
    elements_by_tag,
    first_time_datetime,
    h1_candidates,
    jsonld_texts,
    parse_html,
)
from crawler.extraction.authors import byline_elements, byline_names, is_byline_element
from crawler.extraction.body import (
    _ARTICLE_NAME_RE,
    _DOM_SKIP,
    _FURNITURE_RE,
    _LONG_TEXT_XPATH,
    _LOOSE_IGNORE,
    _PROSE_PARAGRAPHS_XPATH,
    _SKIP_ANCESTORS,
    BLOCK_TAGS,
    ProseMap,
    _article_name_search,
    _furniture_search,
    blocks_outside,
)
from crawler.extraction.structured import meta_tags, meta_values
from crawler.extraction.text import _HEBREW_MARKS_RE, _INVISIBLE_RE, clean_text, ignorecase_search
from tests.conftest import FIXTURES, shared_path

# Pages whose markup the fast paths must not misread: leading/trailing spaces, NUL bytes,
# content after </html> (libxml2 opens a second <html> beside the root), blocks inside
# <svg>/<figure>/<script>, nested skipped elements.
ODD_PAGES = [
    "  \n<html><body><p>a</p></body></html>\n\t ",
    "<p>one\x00two</p>",
    "<html><body><p>in</p></body></html><p>after</p><figure><p>caption</p></figure>",
    "<html><body><figure><aside><p>x</p></aside><h2>y</h2></figure><li><p>z</p></li>"
    "<svg><p>in svg</p></svg><script>var p = '<p>no</p>';</script><blockquote>q</blockquote>"
    "<figure><div><p>a block under a root inside a skipped element</p></div></figure>"
    "<div>" + "loose text long enough to count as prose in a page written without paragraphs " * 2
    + "<script>" + "var long_enough_to_be_measured = 1; " * 3 + "</script>"
    + "and a tail after the script that is long enough to count as well, surely"
    "<p>a paragraph long enough to be measured, which the loose-text finder leaves to the paragraph finder"
    "<a>a link text long enough to be measured, which the loose-text finder never reads as prose</a>"
    "and a tail after the link, inside the paragraph, long enough to be measured too</p></div></body></html>",
    "<html><body><div class='Byline'><h1 class='author-title'>Title <a href='/author/x'>X</a></h1></div>"
    "<p rel='nofollow\tauthor'>By Y</p><a rel='authors' href='/writers/z'>Z</a><i itemprop=' author'>no</i>"
    "</body></html><div><span itemprop='author'>After the root</span></div>",
    "<html><body><p class='byline'>By A</p></body></html><h1>A headline after the root</h1><a href='/people/b'>B</a>",
    "<html><body><h1>Logo</h1><main><h1>In main</h1><article><h1>In both</h1></article></main>"
    "<article><main><h1>Both, other way</h1></main></article></body></html><article><h1>After</h1></article>",
    "<!-- only a comment -->",
    "plain text, no markup",
]


def _real_pages() -> list[str]:
    corpus = shared_path("corpus")
    texts = [_decode((corpus / entry["file"]).read_bytes())[0]
             for entry in json.loads((corpus / "index.json").read_text(encoding="utf-8"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "pages").glob("*.html"))]
    return texts


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return _real_pages() + ODD_PAGES


def test_parse_html_builds_the_tree_parsel_builds(pages):
    for text in pages:
        expected = Selector(text=text, type="html").root
        got = parse_html(text)
        assert etree.tostring(got.getroottree()) == etree.tostring(expected.getroottree())
        # What XPath sees document-wide (a second <html> after the root included).
        assert got.xpath("string(/)") == expected.xpath("string(/)")
        assert len(got.xpath("//node()")) == len(expected.xpath("//node()"))


def test_a_page_fetched_as_utf8_is_parsed_from_its_own_bytes_to_the_same_tree():
    corpus = shared_path("corpus")
    from_bytes = 0
    for entry in json.loads((corpus / "index.json").read_text(encoding="utf-8")):
        raw = (corpus / entry["file"]).read_bytes()
        # as fetched, with a BOM, with blank lines, with spaces only str.strip() takes (NBSP, U+001C, U+2028)
        for data in (raw, b"\xef\xbb\xbf" + raw, b" \n" + raw + b"\r\n\t", "\u00a0\x1c ".encode() + raw + "\n\u2028".encode()):
            text, utf8 = _decode(data)
            from_bytes += utf8 is not None
            assert etree.tostring(parse_html(text, utf8)) == etree.tostring(parse_html(text))
    assert from_bytes >= 100  # of the 4 x 57 readings: most corpus pages are UTF-8 that is not ASCII


def _inner_roots(tree) -> list:
    """The whole page, and inner elements (some inside a skipped one, some holding one)."""
    return [tree] + list(tree.iter("body", "main", "article", "div", "figure", "aside", "li"))[:40]


def _walking_up(root, tags, skipped_ancestors) -> list:
    """The blocks with no skipped element among their ancestors, walked up one by one
    (a block tag is never a skipped one, so the block itself needs no test)."""
    assert not set(tags) & set(skipped_ancestors)
    return [e for e in root.iter(*tags) if not any(a.tag in skipped_ancestors for a in e.iterancestors())]


@pytest.mark.parametrize("tags, skipped", [
    (("p", "h2", "h3", "blockquote", "li"), _SKIP_ANCESTORS),
    (BLOCK_TAGS, _SKIP_ANCESTORS),
])
def test_blocks_outside_matches_walking_up_from_every_block(pages, tags, skipped):
    for text in pages:
        for root in _inner_roots(parse_html(text)):
            assert blocks_outside(root, tags, skipped) == _walking_up(root, tags, skipped)


def test_prose_paragraph_xpath_matches_walking_up_from_every_paragraph(pages):
    for text in pages:
        for root in _inner_roots(parse_html(text)):
            assert _PROSE_PARAGRAPHS_XPATH(root) == _walking_up(root, ("p",), _DOM_SKIP)


def test_long_text_xpath_leaves_out_only_script_text_which_the_finder_ignores(pages):
    assert "script" in _LOOSE_IGNORE
    every_long_text = etree.XPath("//body//text()[string-length(normalize-space(.)) >= 60]")
    for text in pages:
        tree = parse_html(text)
        # A text node's XPath parent is the element the finder calls its owner.
        expected = [t for t in every_long_text(tree)
                    if (t.getparent().getparent() if t.is_tail else t.getparent()).tag != "script"]
        assert _LONG_TEXT_XPATH(tree) == expected


_REGEX_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def _clean_text_with_regex(value: str | None) -> str:
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value)
    value = _INVISIBLE_RE.sub("", value)
    value = _HEBREW_MARKS_RE.sub("", value)  # niqqud and cantillation go too (docs/hebrew.md)
    return _REGEX_SPACES.sub(" ", value).strip()


def test_clean_text_treats_every_code_point_as_the_space_regex_did():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        for value in (f"a{char}b", f"{char}{char}x{char}", char):
            assert clean_text(value) == _clean_text_with_regex(value), hex(code)


def test_clean_text_on_real_page_text(pages):
    for text in pages:
        tree = parse_html(text)
        for value in [text] + [e.text_content() for e in tree.iter("p", "li", "h1", "h2", "title", "div")]:
            assert clean_text(value) == _clean_text_with_regex(value)


_BYLINE_XPATH = etree.XPath(
    "//body//*[contains(concat(' ', normalize-space(@rel), ' '), ' author ') or @itemprop='author'"
    " or contains(@class, 'byline') or contains(@class, 'Byline') or contains(@class, 'BYLINE')"
    " or contains(@class, 'author') or contains(@class, 'Author') or contains(@class, 'AUTHOR')"
    " or contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/reporter/')"
    " or contains(@href, '/writers/') or contains(@href, '/people/') or contains(@href, '/journalist')]")


def test_byline_elements_match_the_xpath_and_the_h1_following_axis(pages):
    for text in pages:
        tree = parse_html(text)
        expected = _BYLINE_XPATH(tree)
        # Every <h1>, not only the first, to meet bylines before, inside and after it.
        for h1 in list(tree.xpath("//h1")) + [None]:
            ordered, after_h1 = byline_elements(tree, h1)
            assert ordered == expected
            if after_h1 is not None:
                assert after_h1 == [e for e in h1.xpath("following::*") if e in set(expected)]
            else:
                assert h1 is None or not h1.xpath("ancestor::body")


# Several canonical links (the first without href), JSON-LD scripts empty and not, <time>s
# without a datetime, with an empty one, and inside <article> after one outside it.
HEAD_ELEMENTS = "<html><head><link rel='canonical'><link rel='canonical' href='/a'><link rel='alternate' href='/b'>" \
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script><script type='application/ld+json'></script>" \
    "<script>var x = 1;</script><meta property='og:title' content='T'><meta name='Author' content=''></head>" \
    "<body><time>no</time><time datetime=''>empty</time><article><time datetime='2024-03-05'>x</time><h1>x</h1>" \
    "</article><meta itemprop='datePublished' content='2024'></body></html>"


def test_elements_found_by_tag_give_what_the_document_wide_xpaths_give(pages):
    beside_root = 0
    for text in pages + [HEAD_ELEMENTS]:
        tree = parse_html(text)
        elements = elements_by_tag(tree)
        for given in (elements, None):
            assert jsonld_texts(tree, given) == tree.xpath('//script[contains(@type, "ld+json")]/text()')
            assert canonical_href(tree, given) == next(iter(tree.xpath('//link[@rel="canonical"]/@href')), None)
            assert first_time_datetime(tree, given) == \
                next(iter(tree.xpath("(//article//time/@datetime | //time/@datetime)[1]")), None)
        if elements is None:  # markup after </html>: a second root the XPaths read
            beside_root += 1
            assert any(isinstance(e.tag, str) for e in tree.itersiblings())
            continue
        assert elements["h1"] == tree.xpath("//h1") == list(tree.iter("h1"))
        assert h1_candidates(tree, elements["h1"]) == h1_candidates(tree)
        assert elements["time"] == list(tree.iter("time"))
        assert elements["body"] == tree.xpath("//body")
        h1 = next(iter(elements["h1"]), None)
        assert byline_elements(tree, h1, elements["body"]) == byline_elements(tree, h1)
        assert byline_names(tree, elements) == byline_names(tree)
        assert meta_values(elements["meta"]) == meta_tags(tree)
    assert beside_root >= 2


def test_h1_candidates_match_the_three_xpaths(pages):
    for text in pages:
        tree = parse_html(text)
        assert h1_candidates(tree) == tuple(tree.xpath(path) for path in ("//article//h1", "//main//h1", "//h1"))


def _is_byline_element_by_substrings(element) -> bool:
    rel = element.get("rel")
    if rel is not None and "author" in rel.translate(str.maketrans("\t\n\r", "   ")).split(" "):
        return True
    if element.get("itemprop") == "author":
        return True
    names, href = element.get("class"), element.get("href")
    return (names is not None and any(w in names for w in ("byline", "Byline", "BYLINE", "author", "Author", "AUTHOR"))) \
        or (href is not None and any(w in href for w in ("/author/", "/authors/", "/reporter/", "/writers/", "/people/",
                                                          "/journalist")))


def _is_outside_article_token_by_token(node) -> bool:
    if node.tag in ("footer", "aside", "nav"):
        return True
    if node.tag in ("article", "main", "body", "html"):
        return False
    tokens = f"{node.get('class') or ''} {node.get('id') or ''}".split()
    if not any(_OUTSIDE_ARTICLE_RE.search(t) for t in tokens):
        return False
    return not any(_ARTICLE_TOKEN_RE.match(t) and not _OUTSIDE_ARTICLE_RE.search(t) for t in tokens)


def test_class_name_tests_match_the_token_and_substring_tests(pages):
    # Odd names too: the pattern split by spaces of every kind, and a word across two tokens.
    odd = "<div class='side\u00a0bar'><p class='foot er relatedstory'>x</p><i id='comment\tbox' class='article-body'>y</i>" \
          "<b class='xauthorx' href='/people'>z</b><a href='/writers/'>w</a></div>"
    for text in pages + [odd]:
        for element in parse_html(text).iter(etree.Element):
            assert is_byline_element(element) == _is_byline_element_by_substrings(element)
            assert _is_outside_article(element) == _is_outside_article_token_by_token(element)


def _names(element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


# Class names in other scripts and cases: Kelvin sign, long s, dotted I, German sharp s.
ODD_NAMES = "<html><body><h1 class='Post-DATE'>t</h1><div class='\u212aomment SIDEBAR'><p id='Footer'>f</p></div>" \
    "<span class='\u017fidebar'>s</span><i class='\u0130TEM-date \u00dfidebar'>i</i><em id='PUBLISH\u00e9'>e</em>" \
    "<aside>a</aside><footer class='x'>y</footer><b class='dateline' id='dateline'>twice</b></body></html>"


def test_ignorecase_search_finds_what_the_ignorecase_pattern_finds(pages):
    searches = [(_date_class_search, _DATE_CLASS_RE), (_outside_article_search, _OUTSIDE_ARTICLE_RE),
                (_furniture_search, _FURNITURE_RE), (_article_name_search, _ARTICLE_NAME_RE)]
    for text in pages + [ODD_NAMES]:
        for element in parse_html(text).iter(etree.Element):
            for value in (element.get("class") or "", element.get("id") or "", _names(element)):
                for search, pattern in searches:
                    assert bool(search(value)) == bool(pattern.search(value)), (value, pattern.pattern)
    with pytest.raises(ValueError):
        ignorecase_search(re.compile("Date", re.IGNORECASE))  # an upper-case letter would never match


def test_printed_date_walk_visits_every_date_named_element_and_h1_in_page_order(pages):
    for text in pages + [ODD_NAMES]:
        tree = parse_html(text)
        walked = [e for e in tree.iter(etree.Element) if e.tag == "h1" or _DATE_CLASS_RE.search(_names(e))]
        assert _named_elements(_NAMES_OR_H1_XPATH(tree), _date_class_search) == walked


# Furniture side by side under one parent and inside one another, before and after the root.
NESTED_OUTSIDE = "<html><body><div class='comments'><aside>a</aside><p>x</p><div class='related'>r</div></div>" \
    "<p>keep</p><nav>n</nav><p>k2</p><footer class='site-footer'><nav>in</nav></footer><div id='sidebar'>s</div>" \
    "<div class='article-content sticky-sidebar'>the article</div></body></html><aside>after the root</aside>"


def _outside_parts_by_walking(tree) -> list:
    body = next(tree.iter("body"), tree)
    outside = [e for e in body.iterdescendants(etree.Element) if _is_outside_article(e)]
    marked = set(outside)
    return [(e.getparent(), e.getparent().index(e), e) for e in outside
            if not any(a in marked for a in e.iterancestors())]


def test_outside_parts_are_the_walks_and_article_only_puts_them_back(pages):
    for text in pages + [ODD_NAMES, NESTED_OUTSIDE, "<p>no body</p>"]:
        tree = parse_html(text)
        before = etree.tostring(tree.getroottree())
        expected = set(_outside_parts_by_walking(tree))
        assert set(_outside_parts(tree)) == expected
        assert set(_outside_parts(tree, _NAMES_OR_H1_XPATH(tree))) == expected
        with _article_only(tree, _NAMES_OR_H1_XPATH(tree)) as article:
            assert all(element.getparent() is None for _, _, element in expected)
            assert not any(_is_outside_article(e) for e in next(article.iter("body"), article).iterdescendants(etree.Element))
        assert etree.tostring(tree.getroottree()) == before


def test_in_furniture_remembered_along_chains_matches_the_walk_up(pages):
    for text in pages:
        tree = parse_html(text)
        prose = ProseMap(tree)
        for stop in (None, *list(tree.iter("article", "main", "div"))[:5]):
            for element in tree.iter(etree.Element):
                walk, node = False, element
                while node is not None and node is not stop:
                    if prose.is_furniture(node):
                        walk = True
                        break
                    node = node.getparent()
                assert prose.in_furniture(element, stop) == walk


def test_prose_map_sums_and_texts_are_the_ones_read_element_by_element(pages):
    for text in pages:
        tree = parse_html(text)
        prose = ProseMap(tree)
        # Every paragraph's length credited to every ancestor, one walk up per paragraph.
        inside: dict = {}
        for p, length in prose.paragraphs.items():
            for ancestor in p.iterancestors():
                inside[ancestor] = inside.get(ancestor, 0) + length
        for element in tree.iter(etree.Element):
            assert prose.prose_in(element) == inside.get(element, 0)
            assert prose.text_of(element) == clean_text(element.text_content())


@pytest.mark.parametrize("url", ["https://example.com/2024/03/05/story.html", "https://example.com/news/story-1234",
                                 "https://example.com/20240305/story"])
def test_htmldate_with_an_empty_page_answers_from_the_url_as_it_does_with_the_page(url):
    from htmldate import find_date

    options = {"url": url, "original_date": True, "outputformat": "%Y-%m-%d", "extensive_search": False}
    page = parse_html("<html><head><meta property='article:published_time' content='2021-01-02'></head>"
                      "<body><time datetime='2022-06-07'>7 June 2022</time></body></html>")
    from_url = find_date(_EMPTY_PAGE, **options)
    if from_url:
        assert find_date(page, **options) == from_url  # the page is not read when the URL has a date
    else:
        assert find_date(page, **options) == "2021-01-02"
