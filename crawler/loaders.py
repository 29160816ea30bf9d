"""ItemLoader for articles: every value is cleaned on the way in.

Input processors strip invisible characters and whitespace runs, drop empty
values, boilerplate lines and repeated paragraphs; output processors decide
single value vs list and drop byline lines at the edges of the body. Extraction code only chooses *which* value a field gets.
"""

from itemloaders.processors import Compose, Identity, MapCompose, TakeFirst
from scrapy.loader import ItemLoader

from crawler.extraction.authors import drop_edge_bylines
from crawler.extraction.text import clean_text, is_boilerplate_line
from crawler.items import ArticleItem


def _drop_empty(value):
    return value or None


def _dedupe_keep_order(values):
    seen, out = set(), []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _drop_boilerplate(value):
    return None if is_boilerplate_line(value) else value


class ArticleLoader(ItemLoader):
    default_item_class = ArticleItem
    default_input_processor = MapCompose(clean_text, _drop_empty)
    default_output_processor = TakeFirst()

    authors_out = Compose(_dedupe_keep_order)
    tags_out = Compose(_dedupe_keep_order)
    paragraphs_in = MapCompose(clean_text, _drop_empty, _drop_boilerplate)
    # Byline lines at the edges of the body ("By Jane Doe", "كتب: فلان") are not body text.
    paragraphs_out = Compose(_dedupe_keep_order, drop_edge_bylines)
    provenance_in = Identity()
    status_in = Identity()
    word_count_in = Identity()
