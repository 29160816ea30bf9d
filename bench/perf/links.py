"""How the benchmark spiders walk the mirror: the same links for bare Scrapy and the full pipeline."""

import scrapy

LISTING_LINKS = "a.listing-link"
ARTICLE_LINKS = "a.story-link"


class MirrorWalk:
    """index.html -> listings -> articles; each spider says what ``parse_article`` does."""

    def __init__(self, start_url: str, **kwargs):
        super().__init__(**kwargs)
        self.start_url = start_url

    async def start(self):
        yield scrapy.Request(self.start_url, callback=self.parse_index)

    def parse_index(self, response):
        yield from response.follow_all(css=LISTING_LINKS, callback=self.parse_listing)

    def parse_listing(self, response):
        # The full pipeline's ArticleSpider counts failed fetches; bare Scrapy has no errback.
        yield from response.follow_all(css=ARTICLE_LINKS, callback=self.parse_article,
                                       errback=getattr(self, "record_failure", None))
