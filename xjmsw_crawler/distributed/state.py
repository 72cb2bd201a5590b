"""The incremental state of a distributed harvest, in Redis; and the session that uses it.

A single-host harvest keeps what it knows in DIR/state.sqlite (harvest/state.py). With --redis that knowledge
is shared by every worker, so two workers never fetch the same archived article, and it survives any worker:

  P:articles    hash url key -> JSON {id, url, sha256, version, published, first_seen, last_seen, last_status,
                last_run}: what is archived (version 0: nothing, e.g. a page that gives no valid record)
  P:aliases     hash url key -> url key of the article it redirects to
  P:listings    hash url key -> JSON {url, category, first_walked, last_walked, complete_at, entries}
  P:complete    set of the listing pages whose every article was archived (later runs may stop paging there)
  P:failures    hash url key -> JSON {url, retry_url, reason, status, exception, first_failed, last_failed,
                failures, run, resolved_at}
  P:reconciled  hash "<host>:<file>" -> bytes of that JSONL already replayed into P:articles

Each worker writes its records to its shard (DIR/shards/<worker>/articles.jsonl) first, flushed and fsync'd,
then updates P:articles (a Lua compare-and-set on the version), as the single-host harvest writes the JSONL
before state.sqlite. A worker killed in between leaves a record Redis does not know: the next worker started on
that host replays it (RedisStateStore.reconcile), and `xjmsw merge` keeps each article version once anyway.

Each shard also has journal.jsonl: the listing pages walked with the articles they list, aliases, pages that gave
no valid record and pages robots.txt forbids: what `xjmsw merge` rechecks the archive against.

Anything of StateStore not shared (the single-host frontier of a killed run: in Redis mode the shared queue and
the in-flight hashes are that frontier) stays in the shard's own state.sqlite.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from pathlib import Path

from xjmsw_crawler.harvest.resilience import NOT_BEFORE
from xjmsw_crawler.harvest.session import HarvestSession, describe_failure
from xjmsw_crawler.harvest.state import Known, iter_records, repair_jsonl, utc_now
from xjmsw_crawler.parsers.normalize import canonical_url, url_key
from xjmsw_crawler.site import looks_like_trap

logger = logging.getLogger(__name__)

_SET_VERSION = """
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local new = cjson.decode(ARGV[2])
if cur then
  local old = cjson.decode(cur)
  local v = tonumber(old.version) or 0
  if v >= tonumber(new.version) then return v end
  if old.first_seen and old.first_seen ~= cjson.null then new.first_seen = old.first_seen end
end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(new))
return 0
"""

_UPDATE = """
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local obj
if cur then obj = cjson.decode(cur)
elseif ARGV[3] == '' then return 0
else obj = cjson.decode(ARGV[3]) end
for k, v in pairs(cjson.decode(ARGV[2])) do obj[k] = v end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(obj))
return 1
"""

_FAIL = """
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local new = cjson.decode(ARGV[2])
new.failures = 1
if cur then
  local old = cjson.decode(cur)
  if old.resolved_at == nil or old.resolved_at == cjson.null then new.failures = (tonumber(old.failures) or 1) + 1 end
  if old.first_failed and old.first_failed ~= cjson.null then new.first_failed = old.first_failed end
end
new.resolved_at = cjson.null
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(new))
return new.failures
"""

_RESOLVE = """
local n = 0
for i = 1, #ARGV - 1 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if cur then
    local obj = cjson.decode(cur)
    if obj.resolved_at == nil or obj.resolved_at == cjson.null then
      obj.resolved_at = ARGV[#ARGV]
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(obj))
      n = n + 1
    end
  end
