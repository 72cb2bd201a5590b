"""`xjmsw report`: what an archive holds, in the terminal and as a self-contained HTML page with charts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from xjmsw_crawler.report import format_text, summarize

help = "summarise an archive folder: articles per category and month, field coverage, versions, failures, runs"


def add_arguments(parser):
    parser.add_argument("archive", metavar="DIR", help="archive folder (holding articles.jsonl, runs/, …) or a JSONL file")
    parser.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report with charts to FILE")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON instead of the text report")
    parser.add_argument("--runs", type=int, default=10, metavar="N", help="how many of the last runs to show (default 10)")
    parser.add_argument("--months", choices=("grid", "list"), default="grid",
                        help="articles per month as a year×month grid (default) or one line per month")


def run(args) -> int:
    path = Path(args.archive)
    if not path.exists():
        print(f"xjmsw report: {path}: no such file or folder", file=sys.stderr)
        return 2
    summary = summarize(path, runs=max(args.runs, 0) or None)
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(summary, months=args.months))
    if args.html:
        from xjmsw_crawler.report_html import cjk_font, matplotlib_pyplot, write_html

        written = write_html(summary, args.html)
        print(f"\nHTML report written to {written.resolve()}", file=sys.stderr if args.json else sys.stdout)
        if matplotlib_pyplot() is None:
            print("  (without charts: pip install 'xjmsw-crawler[report]' for matplotlib)", file=sys.stderr)
        elif cjk_font() is None:
            print("  (no CJK font found: Chinese names in the charts may show as boxes; "
                  "Debian: apt-get install fonts-noto-cjk)", file=sys.stderr)
    return 0
