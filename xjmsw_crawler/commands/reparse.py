"""`xjmsw reparse`: rebuild the JSONL records from WARC files alone, with the current parsers."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

help = "re-extract the records from WARC files (no network): the harvest's records, with today's parsers"


def add_arguments(parser):
    parser.add_argument("warcs", nargs="+", metavar="WARC", help="WARC files, or folders of them (e.g. DIR/warc)")
    parser.add_argument("-o", "--output", default="-", help="where the records go (default: standard output)")
    parser.add_argument("--base-url", help="the harvested site (default: base_url of the WARC files' warcinfo)")
    parser.add_argument("--spider", choices=("xjmsw", "xjmsw_wayback"),
                        help="spider to replay (default: from the warcinfo: xjmsw, or xjmsw_wayback for Wayback harvests)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy or XJMSW_* setting (repeatable)")
    parser.add_argument("--loglevel", default="WARNING", help="Scrapy log level (default WARNING)")


def parse_overrides(pairs: list[str]) -> dict:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise SystemExit(f"xjmsw: -s expects NAME=VALUE, got {pair!r}")
        overrides[name] = value
    return overrides


def run(args) -> int:
    from xjmsw_crawler.archive.reparse import reparse, reparse_to_temp

    options = {"base_url": args.base_url, "spider": args.spider, "overrides": parse_overrides(args.set),
               "log_level": args.loglevel}
    try:
        if args.output == "-":
            temp, summary = reparse_to_temp(args.warcs, **options)
            with temp.open("rb") as records:
                shutil.copyfileobj(records, sys.stdout.buffer)
            sys.stdout.flush()
            temp.unlink()
        else:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            summary = reparse(args.warcs, args.output, **options)
    except (OSError, ValueError) as exc:
        print(f"xjmsw reparse: {exc}", file=sys.stderr)
        return 2
    where = "standard output" if args.output == "-" else args.output
    damaged = f", {summary['damaged_files']} damaged file(s) read up to the damage" if summary["damaged_files"] else ""
    print(
        f"Re-extracted {summary['records']} records into {where} from {summary['files']} WARC file(s)"
        f" ({summary['responses']} responses, {summary['revisits']} revisits{damaged}; spider {summary['spider']},"
        f" {summary['missing']} requests not in the archive).",
        file=sys.stderr,
    )
    return 0 if summary["finish_reason"] == "finished" else 1
