"""The article item: one fetched page as the extractor understood it.

Field names are part of the public contract (README "Article fields"); the
datasets and claims build on them.
"""

import scrapy


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
