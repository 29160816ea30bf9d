"""RelevancePipeline in a real crawl, and `scrapy extract` printing topic_score/on_topic."""

from __future__ import annotations

import asyncio
import json
import re

from scrapy.utils.test import get_crawler

from crawler.relevance import default_threshold
from pipelines.relevance import RelevancePipeline
from tests.conftest import shared_path
from tests.support.crawl import crawl_stats, feed_items, run_scrapy

# Run-health monitors judge field coverage of these two bare pages (no dates, no
# bylines) and would fail the run; they are not what these tests are about.
QUIET = {"SPIDERMON_ENABLED": "False"}

TALKS_PAGE = """<html lang="en"><head><meta charset="utf-8">
<title>Hamas delegation in Cairo as mediators press truce proposal</title></head>
<body><article><h1>Hamas delegation in Cairo as mediators press truce proposal</h1>
<p>A Hamas delegation arrived in Cairo on Monday for talks with Egyptian mediators on a new proposal for a truce in Gaza and an exchange of hostages for Palestinian prisoners, two officials said.</p>
<p>The proposal, drafted by Egypt and Qatar, sets out a first phase of six weeks during which hostages would be freed in stages while negotiations on a permanent ceasefire continue.</p>
<p>An Israeli negotiating team is expected to join the indirect talks later in the week if the mediators see progress, according to one of the officials.</p>
<p>Hamas said in a statement that it was dealing with the proposal in a positive spirit but wanted guarantees that the war would end.</p>
</article></body></html>"""

OFF_TOPIC_PAGE = """<html lang="en"><head><meta charset="utf-8">
<title>Cairo metro line opens new stations</title></head>
<body><article><h1>Cairo metro line opens new stations</h1>
<p>Egypt's transport ministry opened four new stations on the third metro line on Sunday, connecting eastern districts of Cairo with the city centre for the first time.</p>
<p>The minister said trains would run every four minutes during rush hour and that ticket prices would stay unchanged until the end of the year.</p>
<p>Commuters welcomed the extension, which is expected to carry more than a million passengers a day once the remaining stations are finished.</p>
<p>Work on the line's final section, which will reach the airport, is scheduled to finish next summer.</p>
</article></body></html>"""


def test_every_item_is_scored_and_off_topic_items_are_kept(tmp_path, local_site):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([local_site.add("talks.html", TALKS_PAGE),
                               local_site.add("metro.html", OFF_TOPIC_PAGE)]) + "\n", encoding="utf-8")
    proc = run_scrapy(["crawl", "urls", "-a", f"urls={urls}"], settings={"OUTPUT_DIR": tmp_path / "out", **QUIET})
    items = {item["url"].rsplit("/", 1)[-1]: item for item in feed_items(tmp_path / "out")}
    assert set(items) == {"talks.html", "metro.html"}  # the off-topic page was not dropped
    assert items["talks.html"]["on_topic"] is True and items["talks.html"]["topic_score"] > 0.8
    assert items["metro.html"]["on_topic"] is False and items["metro.html"]["topic_score"] < 0.2
    stats = crawl_stats(proc.stderr)
    assert re.search(r"'relevance/on_topic': 1\b", stats)
    assert re.search(r"'relevance/off_topic': 1\b", stats)


def test_threshold_setting_moves_the_cut():
    item = {"headline": "Cairo metro line opens new stations", "language": "en",
            "paragraphs": ["Commuters welcomed the extension of the metro line in Cairo on Sunday morning."]}
    default = RelevancePipeline.from_crawler(get_crawler(settings_dict={}))
    assert default.threshold == default_threshold()
    assert asyncio.run(default.process_item(dict(item)))["on_topic"] is False
    everything = RelevancePipeline.from_crawler(get_crawler(settings_dict={"RELEVANCE_THRESHOLD": "0"}))
    assert asyncio.run(everything.process_item(dict(item)))["on_topic"] is True  # every score is >= 0


def test_extract_command_prints_topic_score_and_on_topic(tmp_path):
    index = json.loads(shared_path("corpus", "index.json").read_text(encoding="utf-8"))
    wanted = {"raw/cbc/gaza-after-sinwar-2024-08-08.html": True,
              "raw/youm7/irrigation-minister-2020-08-24.html": False,
              "raw/npr/gaza-city-damage-2023-11-09.html": False}
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("".join(
        json.dumps({"url": e["original_url"], "path": str(shared_path("corpus", e["file"]))}) + "\n"
        for e in index if e["file"] in wanted), encoding="utf-8")
    proc = run_scrapy(["extract", str(manifest)])
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(records) == 3
    for record in records:
        expected = json.loads(shared_path("corpus", record["path"].split("/corpus/", 1)[1]
                                          .replace(".html", ".expected.json")).read_text(encoding="utf-8"))
        assert 0.0 <= record["topic_score"] <= 1.0
        assert record["on_topic"] is expected["on_topic"] is wanted[record["path"].split("/corpus/", 1)[1]]
