"""Byline parsing: from "By Jane Doe and John Roe, Reuters" to ["Jane Doe", "John Roe"].

Bylines differ by convention, not by outlet: English "By X and Y", "X, Y and Z",
roles after a pipe or dash ("Jane Doe | Correspondent"), Arabic "كتب: فلان",
"بقلم فلان", "فلان وفلان". The rules below follow those conventions.
"""

from __future__ import annotations

import re

from lxml import etree

from .text import clean_text

_PREFIX_RE = re.compile(
    r"^(?:(?:written|reported|words|text|story|photos?|posted|published|compiled|edited)\s+)?(?:by|von|par|por)[:\s]+|^(?:author|authors|byline)\s*:\s*"
    r"|^(?:كتب|كتبت|بقلم|كتبه|تحرير|إعداد|اعداد|بواسطة|المحرر|محرر|تقرير)\s*[:：]?\s*"
    r"|^(?:מאת|כתב/ת|כתב\\ת|כתבת|כתבה|כתבו|כתב|ערך|ערכה|עריכה)(?![\u05d0-\u05ea])\s*[:：]?\s*",
    re.IGNORECASE,
)
# A role or place after the name: "Jane Doe, Staff Writer", "Jane Doe | CNN".
_ROLE_WORDS = (
    r"correspondent|reporter|editor|writer|staff|contributor|columnist|journalist|producer|"
    r"analyst|bureau|chief|senior|political|diplomatic|middle east|international|news|"
    r"مراسل|مراسلة|محرر|محررة|صحفي|صحفية|كاتب|كاتبة|"
    r"כתב|כתבת|כתבנו|פרשן|פרשנית|עורך|עורכת|הכתב|הכתבת|הפרשן|הפרשנית|העורך|העורכת"
)
_ROLE_TAIL_RE = re.compile(rf"\s*(?:[|–—-]|,|\bin\b)\s*(?:[^,|]*\b(?:{_ROLE_WORDS})\b.*)$", re.IGNORECASE)
_ROLE_ONLY_RE = re.compile(rf"(?:{_ROLE_WORDS})", re.IGNORECASE)
_JOB_NOUN_RE = re.compile(
    r"correspondents?|reporters?|editors?|writers?|contributors?|columnists?|journalists?|producers?|"
    r"analysts?|chief|مراسل|مراسلة|محرر|محررة",
    re.IGNORECASE,
)
_HE_JOB_NOUN_RE = re.compile(r"ה?(?:כתב|כתבת|כתבנו|פרשן|פרשנית|עורך|עורכת|כתבי|פרשני)")
_ROLE_FILLERS = {"east", "middle", "of", "the", "for", "and", "at", "large", "desk", "team", "affairs"}
# Newsroom initials after a name: "Elena Oberholzer (obe)".
_INITIALS_TAIL_RE = re.compile(r"\s*\([^()]{1,8}\)\s*$")
_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\||\band\b|\bund\b|\bet\b|\by\b|،)\s*", re.IGNORECASE)
# Arabic "و" (and) is a prefix, and many names start with it (وليد، وائل): only split
# "فلان فلان وفلان فلان" where both sides are full names of two words or more.
_AR_AND_RE = re.compile(r"\s+و(?=[\u0600-\u06ff])")
# Hebrew "ו" (and) is a prefix too, often with a maqaf or hyphen ("יוסי כהן ו-דנה לוי"):
# the same two-word rule, except after a hyphen, which only a conjunction takes.
_HE_AND_RE = re.compile(r"\s+ו(?=[\u05d0-\u05ea])")
_HE_AND_HYPHEN_RE = re.compile(r"\s+ו[-־]\s*(?=[\u05d0-\u05ea])")
_DATE_TAIL_RE = re.compile(r"\b(?:updated|published|posted)\b.*$", re.IGNORECASE)
_URL_RE = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
_NOT_A_NAME_RE = re.compile(
    r"^(?:staff|admin|administrator|editor|editors|the editors|newsroom|web desk|news desk|"
    r"unknown|anonymous|guest|null|none|undefined|follow\b.*|@\w+)$",
    re.IGNORECASE,
)


def split_byline(byline: str, *, structured: bool = False) -> list[str]:
    """Names in a byline string; empty when the string is not a byline.

    ``structured`` names come from a JSON-LD Person: a name field, not prose, so
    a role-like name ("Guardian staff reporter") is kept as the outlet wrote it.
    """
    text = clean_text(byline)
    if not text or _URL_RE.match(text) or len(text) > 200:
        return []
    text = _DATE_TAIL_RE.sub("", text)
    text = _PREFIX_RE.sub("", text).strip()
    names: list[str] = []
    for part in (p for chunk in _SPLIT_RE.split(text) for p in _split_arabic_and(chunk)):
        part = _PREFIX_RE.sub("", part.strip()).strip(" .:-–—|")
        part = _INITIALS_TAIL_RE.sub("", part)
        if not structured:
            part = _ROLE_TAIL_RE.sub("", part).strip(" .:-–—|")
            if _is_role_only(part):
                continue  # "Senior Correspondent" split off by a pipe or comma
        if is_plausible_name(part):
            names.append(part)
    return names


