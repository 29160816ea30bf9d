"""The same claim carried by several outlets: one cluster id, the first claim's id.

Claims join a cluster when their contents share most of their folded word set
(Jaccard >= CLAIM_CLUSTER_THRESHOLD) and they do not name different actors. An
inverted index over each claim's *prefix* limits comparisons to claims that can reach
the threshold (the AllPairs prefix filter): with the words in one fixed order, two sets
with Jaccard >= t share a word among their first ``n - ceil(t*n) + 1``. Indexing every
word instead made each claim meet all earlier claims sharing "said" or "الوسطاء", a
cost that grew with the archive (bench/pipeline_speed.py).

With a store file (JSON lines, append-only), clusters survive runs: today's crawl
joins the cluster a statement started in last week's, so "who reported it first"
can be answered over the whole archive. A damaged line is skipped, not fatal.

Claims in different languages share no words: when the caller gives a claim's language
(and publication date, outlet), a claim that joins no cluster by words may join one in
another language on language-free evidence (crawler/claims/crosslingual.py).

Memory is bounded by ``window`` (CLAIM_CLUSTER_WINDOW): a new claim is compared with
the most recent ``window`` distinct claims only. A statement is carried by other
outlets within days, and one index entry costs about 1 KB, so an unbounded index
grew without end on a months-long schedule. The store file keeps every claim.
"""

from __future__ import annotations

import json
import logging
import math
from array import array
from functools import lru_cache
from pathlib import Path

from crawler.claims.crosslingual import CrossLanguageIndex, Signature, signature
from crawler.claims.text import tokens_of

# json.dumps(row, ensure_ascii=False) builds an encoder per call; this one is built once.
_to_json = json.JSONEncoder(ensure_ascii=False).encode

DEFAULT_THRESHOLD = 0.5
DEFAULT_WINDOW = 50_000
logger = logging.getLogger(__name__)


# Frequent words sort last so prefixes hold the rarer ones (any fixed order is correct;
# this one keeps the posting lists short). Folded forms, as tokens_of gives them.
_COMMON = frozenset("""the and that was for with are has have had not will this from they been were said would
their which its but who all more about after over into than also there what when could should our can
علي الي التي الذي الذين هذا هذه ذلك تلك كان كانت قال وقال بين بعد قبل حتي لكن الان ايضا عند خلال""".split())


def _order(word: str) -> tuple:
    return (word in _COMMON, -len(word), word)


def content_words(claim: dict) -> frozenset:
    return _words_of(claim.get("content", "") + " " + (claim.get("content_continuation") or ""))


@lru_cache(maxsize=1 << 12)  # syndicated copies carry the same contents
def _words_of(text: str) -> frozenset:
    return frozenset(w for w in tokens_of(text) if len(w) > 2)


