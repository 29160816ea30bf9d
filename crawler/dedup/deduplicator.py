"""The dedup decision for one article, against everything seen before.

In order:
1. canonical URL -> article_id. A known article (same canonical URL, or same
   site and article number after a slug edit) is a *re-fetch* when its text is
   one of its known versions, else a *new version* of it.
2. An unknown article whose normalized body equals a stored one is an *exact
   duplicate* (a syndicated copy, word for word).
3. Otherwise MinHash-LSH finds candidates, checked exactly (Jaccard and
   containment of the shingle sets): a match above the threshold is a
   *near duplicate* and joins that story's cluster; none makes a *new* story.

Every article gets a cluster id (count stories: distinct clusters), and copies
point (``duplicate_of``) to the version id of the cluster's earliest copy:
earliest published, else first seen.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from crawler import ids

from . import fingerprints
from .changes import change_summary
from .prepared import PreparedText, prepare_text
from .store import ArticleRecord, ClusterRecord, DedupStore, VersionRecord
from .urls import article_key, canonical_url

# Decisions (also the suffix of the ``dedup/<decision>`` stats counter).
NEW = "new"
NEW_VERSION = "new_version"
REFETCH = "refetch"
EXACT_DUPLICATE = "exact_duplicate"
NEAR_DUPLICATE = "near_duplicate"
NO_TEXT = "no_text"


@dataclass(frozen=True)
class DedupConfig:
    """Hashing and decision parameters; defaults chosen in bench/evaluate_dedup.py."""

    shingle_size: int = 4
    num_perm: int = 128
    seed: int = 1
    # LSH is tuned for recall at this Jaccard estimate; the exact check decides.
    lsh_threshold: float = 0.2
    # Near duplicate when the exact Jaccard OR the containment reaches its threshold.
    similarity_threshold: float = 0.4
    containment_threshold: float = 0.9
    # Below this many shingles a text is too short for near-duplicate matching
    # (exact hashing still applies): a two-line brief matches too much by chance.
    min_shingles: int = 15
    # A URL with a known site + article number but another canonical URL (slug edit)
    # is the same article only if the texts overlap this much (guards against
    # numbers that are section or tag ids, not article ids).
    slug_edit_min_overlap: float = 0.3
    max_candidates: int = 50

    def hashing_parameters(self) -> dict:
        """What the stored index depends on: changing these needs a new store."""
        return {"shingle_size": self.shingle_size, "num_perm": self.num_perm, "seed": self.seed,
                "lsh_threshold": self.lsh_threshold, "scheme": fingerprints.SCHEME, "normalizer": 1}


@dataclass
class ArticleInput:
    url: str
    paragraphs: list[str]
    declared_canonical: str | None = None
    headline: str | None = None
    outlet: str | None = None
    published: str | None = None
    seen_at: str | None = None
    keep_params: tuple[str, ...] = ()


@dataclass
class Decision:
    decision: str
    canonical_url: str
    article_id: str
    version_id: str | None = None
    content_hash: str | None = None
    duplicate_of: str | None = None  # version_id of the earliest copy
    near_duplicate_cluster: str | None = None
    similarity: float | None = None
    containment: float | None = None
    version: int | None = None
    previous_version: str | None = None
    change_summary: dict | None = None
    # Not item fields: what the pipeline needs to explain itself.
    matched_version: str | None = field(default=None, repr=False)
    # For a re-fetch: had the stored version reached the outputs? (False after a crash
    # between the store commit and the feed, so the pipeline passes the item on again.)
    matched_written: bool = field(default=True, repr=False)

    def fields(self) -> dict:
        out = asdict(self)
        out.pop("matched_version")
        out.pop("matched_written")
        out["dedup_decision"] = out.pop("decision")
        return out


def _earlier(published_a: str | None, published_b: str | None) -> bool:
    """Is a strictly earlier than b? Unknown dates never win (first seen stays earliest)."""
    if not published_a or not published_b:
        return False
    try:
        a, b = datetime.fromisoformat(published_a), datetime.fromisoformat(published_b)
        if (a.tzinfo is None) != (b.tzinfo is None):
            a, b = a.replace(tzinfo=a.tzinfo or timezone.utc), b.replace(tzinfo=b.tzinfo or timezone.utc)
        return a < b
    except ValueError:
        return published_a[:10] < published_b[:10]


class Deduplicator:
    def __init__(self, store: DedupStore, config: DedupConfig | None = None):
        self.store = store
        self.config = config or DedupConfig()
        self.bands = fingerprints.BandLayout.for_threshold(self.config.lsh_threshold, self.config.num_perm)
        self.candidates_checked = 0  # exact checks run so far (bench/dedup_scale.py watches it stay flat)
        # content hash -> shingle hashes of recent texts: every LSH candidate used to be
        # re-shingled from its stored text on each lookup, the largest dedup cost in
        # bench/pipeline_speed.py. Bounded (LRU), so memory stays flat over a long crawl.
        self._shingle_cache: OrderedDict = OrderedDict()
        store.check_parameters(self.config.hashing_parameters())

    # 4 bytes per distinct shingle, ~2-3 KB a news text: at most ~50 MB. Candidates reach
    # back many thousand versions on stock-phrase news (the benchmark mirror); with 4096
    # texts a store of 10,000 re-shingled ~9 candidates per article, 3x the time.
    SHINGLE_CACHE_SIZE = 16384

    def shingles(self, normalized: list[str]):
        return fingerprints.shingle_hashes(normalized, self.config.shingle_size)

    def _cached_shingles(self, content_hash: str, normalized: list[str] | None):
        """``shingles(normalized)``, remembered by the text's content hash (same hash, same text).

        ``normalized`` may be None for a text in the cache. The cache is trimmed only
        between articles (``decide``): a candidate fetched without its text because
        its shingles were cached must still find them later in the same decision.
        """
        cached = self._shingle_cache.get(content_hash)
        if cached is None:
            cached = self._shingle_cache[content_hash] = self.shingles(normalized)
        else:
            self._shingle_cache.move_to_end(content_hash)
        return cached

    def decide(self, article: ArticleInput, prepared: PreparedText | None = None) -> Decision:
        """``prepared``: ``prepare_text`` of the article's paragraphs and headline, computed
        elsewhere (a worker process); without it, computed here. The decision is the same."""
        try:
            return self._decide(article, prepared or prepare_text(article.paragraphs, article.headline))
        finally:
            while len(self._shingle_cache) > self.SHINGLE_CACHE_SIZE:
                self._shingle_cache.popitem(last=False)

    def _decide(self, article: ArticleInput, prepared: PreparedText) -> Decision:
        canon = canonical_url(article.url, article.declared_canonical, article.keep_params)
        url_key = article_key(canon, article.keep_params) or article_key(article.url, article.keep_params)
        seen_at = article.seen_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
        normalized, headline, chash = prepared.normalized, prepared.headline, prepared.content_hash
        if not normalized:
            return Decision(NO_TEXT, canon, ids.article_id(canon))
        if prepared.shingle_digests is not None and chash not in self._shingle_cache:
            self._shingle_cache[chash] = fingerprints.hashes_of(prepared.shingle_digests)
        with self.store.transaction():
            known = self.store.article(ids.article_id(canon))
            versions = self.store.versions_of(known.article_id) if known else []
            if not versions and url_key:
                known = self.store.article_by_key(url_key)
                versions = self.store.versions_of(known.article_id) if known else []
                if versions and not self._same_text_family(versions[-1], chash, normalized):
                    # The number in the URL was not an article id (a section, a tag): another article.
                    known, versions = None, []
            if versions:
                return self._known_article(known, versions, canon, chash, normalized, headline, article, seen_at)
            aid = ids.article_id(canon)
            self.store.put_article(ArticleRecord(aid, aid, canon, url_key))
            record = VersionRecord(ids.version_id(aid, chash), aid, 1, chash, "", article.url, article.outlet,
                                   article.published, seen_at, headline, paragraphs=normalized)
            decision = Decision(NEW, canon, aid, record.version_id, chash, version=1)
            exact = self.store.version_by_content_hash(chash)
            if exact:
                decision.decision, decision.similarity, decision.containment = EXACT_DUPLICATE, 1.0, 1.0
                self._join(decision, record, exact, band_keys=[])
                return decision
            shingles = self._cached_shingles(chash, normalized)
            band_keys: list[int] = []
            if len(shingles) >= self.config.min_shingles:
                band_keys = self.bands.keys(fingerprints.signature(shingles, self.config.num_perm, self.config.seed))
                best = self._best_match(shingles, band_keys)
                if best:
                    match, jaccard, containment = best
                    decision.decision = NEAR_DUPLICATE
                    decision.similarity, decision.containment = round(jaccard, 4), round(containment, 4)
                    self._join(decision, record, match, band_keys)
                    return decision
            record.cluster_id = record.version_id
            decision.near_duplicate_cluster = record.version_id
            self.store.put_version(record, band_keys)
            self.store.put_cluster(ClusterRecord(record.version_id, record.version_id, article.published, 1))
            return decision

    # -- steps -------------------------------------------------------------
    def _known_article(self, known, versions, canon, chash, normalized, headline, article, seen_at) -> Decision:
        for v in versions:
            if v.content_hash == chash:
                self.store.touch_version(v.version_id, seen_at)
                return Decision(REFETCH, canon, known.article_id, v.version_id, chash, duplicate_of=v.version_id,
                                near_duplicate_cluster=v.cluster_id, similarity=1.0, containment=1.0,
                                version=v.version, previous_version=None, matched_version=v.version_id,
                                matched_written=v.written)
        if canon != known.canonical_url:  # a slug edit: the new address leads to the same article
            self.store.put_article(ArticleRecord(ids.article_id(canon), known.article_id, canon, None))
        latest = versions[-1]
        shingles = self._cached_shingles(chash, normalized)
        jaccard, containment = fingerprints.overlap(self._cached_shingles(latest.content_hash, latest.paragraphs),
                                                    shingles)
        record = VersionRecord(ids.version_id(known.article_id, chash), known.article_id, latest.version + 1, chash,
                               latest.cluster_id, article.url, article.outlet, article.published, seen_at, headline,
                               paragraphs=normalized)
        band_keys = []
        if len(shingles) >= self.config.min_shingles:
            band_keys = self.bands.keys(fingerprints.signature(shingles, self.config.num_perm, self.config.seed))
        self.store.put_version(record, band_keys)
        cluster = self.store.cluster(latest.cluster_id)
        if cluster:
            cluster.size += 1
            self.store.put_cluster(cluster)
        return Decision(NEW_VERSION, canon, known.article_id, record.version_id, chash,
                        near_duplicate_cluster=latest.cluster_id, similarity=round(jaccard, 4),
                        containment=round(containment, 4), version=record.version,
                        previous_version=latest.version_id,
                        change_summary=change_summary(latest.paragraphs, normalized, latest.headline, headline),
                        matched_version=latest.version_id)

    def _same_text_family(self, latest: VersionRecord, chash: str, normalized: list[str]) -> bool:
        jaccard, containment = fingerprints.overlap(self._cached_shingles(latest.content_hash, latest.paragraphs),
                                                    self._cached_shingles(chash, normalized))
        return max(jaccard, containment) >= self.config.slug_edit_min_overlap

    def _best_match(self, shingles, band_keys):
        best = None
        # Texts whose shingles are cached are not unpacked from the store.
        for candidate in self.store.candidates(band_keys, self.config.max_candidates,
                                               known_texts=self._shingle_cache):
            self.candidates_checked += 1
            jaccard, containment = fingerprints.overlap(
                self._cached_shingles(candidate.content_hash, candidate.paragraphs), shingles)
            if jaccard >= self.config.similarity_threshold or containment >= self.config.containment_threshold:
                if best is None or (jaccard, containment) > best[1:]:
                    best = (candidate, jaccard, containment)
        return best

    def _join(self, decision: Decision, record: VersionRecord, match: VersionRecord, band_keys: list[int]) -> None:
        """Put the article in ``match``'s cluster and point it to the cluster's earliest copy."""
        record.cluster_id = match.cluster_id
        decision.near_duplicate_cluster = match.cluster_id
        decision.matched_version = match.version_id
        cluster = self.store.cluster(match.cluster_id) or ClusterRecord(match.cluster_id, match.version_id,
                                                                        match.published, 1)
        if _earlier(record.published, cluster.earliest_published):
            # This copy predates everything seen so far: it is the original; later copies point to it.
            cluster.earliest_version, cluster.earliest_published = record.version_id, record.published
            decision.duplicate_of = None
        else:
            decision.duplicate_of = cluster.earliest_version
        cluster.size += 1
        self.store.put_version(record, band_keys)
        self.store.put_cluster(cluster)
