"""The questions analysts ask of the datasets, as DuckDB SQL over the views of ``read.duckdb_connect``.

The report uses them, the tests check them against pyarrow, and docs/datasets.md
shows them for pasting.
"""

from __future__ import annotations

ARTICLES_PER_OUTLET_PER_DAY = """
SELECT outlet, published_date AS day, count(DISTINCT article_id) AS articles
FROM articles
WHERE published_date IS NOT NULL
GROUP BY ALL ORDER BY day, outlet
"""

# Coverage of the talks: articles judged on topic (the relevance stage), apart from everything crawled.
ON_TOPIC_ARTICLES_PER_OUTLET_PER_DAY = """
SELECT outlet, published_date AS day, count(DISTINCT article_id) AS articles
FROM articles
WHERE published_date IS NOT NULL AND on_topic
GROUP BY ALL ORDER BY day, outlet
"""

# Every claim with what the report's table filters on (actor, outlet, language), newest first.
CLAIMS_TABLE = """
SELECT published, outlet, language, coalesce(actor, 'unknown') AS actor, speaker, content
FROM claims
ORDER BY published DESC NULLS LAST, claim_id
LIMIT ?
"""

ARTICLES_PER_OUTLET_PER_WEEK = """
SELECT outlet, date_trunc('week', published_date) AS week, count(DISTINCT article_id) AS articles
FROM articles
WHERE published_date IS NOT NULL
GROUP BY ALL ORDER BY week, outlet
"""

CLAIMS_PER_ACTOR_PER_WEEK = """
SELECT coalesce(actor, 'unknown') AS actor, date_trunc('week', published)::DATE AS week, count(*) AS claims
FROM claims
WHERE published IS NOT NULL
GROUP BY ALL ORDER BY week, actor
"""

CLAIMS_PER_ACTOR_PER_DAY = """
SELECT coalesce(actor, 'unknown') AS actor, published::DATE AS day, count(*) AS claims
FROM claims
WHERE published IS NOT NULL
GROUP BY ALL ORDER BY day, actor
"""

# The first outlet to carry each claim cluster (ties broken by outlet name), and how many repeated it.
FIRST_REPORTER_PER_CLAIM = """
SELECT cluster_id,
       arg_min(outlet, (published, outlet)) AS first_outlet,
       min(published) AS first_published,
       count(DISTINCT outlet) AS outlets,
       count(*) AS mentions,
       arg_min(content, (published, outlet)) AS content,
       arg_min(actor, (published, outlet)) AS actor
FROM claims
WHERE cluster_id IS NOT NULL
GROUP BY cluster_id
ORDER BY outlets DESC, mentions DESC, first_published
"""

# From a claim back to the archived HTTP response: claim -> article version -> WARC record.
CLAIM_TO_CAPTURE = """
SELECT c.claim_id, c.content, a.url, a.version_id,
       cap.warc_filename, cap.warc_offset, cap.warc_length, cap.warc_record_id, cap.payload_digest, cap.status
FROM claims c
JOIN articles a USING (version_id)
JOIN captures cap ON cap.warc_record_id = a.warc_record_id
"""

EXTRACTION_HEALTH_PER_OUTLET = """
SELECT outlet, count(*) AS articles,
       avg(CASE WHEN headline IS NOT NULL AND headline <> '' THEN 1 ELSE 0 END) AS with_headline,
       avg(CASE WHEN published IS NOT NULL THEN 1 ELSE 0 END) AS with_date,
       avg(CASE WHEN coalesce(word_count, 0) >= 40 THEN 1 ELSE 0 END) AS with_body
FROM articles
GROUP BY outlet ORDER BY articles DESC, outlet
"""

TOTALS = """
SELECT (SELECT count(*) FROM articles) AS article_versions,
       (SELECT count(DISTINCT article_id) FROM articles) AS articles,
       (SELECT count(DISTINCT article_id) FROM articles WHERE on_topic) AS on_topic_articles,
       (SELECT count(DISTINCT outlet) FROM articles) AS outlets,
       (SELECT count(*) FROM claims) AS claims,
       (SELECT count(*) FROM captures) AS captures,
       (SELECT count(*) FROM crawls) AS crawls,
       (SELECT min(published) FROM articles) AS first_published,
       (SELECT max(published) FROM articles) AS last_published
"""
