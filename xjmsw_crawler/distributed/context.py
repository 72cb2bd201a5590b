"""RedisHarvest: what the workers of one distributed harvest share in Redis, and how they join, beat and leave.

Keys (P = `xjmsw:<harvest>`, the harvest's name: the data directory's name unless XJMSW_REDIS_HARVEST says):

  P:run                        the run the workers are in (a UTC time, like a single-host run id)
  P:runs                       hash run -> JSON (started, ended, status, who started it)
  P:lock                       a short mutex around joining and ending runs
  P:worker:<id>                a worker's heartbeat (JSON: host, pid, run), expiring XJMSW_REDIS_HEARTBEAT s
                               after the last beat: a worker without one is dead
  P:followup                   seeds `xjmsw merge --redis` asks the next run to fetch (URLs it found missing)
  P:<run>:requests             the shared request queue (scrapy-redis PriorityQueue: a sorted set of pickled
                               requests, score -priority)
  P:<run>:dupefilter           the shared dupefilter (request fingerprints)
  P:<run>:start_urls           the seeds, in scrapy-redis's JSON request format
  P:<run>:seeded               set (SET NX) by the one worker that seeds the run
  P:<run>:workers              every worker that joined the run
  P:<run>:inflight:<id>        hash token -> "score member": the requests a worker took from the queue and has
                               not finished (callback, items and the requests it made all done). A dead
                               worker's hash goes back to the queue, whole and atomically (Lua).
  P:<run>:dates, P:<run>:pending   listing dates seen, and records held back until a listing dates them
  P:articles, P:aliases, P:listings, P:complete, P:failures, P:reconciled   the incremental state (state.py)

Taking a request from the queue and recording it in flight is one Lua script, and so is putting a dead
worker's in-flight requests back: a worker killed at any moment loses no request.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

logger = logging.getLogger(__name__)

DEFAULT_HEARTBEAT = 10.0

#: Exit status when Redis cannot be reached (sysexits EX_UNAVAILABLE).
EXIT_NO_REDIS = 69

_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local t = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], t, r[2] .. ' ' .. r[1])
return {t, r[1], r[2]}
"""

_ENQUEUE = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1
"""

_REQUEUE_ONE = """
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
local sp = string.find(v, ' ', 1, true)
redis.call('ZADD', KEYS[2], tonumber(string.sub(v, 1, sp - 1)), string.sub(v, sp + 1))
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
"""

_REQUEUE_ALL = """
local all = redis.call('HGETALL', KEYS[1])
local n = 0
for i = 2, #all, 2 do
  local v = all[i]
  local sp = string.find(v, ' ', 1, true)
  redis.call('ZADD', KEYS[2], tonumber(string.sub(v, 1, sp - 1)), string.sub(v, sp + 1))
  n = n + 1
