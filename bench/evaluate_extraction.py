"""Score the project's article extractor and trafilatura side by side on every real page
we have, in one run: ../shared/corpus (57 pages) and ../shared/devpages (657 pages).

The project's extractor runs the way a user runs it: ``scrapy extract <manifest>`` in a
subprocess (with the manifest's ``fetched_at`` where the page records its crawl time).
trafilatura's own ``bare_extraction`` runs in-process on the same pages. Scoring follows
``corpus/expected_schema.md`` ("Scoring an extractor").

Tables: per page set, per half of devpages, per source, per language, per field; and the
per-evidence table: for every ``provenance`` value the project used, on how many pages it
decided the field and how often it was right (its precision).

devpages is split in two halves by a hash of the page id (``half_of``): "dev", the half
looked at while changing rules, and "held-out", never inspected page by page; both are
reported so that tuning to the dev half shows.

    python bench/evaluate_extraction.py                  # Markdown tables on stdout
    python bench/evaluate_extraction.py --json out.json  # also write the numbers
    python bench/evaluate_extraction.py --show-misses    # expected vs got per failing page (dev half only)

Speed: both extractors in this process on the same pages, after a warm-up, timed page by
page in alternation (``warm_rates``); the ratio is what the issue's ">= 3x" goal reads.
"""

from __future__ import annotations

import argparse
import hashlib
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
SHARED = Path(os.environ.get("CAIRO_SHARED_DIR", PROJECT_ROOT.parent / "shared"))

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


