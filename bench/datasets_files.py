"""Parquet datasets: how many files, and how big, a stream of articles leaves on disk.

  python bench/datasets_files.py                  # 20,000 articles (+5 claims each)
  python bench/datasets_files.py --articles 5000

Streams the synthetic articles of bench/datasets_write.py (12 outlets, 12
months, ~450 words, 5 claims each) through the crawl's row builders and
DatasetWriter with the default batch settings, then runs `compact_dataset`.
Prints, per dataset, files and median file size before and after compaction:
the number the partition layout (crawler.datasets.schemas.DATASETS) decides.
Results also go to bench/results/datasets_files.json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.datasets_write import synthetic_article  # noqa: E402
from crawler.datasets import DATASETS, SCHEMA_VERSION, DatasetWriter  # noqa: E402
from crawler.datasets.compaction import compact_dataset  # noqa: E402
from crawler.datasets.files import parquet_files  # noqa: E402
from crawler.datasets.rows import RowProblems, article_row, claim_rows  # noqa: E402

NAMES = ("articles", "claims")


def file_stats(directory: Path) -> dict:
    sizes = [p.stat().st_size for p in parquet_files(directory)]
    return {"files": len(sizes), "bytes": sum(sizes),
            "median_file_kib": round(statistics.median(sizes) / 1024, 1) if sizes else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="datasets-files-"))
    try:
        rng = random.Random(7)
        writers = {name: DatasetWriter(work, DATASETS[name], "bench") for name in NAMES}
        for n in range(args.articles):
            item = synthetic_article(n, rng)
            row = article_row(item, "bench", RowProblems())
            if writers["articles"].add(row):
                for claim in claim_rows(row, item["claims"], "bench", RowProblems()):
                    writers["claims"].add(claim)
        for writer in writers.values():
            writer.close()
        result = {"articles": args.articles, "schema_version": SCHEMA_VERSION,
                  "partitions": {name: list(DATASETS[name].partitions) for name in NAMES}}
        for name in NAMES:
            before = file_stats(work / name)
            compact_dataset(work, DATASETS[name])
            result[name] = {"before_compaction": before, "after_compaction": file_stats(work / name)}
    finally:
        shutil.rmtree(work)
    print(json.dumps(result, indent=1))
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "datasets_files.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
