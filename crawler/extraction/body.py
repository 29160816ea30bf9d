"""Article body: paragraphs in reading order.

Evidence order: an outlet's body selector; the JSON-LD ``articleBody`` when it
is complete, laid out as the page's own paragraphs where they can be found; the
page's prose container (``dom_body``: the element holding nearly all substantial,
link-poor paragraphs, minus captions, related links, embeds and other furniture);
trafilatura as the last resort, for pages where no container is a safe guess
(live blogs, prose spread over several blocks, pages written in <div>s and <br>s).
The container finder reuses the page's parsed tree, which is what makes it several
times faster than trafilatura.
"""

from __future__ import annotations

import re
from collections import Counter

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from .text import clean_text, ignorecase_search, is_boilerplate_line

# Block elements whose text makes a paragraph of an article body.
BLOCK_TAGS = ("p", "h2", "h3", "h4", "blockquote", "li")
_SKIP_ANCESTORS = {"script", "style", "noscript", "figure", "figcaption", "aside", "nav", "footer", "form", "button"}
_TRUNCATED_RE = re.compile(r"(?:\.\.\.|…|\[\.\.\.\])\s*$")


def paragraphs_in(element) -> list[str]:
    """Text of the block elements under ``element`` (itself if it has none), outermost only."""
    out: list[str] = []
    blocks = [e for e in element.iter(*BLOCK_TAGS) if not _inside_skipped(e, element)]
    # Keep outermost blocks: a <p> inside an <li> or <blockquote> is read once.
    block_set = set(blocks)
    for block in blocks:
        parent = block.getparent()
        nested = False
        while parent is not None and parent is not element:
            if parent in block_set:
                nested = True
                break
            parent = parent.getparent()
        if nested:
            continue
        text = clean_text(block.text_content())
        if text:
            out.append(text)
    if not out:
        text = clean_text(element.text_content())
        if text:
            out.append(text)
    return out


def _inside_skipped(element, root) -> bool:
    node = element
    while node is not None and node is not root:
        if isinstance(node.tag, str) and node.tag in _SKIP_ANCESTORS:
            return True
        node = node.getparent()
    return False


def blocks_outside(root, tags, skipped_ancestors) -> list:
    """``tags`` elements at or under ``root``, in document order, that have no ancestor
    whose tag is in ``skipped_ancestors``. Same answer as walking up from every block, but
    only the few blocks inside skipped elements are visited twice: walking up from each of
    hundreds of blocks (teaser headings, list items) cost more than the rest of the body finder."""
    if any(ancestor.tag in skipped_ancestors for ancestor in root.iterancestors()):
        return []
    inside_skipped = {block for skipped in root.iter(*skipped_ancestors) for block in skipped.iter(*tags)}
    return [block for block in root.iter(*tags) if block not in inside_skipped]


def split_article_body(text: str) -> list[str]:
    """JSON-LD articleBody as paragraphs: it may use newlines, or HTML."""
    if "<p" in text or "<br" in text:
        fragment = lxml_html.fragment_fromstring(text, create_parent="div")
        for br in fragment.iter("br"):
            br.tail = "\n" + (br.tail or "")
        paras = paragraphs_in(fragment)
        lines = [line for p in paras for line in p.split("\n")]
    else:
        lines = re.split(r"\s*\n+\s*", text)
    return [clean_text(line) for line in lines if clean_text(line)]


def is_complete_body(text: str | None) -> bool:
    """A JSON-LD articleBody worth trusting: long enough and not a cut-off teaser."""
    if not text:
        return False
    text = clean_text(text)
    return len(text) >= 400 and not _TRUNCATED_RE.search(text)