# --- the pages ----------------------------------------------------------------------
def half_of(page_id: str) -> str:
    """The devpages half a page belongs to, fixed by a hash of its id (no page list to keep)."""
    return "dev" if hashlib.sha1(page_id.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def _page(folder: Path, set_name: str, page_id: str, source: str, url: str, html_path: Path, language: str) -> dict:
    stem = html_path.name[: -len(".html")]
    meta_path = html_path.with_name(stem + ".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    page = {
        "id": page_id,
        "set": set_name,
        "source": source,
        "url": url,
        "path": str(html_path.resolve()),
        "language": language,
        "expected": json.loads(html_path.with_name(stem + ".expected.json").read_text(encoding="utf-8")),
        # When the page was saved, where it says so: relative dates count back from it.
        "fetched_at": meta.get("crawl_date"),
    }
    page["groups"] = ["all", f"lang:{language}"]
    if set_name == "devpages":  # the corpus's sources are its 40 outlets: too fine to read
        page["groups"] += [f"source:{source}", f"half:{half_of(page_id)}"]
    return page


def load_corpus(corpus: Path) -> list[dict]:
    pages = []
    for entry in json.loads((corpus / "index.json").read_text(encoding="utf-8")):
        html_path = corpus / entry["file"]
        pages.append(_page(corpus, "corpus", f"{html_path.parent.name}/{html_path.stem}", html_path.parent.name,
                           entry["original_url"], html_path, entry["language"]))
    return pages


def load_devpages(devpages: Path) -> list[dict]:
    return [_page(devpages, "devpages", entry["id"], entry["source"], entry["url"], devpages / entry["path"],
                  entry["language"])
            for entry in json.loads((devpages / "index.json").read_text(encoding="utf-8"))]


# --- running the extractors ---------------------------------------------------------
def _run_extract(manifest: Path, output: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "scrapy", "extract", str(manifest), "-o", str(output)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1) or not output.exists():  # 1 = some pages failed, still scored
        raise SystemExit(f"scrapy extract failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return elapsed


def run_project(pages: list[dict], workdir: Path) -> dict[str, dict]:
    """``scrapy extract`` on a manifest of ``pages``; the item per page id (None = failed)."""
    manifest = workdir / "manifest.jsonl"
    lines = []
    for p in pages:
        entry = {"url": p["url"], "path": p["path"]}
        if p.get("fetched_at"):
            entry["fetched_at"] = p["fetched_at"]
        lines.append(json.dumps(entry) + "\n")
    manifest.write_text("".join(lines), encoding="utf-8")
    _run_extract(manifest, workdir / "out.jsonl")
    by_path = {}
    for line in (workdir / "out.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "error" not in record:
            by_path[record["path"]] = record
    return {p["id"]: by_path.get(p["path"]) for p in pages}


def trafilatura_fields(html: bytes, url: str) -> dict | None:
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(html, url=url, with_metadata=True)
    except Exception:  # a crash is a miss, as for our extractor
        return None
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {
        "headline": data.get("title"),
        "published": data.get("date"),
        "authors": [a.strip() for a in (data.get("author") or "").split(";") if a.strip()],
        "body": data.get("text") or "",
    }


def run_trafilatura(pages: list[dict]) -> tuple[dict[str, dict], float]:
    results: dict[str, dict] = {}
    total = 0.0
    for page in pages:
        html = Path(page["path"]).read_bytes()
        start = time.perf_counter()
        results[page["id"]] = trafilatura_fields(html, page["url"])
        total += time.perf_counter() - start
    return results, total


def warm_rates(pages: list[dict], clock=time.perf_counter) -> dict[str, float]:
    """Pages/second of both extractors in this process, after a warm-up pass, timed page
    by page in alternation so that load from other programs hits both alike. ``clock``:
    ``time.process_time`` counts this process's CPU time only, less moved by other jobs."""
    sys.path.insert(0, str(PROJECT_ROOT))
    from trafilatura import bare_extraction

    from crawler.extraction import extract_article

    docs = [(Path(p["path"]).read_bytes(), p["url"]) for p in pages]
    spent = {"project": 0.0, "trafilatura": 0.0}
    for timed in (False, True):
        for html, url in docs if timed else docs[:20]:
            for name, run in (("project", lambda: extract_article(html, url)),
                              ("trafilatura", lambda: bare_extraction(html, url=url, with_metadata=True))):
                start = clock()
                try:
                    run()
                except Exception:  # scored elsewhere; here only time matters
                    pass
                if timed:
                    spent[name] += clock() - start
    return {name: len(docs) / seconds for name, seconds in spent.items()}


# --- scoring --------------------------------------------------------------------------
def aggregate(pages: list[dict], results: dict[str, dict]) -> dict:
    """Per group ("all", "source:x", "lang:x", "half:x"): per field, the score and page count."""
    buckets: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for page in pages:
        scores = score_page(results.get(page["id"]), page["expected"])
        for group in page.get("groups", ["all", page["language"]]):
            buckets[group]["pages"].append(1.0)
            for field, value in scores.items():
                buckets[group][field].append(float(value))
    return {
        group: {field: {"score": sum(v) / len(v), "pages": len(v)} for field, v in fields.items() if field != "pages"}
        | {"pages": len(fields["pages"])}
        for group, fields in buckets.items()
    }


# A body "is right" for the evidence table when every must-contain snippet is there and,
# where the truth has the whole body, its token F1 is at least this.
BODY_RIGHT_F1 = 0.9
_EVIDENCE_FIELDS = {"headline": "headline", "published": "published", "authors": "authors", "paragraphs": "body"}


def evidence_part(page: dict) -> str:
    """Which column of the evidence table a page counts in: the pages looked at while
    changing rules (corpus, devpages' dev half) or the held-out half."""
    return "held-out" if "half:held-out" in page["groups"] else "looked-at"


def evidence_table(pages: list[dict], results: dict[str, dict]) -> dict[str, dict[str, dict]]:
    """For each field and each provenance value: pages where it decided the field, and how
    many of those it got right, on the looked-at pages and on the held-out half apart.
    Only pages whose truth has the field count."""
    def blank():
        return {part: {"used": 0, "right": 0} for part in ("looked-at", "held-out")}

    table: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(blank))
    for page in pages:
        item = results.get(page["id"]) or {}
        scores = score_page(item, page["expected"])
        provenance = item.get("provenance") or {}
        for key, field in _EVIDENCE_FIELDS.items():
            if field == "body":
                checks = [scores[k] for k in ("must_contain",) if k in scores]
                if "body_f1" in scores:
                    checks.append(scores["body_f1"] >= BODY_RIGHT_F1)
                if not checks:
                    continue
                right = all(checks)
            elif field in scores:
                right = scores[field]
            else:
                continue
            cell = table[field][provenance.get(key) or "(none)"][evidence_part(page)]
            cell["used"] += 1
            cell["right"] += int(bool(right))
    return {field: dict(cells) for field, cells in table.items()}


# --- reporting ------------------------------------------------------------------------
def _cell(cell: dict | None, field: str) -> str:
    if cell is None:
        return "-"
    if field == "body_f1":
        return f"{cell['score']:.3f}"
    return f"{100 * cell['score']:.1f}%"


def _group_order(groups: set[str]) -> list[str]:
    def key(group: str):
        kind = group.split(":")[0]
        return (["all", "half", "source", "lang"].index(kind) if kind in ("all", "half", "source", "lang") else 9, group)
    return sorted(groups, key=key)


def print_scores(summary: dict) -> None:
    for set_name, data in summary["sets"].items():
        print(f"\n### {set_name} ({data['pages']} pages): project / trafilatura\n")
        print("| group | pages | " + " | ".join(FIELDS) + " |")
        print("|---|---|" + "---|" * len(FIELDS))
        ours, theirs = data["project"], data["trafilatura"]
        for group in _group_order(set(ours) | set(theirs)):
            count = ours.get(group, theirs.get(group, {})).get("pages", 0)
            cells = []
            for field in FIELDS:
                a, b = ours.get(group, {}).get(field), theirs.get(group, {}).get(field)
                cells.append("-" if a is None and b is None else
                             f"{_cell(a, field)} / {_cell(b, field)} (n={(a or b)['pages']})")
            print(f"| {group} | {count} | " + " | ".join(cells) + " |")


def print_evidence(summary: dict) -> None:
    print("\n### Evidence: how often each provenance value decided a field, and was right\n")
    print("looked-at = corpus + devpages dev half; held-out = devpages held-out half\n")
    print("| field | provenance | looked-at: right/used | precision | held-out: right/used | precision |")
    print("|---|---|---|---|---|---|")

    def precision(cell):
        return cell["right"] / cell["used"] if cell["used"] else 0.0

    for field, cells in summary["evidence"].items():
        for source, parts in sorted(cells.items(), key=lambda kv: (-precision(kv[1]["looked-at"]),
                                                                   -kv[1]["looked-at"]["used"])):
            row = [f"{c['right']}/{c['used']} | {100 * precision(c):.1f}%" if c["used"] else "- | -"
                   for c in (parts["looked-at"], parts["held-out"])]
            print(f"| {field} | `{source}` | " + " | ".join(row) + " |")


def print_speed(speed: dict) -> None:
    print(f"\n### Speed ({speed['pages']} pages, in-process, warm)\n")
    print(f"project {speed['project']:.1f} pages/s, trafilatura {speed['trafilatura']:.1f} pages/s: "
          f"{speed['ratio']:.2f}x")


def print_misses(pages: list[dict], results: dict[str, dict], name: str) -> None:
    print(f"\n=== misses: {name} ===")
    keys = {"headline": "headline", "published": "published", "authors": "authors"}
    for page in pages:
        got = results.get(page["id"]) or {}
        scores = score_page(got, page["expected"])
        for field, value in scores.items():
            if field == "body_f1":
                if value < BODY_RIGHT_F1:
                    print(f"[{page['id']}] body_f1={value:.3f} (got {len((got.get('body') or '').split())} words, "
                          f"source {(got.get('provenance') or {}).get('paragraphs')})")
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
                print(f"[{page['id']}] {field}: {bad!r} ({(got.get('provenance') or {}).get('paragraphs')})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus", help="the corpus folder (index.json)")
    parser.add_argument("--devpages", type=Path, default=SHARED / "devpages",
                        help="the devpages folder (index.json); 'none' to leave it out")
    parser.add_argument("--json", dest="json_out", type=Path, help="write the numbers to this JSON file")
    parser.add_argument("--show-misses", action="store_true",
                        help="list failing pages per field (corpus and the dev half of devpages only)")
    parser.add_argument("--speed-only", choices=("wall", "cpu"),
                        help="only the in-process speed ratio, timed by the wall clock or by CPU time")
    args = parser.parse_args(argv)
    if not (args.corpus / "index.json").is_file():
        raise SystemExit(f"no corpus at {args.corpus} (set --corpus or CAIRO_SHARED_DIR)")
    sets = {"corpus": load_corpus(args.corpus)}
    if str(args.devpages) != "none":
        if not (args.devpages / "index.json").is_file():
            raise SystemExit(f"no devpages at {args.devpages} (set --devpages or CAIRO_SHARED_DIR)")
        sets["devpages"] = load_devpages(args.devpages)
    pages = [p for set_pages in sets.values() for p in set_pages]
    if args.speed_only:
        warm = warm_rates(pages, time.process_time if args.speed_only == "cpu" else time.perf_counter)
        print_speed({"pages": len(pages), **warm, "ratio": warm["project"] / warm["trafilatura"]})
        return 0
    with tempfile.TemporaryDirectory(prefix="eval-extraction-") as tmp:
        project = run_project(pages, Path(tmp))
    trafilatura_results, _ = run_trafilatura(pages)
    warm = warm_rates(pages)
    summary = {
        "pages": len(pages),
        "sets": {name: {"pages": len(set_pages), "project": aggregate(set_pages, project),
                        "trafilatura": aggregate(set_pages, trafilatura_results)}
                 for name, set_pages in sets.items()},
        "evidence": evidence_table(pages, project),
        "failed_pages": sorted(p["id"] for p in pages if project.get(p["id"]) is None),
        "speed": {"pages": len(pages), **warm, "ratio": warm["project"] / warm["trafilatura"]},
    }
    print_scores(summary)
    print_evidence(summary)
    print_speed(summary["speed"])
    if args.show_misses:
        looked_at = [p for p in pages if "half:held-out" not in p["groups"]]
        print_misses(looked_at, project, "project")
        print_misses(looked_at, trafilatura_results, "trafilatura")
    if args.json_out:
        args.json_out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
