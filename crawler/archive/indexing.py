"""Indexes and packages for closed WARCs, made by the standard tools.

- CDXJ (cdxj-indexer): one ``<file>.warc.gz.cdxj`` beside each closed WARC, sorted,
  with the record id and exact WARC-Date added so revisits can cite their original.
- WACZ (py-wacz): one file ReplayWeb.page opens, with a pages list of the articles.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from cdxj_indexer.main import CDXJIndexer
from warcio.archiveiterator import ArchiveIterator

from crawler.progress import CommandProgress

# Beyond cdxj-indexer's defaults (url, mime, status, digest, length, offset, filename).
CDXJ_EXTRA_FIELDS = "warc-record-id,warc-date"
# Only HTTP captures are replayable pages; metadata records live under urn: URIs.
CDXJ_RECORD_TYPES = "response,revisit"


def cdxj_path(warc_path: Path) -> Path:
    return Path(str(warc_path) + ".cdxj")


def write_cdxj(warc_path: Path, output: Path | None = None) -> Path:
    output = output or cdxj_path(warc_path)
    tmp = output.with_name(output.name + ".tmp")
    indexer = CDXJIndexer(str(tmp), [str(warc_path)], sort=True, fields=CDXJ_EXTRA_FIELDS,
                          records=CDXJ_RECORD_TYPES)
    indexer.process_all()
    tmp.replace(output)  # readers never see a half-written index
    return output


def article_pages(warc_paths: list[Path]) -> list[dict]:
    """Pages for a WACZ's pages.jsonl: one per archived article (its metadata record).

    py-wacz matches a page to a capture by URL and 14-digit timestamp, so each
    page takes the WARC-Date of the response record its metadata refers to: the
    metadata record is written later and may carry a later second.
    """
    pages, responses = [], {}
    for path in warc_paths:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                headers = record.rec_headers
                if record.rec_type == "response":
                    responses[headers.get_header("WARC-Record-ID")] = headers.get_header("WARC-Date")
                    continue
                if record.rec_type != "metadata" or headers.get_header("Content-Type") != "application/json":
                    continue
                try:
                    item = json.loads(record.content_stream().read())
                except ValueError:
                    continue
                if not item.get("url"):
                    continue
                # "text": ReplayWeb.page's full-text search reads it, so a sentence finds its article.
                page = {"url": item["url"], "refers_to": headers.get_header("WARC-Refers-To"),
                        "title": item.get("headline") or item["url"]}
                if item.get("body"):
                    page["text"] = item["body"]
                pages.append(page)
    for page in pages:
        date = responses.get(page.pop("refers_to"))
        if date:  # without it py-wacz matches on the URL alone
            page["ts"] = date
    return pages


WARC_NAME_STAMP = re.compile(r"-(\d{17})-\d{5}-")


def warc_started(path: Path) -> str | None:
    """The 17-digit UTC timestamp a WARC file was opened at (from its Heritrix-style name)."""
    match = WARC_NAME_STAMP.search(Path(path).name)
    return match.group(1) if match else None


def warc_run(path: Path) -> str | None:
    """The crawl id of the run that wrote a WARC (its warcinfo ``isPartOf``)."""
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "warcinfo":
                return None
            for line in record.content_stream().read().decode("utf-8", "replace").splitlines():
                key, _, value = line.partition(":")
                if key.strip() == "isPartOf":
                    return value.strip()
            return None
    return None


def files_since(warc_paths: list[Path], since: str) -> list[Path]:
    """The WARCs opened on or after ``since``: a UTC day (YYYY-MM-DD) or a run's crawl id (that run
    and every later one), so a daily or per-run package holds only what is new."""
    day = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", since.strip())
    if day:
        threshold = "".join(day.groups()) + "0" * 9
    else:
        starts = [warc_started(p) for p in warc_paths if warc_run(p) == since]
        starts = [s for s in starts if s]
        if not starts:
            raise ValueError(f"--since {since!r}: not a date (YYYY-MM-DD) nor the crawl id of any WARC given")
        threshold = min(starts)
    return [p for p in warc_paths if (warc_started(p) or "") >= threshold]


def package_wacz(warc_paths: list[Path], output: Path, title: str | None = None,
                 progress: CommandProgress | None = None) -> Path:
    """Build a WACZ with the `wacz` package's own `create` (and validate it)."""
    from wacz.main import main as wacz_main

    progress = progress or CommandProgress(enabled=False)
    step = progress.task(f"packaging {Path(output).name}", total=3)

    if not warc_paths:
        raise ValueError("no WARC files to package")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    args = ["create", "-o", str(output)]
    pages = article_pages(warc_paths)
    progress.advance(step)  # 1/3: the pages list
    pages_file = output.with_name(output.name + ".pages.jsonl")
    if pages:
        # py-wacz expects a header line, then one JSON object per page.
        lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "Articles"})]
        lines += [json.dumps({"id": f"p{i}", **page}, ensure_ascii=False) for i, page in enumerate(pages)]
        pages_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args += ["-p", str(pages_file)]
    else:
        args += ["--detect-pages"]
    if title:
        args += ["--title", title]
    args += [str(p) for p in warc_paths]
    try:
        if wacz_main(args) not in (0, None):
            raise RuntimeError(f"wacz create failed for {output}")
        progress.advance(step)  # 2/3: the package
        if wacz_main(["validate", "-f", str(output)]) not in (0, None):
            raise RuntimeError(f"wacz validate rejected {output}")
        progress.advance(step)  # 3/3: validated
    finally:
        pages_file.unlink(missing_ok=True)
    return output
