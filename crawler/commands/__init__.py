"""Project `scrapy` commands (COMMANDS_MODULE): `scrapy extract` and friends."""
