"""The outlet registry: enough outlets, both languages, every endpoint and pattern backed by
cited evidence, and article URL patterns that accept the outlets' real URLs."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from crawler.outlets import all_outlets, outlet_for_url
from crawler.spiders.outlets import ENDPOINT_KINDS
from tests.conftest import shared_path
from tests.support.crawl import run_scrapy

OUTLETS = all_outlets()


def test_at_least_sixteen_outlets_in_both_languages():
    assert len(OUTLETS) >= 16
    arabic = [o for o in OUTLETS.values() if "ar" in o.languages]
    english = [o for o in OUTLETS.values() if "en" in o.languages]
    assert len(arabic) >= 8 and len(english) >= 8


@pytest.mark.parametrize("slug", sorted(OUTLETS))
def test_every_endpoint_and_pattern_cites_evidence(slug):
    outlet = OUTLETS[slug]
    endpoints = [url for kind in ENDPOINT_KINDS for url in outlet.endpoints()[kind]]
    assert endpoints, f"{slug} declares no discovery endpoint"
    assert outlet.article_url_pattern, f"{slug} has no article URL pattern"
    re.compile(outlet.article_url_pattern)
    for key in endpoints + ["article_url_pattern"]:
        assert outlet.evidence.get(key, "").strip(), f"{slug}: no evidence for {key}"
    for url in endpoints:
        assert urlsplit(url).scheme == "https" or urlsplit(url).scheme == "http"
        assert outlet.owns_host(urlsplit(url).hostname or "") or "feeds.bbci.co.uk" in url, \
            f"{slug}: endpoint {url} is not on the outlet's domains"
    # Evidence that is not a real page, a maintained publisher list or docs says so.
    for key, text in outlet.evidence.items():
        if "public GitHub code" in text and "fundus" not in text and "corpus" not in text \
                and key != "article_url_pattern":
            assert "UNVERIFIED" in text, f"{slug}: third-party evidence for {key} must be marked UNVERIFIED"


@pytest.mark.parametrize("slug", sorted(OUTLETS))
def test_sample_urls_are_articles_of_their_outlet(slug):
    outlet = OUTLETS[slug]
    for url in outlet.sample_urls:
        assert outlet_for_url(url) is outlet, url
        assert outlet.is_article_url(url), url
    # Listing pages are not articles.
    for url in [u for kind in ("feeds", "news_sitemaps", "sitemaps", "sections") for u in outlet.endpoints()[kind]]:
        assert not outlet.is_article_url(url), f"{slug}: listing {url} matches the article pattern"


def test_corpus_pages_match_their_outlets_article_pattern():
    index = json.loads(shared_path("corpus", "index.json").read_text(encoding="utf-8"))
    owned = [(outlet_for_url(e["original_url"]), e) for e in index]
    owned = [(o, e) for o, e in owned if o is not None]
    assert len({o.slug for o, _ in owned}) >= 10  # most corpus outlets of ours are covered
    for outlet, entry in owned:
        assert outlet.is_article_url(entry["original_url"]), (outlet.slug, entry["original_url"])
        assert entry["language"] in outlet.languages


def test_patterns_reject_non_article_pages():
    cases = {
        "bbc": ["https://www.bbc.com/news", "https://www.bbc.com/news/world/middle_east"],
        "reuters": ["https://www.reuters.com/world/middle-east/"],
        "apnews": ["https://apnews.com/hub/israel-hamas-war"],
        "guardian": ["https://www.theguardian.com/world/israel-hamas-war"],
        "youm7": ["https://www.youm7.com/Section/أخبار-عاجلة/65/1"],
        "timesofisrael": ["https://www.timesofisrael.com/topic/hostages/", "https://www.timesofisrael.com/"],
        "cbc": ["https://www.cbc.ca/news/world"],
    }
    for slug, urls in cases.items():
        for url in urls:
            assert not OUTLETS[slug].is_article_url(url), (slug, url)


def test_tracking_parameters_do_not_matter_but_identity_parameters_are_kept():
    reuters = OUTLETS["reuters"]
    url = ("https://www.reuters.com/world/middle-east/israeli-tank-likely-scenario-fired-machine-gun-"
           "reporters-after-deadly-shelling-2024-03-07/")
    assert reuters.is_article_url(url + "?utm_source=x")
    assert OUTLETS["akhbarelyom"].article_identity_query(
        "https://akhbarelyom.com/RSS/GetSectionRSS?JournalID=1&utm_source=a") == []


def test_scrapy_list_shows_every_outlet_beside_urls():
    listed = set(run_scrapy(["list"]).stdout.split())
    assert set(OUTLETS) | {"urls"} <= listed
