"""The claims stage's shortcuts give the answers of the straightforward computation, on the gold
texts, the fresh set and the benchmark mirror's sentences: the cue/colon pre-filter and the fast
cue rejection (crawler/claims/arabic.py, english.py), the cached folding and tokenizing and the
sentence splitter's word lookup (text.py), and the clusters' repeat shortcut (clusters.py)."""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import pytest

from bench.perf.pages import AR, EN
from crawler.claims import arabic, claims_for_text, english
from crawler.claims.clusters import ClaimClusters
from crawler.claims.enrich import is_denial, is_hedged
from crawler.claims.lexicon import markers
from crawler.claims.text import _last_word, fold, fold_word, sentence_spans, tokenize
from tests.conftest import PROJECT_ROOT, shared_path
from tests.test_claim_clusters_scaling import brute_force, random_claims


def _gold_texts() -> list[tuple[str, str, str | None]]:
    texts = []
    for folder in (shared_path("gold", "dev"), PROJECT_ROOT / "bench" / "fresh"):
        for path in sorted(Path(folder).glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            source = shared_path(gold["source"]) if (shared_path() / gold["source"]).is_file() else folder / gold["source"]
            texts.append((source.read_text(encoding="utf-8"), gold["language"], gold.get("published")))
    seed = json.loads(shared_path("gold", "seed_claims.json").read_text(encoding="utf-8"))
    texts.append((shared_path(seed["source"]).read_text(encoding="utf-8"), "ar", None))
    return texts


def _bench_texts() -> list[tuple[str, str, str | None]]:
    """Every attributed statement shape the benchmark mirror writes, with its filler and headlines."""
    texts = []
    for words, lang in ((EN, "en"), (AR, "ar")):
        lines = [h.format(n=7) for h in words["headlines"] + words["offtopic_headlines"]]
        for speaker, verb, claim in itertools.product(words["speakers"], words["verbs"], words["claims"]):
            qualifier = words["qualifiers"][len(lines) % len(words["qualifiers"])]
            if lang == "en":
                lines.append(f"{speaker[0].upper()}{speaker[1:]} {verb} that {claim} {qualifier}.")
            else:
                lines.append(f"{verb} {speaker} إن {claim} {qualifier}.")
        lines.append(" ".join(words["filler"] + words["offtopic"]))
        texts.append(("\n".join(lines), lang, "2024-03-05"))
    return texts


TEXTS = _gold_texts() + _bench_texts()


class _EveryWord:
    """A word set holding every word: with it, no sentence and no token is ever skipped."""

    def __contains__(self, word) -> bool:
        return True

    def isdisjoint(self, other) -> bool:
        return False


def test_pre_filter_and_fast_cue_rejection_never_change_the_claims(monkeypatch):
    fast = [claims_for_text(text, lang, published, "t") for text, lang, published in TEXTS]
    assert sum(map(len, fast)) > 1000  # the texts do hold many claims
    for module in (arabic, english):
        monkeypatch.setattr(module, "_cue_words", _EveryWord)
    assert [claims_for_text(text, lang, published, "t") for text, lang, published in TEXTS] == fast


def _paragraphs():
    for text, _, _ in TEXTS:
        yield from (line for line in text.split("\n") if line.strip())


def test_tokens_equal_their_uncached_computation():
    uncached_fold = fold_word.__wrapped__
    count = 0
    for paragraph in _paragraphs():
        for s0, s1 in sentence_spans(paragraph):
            for token in tokenize(paragraph, s0, s1):
                assert paragraph[token.start:token.end] == token.text
                assert token.norm == uncached_fold(token.text)
                count += 1
    assert count > 10000


@pytest.mark.parametrize("segment", ["", " ", "abc", "abc ", "abc\n", "abc \n", "a\n\n", "x\u00a0y", "«قال» د."])
def test_last_word_is_what_the_regex_captured(segment):
    match = re.search(r"(\S+)$", segment)
    assert _last_word(segment, 0, len(segment)) == (match.group(1) if match else "")


def test_last_word_is_what_the_regex_captured_at_every_sentence_mark():
    checked = 0
    for paragraph in _paragraphs():
        for mark in re.finditer(r"[.!?؟;؛]", paragraph):
            for start in (0, max(0, mark.start() - 30)):
                match = re.search(r"(\S+)$", paragraph[start:mark.start()])
                assert _last_word(paragraph, start, mark.start()) == (match.group(1) if match else "")
                checked += 1
    assert checked > 1000


def test_arabic_quantity_hint_never_hides_a_quantity():
    """enrich.quantities skips the full Arabic pattern when the hint finds nothing: over every Arabic
    paragraph (and its sentences), the full pattern then finds nothing either."""
    from crawler.claims.enrich import _AR_QUANTITY_HINT_RE, _AR_QUANTITY_RE
    real = sorted(shared_path("gold", "real_dev").glob("*_ar_*.txt"))
    lines = [line for text, lang, _ in TEXTS if lang == "ar" for line in text.split("\n")]
    lines += [line for path in real for line in path.read_text(encoding="utf-8").split("\n")]
    pieces = lines + [line[a:b] for line in lines for a, b in sentence_spans(line)]
    assert sum(bool(_AR_QUANTITY_RE.search(p)) for p in pieces) > 20
    assert all(_AR_QUANTITY_HINT_RE.search(p) for p in pieces if _AR_QUANTITY_RE.search(p))


def test_denial_and_hedge_regexes_find_what_the_phrase_loops_found():
    phrases = markers()["denial_phrases"] | markers()["hedges"]
    contents = [paragraph[s0:s1] for paragraph in _paragraphs() for s0, s1 in sentence_spans(paragraph)]
    contents += [shape.format(p) for p in phrases for shape in ("{}", "{} x", "x {} y", "x, {}.", "x" * 38 + " {}")]
    hits = 0
    for content in contents:
        folded = fold(content)
        denial = any(folded.startswith(p) or f" {p}" in folded[:40] for p in markers()["denial_phrases"])
        padded = " " + re.sub(r"[^\w ]", " ", folded) + " "
        hedged = any(f" {h} " in padded for h in markers()["hedges"])
        assert (is_denial(None, content), is_hedged(None, content)) == (denial, hedged), content
        hits += denial + hedged
    assert hits > len(phrases)


def _with_repeats(count: int, seed: int) -> list[dict]:
    """Syndication: the same contents again and again, under other actors and new claim ids."""
    rng = random.Random(seed)
    pool = random_claims(60, seed)
    actors = [None, "hamas", "israel_gov", "unidentified"]
    return [{**rng.choice(pool), "claim_id": f"r{i}", "actor": rng.choice(actors)} for i in range(count)]


@pytest.mark.parametrize("threshold", [0.0, 0.5, 1.0, 1.5])
@pytest.mark.parametrize("kept", [2, ClaimClusters.REPEATS_KEPT])
def test_repeat_shortcut_gives_the_clusters_of_comparing_every_pair(monkeypatch, threshold, kept):
    monkeypatch.setattr(ClaimClusters, "REPEATS_KEPT", kept)  # 2: remembered pairs are forgotten all the time
    claims = _with_repeats(1500, seed=int(threshold * 10) + kept)
    clusters = ClaimClusters(threshold)
    assert [clusters.assign(dict(c)) for c in claims] == brute_force(claims, threshold)


def test_repeat_shortcut_across_a_reload(tmp_path):
    claims = _with_repeats(900, seed=5)
    ids = []
    for run in (claims[:450], claims[450:]):  # the second run starts from the first one's store
        clusters = ClaimClusters(0.5, tmp_path / "clusters.jsonl")
        ids += [clusters.assign(dict(c)) for c in run]
        clusters.close()
    assert ids == brute_force(claims, 0.5)


def test_stored_claims_share_one_string_per_word():
    clusters = ClaimClusters(0.5)
    clusters.assign({"claim_id": "a", "content": "mediators drafted a proposal", "actor": "egypt"})
    clusters.assign({"claim_id": "b", "content": "mediators rejected the proposal", "actor": "hamas"})
    first, second = clusters._claims[0][0], clusters._claims[1][0]
    shared = set(first) & set(second)
    assert shared == {"mediators", "proposal"}
    for word in shared:
        assert first[first.index(word)] is second[second.index(word)]
