"""`xjmsw harvest --redis URL`: one worker of a distributed harvest, start to exit status.

Redis reachable? (exit 69) -> a worker id and its shard DIR/shards/<worker-id>/ (flock on the shard: exit 75 when
an explicit --worker-id is busy; the default <hostname>-<n> takes the first free n) -> join the run in Redis (or
start one) -> settings (the harvest's, on the shard; Redis mode: spider.configure) -> Redis catches up with the
JSONL files of this host (records of killed workers) -> the crawl -> the shard's runs/<run>-<worker>.json -> the
last worker out closes the run -> one sentence, exit status as a single-host harvest's.
"""

from __future__ import annotations

import logging
import re
import socket
import sys
import time
from dataclasses import asdict
from pathlib import Path

from xjmsw_crawler.harvest import runner as base
from xjmsw_crawler.harvest.lock import EXIT_LOCKED, DataDirLock, Locked
from xjmsw_crawler.harvest.state import utc_now

from .context import EXIT_NO_REDIS, RedisHarvest, RedisUnavailable, attach, detach, harvest_name, redact

logger = logging.getLogger(__name__)

_WORKER_ID = re.compile(r"[\w.@+-]+")


def claim_worker(root: Path, ctx: RedisHarvest, wanted: str | None) -> tuple[str, DataDirLock]:
    """(worker id, the shard's lock, held). Raises Locked when no id can be had."""
    if wanted:
        if not _WORKER_ID.fullmatch(wanted):
            raise ValueError(f"--worker-id {wanted!r}: letters, digits and . _ @ + - only")
        candidates = [wanted]
    else:
        host = harvest_name(socket.gethostname())
        candidates = (f"{host}-{n}" for n in range(1, 10_000))
    for worker in candidates:
        lock = DataDirLock(root / "shards" / worker)
        try:
            lock.acquire(started=utc_now(), worker=worker)
        except Locked as exc:
            if wanted:
                raise Locked(f"worker {worker} is already running on this host ({exc})") from None
            continue
        if ctx.claim_worker_id(worker):
            return worker, lock
        lock.release()
        if wanted:
            raise Locked(f"worker id {worker} is in use by a live worker on another host (Redis {redact(ctx.url)})")
    raise Locked("no free worker id")


def harvest(options, settings=None) -> int:
    root = Path(options.data_dir).expanduser().resolve()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"xjmsw harvest: cannot use data directory {root}: {exc}", file=sys.stderr)
        return base.EXIT_USAGE
    if options.source != "live":
        print("xjmsw harvest: --redis harvests the live site (--source live) only", file=sys.stderr)
        return base.EXIT_USAGE
    try:
        overrides = base.parse_overrides(options.set)
    except ValueError as exc:
        print(f"xjmsw harvest: {exc}", file=sys.stderr)
        return base.EXIT_USAGE
    if settings is None:
        settings = base.project_settings()
        settings.setdict(overrides, priority="cmdline")
    url = options.redis or settings.get("XJMSW_REDIS_URL")
    name = settings.get("XJMSW_REDIS_HARVEST") or root.name
    try:
        ctx = RedisHarvest(url, name, heartbeat=settings.getfloat("XJMSW_REDIS_HEARTBEAT", 10.0))
        ctx.ping()
    except RedisUnavailable as exc:
        print(f"xjmsw harvest: {exc}; nothing was done (status {EXIT_NO_REDIS}).", file=sys.stderr, flush=True)
        return EXIT_NO_REDIS
    try:
        worker, lock = claim_worker(root, ctx, options.worker_id or settings.get("XJMSW_WORKER_ID"))
    except ValueError as exc:
        print(f"xjmsw harvest: {exc}", file=sys.stderr)
        return base.EXIT_USAGE
    except Locked as exc:
        print(f"xjmsw harvest: {exc}; this one exits now without touching anything (status {EXIT_LOCKED}).",
              file=sys.stderr, flush=True)
        return EXIT_LOCKED
    try:
        return _worker(options, settings, overrides, root, ctx, worker)
    finally:
        lock.release()


def _local_run_id(layout: base.DataDir, run: str, worker: str) -> str:
    local, n = f"{run}-{worker}", 1
    while layout.manifest(local).exists() or layout.log(local).exists():
        n += 1
        local = f"{run}-{worker}-{n}"
    return local


