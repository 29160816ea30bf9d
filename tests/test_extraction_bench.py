"""bench/evaluate_extraction.py end to end on small page sets of fixture pages: it runs
`scrapy extract` as a subprocess, scores both extractors per set, half, source and
language, counts how often each provenance value was right, and writes the numbers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.conftest import FIXTURES, PROJECT_ROOT


def _expected(**fields) -> dict:
    base = {"url": "", "language": "en", "headline": None, "published": None, "authors": None,
            "body_paragraphs": None, "body_must_contain": [], "body_must_not_contain": [],
            "on_topic": True, "gaza_related": True, "truth_kind": "test"}
    return {**base, **fields}


def _corpus(tmp_path, devpages=False):
    raw = tmp_path / "raw" / "test"
    raw.mkdir(parents=True)
    pages = {
        "graph_article": ("https://nilewire.example/world/2024/05/07/cairo-talks-resume", "en", _expected(
            headline="Mediators resume ceasefire talks in Cairo", published="2024-05-07",
            authors=["Layla Hassan and Omar Said"],
            body_must_contain=["both sides had accepted the agenda"],
            body_must_not_contain=["Sign up for our Middle East newsletter"])),
        "arabic_article": ("https://nile-gate.example/news/123", "ar", _expected(
            language="ar", headline="عنوان آخر لا يطابق الصفحة", published="2024-05-14",
            body_must_contain=["جولة جديدة من المفاوضات غير المباشرة"])),
    }
    index = []
    for name, (url, language, expected) in pages.items():
        shutil.copy(FIXTURES / "pages" / f"{name}.html", raw / f"{name}.html")
        (raw / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
        index.append({"original_url": url, "language": language, "file": f"raw/test/{name}.html"} if not devpages
                     else {"id": f"test/{name}", "source": "test", "url": url, "language": language,
                           "path": f"raw/test/{name}.html"})
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return tmp_path


def test_bench_scores_both_extractors_through_scrapy_extract(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    devpages = _corpus(tmp_path / "devpages", devpages=True)
    out = tmp_path / "scores.json"
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    proc = subprocess.run([sys.executable, "bench/evaluate_extraction.py", "--corpus", str(corpus),
                           "--devpages", str(devpages), "--json", str(out), "--show-misses"],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["pages"] == 4 and scores["failed_pages"] == []
    for set_name in ("corpus", "devpages"):
        project = scores["sets"][set_name]["project"]
        # one headline right, one deliberately wrong expectation: 50%
        assert project["all"]["headline"] == {"score": 0.5, "pages": 2}
        assert project["lang:ar"]["headline"]["score"] == 0.0
        assert project["all"]["published"]["score"] == 1.0
        assert project["lang:en"]["authors"]["score"] == 1.0  # "X and Y" is split before comparing
        assert project["all"]["must_contain"]["score"] == 1.0
        assert project["all"]["must_not_contain"]["score"] == 1.0
        assert scores["sets"][set_name]["trafilatura"]["all"]["headline"]["pages"] == 2
    devpages_groups = scores["sets"]["devpages"]["project"]
    assert devpages_groups["source:test"]["pages"] == 2
    halves = [g for g in devpages_groups if g.startswith("half:")]
    assert halves and sum(devpages_groups[g]["pages"] for g in halves) == 2
    # the wrong expectation shows up as a miss of the headline's evidence
    headline_evidence = scores["evidence"]["headline"]
    assert sum(part["used"] for cells in headline_evidence.values() for part in cells.values()) == 4
    assert sum(part["right"] for cells in headline_evidence.values() for part in cells.values()) == 2
    assert "[test/arabic_article] headline" in proc.stdout  # the corpus's misses are listed
    assert scores["speed"]["project"] > 0 and scores["speed"]["trafilatura"] > 0
    assert "| all |" in proc.stdout and "pages/s" in proc.stdout
