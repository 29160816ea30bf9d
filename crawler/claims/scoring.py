"""The gold scoring rule of ../shared/gold/README.md, shared by bench/evaluate_claims.py and the tests.

A predicted claim matches a gold claim when their contents overlap (token F1 >= 0.6)
and the speaker agrees (speaker token F1 >= 0.5, or the same actor id); pairs are
chosen greedily one-to-one, preferring the same paragraph, then the best content F1.
"""

from __future__ import annotations

from collections import Counter

from crawler.claims.text import tokens_of


def f1(a: str | None, b: str | None) -> float:
    """Bag-of-tokens F1 of two strings after the README's normalization."""
    ta, tb = Counter(tokens_of(a or "")), Counter(tokens_of(b or ""))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def full_content(claim: dict) -> str:
    """``content``, plus ``content_continuation`` for a direct quote split around its cue."""
    return claim["content"] + (" " + claim["content_continuation"] if claim.get("content_continuation") else "")


def speaker_ok(pred: dict, gold: dict) -> bool:
    same_actor = bool(pred.get("actor")) and pred.get("actor") == gold.get("actor")
    return f1(pred.get("speaker"), gold.get("speaker")) >= 0.5 or same_actor


def via_ok(pred: dict, gold: dict) -> bool:
    pv, gv = pred.get("via") or [], gold.get("via") or []
    if not pv and not gv:
        return True
    return any(f1(a, b) >= 0.5 for a in pv for b in gv)


def match(preds: list[dict], golds: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairs (prediction, gold claim)."""
    used: set[int] = set()
    pairs: list[tuple[dict, dict]] = []
    for gold in golds:
        best, key = None, None
        for n, pred in enumerate(preds):
            if n in used:
                continue
            content_f1 = f1(full_content(pred), full_content(gold))
            if content_f1 < 0.6 or not speaker_ok(pred, gold):
                continue
            candidate = (pred["paragraph"] == gold["paragraph"], content_f1)
            if key is None or candidate > key:
                best, key = n, candidate
        if best is not None:
            used.add(best)
            pairs.append((preds[best], gold))
    return pairs
