"""The documentation site builds strictly, and every path the docs and config files name exists."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.support.crawl import PROJECT_ROOT


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
    return set(re.findall(r"\b((?:docs|deploy|bench|crawler|pipelines|tests)/[\w./-]+\.(?:md|py|ipynb|txt|service|timer|sh))\b", text))


def test_paths_named_in_readme_and_config_files_exist():
    """README links, scrapy.cfg, the systemd unit, cron and the Makefile name real files."""
    sources = [PROJECT_ROOT / "README.md", PROJECT_ROOT / "scrapy.cfg", PROJECT_ROOT / "Makefile",
               *sorted((PROJECT_ROOT / "deploy").rglob("*"))]
    missing = {}
    for source in sources:
        if not source.is_file():
            continue
        text = source.read_text(encoding="utf-8", errors="replace")
        links = set(re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)) if source.suffix == ".md" else set()
        for path in _named_paths(text) | {link for link in links if "://" not in link}:
            if not (PROJECT_ROOT / path).exists():
                missing.setdefault(source.name, []).append(path)
    assert not missing, missing
