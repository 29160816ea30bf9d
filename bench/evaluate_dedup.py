"""Precision and recall of near-duplicate detection, as a curve over the threshold.

Labelled set, built at run time (nothing copied into the project):
- base articles: the 12 gold dev articles and the seed (../shared/gold, ../shared/seed)
  plus the 30 real corpus pages with a full expected body (../shared/corpus);
- positives: the two gold pairs (dev06 copies dev05, dev09 updates dev08) and, for
  every base article, systematic perturbations of it: paragraph reorder, 1-2
  paragraphs inserted from another article, 1 or ~25% of paragraphs deleted,
  the first half only (a truncated copy), headline rewrite, dateline changed,
  boilerplate added (read-also links, credits), Arabic orthographic noise,
  light word edits, a developing-story update (two new lead paragraphs) and a
  syndicated copy (reorder + insertion + light edits: the dev05/dev06 pattern);
- negatives: every pair of different base articles (many share a topic, names
  and days: the Cairo talks), and hard negatives: article B carrying one
  background paragraph of article A, compared with A.

For each pair the exact word-shingle Jaccard J and containment C are computed;
a pair is called a duplicate when J >= t or C >= c. The curve sweeps t (for a few
c) and shingle sizes. Then the chosen defaults run end to end through the real
Deduplicator (SQLite store + MinHash-LSH candidates), which also measures what
LSH loses.

    python bench/evaluate_dedup.py              # tables on stdout
    python bench/evaluate_dedup.py --json out.json
    python bench/evaluate_dedup.py --corpus-limit 3  # quick: gold, seed and 3 corpus pages
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
SHARED = Path(os.environ.get("CAIRO_SHARED_DIR", PROJECT_ROOT.parent / "shared"))

from crawler.dedup import ArticleInput, DedupConfig, Deduplicator, SQLiteDedupStore  # noqa: E402
from crawler.dedup import fingerprints  # noqa: E402
from crawler.dedup.normalize import normalized_paragraphs  # noqa: E402


# --- the base articles -----------------------------------------------------------
def gold_text(path: Path) -> dict:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {"id": path.stem, "headline": lines[0], "paragraphs": lines[1:],
            "lang": "ar" if "_ar_" in path.stem or path.parent.name == "seed" else "en"}


def load_base(corpus_limit: int | None = None) -> list[dict]:
    """Gold and seed articles, then the corpus pages (the first ``corpus_limit`` of them when given)."""
    docs = [gold_text(p) for p in sorted((SHARED / "gold" / "dev").glob("*.txt"))]
    docs += [gold_text(p) for p in sorted((SHARED / "seed").glob("*.txt"))]
    corpus = []
    for path in sorted((SHARED / "corpus" / "raw").glob("*/*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [p for p in (expected.get("body_paragraphs") or []) if p.strip()]
        if len(paragraphs) >= 3:
            corpus.append({"id": f"corpus/{path.parent.name}/{path.name[:-14]}", "headline": expected.get("headline") or "",
                           "paragraphs": paragraphs, "lang": expected.get("language") or "?"})
    if len(docs) + len(corpus) < 20:
        raise SystemExit(f"shared data missing or incomplete under {SHARED}")
    return docs + corpus[:corpus_limit]


# --- perturbations (each returns headline, paragraphs) ------------------------
AR_NOISE = str.maketrans({"ا": "أ", "ي": "ى", "ه": "ة", "0": "٠", "1": "١", "2": "٢", "4": "٤"})


def edit_words(paragraphs, rng, rate):
    out = []
    for p in paragraphs:
        words = p.split()
        for i in range(len(words)):
            if rng.random() < rate:
                words[i] = rng.choice(("", words[i] + words[i][-1:], "؛" if rng.random() < .5 else "also"))
        out.append(" ".join(w for w in words if w))
    return out


def perturbations(doc: dict, other: dict, rng: random.Random) -> dict[str, tuple[str, list[str]]]:
    h, ps, n = doc["headline"], list(doc["paragraphs"]), len(doc["paragraphs"])
    ar = doc["lang"] == "ar"
    shuffled = ps[:]
    while n > 1 and shuffled == ps:
        rng.shuffle(shuffled)
    inserted = ps[:]
    for extra in other["paragraphs"][:2]:
        inserted.insert(rng.randrange(len(inserted) + 1), extra)
    drop = set(rng.sample(range(n), max(1, n // 4)))
    dateline = ("القاهرة (أ ف ب) - " if ar else "CAIRO (Reuters) - ") + ps[0]
    boiler = ([("اقرأ أيضاً: " if ar else "Read also: ") + other["headline"]] + ps[: n // 2]
              + [("اقرأ أيضاً: " if ar else "Related: ") + other["headline"]] + ps[n // 2:]
              + ["(Reporting by Ahmed Ali; Editing by Sara Ross)"])
    update = ([("وفي تطور جديد، قالت مصادر إن جولة أخرى ستعقد الأسبوع المقبل في القاهرة بحضور الوسطاء." if ar else
                "In a later development, officials said another round would be held next week in Cairo with all mediators present."),
               ("وأضافت المصادر أن الوفود ستناقش الجداول الزمنية وآليات التنفيذ والضمانات المطلوبة من جميع الأطراف." if ar else
                "The delegations are expected to discuss timetables, implementation mechanisms and the guarantees each side wants.")]
              + ps)
    syndicated = edit_words(shuffled[:], rng, 0.03)
    syndicated.insert(rng.randrange(len(syndicated) + 1), other["paragraphs"][0])
    out = {
        "reorder": (h, shuffled),
        "insert": (h, inserted),
        "delete_one": (h, ps[:-2] + ps[-1:] if n > 2 else ps[:1]),
        "delete_quarter": (h, [p for i, p in enumerate(ps) if i not in drop]),
        "truncate_half": (h, ps[: max(2, (n + 1) // 2)]),
        "new_headline": ("Updated: " + other["headline"], ps),
        "dateline": (h, [dateline] + ps[1:]),
        "boilerplate": (h, boiler),
        "light_edits": (h, edit_words(ps, rng, 0.05)),
        "heavy_edits": (h, edit_words(ps, rng, 0.12)),
        "rewritten_lead": (h, other["paragraphs"][:1] + edit_words(ps[1:], rng, 0.03)),
        "update_new_lead": (h, update),
        "syndicated": (other["headline"], syndicated),
    }
    if ar:
        out["orthography"] = (h, [p.translate(AR_NOISE).replace("ال", "الـ", 1) for p in ps])
    return out


def build_pairs(docs: list[dict], seed: int = 7):
    rng = random.Random(seed)
    by_id = {d["id"]: d for d in docs}
    pairs = []  # (kind, label, doc_a, doc_b)
    for a, b in (("dev05_ar_cairo24_20240824", "dev06_ar_elbalad_20240824"),
                 ("dev08_en_ahramonline_20250227", "dev09_en_ahramonline_20250227_v2")):
        pairs.append(("gold_pair", True, by_id[a], by_id[b]))
    for i, doc in enumerate(docs):
        other = docs[(i + 1) % len(docs)]
        for kind, (headline, paragraphs) in perturbations(doc, other, rng).items():
            pairs.append((kind, True, doc, {"id": f"{doc['id']}~{kind}", "headline": headline,
                                            "paragraphs": paragraphs, "lang": doc["lang"]}))
    gold_pairs = {frozenset(p) for p in (("dev05_ar_cairo24_20240824", "dev06_ar_elbalad_20240824"),
                                          ("dev08_en_ahramonline_20250227", "dev09_en_ahramonline_20250227_v2"))}
    for a, b in combinations(docs, 2):
        if frozenset((a["id"], b["id"])) not in gold_pairs:
            pairs.append(("different_story", False, a, b))
    for i, a in enumerate(docs):
        b = docs[(i + 3) % len(docs)]
        if frozenset((a["id"], b["id"])) in gold_pairs:
            continue
        carrier = b["paragraphs"][:]
        carrier.insert(len(carrier) // 2, a["paragraphs"][min(1, len(a["paragraphs"]) - 1)])
        pairs.append(("shared_background", False, a, {"id": f"{b['id']}+bg", "headline": b["headline"],
                                                      "paragraphs": carrier, "lang": b["lang"]}))
        # A wire follow-up: a new story on top, the previous story's background below it.
        # Analysts count it as another story; it shares about a third of its text.
        if len(a["paragraphs"]) >= 3 and len(b["paragraphs"]) >= 3:
            keep = max(1, len(a["paragraphs"]) // 3)
            follow = b["paragraphs"][: max(2, (2 * len(b["paragraphs"])) // 3)] + a["paragraphs"][-keep:]
            pairs.append(("follow_up_story", False, a, {"id": f"{b['id']}+fu", "headline": b["headline"],
                                                        "paragraphs": follow, "lang": b["lang"]}))
    return pairs


# --- scoring ---------------------------------------------------------------------
def prf(scored, t, c):
    tp = fp = fn = 0
    for _kind, label, j, cont, _short in scored:
        said = j >= t or cont >= c
        tp += said and label
        fp += said and not label
        fn += (not said) and label
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), fp, fn


def score_pairs(pairs, shingle_size, min_shingles):
    scored = []
    cache = {}

    def sh(doc):
        if doc["id"] not in cache:
            cache[doc["id"]] = fingerprints.shingle_hashes(normalized_paragraphs(doc["paragraphs"]), shingle_size)
        return cache[doc["id"]]

    for kind, label, a, b in pairs:
        sa, sb = sh(a), sh(b)
        j, c = fingerprints.overlap(sa, sb)
        short = min(len(sa), len(sb)) < min_shingles
        if short:  # the deduplicator only hashes these exactly
            j = c = 1.0 if fingerprints.content_hash(normalized_paragraphs(a["paragraphs"])) == \
                fingerprints.content_hash(normalized_paragraphs(b["paragraphs"])) else 0.0
        scored.append((kind, label, j, c, short))
    return scored


def end_to_end(docs, pairs, config: DedupConfig):
    """Index every base article, then ask the real deduplicator about each other side."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteDedupStore(tmp)
        dedup = Deduplicator(store, config)
        base_ids = {}
        for i, doc in enumerate(docs):
            d = dedup.decide(ArticleInput(url=f"https://site{i}.example/a/{i}", paragraphs=doc["paragraphs"],
                                          headline=doc["headline"], published="2024-01-01T00:00:00+00:00"))
            base_ids[doc["id"]] = d.near_duplicate_cluster
        rows = []
        for n, (kind, label, a, b) in enumerate(pairs):
            if kind == "different_story":
                # Cross-pairs among the base are judged by the indexing above: two base
                # articles in one cluster is a false merge.
                said = base_ids[a["id"]] == base_ids[b["id"]]
            else:
                # Query without storing (rolled back), so probes do not match each other.
                try:
                    with store.transaction():
                        d = dedup.decide(ArticleInput(url=f"https://copy.example/p/{n}", paragraphs=b["paragraphs"],
                                                      headline=b["headline"],
                                                      published="2024-01-02T00:00:00+00:00"))
                        raise _Rollback(d)
                except _Rollback as rb:
                    d = rb.decision
                said = d.near_duplicate_cluster == base_ids[a["id"]] and d.decision != "new"
            rows.append((kind, label, said))
        store.close()
    return rows


