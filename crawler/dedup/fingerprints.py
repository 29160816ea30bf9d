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
from datasketch import MinHash, MinHashLSH

from .prepared import content_hash, shingle_digests  # noqa: F401 - content_hash: part of this module's API


def shingle_hashes(normalized_paragraphs: list[str], size: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``size``-grams of each paragraph (prepared.shingle_digests)."""
    return hashes_of(shingle_digests(normalized_paragraphs, size))


def hashes_of(digests: bytes) -> np.ndarray:
    """shingle_digests' bytes as the sorted unique array the comparisons use."""
    return np.unique(np.frombuffer(digests, dtype="<u4")).astype(np.uint32, copy=False)


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Exact (Jaccard, containment) of two shingle sets; containment is over the smaller set."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    # np.intersect1d(a, b, assume_unique=True) without its wrapper: sort both, count the adjacent equal pairs.
    merged = np.concatenate((a, b))
    merged.sort()
    common = int(np.count_nonzero(merged[1:] == merged[:-1]))
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


# datasketch 2's collision-free 32-bit permutation scheme; part of the stored index's identity.
SCHEME = "affine32"
_EMPTY_HASH = np.iinfo(np.uint32).max  # datasketch's initial value (an empty set)


def _murmur3_fmix32(hashes: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer, which datasketch's affine32 scheme applies before permuting.

    A copy because datasketch keeps it private (``_fmix``); tests/test_dedup_speed_equivalence.py
    checks our signatures equal ``MinHash.update_batch``'s, so a change on their side shows.
    """
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int):
    # Building the permutations is the slow part of MinHash(); build once, reuse.
    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations


def signature(shingles: np.ndarray, num_perm: int, seed: int = 1) -> np.ndarray:
    """MinHash hash values of already-hashed shingles: datasketch's affine32 ``update_batch``, in numpy.

    The same arithmetic as datasketch (fmix pre-mix, then ``a * h + b`` wrapping in
    uint32, column minimum) without its per-value Python calls.
    """
    a, b = _permutations(num_perm, seed)
    if not len(shingles):
        return np.full(num_perm, _EMPTY_HASH, dtype=np.uint32)
    permuted = _murmur3_fmix32(shingles.astype(np.uint32, copy=False).reshape(-1, 1)) * a
    permuted += b
    return permuted.min(axis=0)


@dataclass(frozen=True)
class BandLayout:
    """LSH banding: ``bands`` slices of ``rows`` signature values; equal slice = candidate.

    The layout is datasketch's optimum for the candidate threshold; band keys
    are 63-bit integers so a SQL index can hold them.
    """

    bands: int
    rows: int

    @classmethod
    @lru_cache(maxsize=8)
    def for_threshold(cls, threshold: float, num_perm: int) -> "BandLayout":
        # An empty in-memory MinHashLSH computes the optimum (equal false positive and
        # false negative weights) and exposes it as its public ``b`` and ``r``.
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.5, 0.5))
        return cls(lsh.b, lsh.r)

    def keys(self, hashvalues: np.ndarray) -> list[int]:
        out = []
        for band in range(self.bands):
            chunk = np.ascontiguousarray(hashvalues[band * self.rows:(band + 1) * self.rows]).tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
            out.append(int.from_bytes(digest, "big") >> 1)  # SQLite INTEGER is signed 64-bit
        return out
