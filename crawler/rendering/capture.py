"""The network exchanges of a rendered page, as the browser saw them.

``NetworkCapture`` listens to ``page.on("response")`` and, before the page is
closed, reads each kept response: status, header lines as received
(``headers_array()``: original case, repeated Set-Cookie kept), the request's
header lines and body, the server address and the body. The browser hands over
the body content-decoded; crawler/archive/browser_capture.py makes the headers
consistent with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.async_api import Error as PlaywrightError


@dataclass
class BrowserExchange:
    url: str
    method: str
    status: int
    status_text: str
    headers: list[tuple[str, str]]
    body: bytes
    request_headers: list[tuple[str, str]]
    request_body: bytes = b""
    ip_address: str | None = None
    resource_type: str = "document"
    # A main-frame navigation (the page itself or a redirect hop to it).
    is_document: bool = False
    error: str | None = None


@dataclass
class NetworkCapture:
    """Collects the page's responses; the main document always, subresources on request."""

    page: object
    subresources: bool = False
    responses: list = field(default_factory=list)

    def attach(self) -> None:
        self.page.on("response", self._on_response)

    def detach(self) -> None:
        try:
            self.page.remove_listener("response", self._on_response)
        except (KeyError, ValueError):
            pass

    def _is_document(self, response) -> bool:
        request = response.request
        return request.is_navigation_request() and request.frame == self.page.main_frame

    def _on_response(self, response) -> None:
        if self.subresources or self._is_document(response):
            self.responses.append(response)

    async def read(self, stats=None) -> list[BrowserExchange]:
        """Every kept response with its body (call while the page is open)."""
        exchanges = []
        for response in self.responses:
            try:
                exchanges.append(await self._read_one(response))
            except PlaywrightError:  # the page navigated away, the target closed...
                if stats:
                    stats.inc_value("rendering/capture/unreadable")
        return exchanges

    async def _read_one(self, response) -> BrowserExchange:
        request = response.request
        error = None
        body = b""
        if not 300 <= response.status < 400:  # redirects have no body to read
            try:
                body = await response.body()
            except PlaywrightError as exc:
                error = f"body unavailable: {exc.message.splitlines()[0] if exc.message else exc}"
        try:
            server = await response.server_addr()
        except PlaywrightError:
            server = None
        return BrowserExchange(
            url=response.url, method=request.method, status=response.status,
            status_text=response.status_text or "",
            headers=[(h["name"], h["value"]) for h in await response.headers_array()],
            body=body,
            request_headers=[(h["name"], h["value"]) for h in await request.headers_array()],
            request_body=request.post_data_buffer or b"",
            ip_address=(server or {}).get("ipAddress"),
            resource_type=request.resource_type,
            is_document=self._is_document(response),
            error=error,
        )
