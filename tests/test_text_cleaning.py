"""Invisible characters, odd spaces and boilerplate lines never reach an item."""

from __future__ import annotations

import pytest

from crawler.extraction.text import clean_text, is_boilerplate_line, text_direction_ratio, western_digits
from crawler.loaders import ArticleLoader


@pytest.mark.parametrize("raw, clean", [
    ("Cairo\u00a0talks", "Cairo talks"),                          # NBSP
    ("\u200fالقاهرة\u200e", "القاهرة"),                            # RLM / LRM bidi marks
    ("\u202bمفاوضات\u202c", "مفاوضات"),                            # embedding controls
    ("\u2067غزة\u2069", "غزة"),                                    # isolates
    ("cease\u200bfire", "ceasefire"),                              # zero-width space
    ("\ufeffTitle", "Title"),                                      # BOM
    ("hos\u00adtage", "hostage"),                                  # soft hyphen
    ("  two\u2009thin\u202fspaces \n\t and\u3000more ", "two thin spaces and more"),
    ("e\u0301", "\u00e9"),                                         # NFC
    (None, ""),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_eastern_and_persian_digits():
    assert western_digits("٢٠٢٤/٠٥/٠٧ ۱۴۰۳") == "2024/05/07 1403"


@pytest.mark.parametrize("line", [
    "Read more: Earlier round ended without agreement",
    "READ MORE",
    "See also: What we know about the proposal",
    "Related: Qatar hosts a parallel meeting",
    "Advertisement",
    "Scroll to continue with content",
    "Share this article",
    "Sign up for our newsletter",
    "اقرأ أيضاً: تفاصيل الجولة السابقة",
    "اقرأ أيضا",
    "شاهد أيضا: فيديو من المعبر",
    "مواضيع ذات صلة",
    "إعلان",
    "تابعونا على تويتر",
])
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "Officials said they would read more closely the proposal sent by the mediators.",
    "The minister asked delegates to share the burden of guarantees.",
    "وقال المسؤول إن الوفد سيقرأ أيضا المقترح الجديد قبل الرد عليه.",
])
def test_sentences_that_merely_mention_boilerplate_words_stay(line):
    assert not is_boilerplate_line(line)


def test_loader_cleans_paragraphs_and_drops_boilerplate_and_repeats():
    loader = ArticleLoader()
    loader.add_value("paragraphs", ["First\u00a0paragraph\u200f.", "", "Read more: another story",
                                    "first paragraph.", "اقرأ أيضاً: خبر آخر", "Second paragraph."])
    loader.add_value("headline", "  \u200fHeadline\u00a0here ")
    loader.add_value("authors", ["Jane Doe", "jane doe", "John Roe"])
    item = loader.load_item()
    assert item["paragraphs"] == ["First paragraph.", "Second paragraph."]
    assert item["headline"] == "Headline here"
    assert item["authors"] == ["Jane Doe", "John Roe"]


def test_script_ratio_tells_arabic_from_english():
    assert text_direction_ratio("استأنف الوسطاء المفاوضات في القاهرة") > 0.9
    assert text_direction_ratio("Mediators resumed talks in Cairo") == 0.0


def test_loader_drops_byline_lines_at_the_edges_of_the_body():
    loader = ArticleLoader()
    loader.add_value("paragraphs", ["By Jane Doe", "The talks resumed on Tuesday.", "Officials were cautious.",
                                    "By the evening, no statement had been issued.", "كتب: محمد عبد الله"])
    assert loader.load_item()["paragraphs"] == ["The talks resumed on Tuesday.", "Officials were cautious.",
                                                 "By the evening, no statement had been issued."]


def test_loader_module_imports_on_its_own():
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT

    proc = subprocess.run([sys.executable, "-c", "import crawler.loaders"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
