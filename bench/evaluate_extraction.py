"""Score the project's article extractor and trafilatura on ../shared/corpus, in one run.

The project's extractor runs the way a user runs it: ``scrapy extract <manifest>``
in a subprocess. trafilatura's own ``bare_extraction`` runs in-process on the same
pages. Scoring follows ``corpus/expected_schema.md`` ("Scoring an extractor").

    python bench/evaluate_extraction.py                  # table on stdout
    python bench/evaluate_extraction.py --json out.json  # also write the numbers
    python bench/evaluate_extraction.py --show-misses    # expected vs got per failing page

Pages/second: the project figure is the page count over the wall time of the
``scrapy extract`` subprocess minus Scrapy's start-up time (measured with an empty
manifest in the same run); trafilatura's is the page count over its in-process time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("CAIRO_SHARED_DIR", PROJECT_ROOT.parent / "shared")) / "corpus"

FIELDS = ("headline", "published", "authors", "body_f1", "must_contain", "must_not_contain")

# --- normalization (expected_schema.md) -----------------------------------------
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_DASH_RE = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACE_RE = re.compile(r"\s+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_TOKEN_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]|\w+")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|,|&|\band\b)\s*", re.IGNORECASE)


def normalize(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE_RE.sub("", text)
    text = _DASH_RE.sub("-", text.translate(_QUOTES))
    return _SPACE_RE.sub(" ", text).strip().casefold()


def tokens(text: str) -> Counter:
    text = unicodedata.normalize("NFKD", normalize(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return Counter(_TOKEN_RE.findall(text))


def token_f1(got: str, expected: str) -> float:
    g, e = tokens(got), tokens(expected)
    common = sum((g & e).values())
    if not common:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def author_set(values) -> set[str]:
    if isinstance(values, str):
        values = [values]
    names = set()
    for value in values or []:
        for part in _AUTHOR_SPLIT_RE.split(str(value)):
            part = normalize(part)
            if part:
                names.add(part)
    return names


def same_day(got: str | None, expected: str) -> bool:
    if not got:
        return False
    if got[:10] == expected[:10]:
        return True
    from datetime import datetime, timezone

    def aware(value: str):
        if len(value) <= 10:
            return None
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return dt.astimezone(timezone.utc) if dt.tzinfo else None

    a, b = aware(got), aware(expected)
    return bool(a and b and a.date() == b.date())


def score_page(got: dict | None, expected: dict) -> dict[str, float | bool]:
    """Per-field results for one page; fields the truth does not give are left out."""
    got = got or {}
    out: dict[str, float | bool] = {}
    if expected.get("headline") is not None:
        out["headline"] = normalize(got.get("headline")) == normalize(expected["headline"])
    if expected.get("published") is not None:
        out["published"] = same_day(got.get("published"), expected["published"])
    if expected.get("authors") is not None:
        out["authors"] = author_set(got.get("authors")) == author_set(expected["authors"])
    body = normalize(got.get("body"))
    if expected.get("body_paragraphs") is not None:
        out["body_f1"] = token_f1(got.get("body") or "", "\n".join(expected["body_paragraphs"]))
    if expected.get("body_must_contain"):
        out["must_contain"] = bool(body) and all(normalize(s) in body for s in expected["body_must_contain"])
    if expected.get("body_must_not_contain"):
        out["must_not_contain"] = bool(body) and not any(normalize(s) in body for s in expected["body_must_not_contain"])
    return out


# --- running the extractors ---------------------------------------------------------
def load_corpus(corpus: Path) -> list[dict]:
    pages = []
    for entry in json.loads((corpus / "index.json").read_text(encoding="utf-8")):
        html_path = corpus / entry["file"]
        expected_path = html_path.with_name(html_path.name[: -len(".html")] + ".expected.json")
        pages.append({
            "id": f"{html_path.parent.name}/{html_path.stem}",
            "url": entry["original_url"],
            "path": str(html_path.resolve()),
            "language": entry["language"],
            "expected": json.loads(expected_path.read_text(encoding="utf-8")),
        })
    return pages


def _run_extract(manifest: Path, output: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "scrapy", "extract", str(manifest), "-o", str(output)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1) or not output.exists():  # 1 = some pages failed, still scored
        raise SystemExit(f"scrapy extract failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return elapsed


def run_project(pages: list[dict], workdir: Path) -> tuple[dict[str, dict], float]:
    manifest, empty = workdir / "manifest.jsonl", workdir / "empty.jsonl"
    manifest.write_text("".join(json.dumps({"url": p["url"], "path": p["path"]}) + "\n" for p in pages),
                        encoding="utf-8")
    empty.write_text("", encoding="utf-8")
    startup = _run_extract(empty, workdir / "empty-out.jsonl")
    elapsed = _run_extract(manifest, workdir / "out.jsonl")
    by_path = {}
    for line in (workdir / "out.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "error" not in record:
            by_path[record["path"]] = record
    results = {p["id"]: by_path.get(p["path"]) for p in pages}
    return results, max(elapsed - startup, 1e-9)


def run_trafilatura(pages: list[dict]) -> tuple[dict[str, dict], float]:
    from trafilatura import bare_extraction

    results: dict[str, dict] = {}
    total = 0.0
    for page in pages:
        html = Path(page["path"]).read_bytes()
        start = time.perf_counter()
        try:
            doc = bare_extraction(html, url=page["url"], with_metadata=True)
        except Exception:  # a crash is a miss, as for our extractor
            doc = None
        total += time.perf_counter() - start
        if doc is None:
            results[page["id"]] = None
            continue
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        results[page["id"]] = {
            "headline": data.get("title"),
            "published": data.get("date"),
            "authors": data.get("author") or [],
            "body": data.get("text") or "",
        }
    return results, total


def warm_rates(pages: list[dict]) -> dict[str, float]:
    """Pages/second of both extractors in this process, after a warm-up pass, timed page
    by page in alternation so that load from other programs hits both alike."""
    sys.path.insert(0, str(PROJECT_ROOT))
    from trafilatura import bare_extraction

    from crawler.extraction import extract_article

    docs = [(Path(p["path"]).read_bytes(), p["url"]) for p in pages]
    spent = {"project": 0.0, "trafilatura": 0.0}
    for timed in (False, True):
        for html, url in docs:
            for name, run in (("project", lambda: extract_article(html, url)),
                              ("trafilatura", lambda: bare_extraction(html, url=url, with_metadata=True))):
                start = time.perf_counter()
                try:
                    run()
                except Exception:  # scored elsewhere; here only time matters
                    pass
                if timed:
                    spent[name] += time.perf_counter() - start
    return {name: len(docs) / seconds for name, seconds in spent.items()}


# --- reporting ------------------------------------------------------------------------
def aggregate(pages: list[dict], results: dict[str, dict]) -> dict:
    buckets: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for page in pages:
        scores = score_page(results.get(page["id"]), page["expected"])
        for field, value in scores.items():
            for group in ("all", page["language"]):
                buckets[group][field].append(float(value))
    return {
        group: {field: {"score": sum(v) / len(v), "pages": len(v)} for field, v in fields.items()}
        for group, fields in buckets.items()
    }


def print_table(summary: dict, languages: list[str]) -> None:
    print(f"{'group':6} {'extractor':12} " + " ".join(f"{f:>16}" for f in FIELDS))
    for group in ["all"] + languages:
        for name in ("project", "trafilatura"):
            row = summary[name]["scores"].get(group, {})
            cells = []
            for field in FIELDS:
                cell = row.get(field)
                if cell is None:
                    cells.append(f"{'-':>16}")
                elif field == "body_f1":
                    cells.append(f"{cell['score']:>10.3f} (n={cell['pages']:>2})")
                else:
                    cells.append(f"{100 * cell['score']:>9.1f}% (n={cell['pages']:>2})")
            print(f"{group:6} {name:12} " + " ".join(cells))
    for name in ("project", "trafilatura"):
        print(f"{name}: {summary[name]['pages_per_second']:.1f} pages/s in this run "
              f"({'scrapy extract, start-up excluded' if name == 'project' else 'bare_extraction'}); "
              f"{summary[name]['warm_pages_per_second']:.1f} pages/s warm, in-process")
    ratio = summary["project"]["warm_pages_per_second"] / summary["trafilatura"]["warm_pages_per_second"]
    print(f"speed ratio project/trafilatura (warm): {ratio:.2f}x")


def print_misses(pages: list[dict], results: dict[str, dict], name: str) -> None:
    print(f"\n=== misses: {name} ===")
    keys = {"headline": "headline", "published": "published", "authors": "authors"}
    for page in pages:
        got = results.get(page["id"]) or {}
        scores = score_page(got, page["expected"])
        for field, value in scores.items():
            if field == "body_f1":
                if value < 0.9:
                    print(f"[{page['id']}] body_f1={value:.3f} (got {len((got.get('body') or '').split())} words, "
                          f"source {got.get('provenance', {}).get('paragraphs')})")
                continue
            if value:
                continue
            if field in keys:
                print(f"[{page['id']}] {field}: expected {page['expected'][field]!r} got {got.get(field)!r} "
                      f"({(got.get('provenance') or {}).get(field)})")
            else:
                snippets = page["expected"]["body_must_contain" if field == "must_contain" else "body_must_not_contain"]
                body = normalize(got.get("body"))
                bad = [s for s in snippets if (normalize(s) in body) == (field == "must_not_contain")]
                print(f"[{page['id']}] {field}: {bad!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the corpus folder (index.json)")
    parser.add_argument("--json", dest="json_out", type=Path, help="write the numbers to this JSON file")
    parser.add_argument("--show-misses", action="store_true", help="list failing pages per field")
    args = parser.parse_args(argv)
    if not (args.corpus / "index.json").is_file():
        raise SystemExit(f"no corpus at {args.corpus} (set --corpus or CAIRO_SHARED_DIR)")
    pages = load_corpus(args.corpus)
    with tempfile.TemporaryDirectory(prefix="eval-extraction-") as tmp:
        project, project_time = run_project(pages, Path(tmp))
    trafilatura_results, trafilatura_time = run_trafilatura(pages)
    warm = warm_rates(pages)
    summary = {
        "pages": len(pages),
        "project": {"scores": aggregate(pages, project), "pages_per_second": len(pages) / project_time,
                    "warm_pages_per_second": warm["project"],
                    "seconds": project_time,
                    "failed_pages": sorted(p["id"] for p in pages if project.get(p["id"]) is None)},
        "trafilatura": {"scores": aggregate(pages, trafilatura_results),
                        "pages_per_second": len(pages) / trafilatura_time, "seconds": trafilatura_time,
                        "warm_pages_per_second": warm["trafilatura"]},
    }
    languages = sorted({p["language"] for p in pages}, key=lambda l: (l != "en", l != "ar", l))
    print_table(summary, languages)
    if args.show_misses:
        print_misses(pages, project, "project")
        print_misses(pages, trafilatura_results, "trafilatura")
    if args.json_out:
        args.json_out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