def align_with_page(body_text: str, tree) -> list[str] | None:
    """The page's own paragraphs that make up ``body_text``, or None if they do not cover it.

    articleBody often has lost its paragraph breaks; the DOM has them. We keep the
    DOM blocks whose text occurs in articleBody, in DOM order, if together they
    cover most of it.
    """
    target = clean_text(body_text)
    if not target:
        return None
    chosen: list[str] = []
    covered = 0
    seen: set[str] = set()
    for element in blocks_outside(tree, ("p", "h2", "h3", "blockquote", "li"), _SKIP_ANCESTORS):
        text = clean_text(element.text_content())
        if len(text) < 2 or text in seen:
            continue
        if text in target:
            seen.add(text)
            chosen.append(text)
            covered += len(text)
    if covered >= 0.8 * len(target):
        return chosen
    return None


def trafilatura_paragraphs(html: str | bytes, url: str | None) -> list[str]:
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=False,
        deduplicate=False,
        # With readability/jusText second opinions: they rescue bodies the fast pass cuts
        # short (must-contain and F1 +0.6 points on the held-out half of devpages); they cost
        # 2.5x on the few pages that get here, about 2% of the overall speed ratio.
        fast=False,
    )
    if not text:
        return []
    return [line for line in (clean_text(x) for x in text.split("\n")) if line and not is_boilerplate_line(line)]


_WORD_RE = re.compile(r"\w+")
# A body "holds" another when this share of the other's words is in it.
_HOLDS_SHARE = 0.95


def holds_more_than(outer: list[str], inner: list[str]) -> bool:
    """True when the paragraphs ``outer`` contain (nearly) every word of ``inner``, counted
    with repeats, and more words besides: two readings of the page agree on ``inner`` and
    ``outer`` keeps more of it."""
    outer_words = Counter(_WORD_RE.findall(" ".join(outer).casefold()))
    inner_words = Counter(_WORD_RE.findall(" ".join(inner).casefold()))
    inner_total = sum(inner_words.values())
    if not inner_total or sum(outer_words.values()) <= inner_total:
        return False
    return sum((inner_words & outer_words).values()) >= _HOLDS_SHARE * inner_total


# --- generic DOM body finder -------------------------------------------------------
# Class/id words of page furniture that sits inside or beside article containers.
_FURNITURE_WORDS = (
    "related", "recommend", "newsletter", "promo", "share", "sharing", "social", "comment", "subscri", "advert",
    "ad", "ads", "adslot", "ad-slot", "sidebar", "footer", "caption", "widget", "breadcrumb", "byline",
    "author", "bio", "tags", "taglist", "tag-list", "more", "signup", "sign-up", "popup",
    "modal", "popover", "tooltip", "embed", "embedded", "player", "disclosure", "cookie", "consent", "tweet", "twitter", "instagram", "tiktok", "podcast", "onetrust", "ot-sdk", "gdpr", "privacy", "trending", "most-read", "mostread", "outbrain", "taboola", "disclaimer", "copyright",
)
# A word counts at the start of a class token or after "-"/"_" ("article__related",
# "site-footer"), not inside another word ("withSidebar", "headline"), so wrappers
# named after a feature of the page do not hide the article.
_FURNITURE_RE = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(re.escape(w) for w in sorted(_FURNITURE_WORDS, key=len, reverse=True))
    + r")(?=$|[\s_\d-]|s\b)",
    re.IGNORECASE,
)
# Never article text, whatever their class. (<form> is not here: ASP.NET sites wrap
# the whole page in one.)
_DOM_SKIP = (_SKIP_ANCESTORS - {"form"}) | {"header", "select", "option", "label", "iframe", "svg", "template"}
_MIN_PARAGRAPH_CHARS = 25
# The <p>s outside never-article elements. With one tag, libxml2 tests the ancestors of the
# few <p>s only: three times faster than blocks_outside, which visits every <svg> icon.
_PROSE_PARAGRAPHS_XPATH = etree.XPath(
    "descendant-or-self::p[not(" + " or ".join(f"ancestor::{tag}" for tag in sorted(_DOM_SKIP)) + ")]")
