"""Cairo Talks Archive: the Scrapy project package (settings, items, spiders, outlets, extraction)."""
