"""Byline parsing: from "By Jane Doe and John Roe, Reuters" to ["Jane Doe", "John Roe"].

Bylines differ by convention, not by outlet: English "By X and Y", "X, Y and Z",
roles after a pipe or dash ("Jane Doe | Correspondent"), Arabic "كتب: فلان",
"بقلم فلان", "فلان وفلان". The rules below follow those conventions.
"""

from __future__ import annotations

import re

from .text import clean_text

_PREFIX_RE = re.compile(
    r"^(?:(?:written|reported|words|text|story)\s+)?by[:\s]+|^(?:author|authors|byline)\s*:\s*"
    r"|^(?:كتب|كتبت|بقلم|كتبه|تحرير|إعداد|اعداد|بواسطة|المحرر|محرر|تقرير)\s*[:：]?\s*",
    re.IGNORECASE,
)
# A role or place after the name: "Jane Doe, Staff Writer", "Jane Doe | CNN".
_ROLE_WORDS = (
    r"correspondent|reporter|editor|writer|staff|contributor|columnist|journalist|producer|"
    r"analyst|bureau|chief|senior|political|diplomatic|middle east|international|news|"
    r"مراسل|مراسلة|محرر|محررة|صحفي|صحفية|كاتب|كاتبة"
)
_ROLE_TAIL_RE = re.compile(rf"\s*(?:[|–—-]|,|\bin\b)\s*(?:[^,|]*\b(?:{_ROLE_WORDS})\b.*)$", re.IGNORECASE)
_ROLE_ONLY_RE = re.compile(rf"\b(?:{_ROLE_WORDS})\b", re.IGNORECASE)
_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\||\band\b|\bund\b|\bet\b|\by\b|،)\s*", re.IGNORECASE)
# Arabic "و" (and) is a prefix, and many names start with it (وليد، وائل): only split
# "فلان فلان وفلان فلان" where both sides are full names of two words or more.
_AR_AND_RE = re.compile(r"\s+و(?=[\u0600-\u06ff])")
_DATE_TAIL_RE = re.compile(r"\b(?:updated|published|posted)\b.*$", re.IGNORECASE)
_URL_RE = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
_NOT_A_NAME_RE = re.compile(
    r"^(?:staff|admin|administrator|editor|editors|the editors|newsroom|web desk|news desk|"
    r"unknown|anonymous|guest|null|none|undefined)$",
    re.IGNORECASE,
)


def split_byline(byline: str) -> list[str]:
    """Names in a byline string; empty when the string is not a byline."""
    text = clean_text(byline)
    if not text or _URL_RE.match(text) or len(text) > 200:
        return []
    text = _DATE_TAIL_RE.sub("", text)
    text = _PREFIX_RE.sub("", text).strip()
    names: list[str] = []
    for part in (p for chunk in _SPLIT_RE.split(text) for p in _split_arabic_and(chunk)):
        part = _PREFIX_RE.sub("", part.strip()).strip(" .:-–—|")
        part = _ROLE_TAIL_RE.sub("", part).strip(" .:-–—|")
        if _ROLE_ONLY_RE.search(part):
            continue  # "Senior Correspondent" split off by a pipe or comma
        if is_plausible_name(part):
            names.append(part)
    return names


def _split_arabic_and(chunk: str) -> list[str]:
    parts = _AR_AND_RE.split(chunk)
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [chunk]


def is_plausible_name(name: str) -> bool:
    if not name or _URL_RE.match(name) or _NOT_A_NAME_RE.match(name):
        return False
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 60:
        return False
    # A name has letters and is not a sentence.
    return any(c.isalpha() for c in name) and not name.endswith(("?", "!"))


def normalize_names(names: list[str]) -> list[str]:
    """Split each entry as a byline, keep order, drop repeats (case-insensitive)."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        for name in split_byline(raw):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out
