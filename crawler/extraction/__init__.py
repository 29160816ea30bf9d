"""Article extraction: from a page's HTML to an ArticleItem with per-field provenance.

In ``scrapy shell <url>``::

    from crawler.extraction import extract
    extract(response)
"""

from .article import ArticlePage, ExtractionError, extract_article, extract_from_response

extract = extract_from_response

__all__ = ["ArticlePage", "ExtractionError", "extract", "extract_article", "extract_from_response"]
