"""Deduplication: canonical URLs, exact and near-duplicate copies, version chains.

- urls.py           canonical URL and article number of a URL
- normalize.py      Arabic/English text folding and dateline/trailer stripping
- fingerprints.py   content hash, shingles, MinHash signature, LSH band keys
- changes.py        paragraph-level change summary between versions
- store.py          the state (SQLite by default), behind a small interface
- deduplicator.py   the decision for one article
The Scrapy side is pipelines/dedup.py.
"""

from importlib import import_module

# Loaded on first use (PEP 562): crawler.ids needs only urls.py, and the deduplicator's
# datasketch import brings scipy (~60 MB) into every process that imports this package,
# the extraction and claims worker processes included.
_EXPORTS = {"ArticleInput": "deduplicator", "Decision": "deduplicator", "DedupConfig": "deduplicator",
            "Deduplicator": "deduplicator", "DedupStore": "store", "SQLiteDedupStore": "store"}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
