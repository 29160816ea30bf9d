"""The stateless half of a dedup decision: normalization, content hash and shingle digests.

It needs no store and no numpy, so with ``WORKER_PROCESSES`` > 0 it runs in a worker
process (pipelines/dedup.py) and the crawl thread keeps only the decision: lookups,
MinHash signature, LSH candidates. Inline, the deduplicator computes the same itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .normalize import normalize_text, normalized_paragraphs


@dataclass(frozen=True)
class PreparedText:
    normalized: list[str]  # body paragraphs, normalized; a repeated headline left out
    headline: str | None  # normalized
    content_hash: str | None  # None when there is no text
    shingle_digests: bytes | None = None  # see shingle_digests; None = not computed yet


def content_hash(normalized_paragraphs: list[str]) -> str:
    """SHA-1 of the normalized body: equal for copies that differ only in spelling, marks or packaging."""
    return hashlib.sha1("\n".join(normalized_paragraphs).encode("utf-8")).hexdigest()


def shingle_digests(normalized_paragraphs: list[str], size: int) -> bytes:
    """The 32-bit hash of each distinct word ``size``-gram of each paragraph, 4 bytes each,
    in no particular order (fingerprints.shingle_hashes sorts them).

    A paragraph shorter than ``size`` words is one shingle of its own. The hash of a
    shingle is datasketch's ``sha1_hash32`` of its UTF-8 bytes (the stored index depends
    on it): the first 4 digest bytes, read little-endian. SHA-1 is most of the time, so
    each distinct shingle is hashed once (news text repeats stock phrases).
    """
    shingles: set[str] = set()
    for paragraph in normalized_paragraphs:
        words = paragraph.split()
        if len(words) <= size:
            if words:
                shingles.add(" ".join(words))
            continue
        shingles.update(map(" ".join, zip(*(words[i:] for i in range(size)))))
    sha1 = hashlib.sha1
    return b"".join([sha1(shingle.encode("utf-8")).digest()[:4] for shingle in shingles])


def prepare_text(paragraphs: list[str] | None, headline: str | None, shingle_size: int | None = None) -> PreparedText:
    """What the decision compares; with ``shingle_size``, the shingle digests too."""
    normalized = normalized_paragraphs(paragraphs)
    folded_headline = normalize_text(headline) or None
    if folded_headline and normalized and normalized[0] == folded_headline:
        # Extractors often repeat the headline as the first paragraph; outlets rewrite
        # headlines of copies, so it is not part of the body that is compared.
        normalized = normalized[1:]
    if not normalized:
        return PreparedText([], folded_headline, None)
    digests = shingle_digests(normalized, shingle_size) if shingle_size else None
    return PreparedText(normalized, folded_headline, content_hash(normalized), digests)
