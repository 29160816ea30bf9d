"""Hebrew: claims F1 and relevance on ../shared/gold/real_dev (the he texts, in two halves by a
hash of the document id: "tune" = first hex digit of sha1(id) even, "held" = odd; rules were
tuned on the tune half only), on the project's own annotated Hebrew articles
(tests/fixtures/hebrew/claims), on its own relevance texts (tests/fixtures/hebrew/relevance),
and the precision of cross-language claim clusters on its own ar/he/en pairs
(tests/fixtures/hebrew/cross_language.json).

    python bench/evaluate_hebrew.py [--verbose]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.claims import claims_for_text  # noqa: E402
from crawler.claims.scoring import f1, full_content, match, via_ok  # noqa: E402
from crawler.relevance import score_article  # noqa: E402

SHARED = Path(os.environ.get("CAIRO_SHARED_DIR", ROOT.parent / "shared"))
OWN = ROOT / "tests" / "fixtures" / "hebrew"


def half(doc_id: str) -> str:
    return "tune" if int(hashlib.sha1(doc_id.encode()).hexdigest()[0], 16) % 2 == 0 else "held"


def real_dev() -> list[tuple[str, dict, str]]:
    folder = SHARED / "gold" / "real_dev"
    return [(p.stem, json.loads(p.read_text(encoding="utf-8")), (folder / f"{p.stem}.txt").read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*_he_*.json"))]


def own_claims() -> list[tuple[str, dict, str]]:
    folder = OWN / "claims"
    return [(p.stem, json.loads(p.read_text(encoding="utf-8")), (folder / f"{p.stem}.txt").read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.json"))]


def claim_scores(articles, verbose: bool = False) -> dict:
    s = Counter()
    for ident, gold, text in articles:
        preds = claims_for_text(text, "he", gold.get("published"), ident)
        pairs = match(preds, gold["claims"])
        s["pred"] += len(preds)
        s["gold"] += len(gold["claims"])
        s["matched"] += len(pairs)
        s["via"] += sum(via_ok(p, g) for p, g in pairs)
        s["quote"] += sum(p["quote"] == g["quote"] for p, g in pairs)
        s["actor"] += sum(p["actor"] == g["actor"] for p, g in pairs)
        if verbose:
            matched_gold = {id(g) for _, g in pairs}
            matched_pred = {id(p) for p, _ in pairs}
            for g in gold["claims"]:
                if id(g) not in matched_gold:
                    print(f"  MISS {ident} p{g['paragraph']} [{g['speaker']}|{g['cue']}] {full_content(g)[:90]}")
            for p in preds:
                if id(p) not in matched_pred:
                    print(f"  FP   {ident} p{p['paragraph']} [{p['speaker']}|{p['cue']}|{p['actor']}] {p['content'][:90]}")
    p = s["matched"] / s["pred"] if s["pred"] else 0.0
    r = s["matched"] / s["gold"] if s["gold"] else 0.0
    m = s["matched"] or 1
    return {"pred": s["pred"], "gold": s["gold"], "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "via": round(s["via"] / m, 3),
            "quote": round(s["quote"] / m, 3), "actor": round(s["actor"] / m, 3)}


def relevance_cases() -> list[tuple[str, bool, str]]:
    cases = [(ident, gold["on_topic"], text) for ident, gold, text in real_dev()]
    for path in sorted((OWN / "relevance").glob("*.txt")):
        cases.append((f"own/{path.stem}", path.stem.startswith("on_"), path.read_text(encoding="utf-8")))
    for ident, gold, text in own_claims():
        cases.append((f"own/{ident}", gold.get("on_topic", True), text))
    return cases


def relevance(verbose: bool = False) -> dict:
    groups: dict[str, Counter] = {}
    for ident, on_topic, text in relevance_cases():
        lines = [ln for ln in text.splitlines() if ln.strip()]
        judged = score_article({"headline": lines[0], "paragraphs": lines[1:], "language": "he"})
        group = "own" if ident.startswith("own/") else half(ident)
        c = groups.setdefault(group, Counter())
        c["n"] += 1
        c["correct"] += judged.on_topic == on_topic
        c["positives"] += on_topic
        if verbose and judged.on_topic != on_topic:
            print(f"  WRONG {ident} on_topic={on_topic} score={judged.topic_score:.2f}")
    return {g: f"{c['correct']}/{c['n']} ({c['positives']} on topic)" for g, c in sorted(groups.items())}


def cluster_precision(verbose: bool = False) -> dict:
    """Each case: texts in ar/he/en and the statements they share (groups of [text id, content snippet]).
    A cross-text merge is right when both claims carry one statement; precision = right / all merges
    across texts; recall = statements with at least one cross-text link."""
    from crawler.claims.clusters import ClaimClusters

    data = json.loads((OWN / "cross_language.json").read_text(encoding="utf-8"))
    right = wrong = statements = joined = 0
    for case in data["cases"]:
        clusters = ClaimClusters(0.5, None)
        claims = []
        for doc in case["texts"]:
            for claim in claims_for_text(doc["text"], doc["language"], doc["published"], doc["id"]):
                clusters.assign(claim, doc["language"], doc["published"], doc.get("outlet"))
                claims.append((doc["id"], claim))
        clusters.close()

        def statement_of(doc_id, claim):
            return next((n for n, group in enumerate(case["statements"])
                         if any(doc_id == d and snippet in claim["content"] for d, snippet in group)), None)

        for x, (doc_a, a) in enumerate(claims):
            for doc_b, b in claims[x + 1:]:
                if doc_a == doc_b or a["cluster_id"] != b["cluster_id"]:
                    continue
                same = statement_of(doc_a, a)
                if same is not None and same == statement_of(doc_b, b):
                    right += 1
                else:
                    wrong += 1
                    if verbose:
                        print(f"  WRONG MERGE {case['name']}: {a['content'][:50]} ~ {b['content'][:50]}")
        for n, _ in enumerate(case["statements"]):
            members = [(d, c) for d, c in claims if statement_of(d, c) == n]
            statements += 1
            joined += any(da != db and ca["cluster_id"] == cb["cluster_id"] for da, ca in members for db, cb in members)
    merges = right + wrong
    return {"cases": len(data["cases"]), "cross-text merges": merges,
            "precision": round(right / merges, 3) if merges else None, "statements linked across texts": f"{joined}/{statements}"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    dev = real_dev()
    for name in ("tune", "held"):
        articles = [a for a in dev if half(a[0]) == name]
        # errors are listed for the tune half only: the held half stays unseen
        print(f"claims real_dev/he {name} ({len(articles)} texts):", claim_scores(articles, args.verbose and name == "tune"))
    print("claims real_dev/he all:", claim_scores(dev))
    print(f"claims own articles ({len(own_claims())}):", claim_scores(own_claims(), args.verbose))
    print("relevance correct:", relevance(args.verbose))
    if (OWN / "cross_language.json").is_file():
        print("cross-language clusters:", cluster_precision(args.verbose))


if __name__ == "__main__":
    main()