class ClaimClusters:
    # How many (words, actor) -> cluster decisions assign remembers for repeats (see _repeats).
    REPEATS_KEPT = 1 << 12

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, store: Path | str | None = None,
                 window: int = DEFAULT_WINDOW):
        self.threshold = threshold
        self.window = max(1, window)
        # (words in _order, actor, cluster_id); tuples: a long archive holds many of them.
        self._claims: list[tuple[tuple[str, ...], str | None, str]] = []
        # prefix word -> claims (ascending); arrays of machine ints, not lists of int objects.
        self._index: dict[str, array] = {}
        # A claim identical to an earlier one (words, actor, cluster) can never win over it
        # (same score, later on a tie): syndicated copies are stored once, compared once.
        self._known: set[tuple] = set()
        # One string per distinct word: the archive's vocabulary grows far slower than its claims.
        self._vocabulary: dict[str, str] = {}
        # A repeated (words, actor) gets the cluster of the earliest compatible claim with exactly
        # these words (Jaccard 1, earliest on a tie), which the first assign of the pair found or
        # became; entries are never removed, so the answer holds, and the pair's entry is already
        # stored. Bounded: a forgotten pair is just computed again.
        self._repeats: dict[tuple[frozenset, str | None], str] = {}
        self._crosslingual = CrossLanguageIndex(self.window)
        self._store = None
        if store:
            path = Path(store)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._load(path)
            self._store = path.open("a", encoding="utf-8")

    def _load(self, path: Path) -> None:
        if not path.exists():
            return
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                try:
                    row = json.loads(line)
                    self._add(self._ordered(frozenset(row["words"])), row.get("actor"), row["cluster_id"])
                    if row.get("crosslingual"):
                        self._crosslingual.add(Signature.from_json(row["crosslingual"]), row["cluster_id"])
                except (ValueError, KeyError, TypeError):
                    logger.warning("claim cluster store %s: line %d unreadable, skipped", path, number)

    def _prefix(self, ordered: tuple[str, ...]) -> tuple[str, ...]:
        n = len(ordered)
        if self.threshold <= 0:
            return ordered
        # The epsilon keeps float error (0.3 * 10 = 3.0000000000000004) from shortening the prefix.
        return ordered[:max(0, n - math.ceil(self.threshold * n - 1e-9) + 1)]

    def _ordered(self, words: frozenset) -> tuple[str, ...]:
        return self._interned(sorted(words, key=_order))

    def _interned(self, ordered_words) -> tuple[str, ...]:
        vocabulary = self._vocabulary
        return tuple(vocabulary.setdefault(w, w) for w in ordered_words)

    def _add(self, ordered: tuple[str, ...], actor: str | None, cluster_id: str) -> None:
        if (ordered, actor, cluster_id) in self._known:
            return
        self._known.add((ordered, actor, cluster_id))
        self._claims.append((ordered, actor, cluster_id))
        for w in self._prefix(ordered):
            self._index.setdefault(w, array("q")).append(len(self._claims) - 1)
        if len(self._claims) >= self.window + self.window // 2 + 1:
            self._forget_oldest()

    def _forget_oldest(self) -> None:
        """Keep the newest ``window`` claims and rebuild the index over them.

        Done once every window/2 claims, so the cost per claim stays constant. The
        repeat shortcut is cleared: its answers may name claims now forgotten.
        """
        kept = self._claims[-self.window:]
        self._claims, self._index, self._known, self._vocabulary = [], {}, set(), {}
        self._repeats.clear()
        for ordered, actor, cluster_id in kept:
            self._add(self._interned(ordered), actor, cluster_id)

    def assign(self, claim: dict, language: str | None = None, published=None, outlet: str | None = None) -> str:
        self.assign_all([claim], language, published, outlet)
        return claim["cluster_id"]

    def assign_all(self, claims: list[dict], language: str | None = None, published=None,
                   outlet: str | None = None) -> None:
        """assign each of one article's claims, in order; their store rows go out in one write.

        One flush per article, not per claim (a crawl wrote ~20 per article): a crash can
        lose the rows of the article being assigned, which never reached any output either.
        """
        rows = [self._assign(claim, language, published, outlet) for claim in claims]
        if self._store is not None and rows:
            self._store.write("".join(rows))
            self._store.flush()

    def _assign(self, claim: dict, language: str | None, published, outlet: str | None) -> str | None:
        """Sets the claim's cluster_id; returns its store row (a JSON line), None without a store."""
        words = content_words(claim)
        actor = claim.get("actor")
        sig = signature(claim, language, published, outlet) if language else None
        cluster_id = self._repeats.get((words, actor))
        if cluster_id is None:
            ordered = self._ordered(words)
            cluster_id = self._best(words, ordered, actor)
            if cluster_id is None and sig is not None:
                cluster_id = self._crosslingual.find(sig)
            if cluster_id is None:
                cluster_id = claim["claim_id"]
            self._add(ordered, actor, cluster_id)
            if words and self.threshold <= 1:  # else a repeat need not join its first copy
                if len(self._repeats) >= self.REPEATS_KEPT:
                    del self._repeats[next(iter(self._repeats))]
                self._repeats[(words, actor)] = cluster_id
        if sig is not None:
            self._crosslingual.add(sig, cluster_id)
        claim["cluster_id"] = cluster_id
        if self._store is None:
            return None
        row = {"cluster_id": cluster_id, "claim_id": claim.get("claim_id"), "actor": actor, "words": sorted(words)}
        if sig is not None:
            row["crosslingual"] = sig.to_json()
        return _to_json(row) + "\n"

    def _best(self, words: frozenset, ordered: tuple[str, ...], actor: str | None) -> str | None:
        """The cluster of the best-scoring earlier claim reaching the threshold, if any."""
        best, best_score = None, 0.0
        size, threshold = len(words), self.threshold
        prefix = self._prefix(ordered)
        index = self._index
        # The union of the prefix words' posting arrays (built in C); earliest claim wins a tie.
        for idx in sorted(set().union(*[index[w] for w in prefix if w in index])):
            other, other_actor, cluster = self._claims[idx]
            if actor and other_actor and actor != other_actor and "unidentified" not in (actor, other_actor):
                continue
            if threshold > 0 and not threshold * size - 1e-9 <= len(other) <= size / threshold + 1e-9:
                continue  # sizes this far apart cannot reach the threshold
            common = len(words.intersection(other))
            score = common / (size + len(other) - common)
            if score > best_score:
                best, best_score = cluster, score
        return best if best is not None and best_score >= self.threshold else None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