def _is_role_only(part: str) -> bool:
    """"Senior Correspondent", "Cairo Correspondent": a job title, maybe with a place,
    split off a byline. No name ends in a job noun."""
    words = re.findall(r"\w+", part)
    if not words:
        return False
    if _JOB_NOUN_RE.fullmatch(words[-1]) and len(words) <= 4:
        return True
    if _HE_JOB_NOUN_RE.fullmatch(words[0]) and len(words) <= 3:
        return True  # Hebrew puts the job noun first: "הכתב המדיני", "פרשן פוליטי"
    return all(_ROLE_ONLY_RE.fullmatch(w) or w.lower() in _ROLE_FILLERS for w in words)


def _split_arabic_and(chunk: str) -> list[str]:
    """Arabic and Hebrew "and" before a name (a prefix of the name's first word)."""
    if _HE_AND_HYPHEN_RE.search(chunk):
        return _HE_AND_HYPHEN_RE.split(chunk)
    for conjunction in (_AR_AND_RE, _HE_AND_RE):
        parts = conjunction.split(chunk)
        if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
            return parts
    return [chunk]


# News agencies credited beside (or instead of) a reporter.
_AGENCY_RE = re.compile(
    r"^(?:reuters|afp|ap|the associated press|associated press|agence france[- ]presse|dpa|anadolu(?: agency)?|aa|"
    r"xinhua|efe|ansa|upi|pa(?: media)?|bloomberg|agencies|news agencies|wires?|news wires|"
    r"رويترز|أ ف ب|ا ف ب|فرانس برس|أسوشيتد برس|الأناضول|وكالات|وكالة الأنباء|د ب أ|شينخوا|وام|واس|أ ش أ|"
    # Hebrew: agencies, and a newsroom credited instead of a reporter ("חדשות 12", "מערכת וואלה")
    r"רויטרס|סוכנויות(?: הידיעות)?|סוכנות הידיעות \S+|איי.פי|אי.אף.פי|חדשות 12|n12|חדשות 13|כאן חדשות|"
    r"מערכת(?: \S+){0,2}|ynet|וואלה!?(?: חדשות)?|מעריב(?: אונליין)?|ישראל היום|הארץ|ערוץ 7|כיכר השבת)$",
    re.IGNORECASE,
)


def is_agency_credit(name: str) -> bool:
    return bool(_AGENCY_RE.match(clean_text(name).strip(" .()")))


def is_plausible_name(name: str) -> bool:
    if not name or _URL_RE.match(name) or _NOT_A_NAME_RE.match(name):
        return False
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 60:
        return False
    # A name has letters and is not a sentence.
    return any(c.isalpha() for c in name) and not name.endswith(("?", "!"))


