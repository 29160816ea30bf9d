"""Score `scrapy claims` against ../shared/gold with the rule of gold/README.md.

    python bench/evaluate_claims.py [--gold ../shared/gold] [--only dev01,dev02] [--errors]

Prints, per language and overall: claim precision / recall / F1, speaker accuracy,
actor accuracy, via accuracy and direct/indirect accuracy on matched claims (plus
speaker_kind, anonymous and denial agreement, beyond the README's rule) for the synthetic
dev set, the fresh set and ``real_dev`` (real news) split into two halves by a hash of the
document id: rules are tuned on the "tune" half only; the "held" half is reported, never
inspected. Then the per-pattern error counts of both halves (the held half's as counts only), a calibration table of
``confidence`` (bins -> observed precision) per half, the seed's score (claims with correct
speaker and via), and throughput (sentences per second on one core, extractor only).
``--errors`` lists the tune half's errors one by one (never the held half's).
"""

from __future__ import annotations

import argparse
import hashlib
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


def half_of(ident: str) -> str:
    """real_dev's deterministic split: "tune" (rules may be changed looking at it) or "held" (only reported)."""
    return "tune" if hashlib.sha256(ident.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def score(articles, predicted, quiet: bool = False) -> dict[str, Counter]:
    stats: dict[str, Counter] = {}
    for ident, g, _ in articles:
        preds, golds = predicted.get(ident, []), g["claims"]
        pairs = match(preds, golds)
        for lang in (g["language"], "all"):
            s = stats.setdefault(lang, Counter())
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
    if quiet:
        return stats
    print(f"{'lang':4} {'pred':>5} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'actor':>6} {'via':>6} "
          f"{'quote':>6} {'kind':>6} {'anon':>6} {'denial':>6}")
    for lang in sorted(stats, key=lambda k: (k == "all", k)):
        s = stats[lang]
        if not s["gold"]:
            continue
        p, r, f = prf(s)
        m = s["matched"] or 1
        sp = s["speaker_on_content"] / (s["content_matched"] or 1)
        print(f"{lang:4} {s['pred']:5d} {s['gold']:5d} {p:6.3f} {r:6.3f} {f:6.3f} {sp:8.3f} {s['actor']/m:6.3f} "
              f"{s['via']/m:6.3f} {s['quote']/m:6.3f} {s['kind']/m:6.3f} {s['anonymous']/m:6.3f} "
              f"{s['polarity']/m:6.3f}   (unattributed matched: {s['unattributed_hits']})")
    return stats


def prf(s: Counter) -> tuple[float, float, float]:
    p = s["matched"] / s["pred"] if s["pred"] else 0.0
    r = s["matched"] / s["gold"] if s["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- error patterns (the list), for the tune half only ----------------------------------
ERROR_PATTERNS = ("missed", "  no-said-verb attribution", "  implicit/pronoun speaker", "  other missed",
                  "wrong speaker", "  relay taken as speaker", "  speaker span swallows words",
                  "  implicit/pronoun speaker unresolved", "  other speaker", "relay/via wrong (matched claim)",
                  "spurious", "  journalist's own statement", "  background / non-speaker source", "  other spurious")
_PRONOUNS = {"he", "she", "they", "it", "which", "who"}
_NO_VERB_CUES = {"according to", "statement said", "وفق", "وفقا", "بحسب", "حسب", "حسبما", "نقلا عن", "في تصريح",
                 "reportedly", "as"}


def _tokens(value) -> set:
    from crawler.claims.text import tokens_of
    return set(tokens_of(value or ""))


def error_patterns(articles, predicted, listing: bool = False) -> Counter:
    """Count each error of the issue's list: a gold claim missed or given the wrong speaker, a
    prediction that matches nothing. One error may show several patterns."""
    counts: Counter = Counter()
    for ident, g, text in articles:
        preds, golds = predicted.get(ident, []), g["claims"]
        pairs = match(preds, golds)
        matched_gold = {id(gg) for _, gg in pairs}
        matched_pred = {id(p) for p, _ in pairs}
        paragraphs = [line for line in text.split("\n") if line.strip()]
        for gg in golds:
            if id(gg) in matched_gold:
                via = next(p for p, x in pairs if x is gg)
                if not via_ok(via, gg):
                    counts["relay/via wrong (matched claim)"] += 1
                    _show(listing, ident, "via", gg, via)
                continue
            same_content = [p for p in preds if f1(gold_content(p), gold_content(gg)) >= 0.6 and id(p) not in matched_pred]
            if same_content:
                p = same_content[0]
                counts["wrong speaker"] += 1
                ps, gs = _tokens(p.get("speaker")), _tokens(gg.get("speaker"))
                gvia = set().union(*(_tokens(v) for v in gg.get("via") or []))
                if gvia and ps and ps <= gvia | {"ل"}:
                    counts["  relay taken as speaker"] += 1
                elif gs and ps > gs or (gs and len(ps) > len(gs) + 2 and gs & ps):
                    counts["  speaker span swallows words"] += 1
                elif gg.get("speaker") is None or _tokens(gg.get("speaker")) <= _PRONOUNS or \
                        "implicit" in (gg.get("note") or ""):
                    counts["  implicit/pronoun speaker unresolved"] += 1
                else:
                    counts["  other speaker"] += 1
                _show(listing, ident, "speaker", gg, p)
                continue
            counts["missed"] += 1
            cue = (gg.get("cue") or "").lower()
            if gg.get("cue") is None or any(c in cue for c in _NO_VERB_CUES) or "في تصريح" in cue:
                counts["  no-said-verb attribution"] += 1
            elif gg.get("speaker") is None or _tokens(gg.get("speaker")) <= _PRONOUNS:
                counts["  implicit/pronoun speaker"] += 1
            else:
                counts["  other missed"] += 1
            _show(listing, ident, "missed", gg, None, paragraphs)
        unattributed = g.get("unattributed_statements") or []
        for p in preds:
            if id(p) in matched_pred or any(f1(gold_content(p), gold_content(gg)) >= 0.6 for gg in golds):
                continue
            counts["spurious"] += 1
            if any(f1(p["content"], u["content"]) >= 0.6 for u in unattributed):
                counts["  journalist's own statement"] += 1
            elif (p.get("cue") or "").lower() in ("according to", "وفق", "وفقا", "بحسب", "حسب") or \
                    (p.get("speaker") and not p.get("actor")):
                counts["  background / non-speaker source"] += 1
            else:
                counts["  other spurious"] += 1
            _show(listing, ident, "spurious", None, p)
    return counts


def _show(listing: bool, ident: str, what: str, gold: dict | None, pred: dict | None, paragraphs=None) -> None:
    if not listing:
        return
    print(f"--- {ident} {what}")
    if gold:
        print(f"  gold p{gold['paragraph']} speaker={gold.get('speaker')!r} cue={gold.get('cue')!r} "
              f"via={gold.get('via')} content={gold_content(gold)[:160]!r}")
        if paragraphs and pred is None:
            print(f"  text: {paragraphs[gold['paragraph']][:400]!r}")
    if pred:
        print(f"  pred p{pred['paragraph']} speaker={pred.get('speaker')!r} cue={pred.get('cue')!r} "
              f"via={pred.get('via')} rule={pred.get('rule')} conf={pred.get('confidence')} "
              f"content={gold_content(pred)[:160]!r}")


def calibration(articles, predicted) -> list[tuple[str, int, float]]:
    """Bins of predicted confidence -> share of those predictions that match a gold claim."""
    bins = [(0.0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 1.01)]
    seen: Counter = Counter()
    right: Counter = Counter()
    for ident, g, _ in articles:
        preds = predicted.get(ident, [])
        matched = {id(p) for p, _ in match(preds, g["claims"])}
        for p in preds:
            b = next(b for b in bins if b[0] <= p["confidence"] < b[1])
            seen[b] += 1
            right[b] += id(p) in matched
    return [(f"{lo:.2f}-{min(hi, 1.0):.2f}", seen[(lo, hi)], right[(lo, hi)] / seen[(lo, hi)] if seen[(lo, hi)] else 0.0)
            for lo, hi in bins]


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
    parser.add_argument("--only", default="", help="article id prefixes (dev and real_dev) to score")
    parser.add_argument("--errors", action="store_true", help="list the tune half's errors one by one")
    parser.add_argument("--rounds", type=int, default=20, help="throughput rounds (0: skip)")
    args = parser.parse_args()
    gold_dir = Path(args.gold)
    shared = gold_dir.parent
    only = lambda a: not args.only or any(a[0].startswith(o) for o in args.only.split(","))  # noqa: E731
    articles = [a for a in load_set(gold_dir / "dev", shared) if only(a)] if (gold_dir / "dev").is_dir() else []
    real = [a for a in load_set(gold_dir / "real_dev", shared) if only(a)] if (gold_dir / "real_dev").is_dir() else []
    fresh = load_set(Path(args.fresh), shared) if args.fresh and Path(args.fresh).is_dir() else []
    seed_gold = json.loads((gold_dir / "seed_claims.json").read_text(encoding="utf-8"))
    seed_text = (shared / seed_gold["source"]).read_text(encoding="utf-8")
    records = [{"id": i, "language": g["language"], "published": g.get("published"), "text": t}
               for i, g, t in articles + fresh + real]
    records.append({"id": "seed", "language": "ar", "published": None, "text": seed_text})
    predicted = run_command(records)

    if articles:
        print("synthetic dev set (shared/gold/dev):")
        score(articles, predicted)
    if fresh:
        print(f"fresh set ({args.fresh}: written after the rules; first-run scores in docs/claims.md):")
        score(fresh, predicted)
    if real:
        halves = {h: [a for a in real if half_of(a[0]) == h] for h in ("tune", "held")}
        for h, subset in halves.items():
            print(f"real_dev, {h} half ({len(subset)} texts{': rules tuned on it' if h == 'tune' else ': never inspected'}):")
            score(subset, predicted)
        print("real_dev, both halves:")
        score(real, predicted)
        print("error patterns, real_dev (ar+en): tune half | held half (counts only, never listed)")
        tune = [a for a in halves["tune"] if a[1]["language"] in ("ar", "en")]
        counts = error_patterns(tune, predicted, listing=args.errors)
        held = error_patterns([a for a in halves["held"] if a[1]["language"] in ("ar", "en")], predicted)
        for name in ERROR_PATTERNS:
            print(f"  {name:40} {counts[name]:4d} | {held[name]:4d}")
        print("calibration (confidence bin: predictions, observed precision):")
        for h, subset in halves.items():
            table = calibration([a for a in subset if a[1]["language"] in ("ar", "en")], predicted)
            print(f"  {h:5} " + "  ".join(f"{b}: {n} @ {p:.2f}" for b, n, p in table))

    clusters(articles, predicted)

    seed_preds = predicted.get("seed", [])
    pairs = match(seed_preds, seed_gold["claims"])
    good = sum(speaker_ok(p, g) and via_ok(p, g) for p, g in pairs)
    print(f"seed: {good} of {len(seed_gold['claims'])} gold claims matched with correct speaker and via "
          f"({len(seed_preds)} predicted)")

    if not args.rounds:
        return
    # throughput: the extractor alone, one process (one core)
    texts = [(t, g["language"]) for _, g, t in articles] + [(seed_text, "ar")]
    sentences = sum(len(sentence_spans(line)) for t, _ in texts for line in t.split("\n") if line.strip())
    rounds = args.rounds
    start = time.process_time()
    for _ in range(rounds):
        for t, lang in texts:
            claims_for_text(t, lang, None, "bench")
    elapsed = time.process_time() - start
    print(f"throughput: {sentences * rounds / elapsed:,.0f} sentences/s on one core "
          f"({sentences} sentences x {rounds} rounds in {elapsed:.2f}s CPU)")


if __name__ == "__main__":
    main()
