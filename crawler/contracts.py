"""Spider contracts of the project, for ``scrapy check`` (SPIDER_CONTRACTS in crawler/settings.py).

Each outlet spider carries one contract per sample URL of its outlet
(crawler/spiders/outlets.py): the page gives exactly one article, with every
field the outlet must extract. With internet, ``scrapy check`` verifies every
outlet live; with ``-s REPLAY_WARC_FILES=...`` it runs on archived captures.
"""

from __future__ import annotations

from itemadapter import ItemAdapter, is_item
from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail


class ExtractsContract(Contract):
    """``@extracts field ...``: every item has these fields, not empty (Scrapy's ``@scrapes`` checks only the key)."""

    name = "extracts"

    def post_process(self, output):
        for item in output:
            if not is_item(item):
                continue
            adapter = ItemAdapter(item)
            missing = [name for name in self.args if adapter.get(name) in (None, "", [], {})]
            if missing:
                raise ContractFail(f"{adapter.get('url')}: no {', '.join(missing)}")
