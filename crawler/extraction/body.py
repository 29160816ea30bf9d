"""Article body: paragraphs in reading order.

Evidence order: an outlet's body selector; the JSON-LD ``articleBody`` when it
is complete, laid out as the page's own paragraphs where they can be found;
trafilatura as the last resort for pages with no structured body.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html

from .text import clean_text, is_boilerplate_line

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
    for element in tree.iter("p", "h2", "h3", "blockquote", "li"):
        if _inside_skipped(element, None):
            continue
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
        include_tables=False,
        include_images=False,
        with_metadata=False,
        deduplicate=False,
    )
    if not text:
        return []
    return [line for line in (clean_text(x) for x in text.split("\n")) if line and not is_boilerplate_line(line)]
