"""What does the shared (Redis) dedup state cost next to the local SQLite one?

Starts a private redis-server on loopback (Debian package redis-server), then runs
the same N synthetic articles (bench/dedup_scale.py's generator: Zipf vocabulary,
Arabic and Latin words, one in ten an edited copy) through the real Deduplicator:

1. SQLite store on disk (the single-machine default);
2. Redis store, one process;
3. Redis store, two processes deciding at the same time (two crawler machines),
   each on its own half of the articles: aggregate throughput under the shared lock.

Reports decisions per second (wall and this process's CPU), whether 1 and 2 gave the
same decisions, and Redis' memory per stored version.

    python bench/distributed_dedup_store.py              # 5,000 articles
    python bench/distributed_dedup_store.py --total 20000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "bench"))

import redis  # noqa: E402

from crawler.dedup import ArticleInput, Deduplicator, SQLiteDedupStore  # noqa: E402
from crawler.dedup.redis_store import RedisDedupStore  # noqa: E402
from dedup_scale import Generator  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402


def articles(total: int) -> list[ArticleInput]:
    gen, recent, out = Generator(1), [], []
    for n in range(total):
        if recent and gen.rng.random() < 0.1:
            paragraphs = gen.edited_copy(gen.rng.choice(recent))
        else:
            paragraphs = gen.article()
            recent.append(paragraphs)
        out.append(ArticleInput(url=f"https://outlet{n % 50}.example/news/{n}", paragraphs=paragraphs,
                                published="2024-05-06T10:00:00+00:00"))
    return out


def run(dedup: Deduplicator, inputs) -> tuple[list[str], float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    decisions = [dedup.decide(article).decision for article in inputs]
    return decisions, time.perf_counter() - wall, time.process_time() - cpu


def worker(url: str, prefix: str, inputs, queue) -> None:
    dedup = Deduplicator(RedisDedupStore(redis.Redis.from_url(url), prefix=prefix))
    decisions, wall, cpu = run(dedup, inputs)
    queue.put((decisions, wall, cpu))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, default=5000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    inputs = articles(args.total)
    results = {"articles": args.total}
    with tempfile.TemporaryDirectory() as tmp:
        server = RedisServer(Path(tmp) / "redis")
        try:
            sqlite = Deduplicator(SQLiteDedupStore(Path(tmp) / "state"))
            local, wall, cpu = run(sqlite, inputs)
            results["sqlite"] = {"per_second": round(len(inputs) / wall, 1), "cpu_ms_per_article": round(1000 * cpu / len(inputs), 2)}
            sqlite.store.close()

            prefix = f"bench:{uuid.uuid4().hex[:6]}"
            before = server.client.info("memory")["used_memory"]
            shared = Deduplicator(RedisDedupStore(redis.Redis.from_url(server.url), prefix=prefix))
            remote, wall, cpu = run(shared, inputs)
            versions = shared.store.counts()["versions"]
            used = server.client.info("memory")["used_memory"] - before
            results["redis_one_process"] = {"per_second": round(len(inputs) / wall, 1),
                                            "cpu_ms_per_article": round(1000 * cpu / len(inputs), 2),
                                            "same_decisions_as_sqlite": remote == local,
                                            "memory_kb_per_version": round(used / versions / 1024, 2)}
            shared.store.close()

            prefix = f"bench:{uuid.uuid4().hex[:6]}"
            queue = multiprocessing.Queue()
            halves = [inputs[0::2], inputs[1::2]]
            started = time.perf_counter()
            procs = [multiprocessing.Process(target=worker, args=(server.url, prefix, half, queue)) for half in halves]
            for proc in procs:
                proc.start()
            outcomes = [queue.get() for _ in procs]
            for proc in procs:
                proc.join()
            wall = time.perf_counter() - started
            decided = [d for decisions, _, _ in outcomes for d in decisions]
            results["redis_two_processes"] = {
                "per_second": round(len(inputs) / wall, 1),
                "decisions": {d: decided.count(d) for d in sorted(set(decided))},
            }
            results["sqlite"]["decisions"] = {d: local.count(d) for d in sorted(set(local))}
        finally:
            server.stop()
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
