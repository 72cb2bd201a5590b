"""Shared helpers for the benchmarks: the page sets, the tools compared, field scoring, table printing."""

from __future__ import annotations

import csv
import difflib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from xjmsw_crawler.mirror import Mirror, expected_records

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
OUT = REPO / "bench" / "out"
REALWORLD = Path(os.environ.get("XJMSW_REALWORLD", REPO.parent / "shared" / "realworld"))
#: The host the fixture pages are "fetched" from (expected records hold root-relative URLs).
FIXTURE_BASE = "http://www.xjmsw.cn"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass
class PageFile:
    path: Path
    url: str
    headers: dict
    set: str  # "fixture" | "portal" | "realworld"
    expected: dict | None = None  # fixture: expected record (absolute URLs); realworld: {"title": ...} or None
    body: bytes = field(default=b"", repr=False)


def mirror_article_pages(root: Path, set_name: str, limit: int | None = None, base: str = FIXTURE_BASE) -> list[PageFile]:
    """Page 1 of the articles of a mirror (pages.json "article", in its order) at base, with the headers
    headers.json gives them and their expected records."""
    mirror = Mirror(root)
    headers = json.loads((root / "headers.json").read_text("utf-8")) if (root / "headers.json").exists() else {}
    expected = expected_records(root, base) if (root / "expected.jsonl").exists() else {}
    out = []
    for url_path, kind in json.loads((root / "pages.json").read_text("utf-8")).items():
        file = mirror.file(url_path) if kind == "article" else None
        if file is None:
            continue
        out.append(PageFile(file, base + url_path, dict(headers.get(url_path, {}).get("headers", {})),
                            set_name, expected.get(base + url_path), file.read_bytes()))
        if len(out) == limit:
            break
    return out


def fixture_article_pages() -> list[PageFile]:
    """Every article (page 1) of every fixture mirror, each mirror on a host of its own (the site it stands for: a
    crawl learns one site's templates, not forty sites' under one name)."""
    return [page for root in sorted(p for p in FIXTURES.iterdir() if (p / "pages.json").exists() and (p / "site").is_dir())
            for page in mirror_article_pages(root, "fixture", base=f"http://{root.name}.fixture.invalid")]


def portal_article_pages(n: int = 400) -> list[PageFile]:
    """Page 1 of n distinct articles of a synthetic portal (bench/synth.py: the main fixture mirror's templates
    A and B, bench/out/synth-1000, written when missing), in pages.json order: what a crawl or `xjmsw parse`
    over an archive meets, many pages per template."""
    import synth

    synth.generate(OUT / "synth-1000", 1000, quiet=True)
    return mirror_article_pages(OUT / "synth-1000", "portal", n)


def realworld_pages() -> list[PageFile]:
    """Every page of the real-world GB corpus (MANIFEST.tsv), read in place (never copied)."""
    manifest = REALWORLD / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    out = []
    with open(manifest, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            file = REALWORLD / row["path"]
            if not file.is_file():
                continue
            url = row.get("original_url") or ""
            if not url.startswith(("http://", "https://")):
                url = "http://realworld.invalid/" + row["path"]
            expected = {"title": row["title"]} if row.get("has_article") == "yes" and row.get("title") else None
            out.append(PageFile(file, url, {}, "realworld", expected, file.read_bytes()))
    return out


# -- scoring --------------------------------------------------------------------------------------------

_WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def squash(text: str | None) -> str:
    return _WS.sub("", text or "")


def body_similarity(got: str | None, want: str | None) -> float:
    """difflib's ratio of the two texts without whitespace; by lines past 20,000 characters (by characters it is
    quadratic: hours on holdout-hugepage's 1.2-million-character notice)."""
    a, b = squash(got), squash(want)
    if not a and not b:
        return 1.0
    if max(len(a), len(b)) > 20_000:
        a, b = [squash(line) for line in (got or "").splitlines()], [squash(line) for line in (want or "").splitlines()]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def same_text(got, want) -> bool:
    return squash(got) == squash(want)


def date_part(value) -> str | None:
    if not value:
        return None
    from xjmsw_crawler.parsers.normalize import parse_date

    iso = parse_date(str(value))
    return iso[:10] if iso else None


def link_ok(got: dict | None, want: dict | None) -> bool:
    if not want:
        return not got
    if not got:
        return False
    from xjmsw_crawler.parsers.normalize import canonical_url

    return canonical_url(got["url"]) == canonical_url(want["url"]) and same_text(got["title"], want["title"])


# -- tables ---------------------------------------------------------------------------------------------

def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    """A GitHub-flavoured Markdown table (readable as plain text too)."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(r):
        return "| " + " | ".join(c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(r, widths, align)) + " |"

    sep = "| " + " | ".join(("-" * w if a == "l" else "-" * (w - 1) + ":") for w, a in zip(widths, align)) + " |"
    return "\n".join([line(cells[0]), sep] + [line(r) for r in cells[1:]])


def fmt(x, digits=0) -> str:
    if x is None:
        return "—"
    if isinstance(x, float) and digits == 0 and x < 10:
        return f"{x:.1f}"
    return f"{x:,.{digits}f}"


def pct(x) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"
