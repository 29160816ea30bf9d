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
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path

from crawler.claims.text import tokens_of

DEFAULT_THRESHOLD = 0.5
logger = logging.getLogger(__name__)


# Frequent words sort last so prefixes hold the rarer ones (any fixed order is correct;
# this one keeps the posting lists short). Folded forms, as tokens_of gives them.
_COMMON = frozenset("""the and that was for with are has have had not will this from they been were said would
their which its but who all more about after over into than also there what when could should our can
علي الي التي الذي الذين هذا هذه ذلك تلك كان كانت قال وقال بين بعد قبل حتي لكن الان ايضا عند خلال""".split())


def _order(word: str) -> tuple:
    return (word in _COMMON, -len(word), word)


def content_words(claim: dict) -> frozenset:
    text = claim.get("content", "") + " " + (claim.get("content_continuation") or "")
    return frozenset(w for w in tokens_of(text) if len(w) > 2)


class ClaimClusters:
    def __init__(self, threshold: float = DEFAULT_THRESHOLD, store: Path | str | None = None):
        self.threshold = threshold
        # (words in _order, actor, cluster_id); tuples: a long archive holds many of them.
        self._claims: list[tuple[tuple[str, ...], str | None, str]] = []
        self._index: dict[str, list[int]] = {}  # prefix word -> claims (ascending)
        # A claim identical to an earlier one (words, actor, cluster) can never win over it
        # (same score, later on a tie): syndicated copies are stored once, compared once.
        self._known: set[tuple] = set()
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
                    self._add(frozenset(row["words"]), row.get("actor"), row["cluster_id"])
                except (ValueError, KeyError, TypeError):
                    logger.warning("claim cluster store %s: line %d unreadable, skipped", path, number)

    def _prefix(self, ordered: tuple[str, ...]) -> tuple[str, ...]:
        n = len(ordered)
        if self.threshold <= 0:
            return ordered
        # The epsilon keeps float error (0.3 * 10 = 3.0000000000000004) from shortening the prefix.
        return ordered[:max(0, n - math.ceil(self.threshold * n - 1e-9) + 1)]

    def _add(self, words: frozenset, actor: str | None, cluster_id: str) -> None:
        ordered = tuple(sorted(words, key=_order))
        if (ordered, actor, cluster_id) in self._known:
            return
        self._known.add((ordered, actor, cluster_id))
        self._claims.append((ordered, actor, cluster_id))
        for w in self._prefix(ordered):
            self._index.setdefault(w, []).append(len(self._claims) - 1)

    def assign(self, claim: dict) -> str:
        words = content_words(claim)
        actor = claim.get("actor")
        best, best_score = None, 0.0
        size, threshold = len(words), self.threshold
        prefix = self._prefix(tuple(sorted(words, key=_order)))
        for idx in sorted({i for w in prefix for i in self._index.get(w, ())}):  # earliest claim wins a tie
            other, other_actor, cluster = self._claims[idx]
            if actor and other_actor and actor != other_actor and "unidentified" not in (actor, other_actor):
                continue
            if threshold > 0 and not threshold * size - 1e-9 <= len(other) <= size / threshold + 1e-9:
                continue  # sizes this far apart cannot reach the threshold
            common = len(words.intersection(other))
            score = common / (size + len(other) - common)
            if score > best_score:
                best, best_score = cluster, score
        cluster_id = best if best is not None and best_score >= self.threshold else claim["claim_id"]
        self._add(words, actor, cluster_id)
        if self._store is not None:
            self._store.write(json.dumps({"cluster_id": cluster_id, "claim_id": claim.get("claim_id"), "actor": actor,
                                          "words": sorted(words)}, ensure_ascii=False) + "\n")
            self._store.flush()
        claim["cluster_id"] = cluster_id
        return cluster_id

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
