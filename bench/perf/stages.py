"""Where the full pipeline's time goes: a cProfile of one crawl, summed per project stage.

A stage's time is the cumulative time of the calls made INTO its code from code that
belongs to no stage (Scrapy, Twisted: cProfile keeps the cumulative time per caller ->
callee edge), so library work a stage calls (lxml, trafilatura, warcio, pyarrow,
sqlite) counts for the stage, and a stage calling itself or a helper of another
stage is not counted twice. What is left of the process's
time is Scrapy itself (downloading, scheduling, link following, feed export, start-up).
"""

from __future__ import annotations

import pstats

# Stage -> path fragments of its code (spiders call extraction; pipelines call their packages).
STAGES = {
    "extraction": ("/crawler/extraction/", "/crawler/loaders.py", "/crawler/outlets/", "/crawler/spiders/base.py"),
    "validate": ("/pipelines/validate.py",),
    "relevance": ("/crawler/relevance/", "/pipelines/relevance.py"),
    "dedup": ("/crawler/dedup/", "/pipelines/dedup.py"),
    "claims": ("/crawler/claims/", "/pipelines/claims.py"),
    "WARC": ("/crawler/archive/", "/pipelines/archive_metadata.py"),
    "Parquet": ("/crawler/datasets/", "/pipelines/datasets.py"),
    "incremental + monitors": ("/crawler/incremental/", "/crawler/monitors/", "spidermon/"),
    "items feed (JSON lines)": ("/scrapy/extensions/feedexport.py",),
}


# Spider middlewares (WARC capture links, incremental skips) wrap the spider's output as
# generators: their cumulative time holds the whole callback (extraction), not their own work.
PASS_THROUGH = {"process_spider_output", "process_spider_output_async", "process_start", "process_start_requests"}
# run_stateless calls a stage's function for that stage (inline, or in a worker process):
# the stage's call into it is counted already, its call out must not be counted again.
WRAPPERS = ("/crawler/worker_pool.py",)


def stage_of(filename: str, function: str = "") -> str | None:
    if function in PASS_THROUGH:
        return None
    for stage, fragments in STAGES.items():
        if any(fragment in filename for fragment in fragments):
            return stage
    return None


def stage_seconds(profile_path: str) -> dict[str, float]:
    """Seconds per stage plus "Scrapy itself" (the rest) and "total"."""
    stats = pstats.Stats(profile_path).stats
    totals = {stage: 0.0 for stage in STAGES}
    for callee, (_cc, _nc, _tt, _ct, callers) in stats.items():
        stage = stage_of(callee[0], callee[2])
        # Importing a module runs other stages' imports nested inside it: start-up, counted once below.
        if stage is None or callee[2] == "<module>":
            continue
        for caller, edge in callers.items():
            if stage_of(caller[0], caller[2]) is None and not any(w in caller[0] for w in WRAPPERS):
                totals[stage] += edge[3]  # cumulative time of this caller -> callee edge
    total = sum(tt for (_cc, _nc, tt, _ct, _callers) in stats.values())
    totals["Scrapy itself (download, scheduling, imports)"] = max(0.0, total - sum(totals.values()))
    totals["total"] = total
    return totals


def top_functions(profile_path: str, limit: int = 15) -> list[tuple[str, float]]:
    """The project/library functions with the most own time, for finding hot code."""
    stats = pstats.Stats(profile_path).stats
    rows = sorted(((f"{f[0].split('site-packages/')[-1]}:{f[1]}({f[2]})", v[2]) for f, v in stats.items()),
                  key=lambda row: -row[1])
    return rows[:limit]
