"""Deduplication: canonical URLs, exact and near-duplicate copies, version chains.

- urls.py           canonical URL and article number of a URL
- normalize.py      Arabic/English text folding and dateline/trailer stripping
- fingerprints.py   content hash, shingles, MinHash signature, LSH band keys
- changes.py        paragraph-level change summary between versions
- store.py          the state (SQLite by default), behind a small interface
- deduplicator.py   the decision for one article
The Scrapy side is pipelines/dedup.py.
"""

from .deduplicator import ArticleInput, Decision, DedupConfig, Deduplicator
from .store import DedupStore, SQLiteDedupStore

__all__ = ["ArticleInput", "Decision", "DedupConfig", "Deduplicator", "DedupStore", "SQLiteDedupStore"]
