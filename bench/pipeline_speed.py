"""The full pipeline beside bare Scrapy, the obvious assembly, trafilatura and replay, on a local mirror.

One command builds (once) a mirror of realistic Arabic and English article pages
(bench/perf/pages.py: 100-600 KB each, JSON-LD, navigation, widgets, inline CSS/JS),
serves it on loopback and measures, side by side on the same pages:

  bare     Scrapy's defaults following the same links, no project code (the limit)
  obvious  what a user would write instead (bench/perf/obvious_spider.py): Scrapy +
           trafilatura bare_extraction + warcio response records + one pyarrow table
  full     the project's real settings, as a user gets them (extraction, relevance,
           dedup, claims, WARC, Parquet, monitors, incremental state, JOBDIR) with only
           the politeness delays off and the same concurrency as bare
  full, WORKER_PROCESSES=n   the same with n worker processes for extraction,
           relevance and claims (crawler/worker_pool.py), for n in 0, 1, cores - 1
  trafilatura  trafilatura.extract on the same pages, in one process (the peer)
  replay   the full run's WARC re-processed with -s REPLAY_WARC_FILES=..., with
           0, 1 and cores - 1 worker processes

Figures: articles per second (median of --repeats runs, from Scrapy's
elapsed_time_seconds, so interpreter start-up is not counted; wall time is kept too),
the project over the obvious assembly and over bare Scrapy, peak RSS of each crawl
process and of it with its worker processes (at --pages and at --big articles), WARC
bytes per second, claims sentences per second and a per-stage profile
(bench/perf/stages.py) of one extra full run under cProfile.

    python bench/pipeline_speed.py                      # 2,000 pages, 3 repeats, 20,000-article RSS run
    python bench/pipeline_speed.py --pages 40 --repeats 1 --big 80   # the CI smoke size
Results: printed, and written to --json (default bench/results/pipeline_speed.json).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.perf.pages import MIRROR_VERSION, MirrorBuilder  # noqa: E402
from bench.perf.server import MirrorServer  # noqa: E402
from bench.perf.stages import stage_seconds, top_functions  # noqa: E402

# Loopback has no one to be polite to; the same concurrency for bare and full so only the work differs.
LOOPBACK = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS": "16",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "16", "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": "False"}


SPIDERS = {"bare": "bare_spider.py", "obvious": "obvious_spider.py"}  # anything else: the project's spider


def worker_counts() -> list[int]:
    """Worker processes to compare: none (inline), one, and the cores minus one."""
    return sorted({0, 1, max(0, (os.cpu_count() or 1) - 1)})


def stat(stderr: str, name: str) -> float | None:
    match = re.search(rf"'{re.escape(name)}': ([0-9.]+)", stderr[stderr.rfind("Dumping Scrapy stats:"):])
    return float(match.group(1)) if match else None


def _tree_pids(pid: int) -> list[int]:
    """``pid`` and its descendants (the worker processes of WORKER_PROCESSES), from /proc."""
    pids, i = [pid], 0
    while i < len(pids):
        try:
            children = Path(f"/proc/{pids[i]}/task/{pids[i]}/children").read_text().split()
        except OSError:
            children = []
        pids += [int(c) for c in children]
        i += 1
    return pids


def _status_mb(pid: int, field: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time ``pid`` has used so far (/proc/<pid>/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


class RssSampler(threading.Thread):
    """Every 0.2 s: the crawl process's own high-water mark (VmHWM), the summed RSS of
    it and its worker processes, and the CPU time the crawl process itself has used
    (on a shared machine CPU time per article is steadier than articles per second).

    Not wait4's ru_maxrss: Linux carries the high-water mark of the process image
    replaced by exec into it, so a crawl started by a driver holding 1 GB of pages
    (after the trafilatura timing) reported 1,246 MB it never used.
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.tree_peak_mb, self.stopped = pid, 0.0, 0.0, threading.Event()
        self.main_cpu_s = 0.0

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            self.peak_mb = max(self.peak_mb, _status_mb(self.pid, "VmHWM"))
            self.main_cpu_s = max(self.main_cpu_s, _cpu_seconds(self.pid))
            self.tree_peak_mb = max(self.tree_peak_mb, sum(_status_mb(p, "VmRSS") for p in _tree_pids(self.pid)))


