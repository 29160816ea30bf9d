"""The article item: one fetched page as the extractor understood it.

Field names are part of the public contract (docs/extraction.md "Article fields"); the
datasets and claims build on them.
"""

from itemadapter import ItemAdapter, is_item
import scrapy

_SCALARS = frozenset((str, int, float, bool, type(None)))


def item_as_dict(item) -> dict:
    """``ItemAdapter(item).asdict()`` for the project's items, about 20x faster.

    Article items hold plain JSON-like values (claims are dicts of strings and
    lists); asking itemadapter whether each of those thousands of values is an
    item cost more than writing the WARC record they go to.
    """
    return {name: _plain(value) for name, value in ItemAdapter(item).items()}


def _plain(value):
    # Scalars are tested inline before recursing: paragraphs and claims hold thousands of them.
    if type(value) in _SCALARS:
        return value
    if type(value) is dict:
        return {key: inner if type(inner) in _SCALARS else _plain(inner) for key, inner in value.items()}
    if type(value) is list:
        return [inner if type(inner) in _SCALARS else _plain(inner) for inner in value]
    if type(value) in (tuple, set):
        return type(value)(_plain(inner) for inner in value)
    if is_item(value):
        return item_as_dict(value)
    return value


class ArticleItem(scrapy.Item):
    url = scrapy.Field()  # the URL that was fetched (after redirects)
    canonical_url = scrapy.Field()  # rel=canonical / og:url on the same site, else url
    outlet = scrapy.Field()  # outlet slug ("youm7"), or "generic" for unknown sites
    language = scrapy.Field()  # ISO 639-1
    headline = scrapy.Field()
    description = scrapy.Field()
    authors = scrapy.Field()  # list of names as written
    published = scrapy.Field()  # ISO 8601 with UTC offset
    modified = scrapy.Field()
    section = scrapy.Field()
    tags = scrapy.Field()  # list
    paragraphs = scrapy.Field()  # list of body paragraphs, in order
    body = scrapy.Field()  # paragraphs joined by "\n"
    word_count = scrapy.Field()
    fetched_at = scrapy.Field()  # ISO 8601 UTC, when the response arrived
    status = scrapy.Field()  # HTTP status
    provenance = scrapy.Field()  # {field: where its value came from}
    path = scrapy.Field()  # saved file the item came from (`scrapy extract` only)

    # --- Deduplication (pipelines/dedup.py, crawler/dedup/) ---------------------
    # canonical_url above is refined there: tracking parameters removed, AMP/mobile folded.
    article_id = scrapy.Field()  # ids.article_id(canonical URL of the article's first version)
    version_id = scrapy.Field()  # ids.version_id(article_id, content_hash)
    content_hash = scrapy.Field()  # SHA-1 of the normalized body (Arabic folding, no dateline/trailers)
    dedup_decision = scrapy.Field()  # new | new_version | refetch | exact_duplicate | near_duplicate | no_text
    duplicate_of = scrapy.Field()  # version_id of the earliest copy of this story (None if this is it)
    near_duplicate_cluster = scrapy.Field()  # story id shared by all copies and versions; count stories by it
    similarity = scrapy.Field()  # exact Jaccard of word shingles to the matched copy / previous version
    containment = scrapy.Field()  # share of the smaller text's shingles found in the other
    version = scrapy.Field()  # 1 for the first version of an article
    previous_version = scrapy.Field()  # version_id of the version this one updates
    change_summary = scrapy.Field()  # {added, removed, changed, unchanged, headline_changed, *_paragraphs, text}

    # --- WARC archive (crawler/archive): the response record this item was parsed from
    warc_filename = scrapy.Field()  # base name of the WARC file under OUTPUT_DIR/warc
    warc_offset = scrapy.Field()  # byte offset of the record's gzip member
    warc_length = scrapy.Field()  # length of that member
    warc_record_id = scrapy.Field()  # WARC-Record-ID ("<urn:uuid:...>")

    # --- Claims (issue 7; written to the claims dataset by pipelines/datasets.py) ----
    claims = scrapy.Field()  # list of claim dicts (keys: see docs/datasets.md "claims")

    # --- Provenance (crawler/backfill): live fetch or which web archive the copy came from
    capture_source = scrapy.Field()  # live | wayback | commoncrawl | sitemap
    captured_at = scrapy.Field()  # ISO 8601 UTC of the archived capture (live: the fetch time)
    archive_url = scrapy.Field()  # the archive URL fetched; None for live captures

    # --- Relevance to the talks (crawler/relevance, pipelines/relevance.py) ----------
    topic_score = scrapy.Field()  # 0..1, how much the article is about the Cairo talks
    on_topic = scrapy.Field()  # topic_score >= RELEVANCE_THRESHOLD; off-topic items are kept
