"""RedisXjmswSpider: the project's spider `xjmsw` on a shared Redis queue (scrapy-redis).

It is XjmswSpider (same parsers, same walk, same records) with scrapy-redis's RedisMixin, and:

* an async start() (Scrapy 2.13+; scrapy-redis 0.9.1 only defines the deprecated start_requests()): the
  first worker of a run seeds it (SET NX P:<run>:seeded) with the start page in scrapy-redis's JSON request
  format ({"url", "meta", "priority"}); then every worker takes the seeds from P:<run>:start_urls and hands
  them to the shared queue. A seed leaves the list only after its request is in the queue.
* the idle rule: a worker exits when the run has had nothing to do (empty queue, no seeds, no request in
  flight at a live worker) for MAX_IDLE_TIME_BEFORE_CLOSE seconds; while it waits it puts the in-flight
  requests of dead workers back into the queue.
* the dates printed in listings, and the records that wait for one (an article page without a date), are
  shared in Redis, so a listing parsed by one worker dates an article fetched by another; the records still
  undated when the whole run is idle are released by one worker (as a single-host crawl does at its end).

Settings: XJMSW_REDIS_URL (switches it on), XJMSW_REDIS_HARVEST, XJMSW_WORKER_ID, XJMSW_REDIS_HEARTBEAT,
MAX_IDLE_TIME_BEFORE_CLOSE. `update_settings` puts the scheduler, dupefilter and the distributed components in
place (README "Distributed harvests" says which Scrapy features are off in this mode).
"""

from __future__ import annotations

import json
import time
from collections.abc import MutableMapping

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy_redis.spiders import RedisMixin
from scrapy_redis.utils import bytes_to_str

from xjmsw_crawler.spiders.xjmsw import ARTICLE, LISTING, XjmswSpider

from .context import redis_context

#: Settings a distributed crawl needs whatever else asked: above the project's and the harvest's, below -s.
PRIORITY = SETTINGS_PRIORITIES["cmdline"] - 1


def configure(settings) -> None:
    """The settings of Redis mode (called from the spider's update_settings, before they freeze)."""

    def put(name, value):
        settings.set(name, value, priority=max(PRIORITY, settings.getpriority(name) or 0))

    def components(name: str, changes: dict) -> None:
        merged = dict(settings.getdict(name))
        merged.update(changes)
        settings.set(name, merged, priority=max(PRIORITY, settings.getpriority(name) or 0))

    put("SCHEDULER", "xjmsw_crawler.distributed.scheduler.RedisScheduler")
    put("DUPEFILTER_CLASS", "xjmsw_crawler.distributed.scheduler.RedisDupeFilter")
    put("REDIS_URL", settings.get("XJMSW_REDIS_URL"))
    put("SCHEDULER_PERSIST", True)
    # The shared queue is the job's state: Scrapy's JOBDIR (disk queues, its dupefilter) does not apply.
    put("JOBDIR", None)
    components("EXTENSIONS", {"xjmsw_crawler.distributed.components.DistributedExtension": 50})
    if settings.get("XJMSW_DATA_DIR"):
        components("ITEM_PIPELINES", {
            "xjmsw_crawler.harvest.components.ArchivePipeline": None,
            "xjmsw_crawler.distributed.components.RedisArchivePipeline": 800,
        })


class RedisDates(MutableMapping):
    """url key -> date printed beside the article in a listing, shared by the run's workers (P:<run>:dates)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.key = ctx.run_key("dates")
        self.cache: dict[str, str] = {}

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        if key in self.cache:
            return self.cache[key]
        value = self.ctx.client.hget(self.key, key)
        if value is None:
            return default
        self.cache[key] = value = value.decode("utf-8")
        return value

    def setdefault(self, key, default=None):
        if key not in self.cache:
            self.ctx.client.hsetnx(self.key, key, default)
            self.cache[key] = default
        return self.cache[key]

    def __setitem__(self, key, value):
        self.ctx.client.hset(self.key, key, value)
        self.cache[key] = value

    def __delitem__(self, key):
        self.ctx.client.hdel(self.key, key)
        self.cache.pop(key, None)

    def __iter__(self):
        return iter(k.decode("utf-8") for k in self.ctx.client.hkeys(self.key))

    def __len__(self):
        return self.ctx.client.hlen(self.key)


class RedisPending(MutableMapping):
    """url key -> record waiting for a listing date (P:<run>:pending). pop() claims a record atomically, so
    exactly one worker releases it."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.key = ctx.run_key("pending")

    def __getitem__(self, key):
        value = self.ctx.client.hget(self.key, key)
        if value is None:
            raise KeyError(key)
        return json.loads(value)

    def __setitem__(self, key, record):
        self.ctx.client.hset(self.key, key, json.dumps(record, ensure_ascii=False))

    def __delitem__(self, key):
        self.ctx.client.hdel(self.key, key)

    def pop(self, key, *default):
        value = self.ctx.claim_pending(key)
        if value is None:
            if default:
                return default[0]
            raise KeyError(key)
        return json.loads(value)

    def claim_all(self) -> dict[str, dict]:
        return {key: json.loads(value) for key, value in self.ctx.claim_all_pending().items()}

    def __iter__(self):
        return iter(k.decode("utf-8") for k in self.ctx.client.hkeys(self.key))

    def __len__(self):
        return self.ctx.client.hlen(self.key)


