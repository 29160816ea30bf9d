"""Making outside values (settings, hosts, outlet names, crawl ids) safe inside file and folder names.

Anything that reaches a path from outside the code (``-s CRAWL_ID=...``,
``-s WARC_PREFIX=...``, a partition value taken from an item) must stay ONE path
segment: no ``/``, no ``..`` that means "parent", no NUL, and short enough for the
file system (255 bytes per name on ext4/tmpfs).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_PART = 80


def _shorten(value: str, limit: int) -> str:
    """Cut to ``limit`` characters, keeping distinct long values distinct (hash suffix)."""
    if len(value) <= limit:
        return value
    digest = hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return value[: limit - len(digest) - 1] + "-" + digest


def file_slug(value: str, fallback: str = "x", limit: int = MAX_PART) -> str:
    """``value`` as a file-name part: [A-Za-z0-9._-] only, no leading dot (hidden/parent), bounded."""
    slug = _UNSAFE.sub("-", str(value or "")).lstrip(".-") or fallback
    return _shorten(slug, limit)


def partition_value(value: str, limit: int = 120) -> str:
    """A hive partition value (``outlet=<value>``): percent-encoded, which pyarrow and DuckDB decode back.

    Every byte outside [A-Za-z0-9_.~-] is encoded, so "/", "=", "%" and NUL cannot
    split or end the folder name; "." and ".." stay harmless behind ``name=``.
    """
    encoded = quote(str(value), safe="")
    if len(encoded) <= limit:
        return encoded
    # Cut whole characters, never inside a %XX escape (readers must decode it back to UTF-8).
    digest = hashlib.blake2b(str(value).encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    kept, size = [], 0
    for char in str(value):
        piece = quote(char, safe="")
        if size + len(piece) > limit - len(digest) - 1:
            break
        kept.append(piece)
        size += len(piece)
    return "".join(kept) + "-" + digest
