"""Cross-language signatures computed the fast way (one compiled pattern per place, cached word
lookups: crawler/claims/crosslingual.py) equal the straightforward computation they replaced, on
every claim the extractor finds in the gold texts, the fresh set and the benchmark mirror's
sentences, and on sentences built to hit every place spelling with and without clitics."""

from __future__ import annotations

import re

import pytest

from crawler.claims import claims_for_text
from crawler.claims import crosslingual
from crawler.claims.lexicon import actor_index
from crawler.claims.text import fold, fold_word
from tests.test_claims_speed_equivalence import TEXTS


def reference_entities(text: str, speaker_actor: str | None) -> frozenset:
    """The computation before the speed-up: every word against every prefix, a regex per spelling."""
    words = [w for w in (fold_word(w) for w in text.split()) if w]
    index = actor_index()
    found = set()
    for w in words:
        for prefix in crosslingual._PREFIXES:
            if w.startswith(prefix) and len(w) - len(prefix) >= 2:
                for name in index.get(w[len(prefix):], ()):
                    if len(name.tokens) == 1 and name.kind != "nisba":
                        found.add(name.actor)
    folded = " " + fold(text) + " "
    for place, spellings in crosslingual._PLACES.items():
        if any(re.search(rf"(?<!\w)(?:{'|'.join(crosslingual._PREFIXES[1:])})?{re.escape(s)}(?!\w)", folded)
               for s in spellings):
            found.add(place)
    found.discard(speaker_actor)
    return frozenset(found)


def reference_numbers(text: str) -> frozenset:
    folded = fold(text).translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    found = {d.replace(",", "").replace(".", "") for d in crosslingual._DIGITS_RE.findall(folded)}
    found = {d for d in found if not crosslingual._YEAR_RE.fullmatch(d)}
    for word in re.findall(r"\w+", folded):
        for prefix in crosslingual._PREFIXES:
            if word.startswith(prefix) and word[len(prefix):] in crosslingual._NUMBER_WORDS:
                if crosslingual._NUMBER_WORDS[word[len(prefix):]] > 2:
                    found.add(str(crosslingual._NUMBER_WORDS[word[len(prefix):]]))
                break
    return frozenset(found)


def _claims():
    for text, language, published in TEXTS:
        for claim in claims_for_text(text, language, published=published):
            yield claim, language, published


def test_signatures_of_extracted_claims_are_unchanged():
    compared = with_entities = with_numbers = 0
    for claim, language, published in _claims():
        text = claim.get("content", "") + " " + (claim.get("content_continuation") or "")
        expected = reference_entities(text, claim.get("actor"))
        assert crosslingual._entities(text, claim.get("actor")) == expected, text
        sig = crosslingual.signature(claim, language, published)
        assert sig.entities == expected
        assert sig.numbers == reference_numbers(text + " " + " ".join(claim.get("quantities") or []))
        with_numbers += bool(sig.numbers)
        compared += 1
        with_entities += bool(expected)
    assert compared > 200 and with_entities > 50 and with_numbers > 20  # the comparison saw real entities, not only empty sets


@pytest.mark.parametrize("place", sorted(crosslingual._PLACES))
def test_every_place_spelling_with_and_without_clitics(place):
    for spelling in crosslingual._PLACES[place]:
        for prefix in crosslingual._PREFIXES:
            for text in (f"قال الوفد إن {prefix}{spelling} مغلق", f"{prefix}{spelling}", f"x{prefix}{spelling}y",
                         f"The envoy said {prefix}{spelling}, not Doha", f"{spelling}{prefix}"):
                assert crosslingual._entities(text, None) == reference_entities(text, None), text


def test_number_words_with_and_without_clitics():
    for word, value in crosslingual._NUMBER_WORDS.items():
        for prefix in crosslingual._PREFIXES:
            for text in (f"{prefix}{word}", f"قال إن {prefix}{word} من 23 أسيرا", f"{word}{prefix} 2024"):
                assert crosslingual._numbers(text) == reference_numbers(text), text


class _EveryCopyIndex:
    """The index before: every claim's signature appended, per actor, trimmed to the window."""

    def __init__(self, window: int):
        self.window, self.by_actor = window, {}

    def add(self, sig, cluster_id):
        if sig.actor and sig.language:
            entries = self.by_actor.setdefault(sig.actor, [])
            entries.append((sig, cluster_id))
            del entries[: max(0, len(entries) - self.window)]

    def find(self, sig):
        best, best_points = None, crosslingual.MIN_EVIDENCE - 1
        for other, cluster_id in self.by_actor.get(sig.actor or "", ()):
            points = crosslingual.evidence(sig, other)
            if points > best_points:
                best, best_points = cluster_id, points
        return best


def _random_signatures(rng, count):
    actors, languages = ["mediator", "hamas", "israel_official", None], ["ar", "en", "he"]
    for n in range(count):
        yield crosslingual.Signature(
            rng.choice(actors), frozenset(rng.sample(["23", "33", "40", "600"], rng.randint(0, 2))),
            frozenset(rng.sample(["rafah", "cairo", "doha", "phase_two"], rng.randint(0, 3))),
            frozenset(rng.sample(["channel_12", "al_jazeera"], rng.randint(0, 1))),
            rng.choice(["channel_12", "al_jazeera", None]), None, rng.choice(languages)), f"c{n % 40}"


def test_the_index_keeps_each_repeated_signature_once_and_finds_the_same_clusters():
    import random

    rng = random.Random(11)
    signatures = list(_random_signatures(rng, 150))
    new, before = crosslingual.CrossLanguageIndex(10_000), _EveryCopyIndex(10_000)
    found = 0
    for step in range(3000):  # repeats dominate, as syndicated copies do in a crawl
        sig, cluster = rng.choice(signatures)
        assert new.find(sig) == before.find(sig)
        found += new.find(sig) is not None
        new.add(sig, cluster)
        before.add(sig, cluster)
    assert found > 100
    assert sum(map(len, new._by_actor.values())) <= 150 < sum(map(len, before.by_actor.values()))


def test_the_index_is_bounded_by_its_window_in_all():
    import random

    index = crosslingual.CrossLanguageIndex(100)
    for sig, cluster in _random_signatures(random.Random(5), 5000):
        index.add(crosslingual.Signature(sig.actor or "x", sig.numbers, sig.entities, sig.via, sig.outlet,
                                         None, sig.language), cluster + str(random.random()))
        assert len(index._last_seen) <= 150 and sum(map(len, index._by_actor.values())) == len(index._last_seen)
