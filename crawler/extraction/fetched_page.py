"""A response reduced to what extraction reads, so it can travel to a worker process.

A Scrapy response cannot be pickled (its request holds spider callbacks); this
copy keeps the class, URL, status, headers, body, the encoding Scrapy settled on
and the fetch time, and rebuilds an equivalent response on the other side, where
``extract_from_response`` runs unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scrapy.http import Headers, Request, Response, TextResponse

from crawler.outlets import Outlet

from .article import extract_from_response


@dataclass(frozen=True)
class FetchedPage:
    response_class: type[Response]
    url: str
    status: int
    headers: Headers
    body: bytes
    encoding: str | None  # the one Scrapy chose in the crawl, so the text decodes alike
    fetched_at: datetime | None
    has_request: bool

    @classmethod
    def of(cls, response: Response) -> "FetchedPage":
        has_request = response.request is not None
        return cls(type(response), response.url, response.status, response.headers, response.body,
                   response.encoding if isinstance(response, TextResponse) else None,
                   response.meta.get("fetched_at") if has_request else None, has_request)

    def response(self) -> Response:
        request = Request(self.url, meta={"fetched_at": self.fetched_at}) if self.has_request else None
        kwargs = {"encoding": self.encoding} if issubclass(self.response_class, TextResponse) else {}
        return self.response_class(self.url, status=self.status, headers=self.headers, body=self.body,
                                   request=request, **kwargs)


def extract_fetched_page(page: FetchedPage, outlet: Outlet | None):
    """``extract_from_response`` on a fetched page (inline or in a worker process)."""
    return extract_from_response(page.response(), outlet=outlet)
