"""The mirror on loopback: a threaded HTTP/1.1 server answering from the pre-built gzip files.

``/index.html`` links every section page, ``/list/<i>.html`` links 50 articles,
``/<lang>/news/<y>/<m>/<d>/story-<n>.html`` is article ``n``. With ``count`` above the
number of built pages, article ``n`` is page ``n % pages`` under its own URL (its own
path written into it), which is how the 20k run reuses the 2k pages.
"""

from __future__ import annotations

import gzip
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .pages import MirrorBuilder

STORY = re.compile(r"^/(ar|en)/news/\d{4}/\d{2}/\d{2}/story-(\d+)\.html$")
LISTING = re.compile(r"^/list/(\d+)\.html$")


class MirrorServer:
    def __init__(self, builder: MirrorBuilder, folder: Path, count: int):
        self.builder, self.folder, self.count = builder, Path(folder), count
        self.served = 0
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                body, gzipped = mirror.resolve(self.path.split("?", 1)[0])
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8")
                if gzipped:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                mirror.served += 1

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def resolve(self, path: str) -> tuple[bytes | None, bool]:
        if path == "/robots.txt":
            return b"User-agent: *\nAllow: /\n", False
        if path in ("/", "/index.html"):
            return self.builder.index(self.count).encode(), False
        match = LISTING.match(path)
        if match:
            return self.builder.listing(int(match.group(1)), self.count).encode(), False
        match = STORY.match(path)
        if not match or int(match.group(2)) >= self.count:
            return None, False
        n = int(match.group(2))
        original = n % self.builder.pages
        data = (self.folder / f"{original}.html.gz").read_bytes()
        if n != original:  # a copy under another URL: it names its own URL, as a syndicated copy would
            html = gzip.decompress(data).replace(self.builder.meta(original)["path"].encode(), path.encode())
            data = gzip.compress(html, compresslevel=1, mtime=0)
        return data, True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
