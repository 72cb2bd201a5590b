"""`xjmsw package`: one WACZ file (WARCs + CDXJ index + pages list) from a harvest's data directory."""

from __future__ import annotations

import sys

help = "bundle a data directory's WARC files, their CDXJ index and a pages list into one WACZ file"


def add_arguments(parser):
    parser.add_argument("data_dir", metavar="DIR", help="the harvest's data directory (WARCs in DIR/warc), or a folder of WARC files")
    parser.add_argument("-o", "--output", default="archive.wacz", help="the WACZ file to write (default archive.wacz)")
    parser.add_argument("--title", help="title shown by replay tools (default: the site and the folder name)")
    parser.add_argument("--desc", help="description stored in datapackage.json")
    parser.add_argument("--no-validate", action="store_true", help="skip `wacz validate` of the result")


def run(args) -> int:
    try:
        from xjmsw_crawler.archive.wacz import PackageError, package
    except ImportError as exc:  # the optional extra is missing
        print(f"xjmsw package needs the 'wacz' package: pip install 'xjmsw-crawler[archive]' ({exc})", file=sys.stderr)
        return 2
    try:
        summary = package(args.data_dir, args.output, title=args.title, description=args.desc,
                          check=not args.no_validate)
    except (PackageError, OSError) as exc:
        print(f"xjmsw package: {exc}", file=sys.stderr)
        return 1
    checked = " and validated" if summary["valid"] else ""
    print(f"Wrote{checked} {summary['output']} ({summary['bytes']} bytes): {summary['warcs']} WARC file(s),"
          f" {summary['pages']} pages listed ({summary['articles']} articles).")
    return 0