def run_crawl(kind: str, start_url: str, output_dir: Path, extra: dict | None = None, profile: Path | None = None) -> dict:
    """One crawl in its own process: peak RSS of the crawl process and of its whole tree (RssSampler)."""
    spider = ROOT / "bench" / "perf" / SPIDERS.get(kind, "full_spider.py")
    project = kind not in SPIDERS
    settings = dict(LOOPBACK, **(extra or {}))
    if project:
        settings["OUTPUT_DIR"] = str(output_dir)
    cmd = [sys.executable] + (["-m", "cProfile", "-o", str(profile)] if profile else []) + \
        ["-m", "scrapy", "runspider", str(spider), "-a", f"start_url={start_url}"]
    if kind == "obvious":
        cmd += ["-a", f"output_dir={output_dir}"]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    output_dir.mkdir(parents=True, exist_ok=True)
    # bare and obvious run outside the project (no scrapy.cfg): only Scrapy's defaults apply.
    cwd = ROOT if project else output_dir
    env = dict(os.environ, PYTHONPATH=str(ROOT), TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    log = output_dir / f"{kind}.log"
    started = time.perf_counter()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(log, "w") as stderr:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        sampler = RssSampler(proc.pid)
        sampler.start()
        proc.wait()
        sampler.stopped.set()
    wall = time.perf_counter() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The crawl process and its worker processes (reaped by it), start-up included.
    tree_cpu = sum(getattr(children_after, f) - getattr(children_before, f) for f in ("ru_utime", "ru_stime"))
    text = log.read_text(errors="replace")
    articles = stat(text, "bench/articles") or 0
    elapsed = stat(text, "elapsed_time_seconds") or wall
    if proc.returncode != 0 and not project:
        raise SystemExit(f"{kind} crawl failed ({proc.returncode}); see {log}\n{text[-3000:]}")
    warc = sum(f.stat().st_size for f in output_dir.rglob("*.warc.gz"))
    return {"kind": kind, "articles": int(articles), "items": int(stat(text, "item_scraped_count") or 0),
            "extraction_ok": int(stat(text, "extraction/ok") or 0), "elapsed_s": elapsed, "wall_s": wall,
            "pages_per_s": articles / elapsed if elapsed else 0.0, "peak_rss_mb": sampler.peak_mb,
            "peak_tree_rss_mb": sampler.tree_peak_mb,
            "cpu_ms_per_article": tree_cpu * 1000 / articles if articles else 0.0,
            "main_cpu_ms_per_article": sampler.main_cpu_s * 1000 / articles if articles else 0.0,
            "warc_bytes": warc, "exit_code": proc.returncode, "log": str(log),
            "errors": int(stat(text, "log_count/ERROR") or 0)}


def trafilatura_rate(folder: Path, pages: int) -> dict:
    import trafilatura

    htmls = [gzip.decompress((folder / f"{n}.html.gz").read_bytes()).decode("utf-8") for n in range(pages)]
    started = time.perf_counter()
    extracted = sum(1 for html in htmls if trafilatura.extract(html))
    seconds = time.perf_counter() - started
    return {"pages": pages, "extracted": extracted, "seconds": seconds, "pages_per_s": pages / seconds}


def project_extractor_rate(folder: Path, builder: MirrorBuilder, pages: int) -> dict:
    """The project's extractor alone on the same pages (no download, no pipelines): beside trafilatura."""
    from crawler.extraction import extract_article

    htmls = [gzip.decompress((folder / f"{n}.html.gz").read_bytes()).decode("utf-8") for n in range(pages)]
    started = time.perf_counter()
    for n, html in enumerate(htmls):
        extract_article(html, "http://127.0.0.1" + builder.meta(n)["path"])
    seconds = time.perf_counter() - started
    return {"pages": pages, "seconds": seconds, "pages_per_s": pages / seconds}


def claims_rate(output_dir: Path) -> dict:
    """extract_claims on the full run's on-topic articles: sentences and claims per second."""
    from crawler.claims import extract_claims
    from crawler.claims.text import sentence_spans

    items = [json.loads(line) for feed in (output_dir / "items").glob("*.jsonl")
             for line in feed.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [i for i in items if i.get("on_topic") is not False and i.get("paragraphs")]
    sentences = sum(len(sentence_spans(p)) for i in items for p in i["paragraphs"])
    started = time.perf_counter()
    claims = sum(len(extract_claims(i["paragraphs"], i.get("language"), published=i.get("published"))) for i in items)
    seconds = time.perf_counter() - started
    return {"articles": len(items), "sentences": sentences, "claims": claims, "seconds": seconds,
            "sentences_per_s": sentences / seconds if seconds else 0.0}


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="distinct article pages in the mirror")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of bare, full and replay (medians); 0 = only the --big peak-RSS run")
    parser.add_argument("--big", type=int, default=20000,
                        help="articles in the peak-RSS run (pages reused under new URLs); 0 = skip")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    parser.add_argument("--mirror-dir", type=Path, default=None,
                        help="where the mirror is built (kept for the next run); default: a temp folder")
    parser.add_argument("--work-dir", type=Path, default=None, help="crawl outputs (default: temp, removed)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "pipeline_speed.json")
    args = parser.parse_args(argv)

    builder = MirrorBuilder(args.pages)
    mirror = args.mirror_dir or Path(tempfile.gettempdir()) / f"cairo-bench-mirror-{args.pages}-v{MIRROR_VERSION}"
    started = time.perf_counter()
    builder.build(mirror)
    sizes = [len(gzip.decompress((mirror / f"{n}.html.gz").read_bytes())) for n in range(0, args.pages, max(1, args.pages // 200))]
    print(f"mirror: {args.pages} pages in {mirror} ({time.perf_counter() - started:.1f} s), "
          f"page size {min(sizes) // 1000}-{max(sizes) // 1000} KB (median {statistics.median(sizes) / 1000:.0f} KB)", flush=True)
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="cairo-bench-"))
    results: dict = {"pages": args.pages, "repeats": args.repeats, "cpus": os.cpu_count(),
                     "page_kb": {"min": min(sizes) / 1000, "median": statistics.median(sizes) / 1000, "max": max(sizes) / 1000}}
    if args.repeats == 0:  # only the peak-RSS run at --big articles
        try:
            with MirrorServer(builder, mirror, args.big) as server:
                results["big"] = run_crawl("full", server.url + "/index.html", work / "big")
        finally:
            if not args.work_dir:
                shutil.rmtree(work, ignore_errors=True)
        big = results["big"]
        print(f"full pipeline at {args.big} articles: {big['pages_per_s']:.1f} articles/s, peak RSS {big['peak_rss_mb']:.0f} MB")
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, default=str))
        return results
    try:
        with MirrorServer(builder, mirror, args.pages) as server:
            start_url = server.url + "/index.html"
            counts = worker_counts()
            bare, obvious, full = [], [], []
            workers = {n: [] for n in counts}
            replay = {n: [] for n in counts}
            for r in range(args.repeats):  # interleaved, so a noisy moment hits every kind alike
                bare.append(run_crawl("bare", start_url, work / f"bare-{r}"))
                obvious.append(run_crawl("obvious", start_url, work / f"obvious-{r}"))
                full.append(run_crawl("full", start_url, work / f"full-{r}"))
                for n in counts:
                    workers[n].append(run_crawl("full", start_url, work / f"workers{n}-{r}",
                                                {"WORKER_PROCESSES": str(n)}))
                for n in counts:
                    replay[n].append(run_crawl("replay", start_url, work / f"replay{n}-{r}",
                                               {"REPLAY_WARC_FILES": str(work / "full-0" / "warc"),
                                                "WORKER_PROCESSES": str(n)}))
                print(f"run {r + 1}: bare {bare[-1]['pages_per_s']:.1f}, obvious {obvious[-1]['pages_per_s']:.1f}, "
                      f"full {full[-1]['pages_per_s']:.1f}, "
                      + ", ".join(f"{n} workers {workers[n][-1]['pages_per_s']:.1f}" for n in counts)
                      + ", replay " + ", ".join(f"{n} workers {replay[n][-1]['pages_per_s']:.1f}" for n in counts)
                      + " articles/s", flush=True)
            results.update(bare=bare, obvious=obvious, full=full, full_workers=workers, replay=replay)
            results["trafilatura"] = trafilatura_rate(mirror, args.pages)
            results["project_extractor"] = project_extractor_rate(mirror, builder, args.pages)
            results["claims"] = claims_rate(work / "full-0")
            if not args.no_profile:
                profile = work / "full.prof"
                run_crawl("full", start_url, work / "profile", profile=profile)
                results["stages_s"] = stage_seconds(str(profile))
                results["hot_functions"] = top_functions(str(profile))
        if args.big:
            with MirrorServer(builder, mirror, args.big) as server:
                results["big"] = run_crawl("full", server.url + "/index.html", work / "big")
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)

    summary = {
        "bare_pages_per_s": median(bare, "pages_per_s"),
        "obvious_pages_per_s": median(obvious, "pages_per_s"),
        "full_pages_per_s": median(full, "pages_per_s"),
        "full_workers_pages_per_s": {n: median(runs, "pages_per_s") for n, runs in workers.items()},
        "replay_pages_per_s": {n: median(runs, "pages_per_s") for n, runs in replay.items()},
        "trafilatura_pages_per_s": results["trafilatura"]["pages_per_s"],
        "project_extractor_pages_per_s": results["project_extractor"]["pages_per_s"],
        "warc_bytes_per_s": median([dict(r, rate=r["warc_bytes"] / r["elapsed_s"]) for r in full], "rate"),
        "claims_sentences_per_s": results["claims"]["sentences_per_s"],
        "peak_rss_mb_bare": median(bare, "peak_rss_mb"),
        "peak_rss_mb_obvious": median(obvious, "peak_rss_mb"),
        "peak_rss_mb_full": median(full, "peak_rss_mb"),
        "peak_tree_rss_mb_full": median(full, "peak_tree_rss_mb"),
        "peak_tree_rss_mb_full_workers": {n: median(runs, "peak_tree_rss_mb") for n, runs in workers.items()},
        "peak_tree_rss_mb_replay": {n: median(runs, "peak_tree_rss_mb") for n, runs in replay.items()},
        "peak_rss_mb_full_big": results["big"]["peak_rss_mb"] if args.big else None,
        "peak_tree_rss_mb_full_big": results["big"]["peak_tree_rss_mb"] if args.big else None,
        "big_articles": args.big or None,
    }
    summary["cpu_ms_per_article"] = {
        "bare": median(bare, "cpu_ms_per_article"), "obvious": median(obvious, "cpu_ms_per_article"),
        "full": median(full, "cpu_ms_per_article"),
        "full_workers": {n: median(runs, "cpu_ms_per_article") for n, runs in workers.items()},
        "replay": {n: median(runs, "cpu_ms_per_article") for n, runs in replay.items()}}
    summary["full_over_bare"] = summary["full_pages_per_s"] / summary["bare_pages_per_s"]
    summary["full_over_obvious"] = summary["full_pages_per_s"] / summary["obvious_pages_per_s"]
    summary["full_over_trafilatura"] = summary["full_pages_per_s"] / summary["trafilatura_pages_per_s"]
    results["summary"] = summary
    print_table(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, default=str))
    return results


