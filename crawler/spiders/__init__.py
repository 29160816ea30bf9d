"""Spiders decide what to fetch; parsing lives in crawler.extraction and crawler.outlets."""
