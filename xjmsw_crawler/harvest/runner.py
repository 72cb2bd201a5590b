"""`xjmsw harvest`: one scheduled harvest of the portal into a data directory, start to exit status.

lock DIR/.lock (exit 75 when held) -> settle the leftovers of earlier runs (manifests of killed runs, job
directories) -> settings (project + harvest components + -s) -> logging to DIR/logs/<run-id>.log -> repair
and reconcile articles.jsonl / state.sqlite -> the crawl, in this process -> runs/<run-id>.json -> one
sentence saying what happened, and the exit status.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scrapy.settings import SETTINGS_PRIORITIES

from .lock import EXIT_LOCKED, DataDirLock, Locked
from .state import StateStore, utc_now

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1  # more than XJMSW_MAX_FAILED_SHARE of the fetches failed for good, or the crawl broke down
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3  # not one page came back from the site
EXIT_INTERRUPTED = 4  # stopped by a signal (SIGTERM, Ctrl-C): `--resume` continues it
EXIT_INTERNAL = 70  # the harvest itself crashed (sysexits EX_SOFTWARE)

#: Settings written into each run's manifest (besides every -s override).
MANIFEST_SETTINGS = (
    "USER_AGENT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED", "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE", "RETRY_TIMES", "XJMSW_RETRY_BACKOFF",
    "XJMSW_RETRY_AFTER_MAX", "XJMSW_RETRY_ROUNDS", "REDIRECT_MAX_TIMES", "DEPTH_LIMIT", "CLOSESPIDER_PAGECOUNT",
    "XJMSW_MAX_FAILED_SHARE", "XJMSW_FULL", "XJMSW_RECHECK_DAYS", "XJMSW_RETRY_FAILURES", "XJMSW_SITE_RULES",
    "XJMSW_WARC_DIR", "JOBDIR", "LOG_LEVEL",
)


@dataclass
class Options:
    base_url: str | None = None
    data_dir: str = "data"
    categories: list[str] = field(default_factory=list)
    full: bool = False
    recheck_days: int = 0
    max_pages: int = 0
    resume: bool = False
    retry_failures: bool = False
    set: list[str] = field(default_factory=list)  # NAME=VALUE
    quiet: bool = False
    verbose: bool = False
    source: str = "live"
    wayback_url: str | None = None
    wayback_from: str | None = None
    wayback_to: str | None = None
    redis: str | None = None  # --redis URL: a worker of a distributed harvest (xjmsw_crawler.distributed)
    worker_id: str | None = None


#: Priority of what the harvest sets: above the project's settings and a spider's custom_settings, below -s.
HARVEST_PRIORITY = (SETTINGS_PRIORITIES["spider"] + SETTINGS_PRIORITIES["cmdline"]) // 2

#: Spider per --source.
SPIDERS = {"live": "xjmsw", "wayback": "xjmsw_wayback"}


class DataDir:
    """The layout of a data directory."""

    def __init__(self, root: Path):
        self.root = root
        self.articles = root / "articles.jsonl"
        self.state = root / "state.sqlite"
        self.failures = root / "failures.jsonl"
        self.runs = root / "runs"
        self.logs = root / "logs"
        self.jobs = root / "jobs"
        self.warc = root / "warc"

    def manifest(self, run_id: str) -> Path:
        return self.runs / f"{run_id}.json"

    def log(self, run_id: str) -> Path:
        return self.logs / f"{run_id}.log"

    def jobdir(self, run_id: str) -> Path:
        return self.jobs / run_id

    def manifests(self) -> list[dict]:
        found = []
        for path in sorted(self.runs.glob("*.json")):
            try:
                found.append(json.loads(path.read_text("utf-8")))
            except (OSError, ValueError):
                continue
        return sorted(found, key=lambda m: m.get("started") or "")


def write_json_atomic(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, default=str)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def new_run_id(layout: DataDir) -> str:
    base = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    run_id, n = base, 1
    while layout.manifest(run_id).exists() or layout.log(run_id).exists():
        n += 1
        run_id = f"{base}-{n}"
    return run_id


# -- settings -------------------------------------------------------------------------------------------------


def project_settings():
    from scrapy.utils.project import get_project_settings

    # The project's settings whatever the working directory (cron runs from $HOME, far from scrapy.cfg).
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "xjmsw_crawler.settings")
    return get_project_settings()


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"-s expects NAME=VALUE, got {pair!r}")
        overrides[name.strip()] = value
    return overrides


def spider_arguments(options) -> dict:
    """The spider's -a arguments a harvest passes on: base_url and categories, when given."""
    args = {}
    if options.base_url:
        args["base_url"] = options.base_url
    if options.categories:
        args["categories"] = ",".join(options.categories)
    return args


