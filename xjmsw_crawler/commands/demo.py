"""`xjmsw demo`: serve the bundled mirror, crawl it with the real spider, and summarise the records."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from xjmsw_crawler.mirror import DEFAULT_MIRROR, MirrorServer

help = "crawl the bundled offline mirror on 127.0.0.1 and print a summary"


def add_arguments(parser):
    parser.add_argument("--out", default="data/demo/articles.jsonl", help="where the records go")


def run(args) -> int:
    out = Path(args.out).resolve()
    with MirrorServer(DEFAULT_MIRROR) as server:
        print(f"Serving the offline mirror at {server.base_url}", flush=True)
        crawl = [
            sys.executable, "-m", "scrapy", "crawl", "xjmsw", "-a", f"base_url={server.base_url}",
            "-s", f"XJMSW_JSONL={out}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
            "-s", "LOG_LEVEL=WARNING",
        ]
        status = subprocess.run(crawl, cwd=Path(__file__).resolve().parents[2]).returncode
    if status or not out.exists():
        print(f"The crawl failed (exit status {status}).", file=sys.stderr)
        return status or 1
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line]
    by_category = Counter(r["category"] or "(none)" for r in records)
    print(f"\n{len(records)} articles written to {out.resolve()}")
    for category, count in by_category.most_common():
        print(f"  {count:4d}  {category}")
    multi = sum(r["pages"] > 1 for r in records)
    dated = sum(r["published"] is not None for r in records)
    print(f"  {multi} multi-page articles, {dated} with a publication date, {sum(bool(r['images']) for r in records)} with images")
    return 0
