"""The coverage report: one self-contained HTML page built from the Parquet files alone.

Charts are matplotlib SVG inlined in the page, their text kept as SVG <text>
(selectable, searchable); the claims table is filtered by a few lines of plain
JavaScript in the page. Nothing is fetched (no CDN, no network), so the file
can be mailed, archived or opened offline.
"""

from __future__ import annotations

import html
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on crawl machines
matplotlib.rcParams["svg.fonttype"] = "none"  # text as <text>, not glyph paths: selectable in the page
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from . import analysis  # noqa: E402
from .read import duckdb_connect  # noqa: E402
from .schemas import SCHEMA_VERSION  # noqa: E402

_TAB20 = plt.get_cmap("tab20").colors
# Series are drawn next to each other in this order: tab20's nine strong hues, then their light
# versions (grays left out). tab20's own order pairs each hue with its light shade, so
# neighbouring series looked alike; here neighbours differ in hue (tests/test_datasets_report.py).
PALETTE = [_TAB20[i] for i in range(0, 20, 2) if i != 14] + [_TAB20[i] for i in range(1, 20, 2) if i != 15]
# Rows of the claims table (newest first): enough to browse, small enough for one page.
CLAIMS_TABLE_ROWS = 3000


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]  # drop the XML prolog and doctype: inline SVG


def _empty(message: str) -> str:
    return f'<p class="empty">{html.escape(message)}</p>'


def _bucket(day: date, monthly: bool) -> date:
    return day.replace(day=1) if monthly else day - timedelta(days=day.weekday())


def _periods(first: date, last: date, monthly: bool) -> list[date]:
    """Every week (or month) from first to last, empty ones included: the time axis stays honest."""
    out, current = [], _bucket(first, monthly)
    while current <= last:
        out.append(current)
        current = (current.replace(day=28) + timedelta(days=4)).replace(day=1) if monthly \
            else current + timedelta(days=7)
    return out


