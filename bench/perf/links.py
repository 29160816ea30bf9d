"""Which links the benchmark spiders follow: the same for bare Scrapy and the full pipeline."""

LISTING_LINKS = "a.listing-link"
ARTICLE_LINKS = "a.story-link"
