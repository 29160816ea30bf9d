"""A real HTTP server on loopback for crawl tests.

``LocalSite`` serves a folder (or routes added in code) from a thread. Routes
can set status, headers and body, so tests can reproduce gzip, redirects,
Set-Cookie repeats or broken servers without mocking Scrapy.
"""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    gzip: bool = False
    # Send the body with Transfer-Encoding: chunked (in chunks of chunk_size) instead of Content-Length.
    chunked: bool = False
    chunk_size: int = 64
    # Optional callable(handler) for anything dynamic; returns a Route.
    dynamic: Callable | None = None


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 (a free port) for one handler class; a context
    manager that starts and stops it. LocalSite and the tests' archive stand-ins build on it."""

    def serve(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class LocalSite(LoopbackServer):
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else None
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, dict]] = []  # (method, path, headers)
        # (path, entity body as sent: after Content-Encoding, before chunking), in order.
        self.sent: list[tuple[str, bytes]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                site.requests.append(("GET", self.path, dict(self.headers)))
                route = site.resolve(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", "9")
                    self.end_headers()
                    self.wfile.write(b"not found")
                    return
                if route.dynamic:
                    route = route.dynamic(self)
                body = gzip.compress(route.body, mtime=0) if route.gzip else route.body
                self.send_response(route.status)
                names = {k.lower() for k, _ in route.headers}
                for key, value in route.headers:
                    self.send_header(key, value)
                if "content-type" not in names:
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                if route.gzip:
                    self.send_header("Content-Encoding", "gzip")
                if route.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                site.sent.append((self.path, body))
                if route.chunked:
                    for start in range(0, len(body), route.chunk_size):
                        chunk = body[start:start + route.chunk_size]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
                else:
                    self.wfile.write(body)

            do_HEAD = do_GET

        self.serve(Handler)

    def add(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes["/" + path.lstrip("/")] = Route(body=body, **kwargs)
        return self.url(path)

    def add_file(self, path: str, file: Path, **kwargs) -> str:
        return self.add(path, Path(file).read_bytes(), **kwargs)

    def resolve(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        if path.split("?", 1)[0] in self.routes and self.routes[path.split("?", 1)[0]].dynamic:
            return self.routes[path.split("?", 1)[0]]  # a dynamic route reads the query itself
        if self.root:
            candidate = (self.root / path.split("?", 1)[0].lstrip("/")).resolve()
            if candidate.is_file() and self.root.resolve() in candidate.parents:
                ctype = "text/html; charset=utf-8" if candidate.suffix in (".html", ".htm") else "application/octet-stream"
                return Route(body=candidate.read_bytes(), headers=[("Content-Type", ctype)])
        return None
