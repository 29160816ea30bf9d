"""The evaluation scripts (bench/evaluate_claims.py, evaluate_dedup.py, evaluate_relevance.py)
run end to end on a small slice of ../shared, so that none of them can break unnoticed.

What is asserted is that each script ran and reported on exactly the input it was
given (counts that follow from the slice, scores within their range). The scores
themselves are measurements, documented with how and when they were measured;
bench/evaluate_extraction.py has its own test (test_extraction_bench.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.conftest import PROJECT_ROOT, shared_path

CLAIMS_SLICE = ("dev01", "dev05", "dev06")


def run_script(*args: str) -> str:
    proc = subprocess.run([sys.executable, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout


def gold_and_seed_count() -> int:
    return len(list(shared_path("gold", "dev").glob("*.txt"))) + len(list(shared_path("seed").glob("*.txt")))


def test_claims_evaluation_scores_the_chosen_gold_articles():
    out = run_script("bench/evaluate_claims.py", "--only", ",".join(CLAIMS_SLICE), "--fresh", "")
    gold_claims = sum(len(json.loads(path.read_text(encoding="utf-8"))["claims"])
                      for prefix in CLAIMS_SLICE for path in shared_path("gold", "dev").glob(f"{prefix}_*.json"))
    dev = out[out.index("dev set"):]
    row = re.search(r"^all\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", dev, re.M)
    assert row, out
    predicted, gold = int(row[1]), int(row[2])
    assert gold == gold_claims and predicted > 0
    assert all(0 <= float(v) <= 1 for v in row.groups()[2:])
    assert re.search(r"^seed: \d+ of \d+ gold claims", out, re.M), out
    assert re.search(r"^throughput: [\d,]+ sentences/s", out, re.M), out


def test_dedup_evaluation_builds_its_pairs_and_runs_the_deduplicator(tmp_path):
    numbers = tmp_path / "dedup.json"
    run_script("bench/evaluate_dedup.py", "--corpus-limit", "3", "--json", str(numbers))
    result = json.loads(numbers.read_text(encoding="utf-8"))
    assert result["base_articles"] == gold_and_seed_count() + 3
    assert result["per_kind_exact_check"]["gold_pair"]["n"] == 2
    negatives = result["pairs"] - result["positives"]
    assert result["per_kind_exact_check"]["different_story"]["n"] == \
        result["base_articles"] * (result["base_articles"] - 1) // 2 - 2  # all pairs but the two gold ones
    assert negatives > 0 and result["positives"] > 0
    e2e = result["end_to_end"]
    assert e2e["tp"] + e2e["fn"] == result["positives"], "every duplicate went through the deduplicator"
    assert 0 <= e2e["precision"] <= 1 and 0 < e2e["recall"] <= 1
    assert {f"shingle={size} containment>=off" for size in (3, 4, 5)} <= set(result["curves"])


def test_relevance_evaluation_judges_gold_and_a_corpus_slice():
    out = run_script("bench/evaluate_relevance.py", "--corpus-limit", "6")
    header = re.search(r"(\d+) gold \+ (\d+) corpus articles", out)
    assert header and int(header[1]) == gold_and_seed_count() and int(header[2]) == 6, out
    everything = out[out.index("== all"):out.index("== threshold sweep")]
    matrix = {cls: (int(on), int(off)) for cls, on, off in re.findall(r"^(\w+)\s+(\d+)\s+(\d+)$", everything, re.M)}
    assert sum(on + off for on, off in matrix.values()) == gold_and_seed_count() + 6
    assert re.search(r"^precision [\d.]+  recall [\d.]+$", everything, re.M), everything
    prefilter = out[out.index("== pre-fetch filter"):]
    assert sum(int(n) for n in re.findall(r"^\s+\w+\s+of\s+(\d+):", prefilter, re.M)) == 6
