"""Akhbar El Yom gate (بوابة أخبار اليوم): Egyptian state newspaper group, Arabic."""

from .base import Outlet

OUTLET = Outlet(
    name="Akhbar El Yom",
    slug="akhbarelyom",
    languages=("ar",),
    domains=("akhbarelyom.com",),
    timezone="Africa/Cairo",
    feeds=("https://akhbarelyom.com/RSS/GetSectionRSS?JournalID=1",),
    article_url_pattern=r"(?i)^/news/newdetails/\d+/\d+/[^/]*$",
    sample_urls=(
        "https://akhbarelyom.com/news/newdetails/3126898/1/36-عامًا..-سر-رحيل-نعيمة-عاكف-في-سن-مبكر",
    ),
    evidence={
        "https://akhbarelyom.com/RSS/GetSectionRSS?JournalID=1":
            "feed link in the real page ../shared/corpus/raw/akhbarelyom/naima-akef-2020.html",
        "article_url_pattern": "rel=canonical of the same corpus page (/news/newdetails/<id>/<journal>/<slug>)",
    },
)
