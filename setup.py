"""scrapyd-deploy builds the Scrapyd egg by running this file (and writes its own if it is
missing); everything it needs (metadata, packages, data files, the scrapy entry point)
is read by setuptools from pyproject.toml."""

from setuptools import setup

setup()
