"""The claim extractor against the shared gold: the seed (>= 8 of 9 with speaker and via)
and the dev set (F1 >= 0.85 per language, scored with the rule of gold/README.md)."""

from __future__ import annotations

import json
from collections import Counter

from crawler.claims import claims_for_text
from crawler.claims.scoring import f1 as _f1, match as _match, speaker_ok as _speaker_ok, via_ok as _via_ok
from tests.conftest import shared_path


def test_seed_claims_have_the_right_speaker_and_via():
    gold = json.loads(shared_path("gold", "seed_claims.json").read_text(encoding="utf-8"))
    text = shared_path(gold["source"]).read_text(encoding="utf-8")
    preds = claims_for_text(text, "ar", "2024-04-10", "seed")
    pairs = _match(preds, gold["claims"])
    good = [g for p, g in pairs if _speaker_ok(p, g) and _via_ok(p, g)]
    assert len(good) >= 8, [(g["paragraph"], g["speaker"]) for g in gold["claims"] if g not in good]
    # every reported string is an exact substring of its paragraph
    paragraphs = [line for line in text.split("\n") if line.strip()]
    for p in preds:
        carried = "via carried over" in (p["note"] or "")
        for value in [p["speaker"], p["cue"], p["content"], *([] if carried else p["via"]), *p["quantities"]]:
            assert value is None or value in paragraphs[p["paragraph"]]
        assert text[p["char_start"]:p["char_end"]] in paragraphs[p["paragraph"]]


def test_dev_set_f1_per_language():
    scores = {"ar": Counter(), "en": Counter()}
    for path in sorted(shared_path("gold", "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = shared_path(gold["source"]).read_text(encoding="utf-8")
        preds = claims_for_text(text, gold["language"], gold["published"], path.stem)
        s = scores[gold["language"]]
        s["pred"] += len(preds)
        s["gold"] += len(gold["claims"])
        s["matched"] += len(_match(preds, gold["claims"]))
    for lang, s in scores.items():
        p, r = s["matched"] / s["pred"], s["matched"] / s["gold"]
        assert 2 * p * r / (p + r) >= 0.85, (lang, dict(s))
