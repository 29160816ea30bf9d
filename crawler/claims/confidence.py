"""``confidence``: the chance that a claim is right, from how often its rule was right on real news.

The counts in ``data/confidence.json`` come from bench/calibrate_claims.py (real_dev, tune half).
A rule's hand-set confidence is the prior; its observed hits pull it toward the measured precision
(a beta prior worth PRIOR_WEIGHT claims), so a rule seen twice moves little and one seen fifty
times speaks for itself. A speaker not tied to any side is scaled by how much less often such
claims were right; an unresolved coreferent ("he" with no antecedent) loses a further tenth.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

TABLE_PATH = str(resources.files("crawler.claims") / "data" / "confidence.json")
PRIOR_WEIGHT = 8.0
# The counts come from the half the rules were tuned on: they flatter the rules, so never claim more.
CEILING = 0.95


@lru_cache(maxsize=None)
def _counts() -> dict[str, tuple[int, int]]:
    try:
        raw = json.loads((resources.files("crawler.claims") / "data" / "confidence.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {key: (n, k) for key, (n, k) in raw["counts"].items()}


def _rate(key: str, prior: float) -> float:
    n, k = _counts().get(key, (0, 0))
    return (k + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT)


@lru_cache(maxsize=1 << 10)
def calibrated(rule: str, prior: float, resolved: bool, dangling: bool) -> float:
    value = _rate(rule, prior)
    if not resolved:
        overall = _rate("resolved", prior) or 1.0
        value *= min(1.0, _rate("unresolved", prior) / overall)
    if dangling:
        value *= 0.9
    return round(min(value, CEILING), 2)
