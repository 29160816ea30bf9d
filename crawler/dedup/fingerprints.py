"""What is compared: the exact content hash, word shingles and their MinHash signature.

Shingles are word n-grams taken *inside* each paragraph, never across a
paragraph break, so a copy with its paragraphs reordered has the same shingle
set. Each shingle is hashed once to 32 bits; the same integers feed the
MinHash (datasketch) and the exact Jaccard/containment check on candidates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.hashfunc import sha1_hash32
from datasketch.lsh import _optimal_param


def content_hash(normalized_paragraphs: list[str]) -> str:
    """SHA-1 of the normalized body: equal for copies that differ only in spelling, marks or packaging."""
    return hashlib.sha1("\n".join(normalized_paragraphs).encode("utf-8")).hexdigest()


def shingle_hashes(normalized_paragraphs: list[str], size: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``size``-grams of each paragraph.

    A paragraph shorter than ``size`` words is one shingle of its own.
    """
    hashes: set[int] = set()
    for paragraph in normalized_paragraphs:
        words = paragraph.split()
        if not words:
            continue
        if len(words) <= size:
            hashes.add(sha1_hash32(" ".join(words).encode("utf-8")))
            continue
        for i in range(len(words) - size + 1):
            hashes.add(sha1_hash32(" ".join(words[i:i + size]).encode("utf-8")))
    return np.fromiter(sorted(hashes), dtype=np.uint32, count=len(hashes))


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Exact (Jaccard, containment) of two shingle sets; containment is over the smaller set."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


# datasketch 2's collision-free 32-bit permutation scheme; part of the stored index's identity.
SCHEME = "affine32"


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int):
    # Building the permutations is the slow part of MinHash(); build once, reuse.
    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations


def _identity(value):
    return value


def signature(shingles: np.ndarray, num_perm: int, seed: int = 1) -> np.ndarray:
    """MinHash hash values (datasketch) of already-hashed shingles."""
    minhash = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity,
                      permutations=_permutations(num_perm, seed), scheme=SCHEME)
    minhash.update_batch(shingles.astype(np.uint64).tolist())
    return minhash.hashvalues


@dataclass(frozen=True)
class BandLayout:
    """LSH banding: ``bands`` slices of ``rows`` signature values; equal slice = candidate.

    The layout is datasketch's optimum for the candidate threshold; band keys
    are 63-bit integers so a SQL index can hold them.
    """

    bands: int
    rows: int

    @classmethod
    def for_threshold(cls, threshold: float, num_perm: int) -> "BandLayout":
        bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        return cls(bands, rows)

    def keys(self, hashvalues: np.ndarray) -> list[int]:
        out = []
        for band in range(self.bands):
            chunk = np.ascontiguousarray(hashvalues[band * self.rows:(band + 1) * self.rows]).tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
            out.append(int.from_bytes(digest, "big") >> 1)  # SQLite INTEGER is signed 64-bit
        return out
