"""Packaging for Scrapyd only: `scrapyd-deploy` builds an egg of the project from this file.

Users do not install the project with pip; they run it from the checkout (see README).
"""

from setuptools import find_packages, setup

setup(
    name="cairo-talks-archive",
    version="0.1",
    packages=find_packages(include=["crawler", "crawler.*", "pipelines", "pipelines.*"]),
    # Data the code reads at run time (lexicons, cue lists) travel inside the egg.
    package_data={"crawler": ["**/*.json", "**/*.tsv", "**/*.txt"]},
    entry_points={"scrapy": ["settings = crawler.settings"]},
    zip_safe=False,
)
