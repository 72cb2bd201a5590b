"""All three benchmarks of issue 6 in one run, printed as tables with the targets checked.

    make bench                                   # = python bench/run.py
    python bench/run.py --articles 1000,10000,100000   # the scale run with 100k (long: see README)
    python bench/run.py --quick                  # a smoke run: 2 rounds, 100 files, N=1000 only

1. extraction (bench/extract.py), 2. crawl against wget -r (bench/crawl.py) at each N, 3. scale: the same
crawl rows side by side (peak RSS and pages/s as N grows). Progress goes to stderr; the tables to stdout and
to bench/out/results.md (with bench/out/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crawl  # noqa: E402
import extract  # noqa: E402
from common import OUT, log  # noqa: E402

TARGETS = {"peer_ratio": 15.0, "floor_ratio": 6.0, "pages_per_s": 500.0, "wget_ratio": 4.0, "rss_mb_100k": 250.0}


def machine() -> dict:
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip()
        except OSError:
            return ""

    versions = {}
    for name in ("scrapy", "lxml", "twisted", "trafilatura", "gne"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001
            versions[name] = None
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": sh("lscpu | sed -n 's/^Model name: *//p' | head -1"),
        "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "os": sh(". /etc/os-release && echo $PRETTY_NAME"),
        "nginx": sh(f"{crawl.servers.NGINX} -v 2>&1").replace("nginx version: ", "") if crawl.servers.NGINX else None,
        "wget": sh("wget --version | head -1"),
        "loadavg_start": os.getloadavg(),
        **versions,
    }


def verdicts(ext: dict | None, crawls: list[dict]) -> list[str]:
    out = []
    if ext and ext["tools"]:
        project, floor = ext["tools"][0], ext["tools"][-1]
        outside = {c["command"]: c for c in ext.get("cli", []) if "portal" in c["pages"]}

        def measured(mine: dict, theirs: dict, cli_mine: str, cli_theirs: str) -> list[tuple[str, float]]:
            """(where, how many times faster xjmsw is) on the portal pages, over all pages, from outside."""
            got = [(where, mine[key] / theirs[key]) for where, key in (("on portal pages", "portal_pages_per_s"),
                                                                      ("on all pages", "all_pages_per_s"))
                   if mine.get(key) and theirs.get(key)]
            if cli_mine in outside and cli_theirs in outside:
                got.append(("from outside (portal pages, wall clock)",
                            outside[cli_mine]["pages_per_s"] / outside[cli_theirs]["pages_per_s"]))
            if cli_mine + " -j 1" in outside and cli_theirs in outside:  # one process each: per CPU second
                got.append(("from outside with --jobs 1 (per CPU second)",
                            outside[cli_mine + " -j 1"]["pages_per_cpu_s"] / outside[cli_theirs]["pages_per_cpu_s"]))
            return got

        for peer in ("trafilatura", "gne"):
            row = next((t for t in ext["tools"] if t["tool"].startswith(peer) and "fast=True" not in t["tool"]), None)
            if row:
                got = measured(project, row, "xjmsw parse", f"peer_cli.py {peer}")
                ok = all(x >= TARGETS["peer_ratio"] for _, x in got)
                out.append(f"{'PASS' if ok else 'FAIL'}  extraction faster than {peer}: "
                           + ", ".join(f"{x:.1f}x {where}" for where, x in got)
                           + f" (target >= {TARGETS['peer_ratio']:.0f}x)")
        got = [(where, 1 / x) for where, x in measured(project, floor, "xjmsw parse", "peer_cli.py lxml")]
        ok = all(x <= TARGETS["floor_ratio"] for _, x in got)
        out.append(f"{'PASS' if ok else 'FAIL'}  extraction vs the bare decode+lxml floor: "
                   + ", ".join(f"{x:.1f}x {where}" for where, x in got) + f" (target <= {TARGETS['floor_ratio']:.0f}x)")
    for r in crawls:
        c = r["crawl"]
        if r["articles"] == 10_000 and r.get("body_repeat", 1) > 1:
            v = c["pages_per_s"]
            vs_wget = f"; wget -r {r['wget']['pages_per_s'] / v:.1f}x faster" if r.get("wget") else ""
            out.append(f"{'PASS' if v >= TARGETS['pages_per_s'] else 'FAIL'}  ... and {v:,.0f} pages/s on 10,000 long "
                       f"articles ({r['kb_per_page']:.1f} KB a page{vs_wget})")
        elif r["articles"] == 10_000:
            v = c["pages_per_s"]
            out.append(f"{'PASS' if v >= TARGETS['pages_per_s'] else 'FAIL'}  crawl {v:,.0f} pages/s on 10,000 articles "
                       f"(target >= {TARGETS['pages_per_s']:.0f} article pages/s; {c['articles_per_s']:,.0f} records/s, "
                       f"{1000 / c['cpu_s_per_1000_pages']:,.0f} pages per CPU second)")
            if r.get("wget"):
                ratio = r["wget"]["pages_per_s"] / v
                out.append(f"{'PASS' if ratio <= TARGETS['wget_ratio'] else 'FAIL'}  wget -r {ratio:.1f}x faster than the "
                           f"crawl on 10,000 articles (target <= {TARGETS['wget_ratio']:.0f}x)")
        if r["articles"] == 100_000:
            v = c["peak_rss_mb"]
            out.append(f"{'PASS' if v < TARGETS['rss_mb_100k'] else 'FAIL'}  peak RSS {v:.0f} MB at 100,000 articles "
                       f"(target < {TARGETS['rss_mb_100k']:.0f} MB)")
    if not any(r["articles"] == 100_000 for r in crawls):
        out.append("----  peak RSS at 100,000 articles not measured in this run (--articles 1000,10000,100000)")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="1000,10000", help="crawl sizes N (default 1000,10000; add 100000)")
    parser.add_argument("--rounds", type=int, default=5, help="extraction timing rounds (default 5)")
    parser.add_argument("--cli-pages", type=int, default=400, help="files per `xjmsw parse` run (default 400)")
    parser.add_argument("--server", default="auto", choices=("auto", "nginx", "fast", "mirror"))
    parser.add_argument("--no-naive", action="store_true", help="skip the reference naive spider (run at the first N)")
    parser.add_argument("--repeat", type=int, help="runs of each crawl and wget, the fastest kept (default: 2 up to "
                        "10,000 articles, else 1)")
    parser.add_argument("--long-articles", type=int, default=8, metavar="K",
                        help="also crawl 10,000 long articles, each paragraph printed K times (default 8, pages about "
                             "as long as the real portal's; 0: skip)")
    parser.add_argument("--skip-extract", action="store_true")
    parser.add_argument("--skip-crawl", action="store_true")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 rounds, 100 files, N=1000")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.cli_pages, args.articles = 2, 100, "1000"
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    info = machine()
    log(f"bench: {info['nproc']} cores ({info['cpu']}), load average {info['loadavg_start']}, {info['date']}")
    if info["loadavg_start"][0] > 1.0:
        log("bench: the machine is busy (load average > 1): wall-clock numbers will be low; CPU s per page less so")
    ext = None
    if not args.skip_extract:
        log("bench: 1/3 extraction ...")
        ext = extract.run(args.rounds, args.cli_pages)
    crawls = []
    if not args.skip_crawl:
        sizes = [int(n) for n in args.articles.split(",") if n]
        if crawl.servers.NGINX is None and args.server in ("auto", "nginx"):
            log("bench: nginx not installed (apt-get install nginx-light): serving with bench/fastserve.py")
        for i, n in enumerate(sizes):
            log(f"bench: 2-3/3 crawl N={n:,} ...")
            crawls.append(crawl.crawl_once(n, args.server, naive=(i == 0 and not args.no_naive),
                                           repeat=args.repeat or crawl.default_repeat(n)))
            if n == 10_000 and args.long_articles > 1:
                log(f"bench: 2-3/3 crawl N={n:,}, long articles (paragraphs x{args.long_articles}) ...")
                crawls.append(crawl.crawl_once(n, args.server, repeat=args.repeat or crawl.default_repeat(n),
                                               body_repeat=args.long_articles))
    info["loadavg_end"] = os.getloadavg()
    info["minutes"] = round((time.perf_counter() - started) / 60, 1)
    lines = [f"Machine: {info['nproc']} cores, {info['cpu']}, {info['mem_gb']} GB, {info['os']}, Python {info['python']}, "
             f"Scrapy {info['scrapy']}, lxml {info['lxml']}, trafilatura {info['trafilatura']}, gne {info['gne']}, "
             f"nginx {info['nginx'] or '(none)'}; {info['date']}; load average at start "
             f"{info['loadavg_start'][0]:.1f}, at end {info['loadavg_end'][0]:.1f}; {info['minutes']} min", ""]
    if ext:
        lines += [extract.render(ext), ""]
    if crawls:
        lines += ["Crawl and scale: `scrapy crawl xjmsw` (politeness off, 32 concurrent) over the synthetic mirror vs "
                  "`wget -r` of it", "", crawl.render(crawls), ""]
    lines += ["Targets (issue 6):", *("  " + v for v in verdicts(ext, crawls))]
    text = "\n".join(lines)
    print(text)
    (OUT / "results.md").write_text(text + "\n", "utf-8")
    (OUT / "results.json").write_text(json.dumps({"machine": info, "extraction": ext, "crawl": crawls}, indent=1,
                                                 ensure_ascii=False, default=str), "utf-8")
    log(f"bench: done in {info['minutes']} min; results in {OUT / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
