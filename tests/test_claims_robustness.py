"""The extractor on every real page of the shared corpus (any topic, any language):
it never fails, and everything it reports points into the text it was given."""

from __future__ import annotations

import json

from crawler.claims import extract_claims
from tests.conftest import shared_path


def test_real_pages_never_break_the_extractor_and_strings_are_substrings():
    pages = 0
    for path in sorted(shared_path("corpus", "raw").glob("*/*.expected.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [page.get("headline") or ""] + list(page.get("body_paragraphs") or [])
        if len(paragraphs) < 2:
            continue
        pages += 1
        claims = extract_claims(paragraphs, page.get("language"), page.get("published"), path.stem)
        for c in claims:
            paragraph = paragraphs[c["paragraph"]]
            carried = "via carried over" in (c["note"] or "")
            for value in [c["speaker"], c["cue"], c["content"], c.get("content_continuation"),
                          *([] if carried else c["via"]), *c["quantities"]]:
                assert value is None or value in paragraph, (path.name, value)
            assert c["polarity"] in ("assertion", "denial") and 0 < c["confidence"] <= 1
    assert pages >= 20
