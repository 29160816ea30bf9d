"""`-a until=` on an outlet spider: every child sitemap in since..until is read (a backfill
from the outlet's own sitemap archive), not only the DISCOVERY_MAX_CHILD_SITEMAPS newest."""

from __future__ import annotations

from tests.support.crawl import run_scrapy

MONTHS = ["2023-09", "2024-01", "2024-02", "2024-03", "2024-04"]


def build_sitemaps(site) -> str:
    children = "".join(f"<sitemap><loc>{site.url(f'/sitemap-{m}.xml')}</loc></sitemap>" for m in MONTHS)
    site.add("/sitemap-index.xml", f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9">{children}</sitemapindex>', headers=[("Content-Type", "application/xml")])
    for month in MONTHS:
        url = site.url(f"/world/middle-east/ceasefire-talks-resume-in-cairo-{month}-15/")
        site.add(f"/sitemap-{month}.xml", f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                 f'sitemap/0.9"><url><loc>{url}</loc><lastmod>{month}-15</lastmod></url></urlset>',
                 headers=[("Content-Type", "application/xml")])
    return site.url("/sitemap-index.xml")


def children_read(site) -> list[str]:
    return sorted(path.split("sitemap-")[1][:7] for _, path, _ in site.requests if path.startswith("/sitemap-2"))


def run_reuters(site, tmp_path, *args):
    index = build_sitemaps(site)
    run_scrapy(["crawl", "reuters", "-a", "kinds=sitemaps", "-a", f"sitemaps={index}", "-a", "prefilter=0", *args],
               settings={"OUTPUT_DIR": str(tmp_path), "DISCOVERY_MAX_CHILD_SITEMAPS": "2", "ROBOTSTXT_OBEY": "False"})


def test_until_reads_every_child_sitemap_named_in_range(local_site, tmp_path):
    run_reuters(local_site, tmp_path, "-a", "since=2023-11-01", "-a", "until=2025-10-31")
    assert children_read(local_site) == ["2024-01", "2024-02", "2024-03", "2024-04"]
    articles = [path for _, path, _ in local_site.requests if path.startswith("/world/")]
    assert len(articles) == 4  # the 2023-09 sitemap, out of range, was never read


def test_without_until_the_newest_children_limit_holds(local_site, tmp_path):
    run_reuters(local_site, tmp_path, "-a", "since=2023-11-01")
    assert len(children_read(local_site)) == 2