class _Rollback(Exception):
    def __init__(self, decision):
        self.decision = decision


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the numbers here too")
    parser.add_argument("--corpus-limit", type=int, help="only the first N corpus pages as base articles (a quick run)")
    args = parser.parse_args(argv)
    started = time.process_time()
    docs = load_base(args.corpus_limit)
    pairs = build_pairs(docs)
    n_pos = sum(1 for p in pairs if p[1])
    print(f"labelled set: {len(docs)} base articles, {len(pairs)} pairs ({n_pos} duplicates, {len(pairs) - n_pos} not)\n")
    defaults = DedupConfig()
    results = {"base_articles": len(docs), "pairs": len(pairs), "positives": n_pos, "curves": {}}

    thresholds = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    for size in (3, 4, 5):
        scored = score_pairs(pairs, size, defaults.min_shingles)
        for c in (0.7, 0.8, 0.9, 1.01):
            key = f"shingle={size} containment>={'off' if c > 1 else c}"
            rows = [(t, *prf(scored, t, c)) for t in thresholds]
            results["curves"][key] = [dict(zip(("t", "precision", "recall", "f1", "fp", "fn"), r)) for r in rows]
            if size == defaults.shingle_size or c == defaults.containment_threshold:
                print(key)
                print("  J>=   " + " ".join(f"{t:>6}" for t in thresholds))
                print("  P     " + " ".join(f"{r[1]:6.3f}" for r in rows))
                print("  R     " + " ".join(f"{r[2]:6.3f}" for r in rows))
                print("  F1    " + " ".join(f"{r[3]:6.3f}" for r in rows))

    scored = score_pairs(pairs, defaults.shingle_size, defaults.min_shingles)
    print(f"\nper perturbation at the defaults (shingle={defaults.shingle_size}, J>={defaults.similarity_threshold}, "
          f"C>={defaults.containment_threshold}): recall, or false-merge rate for negatives")
    kinds = sorted({k for k, *_ in scored})
    per_kind = {}
    for kind in kinds:
        rows = [s for s in scored if s[0] == kind]
        hit = sum(1 for _, _, j, c, _ in rows if j >= defaults.similarity_threshold or c >= defaults.containment_threshold)
        label = rows[0][1]
        j_values = sorted(j for _, _, j, _, _ in rows)
        per_kind[kind] = {"n": len(rows), "said_duplicate": hit, "label": label,
                          "median_jaccard": j_values[len(j_values) // 2]}
        print(f"  {kind:18} n={len(rows):4} {'recall' if label else 'merged'}={hit / len(rows):.3f} "
              f"median J={j_values[len(j_values) // 2]:.3f}")
    results["per_kind_exact_check"] = per_kind

    e2e = end_to_end(docs, pairs, defaults)
    tp = sum(1 for _, label, said in e2e if label and said)
    fp = sum(1 for _, label, said in e2e if not label and said)
    fn = sum(1 for _, label, said in e2e if label and not said)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    missed = sorted({k for k, label, said in e2e if label and not said})
    print(f"\nend to end (SQLite store + MinHash-LSH candidates + exact check), defaults: "
          f"precision {p:.3f} recall {r:.3f} (tp {tp}, fp {fp}, fn {fn}); misses in: {', '.join(missed) or 'none'}")
    results["end_to_end"] = {"precision": p, "recall": r, "tp": tp, "fp": fp, "fn": fn, "missed_kinds": missed}
    results["cpu_seconds"] = round(time.process_time() - started, 1)
    print(f"CPU time: {results['cpu_seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
