"""The HTML report: one self-contained page (no external URL, no script) with charts as inline SVG.

Charts are drawn with matplotlib (Agg, SVG output with text as paths, so the page needs no font and opens
offline). Chinese category names need a CJK font on the machine that *renders* the report: the first of
CJK_FONTS found is used (Debian: fonts-noto-cjk or fonts-wqy-zenhei); without one the charts still render and
the page says so. Without matplotlib (`pip install 'xjmsw-crawler[report]'`) the page has its tables only.
"""

from __future__ import annotations

import html
import io
import logging
import re
import shutil
import subprocess
import warnings
from functools import cache
from pathlib import Path

from xjmsw_crawler.report import COUNT_NAMES, NO_DATE, _duration, _size

logger = logging.getLogger(__name__)

#: Font families tried, in order, for Chinese text in charts.
CJK_FONTS = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "Noto Sans CJK JP", "Noto Sans CJK TC", "Droid Sans Fallback", "AR PL UMing CN",
    "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC",
)
#: Where to look for CJK font files when matplotlib's font cache predates their installation.
_FONT_GLOBS = ("/usr/share/fonts/**/*CJK*", "/usr/share/fonts/**/wqy*", "/usr/share/fonts/**/*SourceHan*",
               "/usr/local/share/fonts/**/*CJK*", str(Path.home() / ".fonts/**/*CJK*"))

#: Charts show this many categories; the rest are summed as "other".
TOP_CATEGORIES = 9
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac")


@cache
def matplotlib_pyplot():
    """pyplot on the Agg backend, or None when matplotlib is not installed."""
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


@cache
def cjk_font() -> str | None:
    """The family name of a CJK font matplotlib can use (registering its file if the cache missed it)."""
    if matplotlib_pyplot() is None:
        return None
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FONTS:
        if family in known:
            return family
    for path in _cjk_font_files():
        try:
            font_manager.fontManager.addfont(path)
            name = font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
        logger.debug("Registered CJK font %s (%s)", name, path)
        return name
    return None


def _cjk_font_files() -> list[str]:
    files: list[str] = []
    if shutil.which("fc-list"):
        try:
            listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
            files = sorted({line.split(":")[0].strip() for line in listed.splitlines() if line.strip()})
        except (OSError, subprocess.SubprocessError):
            files = []
    if not files:
        import glob

        files = sorted({f for pattern in _FONT_GLOBS for f in glob.glob(pattern, recursive=True)})
    # Sans before serif, regular before bold: the look of the rest of the chart.
    return sorted((f for f in files if f.lower().endswith((".ttf", ".otf", ".ttc"))),
                  key=lambda f: ("serif" in f.lower() and "sans" not in f.lower(), "bold" in f.lower(), f))


def _style(plt) -> None:
    font = cjk_font()
    plt.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": ([font] if font else []) + ["DejaVu Sans"],
        "svg.fonttype": "path",       # text as outlines: the page needs no font
        "svg.hashsalt": "xjmsw",      # stable ids: the same archive gives the same page
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.unicode_minus": False,
        "font.size": 9,
    })


_SVG_REF = re.compile(r'(\bid="|\bhref="#|url\(#)')


def _svg(fig, prefix: str) -> str:
    """The figure as an <svg> element for inlining: no XML prolog, no metadata, ids prefixed per chart."""
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None,
                                                                           "Format": None, "Type": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # Every id, and every reference to one (all are local to the figure), gets the chart's prefix.
    svg = _SVG_REF.sub(lambda m: f"{m.group(1)}{prefix}-", svg)
    # Scale with the page; keep the aspect ratio.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 class="chart"', svg, count=1)
    return svg


def _top_categories(summary: dict) -> list[str]:
    categories = list(summary["by_category"])
    return categories[:TOP_CATEGORIES] if len(categories) > TOP_CATEGORIES + 1 else categories


def _period_series(summary: dict) -> tuple[list[str], str]:
    """Every month from the first to the last (empty ones too), or years when that is over 20 years."""
    first, last = summary["first_month"], summary["last_month"]
    if not first:
        return [], "month"
    y0, m0 = map(int, first.split("-"))
    y1, m1 = map(int, last.split("-"))
    if (y1 - y0) * 12 + m1 - m0 > 240:
        return [str(y) for y in range(y0, y1 + 1)], "year"
    if y1 - y0 < 3:
        m0, m1 = 1, 12  # whole years: a few months alone make a chart of a few fat bars
    months = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months, "month"


