"""Scheduling files (deploy/): the systemd units verify, the cron entry runs the
project's crawl command, and the output rotation prunes only what it should."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time

from tests.support.crawl import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
INSTALLED_AT = "/opt/cairo-talks"  # where the unit files expect the checkout


def test_systemd_service_and_timer_verify(tmp_path):
    # Point the units at this checkout, as `systemctl edit` would on a real machine.
    for name in ("cairo-talks-crawl.service", "cairo-talks-crawl.timer"):
        text = (DEPLOY / "systemd" / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(INSTALLED_AT, str(PROJECT_ROOT)), encoding="utf-8")
    proc = subprocess.run(["systemd-analyze", "verify", "cairo-talks-crawl.service", "cairo-talks-crawl.timer"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr
    service = (tmp_path / "cairo-talks-crawl.service").read_text()
    assert "ExecStart=/usr/bin/make crawl OUTPUT_DIR=${OUTPUT_DIR}" in service
    assert "Unit=cairo-talks-crawl.service" in (tmp_path / "cairo-talks-crawl.timer").read_text()


def test_cron_entry_runs_the_make_crawl_target():
    lines = [line for line in (DEPLOY / "cron" / "cairo-talks").read_text().splitlines()
             if line.strip() and not line.startswith("#") and not re.match(r"^[A-Z]+=", line)]
    crawl = next(line for line in lines if "make crawl" in line)
    minute, hour, day, month, weekday, user, command = crawl.split(None, 6)
    assert (hour, day, month, weekday) == ("*", "*", "*", "*") and minute.isdigit() and user == "cairo"
    assert command.startswith(f"cd {INSTALLED_AT} && flock -n ")
    # The target the cron entry and the systemd unit call exists in the project's Makefile.
    dry = subprocess.run(["make", "-n", "crawl", "OUTPUT_DIR=/tmp/x"], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "scrapy" in dry.stdout and "OUTPUT_DIR=/tmp/x" in dry.stdout


def _age(path, days):
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_rotate_output_prunes_feeds_reports_and_crashed_jobs_only(tmp_path):
    out = tmp_path / "out"
    for folder in ("items", "reports", "jobs/urls", "jobs/urls.crashed-20260101T000000Z", "warc", "state"):
        (out / folder).mkdir(parents=True)
    fresh_feed = out / "items" / "urls-today.jsonl"
    day_old_feed = out / "items" / "urls-yesterday.jsonl"
    ancient_feed = out / "items" / "urls-old.jsonl.gz"
    old_report, new_report = out / "reports" / "urls-old.json", out / "reports" / "urls-new.json"
    old_warc, state = out / "warc" / "CAIROTALKS-old.warc.gz", out / "state" / "fetches.sqlite"
    for path in (fresh_feed, day_old_feed, ancient_feed, old_report, new_report, old_warc, state):
        path.write_text("{}\n")
    _age(day_old_feed, 2)
    _age(ancient_feed, 40)
    _age(old_report, 400)
    _age(out / "jobs" / "urls.crashed-20260101T000000Z", 10)
    _age(old_warc, 400)
    _age(state, 400)

    subprocess.run([str(DEPLOY / "rotate-output.sh"), str(out)], check=True, timeout=60)

    assert fresh_feed.exists()
    assert not day_old_feed.exists() and (out / "items" / "urls-yesterday.jsonl.gz").exists()
    assert not ancient_feed.exists()
    assert not old_report.exists() and new_report.exists()
    assert not (out / "jobs" / "urls.crashed-20260101T000000Z").exists() and (out / "jobs" / "urls").exists()
    assert old_warc.exists() and state.exists()  # the archive itself is never pruned


def test_logrotate_config_is_valid(tmp_path):
    logrotate = shutil.which("logrotate") or "/usr/sbin/logrotate"
    config = (DEPLOY / "logrotate" / "cairo-talks").read_text()
    logs = tmp_path / "log"
    logs.mkdir()
    (logs / "crawl.log").write_text("x" * 100)
    local = config.replace("/var/log/cairo-talks", str(logs)).replace("    su cairo cairo\n", "")
    (tmp_path / "conf").write_text(local)
    proc = subprocess.run([logrotate, "--force", "--state", str(tmp_path / "state"), str(tmp_path / "conf")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (logs / "crawl.log.1").exists() and (logs / "crawl.log").stat().st_size == 0  # copytruncate
