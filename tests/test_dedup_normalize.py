"""Text folding for hashing (crawler/dedup/normalize.py)."""

from crawler.dedup.fingerprints import content_hash
from crawler.dedup.normalize import normalize_text, normalized_paragraphs, strip_packaging


def test_arabic_spelling_variants_fold_together():
    plain = "قال الرييس ان المفاوضات في القاهره الي 40 يوما"  # ئ folds to ي too
    variants = [
        "قالَ الرَّئِيسُ إنّ المفاوضات في القاهرة إلى ٤٠ يوماً",  # diacritics, hamza, ة, ى, Eastern digits
        "قال الرئيـــس أن المفاوضات في القاهرة إلى 40 يوما",  # tatweel, alef with hamza
        "قال\u200f الرئيس\u200b «إن» المفاوضات\u00a0في  القاهرة إلى 40 يوما.",  # bidi/zero-width, quotes, NBSP, doubled space
    ]
    for text in variants:
        assert normalize_text(text) == plain


def test_english_case_quotes_and_punctuation_fold():
    assert normalize_text("“We are  close,” he SAID.") == normalize_text('"we are close" he said')


def test_different_wording_stays_different():
    assert normalize_text("وافقت حماس على المقترح") != normalize_text("رفضت حماس المقترح")


def test_datelines_and_agency_credits_are_stripped_from_the_first_paragraph():
    assert strip_packaging(["CAIRO, Feb 27 (Reuters) - Egypt hosted talks on Thursday."])[0] == \
        "Egypt hosted talks on Thursday."
    assert strip_packaging(["GAZA CITY, Gaza Strip (AP) — Mediators met again."])[0] == "Mediators met again."
    assert strip_packaging(["القاهرة (أ ف ب) - يتوجه وفد من الحركة إلى مصر."])[0] == "يتوجه وفد من الحركة إلى مصر."
    # A dash later in a sentence is not a dateline; later paragraphs are left alone.
    text = "Officials said the talks, which began on Sunday - after a delay - would go on."
    assert strip_packaging([text, "CAIRO - later"]) == [text, "CAIRO - later"]


def test_trailer_paragraphs_are_dropped_but_long_paragraphs_kept():
    paragraphs = ["Body one.", "Reporting by Ahmed Ali; Editing by Sara Ross", "اقرأ أيضاً: عنوان آخر", "Body two."]
    assert strip_packaging(paragraphs) == ["Body one.", "Body two."]
    long_para = "Read more about how " + "the talks went on " * 10
    assert strip_packaging([long_para]) == [long_para]


def test_content_hash_ignores_packaging_and_spelling_only():
    a = ["القاهرة - قال مصدر مصري إن الوفد سيصل غداً.", "وأضاف أن الجولة تستمر يومين."]
    b = ["قال مصدرٌ مصري إنّ الوفد سيصل غدا", "وأضاف أن الجولة تستمر يومين", "تابعونا على إكس"]
    c = ["قال مصدر مصري إن الوفد سيصل بعد غد.", "وأضاف أن الجولة تستمر يومين."]
    assert content_hash(normalized_paragraphs(a)) == content_hash(normalized_paragraphs(b))
    assert content_hash(normalized_paragraphs(a)) != content_hash(normalized_paragraphs(c))
