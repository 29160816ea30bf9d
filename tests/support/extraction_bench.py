"""bench/evaluate_extraction.py as a module: the tests score pages with the bench's own scorer."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from crawler.commands.extract import parse_fetch_time
from crawler.extraction import extract_article

from tests.conftest import PROJECT_ROOT


@cache
def evaluate_extraction():
    spec = importlib.util.spec_from_file_location("evaluate_extraction", PROJECT_ROOT / "bench" / "evaluate_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract_pages(pages: list[dict]) -> dict[str, dict]:
    """The extractor's item per page id, run as `scrapy extract` runs it (fetch time from the
    page's record where it has one); a page that raises fails the test that asked."""
    return {page["id"]: dict(extract_article(Path(page["path"]).read_bytes(), page["url"], status=None,
                                             fetched_at=parse_fetch_time(page.get("fetched_at"))))
            for page in pages}
