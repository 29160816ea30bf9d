"""Server faults on the loopback site: slow answers, connections cut mid-body, throttling.

Each helper returns a ``Route.dynamic`` callable for ``LocalSite.add(path, dynamic=...)``
and records when each request arrived (``times``), so tests can check the waits.
"""

from __future__ import annotations

import time

from tests.support.servers import Route


class CutConnection(Exception):
    """Raised by a route to drop the connection without a proper answer."""


def quiet_errors(site) -> None:
    """Cut connections raise in the server thread on purpose: do not print them."""
    site.server.handle_error = lambda request, client_address: None


class Recorder:
    def __init__(self):
        self.times: list[float] = []

    def hit(self) -> int:
        self.times.append(time.monotonic())
        return len(self.times)


def slow(seconds: float, body: bytes, recorder: Recorder):
    def route(handler):
        recorder.hit()
        time.sleep(seconds)
        return Route(body=body)
    return route


def reset_mid_body(full_length: int, sent: bytes, recorder: Recorder):
    """Promise ``full_length`` bytes, send ``sent``, then close the socket."""
    def route(handler):
        recorder.hit()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(full_length))
        handler.end_headers()
        handler.wfile.write(sent)
        handler.wfile.flush()
        handler.close_connection = True
        handler.connection.shutdown(2)
        raise CutConnection()
    return route


def status_then_ok(statuses: list[tuple[int, list[tuple[str, str]]]], body: bytes, recorder: Recorder):
    """Answer with each (status, headers) in turn, then 200 with ``body``."""
    def route(handler):
        n = recorder.hit()
        if n <= len(statuses):
            status, headers = statuses[n - 1]
            return Route(body=b"busy", status=status, headers=headers + [("Content-Type", "text/plain")])
        return Route(body=body)
    return route