def print_table(results: dict) -> None:
    s = results["summary"]
    print(f"\n{results['pages']} article pages, {results['repeats']} run(s) each, {results['cpus']} CPUs; medians. "
          f"CPU ms/article: all processes of the crawl (start-up included), then the crawl process alone")
    print(f"{'':52}{'articles/s':>11}{'x obvious':>10}{'x bare':>8}{'CPU ms/art':>11}{'main ms':>9}"
          f"{'peak RSS MB':>13}")

    def row(label: str, runs: list[dict], tree: bool = True) -> None:
        rate = median(runs, "pages_per_s")
        rss = median(runs, "peak_tree_rss_mb" if tree else "peak_rss_mb")
        print(f"{label:52}{rate:11.1f}{rate / s['obvious_pages_per_s']:10.2f}{rate / s['bare_pages_per_s']:8.2f}"
              f"{median(runs, 'cpu_ms_per_article'):11.1f}{median(runs, 'main_cpu_ms_per_article'):9.1f}"
              f"{rss:13.0f}")

    row("bare Scrapy (the limit)", results["bare"], tree=False)
    row("obvious assembly (trafilatura, warcio, pyarrow)", results["obvious"], tree=False)
    row("the project, defaults", results["full"])
    for n, runs in results["full_workers"].items():
        row(f"the project, WORKER_PROCESSES={n}", runs)
    for n, runs in results["replay"].items():
        row(f"replay of the project's WARC, WORKER_PROCESSES={n}", runs)
    print(f"{'trafilatura.extract alone':52}{s['trafilatura_pages_per_s']:11.1f}")
    print(f"{'project extractor alone':52}{s['project_extractor_pages_per_s']:11.1f}")
    if s["peak_rss_mb_full_big"] is not None:
        big = results["big"]
        print(f"peak RSS the project (defaults): {s['peak_rss_mb_full']:.0f} MB at {results['pages']} articles, "
              f"{s['peak_rss_mb_full_big']:.0f} MB at {s['big_articles']} ({big['pages_per_s']:.1f} articles/s, "
              f"process tree {s['peak_tree_rss_mb_full_big']:.0f} MB)")
    print(f"WARC written: {s['warc_bytes_per_s'] / 1e6:.2f} MB/s   claims: {s['claims_sentences_per_s']:.0f} sentences/s "
          f"({results['claims']['sentences']} sentences, {results['claims']['claims']} claims)")
    if "stages_s" in results:
        stages = results["stages_s"]
        total = stages["total"]
        print("per-stage profile of one full run (cProfile, seconds and share):")
        for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
            if stage != "total":
                print(f"  {stage:48}{seconds:8.1f} s {seconds / total:6.1%}")
        print(f"  {'total (profiled)':48}{total:8.1f} s")


if __name__ == "__main__":
    main()
