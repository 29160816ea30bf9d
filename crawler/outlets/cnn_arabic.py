"""CNN Arabic (سي إن إن بالعربية), Arabic."""

from .base import Outlet

OUTLET = Outlet(
    name="CNN Arabic",
    slug="cnn-arabic",
    languages=("ar",),
    domains=("arabic.cnn.com",),
    feeds=("https://arabic.cnn.com/rss",),
    # Current: /middle-east/article/2023/10/30/<slug>; 2013 archive: /2013/middle_east/8/3/<slug>/index.html
    article_url_pattern=(r"^/[a-z-]+/article/\d{4}/\d{2}/\d{2}/[^/]+/?$"
                         r"|^/\d{4}/[a-z_]+/\d{1,2}/\d{1,2}/[^/]+/index\.html$"),
    sample_urls=(
        "http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html",
        "https://arabic.cnn.com/middle-east/article/2023/10/30/number-of-hostages-held-in-gaza-now-up-to-239-idf-spokesperson",
    ),
    evidence={
        "https://arabic.cnn.com/rss":
            "UNVERIFIED: feed URL in several third-party Arabic news readers in public GitHub code "
            "(code search; variants /rss/latest, /rss/cnnarabic.rss exist); not fetched",
        "article_url_pattern":
            "rel=canonical of ../shared/corpus/raw/cnn-arabic/syria-clashes-2013-08-03.html (2013 format); "
            "current format from article URLs printed in newspaper4k's documentation examples",
    },
)
