"""What an archive folder holds, summarised for people: `xjmsw report` (terminal) and report_html (the page).

An archive folder is what `xjmsw harvest` writes (any file may be missing; a plain `scrapy crawl` output file works
too):

    articles.jsonl      one record per article version (README "The record", plus int `version` in harvests)
    runs/<run-id>.json  one manifest per harvest run
    failures.jsonl      URLs that failed for good
    state.sqlite        what the harvester knows about each URL

`summarize(path)` reads them once, streaming the JSONL, and returns plain data (JSON-able) that both the terminal
report and the HTML report render; the tests check its numbers against the JSONL.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

#: Fields whose absence a researcher wants to know about, with how "present" is decided.
COVERAGE_FIELDS: dict[str, str] = {
    "published": "a publication date",
    "author": "an author (作者)",
    "source": "a source (来源)",
    "category": "a category",
    "breadcrumb": "a breadcrumb",
    "images": "at least one image",
    "prev": "a 上一篇 link",
    "next": "a 下一篇 link",
}

NO_DATE = "(no date)"
_MONTH = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])")
NO_CATEGORY = "(none)"


def _present(record: dict, name: str) -> bool:
    value = record.get(name)
    return bool(value) if isinstance(value, (list, dict, str)) else value is not None


def _version(record: dict) -> int:
    value = record.get("version", 1)
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


def find_jsonl(path: Path) -> Path | None:
    """The archive's JSONL: path itself when it is a file, else DIR/articles.jsonl (None when missing)."""
    if path.is_file():
        return path
    candidate = path / "articles.jsonl"
    return candidate if candidate.is_file() else None


