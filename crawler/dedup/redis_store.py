"""Dedup state in Redis, shared by every crawler process of a distributed crawl.

``RedisDedupStore`` implements ``DedupStore`` (crawler/dedup/store.py) so the
deduplicator gives the same decisions whether its state is the local SQLite file
or a Redis server several machines talk to.

Consistency across processes: ``transaction()`` holds a Redis lock for the whole
decision (read, decide, write), as SQLite's ``BEGIN IMMEDIATE`` does on one
machine, so two processes never both take the same text for new. Writes are
buffered and sent as one MULTI/EXEC when the decision is made: a process that
dies mid-decision leaves no half entry (the lock expires after
``DEDUP_REDIS_LOCK_TIMEOUT`` seconds).

Keys (``<prefix>`` = ``DEDUP_REDIS_PREFIX``):

| key | type | holds |
|---|---|---|
| ``<prefix>:params`` | hash | hashing parameters the index was built with |
| ``<prefix>:article:<url_id>`` | hash | article_id, canonical_url, url_key |
| ``<prefix>:article_key:<url_key>`` | string | first url_id with this article key |
| ``<prefix>:versions_of:<article_id>`` | zset | version ids scored by version number |
| ``<prefix>:version:<version_id>`` | hash | ``data`` (zlib JSON record), ``seq``, ``written``, ``last_seen`` |
| ``<prefix>:content_hash:<hash>`` | string | first version id with this exact text |
| ``<prefix>:band:<band_key>`` | zset | LSH bucket: version ids scored by insertion sequence |
| ``<prefix>:cluster:<cluster_id>`` | hash | earliest_version, earliest_published, size |
| ``<prefix>:all:articles`` / ``:all:clusters`` | set | ids, for ``counts()`` |
| ``<prefix>:counts`` | hash | versions, lsh_buckets |
| ``<prefix>:seq`` | counter | version insertion order (newest bucket entries first) |
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict

import redis

from crawler.dedup.store import ArticleRecord, ClusterRecord, DedupStore, VersionRecord

# Fields of VersionRecord kept in the immutable ``data`` blob (written/last_seen change later).
_VERSION_DATA = ("version_id", "article_id", "version", "content_hash", "cluster_id", "url", "outlet",
                 "published", "first_seen", "headline", "paragraphs")


def _text(value) -> str | None:
    return value.decode("utf-8") if isinstance(value, bytes) else value


class RedisDedupStore(DedupStore):
    DEFAULT_PREFIX = "cairo_talks:dedup"

    def __init__(self, client: redis.Redis, prefix: str = DEFAULT_PREFIX, lock_timeout: float = 60.0):
        self.redis = client
        self.prefix = prefix
        self.lock = client.lock(f"{prefix}:lock", timeout=lock_timeout, blocking_timeout=lock_timeout)
        self._pipe = None  # the buffered writes of the open transaction

    def __str__(self) -> str:
        kwargs = self.redis.connection_pool.connection_kwargs
        where = kwargs.get("path") or f"{kwargs.get('host')}:{kwargs.get('port')}/{kwargs.get('db', 0)}"
        return f"redis {where} {self.prefix}"

    @classmethod
    def from_settings(cls, settings) -> "RedisDedupStore":
        url = settings.get("DEDUP_REDIS_URL") or settings.get("DISTRIBUTED")
        if not url:
            raise ValueError("RedisDedupStore needs DEDUP_REDIS_URL (or DISTRIBUTED), e.g. redis://host:6379/0")
        client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)
        client.ping()  # fail at start, not on the first article
        return cls(client, settings.get("DEDUP_REDIS_PREFIX") or cls.DEFAULT_PREFIX,
                   settings.getfloat("DEDUP_REDIS_LOCK_TIMEOUT", 60.0))

    def _key(self, *parts) -> str:
        return ":".join([self.prefix, *map(str, parts)])

    # -- transactions -----------------------------------------------------------
    def _begin(self) -> None:
        if not self.lock.acquire():
            raise TimeoutError(f"dedup lock {self._key('lock')} held by another process for too long")
        self._pipe = self.redis.pipeline(transaction=True)

    def _commit(self) -> None:
        self._pipe.execute()  # all writes of the decision at once, or none

    def _rollback(self) -> None:
        pass  # the buffered writes are dropped by _end

    def _end(self) -> None:
        self._pipe.reset()
        self._pipe = None
        self.lock.release()

    def _writer(self):
        if self._pipe is None:
            raise RuntimeError("dedup store writes happen inside transaction()")
        return self._pipe

    # -- parameters ---------------------------------------------------------------
    def check_parameters(self, parameters: dict) -> None:
        key = self._key("params")
        wanted = {k: json.dumps(v) for k, v in parameters.items()}
        for name, value in wanted.items():
            self.redis.hsetnx(key, name, value)  # the first process to start fixes them
        stored = {_text(k): _text(v) for k, v in self.redis.hgetall(key).items()}
        differing = {k: (json.loads(stored[k]), parameters[k]) for k in wanted if stored.get(k) != wanted[k]}
        if differing:
            raise ValueError(
                f"dedup store {self} was built with other hashing parameters {differing} "
                "(stored, requested); use another DEDUP_REDIS_PREFIX or the stored values")

    # -- reads ----------------------------------------------------------------------
    def article(self, url_id):
        row = self.redis.hgetall(self._key("article", url_id))
        if not row:
            return None
        row = {_text(k): _text(v) for k, v in row.items()}
        return ArticleRecord(url_id, row["article_id"], row["canonical_url"], row.get("url_key"))

    def article_by_key(self, url_key):
        url_id = _text(self.redis.get(self._key("article_key", url_key)))
        return self.article(url_id) if url_id else None

    def _versions(self, version_ids) -> list[VersionRecord]:
        if not version_ids:
            return []
        pipe = self.redis.pipeline(transaction=False)
        for vid in version_ids:
            pipe.hmget(self._key("version", _text(vid)), "data", "written")
        records = []
        for data, written in pipe.execute():
            if data is None:
                continue
            fields = json.loads(zlib.decompress(data).decode("utf-8"))
            records.append(VersionRecord(**fields, written=written == b"1"))
        return records

    def versions_of(self, article_id):
        return self._versions(self.redis.zrange(self._key("versions_of", article_id), 0, -1))

    def version_by_content_hash(self, content_hash):
        vid = self.redis.get(self._key("content_hash", content_hash))
        found = self._versions([vid]) if vid else []
        return found[0] if found else None

    def candidates(self, band_keys, limit, known_texts=(), per_bucket=32):
        # As the SQLite store: at most ``per_bucket`` newest entries per bucket, so a
        # bucket shared by thousands of texts (stock phrases) costs no more than others.
        # Paragraphs come in one blob with the rest of the record: always unpacked (known_texts unused).
        pipe = self.redis.pipeline(transaction=False)
        for key in band_keys:
            pipe.zrevrange(self._key("band", key), 0, per_bucket - 1, withscores=True)
        shared: dict[bytes, int] = {}
        seq: dict[bytes, float] = {}
        for entries in pipe.execute():
            for vid, score in entries:
                shared[vid] = shared.get(vid, 0) + 1
                seq[vid] = score
        best = sorted(shared, key=lambda vid: (-shared[vid], -seq[vid]))[:limit]
        return self._versions(best)

    def cluster(self, cluster_id):
        row = self.redis.hgetall(self._key("cluster", cluster_id))
        if not row:
            return None
        row = {_text(k): _text(v) for k, v in row.items()}
        return ClusterRecord(cluster_id, row["earliest_version"], row.get("earliest_published") or None,
                             int(row["size"]))

    # -- writes (buffered until the transaction ends) -----------------------------------
    def put_article(self, article):
        pipe = self._writer()
        key = self._key("article", article.url_id)
        # First writer wins for every field; url_key is filled in when it was missing (as SQLite's COALESCE).
        pipe.hsetnx(key, "article_id", article.article_id)
        pipe.hsetnx(key, "canonical_url", article.canonical_url)
        if article.url_key:
            pipe.hsetnx(key, "url_key", article.url_key)
            pipe.set(self._key("article_key", article.url_key), article.url_id, nx=True)
        pipe.sadd(self._key("all", "articles"), article.url_id)

    def put_version(self, version, band_keys):
        seq = self.redis.incr(self._key("seq"))  # outside the buffer: its value is needed now
        data = zlib.compress(json.dumps({k: v for k, v in asdict(version).items() if k in _VERSION_DATA},
                                        ensure_ascii=False).encode("utf-8"), 6)
        pipe = self._writer()
        pipe.hset(self._key("version", version.version_id),
                  mapping={"data": data, "seq": seq, "written": "0", "last_seen": version.first_seen or ""})
        pipe.zadd(self._key("versions_of", version.article_id), {version.version_id: version.version})
        pipe.set(self._key("content_hash", version.content_hash), version.version_id, nx=True)
        for key in set(band_keys):
            pipe.zadd(self._key("band", key), {version.version_id: seq})
        pipe.hincrby(self._key("counts"), "versions", 1)
        pipe.hincrby(self._key("counts"), "lsh_buckets", len(set(band_keys)))

    def put_cluster(self, cluster):
        pipe = self._writer()
        pipe.hset(self._key("cluster", cluster.cluster_id),
                  mapping={"earliest_version": cluster.earliest_version,
                           "earliest_published": cluster.earliest_published or "", "size": cluster.size})
        pipe.sadd(self._key("all", "clusters"), cluster.cluster_id)

    def touch_version(self, version_id, seen_at):
        self._writer().hset(self._key("version", version_id), "last_seen", seen_at)

    def mark_written(self, version_id):
        # One field of an existing record: atomic on its own, no lock needed. HSET on a
        # missing key would create a half record, hence the check (versions are never deleted).
        key = self._key("version", version_id)
        if self.redis.exists(key):
            self.redis.hset(key, "written", "1")

    def counts(self):
        stored = {_text(k): int(v) for k, v in self.redis.hgetall(self._key("counts")).items()}
        return {"articles": self.redis.scard(self._key("all", "articles")),
                "versions": stored.get("versions", 0),
                "clusters": self.redis.scard(self._key("all", "clusters")),
                "lsh_buckets": stored.get("lsh_buckets", 0)}

    def close(self):
        self.redis.close()
