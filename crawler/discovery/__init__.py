"""Discovery: turning an outlet's listings (news sitemaps, sitemap indexes, RSS/Atom
feeds, section and search pages) into candidate article links.

Each parser takes the bytes of one listing and returns ``Listing``: the article
links it names (with whatever the listing says about them before we fetch:
title, keywords, date) and the further listings it points to (child sitemaps).
The outlet spiders (crawler/spiders/outlets.py) decide what to fetch.
"""

from .links import DiscoveredLink, Listing
from .feeds import parse_feed
from .pages import parse_listing_page
from .prefilter import LinkPrefilter
from .sitemaps import parse_sitemap

__all__ = ["DiscoveredLink", "Listing", "LinkPrefilter", "parse_feed", "parse_listing_page", "parse_sitemap"]