def harvest_settings(settings, options: Options, layout: DataDir, run_id: str, resume: bool) -> None:
    """Adds what a harvest needs to the project's settings, below -s (which stays at 'cmdline' priority)."""

    def put(name, value):  # ignored where -s gave the setting ('cmdline' priority)
        settings.set(name, value, priority=HARVEST_PRIORITY)

    put("XJMSW_DATA_DIR", str(layout.root))
    put("XJMSW_RUN_ID", run_id)
    put("XJMSW_JSONL", str(layout.articles))
    put("XJMSW_JSONL_APPEND", True)
    if options.base_url:
        put("XJMSW_BASE_URL", options.base_url)
    if options.full:
        put("XJMSW_FULL", True)
    if options.recheck_days:
        put("XJMSW_RECHECK_DAYS", options.recheck_days)
    if options.retry_failures:
        put("XJMSW_RETRY_FAILURES", True)
    if options.max_pages:
        put("CLOSESPIDER_PAGECOUNT", options.max_pages)
    if options.wayback_url:
        put("XJMSW_WAYBACK_URL", options.wayback_url)
    if options.wayback_from:
        put("XJMSW_WAYBACK_FROM", options.wayback_from)
    if options.wayback_to:
        put("XJMSW_WAYBACK_TO", options.wayback_to)
    if not settings.get("XJMSW_WARC_DIR"):
        put("XJMSW_WARC_DIR", str(layout.warc))
    # A job directory per run: `--resume` continues a run stopped cleanly (a signal, --max-pages); what is
    # archived lives in state.sqlite, never in a dupefilter that would hide listing pages from the next run.
    if not settings.get("JOBDIR"):
        put("JOBDIR", str(layout.jobdir(run_id)))
    put("LOG_FILE", str(layout.log(run_id)))
    put("LOG_FILE_APPEND", True)

    def components(name: str, changes: dict) -> None:
        merged = dict(settings.getdict(name))
        merged.update(changes)
        settings.set(name, merged, priority=max(settings.getpriority(name) or 0, HARVEST_PRIORITY))

    components("ITEM_PIPELINES", {
        "xjmsw_crawler.pipelines.JsonlWriterPipeline": None,
        "xjmsw_crawler.harvest.components.ArchivePipeline": 800,
    })
    components("EXTENSIONS", {"xjmsw_crawler.harvest.components.HarvestExtension": 100})
    components("DOWNLOADER_MIDDLEWARES", {"xjmsw_crawler.harvest.components.HarvestMiddleware": 70})
    components("SPIDER_MIDDLEWARES", {"xjmsw_crawler.harvest.components.HarvestStart": 10})


# -- logging --------------------------------------------------------------------------------------------------


def console_handler(level: str) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s", "%H:%M:%S"))
    return handler


# -- the run --------------------------------------------------------------------------------------------------


def harvest(options: Options, settings=None) -> int:
    """Runs one harvest; returns its exit status. `settings`: already merged project settings (the Scrapy
    command); None: the project's, with options.set applied."""
    if options.redis or (settings is not None and settings.get("XJMSW_REDIS_URL")):
        from xjmsw_crawler.distributed.runner import harvest as distributed_harvest

        return distributed_harvest(options, settings)
    layout = DataDir(Path(options.data_dir).expanduser().resolve())
    try:
        layout.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"xjmsw harvest: cannot use data directory {layout.root}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    lock = DataDirLock(layout.root)
    try:
        lock.acquire(started=utc_now())
    except Locked as exc:
        print(f"xjmsw harvest: {exc}; this one exits now without touching anything (status {EXIT_LOCKED}).",
              file=sys.stderr, flush=True)
        return EXIT_LOCKED
    try:
        return _harvest(options, settings, layout)
    finally:
        lock.release()


def _settle_earlier_runs(layout: DataDir, resume: bool) -> dict | None:
    """Manifests still saying "running" belong to killed runs (the lock is ours now): say so. Returns the run
    to resume (with --resume), after removing every job directory that will not be resumed."""
    for tmp in layout.runs.glob("*.json.tmp"):  # a manifest being replaced when its run was killed
        tmp.unlink(missing_ok=True)
    for path in layout.runs.glob("*.json"):
        try:
            manifest = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if manifest.get("status") == "running":
            manifest.update(status="killed", summary="The run ended without a word (killed or crashed); the "
                            "next run carried on from what it had archived.")
            write_json_atomic(path, manifest)
    target = None
    if resume:
        for manifest in reversed(layout.manifests()):
            if manifest.get("status") in ("interrupted", "stopped") and layout.jobdir(manifest["run"]).is_dir():
                target = manifest
            break
    if layout.jobs.is_dir():
        for jobdir in layout.jobs.iterdir():
            if target is None or jobdir.name != target["run"]:
                shutil.rmtree(jobdir, ignore_errors=True)
    return target


