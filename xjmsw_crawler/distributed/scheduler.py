"""The scheduler and dupefilter of a distributed crawl: scrapy-redis's, with two changes.

RedisScheduler   scrapy_redis.scheduler.Scheduler on the run's keys (context.py), persistent (the queue belongs
                 to every worker, and to the next worker after a crash), and with in-flight tracking: a request
                 taken from the queue is recorded in the worker's in-flight hash in the same Lua script, and
                 leaves it only when the engine is done with it (callback, items through the pipelines, the
                 requests it made queued: DistributedExtension calls `done`). A worker stopped before its
                 downloads ended puts them back (close); a killed one's are put back by the others.
RedisDupeFilter  scrapy_redis.dupefilter.RFPDupeFilter, but fingerprinting with the crawler's
                 REQUEST_FINGERPRINTER (scrapy-redis hashes canonicalize_url itself and ignores the setting), so
                 a distributed crawl dedupes exactly as a single-host one. Never cleared by a worker: the run's
                 end removes it (context.RedisHarvest.finish).

Requests travel through Redis pickled (scrapy-redis's default serializer, on Request.to_dict): callbacks by
name, meta whole, including the parsed pages of a multi-page article (`article_state`), so page n of an
article may be fetched by any worker.
"""

from __future__ import annotations

import logging

from scrapy.core.scheduler import BaseScheduler
from scrapy_redis import picklecompat
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from .context import redis_context

logger = logging.getLogger(__name__)


class RedisDupeFilter(RFPDupeFilter):
    def __init__(self, server, key, debug=False, fingerprinter=None):
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_crawler(cls, crawler):
        ctx = redis_context(crawler)
        return cls(ctx.client, ctx.run_key("dupefilter"), debug=crawler.settings.getbool("DUPEFILTER_DEBUG"),
                   fingerprinter=crawler.request_fingerprinter)

    def request_fingerprint(self, request) -> str:
        if self.fingerprinter is not None:
            return self.fingerprinter.fingerprint(request).hex()
        return super().request_fingerprint(request)

    def close(self, reason=""):
        """Shared with the other workers: not cleared when one of them closes."""


class RedisScheduler(Scheduler, BaseScheduler):
    def __init__(self, crawler, ctx, dupefilter):
        super().__init__(
            server=ctx.client, persist=True, flush_on_start=False, queue_key=ctx.queue_key,
            queue_cls=f"{PriorityQueue.__module__}.{PriorityQueue.__name__}", dupefilter=dupefilter,
            dupefilter_key=dupefilter.key, idle_before_close=0, serializer=picklecompat,
        )
        self.crawler = crawler
        self.ctx = ctx
        self.stats = crawler.stats
        self.inflight: dict = {}  # Request -> token in the worker's in-flight hash

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, redis_context(crawler), RedisDupeFilter.from_crawler(crawler))

    def open(self, spider):
        """scrapy-redis's open, without its Spider.log() call (deprecated in Scrapy 2.13+)."""
        self.spider = spider
        self.queue = PriorityQueue(server=self.server, spider=spider, key=self.queue_key, serializer=self.serializer)
        logger.info("Shared queue %s (%d request(s) waiting), dupefilter %s", self.queue_key, len(self.queue),
                    self.dupefilter_key)

    def enqueue_request(self, request):
        """scrapy-redis's, in one Lua script: the fingerprint enters the dupefilter and the request the queue
        together (a worker killed between the two would leave a URL seen and never fetched)."""
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        if not self.ctx.enqueue(self.dupefilter_key, fingerprint, -request.priority, self.queue._encode_request(request)):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        popped = self.ctx.pop()
        if popped is None:
            return None
        token, member, _ = popped
        try:
            request = self.queue._decode_request(member)
        except Exception:  # a request this code cannot rebuild (an older version's callback): dropped, said
            logger.exception("A request in the shared queue could not be decoded; dropped")
            self.ctx.done(token)
            self.stats.inc_value("xjmsw/redis/undecodable")
            return None
        self.inflight[request] = token
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def done(self, request) -> None:
        """The engine is done with request (DistributedExtension): it leaves the in-flight hash."""
        token = self.inflight.pop(request, None)
        if token is not None:
            self.ctx.done(token)

    def requeue_inflight(self) -> int:
        """Puts what this worker still has in flight back into the queue (the worker stops)."""
        count = 0
        for token in list(self.inflight.values()):
            count += self.ctx.requeue(token)
        self.inflight.clear()
        return count

    def close(self, reason):
        count = self.requeue_inflight()
        if count:
            logger.info("Put %d request(s) still in flight back into the shared queue (%s)", count, reason)
            self.stats.inc_value("xjmsw/redis/requeued_at_close", count)
        super().close(reason)  # persist: nothing is flushed