class RedisXjmswSpider(RedisMixin, XjmswSpider):
    name = "xjmsw"

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        configure(settings)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup_redis(crawler)
        return spider

    def setup_redis(self, crawler=None):
        """RedisMixin.setup_redis on the run's keys and connection (context.RedisHarvest)."""
        crawler = crawler or self.crawler
        settings = crawler.settings
        self.redis = ctx = redis_context(crawler)
        self.server = ctx.client
        self.redis_key = ctx.run_key("start_urls")
        self.redis_batch_size = settings.getint("CONCURRENT_REQUESTS", 16)
        self.redis_encoding = settings.get("REDIS_ENCODING", "utf-8")
        self.max_idle_time = settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE", 10.0)
        self.idle_since: float | None = None
        self.listing_dates = RedisDates(ctx)
        self.pending = RedisPending(ctx)
        self._warned_string_seed = False
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    # -- the start --------------------------------------------------------------------------------------

    def seeds(self) -> list[dict]:
        if self.article_url:
            return [{"url": self.article_url, "meta": {"single": True}, "priority": ARTICLE}]
        return [{"url": self.site.base_url, "meta": {"role": "home"}, "priority": LISTING}]

    async def start(self):
        if self.redis.claim_seed():
            self.redis.push_seeds(self.seeds())
            self.logger.info("Seeded run %s with %s", self.redis.run_id, self.site.base_url)
        for request in self.requests_from_seeds():
            yield request

    def requests_from_seeds(self):
        """The seeds of P:<run>:start_urls as requests; each leaves the list once its request is queued (the
        caller queues a request before asking for the next), so a worker killed here loses none."""
        while True:
            batch = self.redis.seeds(self.redis_batch_size)
            if not batch:
                return
            for data in batch:
                made = self.make_request_from_data(data)
                for request in made if isinstance(made, list) else [made]:
                    yield request
                self.redis.seed_done(data)

    def make_request_from_data(self, data):
        """A seed in scrapy-redis's JSON request format: {"url": ..., "meta": {...}, "priority": n}. A bare URL
        (the deprecated string form) is still read, with one warning."""
        text = bytes_to_str(data, self.redis_encoding)
        try:
            seed = json.loads(text)
        except ValueError:
            seed = None
        if not isinstance(seed, dict):
            if not self._warned_string_seed:
                self.logger.warning("A seed in %s is a bare URL (%s): use the JSON request format "
                                    '{"url": "...", "meta": {}}', self.redis_key, text[:200])
                self._warned_string_seed = True
            seed = {"url": text.strip()}
        url = seed.get("url")
        if not url:
            self.logger.warning("A seed in %s has no url: %s", self.redis_key, text[:200])
            return []
        meta = dict(seed.get("meta") or {})
        priority = int(seed.get("priority", LISTING))
        return self.request(url, priority, dont_filter=bool(seed.get("dont_filter")), **meta)

    def schedule_next_requests(self):
        for request in self.requests_from_seeds():
            self.crawler.engine.crawl(request)

    # -- idle, and the end ------------------------------------------------------------------------------

    def on_idle(self):
        """(XjmswSpider releases its undated records when it is idle: here that waits for the whole run.)"""

    def spider_idle(self):
        ctx = self.redis
        ctx.recover_dead()
        self.schedule_next_requests()
        left = ctx.activity()
        if left["queued"] or left["seeds"] or left["others"]:
            self.idle_since = None
            raise DontCloseSpider
        if left["mine"]:
            # Idle, yet requests recorded in flight here: none can still be running; give them back.
            scheduler = self.crawler.engine.scheduler
            count = ctx.requeue_all(ctx.worker_id)
            if scheduler is not None and hasattr(scheduler, "inflight"):
                scheduler.inflight.clear()
            self.logger.warning("%d request(s) were recorded in flight while the worker was idle: requeued", count)
            raise DontCloseSpider
        if left["pending"]:
            # The whole run is idle: no listing is left to date these records; one worker releases them.
            self.crawler.engine.crawl(scrapy.Request("data:,", callback=self.flush_pending, dont_filter=True,
                                                     priority=LISTING))
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.max_idle_time:
            raise DontCloseSpider
        self.logger.info("Nothing left to do in run %s for %.0f s: worker %s closes", ctx.run_id,
                         now - self.idle_since, ctx.worker_id)

    def flush_pending(self, response):
        for key, record in self.pending.claim_all().items():
            record["published"] = self.listing_dates.get(key)
            yield record
