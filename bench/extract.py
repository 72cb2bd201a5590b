"""Benchmark 1, extraction: the project's parser against trafilatura, GeneralNewsExtractor and bare lxml.

    python bench/extract.py [--rounds 5] [--cli-pages 400] [--json out.json]

Page sets:
  fixture    every "article" page of every fixture mirror (fixtures/*/pages.json): 56 pages, five templates
  portal     page 1 of 400 distinct articles of a synthetic portal (bench/synth.py, the fixture mirror's templates
             A and B): what a crawl or `xjmsw parse` over an archive meets, many pages per template
  realworld  every page of the real-world GB corpus (../shared/realworld/, read in place; skipped with a message
             when absent): 43 sites, one page each
The ratios are given per set and over all pages.

Tools, each timed from the page's bytes (decoding included, so every tool pays for it):
  xjmsw              parsers.extract_article + build_record with template learning (what `xjmsw parse` does):
                     decode, classify, every record field incl. body_html; a fresh parsers.template.Templates at
                     the start of every pass, so the first pages of each template are read the generic way and
                     learning is paid for in the time
  xjmsw generic      the same with the generic reader only (XJMSW_TEMPLATES=False)
  xjmsw crawl path   parsers.parse_page with template learning (+ build_record on article pages): what the
                     spider calls per page, incl. the page's links and listing entries
  trafilatura        decode_html + trafilatura.bare_extraction(with_metadata=True); also fast=True
  gne                decode_html + GeneralNewsExtractor().extract
  floor              decode_html + lxml.html.fromstring (the bare parse every tool needs at least)
The peers get the text decoded by the project's decode_html, so they see the right characters (given the
bytes, they mis-decode several GB pages) and the decode cost is the same for everyone.

Timing: ROUNDS rounds, in each round every tool does one pass over each set; a tool's time per set is its
fastest pass (the least disturbed one), in CPU time of this process (time.process_time), so that other work on
the machine disturbs the ratios as little as possible. The parsers' memo caches (functools.lru_cache) are
emptied before every pass: a pass sees its pages as new, not as the last round's.

Accuracy (fixture article pages, against expected.jsonl): title and author exact (whitespace ignored),
published by date (YYYY-MM-DD), body = difflib ratio with all whitespace removed (by lines past 20,000
characters; single-page articles: page 1 of a multi-page article holds only part of the body), prev/next = both
links' URL and text right.
Real-world: title exact on the pages whose manifest gives the printed headline.

Also the outside check: `xjmsw parse` (by default a worker process per CPU; and with --jobs 1) and the same
for each peer (bench/peer_cli.py, one process) over several hundred page files, minus a one-page run (startup):
wall clock and CPU seconds (the command's and its workers', from the kernel's accounting of waited-for
children), each the best of 3; over the 400 portal pages, and over the fixture and real-world pages repeated to
400 files.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (body_similarity, date_part, fixture_article_pages, fmt, link_ok, log, pct,  # noqa: E402
                    portal_article_pages, realworld_pages, REALWORLD, same_text, table)

SETS = ("fixture", "portal", "realworld")

FETCHED_AT = "2026-01-01T00:00:00Z"


# -- the tools: run(page) does the timed work, fields(result) maps its output for scoring ---------------

def make_tools(with_fast_trafilatura: bool = True):
    """[(name, run(page), fields(result) or None, start_pass() or None)]; the project's tools first, the floor last."""
    import lxml.html

    from xjmsw_crawler.parsers import build_record, decode_html, extract_article, merge_pages, parse_page
    from xjmsw_crawler.parsers.template import Templates

    learned = {}

    def fresh_templates():
        learned["templates"] = Templates()

    def xjmsw(p, templates=True):
        article, encoding = extract_article(p.url, p.body, p.headers, templates=learned["templates"] if templates else None)
        return build_record(article, url=p.url, encoding=encoding, fetched_at=FETCHED_AT,
                            pages=len(article.page_urls) or 1)

    def xjmsw_fields(r):
        return r

    def crawl_path(p):
        page = parse_page(p.url, p.body, p.headers, templates=learned["templates"])
        if page.article is not None and page.kind == "article":
            return build_record(merge_pages([page.article]), url=p.url, encoding=page.encoding,
                                fetched_at=FETCHED_AT, pages=max(len(page.article.page_urls), 1))
        return None

    def crawl_fields(r):
        return r or {}

    def floor(p):
        text, _ = decode_html(p.body, p.headers)
        try:
            return lxml.html.fromstring(text)
        except ValueError:  # "Unicode strings with encoding declaration are not supported" (RSS feeds)
            return lxml.html.fromstring(text.split("?>", 1)[-1])

    tools = [("xjmsw (extract_article + build_record)", xjmsw, xjmsw_fields, fresh_templates),
             ("xjmsw, generic reader only", lambda p: xjmsw(p, templates=False), xjmsw_fields, None),
             ("xjmsw crawl path (parse_page)", crawl_path, crawl_fields, fresh_templates)]
    try:
        import trafilatura

        def traf(p, fast=False):
            text, _ = decode_html(p.body, p.headers)
            return trafilatura.bare_extraction(text, url=p.url, with_metadata=True, fast=fast)

        def traf_fields(d):
            if d is None:
                return {}
            return {"title": d.title, "author": d.author, "published": d.date, "body": d.text}

        tools.append(("trafilatura 2 (defaults)", traf, traf_fields, None))
        if with_fast_trafilatura:
            tools.append(("trafilatura 2 (fast=True)", lambda p: traf(p, fast=True), traf_fields, None))
    except ImportError:
        log("  extract: trafilatura not installed (pip install -e '.[bench]'): left out")
    try:
        from gne import GeneralNewsExtractor

        extractor = GeneralNewsExtractor()

        def gne(p):
            text, _ = decode_html(p.body, p.headers)
            try:
                return extractor.extract(text)
            except Exception:  # noqa: BLE001 - gne raises on some pages; counts as an empty result
                return None

        def gne_fields(d):
            if not d:
                return {}
            return {"title": d.get("title"), "author": d.get("author"), "published": d.get("publish_time"),
                    "body": d.get("content")}

        tools.append(("gne 0.4 (GeneralNewsExtractor)", gne, gne_fields, None))
    except ImportError:
        log("  extract: gne not installed (pip install -e '.[bench]'): left out")
    tools.append(("floor: decode_html + lxml.html.fromstring", floor, None, None))
    return tools


