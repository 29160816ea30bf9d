"""Score `scrapy claims` against ../shared/gold with the rule of gold/README.md.

    python bench/evaluate_claims.py [--gold ../shared/gold] [--only dev01,dev02]

Prints, per language and overall: claim precision / recall / F1, speaker accuracy,
actor accuracy, via accuracy and direct/indirect accuracy on matched claims (plus
speaker_kind, anonymous and denial agreement, beyond the README's rule), the
seed's score (claims with correct speaker and via), and throughput (sentences per
second on one core, extractor only).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.claims import claims_for_text  # noqa: E402
from crawler.claims.scoring import f1, match, speaker_ok, via_ok  # noqa: E402
from crawler.claims.scoring import full_content as gold_content  # noqa: E402
from crawler.claims.text import sentence_spans  # noqa: E402


def run_command(records: list[dict]) -> dict[str, list[dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "scrapy", "claims", str(src)], cwd=ROOT, capture_output=True,
                              text=True, check=True)
    out: dict[str, list[dict]] = {}
    for line in proc.stdout.splitlines():
        claim = json.loads(line)
        out.setdefault(claim["id"], []).append(claim)
    return out


def load_set(folder: Path, shared: Path) -> list[tuple[str, dict, str]]:
    """Gold articles of a folder: <id>.json whose "source" is relative to shared/ (dev) or to the folder."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        text_path = shared / g["source"] if (shared / g["source"]).is_file() else folder / g["source"]
        articles.append((path.stem, g, text_path.read_text(encoding="utf-8")))
    return articles


def score(articles, predicted) -> None:
    stats = {k: Counter() for k in ("ar", "en", "all")}
    for ident, g, _ in articles:
        preds, golds = predicted.get(ident, []), g["claims"]
        pairs = match(preds, golds)
        for lang in (g["language"], "all"):
            s = stats[lang]
            s["pred"] += len(preds)
            s["gold"] += len(golds)
            s["matched"] += len(pairs)
            s["actor"] += sum(p.get("actor") == gg.get("actor") for p, gg in pairs)
            s["via"] += sum(via_ok(p, gg) for p, gg in pairs)
            s["quote"] += sum(p.get("quote") == gg.get("quote") for p, gg in pairs)
            s["kind"] += sum(p.get("speaker_kind") == gg.get("speaker_kind") for p, gg in pairs)
            s["anonymous"] += sum(bool(p.get("anonymous")) == bool(gg.get("anonymous")) for p, gg in pairs)
            s["polarity"] += sum((p.get("polarity") == "denial") == (gg.get("note") or "").startswith("denial")
                                 for p, gg in pairs)
            content_only = [(p, gg) for gg in golds for p in preds if f1(gold_content(p), gold_content(gg)) >= 0.6]
            s["content_matched"] += len({id(gg) for _, gg in content_only})
            s["speaker_on_content"] += len({id(gg) for p, gg in content_only if speaker_ok(p, gg)})
            unattributed = g.get("unattributed_statements") or []
            s["unattributed_hits"] += sum(any(f1(p["content"], u["content"]) >= 0.6 for u in unattributed) for p in preds)
    print(f"{'lang':4} {'pred':>5} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'actor':>6} {'via':>6} "
          f"{'quote':>6} {'kind':>6} {'anon':>6} {'denial':>6}")
    for lang, s in stats.items():
        if not s["gold"]:
            continue
        p = s["matched"] / s["pred"] if s["pred"] else 0
        r = s["matched"] / s["gold"] if s["gold"] else 0
        f = 2 * p * r / (p + r) if p + r else 0
        m = s["matched"] or 1
        sp = s["speaker_on_content"] / (s["content_matched"] or 1)
        print(f"{lang:4} {s['pred']:5d} {s['gold']:5d} {p:6.3f} {r:6.3f} {f:6.3f} {sp:8.3f} {s['actor']/m:6.3f} "
              f"{s['via']/m:6.3f} {s['quote']/m:6.3f} {s['kind']/m:6.3f} {s['anonymous']/m:6.3f} "
              f"{s['polarity']/m:6.3f}   (unattributed matched: {s['unattributed_hits']})")