def chart_months(summary: dict) -> str | None:
    """Stacked bars: dated articles per month (or year), one colour per category."""
    plt = matplotlib_pyplot()
    periods, unit = _period_series(summary)
    if plt is None or not periods:
        return None
    _style(plt)
    top = _top_categories(summary)
    series = {c: [0] * len(periods) for c in top}
    other = [0] * len(periods)
    index = {p: i for i, p in enumerate(periods)}
    for month, by_category in summary["by_month_category"].items():
        if month == NO_DATE:
            continue
        i = index.get(month if unit == "month" else month[:4])
        if i is None:
            continue
        for category, count in by_category.items():
            (series[category] if category in series else other)[i] += count
    if any(other):
        series["other"] = other
    fig, ax = plt.subplots(figsize=(10, 4.2))
    bottom = [0] * len(periods)
    for n, (category, values) in enumerate(series.items()):
        ax.bar(range(len(periods)), values, bottom=bottom, width=0.85 if len(periods) > 1 else 0.5,
               color=PALETTE[n % len(PALETTE)], label=category, linewidth=0)
        bottom = [b + v for b, v in zip(bottom, values)]
    if unit == "month" and len(periods) > 24:
        ticks = [i for i, p in enumerate(periods) if p.endswith("-01")] or [0]
        step = max(1, len(ticks) // 16)
        ticks = ticks[::step]
        ax.set_xticks(ticks, [periods[i][:4] for i in ticks])
    else:
        step = max(1, len(periods) // 24)
        ticks = list(range(0, len(periods), step))
        ax.set_xticks(ticks, [periods[i] for i in ticks], rotation=45 if unit == "month" else 0, ha="right" if unit == "month" else "center")
    ax.set_xlim(-0.6, len(periods) - 0.4)
    ax.set_ylabel(f"articles per {unit}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="category")
    svg = _svg(fig, "months")
    plt.close(fig)
    return svg


def chart_categories(summary: dict) -> str | None:
    """Horizontal bars: articles per category (all of them, biggest on top)."""
    plt = matplotlib_pyplot()
    if plt is None or not summary["by_category"]:
        return None
    _style(plt)
    items = list(summary["by_category"].items())[:40]
    fig, ax = plt.subplots(figsize=(5.2, 0.7 + 0.3 * len(items)))
    names = [n for n, _ in items][::-1]
    counts = [c for _, c in items][::-1]
    bars = ax.barh(range(len(items)), counts, color=PALETTE[0], height=0.7)
    ax.set_yticks(range(len(items)), names)
    ax.bar_label(bars, padding=3, fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("articles")
    ax.margins(x=0.12)
    svg = _svg(fig, "categories")
    plt.close(fig)
    return svg


def chart_coverage(summary: dict) -> str | None:
    """Horizontal bars: share of articles that have each field, with the count that lack it."""
    plt = matplotlib_pyplot()
    total = summary["articles"]
    if plt is None or not total:
        return None
    _style(plt)
    items = list(summary["coverage"].items())[::-1]
    fig, ax = plt.subplots(figsize=(5.2, 0.7 + 0.32 * len(items)))
    shares = [100 * c["present"] / total for _, c in items]
    ax.barh(range(len(items)), [100] * len(items), color="#eeeeee", height=0.7)
    ax.barh(range(len(items)), shares, color=PALETTE[4], height=0.7)
    ax.set_yticks(range(len(items)), [name for name, _ in items])
    for i, (_, c) in enumerate(items):
        ax.text(101, i, f"{c['present']}/{total}  ({c['missing']} lack)", va="center", fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of articles that have the field")
    svg = _svg(fig, "coverage")
    plt.close(fig)
    return svg


def chart_runs(summary: dict) -> str | None:
    """Grouped bars per run: new, updated and failed."""
    plt = matplotlib_pyplot()
    runs = [r for r in summary["runs"] if any(r["counts"].get(n) for n in ("new", "updated", "failed"))]
    if plt is None or len(runs) < 2:
        return None
    _style(plt)
    fig, ax = plt.subplots(figsize=(10, 2.6))
    width = 0.27
    for n, (name, colour) in enumerate((("new", PALETTE[4]), ("updated", PALETTE[1]), ("failed", PALETTE[2]))):
        ax.bar([i + (n - 1) * width for i in range(len(runs))], [r["counts"].get(name) or 0 for r in runs],
               width=width, color=colour, label=name)
    step = max(1, len(runs) // 20)
    ticks = list(range(0, len(runs), step))
    ax.set_xticks(ticks, [str(runs[i]["start"] or runs[i]["run_id"])[:10] for i in ticks], rotation=45, ha="right")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_ylabel("articles / URLs")
    ax.yaxis.get_major_locator().set_params(integer=True)
    svg = _svg(fig, "runs")
    plt.close(fig)
    return svg


# -- the page ---------------------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","WenQuanYi Zen Hei","PingFang SC",
"Microsoft YaHei",system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
.meta{color:#666;font-size:.9rem}.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.5rem .9rem;min-width:8rem}
.card b{display:block;font-size:1.5rem}.card span{color:#666;font-size:.85rem}
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}th,td{padding:.2rem .6rem;border-bottom:1px solid #eee}
th{text-align:left;background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
svg.chart{width:100%;height:auto;max-width:100%}figure{margin:1rem 0}figcaption{color:#666;font-size:.85rem}
.warn{background:#fff4e5;border-left:4px solid #f28e2b;padding:.4rem .8rem}.grid td.z{color:#bbb}
.twocol{display:grid;grid-template-columns:repeat(auto-fit,minmax(24rem,1fr));gap:1.5rem}
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _table(head: list[str], rows: list[list], numeric: set[int] = frozenset(), cls: str = "") -> str:
    out = [f'<table class="{cls}">' if cls else "<table>", "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            klass = ' class="n"' if i in numeric else ""
            if i in numeric and cell in (0, "0", "."):
                klass = ' class="n z"'
            cells.append(f"<td{klass}>{_e(cell)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _figure(svg: str | None, caption: str, missing: str) -> str:
    if svg is None:
        return f'<p class="warn">{_e(missing)}</p>'
    return f'<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>'


def render_html(summary: dict) -> str:
    """The report page for a summary from report.summarize()."""
    total = summary["articles"]
    plt = matplotlib_pyplot()
    no_charts = ("Charts need matplotlib: pip install 'xjmsw-crawler[report]'." if plt is None
                 else "No data for this chart.")
    parts: list[str] = []
    add = parts.append
    add("<h1>xjmsw-crawler archive report</h1>")
    add(f'<p class="meta">{_e(summary["archive"])} · generated {_e(summary["generated_at"])}'
        + (f' · {_e(summary["jsonl"])} ({_size(summary["jsonl_bytes"])})' if summary["jsonl"] else "") + "</p>")
    if plt is not None and cjk_font() is None:
        add('<p class="warn">No CJK font was found when this report was made, so Chinese text in the charts may show '
            "as boxes (Debian: apt-get install fonts-noto-cjk). The tables are not affected.</p>")
    if summary["bad_lines"]:
        first = summary["bad_lines"][0]
        add(f'<p class="warn">{len(summary["bad_lines"])} lines of the JSONL could not be read (first: line '
            f'{first["line"]}: {_e(first["error"])}). Run <code>xjmsw validate</code> for details.</p>')
    v = summary["versions"]
    cards = [
        (total, "articles"), (summary["records"], "records (all versions)"), (v["edited_articles"], "edited articles"),
        (summary["multi_page"], "multi-page articles"), (len(summary["by_category"]), "categories"),
        (summary["by_month"].get(NO_DATE, 0), "without a date"), (summary["failures"]["urls"], "failed URLs"),
        (summary["runs_total"], "runs"),
    ]
    add('<div class="cards">' + "".join(f'<div class="card"><b>{_e(n)}</b><span>{_e(label)}</span></div>'
                                        for n, label in cards) + "</div>")
    if summary["first_month"]:
        add(f'<p>Published {_e(summary["first_month"])} to {_e(summary["last_month"])}; fetched '
            f'{_e(summary["fetched_first"])} to {_e(summary["fetched_last"])}.</p>')

    add("<h2>Articles per month and category</h2>")
    add(_figure(chart_months(summary),
                f"Dated articles by {_period_series(summary)[1]} of publication, by category (the {TOP_CATEGORIES} largest; the rest as "
                f"'other'). " + _undated(summary), no_charts))
    add(_month_table(summary))

    add('<h2>Categories and field coverage</h2><div class="twocol"><div>')
    add(_figure(chart_categories(summary), "Articles per category (latest version of each).", no_charts))
    add(_table(["category", "articles", "share"],
               [[c, n, f"{100 * n / total:.1f}%"] for c, n in summary["by_category"].items()], numeric={1, 2}))
    add("</div><div>")
    add(_figure(chart_coverage(summary), "Share of articles that have each field.", no_charts))
    add(_table(["field", "have", "lack", "meaning"],
               [[name, c["present"], c["missing"], c["label"]] for name, c in summary["coverage"].items()],
               numeric={1, 2}))
    add("</div></div>")

    add("<h2>Versions</h2>")
    add(f"<p>{v['edited_articles']} articles changed after they were first archived; the archive holds "
        f"{v['extra_versions']} later versions of them.</p>")
    add(_table(["versions", "articles"], [[k, n] for k, n in v["histogram"].items()], numeric={0, 1}))

    failures = summary["failures"]
    add("<h2>Failures</h2>")
    if failures["urls"]:
        add(f"<p>{failures['urls']} URLs failed for good ({failures['entries']} entries in failures.jsonl); "
            f"{failures['since_archived']} of them have been archived since"
            + (f"; {failures['dead_links']} are dead links (the site's own broken links)" if failures["dead_links"] else "")
            + ". Retry with "
            "<code>xjmsw harvest --retry-failures</code>.</p>")
        add(_table(["reason", "URLs"], list(failures["by_reason"].items()), numeric={1}))
        add(_table(["most recent", "reason", "time"], [[f["url"], f["reason"], f["time"]] for f in failures["recent"]]))
    else:
        add("<p>None recorded.</p>")

    add("<h2>Runs</h2>")
    if summary["runs"]:
        add(_figure(chart_runs(summary), "Articles new and updated, and URLs failed, per run.", "")
            if len(summary["runs"]) > 1 else "")
        rows = [[r["run_id"], r["start"], _duration(r["duration"]), r["status"], r.get("state") or "",
                 *["" if r["counts"].get(n) is None else r["counts"][n] for n in COUNT_NAMES], r["base_url"]]
                for r in reversed(summary["runs"])]
        add(_table(["run", "start", "duration", "exit", "result", *COUNT_NAMES, "base URL"], rows,
                   numeric={3, *range(5, 5 + len(COUNT_NAMES))}))
        if summary["runs"][-1].get("summary"):
            add(f"<p>Last run: {_e(summary['runs'][-1]['summary'])}</p>")
    else:
        add("<p>No run manifests (runs/*.json) in this folder.</p>")
    if summary.get("state") and summary["state"].get("tables"):
        add("<p>state.sqlite: " + ", ".join(f"{_e(t)} {n} rows" for t, n in summary["state"]["tables"].items()) + "</p>")

    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>Archive report: {total} articles</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _undated(summary: dict) -> str:
    n = summary["by_month"].get(NO_DATE, 0)
    return "Every article has a date." if not n else f"{n} article{'s' if n > 1 else ''} without a date {'are' if n > 1 else 'is'} not shown."


def _month_table(summary: dict) -> str:
    """Years as rows, months as columns."""
    grid: dict[str, dict[int, int]] = {}
    for month, count in summary["by_month"].items():
        if month != NO_DATE:
            grid.setdefault(month[:4], {})[int(month[5:7])] = count
    if not grid:
        return "<p>No dated articles.</p>"
    rows = [[year, *[grid[year].get(m, 0) for m in range(1, 13)], sum(grid[year].values())] for year in sorted(grid)]
    return _table(["year", *[str(m) for m in range(1, 13)], "total"], rows, numeric=set(range(1, 14)), cls="grid")


def write_html(summary: dict, path: Path | str) -> Path:
    """Writes the page (atomically: a reader never sees half a page)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(render_html(summary), "utf-8")
    temporary.replace(path)
    return path