# Text under these is either a paragraph already or never article text.
_LOOSE_IGNORE = _DOM_SKIP | set(BLOCK_TAGS) | {"h1", "h5", "h6", "script", "style", "noscript", "td", "th",
                                               "figcaption", "pre", "code", "a", "button", "title", "head", "textarea",
                                               "em", "strong", "b", "i", "u", "small", "sup", "sub", "cite", "time"}
# Long text nodes, found by libxml2 rather than a Python walk over every element. Script
# text (owned by a <script>, which _loose_prose ignores anyway) is left out before libxml2
# normalizes it: inline scripts are most of a page's text. The raw length is tested first
# (short text nodes are most nodes; a parent:: step on each cost more than it saved), as
# string-length() of the context node, which libxml2 measures without building a node set.
_LONG_TEXT_XPATH = etree.XPath(
    "//body/descendant::text()[string-length() >= 60][not(parent::script)][string-length(normalize-space()) >= 60]")
# When the container finder's answer is used instead of trafilatura (see ArticlePage.body).
MIN_CONTAINER_SHARE = 0.8
MIN_CONTAINER_CHARS = 400
# ... or half of it, when it holds this share of the prose in its <article> or <main>: the
# rest is outside the article (10 fewer pages sent to trafilatura on devpages, same
# must-contain on both halves: docs/extraction-evaluation.md).
MIN_SHARE_IN_ARTICLE = 0.5
_ARTICLE_HELD_SHARE = 0.9
# A furniture-named element that holds this share of the page's prose is the article
# wrapper after all ("article-content sticky-sidebar-relative").
_FURNITURE_MAX_SHARE = 0.5
# What the article container's text is read from: paragraphs and headings, plus the other
# ways articles carry text (code and preformatted text, definition lists, rows of text
# tables). A row is read as one line when its cells hold plain text; a layout table's
# rows hold paragraphs, which are then read themselves.
CONTAINER_BLOCKS = BLOCK_TAGS + ("h5", "h6", "pre", "dt", "dd", "tr")
_NOT_A_TEXT_ROW = ("p", "div", "table", "ul", "ol", "pre", "h2", "h3", "h4", "blockquote")
# A lead (standfirst, excerpt) printed between the headline and the body container is part
# of the article; this long, so that bylines and date lines there are not taken for it.
_MIN_LEAD_CHARS = 60
_SENTENCE_END_RE = re.compile(r"[.!?…。！？][\"'»”’)]?$")
# Class/id words templates give the lead printed above the body.
_LEAD_NAME_RE = re.compile(
    r"(?:^|[\s_-])(?:lead|lede|excerpt|intro|standfirst|summary|dek|subtitle|sub-?headline|abstract)(?=$|[\s_\d-])",
    re.IGNORECASE)
_CAMEL_RE = re.compile(r"([a-z])([A-Z])")  # "cookieBody" -> "cookie-Body"
_ARTICLE_NAME_RE = re.compile(r"article|content|body|story|post|entry|main|text", re.IGNORECASE)
_furniture_search = ignorecase_search(_FURNITURE_RE)
_article_name_search = ignorecase_search(_ARTICLE_NAME_RE)


def _link_density(element, text_length: int) -> float:
    if not text_length:
        return 1.0
    links = sum(len(a.text_content()) for a in element.iter("a"))
    return links / text_length