# -- scoring --------------------------------------------------------------------------------------------

def score(pages, outputs, fields) -> dict:
    """Field accuracy of one tool's outputs (same order as pages)."""
    if fields is None:
        return {}
    n = {"title": 0, "author": 0, "published": 0, "links": 0, "body": 0, "rw_title": 0}
    ok = {k: 0.0 for k in n}
    for p, out in zip(pages, outputs):
        got = fields(out) if out is not None else {}
        want = p.expected
        if want is None or p.set == "portal":  # portal pages: timing only (clones of the fixture's articles)
            continue
        if p.set == "realworld":
            n["rw_title"] += 1
            ok["rw_title"] += same_text(got.get("title"), want["title"])
            continue
        n["title"] += 1
        ok["title"] += same_text(got.get("title"), want["title"])
        n["author"] += 1
        ok["author"] += same_text(got.get("author") or "", want["author"] or "")
        n["published"] += 1
        ok["published"] += date_part(got.get("published")) == (want["published"] or "")[:10] or (
            not want["published"] and not got.get("published"))
        if "prev" in got:
            n["links"] += 1
            ok["links"] += link_ok(got.get("prev"), want["prev"]) and link_ok(got.get("next"), want["next"])
        if want.get("pages", 1) == 1:
            n["body"] += 1
            ok["body"] += body_similarity(got.get("body"), want["body"])
    return {k: (ok[k] / n[k] if n[k] else None) for k in n} | {"n_" + k: v for k, v in n.items()}


# -- timing ---------------------------------------------------------------------------------------------

