"""`xjmsw export`: the archive as a CSV or Parquet table with a Frictionless datapackage.json, for pandas and R."""

from __future__ import annotations

import sys
from pathlib import Path

from xjmsw_crawler.export import FORMATS, export

help = "export an archive as CSV or Parquet with a datapackage.json describing the columns"


def add_arguments(parser):
    parser.add_argument("archive", metavar="DIR", help="archive folder (holding articles.jsonl) or a JSONL file")
    parser.add_argument("--format", choices=sorted(FORMATS), default="csv", help="csv (default) or parquet (needs pyarrow)")
    parser.add_argument("--out", metavar="OUTDIR", help="where the table and datapackage.json go (default DIR/export)")
    parser.add_argument("--all-versions", action="store_true",
                        help="one row per archived version (default: the latest version of each article)")
    parser.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte order mark (for Excel)")


def run(args) -> int:
    try:
        table, package, rows = export(args.archive, args.format, args.out, all_versions=args.all_versions, bom=args.bom)
    except (FileNotFoundError, RuntimeError, ValueError, OSError) as exc:
        print(f"xjmsw export: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, FileNotFoundError) else 1
    what = "records (every version)" if args.all_versions else "articles (latest version of each)"
    print(f"{rows} {what} written to {table} ({table.stat().st_size:,} bytes); columns described in {package}")
    if args.format == "csv":
        print(f"  pandas: pd.read_csv({str(Path(table))!r}, keep_default_na=False, na_values=[''])  "
              "# lists are JSON arrays: json.loads")
    else:
        print(f"  pandas: pd.read_parquet({str(Path(table))!r})")
    return 0
