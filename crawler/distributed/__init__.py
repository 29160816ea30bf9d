"""Several crawler processes, on several machines, sharing one frontier (scrapy-redis).

``-s DISTRIBUTED=redis://host:6379/0`` switches a crawl to the shared profile
(``DistributedAddon``): scrapy-redis' scheduler queue and duplicate filter, and the
dedup state (``crawler.dedup.redis_store.RedisDedupStore``) all live in that Redis.
Every process runs the same command; each takes requests from the shared queue, so
a page is fetched by one of them only, and writes its own WARC files and datasets.

- ``addon.py``: the profile switch (settings swapped when DISTRIBUTED is set);
- ``workers.py``: the worker registry: an idle process waits while another one is
  still busy (it may add links), and the last one to finish clears the frontier;
- ``scheduler.py``: scrapy-redis' scheduler; a request that cannot be pickled stays
  with its worker instead of being lost;
- ``middlewares.py``: start requests go through the shared duplicate filter, so
  the listings every process starts from are fetched once.
"""

from .addon import DistributedAddon

__all__ = ["DistributedAddon"]
