"""Stable identifiers, so joins work across runs and machines.

- article_id: from the identity of the canonical URL (crawler.dedup.urls.url_key: same
  article, same id, whatever run fetched it and whatever tracking, www or http variant)
- version_id: from the article id and the hash of its normalized text
- claim_id: from the version id and the claim's position in the body
Each is 16 hex characters of SHA-1 (64 bits: collision-free at archive scale).
"""

from __future__ import annotations

import hashlib

from crawler.dedup.urls import url_key


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def article_id(canonical_url: str) -> str:
    return _digest("article", url_key(canonical_url) if canonical_url else "")


def version_id(article_id_: str, content_hash: str) -> str:
    return _digest("version", article_id_, content_hash)


def claim_id(version_id_: str, paragraph: int, char_start: int, char_end: int) -> str:
    return _digest("claim", version_id_, paragraph, char_start, char_end)