def _harvest(options: Options, settings, layout: DataDir) -> int:
    for folder in (layout.runs, layout.logs, layout.jobs):
        folder.mkdir(parents=True, exist_ok=True)
    resumed = _settle_earlier_runs(layout, options.resume)
    run_id = resumed["run"] if resumed else new_run_id(layout)

    try:
        overrides = parse_overrides(options.set)
    except ValueError as exc:
        print(f"xjmsw harvest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if settings is None:
        settings = project_settings()
        settings.setdict(overrides, priority="cmdline")
    harvest_settings(settings, options, layout, run_id, bool(resumed))
    console_level = "INFO" if options.verbose else settings.get("XJMSW_CONSOLE_LOG_LEVEL", "ERROR")

    started = utc_now()
    t0 = time.monotonic()
    manifest = {
        "run": run_id, "status": "running", "exit_status": None, "summary": None,
        "started": resumed["started"] if resumed else started, "ended": None, "duration_s": None,
        "resumed_at": ([*resumed.get("resumed_at", []), started] if resumed else []),
        "base_url": options.base_url or settings.get("XJMSW_BASE_URL"), "data_dir": str(layout.root),
        "source": options.source, "command": sys.argv,
        "options": {k: v for k, v in asdict(options).items() if k not in ("set", "quiet", "verbose")},
        "overrides": overrides,
        "settings": {name: settings.get(name) for name in MANIFEST_SETTINGS},
        "files": {"articles": str(layout.articles), "state": str(layout.state), "failures": str(layout.failures),
                  "log": str(layout.log(run_id)), "jobdir": settings.get("JOBDIR")},
    }
    write_json_atomic(layout.manifest(run_id), manifest)

    from scrapy.crawler import CrawlerProcess

    try:
        from scrapy.crawler import AsyncCrawlerProcess
    except ImportError:  # Scrapy < 2.13
        AsyncCrawlerProcess = CrawlerProcess  # noqa: N806
    asyncio_reactor = settings.get("TWISTED_REACTOR") == "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
    process = (AsyncCrawlerProcess if asyncio_reactor else CrawlerProcess)(settings)
    console = console_handler(console_level)
    logging.getLogger().addHandler(console)
    logger.info("Harvest %s%s: %s into %s", run_id, " (resumed)" if resumed else "", manifest["base_url"], layout.root)

    reconcile = _reconcile(layout)
    manifest["reconcile"] = reconcile

    crawler = None
    error = None
    try:
        spider = SPIDERS[options.source]
        crawler = process.create_crawler(spider)
        process.crawl(crawler, **spider_arguments(options))
        process.start()
    except KeyError:
        error = f"no spider for --source {options.source}"
    except Exception as exc:  # noqa: BLE001 - reported in the manifest and the summary, exit status 70
        logger.exception("The harvest crashed")
        error = f"{type(exc).__name__}: {exc}"
    finally:
        logging.getLogger().removeHandler(console)

    session = getattr(crawler, "xjmsw_harvest", None) if crawler is not None else None
    if session is None and error is None:
        error = "the crawl did not start (see the log)"
    status, summary = _outcome(session, crawler, error, manifest, layout, time.monotonic() - t0)
    manifest.update(status=status[1], exit_status=status[0], summary=summary, ended=utc_now(),
                    duration_s=round(time.monotonic() - t0, 1))
    if session is not None:
        manifest.update(_report(session, crawler))
        session.close()
    if manifest["status"] not in ("interrupted", "stopped"):
        shutil.rmtree(layout.jobdir(run_id), ignore_errors=True)
    write_json_atomic(layout.manifest(run_id), manifest)
    logging.getLogger(__name__).info("%s", summary)
    if status[0] != EXIT_OK or not options.quiet:
        print(summary, file=sys.stdout if status[0] == EXIT_OK else sys.stderr, flush=True)
    return status[0]


def _reconcile(layout: DataDir) -> dict:
    state = StateStore(layout.state)
    try:
        done = state.reconcile(layout.articles)
        imported = state.import_failures(layout.failures)
        if imported:
            done["failures_imported"] = imported
        return done
    finally:
        state.close()


def _report(session, crawler) -> dict:
    stats = crawler.stats.get_stats() if crawler is not None and crawler.stats else {}
    counts = session.counts
    failed = list(session.failed.values())
    pages = {kind: stats.get(f"xjmsw/pages/{kind}", 0) for kind in ("listing", "article", "continuation", "other")}
    state = session.state.counts()
    return {
        "finish_reason": getattr(session, "finish_reason", None),
        "counts": {
            "pages_fetched": max(0, stats.get("downloader/response_count", 0) - stats.get("robotstxt/response_count", 0)),
            "pages_ok": session.ok_responses,
            "pages_by_kind": pages,
            "new": counts["new"],
            "updated": counts["updated"],
            "unchanged": counts["unchanged"],
            "skipped_archived": len(session.skipped),
            "failed": len(failed),
            "failed_dead_links": sum(not f["counts"] for f in failed),
            "dropped": counts["dropped"],
            "retries": stats.get("retry/count", 0),
            "retried_at_end": stats.get("xjmsw/harvest/deferred", 0),
            "recovered_at_end": counts["recovered"],
            "failures_resolved": len(session.resolved),
            "listing_stops": stats.get("xjmsw/harvest/listing_stops", 0),
        },
        "failed": [{k: v for k, v in f.items() if k != "counts"} for f in failed],
        "archive": state,
    }


def _outcome(session, crawler, error, manifest, layout: DataDir, seconds: float) -> tuple[tuple[int, str], str]:
    """((exit status, manifest status), the one sentence that says what happened)."""
    run = manifest["run"]
    log = layout.log(run)
    took = f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
    if error is not None or session is None:
        return (EXIT_INTERNAL, "crashed"), (
            f"Harvest {run} crashed ({error}); nothing archived so far is lost (articles.jsonl is only "
            f"appended to); see {log}.")
    counts = session.counts
    failed = list(session.failed.values())
    counted = sum(f["counts"] for f in failed)
    state = session.state.counts()
    archived = (f"{counts['new']} new and {counts['updated']} changed article(s) archived, "
                f"{len(session.skipped) + counts['unchanged']} already archived")
    holds = f"{layout.articles.name} holds {state['records']} record(s) of {state['articles']} article(s)"
    reason = getattr(session, "finish_reason", None)
    stats = crawler.stats.get_stats() if crawler is not None and crawler.stats else {}
    if reason == "shutdown":
        return (EXIT_INTERRUPTED, "interrupted"), (
            f"Harvest {run} was interrupted after {took} ({archived}; nothing is lost); "
            f"`xjmsw harvest --resume --data-dir {layout.root}` continues it.")
    unreachable = session.ok_responses == 0
    if manifest["options"].get("redis"):
        # a worker of a distributed harvest: the others may have taken every page but a dead link's 404, or all of
        # them; only a site that never answered it is unreachable
        unreachable = unreachable and session.answered == 0 and session.last_error is not None
    if unreachable:
        why = session.last_error or "no response"
        return (EXIT_UNREACHABLE, "unreachable"), (
            f"Harvest {run} FAILED: the site at {manifest['base_url']} could not be reached ({why}); nothing "
            f"was fetched, and cron should tell someone; see {log}.")
    total = session.ok_responses + counted
    share = counted / total if total else 0.0
    limit = crawler.settings.getfloat("XJMSW_MAX_FAILED_SHARE", 0.1)
    if share > limit:
        return (EXIT_FAILED, "failed"), (
            f"Harvest {run} FAILED: {counted} of {total} fetches failed for good ({share:.0%}, more than the "
            f"{limit:.0%} allowed) after {took}; {archived}; see {layout.failures} and {log}, then run "
            f"`xjmsw harvest --retry-failures --data-dir {layout.root}`.")
    failures = (f"{len(failed)} URL(s) failed for good (listed in {layout.failures.name})" if failed
                else "nothing failed")
    if reason == "closespider_pagecount":
        return (EXIT_OK, "stopped"), (
            f"Harvest {run} stopped after {stats.get('downloader/response_count', 0)} pages (--max-pages) in "
            f"{took}: {archived}, {failures}; {holds}; `--resume` continues it.")
    if reason not in ("finished", None):
        return (EXIT_FAILED, "failed"), (
            f"Harvest {run} stopped early ({reason}) after {took}: {archived}, {failures}; see {log}.")
    return (EXIT_OK, "finished"), f"Harvest {run} finished in {took}: {archived}, {failures}; {holds}."