def iter_jsonl(path: Path):
    """(line number, parsed object or None, error message or None) for each non-empty line, 1-based.

    A line that is not UTF-8 or not a JSON object yields (n, None, why); a torn last line (a crash mid-write)
    is such a line.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                yield number, None, "empty line"
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                torn = "" if raw.endswith(b"\n") else " (torn last line?)"
                yield number, None, f"not JSON: {exc.msg} at column {exc.colno}{torn}"
                continue
            if not isinstance(value, dict):
                yield number, None, f"not a JSON object but {type(value).__name__}"
                continue
            yield number, value, None


# -- run manifests, failures, state ------------------------------------------------------------------------

#: Manifest keys as `xjmsw harvest` writes them, with the spellings other versions may use.
_RUN_KEYS = {
    "start": ("start", "started", "started_at", "start_time"),
    "end": ("end", "ended", "finished", "finished_at", "end_time"),
    "status": ("exit_status", "exit_code", "returncode", "status"),
}
#: Counts of a run: pages fetched; articles new, updated (a new version), unchanged (fetched again, same body),
#: skipped (archived before, not fetched again); URLs failed for good; records dropped (invalid, duplicate).
COUNT_NAMES = ("fetched", "new", "updated", "unchanged", "skipped", "failed", "dropped")
_COUNT_KEYS = {
    "fetched": ("fetched", "pages_fetched", "pages", "fetches"),
    "new": ("new", "articles_new"),
    "updated": ("updated", "articles_updated", "edited"),
    "unchanged": ("unchanged", "articles_unchanged"),
    "skipped": ("skipped_archived", "skipped"),
    "failed": ("failed", "failures"),
    "dropped": ("dropped",),
}


def _first(mapping: dict, names) -> object:
    for name in names:
        if name in mapping and mapping[name] is not None:
            return mapping[name]
    return None


def _count(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, (list, dict)):
        return len(value)
    return None


def _parse_time(value) -> datetime | None:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def read_run(path: Path) -> dict:
    """One manifest (runs/<run-id>.json) in a fixed shape; unknown or missing values are None."""
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        return {"run_id": path.stem, "error": f"unreadable manifest: {exc}", "start": None, "end": None,
                "duration": None, "status": None, "state": None, "base_url": None, "counts": {}, "failed_urls": 0,
                "summary": None}
    counts_src = data.get("counts") if isinstance(data.get("counts"), dict) else data
    counts = {}
    for name in COUNT_NAMES:
        value = _count(_first(counts_src, _COUNT_KEYS[name]))
        if value is None and counts_src is not data:
            value = _count(_first(data, _COUNT_KEYS[name]))
        counts[name] = value
    start, end = (_first(data, _RUN_KEYS["start"]), _first(data, _RUN_KEYS["end"]))
    t0, t1 = _parse_time(start), _parse_time(end)
    failed_urls = _first(data, ("failed_urls", "failures", "failed"))
    duration = data.get("duration_s") if isinstance(data.get("duration_s"), (int, float)) else None
    state = data.get("status") if isinstance(data.get("status"), str) else None
    return {
        "run_id": str(data.get("run") or data.get("run_id") or data.get("id") or path.stem),
        "start": t0.isoformat().replace("+00:00", "Z") if t0 else start,
        "end": t1.isoformat().replace("+00:00", "Z") if t1 else end,
        "duration": duration if duration is not None else (t1 - t0).total_seconds() if t0 and t1 else None,
        "status": _first(data, _RUN_KEYS["status"]),
        "state": state,
        "base_url": data.get("base_url"),
        "counts": counts,
        "failed_urls": len(failed_urls) if isinstance(failed_urls, list) else 0,
        "summary": data.get("summary") if isinstance(data.get("summary"), str) else None,
    }


def read_runs(root: Path) -> list[dict]:
    """Every manifest in root/runs/, oldest first (by start time, then run id)."""
    folder = root / "runs"
    if not folder.is_dir():
        return []
    runs = [read_run(p) for p in folder.glob("*.json")]
    return sorted(runs, key=lambda r: (str(r["start"] or ""), r["run_id"]))


def _failure_reason(entry: dict) -> str:
    for name in ("reason", "status", "exception", "error"):
        value = entry.get(name)
        if value not in (None, ""):
            return f"HTTP {value}" if isinstance(value, int) else str(value).splitlines()[0][:80]
    return "unknown"


def read_failures(root: Path, archived_urls: set[str]) -> dict:
    """failures.jsonl: how many entries and URLs, by reason, and how many of those URLs were archived since."""
    path = root / "failures.jsonl"
    result = {"entries": 0, "urls": 0, "dead_links": 0, "by_reason": {}, "since_archived": 0, "recent": [],
              "bad_lines": 0}
    if not path.is_file():
        return result
    latest: dict[str, dict] = {}
    for _, entry, error in iter_jsonl(path):
        if error:
            result["bad_lines"] += 1
            continue
        result["entries"] += 1
        url = entry.get("url")
        if isinstance(url, str):
            latest[url] = entry
    reasons = Counter(_failure_reason(e) for e in latest.values())
    result["urls"] = len(latest)
    result["dead_links"] = sum(bool(e.get("dead_link")) for e in latest.values())
    result["by_reason"] = dict(reasons.most_common())
    result["since_archived"] = sum(url in archived_urls for url in latest)
    recent = sorted(latest.items(), key=lambda kv: str(kv[1].get("time") or kv[1].get("failed_at") or ""))[-10:]
    result["recent"] = [
        {"url": url, "reason": _failure_reason(e), "time": e.get("time") or e.get("failed_at")} for url, e in reversed(recent)
    ]
    return result


def read_state(root: Path) -> dict | None:
    """A few numbers from state.sqlite (read-only): rows per table. None when there is no state DB."""
    path = root / "state.sqlite"
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            counts = {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return {"error": str(exc), "tables": {}}
    return {"tables": counts}


# -- the summary ---------------------------------------------------------------------------------------------


@dataclass
class _Latest:
    """What the summary keeps of an article's latest version (not its body: archives can be large)."""

    line: int
    version: int
    url: str
    category: str
    month: str
    present: dict = field(default_factory=dict)
    pages: int = 1


