"""`xjmsw validate`: every line of an archive against the published JSON Schema and the archive's invariants."""

from __future__ import annotations

import sys
from pathlib import Path

help = "check a JSONL archive against the JSON Schema and invariants; exit status 1 on any problem"


def add_arguments(parser):
    parser.add_argument("file", metavar="FILE.jsonl", help="the JSONL to check (or an archive folder: its articles.jsonl)")
    parser.add_argument("--base-url", help="the site every URL must be on (default: the site most records are on)")
    parser.add_argument("--max-problems", type=int, default=20, metavar="N",
                        help="print the first N problems (default 20; 0: all)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing; the exit status says it")


def run(args) -> int:
    from xjmsw_crawler.validation import validate_jsonl  # imports Scrapy (site rules): not for `xjmsw parse`

    path = Path(args.file)
    if path.is_dir():
        path = path / "articles.jsonl"
    if not path.is_file():
        print(f"xjmsw validate: {path}: no such file", file=sys.stderr)
        return 2
    result = validate_jsonl(path, base_url=args.base_url)
    if args.quiet:
        return 0 if result.ok else 1
    shown = result.problems if args.max_problems <= 0 else result.problems[: args.max_problems]
    if shown:
        print(f"{path}:")
    for problem in shown:
        print(f"  {problem}")
    if len(shown) < len(result.problems):
        print(f"  … and {len(result.problems) - len(shown)} more problems (--max-problems 0 shows all)")
    site = f" on {result.site}" if result.site else ""
    if result.ok:
        print(f"{path}: OK: {result.lines} lines, {result.records} records{site}, no problems")
        return 0
    print(f"{path}: INVALID: {len(result.problems)} problems on {result.problem_lines} of {result.lines} lines "
          f"({result.records} records{site})")
    return 1
