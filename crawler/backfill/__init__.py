"""History backfill: an outlet's coverage of a date range from the Wayback Machine,
Common Crawl and the outlet's own sitemap archives (spider ``backfill``, docs/backfill.md)."""
