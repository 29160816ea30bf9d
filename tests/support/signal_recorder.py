"""Test-only extension: writes the project's signals to a JSON-lines file.

Crawl tests run scrapy in a subprocess; this lets them see what
``capture_written`` and ``article_archived`` carried. Enable with
``-s EXTENSIONS={..., "tests.support.signal_recorder.SignalRecorder": 900}``
and ``-s SIGNAL_LOG_FILE=/tmp/signals.jsonl``.
"""

from __future__ import annotations

import json

from itemadapter import ItemAdapter

from crawler import signals as project_signals


class SignalRecorder:
    def __init__(self, path: str):
        self.out = open(path, "a", encoding="utf-8")

    @classmethod
    def from_crawler(cls, crawler):
        recorder = cls(crawler.settings.get("SIGNAL_LOG_FILE"))
        crawler.signals.connect(recorder.capture_written, signal=project_signals.capture_written)
        crawler.signals.connect(recorder.article_archived, signal=project_signals.article_archived)
        return recorder

    def _write(self, entry: dict) -> None:
        self.out.write(json.dumps(entry, default=str, ensure_ascii=False) + "\n")
        self.out.flush()

    def capture_written(self, capture, request=None, response=None, **kwargs):
        self._write({"signal": "capture_written", "capture": capture,
                     "request_url": getattr(request, "url", None),
                     "has_response": response is not None})

    def article_archived(self, item, record, **kwargs):
        self._write({"signal": "article_archived", "item": ItemAdapter(item).asdict(), "record": record})