class ProseMap:
    """Where a page's prose is: every substantial, link-poor <p> and how many of its
    characters each ancestor holds. Built in one pass over the tree."""

    def __init__(self, tree):
        self._furniture: dict = {}
        self._in_furniture: dict = {}  # stop element -> {element: in furniture below it}
        self._class_holds_most: dict = {}
        self.paragraphs: dict = {}
        self.inside: dict = {}
        self._texts: dict = {}
        for p in _PROSE_PARAGRAPHS_XPATH(tree):
            text = self._texts[p] = clean_text(p.text_content())
            if len(text) < _MIN_PARAGRAPH_CHARS or _link_density(p, len(text)) > 0.5:
                continue
            self.paragraphs[p] = len(text)
        self.total = sum(self.paragraphs.values())
        self._credit_ancestors(self.paragraphs.items(), 1)
        # Paragraphs inside page furniture (related links, footers...) do not count.
        furniture = [p for p in self.paragraphs if self.in_furniture(p)]
        self._credit_ancestors([(p, self.paragraphs.pop(p)) for p in furniture], -1)
        # Elements carrying long text of their own, outside paragraphs (a lead or excerpt
        # written straight into a <div>).
        self.loose_owners: set = set()
        self.loose = self._loose_prose(tree)

    def text_of(self, element) -> str:
        """``clean_text(element.text_content())``, read once for the <p>s the map measured (the
        body is read from the same paragraphs). The tree must not change in between."""
        text = self._texts.get(element)
        return clean_text(element.text_content()) if text is None else text

    def _credit_ancestors(self, paragraphs, sign: int) -> None:
        """Add (or take away) each paragraph's length to every ancestor's, walking up once
        per parent: a body's paragraphs mostly share theirs."""
        by_parent: dict = {}
        for p, length in paragraphs:
            parent = p.getparent()
            if parent is not None:
                by_parent[parent] = by_parent.get(parent, 0) + sign * length
        for parent, length in by_parent.items():
            for ancestor in (parent, *parent.iterancestors()):
                self.inside[ancestor] = self.inside.get(ancestor, 0) + length

    def _loose_prose(self, tree) -> int:
        """Characters of long text runs outside any paragraph-like block and outside page
        furniture: pages whose article is written in <div>s and <br>s, not <p>s."""
        total = 0
        for text in _LONG_TEXT_XPATH(tree):
            owner = text.getparent()
            if owner is not None and text.is_tail:
                owner = owner.getparent()
            if owner is None or not isinstance(owner.tag, str) or owner.tag in _LOOSE_IGNORE:
                continue
            if any(isinstance(a.tag, str) and a.tag in _LOOSE_IGNORE for a in owner.iterancestors()):
                continue
            if not self.in_furniture(owner):
                total += len(text.strip())
                self.loose_owners.add(owner)
        return total

    def is_furniture(self, element) -> bool:
        cached = self._furniture.get(element)
        if cached is None:
            cached = self._furniture[element] = self._is_furniture(element)
        return cached

    def _is_furniture(self, element) -> bool:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DOM_SKIP:
            # A table of text is often wrapped in a <figure>; its caption still is not text.
            return not (tag == "figure" and next(element.iter("table"), None) is not None)
        if tag in ("body", "html", "article", "main"):
            return False
        if tag == "form":  # subscription, comment and search forms; ASP.NET wraps the whole page in one
            return not self._holds_most_prose(element)
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not names.strip() or not _furniture_search(_CAMEL_RE.sub(r"\1-\2", names)):
            return False
        # "article-content sticky-sidebar-relative": an article wrapper named after a
        # feature of its layout, recognisable by its own name and by holding most prose;
        # and the other parts of a body split into such blocks ("article-widget-text"),
        # recognisable by the same class beside it.
        if not _article_name_search(names):
            return True
        if self._holds_most_prose(element):
            return False
        parent, names = element.getparent(), element.get("class")
        if parent is None or not names:
            return True
        key = (parent, names)  # asked once per class among siblings, not once per sibling
        if key not in self._class_holds_most:
            self._class_holds_most[key] = any(
                self._holds_most_prose(e) for e in parent if e.get("class") == names)
        return not self._class_holds_most[key]

    def _holds_most_prose(self, element) -> bool:
        return self.inside.get(element, 0) >= _FURNITURE_MAX_SHARE * max(self.total, 1)

    def in_furniture(self, element, stop=None) -> bool:
        """Whether ``element`` or an ancestor below ``stop`` is furniture. The answer for
        every element on the way up is kept: paragraphs and blocks share their ancestors,
        and walking each one's whole chain was a third of the container finder's time."""
        known = self._in_furniture.get(stop)
        if known is None:
            known = self._in_furniture[stop] = {}
        path = []
        node, result = element, False
        while node is not None and node is not stop:
            cached = known.get(node)
            if cached is not None:
                result = cached
                break
            path.append(node)
            if self.is_furniture(node):
                result = True
                break
            node = node.getparent()
        for node in path:
            known[node] = result
        return result

    def prose_in(self, element) -> int:
        return self.inside.get(element, 0)