end
return n
"""


def _loads(value) -> dict:
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _known(data: dict) -> Known:
    return Known(int(data.get("version") or 0), data.get("sha256"), data.get("published"), data.get("last_status"))


class Journal:
    """DIR/shards/<worker>/journal.jsonl: one JSON line per fact `xjmsw merge` rechecks (flushed per line)."""

    def __init__(self, path: Path, run: str, worker: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.run = run
        self.worker = worker
        self.file = self.path.open("a", encoding="utf-8")

    def write(self, kind: str, **fields) -> None:
        if self.file is None:
            return
        line = {"kind": kind, **fields, "run": self.run, "worker": self.worker, "time": utc_now()}
        self.file.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.file.flush()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


class RedisStateStore:
    """StateStore's interface (harvest/state.py) on Redis, for what the workers share; everything else is
    the shard's own StateStore (`local`)."""

    def __init__(self, ctx, local=None, journal: Journal | None = None):
        self.ctx = ctx
        self.client = ctx.client
        self.local = local
        self.journal = journal
        self.k_articles = ctx.key("articles")
        self.k_aliases = ctx.key("aliases")
        self.k_listings = ctx.key("listings")
        self.k_complete = ctx.key("complete")
        self.k_failures = ctx.key("failures")
        self.k_reconciled = ctx.key("reconciled")
        register = self.client.register_script
        self._set_version = register(_SET_VERSION)
        self._update = register(_UPDATE)
        self._fail = register(_FAIL)
        self._resolve = register(_RESOLVE)
        self.conflicts = 0

    def __getattr__(self, name):
        # Per-worker parts of StateStore (e.g. the single-host frontier): the shard's own state.sqlite.
        local = self.__dict__.get("local")
        if local is None:
            raise AttributeError(name)
        return getattr(local, name)

    def close(self) -> None:
        if self.local is not None:
            self.local.close()
        if self.journal is not None:
            self.journal.close()

    # -- reading ---------------------------------------------------------------------------------------

    def known_articles(self) -> dict[str, Known]:
        return {k.decode(): _known(_loads(v)) for k, v in self.client.hgetall(self.k_articles).items()}

    def known(self, key: str) -> Known | None:
        value = self.client.hget(self.k_articles, key)
        return _known(_loads(value)) if value is not None else None

    def article(self, key: str) -> dict | None:
        value = self.client.hget(self.k_articles, key)
        return _loads(value) if value is not None else None

    def aliases(self) -> dict[str, str]:
        return {k.decode(): v.decode() for k, v in self.client.hgetall(self.k_aliases).items()}

    def complete_listings(self) -> set[str]:
        return {k.decode() for k in self.client.smembers(self.k_complete)}

    def open_failures(self) -> list[dict]:
        names = ("url", "retry_url", "reason", "status", "exception", "last_failed", "failures")
        found = []
        for key, value in self.client.hgetall(self.k_failures).items():
            data = _loads(value)
            if data.get("resolved_at") is None:
                found.append({"url_key": key.decode(), **{n: data.get(n) for n in names}})
        return sorted(found, key=lambda f: f.get("last_failed") or "")

    def counts(self) -> dict:
        versions = [int(_loads(v).get("version") or 0) for v in self.client.hvals(self.k_articles)]
        failures = [_loads(v) for v in self.client.hvals(self.k_failures)]
        return {
            "articles": sum(v > 0 for v in versions),
            "records": sum(v for v in versions if v > 0),
            "listings": self.client.hlen(self.k_listings),
            "open_failures": sum(f.get("resolved_at") is None for f in failures),
        }

    # -- writing ---------------------------------------------------------------------------------------

    def _article_row(self, record: dict, status: str, run: str) -> dict:
        now = record.get("fetched_at") or utc_now()
        return {"id": record.get("id"), "url": record["url"], "sha256": record.get("sha256"),
                "version": int(record.get("version") or 1), "published": record.get("published"),
                "first_seen": now, "last_seen": now, "last_status": status, "last_run": run}

    def record_archived(self, record: dict, jsonl_size: int, run: str, status: str) -> None:
        """A record just written (and fsync'd) to the shard: its row, unless a worker archived this version
        or a later one meanwhile (then the merge keeps each version once; counted, logged)."""
        key = url_key(record["url"])
        current = int(self._set_version(keys=[self.k_articles], args=[key, json.dumps(self._article_row(record, status, run))]))
        if current:
            self.conflicts += 1
            logger.warning("%s: version %s was archived, but another worker has version %d in Redis; `xjmsw "
                           "merge` keeps each version once", record["url"], record.get("version"), current)
        self.resolve_failures([key], record.get("fetched_at"))

    def record_seen(self, url: str, status: str, run: str, when: str | None = None, article_id: str | None = None) -> None:
        key = url_key(url)
        when = when or utc_now()
        default = {"id": article_id, "url": url, "sha256": None, "version": 0, "published": None,
                   "first_seen": when, "last_seen": when, "last_status": status, "last_run": run}
        self._update(keys=[self.k_articles], args=[key, json.dumps({"last_seen": when, "last_status": status,
                                                                    "last_run": run}), json.dumps(default)])
        self.resolve_failures([key], when)
        if status == "invalid" and self.journal is not None:
            self.journal.write("invalid", url=url)

    def record_alias(self, alias_url: str, target_url: str) -> None:
        self.client.hset(self.k_aliases, url_key(alias_url), url_key(target_url))
        if self.journal is not None:
            self.journal.write("alias", url=alias_url, target=target_url)

    def record_listing(self, url: str, category: str | None, entries: int, complete: bool, when: str | None = None) -> None:
        key = url_key(url)
        when = when or utc_now()
        update = {"url": url, "last_walked": when, "entries": entries}
        if category is not None:
            update["category"] = category
        if complete:
            update["complete_at"] = when
        default = {"url": url, "category": category, "first_walked": when, "complete_at": None}
        self._update(keys=[self.k_listings], args=[key, json.dumps(update, ensure_ascii=False),
                                                   json.dumps(default, ensure_ascii=False)])
        if complete:
            self.client.sadd(self.k_complete, key)

    def _update_many(self, pipe, table: str, keys: list[str], fields: dict) -> None:
        """The same fields set on every entry of keys, queued on pipe."""
        update = json.dumps(fields)
        for key in keys:
            self._update(keys=[table], args=[key, update, ""], client=pipe)

    def mark_listings_complete(self, keys: list[str], when: str | None = None) -> None:
        if keys:
            pipe = self.client.pipeline(transaction=False)
            self._update_many(pipe, self.k_listings, keys, {"complete_at": when or utc_now()})
            pipe.sadd(self.k_complete, *keys)
            pipe.execute()

    def touch_articles(self, keys: list[str], when: str | None = None) -> None:
        if keys:
            pipe = self.client.pipeline(transaction=False)
            self._update_many(pipe, self.k_articles, keys, {"last_seen": when or utc_now()})
            pipe.execute()

    def record_failure(self, failure: dict, run: str) -> None:
        key = url_key(failure["url"])
        row = {"url": failure["url"], "retry_url": failure.get("retry_url"), "reason": failure["reason"],
               "status": failure.get("status"), "exception": failure.get("exception"),
               "first_failed": failure["time"], "last_failed": failure["time"], "run": run}
        self._fail(keys=[self.k_failures], args=[key, json.dumps(row, ensure_ascii=False)])
        if failure.get("status") is not None and failure.get("kind") == "article":
            self._update(keys=[self.k_articles], args=[key, json.dumps({"last_status": failure["reason"]}), ""])

    def resolve_failures(self, keys: list[str], when: str | None = None) -> None:
        if keys:
            self._resolve(keys=[self.k_failures], args=[*keys, when or utc_now()])

    # -- agreeing with the JSONL files ---------------------------------------------------------------

    def reconcile(self, jsonl: Path, own: bool = False) -> dict:
        """Replays into P:articles the records of a JSONL archive (a shard, or the merged DIR/articles.jsonl)
        that Redis lacks or has at a lower version, from the last byte replayed before on. `own`: this worker's
        shard, whose torn last line (a crash mid-write) is cut off first; another file is only read up to
        its last complete line (its worker may be writing)."""
        jsonl = Path(jsonl)
        done = {"file": str(jsonl), "torn_bytes": 0, "replayed": 0, "applied": 0}
        if own:
            done["torn_bytes"] = repair_jsonl(jsonl)
            if done["torn_bytes"]:
                logger.warning("%s ended in a torn line (a worker was killed while writing it): removed its %d "
                               "bytes; the article is fetched again", jsonl, done["torn_bytes"])
        if not jsonl.exists():
            return done
        field = f"{socket.gethostname()}:{jsonl.resolve()}"
        start = int(self.client.hget(self.k_reconciled, field) or 0)
        size = jsonl.stat().st_size
        if start > size:
            start = 0  # the file was cut (a torn line) or replaced: read it all again
        end = start
        pipe = self.client.pipeline(transaction=False)
        for offset, record in iter_records(jsonl, start):
            if not isinstance(record.get("version"), int) or not record.get("sha256"):
                end = offset
                continue
            row = self._article_row(record, "archived", record.get("run") or "")
            self._set_version(keys=[self.k_articles], args=[url_key(record["url"]), json.dumps(row)], client=pipe)
            done["replayed"] += 1
            end = offset
            if len(pipe) >= 500:
                done["applied"] += sum(1 for r in pipe.execute() if not r)
        if len(pipe):
            done["applied"] += sum(1 for r in pipe.execute() if not r)
        self.client.hset(self.k_reconciled, field, end)
        if done["applied"]:
            logger.info("Redis caught up with %d record(s) of %s", done["applied"], jsonl)
        return done


