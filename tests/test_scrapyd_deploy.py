"""Scrapyd: the project deploys as an egg (setup.py, scrapy.cfg [deploy]) to a real
scrapyd on loopback, and a spider scheduled through the HTTP API finishes with results."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import FIXTURES
from tests.support.crawl import PROJECT_ROOT, read_jsonl

BIN = Path(sys.executable).parent
PROJECT = "cairo_talks"  # scrapy.cfg [deploy] project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def scrapyd(tmp_path):
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        "eggs_dir = eggs\nlogs_dir = logs\ndbs_dir = dbs\nitems_dir =\n"
        "max_proc = 1\npoll_interval = 0.2\n",
        encoding="utf-8",
    )
    env = dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    log = (home / "scrapyd.out").open("w")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(url + "daemonstatus.json", timeout=2).json()["status"] == "ok":
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, (home / "scrapyd.out").read_text()
            time.sleep(0.2)
        yield url, home
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


@pytest.fixture
def built_egg(tmp_path):
    """`scrapyd-deploy --build-egg`, as a deploy does, without leaving build files in the checkout."""
    leftovers = [PROJECT_ROOT / "build", PROJECT_ROOT / "cairo_talks_archive.egg-info"]
    existed = {p: p.exists() for p in leftovers}
    egg = tmp_path / "project.egg"
    env = dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    try:
        proc = subprocess.run([str(BIN / "scrapyd-deploy"), f"--build-egg={egg}"], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    finally:
        for path, was_there in existed.items():
            if not was_there:
                shutil.rmtree(path, ignore_errors=True)
    assert proc.returncode == 0 and egg.is_file(), proc.stderr
    return egg


def test_deploy_schedule_and_finish_with_results(scrapyd, built_egg, local_site, tmp_path):
    url, home = scrapyd
    page = local_site.add_file("world/talks-en.html", FIXTURES / "site" / "talks-en.html")
    url_file = tmp_path / "urls.txt"
    url_file.write_text(page + "\n", encoding="utf-8")
    out = tmp_path / "out"

    with built_egg.open("rb") as egg:
        added = requests.post(url + "addversion.json", data={"project": PROJECT, "version": "1"},
                              files={"egg": egg}, timeout=60).json()
    assert added["status"] == "ok", added
    assert added["spiders"] >= 1
    spiders = requests.get(url + "listspiders.json", params={"project": PROJECT}, timeout=60).json()
    assert "urls" in spiders["spiders"], spiders

    scheduled = requests.post(url + "schedule.json", data=[
        ("project", PROJECT), ("spider", "urls"), ("urls", str(url_file)),
        ("setting", f"OUTPUT_DIR={out}"), ("setting", "DOWNLOAD_DELAY=0"), ("setting", "AUTOTHROTTLE_ENABLED=False"),
        ("setting", "SPIDERMON_ENABLED=True"),
    ], timeout=30).json()
    assert scheduled["status"] == "ok", scheduled
    job = scheduled["jobid"]

    deadline = time.monotonic() + 120
    while True:
        jobs = requests.get(url + "listjobs.json", params={"project": PROJECT}, timeout=30).json()
        if any(j["id"] == job for j in jobs["finished"]):
            break
        assert time.monotonic() < deadline, jobs
        time.sleep(0.3)

    log = (home / "logs" / PROJECT / "urls" / f"{job}.log").read_text(encoding="utf-8")
    assert "'finish_reason': 'finished'" in log, log[-3000:]
    # Everything the project reads at run time (lexicons, cue lists...) works from inside the egg.
    assert "Traceback" not in log and "'log_count/ERROR'" not in log, log[-6000:]
    stats = log[log.rfind("Dumping Scrapy stats:"):]
    assert "errors/" not in stats and "/failed/" not in stats, stats
    [feed] = (out / "items").glob("urls-*.jsonl")
    [item] = read_jsonl(feed)
    assert item["url"] == page and item["headline"] == "Hamas delegation arrives in Cairo for truce talks"
    [report] = (out / "reports").glob("urls-*.json")
    assert json.loads(report.read_text(encoding="utf-8"))["passed"] is True