def clear_parser_caches() -> None:
    """Empty every functools.lru_cache of the parsers (URL canonicalisation, boilerplate verdicts, ...)."""
    import importlib
    import pkgutil

    import xjmsw_crawler.parsers as parsers

    for info in pkgutil.iter_modules(parsers.__path__):
        for obj in vars(importlib.import_module(f"{parsers.__name__}.{info.name}")).values():
            if callable(getattr(obj, "cache_clear", None)):
                obj.cache_clear()


def time_tools(tools, sets: dict, rounds: int) -> dict:
    best = {name: {s: float("inf") for s in sets} for name, _, _, _ in tools}
    for r in range(rounds):
        for name, run, _, start_pass in tools:
            for s, pages in sets.items():
                if not pages:
                    continue
                clear_parser_caches()
                if start_pass:
                    start_pass()
                t0 = time.process_time()
                for p in pages:
                    run(p)
                best[name][s] = min(best[name][s], time.process_time() - t0)
        log(f"  extract: round {r + 1}/{rounds} done")
    return best


# -- the outside check: one process over many files ------------------------------------------------------

def cli_check(label: str, pages, n_files: int, runs: int = 3) -> list[dict]:
    """`xjmsw parse FILE…` (default: a worker process per CPU; and with --jobs 1) and bench/peer_cli.py TOOL FILE…
    over n_files page files: wall-clock and CPU seconds (each the least of `runs`), a one-page run's subtracted."""
    files = [str(p.path) for p in pages]
    many = (files * (n_files // max(len(files), 1) + 1))[:n_files]
    small = min(files, key=lambda f: os.path.getsize(f))
    bindir = Path(sys.executable).parent
    xjmsw = str(bindir / "xjmsw") if (bindir / "xjmsw").exists() else None
    commands = []
    if xjmsw:
        commands += [("xjmsw parse", [xjmsw, "parse"]), ("xjmsw parse -j 1", [xjmsw, "parse", "-j", "1"])]
    peer = [sys.executable, str(Path(__file__).resolve().parent / "peer_cli.py")]
    for tool in ("trafilatura", "gne", "lxml"):
        commands.append((f"peer_cli.py {tool}", peer + [tool]))
    results = []
    for name, cmd in commands:
        def timed(args):  # (wall s, CPU s = user + sys of the run and its workers), each the least of `runs`
            wall = cpu = float("inf")
            for _ in range(runs):
                before, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                done = subprocess.run(cmd + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                w, after = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
                if done.returncode not in (0, 1):
                    raise RuntimeError(f"{name} failed: {done.stderr[-500:]}")
                wall = min(wall, w)
                cpu = min(cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            return wall, cpu
        (w1, c1), (wn, cn) = timed([small]), timed(many)
        wall_ms, cpu_ms = 1000 * (wn - w1) / (len(many) - 1), 1000 * (cn - c1) / (len(many) - 1)
        results.append({"pages": label, "distinct": len(set(many)), "command": name, "files": len(many),
                        "startup_wall_s": w1, "total_wall_s": wn, "startup_s": c1, "total_s": cn,
                        "wall_ms_per_page": wall_ms, "ms_per_page": cpu_ms,
                        "pages_per_s": 1000 / wall_ms if wall_ms > 0 else None,
                        "pages_per_cpu_s": 1000 / cpu_ms if cpu_ms > 0 else None})
        log(f"  extract: {name} over {label}: {len(many)} files in {wn:.2f} s ({cn:.2f} CPU s), startup {w1:.2f} s "
            f"({c1:.2f} CPU s) -> {wall_ms:.2f} ms/page ({cpu_ms:.2f} CPU ms)")
    return results


def run(rounds: int = 5, cli_pages: int = 400, cli_runs: int = 3) -> dict:
    sets = {"fixture": fixture_article_pages(), "portal": portal_article_pages(400), "realworld": realworld_pages()}
    if not sets["realworld"]:
        log(f"  extract: no real-world corpus at {REALWORLD} (set XJMSW_REALWORLD): no real-world pages")
    if not sets["fixture"]:
        log("  extract: no fixture article pages (fixtures/*/pages.json)")
    log("  extract: " + ", ".join(f"{len(v)} {k} pages" for k, v in sets.items()))
    tools = make_tools()
    all_pages = [p for pages in sets.values() for p in pages]
    accuracy = {}
    for name, run_tool, fields, start_pass in tools:  # warm-up pass, also the outputs that are scored
        if start_pass:
            start_pass()
        outputs = [run_tool(p) for p in all_pages]
        accuracy[name] = score(all_pages, outputs, fields)
    best = time_tools(tools, sets, rounds)
    results = []
    for name, _, _, _ in tools:
        t = best[name]
        row = {"tool": name}
        for s, pages in sets.items():
            row[s + "_pages_per_s"] = len(pages) / t[s] if pages and t[s] > 0 else None
        total_t = sum(t[s] for s in sets if sets[s])
        row["all_pages_per_s"] = len(all_pages) / total_t if total_t else None
        row["ms_per_page"] = 1000 * total_t / len(all_pages) if all_pages else None
        row["accuracy"] = accuracy[name]
        results.append(row)
    project, floor = results[0], results[-1]
    for row in results:
        for s in (*SETS, "all"):
            mine, theirs, bare = (r.get(s + "_pages_per_s") for r in (project, row, floor))
            row["x_slower_than_xjmsw_" + s] = mine / theirs if mine and theirs else None
            row["x_slower_than_floor_" + s] = bare / theirs if bare and theirs else None
    cli = []
    if cli_pages:
        if sets["portal"]:
            cli += cli_check(f"{len(sets['portal'])} portal pages", sets["portal"], cli_pages, cli_runs)
        mixed = sets["fixture"] + sets["realworld"]
        if mixed:
            cli += cli_check("fixture + real-world pages, repeated", mixed, cli_pages, cli_runs)
    return {"pages": {s: len(v) for s, v in sets.items()}, "rounds": rounds, "tools": results, "cli": cli}


def render(result: dict) -> str:
    rows, ratios = [], []
    for r in result["tools"]:
        a = r["accuracy"]
        rows.append([r["tool"], *(fmt(r[s + "_pages_per_s"]) for s in SETS), fmt(r["all_pages_per_s"]),
                     fmt(r["ms_per_page"], 2), pct(a.get("title")), pct(a.get("author")), pct(a.get("published")),
                     pct(a.get("body")), pct(a.get("links")), pct(a.get("rw_title"))])
        ratios.append([r["tool"], *(fmt(r["x_slower_than_xjmsw_" + s], 1) for s in (*SETS, "all")),
                       *(fmt(r["x_slower_than_floor_" + s], 1) for s in (*SETS, "all"))])
    pages = result["pages"]
    out = [f"Extraction: {pages['fixture']} fixture article pages, {pages['portal']} portal pages, "
           f"{pages['realworld']} real-world pages; best of {result['rounds']} rounds, pages/s of CPU time",
           "",
           table(["tool", "fixture p/s", "portal p/s", "real-world p/s", "all p/s", "ms/page", "title", "author",
                  "published", "body sim", "prev/next", "RW title"], rows),
           "",
           "Times slower than xjmsw (and than the floor), per page set:",
           "",
           table(["tool", "x xjmsw fixture", "portal", "real-world", "all", "x floor fixture", "portal", "real-world",
                  "all"], ratios)]
    if result["cli"]:
        out += ["", "The same from outside: one command over many page files, a one-page run (startup) subtracted; "
                    "wall clock, and CPU seconds of the command and its workers", "",
                table(["pages", "command", "files", "startup s", "total s", "pages/s", "ms/page", "total CPU s",
                       "pages/CPU-s", "CPU ms/page"],
                      [[c["pages"], c["command"], c["files"], fmt(c["startup_wall_s"], 2), fmt(c["total_wall_s"], 2),
                        fmt(c["pages_per_s"]), fmt(c["wall_ms_per_page"], 2), fmt(c["total_s"], 2),
                        fmt(c["pages_per_cpu_s"]), fmt(c["ms_per_page"], 2)] for c in result["cli"]])]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cli-pages", type=int, default=400, help="files per outside-check run (0: skip it)")
    parser.add_argument("--cli-runs", type=int, default=3)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)
    result = run(args.rounds, args.cli_pages, args.cli_runs)
    print(render(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
