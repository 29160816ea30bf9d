"""The pipeline speed benchmark (issue 11): mirror, server, spiders, stage profile.

Run it with ``python bench/pipeline_speed.py``; see docs/performance.md.
"""
