"""The documentation site builds strictly, every path the docs and config files name exists,
and the analysis notebook runs on a real (small, loopback) crawl and answers its questions."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from tests.support.analysis_crawl import crawl_for_analysis
from tests.support.crawl import PROJECT_ROOT

NOTEBOOK = PROJECT_ROOT / "docs" / "analysis.ipynb"


def test_mkdocs_builds_strictly(tmp_path):
    """A broken link or anchor, a missing page or a page left out of the nav fails the build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (tmp_path / "site" / "datasets" / "index.html").is_file()


def _named_paths(text: str) -> set[str]:
    paths = re.findall(r"\b((?:docs|deploy|bench|crawler|pipelines|tests)/[\w./-]+"
                       r"\.(?:md|py|ipynb|txt|json|tsv|service|timer|sh))\b", text)
    return {path for path in paths if not path.startswith("bench/results/")}  # written by the benchmarks


def test_every_path_the_project_names_exists():
    """README links, scrapy.cfg, the systemd unit, cron, the Makefile, and the files the code and
    the docs mention (``see docs/operations.md``) name files that exist."""
    sources = [PROJECT_ROOT / "README.md", PROJECT_ROOT / "scrapy.cfg", PROJECT_ROOT / "Makefile",
               *(PROJECT_ROOT / "deploy").rglob("*")]
    for folder in ("crawler", "pipelines", "bench", "tests", "docs"):
        sources += [*(PROJECT_ROOT / folder).rglob("*.py"), *(PROJECT_ROOT / folder).rglob("*.md")]
    missing = {}
    for source in sources:
        if not source.is_file():
            continue
        text = source.read_text(encoding="utf-8", errors="replace")
        links = set(re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)) if source == PROJECT_ROOT / "README.md" else set()
        for path in _named_paths(text) | {link for link in links if "://" not in link}:
            if not (PROJECT_ROOT / path).exists():
                missing.setdefault(str(source.relative_to(PROJECT_ROOT)), []).append(path)
    assert not missing, missing


# Run after the notebook, in its kernel: each question got the answer the crawl implies
# (see tests/support/analysis_crawl.py for what was served).
ANSWERS_CHECK = """
distinct_on_topic = articles[articles["on_topic"].eq(True)].dropna(subset=["published"])["article_id"].nunique()
assert int(coverage.to_numpy().sum()) == distinct_on_topic >= 6, coverage
assert {"youm7", "cairo24"} <= set(coverage.columns)
assert len(weekly) and weekly["articles"].sum() == distinct_on_topic

assert len(about) and about["content"].str.contains(PROPOSAL, case=False, regex=True).all()
assert about["actor"].notna().any()

# dev05 (youm7, 09:28) and its syndicated copy dev06 (cairo24, 10:35): youm7 carried first
assert len(first_carriers) and (first_carriers["outlets"] == 2).all()
assert set(first_carriers["first_outlet"]) == {"youm7"}
assert list(chain["outlet"]) == ["youm7", "cairo24"] and chain["published"].is_monotonic_increasing

assert summary["added"] == 2 and summary["headline_changed"], summary
assert sum(line.startswith("+") and not line.startswith("+++") for line in diff_lines) == 3  # headline + 2

row = by_version.loc[claims.loc[claim.name, "version_id"]]
assert capture["headers"]["WARC-Record-ID"] == row["warc_record_id"]
assert capture["headers"]["WARC-Target-URI"] == row["url"] and capture["status"] == "200"
assert row["headline"].encode() in capture["payload"]
"""


@pytest.fixture(scope="module")
def analysis_output(tmp_path_factory):
    return crawl_for_analysis(tmp_path_factory.mktemp("analysis-crawl"))


def test_analysis_notebook_runs_on_a_crawl_and_answers_its_questions(analysis_output, monkeypatch):
    monkeypatch.setenv("CAIRO_OUTPUT_DIR", str(analysis_output))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), \
        "commit the notebook without outputs (they would hold a test crawl's paths)"
    notebook.cells.append(nbformat.v4.new_code_cell(ANSWERS_CHECK))
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(PROJECT_ROOT)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, if any cell fails
    printed = "".join(out.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                      for out in cell.outputs)
    assert "1 updated version(s) of 1 article(s)" in printed


def test_the_readme_tour_queries_run_with_duckdb_pandas_and_polars(analysis_output, capsys):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    (snippet,) = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    snippet = snippet.replace("'output/parquet/", f"'{analysis_output}/parquet/")
    snippet = snippet.replace('"output/parquet/', f'"{analysis_output}/parquet/')
    assert "output/parquet" not in snippet.replace(str(analysis_output), "")
    scope: dict = {}
    exec(compile(snippet, "README.md", "exec"), scope)
    assert "youm7" in capsys.readouterr().out  # DuckDB's on-topic count per outlet was shown
    assert len(scope["articles"]) == 8 and len(scope["claims"]) > 0
    assert scope["claims_per_actor"]["len"].sum() == len(scope["claims"])  # polars read every claim