def normalize_names(names: list[str], *, structured: bool = False) -> list[str]:
    """Split each entry as a byline, keep order, drop repeats (case-insensitive)."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        for name in split_byline(raw, structured=structured):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


# Elements that carry a byline, by the conventions sites share: microdata/rel,
# class names containing "byline"/"author", and links to author pages.
_BYLINE_CLASS_WORDS = ("byline", "Byline", "BYLINE", "author", "Author", "AUTHOR")
_BYLINE_HREF_WORDS = ("/author/", "/authors/", "/reporter/", "/writers/", "/people/", "/journalist")
# The same substring tests as one regex search each: one C call per element instead of a
# generator of six ``in`` tests, on every element of the body.
_BYLINE_CLASS_RE = re.compile("|".join(map(re.escape, _BYLINE_CLASS_WORDS)))
_BYLINE_HREF_RE = re.compile("|".join(map(re.escape, _BYLINE_HREF_WORDS)))
# rel="..." tokens are split on XPath normalize-space()'s spaces only (not NBSP), as before.
_XML_SPACES_TO_SPACE = str.maketrans("\t\n\r", "   ")
_BODIES_XPATH = etree.XPath("//body")
_NOT_BYLINE_CLASS_RE = re.compile(r"image|img|photo|avatar|bio|title|desc|follow|social|more|comment", re.IGNORECASE)
_BYLINE_SKIP_ANCESTORS = {"script", "style", "noscript", "nav", "footer", "aside", "figure", "figcaption", "button",
                          "form", "select", "option", "head"}


def is_byline_element(element) -> bool:
    """rel="author" (one of its tokens), itemprop="author", a class containing
    byline/author, or a link to an author page."""
    rel = element.get("rel")
    if rel is not None and "author" in rel.translate(_XML_SPACES_TO_SPACE).split(" "):
        return True
    if element.get("itemprop") == "author":
        return True
    names = element.get("class")
    if names is not None and _BYLINE_CLASS_RE.search(names):
        return True
    href = element.get("href")
    return href is not None and _BYLINE_HREF_RE.search(href) is not None


def byline_elements(tree, h1, bodies: list | None = None) -> tuple[list, list | None]:
    """The byline elements under any <body>, in document order, and those of them that
    follow ``h1`` (its XPath ``following::`` axis), or None when ``h1`` is not under a <body>.
    ``bodies``: the page's <body> elements ("//body"), when the caller has them.

    One Python pass over the body: half the time libxml2 took to evaluate a dozen
    ``contains()`` on every element, and it finds the <h1> on the way, where collecting
    every element after it cost almost as much again."""
    found: list = []
    after_h1_start = None
    for body in _BODIES_XPATH(tree) if bodies is None else bodies:
        if next(body.iterancestors("body"), None) is not None:
            continue  # a <body> inside another: its elements are read with the outer one
        for element in body.iterdescendants(etree.Element):
            if is_byline_element(element):
                found.append(element)
            if element is h1:
                after_h1_start = len(found)
    if after_h1_start is None:
        return found, None
    inside_h1 = set(h1.iterdescendants())
    return found, [e for e in found[after_h1_start:] if e not in inside_h1]


def byline_names(tree, elements: dict[str, list] | None = None) -> list[str]:
    """Author names from the article's own byline: the first byline element after the
    headline (bylines of related stories further down are ignored; pages that print the
    byline above the <h1> are read from the top), together with byline elements beside
    it (several authors listed one by one). ``elements``: the page's <h1>s and <body>s
    (``article.elements_by_tag``), when the caller has them."""
    if elements is None:
        h1, bodies = next(iter(tree.iter("h1")), None), None
    else:
        h1, bodies = next(iter(elements["h1"]), None), elements["body"]
    ordered, after_h1 = byline_elements(tree, h1, bodies)
    if not ordered:
        return []
    candidates = set(ordered)
    if after_h1 is None:
        after_h1 = [e for e in h1.xpath("following::*") if e in candidates] if h1 is not None else []
    for pool in (after_h1, ordered):
        for element in pool:
            if _skipped(element) or _NOT_BYLINE_CLASS_RE.search(element.get("class", "")):
                continue
            if any(d in candidates for d in element.iterdescendants()):
                continue  # "By <a href=/author/x>X</a>" in a byline wrapper: read the innermost
            names = split_byline(element.text_content())
            if not names:
                continue
            scope = element.getparent()
            for other in ordered:
                if other is not element and _inside(other, scope) and not _inside(other, element) \
                        and not _inside(element, other) and not _skipped(other):
                    names += [n for n in split_byline(other.text_content()) if n not in names]
            return normalize_names(names)
    return []


def _inside(element, ancestor) -> bool:
    node = element.getparent()
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _skipped(element) -> bool:
    node = element
    while node is not None:
        if isinstance(node.tag, str) and node.tag in _BYLINE_SKIP_ANCESTORS:
            return True
        node = node.getparent()
    return False


# A byline printed as a paragraph of the body: "By Jane Doe", "كتب: محمد علي",
# "بقلم فلان". Only short lines with an explicit byline word qualify.
_BODY_BYLINE_RE = re.compile(
    r"^(?:(?:written|reported|text|story)\s+by|by|von|par|por|كتب|كتبت|بقلم|كتبه|מאת|כתב/ת)\s*[:：\-–]?\s*\S",
    re.IGNORECASE,
)
_NAME_PARTICLES = {"de", "da", "del", "der", "van", "von", "al", "el", "bin", "ibn", "abu", "le", "la", "di", "du"}


def body_byline(paragraph: str) -> list[str]:
    """Names when ``paragraph`` is a byline line, else []. Latin-script names must be
    capitalised so that "By the end of the week, ..." is not taken for a byline."""
    text = clean_text(paragraph)
    if not text or len(text) > 120 or len(text.split()) > 14 or not _BODY_BYLINE_RE.match(text):
        return []
    names = split_byline(text)
    for name in names:
        for word in name.split():
            if word.isascii() and word[0].isalpha() and not word[0].isupper() and word.lower() not in _NAME_PARTICLES:
                return []
    return names


def edge_byline_indexes(paragraphs: list[str]) -> list[int]:
    """Positions of byline lines among the first two and the last paragraph of a body
    of three or more paragraphs (shorter texts are left alone: the line may be all there is)."""
    if len(paragraphs) < 3:
        return []
    candidates = sorted({0, 1, len(paragraphs) - 1})
    return [i for i in candidates if body_byline(paragraphs[i])]


def drop_edge_bylines(paragraphs: list[str]) -> list[str]:
    """The body without its byline lines (an ItemLoader output processor)."""
    drop = set(edge_byline_indexes(paragraphs))
    return [p for i, p in enumerate(paragraphs) if i not in drop]


def edge_byline_names(paragraphs: list[str]) -> list[str]:
    """Authors named by byline lines at the edges of the body."""
    return normalize_names([paragraphs[i] for i in edge_byline_indexes(paragraphs)])
