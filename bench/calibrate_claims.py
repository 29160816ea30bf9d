"""Fit claim ``confidence`` on the tune half of ../shared/gold/real_dev (never the held half).

    python bench/calibrate_claims.py [--gold ../shared/gold]

For every rule that produced predictions on the tune half: how many, how many matched a gold
claim (the gold/README scoring rule); the same for predictions whose speaker could not be
tied to a side (actor null). Writes crawler/claims/data/confidence.json; the extractor turns
these counts into a smoothed precision (see crawler/claims/confidence.py). Rerun after
changing rules, then check the calibration table of bench/evaluate_claims.py on both halves.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluate_claims import half_of, load_set  # noqa: E402
from crawler.claims import claims_for_text  # noqa: E402
from crawler.claims.confidence import TABLE_PATH  # noqa: E402
from crawler.claims.scoring import match  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold"))
    args = parser.parse_args()
    gold_dir = Path(args.gold)
    tune = [a for a in load_set(gold_dir / "real_dev", gold_dir.parent)
            if half_of(a[0]) == "tune" and a[1]["language"] in ("ar", "en")]
    seen, right = Counter(), Counter()
    for ident, gold, text in tune:
        preds = claims_for_text(text, gold["language"], gold.get("published"), ident)
        matched = {id(p) for p, _ in match(preds, gold["claims"])}
        for p in preds:
            for key in (p["rule"], "unresolved" if p["actor"] is None else "resolved"):
                seen[key] += 1
                right[key] += id(p) in matched
    table = {key: [seen[key], right[key]] for key in sorted(seen)}
    Path(TABLE_PATH).write_text(json.dumps({"_doc": __doc__.strip().splitlines()[0], "texts": len(tune),
                                            "counts": table}, indent=1) + "\n", encoding="utf-8")
    for key, (n, k) in table.items():
        print(f"{key:40} {k:3d}/{n:3d}")


if __name__ == "__main__":
    main()
