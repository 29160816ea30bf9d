"""crawler.items.item_as_dict: the fast plain-dict copy the WARC metadata and Parquet rows use."""

from itemadapter import ItemAdapter

from crawler.items import ArticleItem, item_as_dict


def test_same_as_itemadapter_asdict_and_copies_nested_containers():
    inner = ArticleItem(url="http://example.org/inner", tags=("a", "b"))
    claims = [{"speaker": "وزير الخارجية", "via": ["Reuters"], "quantities": [], "confidence": 0.85}]
    item = ArticleItem(url="http://example.org/a", headline="Talks", claims=claims, provenance={"nested": inner},
                       tags={"x"}, word_count=3, on_topic=True, similarity=None)
    plain = item_as_dict(item)
    assert plain == ItemAdapter(item).asdict()
    assert plain["provenance"]["nested"] == {"url": "http://example.org/inner", "tags": ("a", "b")}
    assert isinstance(plain["provenance"]["nested"], dict)
    plain["claims"][0]["via"].append("AP")  # a copy: the item keeps its own lists
    assert item["claims"][0]["via"] == ["Reuters"]