def summarize(path: Path | str, *, runs: int | None = None) -> dict:
    """Everything the reports show, as plain data. path: an archive folder, or a JSONL file (whose folder is
    then read for runs/, failures.jsonl and state.sqlite).

    Articles are counted once each, by their latest version (highest `version`, a record without one being
    version 1); `records` counts every line that holds a record.
    """
    path = Path(path)
    root = path if path.is_dir() else path.parent
    jsonl = find_jsonl(path)
    latest: dict[str, _Latest] = {}
    versions: Counter[str] = Counter()
    records = 0
    bad_lines: list[dict] = []
    fetched_first = fetched_last = None
    if jsonl:
        for number, record, error in iter_jsonl(jsonl):
            if error:
                bad_lines.append({"line": number, "error": error})
                continue
            records += 1
            rid = str(record.get("id") or record.get("url") or f"line {number}")
            versions[rid] += 1
            version = _version(record)
            fetched = record.get("fetched_at")
            if isinstance(fetched, str):
                fetched_first = min(fetched_first or fetched, fetched)
                fetched_last = max(fetched_last or fetched, fetched)
            known = latest.get(rid)
            if known is not None and known.version > version:
                continue
            published = record.get("published")
            latest[rid] = _Latest(
                line=number,
                version=version,
                url=str(record.get("url") or ""),
                category=record.get("category") or NO_CATEGORY,
                month=published[:7] if isinstance(published, str) and _MONTH.match(published) else NO_DATE,
                present={name: _present(record, name) for name in COVERAGE_FIELDS},
                pages=record.get("pages") if isinstance(record.get("pages"), int) else 1,
            )
    articles = list(latest.values())
    total = len(articles)
    by_category = Counter(a.category for a in articles)
    by_month = Counter(a.month for a in articles)
    month_category: dict[str, Counter] = defaultdict(Counter)
    for a in articles:
        month_category[a.month][a.category] += 1
    coverage = {}
    for name, label in COVERAGE_FIELDS.items():
        present = sum(a.present[name] for a in articles)
        coverage[name] = {"label": label, "present": present, "missing": total - present}
    dated = sorted(m for m in by_month if m != NO_DATE)
    version_histogram = Counter(versions.values())
    all_runs = read_runs(root)
    return {
        "archive": str(root.resolve()),
        "jsonl": str(jsonl.resolve()) if jsonl else None,
        "jsonl_bytes": jsonl.stat().st_size if jsonl else 0,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "records": records,
        "articles": total,
        "bad_lines": bad_lines,
        "versions": {
            "edited_articles": sum(1 for n in versions.values() if n > 1),
            "extra_versions": records - len(versions),
            "histogram": {str(k): v for k, v in sorted(version_histogram.items())},
        },
        "multi_page": sum(a.pages > 1 for a in articles),
        "by_category": dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_month": dict(sorted(by_month.items())),
        "by_month_category": {m: dict(c) for m, c in sorted(month_category.items())},
        "first_month": dated[0] if dated else None,
        "last_month": dated[-1] if dated else None,
        "fetched_first": fetched_first,
        "fetched_last": fetched_last,
        "coverage": coverage,
        "failures": read_failures(root, {a.url for a in articles}),
        "runs_total": len(all_runs),
        "runs": all_runs[-runs:] if runs else all_runs,
        "state": read_state(root),
    }


