"""`xjmsw merge DIR`: the shards of a distributed harvest (`xjmsw harvest --redis`) into DIR/articles.jsonl, its
failures and run manifest, with the recheck (xjmsw_crawler/distributed/merge.py)."""

from __future__ import annotations

help = "merge the shards of a distributed harvest (DIR/shards/*) into DIR/articles.jsonl and the run manifest"

EPILOG = """exit status: 0 merged, every URL the listings named is archived or failed; 1 merged, but some are
missing (DIR/missing.jsonl; run a worker again, or use --redis / --follow-up); 2 bad usage; 75 DIR is locked."""


def add_arguments(parser):
    parser.epilog = EPILOG
    parser.add_argument("data_dir", metavar="DIR", help="the data directory the workers shared (with shards/ from every host)")
    parser.add_argument("--redis", metavar="URL", help="queue the missing URLs in this Redis for the next run")
    parser.add_argument("--follow-up", action="store_true",
                        help="with --redis: when URLs are missing, run one worker at once and merge again")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="settings for the --follow-up worker (as with xjmsw harvest)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing unless something is missing")


def run(args) -> int:
    from xjmsw_crawler.distributed.merge import merge

    return merge(args.data_dir, redis_url=args.redis, follow_up=args.follow_up, sets=args.set, quiet=args.quiet)