def _stacked_bars(rows: list[tuple], title: str, ylabel: str) -> str:
    """rows: (series, day, count) -> stacked bars per week, or per month when the span passes half a year."""
    days = [r[1] for r in rows]
    monthly = (max(days) - min(days)).days > 182
    periods = _periods(min(days), max(days), monthly)
    counts: dict = {}
    for name, day, n in rows:
        key = (name, _bucket(day, monthly))
        counts[key] = counts.get(key, 0) + n
    series = sorted({r[0] for r in rows}, key=lambda s: (-sum(r[2] for r in rows if r[0] == s), s))
    fig, ax = plt.subplots(figsize=(10, 4.2))
    bottom = [0] * len(periods)
    x = range(len(periods))
    for i, name in enumerate(series):
        values = [counts.get((name, p), 0) for p in periods]
        ax.bar(x, values, bottom=bottom, label=name, color=PALETTE[i % len(PALETTE)], width=0.8)
        bottom = [b + v for b, v in zip(bottom, values)]
    step = max(1, len(periods) // 30)  # at most ~30 labels
    ax.set_xticks(list(x)[::step])
    ax.set_xticklabels([p.strftime("%Y-%m" if monthly else "%Y-%m-%d") for p in periods][::step],
                       rotation=60, ha="right", fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    ax.set_title(f"{title} per {'month' if monthly else 'week'}")
    ax.legend(fontsize=8, ncol=1 + len(series) // 12, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _health_chart(rows: list[tuple]) -> str:
    outlets = [r[0] for r in rows]
    fig, ax = plt.subplots(figsize=(10, 0.35 * len(outlets) + 1.2))
    height = 0.27
    for j, (label, col) in enumerate((("headline", 2), ("date", 3), ("body ≥ 40 words", 4))):
        ax.barh([i + (j - 1) * height for i in range(len(outlets))], [100 * r[col] for r in rows],
                height=height, label=label, color=PALETTE[j])
    ax.set_yticks(range(len(outlets)))
    ax.set_yticklabels([f"{o} ({r[1]})" for o, r in zip(outlets, rows)], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of articles")
    ax.set_title("Extraction health per outlet (articles in brackets)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _table(headers: list[str], rows: list[tuple]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td dir="auto">{html.escape("" if v is None else str(v))}</td>' for v in row) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _claims_table(rows: list[tuple], total: int) -> str:
    """The claims with a select per filtered column; the script below hides the rows that do not match."""
    filters = ""
    for column, index in (("actor", 3), ("outlet", 1), ("language", 2)):  # positions in CLAIMS_TABLE rows
        values = sorted({str(r[index]) for r in rows if r[index] is not None})
        options = "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values)
        filters += (f'<label>{column} <select data-filter="{column}"><option value="">all</option>'
                    f"{options}</select></label>")
    body = "".join(
        f'<tr data-outlet="{html.escape(str(r[1]))}" data-language="{html.escape(str(r[2] or ""))}" '
        f'data-actor="{html.escape(str(r[3]))}">'
        + "".join(f'<td dir="auto">{html.escape("" if v is None else str(v))}</td>'
                  for v in (str(r[0])[:16] if r[0] else "", r[1], r[2], r[3], r[4], (r[5] or "")[:300]))
        + "</tr>" for r in rows)
    shown = f"the newest {len(rows)} of {total}" if total > len(rows) else f"all {total}"
    return (f'<div class="filters">{filters}<span class="count" aria-live="polite"></span></div>'
            f'<p class="sub">{shown} claims</p>'
            "<table id=\"claims-table\"><thead><tr><th>published (UTC)</th><th>outlet</th><th>language</th>"
            f"<th>actor</th><th>speaker</th><th>claim</th></tr></thead><tbody>{body}</tbody></table>"
            f"<script>{FILTER_SCRIPT}</script>")


# Plain JavaScript, inline: the report works offline and from a file:// URL.
FILTER_SCRIPT = """
(function () {
  var selects = document.querySelectorAll('#claims select[data-filter]');
  var rows = document.querySelectorAll('#claims-table tbody tr');
  var count = document.querySelector('#claims .count');
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = true;
      selects.forEach(function (s) { if (s.value && row.dataset[s.dataset.filter] !== s.value) keep = false; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    count.textContent = shown + ' of ' + rows.length + ' shown';
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
"""


STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Naskh Arabic',sans-serif;margin:2rem auto;
max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem}.sub{color:#666;margin-top:0}
section{margin:2rem 0}figure{margin:0}svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.85rem;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:start;vertical-align:top}
th{background:#f4f4f4}.empty{color:#999;font-style:italic}
.totals{display:flex;gap:1.5rem;flex-wrap:wrap}.totals div{background:#f4f6fa;padding:.6rem 1rem;border-radius:6px}
.totals b{display:block;font-size:1.4rem}
.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin:.5rem 0}.count{color:#666}
"""


def build_report(output_dir: Path | str, target: Path | str | None = None) -> Path:
    """Write ``<output_dir>/report.html`` (or ``target``) from ``<output_dir>/parquet``; returns its path."""
    output_dir = Path(output_dir)
    target = Path(target) if target else output_dir / "report.html"
    con = duckdb_connect(output_dir)
    totals = con.execute(analysis.TOTALS).fetchone()
    names = [d[0] for d in con.description]
    total = dict(zip(names, totals))

    volume = con.execute(analysis.ARTICLES_PER_OUTLET_PER_DAY).fetchall()
    on_topic = con.execute(analysis.ON_TOPIC_ARTICLES_PER_OUTLET_PER_DAY).fetchall()
    claims = con.execute(analysis.CLAIMS_TABLE, [CLAIMS_TABLE_ROWS]).fetchall()
    claims_daily = con.execute(analysis.CLAIMS_PER_ACTOR_PER_DAY).fetchall()
    repeated = con.execute(f"SELECT * FROM ({analysis.FIRST_REPORTER_PER_CLAIM}) WHERE outlets > 1 LIMIT 15").fetchall()
    health = con.execute(analysis.EXTRACTION_HEALTH_PER_OUTLET).fetchall()
    con.close()

    sections = []
    sections.append(("coverage-on-topic", "Coverage of the talks per outlet over time (on-topic articles)",
                     _stacked_bars(on_topic, "On-topic articles by outlet (publication date)", "articles")
                     if on_topic else _empty("No on-topic article with a publication date yet.")))
    sections.append(("coverage-volume", "Everything crawled per outlet over time (on-topic or not)",
                     _stacked_bars(volume, "All crawled articles by outlet (publication date)", "articles")
                     if volume else _empty("No article with a publication date yet.")))
    sections.append(("claims-timeline", "Claims timeline by actor",
                     _stacked_bars(claims_daily, "Claims by actor (publication date)", "claims")
                     if claims_daily else _empty("No claims yet.")))
    sections.append(("repeated-claims", "Most repeated claims across outlets",
                     _table(["first outlet", "first published (UTC)", "outlets", "mentions", "actor", "claim"],
                            [(r[1], str(r[2])[:16], r[3], r[4], r[6], (r[5] or "")[:220]) for r in repeated])
                     if repeated else _empty("No claim carried by more than one outlet yet.")))
    sections.append(("claims", "Claims by actor, outlet and language",
                     _claims_table(claims, total["claims"]) if claims else _empty("No claims yet.")))
    sections.append(("extraction-health", "Extraction health per outlet",
                     _health_chart(health) + _table(
                         ["outlet", "articles", "headline %", "date %", "body %"],
                         [(r[0], r[1], f"{100 * r[2]:.0f}", f"{100 * r[3]:.0f}", f"{100 * r[4]:.0f}")
                          for r in health])
                     if health else _empty("No articles yet.")))

    cards = "".join(f"<div><b>{html.escape(str(total[k] if total[k] is not None else '–'))}</b>{label}</div>"
                    for k, label in (("articles", "articles"), ("on_topic_articles", "on topic"), ("article_versions", "versions"),
                                     ("outlets", "outlets"), ("claims", "claims"), ("captures", "captures"),
                                     ("crawls", "crawls")))
    span = ""
    if total["first_published"]:
        span = f"published {str(total['first_published'])[:10]} – {str(total['last_published'])[:10]}; "
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = "".join(f'<section id="{sid}"><h2>{html.escape(title)}</h2><figure>{content}</figure></section>'
                   for sid, title, content in sections)
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Cairo Talks Archive: coverage report</title><style>{STYLE}</style></head><body>"
            f"<h1>Cairo Talks Archive: coverage report</h1>"
            f'<p class="sub">{span}generated {generated} from {html.escape(str(output_dir / "parquet"))} '
            f"(schema {SCHEMA_VERSION})</p>"
            f'<div class="totals">{cards}</div>{body}</body></html>')
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target