def find_body_container(tree, prose: ProseMap | None = None):
    """The element that holds most of the page's prose (readability's idea, simplified):
    each paragraph credits its parent fully and its grandparent half. Returns the
    container and the share of the page's prose inside it."""
    prose = prose or ProseMap(tree)
    scores: dict = {}
    for p, length in prose.paragraphs.items():
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + length
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0) + length / 2
    if not scores:
        return None, 0.0
    best = max(scores, key=scores.get)
    # Bodies split into sibling blocks (one per paragraph, ad slot or section): climb to
    # the nearest ancestor holding more prose, through single-child wrappers, while it
    # holds clearly more than where we stand.
    while True:
        ancestor = best.getparent()
        while ancestor is not None and ancestor.tag not in ("body", "html") \
                and prose.prose_in(ancestor) == prose.prose_in(best):
            ancestor = ancestor.getparent()
        if ancestor is None or ancestor.tag in ("body", "html") \
                or prose.prose_in(ancestor) < 1.25 * prose.prose_in(best):
            break
        best = ancestor
    while _siblings_continue_the_body(best, prose):
        best = best.getparent()
    total = sum(prose.paragraphs.values())
    return best, (prose.prose_in(best) / total if total else 0.0)


def _siblings_continue_the_body(container, prose: ProseMap) -> bool:
    """Whether the prose beside ``container``, under its parent, is more of the same body: a
    body split into sibling blocks (the opening paragraph apart from the rest, the part behind a
    paywall) keeps one paragraph class in all of them, which related teasers do not share."""
    parent = container.getparent()
    if parent is None or parent.tag in ("body", "html") or prose.prose_in(parent) <= prose.prose_in(container):
        return False
    inside = set(container.iter("p"))
    classes = {p.get("class") for p in inside if p in prose.paragraphs}
    beside = [p for p in parent.iter("p") if p in prose.paragraphs and p not in inside]
    return None not in classes and bool(beside) and all(p.get("class") in classes for p in beside)


def dom_body(tree):
    """Paragraphs of the main prose container and the share of the page's prose it holds
    (a low share means the prose is spread out, as on live blogs: not a safe guess).

    Only <p>-like blocks are paragraphs; text loose in <div>s counts as prose the
    container does not hold, so a page written in <div>s and <br>s is left to trafilatura
    (its own reading of such pages was right more often: docs/extraction-evaluation.md).
    """
    prose = ProseMap(tree)
    container, share = find_body_container(tree, prose)
    if container is None:
        return [], 0.0, None
    held = prose.prose_in(container)
    share = held / (held / share + prose.loose) if share else 0.0
    if MIN_SHARE_IN_ARTICLE <= share < MIN_CONTAINER_SHARE and _holds_its_article(container, held, prose):
        share = MIN_CONTAINER_SHARE  # the rest of the prose is outside the article: as safe a guess
    out = _read_blocks(container, prose)
    return _lead_before(tree, container, prose) + out, share, container


def _holds_its_article(container, held: int, prose: ProseMap) -> bool:
    """Whether ``container`` holds nearly all the prose of the <article> (else <main>) around it:
    then the page's other prose (a long comment thread, teasers with text) is outside the article."""
    wrapper = next((a for a in container.iterancestors() if a.tag in ("article", "main")), None)
    return wrapper is not None and held >= _ARTICLE_HELD_SHARE * prose.prose_in(wrapper)


