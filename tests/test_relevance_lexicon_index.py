"""The word index (Lexicon.find) reads texts exactly as the defining regexes do.

Every lexicon with spaces between words is checked on real article text (the
gold dev set and the corpus pages, extracted) and on edge cases of clitics,
open ends and overlapping terms.
"""

from __future__ import annotations

import json

import pytest

from crawler.extraction import ExtractionError, extract_article
from crawler.relevance import normalize
from crawler.relevance.lexicon import available_languages, load_lexicon
from tests.conftest import shared_path

WORD_LEXICONS = [code for code in available_languages() if load_lexicon(code).match != "substring"]


def same_reading(lexicon, text: str) -> None:
    normalized = normalize(text)
    indexed, regex = lexicon.find(normalized), lexicon.find_with_regex(normalized)
    assert list(indexed.terms.items()) == list(regex.terms.items()), text[:200]
    assert list(indexed.points.items()) == list(regex.points.items()), text[:200]


def real_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(shared_path("gold", "dev").glob("*.txt"))]
    for entry in json.loads(shared_path("corpus", "index.json").read_text(encoding="utf-8")):
        try:
            article = extract_article(shared_path("corpus", entry["file"]).read_bytes(), entry["original_url"], status=200)
        except ExtractionError:
            continue
        texts.append("\n".join([article.get("headline") or "", *(article.get("paragraphs") or [])]))
    return texts


@pytest.mark.parametrize("code", WORD_LEXICONS)
def test_index_reads_real_articles_as_the_regexes_do(code):
    lexicon = load_lexicon(code)
    texts = real_texts()
    assert len(texts) > 60
    for text in texts:
        for paragraph in text.split("\n"):
            same_reading(lexicon, paragraph)


@pytest.mark.parametrize("text", [
    "وللمفاوضات وبالمقترح وفد لحماس والمفاوض",  # stacked clitics, open ends
    "صفقة تبادل الأسرى والمحتجزين ثم تبادل الأسرى",  # longest term first, then the shorter one
    "وقف إطلاق النار وقف إطلاق",  # a phrase cut short at the end of the text
    "فالهدنة كالهدنة للهدنة بالهدنة الهدنة هدنة",  # every article clitic
    "ال و ف لل",  # clitics alone are not words of a term
])
def test_index_handles_arabic_clitics_and_overlaps(text):
    same_reading(load_lexicon("ar"), text)


@pytest.mark.parametrize("text", [
    "Ceasefire talks, ceasefire-talks and cease fire talks; truce negotiations negotiators negotiate",
    "the hostage and ceasefire deal then a hostage deal then hostages",
    "Hamas's delegation in Cairo. Egyptian mediators, Qatari mediation",
])
def test_index_handles_english_phrases_and_open_ends(text):
    same_reading(load_lexicon("en"), text)