# -- the terminal report ----------------------------------------------------------------------------------------


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def format_text(summary: dict, *, months: str = "grid") -> str:
    """The terminal report."""
    out: list[str] = []
    add = out.append
    total = summary["articles"]
    add(f"Archive {summary['archive']}")
    if summary["jsonl"] is None:
        add("  no articles.jsonl yet")
    else:
        v = summary["versions"]
        add(f"  {summary['jsonl']}: {summary['records']} records, {_size(summary['jsonl_bytes'])}")
        add(f"  {total} articles; {v['edited_articles']} edited ({v['extra_versions']} later versions); "
            f"{summary['multi_page']} multi-page")
        if summary["fetched_first"]:
            add(f"  fetched {summary['fetched_first']} .. {summary['fetched_last']}")
        if summary["first_month"]:
            add(f"  published {summary['first_month']} .. {summary['last_month']}; "
                f"{summary['by_month'].get(NO_DATE, 0)} without a date")
        if summary["bad_lines"]:
            first = summary["bad_lines"][0]
            add(f"  WARNING: {len(summary['bad_lines'])} unreadable lines (first: line {first['line']}: "
                f"{first['error']}); run `xjmsw validate` for details")

    if total:
        add("")
        add("Articles per category")
        width = max(_width(c) for c in summary["by_category"])
        for category, count in summary["by_category"].items():
            add(f"  {_ljust(category, width)}  {count:6d}  {_pct(count, total)}")

        add("")
        add("Articles per month (by publication date)")
        out.extend(_month_grid(summary["by_month"]) if months == "grid" else _month_list(summary["by_month"]))

        add("")
        add("Field coverage (latest version of each article)")
        for name, c in summary["coverage"].items():
            add(f"  {name:<10} {c['present']:6d} have {_pct(c['present'], total)}   {c['missing']:6d} lack {c['label']}")

        hist = summary["versions"]["histogram"]
        if len(hist) > 1:
            add("")
            add("Versions")
            for n, count in hist.items():
                add(f"  {count:6d} articles with {n} version{'s' if n != '1' else ''}")

    failures = summary["failures"]
    add("")
    if failures["urls"]:
        dead = f", {failures['dead_links']} of them dead links" if failures["dead_links"] else ""
        add(f"Failures: {failures['urls']} URLs in failures.jsonl ({failures['since_archived']} archived since{dead})")
        for reason, count in list(failures["by_reason"].items())[:8]:
            add(f"  {count:6d}  {reason}")
    else:
        add("Failures: none recorded")

    add("")
    if summary["runs"]:
        shown = len(summary["runs"])
        add(f"Last runs ({shown} of {summary['runs_total']})" if shown < summary["runs_total"] else "Runs")
        widths = {n: max(len(n), 6) for n in COUNT_NAMES}
        add("  " + _ljust("run", 18) + " start               duration  exit  "
            + " ".join(f"{n:>{widths[n]}}" for n in COUNT_NAMES) + "  result")
        for run in reversed(summary["runs"]):
            counts = " ".join(f"{'-' if run['counts'].get(n) is None else run['counts'][n]:>{widths[n]}}"
                              for n in COUNT_NAMES)
            status = "-" if run["status"] is None else run["status"]
            start = str(run["start"] or "?")[:19]
            state = f"  {run['state']}" if run.get("state") and run["state"] != status else ""
            add(f"  {_ljust(run['run_id'][:18], 18)} {start:<19} {_duration(run['duration']):>8}  {status!s:>4}  {counts}{state}")
            if run.get("error"):
                add(f"    {run['error']}")
        last = summary["runs"][-1]
        if last.get("summary"):
            add(f"  Last run: {last['summary']}")
    else:
        add("Runs: no run manifests (runs/*.json)")
    return "\n".join(out) + "\n"


def _month_grid(by_month: dict[str, int]) -> list[str]:
    """Years as rows, months as columns: compact for a decade of news."""
    grid: dict[str, dict[int, int]] = defaultdict(dict)
    for month, count in by_month.items():
        if month == NO_DATE:
            continue
        year, _, mm = month.partition("-")
        if mm.isdigit():
            grid[year][int(mm)] = count
    lines = ["  year " + "".join(f"{m:>6d}" for m in range(1, 13)) + "   total"]
    for year in sorted(grid):
        row = grid[year]
        lines.append(f"  {year:<4} " + "".join(f"{row.get(m, 0) or '.':>6}" for m in range(1, 13)) + f"{sum(row.values()):>8d}")
    if by_month.get(NO_DATE):
        lines.append(f"  {NO_DATE}: {by_month[NO_DATE]}")
    return lines


def _month_list(by_month: dict[str, int]) -> list[str]:
    return [f"  {month:<9} {count:6d}" for month, count in by_month.items()]