def _read_blocks(container, prose: ProseMap) -> list[str]:
    """The text blocks under ``container`` (itself included), minus furniture and teasers."""
    out: list[str] = []
    blocks = [e for e in container.iter(*CONTAINER_BLOCKS)
              if not prose.in_furniture(e, container)
              and not (e.tag == "tr" and next(e.iter(*_NOT_A_TEXT_ROW), None) is not None)]
    block_set = set(blocks)
    # Blocks that carry a <style> or <script> (CSS-in-JS templates write one into each styled
    # element): their text is read without it.
    scripted = {a for code in container.iter("style", "script") for a in _ancestors_within(code, container)}
    for block in blocks:
        if any(a in block_set or a.tag == "a" for a in _ancestors_within(block, container)):
            continue  # read a <p> inside an <li> once; a card wrapped in a link is a teaser
        if block.tag == "tr":
            text = _row_text(block)
        elif block in scripted:
            text = _visible_text(block)
        else:
            text = prose.text_of(block)
        if not text or is_boilerplate_line(text):
            continue
        if block.tag == "li" and _link_density(block, len(text)) > 0.3:
            continue  # link lists ("More on this story") are navigation
        density = _link_density(block, len(text))
        if (block.tag == "p" and len(text) < 200 and density > 0.6 and not _SENTENCE_END_RE.search(text)) or density > 0.8:
            continue  # teaser links to other stories, inside the body or after it
        out.append(text)
    return out


_VISIBLE_TEXT_XPATH = etree.XPath("descendant::text()[not(ancestor::style or ancestor::script)]")


def _visible_text(element) -> str:
    """``element``'s text without the CSS and scripts templates write inside it."""
    return clean_text("".join(_VISIBLE_TEXT_XPATH(element)))


