"""Canonical URLs and article numbers (crawler/dedup/urls.py)."""

from crawler.dedup.urls import article_key, canonical_url, normalize_url


def test_tracking_parameters_removed_and_query_sorted():
    url = "https://www.Example.com/news/2024/05/06/talks?utm_source=fb&utm_medium=social&fbclid=x1&gclid=y&b=2&a=1#top"
    assert normalize_url(url) == "https://example.com/news/2024/05/06/talks?a=1&b=2"


def test_amp_and_mobile_forms_fold_to_one_address():
    forms = [
        "https://www.example.com/world/2024/may/06/cairo-talks",
        "http://example.com/world/2024/may/06/cairo-talks/",
        "https://m.example.com/world/2024/may/06/cairo-talks",
        "https://amp.example.com/world/2024/may/06/cairo-talks",
        "https://www.example.com/amp/world/2024/may/06/cairo-talks",
        "https://www.example.com/world/2024/may/06/cairo-talks/amp",
        "https://www.example.com/world/2024/may/06/cairo-talks?outputType=amp&ref=rss",
    ]
    assert len({normalize_url(u) for u in forms}) == 1


def test_arabic_slug_percent_encoding_is_stable():
    raw = "https://www.youm7.com/story/2023/11/27/مصدر-مصري/6391842"
    encoded = "https://www.youm7.com/story/2023/11/27/%D9%85%D8%B5%D8%AF%D8%B1-%D9%85%D8%B5%D8%B1%D9%8A/6391842"
    assert normalize_url(raw) == normalize_url(encoded)


def test_outlet_identity_parameters_are_kept_even_if_they_look_like_trackers():
    url = "https://news.example.org/article.aspx?ref=123456&utm_campaign=x"
    assert normalize_url(url) == "https://news.example.org/article.aspx"
    assert normalize_url(url, keep_params=("ref",)) == "https://news.example.org/article.aspx?ref=123456"


def test_declared_canonical_used_only_on_the_same_site():
    fetched = "https://www.example.com/news/1?utm_source=x"
    assert canonical_url(fetched, "https://example.com/news/story-1") == "https://example.com/news/story-1"
    assert canonical_url(fetched, "https://aggregator.example.net/copy/1") == "https://www.example.com/news/1"


def test_canonical_url_stays_an_address_the_outlet_serves():
    declared = "https://www.cbc.ca/news/world/gaza-talks-1.7287711"
    assert canonical_url("https://www.cbc.ca/news/world/x-1.7287711?cmp=rss", declared) == declared
    assert canonical_url("http://old.example.org/a?utm_source=x#top") == "http://old.example.org/a"
    assert canonical_url("https://m.example.com/news/1/amp") == "https://example.com/news/1"


def test_article_number_survives_a_slug_edit():
    old = "https://english.ahram.org.eg/NewsContent/1/1234/541022/Egypt/Foreign-Affairs/Delegation-heads-to-Cairo.aspx"
    new = "https://english.ahram.org.eg/NewsContent/1/1234/541022/Egypt/Foreign-Affairs/Team-in-Cairo.aspx"
    assert article_key(old) == article_key(new) == "english.ahram.org.eg|541022"
    assert article_key("https://aawsat.com/section/5195634-slug-words") == "aawsat.com|5195634"


def test_dates_and_slug_only_urls_have_no_article_number():
    assert article_key("https://www.reuters.com/world/middle-east/gaza-talks-2024-03-05/") is None
    assert article_key("https://example.com/archive/20240506/story") is None
    # Different numbers on one site are different articles.
    assert article_key("https://elbalad.news/6290415") != article_key("https://elbalad.news/6290416")


def test_courlan_tracker_list_is_applied_through_its_public_api():
    # None of these is in EXTRA_TRACKERS: they come from courlan's own list.
    url = "https://www.example.com/news/1?id=7&itm_source=home&partnerid=x&session_id=9&campaign=z&page=2"
    assert normalize_url(url) == "https://example.com/news/1?id=7&page=2"
