"""The Scrapy components of a distributed crawl (added by spider.configure when XJMSW_REDIS_URL is set).

DistributedExtension   opens the worker's RedisHarvestSession (before HarvestExtension asks for one); tells the
                       scheduler when the engine is done with a request (its in-flight entry goes); polls the
                       shared queue (other workers fill it while this one waits) and recovers the in-flight
                       requests of dead workers; in `scrapy crawl` mode, leaves the run at the end
RedisArchivePipeline   the harvest's ArchivePipeline, choosing the version from Redis's latest word
"""

from __future__ import annotations

import logging
import time

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from xjmsw_crawler.harvest.components import ArchivePipeline, session_of
from xjmsw_crawler.parsers.normalize import url_key

from .context import redis_context

logger = logging.getLogger(__name__)


class DistributedExtension:
    def __init__(self, crawler):
        self.crawler = crawler
        self.ctx = redis_context(crawler)
        self.poll_interval = crawler.settings.getfloat("XJMSW_REDIS_POLL", 0.5)
        self.loop = None
        self.last_recovery = 0.0
        if crawler.settings.get("XJMSW_DATA_DIR") and getattr(crawler, "xjmsw_harvest", None) is None:
            from .state import RedisHarvestSession

            crawler.xjmsw_harvest = RedisHarvestSession(crawler, self.ctx)
        connect = crawler.signals.connect
        connect(self.spider_opened, signal=signals.spider_opened)
        connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("XJMSW_REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self, spider):
        self._track_completion()
        from twisted.internet import task

        self.loop = task.LoopingCall(self.poll)
        self.loop.start(self.poll_interval, now=False)

    def _track_completion(self) -> None:
        """The engine removes a request from its slot when everything it led to is done (the callback or
        errback ran, its items went through the pipelines, its requests are queued, or its redirect is):
        then, and only then, it leaves the worker's in-flight hash."""
        engine = self.crawler.engine
        scheduler = engine.scheduler
        slot = getattr(engine, "_slot", None)
        if slot is None or not hasattr(slot, "remove_request") or not hasattr(scheduler, "done"):
            raise RuntimeError("this Scrapy version's engine has no slot.remove_request: the distributed mode "
                               "cannot tell when a request is done (pin scrapy<2.20)")
        original = slot.remove_request

        def remove_request(request):
            try:
                scheduler.done(request)
            except Exception:  # a Redis hiccup must not break the engine: the entry is requeued at close
                logger.exception("Could not mark %s done in Redis", request)
            original(request)

        slot.remove_request = remove_request

    def poll(self) -> None:
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        if slot is None or slot.closing is not None:
            return
        now = time.monotonic()
        try:
            if now - self.last_recovery >= self.ctx.heartbeat / 4:
                self.last_recovery = now
                self.ctx.recover_dead()
        except Exception as exc:  # noqa: BLE001 - Redis briefly away: the next poll tries again
            logger.warning("Redis poll failed: %s", exc)
            return
        # Other workers may have queued requests since this one last asked: ask again (the engine's own
        # heartbeat would wait 5 s).
        slot.nextcall.schedule()

    def spider_closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        stats = self.crawler.stats
        stats.set_value("xjmsw/redis/recovered_requests", self.ctx.recovered)
        stats.set_value("xjmsw/redis/worker", self.ctx.worker_id)
        stats.set_value("xjmsw/redis/run", self.ctx.run_id)
        session = getattr(self.crawler, "xjmsw_harvest", None)
        if session is not None and hasattr(session.state, "conflicts"):
            stats.set_value("xjmsw/redis/version_conflicts", session.state.conflicts)
        if getattr(self.crawler, "xjmsw_redis_owned", False):
            # `scrapy crawl` mode: this crawl joined the run itself, so it also leaves it.
            try:
                if reason == "finished" and self.ctx.finish():
                    logger.info("Run %s is complete: its queue and dupefilter are removed", self.ctx.run_id)
            finally:
                self.ctx.leave()


class RedisArchivePipeline(ArchivePipeline):
    """ArchivePipeline with the article's row read fresh from Redis first (another worker may have archived a
    version since this one opened), so the version it writes follows the latest."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.session = session_of(crawler)

    def process_item(self, item, spider=None):
        known = getattr(self.session, "known", None)
        if hasattr(known, "refresh_key"):
            known.refresh_key(url_key(ItemAdapter(item)["url"]))
        return super().process_item(item, spider)