def _row_text(row) -> str:
    cells = [clean_text(cell.text_content()) for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
    return " | ".join(cell for cell in cells if cell)


def _lead_before(tree, container, prose: ProseMap) -> list[str]:
    """Paragraphs between the article's <h1> and its body container, when both sit in one
    element below <body>: the lead or excerpt that templates print in the article's
    <header>, apart from the body. Page furniture there (bylines, share bars) is skipped."""
    def furniture(element, stop=None) -> bool:  # the article's own <header> is not furniture here
        node = element
        while node is not None and node is not stop:
            if node.tag != "header" and prose.is_furniture(node):
                return True
            node = node.getparent()
        return False

    if container is None:
        return []
    # The article's <h1> is the one nearest the container: the first on the page is often
    # the site's logo, in the page's header.
    container_ancestors = {a: depth for depth, a in enumerate(container.iterancestors())}
    h1, common = None, None
    for candidate in tree.iter("h1"):
        if furniture(candidate):
            continue
        shared = next((a for a in candidate.iterancestors() if a in container_ancestors or a is container), None)
        if shared is not None and shared is not container and (common is None or container_ancestors[shared] < container_ancestors[common]):
            h1, common = candidate, shared
    if common is None or common.tag in ("body", "html"):
        return (_lead_in_own_header(container, prose, furniture) or _named_lead_before(container, furniture)
                or _prose_before_in_article(container, prose))
    return _lead_after(h1, common, container, prose, furniture)


def _lead_after(h1, scope, stop, prose: ProseMap, furniture) -> list[str]:
    """The lead paragraphs after ``h1`` in ``scope``, up to ``stop`` (or the end of ``scope``)."""
    lead: list[str] = []
    started = False
    for element in scope.iter():
        if element is h1:
            started = True
        elif element is stop:
            break
        # a subheadline is the lead too, and so is an excerpt written straight into a <div>
        elif started and (element.tag in ("p", "h2") or _is_text_only_owner(element, prose)):
            text = _visible_text(element)
            if element.tag not in ("p", "h2") and not _SENTENCE_END_RE.search(text):
                continue  # a <div> of text is a lead when written as sentences, not a caption or kicker
            if len(text) < _MIN_LEAD_CHARS or is_boilerplate_line(text) or _link_density(element, len(text)) > 0.5:
                continue
            if furniture(element, scope):
                continue
            lead.append(text)
    return lead


def _lead_in_own_header(container, prose: ProseMap, furniture) -> list[str]:
    """The container is the whole article, its own <header> included (a <header> is otherwise
    never read: the page's header is furniture): the lead printed there after the <h1>. The
    <header> must open the container, before any of its prose, so an embedded story's does not count."""
    h1 = next((h for h in container.iter("h1") if not furniture(h, container)), None)
    header = None if h1 is None else next((a for a in _ancestors_within(h1, container) if a.tag == "header"), None)
    if header is None:
        return []
    for element in container.iter():
        if element is header:
            return _lead_after(h1, header, None, prose, furniture)
        if element in prose.paragraphs:
            return []
    return []


def _named_lead_before(container, furniture) -> list[str]:
    """Without a usable <h1> (none, or one in the site's header or breadcrumb): the element
    before the body container, in the same <main> (else <article>), that the template names as
    the lead ("lead", "article-excerpt", "standfirst", "intro"...)."""
    ancestors = list(container.iterancestors())
    wrapper = next((a for a in ancestors if a.tag == "main"), None)  # the page's main part, else the article
    if wrapper is None:
        wrapper = next((a for a in ancestors if a.tag == "article"), None)
    if wrapper is None:
        return []
    for element in wrapper.iter("p", "div", "h2"):
        if element is container:
            return []
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not names.strip() or not _LEAD_NAME_RE.search(_CAMEL_RE.sub(r"\1-\2", names)):
            continue
        text = _visible_text(element)
        if len(text) >= _MIN_LEAD_CHARS and _link_density(element, len(text)) <= 0.5 \
                and not furniture(element, wrapper) and container not in element.iterancestors():
            return [text]
    return []


def _prose_before_in_article(container, prose: ProseMap) -> list[str]:
    """Without a usable <h1>: the article's prose paragraphs before its body container, inside
    the same <article> (an opening paragraph printed apart from the body block)."""
    article = next(container.iterancestors("article"), None)
    if article is None:
        return []
    lead = []
    for element in article.iter():
        if element is container:
            return lead
        if element in prose.paragraphs and prose.paragraphs[element] >= _MIN_LEAD_CHARS:
            lead.append(_visible_text(element))
    return []


def _is_text_only_owner(element, prose: ProseMap) -> bool:
    """An element with long text of its own and no paragraphs or sections inside."""
    return element in prose.loose_owners and next(element.iterdescendants(*BLOCK_TAGS, "div", "section"), None) is None


def find_standfirst(tree, container, descriptions: list[str]) -> str | None:
    """The summary printed between the headline and the body (standfirst, lede): an
    element before ``container`` whose text is the page's description."""
    wanted = {clean_text(d) for d in descriptions if d and len(clean_text(d)) >= 40}
    if not wanted or container is None:
        return None
    openings = {w[:30] for w in wanted}
    for element in tree.iter("p", "h2", "h3", "h4", "div", "span"):
        if element is container:
            return None  # only look before the body
        # Cheap test on the element's own first text before reading its whole subtree.
        first = element.text
        if (not first or first.isspace()) and len(element):
            first = element[0].text
        if not first or first.isspace():  # cleaned to "" (the spaces str.split() drops)
            continue
        head = clean_text(first)[:30]
        if not head or not any(o.startswith(head) for o in openings):
            continue
        text = clean_text(element.text_content())
        if text in wanted and not any(a.tag in _DOM_SKIP for a in element.iterancestors()):
            return text
    return None


def _ancestors_within(element, container):
    node = element.getparent()
    while node is not None and node is not container:
        yield node
        node = node.getparent()
