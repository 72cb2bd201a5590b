"""`xjmsw harvest`: the one line a crontab calls (README "Scheduled harvests"); see harvest/runner.py."""

from __future__ import annotations

help = "harvest the portal into a data directory: only what is new, safe to kill, one run at a time"

EPILOG = """exit status: 0 done; 1 too many fetches failed for good (XJMSW_MAX_FAILED_SHARE) or the crawl stopped
early; 2 bad usage; 3 the site could not be reached; 4 interrupted (--resume continues); 70 internal error;
75 another harvest holds the data directory's lock."""


def add_arguments(parser, with_set: bool = True):
    parser.epilog = EPILOG
    parser.add_argument("--base-url", metavar="URL", help="the site to harvest (default: XJMSW_BASE_URL, the portal)")
    parser.add_argument("--data-dir", metavar="DIR", default="data",
                        help="where articles.jsonl, state.sqlite, runs/, logs/ and failures.jsonl live (default: data)")
    parser.add_argument("--categories", nargs="+", metavar="NAME", default=[],
                        help="only these categories (names as printed in the breadcrumb; comma-separated or repeated)")
    parser.add_argument("--full", action="store_true",
                        help="walk every listing and fetch every article again; a changed body gets version n+1")
    parser.add_argument("--recheck-days", type=int, default=0, metavar="N",
                        help="also fetch again the articles published in the last N days (edits, corrections)")
    parser.add_argument("--max-pages", type=int, default=0, metavar="N",
                        help="stop after N pages fetched (CLOSESPIDER_PAGECOUNT); --resume continues")
    parser.add_argument("--resume", action="store_true",
                        help="continue the last run if it was stopped cleanly (signal, --max-pages); else start anew")
    parser.add_argument("--retry-failures", action="store_true",
                        help="fetch only the URLs that failed for good before (failures.jsonl), and what they lead to")
    parser.add_argument("--source", choices=("live", "wayback"), default="live",
                        help="the live site (default) or its Wayback Machine captures")
    parser.add_argument("--wayback-url", metavar="URL", help="Wayback Machine base URL (XJMSW_WAYBACK_URL)")
    parser.add_argument("--from", dest="wayback_from", metavar="YYYY", help="Wayback captures from this year on")
    parser.add_argument("--to", dest="wayback_to", metavar="YYYY", help="Wayback captures up to this year")
    parser.add_argument("--redis", metavar="URL",
                        help="join the distributed harvest on this Redis (redis://HOST:PORT/DB; scrapy-redis): "
                             "shared queue and state, this worker's files in DIR/shards/<worker-id>/; see xjmsw merge")
    parser.add_argument("--worker-id", metavar="ID", help="with --redis: this worker's name (default: <hostname>-<n>)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing unless the harvest fails")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the log (INFO) on stderr as well")
    if with_set:
        parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                            help="set a Scrapy or XJMSW_* setting (repeatable), as with scrapy crawl")


def options_from(args):
    from xjmsw_crawler.harvest.runner import Options

    categories = [c.strip() for value in args.categories or [] for c in value.split(",") if c.strip()]
    return Options(
        base_url=args.base_url, data_dir=args.data_dir, categories=categories, full=args.full,
        recheck_days=args.recheck_days, max_pages=args.max_pages, resume=args.resume,
        retry_failures=args.retry_failures, set=list(getattr(args, "set", None) or []), quiet=args.quiet,
        verbose=args.verbose, source=args.source, wayback_url=args.wayback_url, wayback_from=args.wayback_from,
        wayback_to=args.wayback_to,
        redis=getattr(args, "redis", None), worker_id=getattr(args, "worker_id", None),
    )


def run(args) -> int:
    from xjmsw_crawler.harvest.runner import harvest

    return harvest(options_from(args))
