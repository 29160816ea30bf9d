"""How well does crawler.relevance tell talks coverage from the rest? Measured on ../shared.

Data (read from ../shared, never copied):
- gold: the 12 dev articles and the seed, all about the talks (on_topic);
- corpus: 57 real pages; each *.expected.json says on_topic and gaza_related.
  The page is run through the project's extractor (crawler.extraction.extract_article)
  and the extracted article is scored, as in a crawl.

Prints the confusion matrix (true class on_topic / gaza_related only / neither
against predicted on/off), precision and recall of on_topic, per-language
counts, every misclassified page, a threshold sweep, and the pre-fetch filter's
decisions on the corpus URLs (score_text on the URL slug and the headline).

    python bench/evaluate_relevance.py                 # threshold from model.json
    python bench/evaluate_relevance.py --threshold 0.4 --verbose
    python bench/evaluate_relevance.py --corpus-limit 6   # quick: 6 corpus pages
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from crawler.extraction import ExtractionError, extract_article  # noqa: E402
from crawler.relevance import default_threshold, score_article, score_text, should_fetch  # noqa: E402

SHARED = Path(os.environ.get("CAIRO_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
CLASSES = ("on_topic", "gaza_only", "neither")


def gold_articles() -> list[dict]:
    """The seed and the dev articles as article mappings (headline = first line)."""
    cases = []
    sources = [(SHARED / "seed" / "000_80984a958c25eb05.txt", "ar", "seed")]
    for meta_path in sorted((SHARED / "gold" / "dev").glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        sources.append((SHARED / meta["source"], meta["language"], meta_path.stem))
    for path, language, name in sources:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        cases.append({"name": f"gold/{name}", "language": language, "cls": "on_topic",
                      "article": {"headline": lines[0], "paragraphs": lines[1:], "language": language}})
    return cases


def corpus_articles(limit: int | None = None) -> list[dict]:
    """The corpus pages as extracted articles; ``limit``: that many, spread evenly over the corpus."""
    index = {e["file"]: e for e in json.loads((SHARED / "corpus" / "index.json").read_text(encoding="utf-8"))}
    paths = sorted((SHARED / "corpus" / "raw").glob("*/*.expected.json"))
    if limit:
        paths = paths[::max(1, len(paths) // limit)][:limit]
    cases = []
    for expected_path in paths:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        html_path = expected_path.with_name(expected_path.name.replace(".expected.json", ".html"))
        rel = str(html_path.relative_to(SHARED / "corpus"))
        url = index.get(rel, {}).get("original_url") or expected["url"]
        cls = "on_topic" if expected["on_topic"] else "gaza_only" if expected["gaza_related"] else "neither"
        try:
            item = dict(extract_article(html_path.read_bytes(), url, status=200))
        except ExtractionError as exc:
            item = {"headline": None, "paragraphs": [], "language": expected["language"], "error": exc.reason}
        item.setdefault("language", expected["language"])
        cases.append({"name": f"corpus/{rel}", "language": expected["language"], "cls": cls,
                      "article": item, "url": url})
    return cases


def evaluate(cases: list[dict], threshold: float) -> dict:
    matrix = {cls: Counter() for cls in CLASSES}
    by_language = defaultdict(Counter)
    errors = []
    for case in cases:
        judgement = score_article(case["article"], threshold=threshold)
        case["score"] = judgement.topic_score
        case["features"] = judgement.features
        predicted = "on" if judgement.on_topic else "off"
        matrix[case["cls"]][predicted] += 1
        truth = case["cls"] == "on_topic"
        by_language[case["language"]][("tp" if truth else "fp") if judgement.on_topic else ("fn" if truth else "tn")] += 1
        if judgement.on_topic != truth:
            errors.append(case)
    tp = matrix["on_topic"]["on"]
    fp = matrix["gaza_only"]["on"] + matrix["neither"]["on"]
    fn = matrix["on_topic"]["off"]
    return {"matrix": matrix, "by_language": by_language, "errors": errors,
            "precision": tp / (tp + fp) if tp + fp else float("nan"),
            "recall": tp / (tp + fn) if tp + fn else float("nan")}


def print_report(title: str, result: dict) -> None:
    print(f"\n== {title}")
    print(f"{'true class':<12} {'pred on':>8} {'pred off':>9}")
    for cls in CLASSES:
        row = result["matrix"][cls]
        print(f"{cls:<12} {row['on']:>8} {row['off']:>9}")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}")
    print("per language (tp fp fn tn): " + ", ".join(
        f"{lang}: {c['tp']} {c['fp']} {c['fn']} {c['tn']}" for lang, c in sorted(result["by_language"].items())))
    for case in result["errors"]:
        print(f"  MISS {case['cls']:<9} score={case['score']:.3f} {case['name']} {case['features']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, default=default_threshold())
    parser.add_argument("--verbose", action="store_true", help="print every score")
    parser.add_argument("--corpus-limit", type=int, help="only N corpus pages, spread over the corpus (a quick run)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED} (set CAIRO_SHARED_DIR)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    gold, corpus = gold_articles(), corpus_articles(args.corpus_limit)
    extracted = time.perf_counter()
    everything = gold + corpus
    results = {name: evaluate(cases, args.threshold)
               for name, cases in (("gold", gold), ("corpus", corpus), ("all", everything))}
    # Scoring alone, again, for a per-article cost without extraction.
    t0 = time.perf_counter()
    for case in everything:
        score_article(case["article"])
    per_article_ms = (time.perf_counter() - t0) / len(everything) * 1000

    print(f"threshold {args.threshold}; {len(gold)} gold + {len(corpus)} corpus articles; "
          f"extraction {extracted - started:.1f}s, scoring {per_article_ms:.2f} ms/article")
    for name, result in results.items():
        print_report(name, result)

    if args.verbose:
        print("\n== scores")
        for case in sorted(everything, key=lambda c: -c["score"]):
            print(f"{case['score']:.3f} {case['cls']:<9} {case['language']} {case['name']}")

    print("\n== threshold sweep (all articles): threshold precision recall gaza_only-false-positives")
    for t in (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8):
        r = evaluate(everything, t)
        print(f"  {t:.2f}  {r['precision']:.3f}  {r['recall']:.3f}  {r['matrix']['gaza_only']['on']}")
    on_scores = [c["score"] for c in everything if c["cls"] == "on_topic"]
    off_scores = [c["score"] for c in everything if c["cls"] != "on_topic"]
    print(f"lowest on_topic score {min(on_scores):.3f}; highest off-topic score {max(off_scores):.3f}")

    print("\n== pre-fetch filter on corpus pages (URL slug, then headline): skipped pages by class")
    skipped = {cls: Counter() for cls in CLASSES}
    for case in corpus:
        for what, text in (("url", case["url"]), ("headline", case["article"].get("headline") or "")):
            if text and not should_fetch(text, case["language"]):
                skipped[case["cls"]][what] += 1
                if case["cls"] == "on_topic":
                    print(f"  WRONGLY SKIPPED by {what}: {case['name']} score={score_text(text, case['language'])}")
    for cls in CLASSES:
        total = sum(1 for c in corpus if c["cls"] == cls)
        print(f"  {cls:<10} of {total:>2}: skipped by url {skipped[cls]['url']:>2}, by headline {skipped[cls]['headline']:>2}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