class RedisKnown(dict):
    """HarvestSession.known in Redis mode: P:articles as it was when the worker opened (plus what the worker
    itself archives), refreshed where a fresh answer matters (before a version is chosen, at the end)."""

    def __init__(self, store: RedisStateStore):
        super().__init__(store.known_articles())
        self.store = store

    def refresh(self) -> None:
        fresh = self.store.known_articles()
        self.clear()
        self.update(fresh)

    def refresh_key(self, key: str) -> None:
        known = self.store.known(key)
        if known is not None:
            self[key] = known


class RedisHarvestSession(HarvestSession):
    """HarvestSession on the shared state: the shard (DIR/shards/<worker>) holds this worker's articles.jsonl
    and failures.jsonl; what is archived, listings and failures are in Redis."""

    def __init__(self, crawler, ctx):
        super().__init__(crawler.settings, crawler.stats)
        self.crawler = crawler
        self.ctx = ctx
        self.local_state = self.state
        self.journal = Journal(self.data_dir / "journal.jsonl", run=ctx.run_id, worker=ctx.worker_id)
        self.state = RedisStateStore(ctx, self.local_state, self.journal)
        self.known = RedisKnown(self.state)
        self.aliases = self.state.aliases()
        self.complete = self.state.complete_listings()
        self.open_failures = {f["url_key"]: f for f in self.state.open_failures()}
        self.archived_before = {key for key, known in self.known.items() if known.archived}
        self.retry_delay = crawler.settings.getfloat("XJMSW_RETRY_ROUND_DELAY", 5.0)

    # The shared queue and the in-flight hashes are the frontier of a distributed run.
    def note_request(self, request) -> None:
        return None

    def frontier_requests(self, spider) -> list:
        return []

    def retry_requests(self, spider) -> list:
        """--retry-failures: the open failures, queued by the one worker that seeds the run."""
        if not self.ctx.claim_seed():
            return []
        return super().retry_requests(spider)

    def listing_links(self, url: str, listing) -> list[str]:
        links = super().listing_links(url, listing)
        spider = self.crawler.spider
        site = getattr(spider, "site", None)
        entries = []
        for entry in listing.entries:
            link = canonical_url(entry.url)
            if site is None or (site.worth_fetching(link) and not looks_like_trap(link)):
                entries.append([link, entry.date])
        self.journal.write("listing", url=url, category=listing.category, entries=entries)
        return links

    def on_failure(self, failure) -> bool:
        info = None
        try:
            info = describe_failure(failure)
        except Exception:  # noqa: BLE001 - describe_failure is the session's business; only the journal needs it
            pass
        if info and info.get("robots"):
            self.journal.write("robots", url=info["url"])
        taken = super().on_failure(failure)
        if self.deferred:
            # A failure to try once more goes back to the shared queue at once, not held in this worker's
            # memory till the end: a worker killed meanwhile loses none. It is not sent before the retry
            # delay has passed (BackoffRetryMiddleware honours NOT_BEFORE).
            deferred, self.deferred = self.deferred, []
            for request, failed in deferred:
                again = self.again(request, failed)
                again.meta[NOT_BEFORE] = time.time() + self.retry_delay
                self.crawler.engine.crawl(again)
        return taken

    def finish(self, reason: str) -> None:
        self.known.refresh()  # other workers archived articles of the listings this one walked
        super().finish(reason)


def replay_local(store: RedisStateStore, root: Path, own: Path | None = None) -> list[dict]:
    """At a worker's start: Redis catches up with the archive files of this host (the merged
    DIR/articles.jsonl, every shard): records written by a worker killed before it told Redis."""
    done = []
    files = [root / "articles.jsonl", *sorted((root / "shards").glob("*/articles.jsonl"))]
    for path in files:
        if path.exists() or (own is not None and path == own / "articles.jsonl"):
            is_own = own is not None and path.parent == own
            result = store.reconcile(path, own=is_own)
            if result["torn_bytes"] or result["applied"]:
                done.append(result)
    return done

