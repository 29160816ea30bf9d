"""Parquet datasets: write speed and memory flatness for a long stream of articles and claims.

  python bench/datasets_write.py                 # 100,000 articles (+5 claims each)
  python bench/datasets_write.py --articles 20000 --batch-rows 5000

Streams synthetic news articles (Arabic and English text, ~450 words, 5 claims
each) through the same row builders and DatasetWriter the crawl uses, samples
the process RSS every 5% of the stream and prints rows/s, bytes on disk, files
and RSS over time. Memory is flat when RSS stops growing after the first
batches (the buffer holds one batch; known keys cost 8 bytes per row).
Then `compact_dataset` merges the per-flush files and the row counts are
checked. Results also go to bench/results/datasets_write.json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.datasets import DATASETS, DatasetWriter  # noqa: E402
from crawler.datasets.compaction import compact_dataset, dataset_inventory  # noqa: E402
from crawler.datasets.files import parquet_files  # noqa: E402
from crawler.datasets.rows import RowProblems, article_row, claim_rows  # noqa: E402

AR_WORDS = "قال مصدر مصري رفيع المستوى إن وفد حركة حماس وصل إلى القاهرة لبحث مقترح الهدنة وتبادل الأسرى".split()
EN_WORDS = ("a senior Egyptian official said the Hamas delegation arrived in Cairo to discuss the truce proposal "
            "and the hostage prisoner exchange").split()
OUTLETS = ["youm7", "almasryalyoum", "ahram", "cairo24", "elbalad", "aawsat", "reuters", "apnews", "bbc",
           "aljazeera_english", "timesofisrael", "egypt_independent"]
ACTORS = ["hamas", "egypt", "israel", "qatar", "usa", "unidentified"]


def synthetic_article(n: int, rng: random.Random) -> dict:
    ar = n % 2 == 0
    words = AR_WORDS if ar else EN_WORDS
    paragraphs = [" ".join(rng.choice(words) for _ in range(45)) for _ in range(10)]
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    claims = [{"paragraph": p, "speaker": "مصدر" if ar else "an official", "speaker_kind": "anonymous_source",
               "actor": rng.choice(ACTORS), "anonymous": True, "cue": "قال" if ar else "said",
               "content": paragraphs[p][:160], "quote": "indirect", "via": [], "quantities": [],
               "polarity": "assertion", "hedged": False, "sentence_index": 0, "char_start": 10 * p,
               "char_end": 10 * p + 160, "time_expressions": [{"text": "أمس", "resolved": "2024-05-05"}],
               "rule": "bench", "confidence": 0.9, "cluster_id": f"c{n % 5000}-{p}"} for p in range(1, 6)]
    return {"url": f"https://www.example-{n % 12}.com/news/{n}", "outlet": OUTLETS[n % len(OUTLETS)],
            "language": "ar" if ar else "en", "headline": paragraphs[0][:90], "description": paragraphs[1][:150],
            "authors": ["Staff"], "published": f"2024-{month:02d}-{day:02d}T10:00:00+03:00",
            "modified": None, "section": "news", "tags": ["غزة", "مفاوضات"], "paragraphs": paragraphs,
            "body": "\n".join(paragraphs), "word_count": 450, "fetched_at": "2024-12-01T00:00:00+00:00",
            "status": 200, "provenance": {"headline": "jsonld", "published": "meta"}, "topic_score": 0.8,
            "on_topic": True, "claims": claims}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch-rows", type=int, default=5000)
    parser.add_argument("--keep", action="store_true", help="keep the written datasets (prints where)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="datasets-bench-"))
    rng = random.Random(7)
    process = psutil.Process()
    articles = DatasetWriter(work, DATASETS["articles"], "bench", batch_rows=args.batch_rows)
    claims = DatasetWriter(work, DATASETS["claims"], "bench", batch_rows=args.batch_rows)
    samples, step = [], max(1, args.articles // 20)
    build_seconds = 0.0
    start = time.perf_counter()
    for n in range(args.articles):
        t0 = time.perf_counter()
        item = synthetic_article(n, rng)
        build_seconds += time.perf_counter() - t0
        row = article_row(item, "bench", RowProblems())
        if articles.add(row):
            for claim in claim_rows(row, item["claims"], "bench", RowProblems()):
                claims.add(claim)
        if (n + 1) % step == 0:
            samples.append((n + 1, process.memory_info().rss / 2**20))
    articles.close()
    claims.close()
    elapsed = time.perf_counter() - start - build_seconds  # the writer's time, not the fake-data generator's
    size = sum(p.stat().st_size for p in parquet_files(work))
    result = {
        "articles": articles.rows_written, "claims": claims.rows_written,
        "files": len(parquet_files(work)), "bytes_on_disk": size,
        "articles_per_s": round(articles.rows_written / elapsed), "claim_rows_per_s": round(claims.rows_written / elapsed),
        "seconds": round(elapsed, 1), "batch_rows": args.batch_rows,
        "rss_mib": [(n, round(r, 1)) for n, r in samples],
    }
    # what `scrapy compact` makes of the many per-flush files
    t0 = time.perf_counter()
    files_before = result["files"]
    for name in ("articles", "claims"):
        compact_dataset(work, DATASETS[name])
    result["compact_seconds"] = round(time.perf_counter() - t0, 1)
    result["files_after_compact"] = len(parquet_files(work))
    result["rows_after_compact"] = {name: dataset_inventory(work, DATASETS[name])[1] for name in ("articles", "claims")}
    assert result["rows_after_compact"] == {"articles": result["articles"], "claims": result["claims"]}
    result["files"] = files_before
    rss = [r for _, r in samples]
    later = rss[len(rss) // 4:]
    result["rss_growth_after_first_quarter_mib"] = round(max(later) - min(later), 1)
    print(json.dumps(result, indent=1))
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "datasets_write.json").write_text(json.dumps(result, indent=1))
    if args.keep:
        print("datasets kept in", work)
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