def _worker(options, settings, overrides: dict, root: Path, ctx: RedisHarvest, worker: str) -> int:
    layout = base.DataDir(root / "shards" / worker)
    for folder in (layout.runs, layout.logs):
        folder.mkdir(parents=True, exist_ok=True)
    base._settle_earlier_runs(layout, False)
    run = ctx.join()
    local_run = _local_run_id(layout, run, worker)

    base.harvest_settings(settings, options, layout, local_run, False)

    def put(name, value):
        settings.set(name, value, priority=max(base.HARVEST_PRIORITY, settings.getpriority(name) or 0))

    put("XJMSW_REDIS_URL", ctx.url)
    put("XJMSW_REDIS_HARVEST", ctx.name)
    put("XJMSW_WORKER_ID", worker)
    put("JOBDIR", None)  # the shared queue in Redis is the job's state
    attach(ctx)
    console_level = "INFO" if options.verbose else settings.get("XJMSW_CONSOLE_LOG_LEVEL", "ERROR")

    started = utc_now()
    t0 = time.monotonic()
    manifest = {
        "run": local_run, "status": "running", "exit_status": None, "summary": None,
        "started": started, "ended": None, "duration_s": None, "resumed_at": [],
        "base_url": options.base_url or settings.get("XJMSW_BASE_URL"), "data_dir": str(layout.root),
        "source": options.source, "command": [redact(a) for a in sys.argv],
        "options": {k: (redact(v) if k == "redis" and v else v) for k, v in asdict(options).items()
                    if k not in ("set", "quiet", "verbose")},
        "overrides": {k: (redact(v) if k == "XJMSW_REDIS_URL" else v) for k, v in overrides.items()},
        "settings": {name: settings.get(name) for name in base.MANIFEST_SETTINGS},
        "files": {"articles": str(layout.articles), "failures": str(layout.failures),
                  "journal": str(layout.root / "journal.jsonl"), "warc": settings.get("XJMSW_WARC_DIR"),
                  "log": str(layout.log(local_run))},
        "distributed": ctx.describe(),
    }
    base.write_json_atomic(layout.manifest(local_run), manifest)

    from scrapy.crawler import AsyncCrawlerProcess, CrawlerProcess

    asyncio_reactor = settings.get("TWISTED_REACTOR") == "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
    process = (AsyncCrawlerProcess if asyncio_reactor else CrawlerProcess)(settings)
    console = base.console_handler(console_level)
    logging.getLogger().addHandler(console)
    logger.info("Worker %s of harvest %s, run %s: %s into %s", worker, ctx.name, run, manifest["base_url"], layout.root)

    crawler = None
    error = None
    try:
        from .state import RedisStateStore, replay_local

        manifest["reconcile"] = replay_local(RedisStateStore(ctx), root, own=layout.root)
        crawler = process.create_crawler(base.SPIDERS["live"])
        process.crawl(crawler, **base.spider_arguments(options))
        process.start()
    except Exception as exc:  # noqa: BLE001 - reported in the manifest and the summary, exit status 70
        logger.exception("The worker crashed")
        error = f"{type(exc).__name__}: {exc}"
    finally:
        logging.getLogger().removeHandler(console)
        detach(ctx)

    session = getattr(crawler, "xjmsw_harvest", None) if crawler is not None else None
    if session is None and error is None:
        error = "the crawl did not start (see the log)"
    seconds = time.monotonic() - t0
    status, summary = _outcome(session, crawler, error, manifest, layout, root, ctx, seconds)
    closed = False
    try:
        if status[1] == "finished":
            closed = ctx.finish()
    except Exception as exc:  # noqa: BLE001 - the next worker closes it (join sees it is over)
        logger.warning("Could not close run %s: %s", run, exc)
    finally:
        ctx.leave()
    if closed:
        summary += f" It was the last worker: run {run} is complete; `xjmsw merge {root}` builds the archive."
    else:
        summary += f" When every worker is done, `xjmsw merge {root}` builds the archive."
    manifest.update(status=status[1], exit_status=status[0], summary=summary, ended=utc_now(),
                    duration_s=round(seconds, 1))
    manifest["distributed"] = {**ctx.describe(), "closed_run": closed}
    if session is not None:
        manifest.update(base._report(session, crawler))
        stats = crawler.stats.get_stats() if crawler.stats else {}
        manifest["distributed"]["version_conflicts"] = stats.get("xjmsw/redis/version_conflicts", 0)
        session.close()
    base.write_json_atomic(layout.manifest(local_run), manifest)
    logging.getLogger(__name__).info("%s", summary)
    if status[0] != base.EXIT_OK or not options.quiet:
        print(summary, file=sys.stdout if status[0] == base.EXIT_OK else sys.stderr, flush=True)
    return status[0]


def _outcome(session, crawler, error, manifest, layout, root: Path, ctx: RedisHarvest, seconds: float):
    """As a single-host harvest's (harvest.runner._outcome), but for what differs for a worker: stopping is
    not resuming (the shared queue goes on), and a worker that found nothing left to do has not failed."""
    if error is None and session is not None:
        reason = getattr(session, "finish_reason", None)
        counts = session.counts
        took = f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
        archived = (f"{counts['new']} new and {counts['updated']} changed article(s) archived, "
                    f"{len(session.skipped) + counts['unchanged']} already archived")
        again = (f"its requests went back to the shared queue: any worker (`xjmsw harvest --redis "
                 f"{redact(ctx.url)} --data-dir {root}`) continues run {ctx.run_id}")
        if reason == "shutdown":
            return (base.EXIT_INTERRUPTED, "interrupted"), (
                f"Worker {ctx.worker_id} was interrupted after {took} ({archived}; nothing is lost); {again}.")
        if reason == "closespider_pagecount":
            return (base.EXIT_OK, "stopped"), (
                f"Worker {ctx.worker_id} stopped after its --max-pages in {took} ({archived}); {again}.")
        if session.ok_responses == 0 and not session.failed and not session.last_error and reason == "finished":
            return (base.EXIT_OK, "finished"), (
                f"Worker {ctx.worker_id} found nothing left to fetch in run {ctx.run_id} ({took}).")
    status, summary = base._outcome(session, crawler, error, manifest, layout, seconds)
    summary = summary.replace(f"Harvest {manifest['run']}", f"Worker {ctx.worker_id} (run {ctx.run_id})", 1)
    return status, summary
