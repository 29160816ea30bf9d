"""Does dedup stay flat as the archive grows? Index N synthetic articles, measure as it goes.

Articles are random text over a Zipf-distributed vocabulary mixing Arabic and
Latin words (8 paragraphs of ~40 words, like a news story); one in ten is a
lightly edited copy of an earlier one, so the candidate path (LSH hit + exact
check) runs too. Every article goes through the real Deduplicator with the
default settings and a SQLite store on disk, one transaction per article, as
in a crawl.

At each checkpoint (10k, 50k, 100k by default) it reports:
- index time per article over the last 1,000 articles (decide + commit), wall
  clock and this process's CPU time (the machine is shared: CPU time is the
  figure that does not move with other people's load);
- lookup time per article: 300 fresh probes (half copies, half new) decided and
  rolled back, so the index does not change;
- peak RSS of the process so far, and the store's size on disk.

    python bench/dedup_scale.py                         # 100,000 articles (~3-4 min CPU)
    python bench/dedup_scale.py --total 20000 --checkpoints 5000,10000,20000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

import numpy as np  # noqa: E402

from crawler.dedup import ArticleInput, DedupConfig, Deduplicator, SQLiteDedupStore  # noqa: E402

AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
EN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Generator:
    def __init__(self, seed: int, vocabulary: int = 30000):
        self.rng = random.Random(seed)
        nrng = np.random.default_rng(seed)
        words = []
        for i in range(vocabulary):
            letters = AR_LETTERS if i % 2 else EN_LETTERS
            words.append("".join(self.rng.choice(letters) for _ in range(self.rng.randint(2, 9))))
        self.words = words
        ranks = np.arange(1, vocabulary + 1)
        weights = 1.0 / ranks ** 1.05
        self.cdf = np.cumsum(weights / weights.sum())
        self.nrng = nrng

    def paragraph(self, n: int) -> str:
        idx = np.searchsorted(self.cdf, self.nrng.random(n))
        return " ".join(self.words[i] for i in idx)

    def article(self) -> list[str]:
        return [self.paragraph(self.rng.randint(25, 55)) for _ in range(8)]

    def edited_copy(self, paragraphs: list[str]) -> list[str]:
        out = paragraphs[:]
        self.rng.shuffle(out)
        out[0] = self.paragraph(30)  # a new lead
        return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Rollback(Exception):
    pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--checkpoints", default="10000,50000,100000")
    parser.add_argument("--probes", type=int, default=300)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    checkpoints = sorted(int(c) for c in args.checkpoints.split(","))
    gen = Generator(1)
    recent: list[list[str]] = []
    results = []
    cpu_start = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteDedupStore(tmp)
        dedup = Deduplicator(store, DedupConfig())
        window: list[float] = []
        decisions: dict[str, int] = {}
        for n in range(1, args.total + 1):
            if recent and gen.rng.random() < 0.1:
                paragraphs = gen.edited_copy(gen.rng.choice(recent))
            else:
                paragraphs = gen.article()
                recent.append(paragraphs)
                if len(recent) > 2000:
                    recent.pop(gen.rng.randrange(len(recent)))
            started, cpu0 = time.perf_counter(), time.process_time()
            d = dedup.decide(ArticleInput(url=f"https://outlet{n % 50}.example/news/{n}", paragraphs=paragraphs,
                                          published="2024-05-06T10:00:00+00:00"))
            window.append((time.perf_counter() - started, time.process_time() - cpu0))
            window = window[-1000:]
            decisions[d.decision] = decisions.get(d.decision, 0) + 1
            if n in checkpoints:
                lookups, lookup_cpu = [], 0.0
                checked_before = dedup.candidates_checked
                for i in range(args.probes):
                    probe = gen.edited_copy(gen.rng.choice(recent)) if i % 2 else gen.article()
                    t0, c0 = time.perf_counter(), time.process_time()
                    try:
                        with store.transaction():
                            dedup.decide(ArticleInput(url=f"https://probe.example/p/{n}/{i}", paragraphs=probe))
                            raise _Rollback
                    except _Rollback:
                        pass
                    lookups.append(time.perf_counter() - t0)
                    lookup_cpu += time.process_time() - c0
                lookups.sort()
                candidates_per_lookup = (dedup.candidates_checked - checked_before) / args.probes
                row = {
                    "indexed": n,
                    "index_ms_per_article": round(1000 * sum(w for w, _ in window) / len(window), 2),
                    "index_cpu_ms_per_article": round(1000 * sum(c for _, c in window) / len(window), 2),
                    "lookup_ms_mean": round(1000 * sum(lookups) / len(lookups), 2),
                    "lookup_cpu_ms_mean": round(1000 * lookup_cpu / len(lookups), 2),
                    "lookup_ms_p95": round(1000 * lookups[int(0.95 * len(lookups))], 2),
                    "candidates_per_lookup": round(candidates_per_lookup, 2),
                    "peak_rss_mb": round(peak_rss_mb(), 1),
                    "store_mb": round(sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2 ** 20, 1),
                    "decisions": dict(decisions),
                }
                results.append(row)
                print(json.dumps(row), flush=True)
        store.close()
    cpu = round(time.process_time() - cpu_start, 1)
    print("\n(wall ms depend on the machine's load; CPU ms are this process only)")
    print(f"{'indexed':>8} {'index wall/CPU ms':>18} {'lookup wall/CPU ms':>19} {'lookup p95':>11} {'candidates':>11} "
          f"{'peak RSS MB':>12} {'store MB':>9}")
    for r in results:
        index = f"{r['index_ms_per_article']} / {r['index_cpu_ms_per_article']}"
        lookup = f"{r['lookup_ms_mean']} / {r['lookup_cpu_ms_mean']}"
        print(f"{r['indexed']:>8} {index:>18} {lookup:>19} {r['lookup_ms_p95']:>11} "
              f"{r['candidates_per_lookup']:>11} {r['peak_rss_mb']:>12} {r['store_mb']:>9}")
    print(f"CPU time: {cpu} s")
    if args.json:
        args.json.write_text(json.dumps({"checkpoints": results, "cpu_seconds": cpu}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
