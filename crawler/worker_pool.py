"""Worker processes for the stateless, CPU-heavy steps of a crawl.

Scrapy runs callbacks and item pipelines on one thread, so a CPU-bound crawl
(replaying a WARC, catching up after downtime, many outlets at once) uses one
core. Extracting an article, scoring its relevance and finding its claims need
no crawl state: with ``WORKER_PROCESSES`` > 0 they run in that many worker
processes while the reactor thread downloads, deduplicates and writes the WARC
and Parquet files; dedup's normalisation and shingle hashing go too (pipelines/dedup.py).
Results are the same either way (tests/test_worker_pool.py crawls both ways and
compares). 0, the default, runs them inline: a worker adds ~95 MB (and the resource
tracker 12), which takes a long crawl's process tree to its 500 MB bound. Replay, which
is CPU-bound, starts ``spare_cores()``: the cores but one, at most
MAX_DEFAULT_WORKERS (memory again), none on a single core.

Callers do not know which: ``await run_stateless(crawler, function, *args)``.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy import signals
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

# Each worker holds its own interpreter, extractor and lexicons (~95 MB).
MAX_DEFAULT_WORKERS = 2


def spare_cores() -> int:
    """Worker processes for a CPU-bound run: one core stays with the crawl thread; none on one core."""
    try:
        cores = len(os.sched_getaffinity(0))  # the cores this process may run on (containers, taskset)
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(0, min(cores - 1, MAX_DEFAULT_WORKERS))


def _warm_up(mmap_threshold: int = 0) -> None:
    """Import and load in each worker before its first task, not during it."""
    if mmap_threshold > 0:  # a worker parses pages too (crawler/native_memory.py)
        from crawler.native_memory import set_mmap_threshold

        set_mmap_threshold(mmap_threshold)
    from crawler.claims import extract_claims  # noqa: F401
    from crawler.extraction import extract_article  # noqa: F401
    from crawler.relevance.lexicon import available_languages, load_lexicon

    for code in available_languages():
        load_lexicon(code)


class WorkerPool:
    """The extension owning the pool (EXTENSIONS in crawler/settings.py)."""

    def __init__(self, processes: int, stats, mmap_threshold: int = 0):
        self.processes = processes
        self.mmap_threshold = mmap_threshold
        self.stats = stats
        self.executor = self._new_executor()
        self.in_flight = 0

    @classmethod
    def from_crawler(cls, crawler):
        processes = crawler.settings.getint("WORKER_PROCESSES")
        if processes <= 0:
            raise NotConfigured("WORKER_PROCESSES is 0: stateless steps run inline")
        pool = cls(processes, crawler.stats, crawler.settings.getint("MALLOC_MMAP_THRESHOLD"))
        crawler.signals.connect(pool.close, signal=signals.engine_stopped)
        return pool

    def _new_executor(self) -> ProcessPoolExecutor:
        # "spawn": forking a process that runs a reactor and its threads is unsafe.
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_warm_up, initargs=(self.mmap_threshold,))

    async def run(self, function, *args):
        self.stats.inc_value("workers/tasks")
        self.in_flight += 1  # the most at once tells whether the crawl keeps the workers fed
        self.stats.max_value("workers/in_flight_max", self.in_flight)
        executor = self.executor
        try:
            result = await asyncio.wrap_future(executor.submit(function, *args))
        except BrokenProcessPool:
            # A worker died (killed, out of memory): this task runs inline, later ones in a new
            # pool (replaced once, however many tasks the dead one held).
            if self.executor is executor:
                self.stats.inc_value("workers/broken_pool")
                logger.error("A worker process died; restarting the pool")
                executor.shutdown(wait=False, cancel_futures=True)
                self.executor = self._new_executor()
            return function(*args)
        finally:
            self.in_flight -= 1
        return result

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def pool_of(crawler) -> WorkerPool | None:
    extensions = getattr(crawler, "extensions", None)
    for extension in getattr(extensions, "middlewares", ()):
        if isinstance(extension, WorkerPool):
            return extension
    return None


async def run_stateless(crawler, function, *args):
    """``function(*args)`` in the crawler's worker pool, or inline when there is none.

    ``function`` must be a module-level function of its arguments alone, with
    picklable arguments and result.
    """
    pool = pool_of(crawler) if crawler is not None else None
    if pool is None:
        return function(*args)
    return await pool.run(function, *args)