end
redis.call('DEL', KEYS[1])
return n
"""

_CLAIM_ONE = """
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v then redis.call('HDEL', KEYS[1], ARGV[1]) end
return v
"""

_CLAIM_ALL = """
local all = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return all
"""

_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisUnavailable(Exception):
    """Redis cannot be reached (or scrapy-redis / redis-py are not installed)."""


class WorkerIdInUse(Exception):
    """A live worker already has this id."""


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def harvest_name(text: str) -> str:
    """A harvest name usable in Redis keys (and in scrapy-redis's %-formatted key templates)."""
    return re.sub(r"[^\w.-]+", "_", text).strip("._") or "harvest"


def redact(url: str) -> str:
    """The Redis URL without its password, for logs and manifests."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = (f"{parts.username}:***@" if parts.username else ":***@") + (parts.hostname or "")
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _pid_alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError, TypeError):
        return False
    return True


def _text(value) -> str | None:
    return value.decode("utf-8") if isinstance(value, bytes) else value


class RedisHarvest:
    """One worker's handle on a distributed harvest."""

    def __init__(self, url: str, name: str, worker_id: str | None = None, heartbeat: float = DEFAULT_HEARTBEAT):
        try:
            import redis
        except ImportError as exc:  # the optional extra is not installed
            raise RedisUnavailable("Redis mode needs scrapy-redis and redis-py: pip install 'xjmsw-crawler[distributed]'") from exc
        self.url = url
        self.name = harvest_name(name)
        self.prefix = f"xjmsw:{self.name}"
        self.worker_id = worker_id or f"{harvest_name(socket.gethostname())}-{os.getpid()}"
        self.heartbeat = max(float(heartbeat), 1.0)
        self.client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, health_check_interval=15)
        self.run_id: str | None = None
        self.started_run = False  # this worker opened the run
        self.seeder = False  # this worker seeded the run
        self.recovered = 0  # in-flight requests of dead workers put back into the queue by this worker
        self._beat_value = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        register = self.client.register_script
        self._enqueue = register(_ENQUEUE)
        self._pop = register(_POP)
        self._requeue_one = register(_REQUEUE_ONE)
        self._requeue_all = register(_REQUEUE_ALL)
        self._claim_one = register(_CLAIM_ONE)
        self._claim_all = register(_CLAIM_ALL)
        self._unlock = register(_UNLOCK)

    # -- names ------------------------------------------------------------------------------------------

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def run_key(self, *parts: str) -> str:
        if self.run_id is None:
            raise RuntimeError("not in a run yet: join() first")
        return self.key(self.run_id, *parts)

    def worker_key(self, worker: str | None = None) -> str:
        return self.key("worker", worker or self.worker_id)

    def inflight_key(self, worker: str | None = None) -> str:
        return self.run_key("inflight", worker or self.worker_id)

    @property
    def queue_key(self) -> str:
        return self.run_key("requests")

    def describe(self) -> dict:
        return {"redis": redact(self.url), "harvest": self.name, "run": self.run_id, "worker": self.worker_id,
                "host": socket.gethostname(), "pid": os.getpid(), "started_run": self.started_run,
                "seeder": self.seeder, "recovered_requests": self.recovered}

    # -- joining and leaving ----------------------------------------------------------------------------

    def ping(self) -> None:
        try:
            self.client.ping()
        except Exception as exc:  # redis.ConnectionError, AuthenticationError, TimeoutError, ...
            raise RedisUnavailable(f"cannot reach Redis at {redact(self.url)}: {exc}") from exc

    @contextmanager
    def mutex(self, timeout: float = 60.0):
        token = uuid.uuid4().hex
        key = self.key("lock")
        deadline = time.monotonic() + timeout
        while not self.client.set(key, token, nx=True, px=30_000):
            if time.monotonic() > deadline:
                raise TimeoutError(f"could not take {key} in {timeout:.0f} s")
            time.sleep(0.05)
        try:
            yield
        finally:
            self._unlock(keys=[key], args=[token])

    def claim_worker_id(self, worker_id: str | None = None) -> bool:
        """Takes this worker id (its heartbeat key) unless a live worker has it. A heartbeat left by a dead
        process of this host (same id, killed) is taken over at once."""
        if worker_id:
            self.worker_id = worker_id
        self._beat_value = json.dumps({"worker": self.worker_id, "host": socket.gethostname(), "pid": os.getpid(),
                                       "since": utc_now()})
        key = self.worker_key()
        ttl = int(self.heartbeat * 1000)
        if self.client.set(key, self._beat_value, nx=True, px=ttl):
            return True
        try:
            holder = json.loads(self.client.get(key) or b"{}")
        except ValueError:
            holder = {}
        if holder.get("host") == socket.gethostname() and not _pid_alive(holder.get("pid")):
            self.client.set(key, self._beat_value, px=ttl)
            return True
        return False

    def join(self) -> str:
        """Joins the current run, or starts a new one when there is none (or the last one has nothing left
        and no live worker). Returns the run id."""
        if not self._beat_value and not self.claim_worker_id():
            raise WorkerIdInUse(f"worker id {self.worker_id} is in use by a live worker")
        with self.mutex():
            current = _text(self.client.get(self.key("run")))
            if current and self._run_is_over(current):
                self._end_run(current, "finished", "its last worker ended without closing it")
                current = None
            if current is None:
                current = self._new_run_id()
                self.client.set(self.key("run"), current)
                self.client.hset(self.key("runs"), current, json.dumps(
                    {"run": current, "status": "running", "started": utc_now(), "started_by": self.worker_id}))
                self.started_run = True
            self.run_id = current
            self.client.sadd(self.run_key("workers"), self.worker_id)
            # What an earlier process with this worker id had in flight when it was killed.
            mine = self.requeue_all(self.worker_id)
            if mine:
                logger.warning("Put back into the queue %d request(s) an earlier process of worker %s had in "
                               "flight when it died", mine, self.worker_id)
        self.start_heartbeat()
        logger.info("Worker %s %s run %s of harvest %s on %s", self.worker_id,
                    "started" if self.started_run else "joined", self.run_id, self.name, redact(self.url))
        return current

    def _new_run_id(self) -> str:
        base = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        run, n = base, 1
        while self.client.hexists(self.key("runs"), run):
            n += 1
            run = f"{base}-{n}"
        return run

    def alive(self, worker: str) -> bool:
        return bool(self.client.exists(self.worker_key(worker)))

    def _run_is_over(self, run: str) -> bool:
        """Nothing left in `run` and no live worker in it (dead workers' in-flight requests are put back)."""
        key = lambda *parts: self.key(run, *parts)  # noqa: E731
        for worker in (_text(w) for w in self.client.smembers(key("workers"))):
            if worker != self.worker_id and self.alive(worker):
                return False
            self._requeue_all(keys=[key("inflight", worker), key("requests")])
        pipe = self.client.pipeline(transaction=False)
        pipe.zcard(key("requests"))
        pipe.llen(key("start_urls"))
        pipe.hlen(key("pending"))
        return not any(pipe.execute())

    def _end_run(self, run: str, status: str, note: str | None = None) -> None:
        info = json.loads(self.client.hget(self.key("runs"), run) or b"{}")
        info.update(status=status, ended=utc_now(), ended_by=self.worker_id)
        if note:
            info["note"] = note
        self.client.hset(self.key("runs"), run, json.dumps(info))
        if _text(self.client.get(self.key("run"))) == run:
            self.client.delete(self.key("run"))
        doomed = list(self.client.scan_iter(match=f"{self.key(run)}:*", count=1000))
        if doomed:
            self.client.delete(*doomed)
        logger.info("Run %s of harvest %s is over (%s)", run, self.name, note or status)

    def finish(self) -> bool:
        """At a worker's clean end: closes the run when nothing is left in it and no other worker lives.
        True when this worker closed it (the shared queue and dupefilter are removed: the next worker starts
        a new run)."""
        if self.run_id is None:
            return False
        with self.mutex():
            # This worker is leaving: without its heartbeat it counts as gone for the next worker that asks
            # (two workers ending together: the second one, under the mutex, sees the first gone and closes).
            self.leave()
            if _text(self.client.get(self.key("run"))) != self.run_id:
                return False
            if not self._run_is_over(self.run_id) or self.client.hlen(self.inflight_key()):
                return False
            self._end_run(self.run_id, "finished")
            return True

    def leave(self) -> None:
        self.stop_heartbeat()
        if not self._beat_value:
            return
        try:
            if self.client.get(self.worker_key()) == self._beat_value.encode():
                self.client.delete(self.worker_key())
        except Exception as exc:  # noqa: BLE001 - Redis gone at the end: its key expires anyway
            logger.warning("Could not remove the heartbeat of worker %s: %s", self.worker_id, exc)

    # -- heartbeat --------------------------------------------------------------------------------------

    def beat(self) -> None:
        self.client.set(self.worker_key(), self._beat_value, px=int(self.heartbeat * 1000))

    def start_heartbeat(self) -> None:
        """A daemon thread refreshes the heartbeat every heartbeat/4 s (it dies with the process)."""
        if self._thread is not None:
            return
        self._stop.clear()
        interval = self.heartbeat / 4

        def run():
            while not self._stop.wait(interval):
                try:
                    self.beat()
                except Exception as exc:  # noqa: BLE001 - a Redis hiccup: the next beat may pass
                    logger.warning("Heartbeat of worker %s failed: %s", self.worker_id, exc)

        self._thread = threading.Thread(target=run, name=f"xjmsw-heartbeat-{self.worker_id}", daemon=True)
        self._thread.start()

    def stop_heartbeat(self) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join(timeout=5)
            self._thread = None

    # -- the queue and what is in flight --------------------------------------------------------------

    def enqueue(self, dupefilter_key: str, fingerprint: str, score: float, member: bytes) -> bool:
        """Records the fingerprint (unless empty: dont_filter) and queues the request, atomically; False when
        the fingerprint was seen before."""
        return bool(self._enqueue(keys=[self.queue_key, dupefilter_key], args=[fingerprint, score, member]))

    def pop(self) -> tuple[int, bytes, str] | None:
        """Takes the first request of the queue and records it in this worker's in-flight hash, atomically:
        (token, serialized request, score) or None when the queue is empty."""
        found = self._pop(keys=[self.queue_key, self.inflight_key(), self.run_key("tokens")])
        if not found:
            return None
        token, member, score = found
        return int(token), member, _text(score)

    def done(self, token: int) -> None:
        self.client.hdel(self.inflight_key(), token)

    def requeue(self, token: int) -> bool:
        return bool(self._requeue_one(keys=[self.inflight_key(), self.queue_key], args=[token]))

    def requeue_all(self, worker: str) -> int:
        return int(self._requeue_all(keys=[self.inflight_key(worker), self.queue_key]))

    def recover_dead(self) -> int:
        """Puts the in-flight requests of every dead worker of the run back into the queue."""
        workers = [_text(w) for w in self.client.smembers(self.run_key("workers")) if _text(w) != self.worker_id]
        if not workers:
            return 0
        pipe = self.client.pipeline(transaction=False)
        for worker in workers:
            pipe.exists(self.worker_key(worker))
            pipe.hlen(self.inflight_key(worker))
        found = pipe.execute()
        recovered = 0
        for i, worker in enumerate(workers):
            alive, inflight = found[2 * i], found[2 * i + 1]
            if not alive and inflight:
                n = self.requeue_all(worker)
                if n:
                    recovered += n
                    logger.warning("Worker %s is dead (no heartbeat for %.0f s): its %d request(s) in flight are "
                                   "back in the queue", worker, self.heartbeat, n)
        self.recovered += recovered
        return recovered

    def activity(self) -> dict:
        """What is left in the run: queued requests, seeds, records waiting for a date, and the requests the
        other live workers have in flight."""
        workers = [_text(w) for w in self.client.smembers(self.run_key("workers")) if _text(w) != self.worker_id]
        pipe = self.client.pipeline(transaction=False)
        pipe.zcard(self.queue_key)
        pipe.llen(self.run_key("start_urls"))
        pipe.hlen(self.run_key("pending"))
        pipe.hlen(self.inflight_key())
        for worker in workers:
            pipe.hlen(self.inflight_key(worker))
        found = pipe.execute()
        return {"queued": found[0], "seeds": found[1], "pending": found[2], "mine": found[3],
                "others": sum(found[4:])}

    # -- seeds ------------------------------------------------------------------------------------------

    def claim_seed(self) -> bool:
        """True for the one worker that seeds this run (SET NX)."""
        if self.client.set(self.run_key("seeded"), self.worker_id, nx=True):
            self.seeder = True
        return self.seeder

    def push_seeds(self, seeds: list[dict]) -> None:
        followups = self.client.spop(self.key("followup"), 100_000) or []
        seeds = [*seeds, *(json.loads(f) for f in followups)]
        if seeds:
            self.client.rpush(self.run_key("start_urls"), *(json.dumps(s, ensure_ascii=False) for s in seeds))
        if followups:
            logger.info("Run %s also fetches the %d URL(s) `xjmsw merge` found missing", self.run_id, len(followups))

    def seeds(self, count: int) -> list[bytes]:
        return self.client.lrange(self.run_key("start_urls"), 0, max(count, 1) - 1)

    def seed_done(self, data: bytes) -> None:
        self.client.lrem(self.run_key("start_urls"), 1, data)

    def add_followups(self, seeds: list[dict]) -> int:
        if not seeds:
            return 0
        return self.client.sadd(self.key("followup"), *(json.dumps(s, ensure_ascii=False, sort_keys=True) for s in seeds))

    # -- records waiting for a listing date -----------------------------------------------------------

    def claim_pending(self, key: str) -> bytes | None:
        return self._claim_one(keys=[self.run_key("pending")], args=[key])

    def claim_all_pending(self) -> dict[str, bytes]:
        flat = self._claim_all(keys=[self.run_key("pending")]) or []
        return {_text(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


#: Handles made by `xjmsw harvest --redis` before its crawl starts, for the crawl's components to take over
#: (same process). Keyed by (url, harvest name, worker id).
_ATTACHED: dict[tuple, RedisHarvest] = {}


def attach(ctx: RedisHarvest) -> None:
    _ATTACHED[(ctx.url, ctx.name, ctx.worker_id)] = ctx


def detach(ctx: RedisHarvest) -> None:
    _ATTACHED.pop((ctx.url, ctx.name, ctx.worker_id), None)


def settings_name(settings) -> str:
    if settings.get("XJMSW_REDIS_HARVEST"):
        return settings.get("XJMSW_REDIS_HARVEST")
    if settings.get("XJMSW_DATA_DIR"):
        # A worker's data dir is DIR/shards/<worker>: the harvest is named after DIR.
        data_dir = os.path.abspath(settings.get("XJMSW_DATA_DIR"))
        parent = os.path.dirname(data_dir)
        if os.path.basename(parent) == "shards":
            return os.path.basename(os.path.dirname(parent))
        return os.path.basename(data_dir)
    return "crawl"


def redis_context(crawler) -> RedisHarvest:
    """The crawler's RedisHarvest: the one `xjmsw harvest --redis` attached, else a new one that joins (or
    starts) the run itself (`scrapy crawl xjmsw -s XJMSW_REDIS_URL=…`)."""
    ctx = getattr(crawler, "xjmsw_redis", None)
    if ctx is not None:
        return ctx
    settings = crawler.settings
    url = settings.get("XJMSW_REDIS_URL")
    if not url:
        raise RuntimeError("XJMSW_REDIS_URL is not set: not a distributed crawl")
    name = harvest_name(settings_name(settings))
    worker = settings.get("XJMSW_WORKER_ID") or None
    ctx = _ATTACHED.get((url, name, worker)) if worker else None
    if ctx is None:
        ctx = RedisHarvest(url, name, worker, heartbeat=settings.getfloat("XJMSW_REDIS_HEARTBEAT", DEFAULT_HEARTBEAT))
        ctx.ping()
        ctx.join()
        crawler.xjmsw_redis_owned = True  # this crawl leaves the run itself when it closes
    crawler.xjmsw_redis = ctx
    return ctx
