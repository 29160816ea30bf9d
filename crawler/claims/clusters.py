"""The same claim carried by several outlets: one cluster id, the first claim's id.

Claims join a cluster when their contents share most of their folded word set
(Jaccard >= CLAIM_CLUSTER_THRESHOLD) and they do not name different actors. An
inverted index limits comparisons to claims sharing a word.

With a store file (JSON lines, append-only), clusters survive runs: today's crawl
joins the cluster a statement started in last week's, so "who reported it first"
can be answered over the whole archive. A damaged line is skipped, not fatal.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from crawler.claims.text import tokens_of

DEFAULT_THRESHOLD = 0.5
logger = logging.getLogger(__name__)


def content_words(claim: dict) -> frozenset:
    text = claim.get("content", "") + " " + (claim.get("content_continuation") or "")
    return frozenset(w for w in tokens_of(text) if len(w) > 2)


class ClaimClusters:
    def __init__(self, threshold: float = DEFAULT_THRESHOLD, store: Path | str | None = None):
        self.threshold = threshold
        self._claims: list[tuple[frozenset, str | None, str]] = []  # (words, actor, cluster_id)
        self._index: dict[str, list[int]] = {}
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

    def _add(self, words: frozenset, actor: str | None, cluster_id: str) -> None:
        self._claims.append((words, actor, cluster_id))
        for w in words:
            self._index.setdefault(w, []).append(len(self._claims) - 1)

    def assign(self, claim: dict) -> str:
        words = content_words(claim)
        actor = claim.get("actor")
        best, best_score = None, 0.0
        for idx in {i for w in words for i in self._index.get(w, ())}:
            other, other_actor, cluster = self._claims[idx]
            if actor and other_actor and actor != other_actor and "unidentified" not in (actor, other_actor):
                continue
            score = len(words & other) / len(words | other)
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