def clusters(articles, predicted) -> None:
    """Cluster ids across republished/updated pairs (dev06 duplicate_of dev05, dev09 version_of dev08):
    the same gold claim in both articles should share a cluster; different gold claims should not."""
    by_id = {ident: (g, predicted.get(ident, [])) for ident, g, _ in articles}
    short = {ident.split("_")[0]: ident for ident in by_id}
    same = shared = split_wrong = other = 0
    for ident, (g, preds) in by_id.items():
        partner = g.get("duplicate_of") or g.get("version_of")
        if not partner:
            continue
        partner = short.get(partner.split("_")[0], partner)
        if partner not in by_id:
            continue
        g2, preds2 = by_id[partner]
        pairs_a = {id(gc): p for p, gc in match(preds, g["claims"])}
        pairs_b = match(preds2, g2["claims"])
        for ga in g["claims"]:
            pa = pairs_a.get(id(ga))
            for pb, gb in pairs_b:
                if pa is None:
                    continue
                if f1(gold_content(ga), gold_content(gb)) >= 0.8:  # the same gold claim in both articles
                    same += 1
                    shared += pa["cluster_id"] == pb["cluster_id"]
                else:
                    other += 1
                    split_wrong += pa["cluster_id"] == pb["cluster_id"]
    if same:
        print(f"clusters: {shared}/{same} claims repeated across republished/updated pairs share a cluster_id; "
              f"{split_wrong}/{other} different claims wrongly share one")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold"))
    parser.add_argument("--fresh", default=str(ROOT / "bench" / "fresh"),
                        help="extra gold written after the rules (first-run scores in docs/claims.md); '' to skip")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    gold_dir = Path(args.gold)
    shared = gold_dir.parent
    articles = [a for a in load_set(gold_dir / "dev", shared)
                if not args.only or any(a[0].startswith(o) for o in args.only.split(","))]
    fresh = load_set(Path(args.fresh), shared) if args.fresh and Path(args.fresh).is_dir() else []
    seed_gold = json.loads((gold_dir / "seed_claims.json").read_text(encoding="utf-8"))
    seed_text = (shared / seed_gold["source"]).read_text(encoding="utf-8")
    records = [{"id": i, "language": g["language"], "published": g.get("published"), "text": t}
               for i, g, t in articles + fresh]
    records.append({"id": "seed", "language": "ar", "published": None, "text": seed_text})
    predicted = run_command(records)

    print("dev set (shared/gold/dev):")
    score(articles, predicted)
    if fresh:
        print(f"fresh set ({args.fresh}: written after the rules; first-run scores in docs/claims.md):")
        score(fresh, predicted)

    clusters(articles, predicted)

    seed_preds = predicted.get("seed", [])
    pairs = match(seed_preds, seed_gold["claims"])
    good = sum(speaker_ok(p, g) and via_ok(p, g) for p, g in pairs)
    print(f"seed: {good} of {len(seed_gold['claims'])} gold claims matched with correct speaker and via "
          f"({len(seed_preds)} predicted)")

    # throughput: the extractor alone, one process (one core)
    texts = [(t, g["language"]) for _, g, t in articles] + [(seed_text, "ar")]
    sentences = sum(len(sentence_spans(line)) for t, _ in texts for line in t.split("\n") if line.strip())
    rounds = 20
    start = time.process_time()
    for _ in range(rounds):
        for t, lang in texts:
            claims_for_text(t, lang, None, "bench")
    elapsed = time.process_time() - start
    print(f"throughput: {sentences * rounds / elapsed:,.0f} sentences/s on one core "
          f"({sentences} sentences x {rounds} rounds in {elapsed:.2f}s CPU)")


if __name__ == "__main__":
    main()
