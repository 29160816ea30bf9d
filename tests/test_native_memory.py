"""Large buffers go to mmap and back to the system, whatever was freed before (crawler/native_memory.py).

glibc raises its mmap threshold to the size of the largest mmapped block freed so
far; from then on page-sized buffers come out of the brk heap, which a long crawl
fragments and grows (docs/performance-yardstick.md). Each case runs in a fresh
interpreter: the threshold is per process, and pytest's own allocations must not
decide it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import ctypes, sys
class MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd",
                                               "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
def mmapped() -> int:
    return libc.mallinfo2().hblkhd
big = bytearray(8 << 20); del big  # a large page freed: glibc's threshold now sits at 8 MB
if sys.argv[1] == "project":
    from scrapy.utils.project import get_project_settings
    from types import SimpleNamespace
    from crawler.native_memory import NativeHeap
    settings = get_project_settings()
    assert "crawler.native_memory.NativeHeap" in settings.getdict("EXTENSIONS")
    NativeHeap.from_crawler(SimpleNamespace(settings=settings))  # all it reads of the crawler
before = mmapped()
pages = [bytearray(400_000) for _ in range(10)]  # ten 400 KB response bodies in flight
print(mmapped() - before)
"""


def mmapped_growth(mode: str) -> int:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return int(proc.stdout.split()[-1])


def test_glibc_alone_puts_page_sized_buffers_in_the_heap_after_a_large_free():
    assert mmapped_growth("glibc") == 0  # what the project's setting is there to prevent


def test_the_crawl_settings_keep_page_sized_buffers_in_mmap():
    assert mmapped_growth("project") >= 10 * 400_000
