"""Loopback stand-ins of the web archives, built on real archive software.

- ``Pywb``: a pywb instance (.venv-tools/pywb) serving collections of WARC files
  with the Wayback Machine's CDX API and ``id_`` replay; with
  ``cdx_api_endpoint: -index`` it answers ``/<CRAWL-ID>-index?url=`` as Common
  Crawl's index server (which is pywb) does.
- ``CommonCrawlHost``: one loopback server for ``collinfo.json``, the crawl indexes
  (passed on to pywb) and the data files, answering HTTP ``Range`` requests over
  the real WARC files.
- ``write_warc``: WARC files of captures at their original URLs and dates.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.support.servers import LoopbackServer

PYWB_BIN_DIR = Path(__file__).resolve().parents[2] / ".venv-tools" / "pywb" / "bin"


@dataclass
class ArchivedPage:
    url: str  # original URL (percent-encoded as a crawler would have requested it)
    captured: datetime
    body: bytes
    status: str = "200 OK"
    headers: list[tuple[str, str]] = field(default_factory=lambda: [("Content-Type", "text/html; charset=utf-8")])


def write_warc(path: Path, pages: list[ArchivedPage]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
        for page in pages:
            headers = page.headers + [("Content-Length", str(len(page.body)))]
            http = StatusAndHeaders(page.status, headers, protocol="HTTP/1.1")
            date = page.captured.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            record = writer.create_warc_record(page.url, "response", payload=BytesIO(page.body),
                                               length=len(page.body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pywb_bin_dir() -> Path:
    missing = [name for name in ("wb-manager", "wayback") if not (PYWB_BIN_DIR / name).is_file()]
    if missing:
        raise FileNotFoundError(f"pywb executables {missing} not found in {PYWB_BIN_DIR}: run `make setup-tools`")
    return PYWB_BIN_DIR


class Pywb:
    """``wayback`` serving ``collections`` ({name: [WARC paths]}) from ``root``."""

    def __init__(self, root: Path, collections: dict[str, list[Path]], config: str = ""):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        bin_dir = pywb_bin_dir()
        for name, warcs in collections.items():
            subprocess.run([str(bin_dir / "wb-manager"), "init", name], cwd=self.root, check=True,
                           capture_output=True)
            if warcs:
                subprocess.run([str(bin_dir / "wb-manager"), "add", name, *map(str, warcs)], cwd=self.root,
                               check=True, capture_output=True)
        # redirect_to_exact: a request for another second answers with a redirect to
        # the nearest capture, as the Wayback Machine does.
        (self.root / "config.yaml").write_text("redirect_to_exact: true\n" + config)
        self.port = free_port()
        self.first = next(iter(collections))
        self.process = None

    def archive_dir(self, name: str) -> Path:
        return self.root / "collections" / name / "archive"

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def __enter__(self):
        self.process = subprocess.Popen([str(pywb_bin_dir() / "wayback"), "-b", "127.0.0.1", "-p", str(self.port)],
                                        cwd=self.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url(f"{self.first}/"), timeout=5):
                    return self
            except urllib.error.HTTPError:
                return self  # answering
            except (ConnectionError, urllib.error.URLError):
                if time.time() > deadline or self.process.poll() is not None:
                    raise RuntimeError("pywb did not start")
                time.sleep(0.2)

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)


class CommonCrawlHost(LoopbackServer):
    """collinfo.json + ``/<id>-index`` (proxied to a pywb with cdx_api_endpoint -index) +
    Range reads of the WARC files under ``/<file name>`` (the CDX ``filename``)."""

    RANGE = re.compile(r"bytes=(\d+)-(\d+)")

    def __init__(self, pywb: Pywb, crawls: list[dict]):
        self.requests: list[tuple[str, str | None]] = []  # (path, Range header)
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def reply(self, status: int, body: bytes, headers=()):
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                host.requests.append((self.path, self.headers.get("Range")))
                path = self.path.split("?", 1)[0]
                if path == "/collinfo.json":
                    return self.reply(200, json.dumps(crawls).encode(), [("Content-Type", "application/json")])
                if path.endswith("-index"):
                    try:
                        with urllib.request.urlopen(pywb.url(self.path), timeout=30) as answer:
                            return self.reply(200, answer.read(), [("Content-Type", "text/plain")])
                    except urllib.error.HTTPError as exc:
                        return self.reply(exc.code, exc.read())
                name = urllib.parse.unquote(path.strip("/"))
                file = next((f for f in pywb.root.glob(f"collections/*/archive/{name}") if f.is_file()), None)
                if "/" in name or file is None:
                    return self.reply(404, b"not found")
                data = file.read_bytes()
                match = host.RANGE.fullmatch(self.headers.get("Range") or "")
                if not match:
                    return self.reply(200, data, [("Content-Type", "application/octet-stream")])
                start, end = int(match.group(1)), min(int(match.group(2)), len(data) - 1)
                return self.reply(206, data[start:end + 1], [
                    ("Content-Type", "application/octet-stream"), ("Content-Range", f"bytes {start}-{end}/{len(data)}")])

        self.serve(Handler)
